"""The Access tab: who can see what here, API tokens (made here, shown once), and on a Space
"Sign in with Hugging Face" with the offer to bring this browser's history along."""

from __future__ import annotations

import gradio as gr

from storage import Store, StorageError
from storage.tokens import claim
from web import render
from web.identity import People, who_sees_what

TOKEN_SHOWN_ONCE = "Copy this token now: it is not shown again. Send it as `Authorization: Bearer <token>`."


def access_tab(people: People, store: Store) -> None:
    """Build the tab inside the current gr.Tabs and wire its events."""
    tokens = people.tokens

    def token_choices(user: str | None) -> list[tuple[str, str]]:
        if tokens is None or user is None:
            return []
        return [(f"{t.label or 'token'} · …{t.hint} · made {t.created_at:%Y-%m-%d %H:%M} UTC", t.id)
                for t in tokens.list(user)]

    def refresh(request: gr.Request):
        user = people.of_ui(request)
        return gr.Dropdown(choices=token_choices(user), value=None), _who(request)

    def create(label: str, request: gr.Request):
        user = people.of_ui(request)
        if tokens is None or user is None:
            return gr.Textbox(value="", visible=False), "API tokens are not used here.", gr.Dropdown()
        try:
            record, token = tokens.create(user, label or "")
        except StorageError as exc:
            return gr.Textbox(value="", visible=False), render.text_markdown(exc.user_message), gr.Dropdown()
        # The token is in this answer only: the database keeps its hash.
        return (gr.Textbox(value=token, visible=True), TOKEN_SHOWN_ONCE,
                gr.Dropdown(choices=token_choices(user), value=None))

    def revoke(token_id: str | None, request: gr.Request):
        user = people.of_ui(request)
        if tokens is None or user is None or not token_id:
            return "Pick a token to revoke first.", gr.Dropdown()
        done = tokens.revoke(token_id, user)
        note = "Revoked: that token no longer works." if done else "That token was already revoked."
        return note, gr.Dropdown(choices=token_choices(user), value=None)

    def _who(request: gr.Request) -> str:
        """Whose history this browser shows, and whether it can take an anonymous one along."""
        user, visitor = people.of_ui(request), people.visitor(request)
        if people.hf_oauth and user and visitor and user != visitor:
            mine = len(store.list_conversations(visitor)) + store.count_images(visitor)
            extra = (f" This browser also kept things before you signed in ({mine} conversations and pictures): "
                     "press *Bring them to my account* to keep them with your account." if mine else "")
            return f"Signed in as **{render.escape_text(user.partition(':')[2])}**.{extra}"
        return ""

    def bring_along(request: gr.Request):
        user, visitor = people.of_ui(request), people.visitor(request)
        if not (people.hf_oauth and user and visitor and user != visitor):
            return "Sign in with Hugging Face first."
        moved = claim(store, visitor, user, tokens)
        return (f"Moved {moved.moved.get('conversations', 0)} conversations and {moved.moved.get('images', 0)} "
                "pictures to your account. Reload the page to see them.")

    with gr.Tab("Access", id="access", elem_id="tab-access") as tab:
        gr.Markdown("**Who can see what here.** " + who_sees_what(people.mode, hf_oauth=people.hf_oauth),
                    elem_id="access-who")
        account = gr.Markdown(elem_id="access-account")
        if people.hf_oauth:
            with gr.Row():
                gr.LoginButton(elem_id="hf-login")
                claim_button = gr.Button("Bring them to my account", elem_id="hf-claim", size="sm")
            claimed = gr.Markdown(elem_id="hf-claimed")
            claim_button.click(bring_along, None, [claimed], queue=False, api_visibility="private")
        if tokens is not None:
            gr.Markdown("**API tokens** let a program act as you: `Authorization: Bearer <token>` on any `/api` "
                        "route (see `/docs`). Only a hash of each token is kept.")
            with gr.Row():
                label = gr.Textbox(label="What is it for?", placeholder="e.g. my script", elem_id="api-token-label",
                                   max_lines=1, scale=3)
                make = gr.Button("Create a token", elem_id="api-token-create", variant="primary", scale=1)
            shown = gr.Textbox(label="Your new token", elem_id="api-token-new", visible=False, interactive=False,
                               buttons=["copy"])
            note = gr.Markdown(elem_id="api-token-note")
            with gr.Row():
                existing = gr.Dropdown([], label="Your tokens", elem_id="api-token-list", scale=3)
                drop = gr.Button("Revoke", elem_id="api-token-revoke", variant="stop", scale=1)
            private = dict(queue=False, api_visibility="private")
            tab.select(refresh, None, [existing, account], **private)
            make.click(create, [label], [shown, note, existing], **private)
            drop.click(revoke, [existing], [note, existing], **private)
        else:
            def who_only(request: gr.Request) -> str:
                return _who(request)

            tab.select(who_only, None, [account], queue=False, api_visibility="private")
