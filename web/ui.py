"""The Gradio Blocks layout and its handlers: thin wiring over :class:`web.chat.ChatService` and
:class:`web.gallery.GalleryService`.

Images never pass through Gradio's file cache: the chat and the gallery's full view point at the
image route (``/api/images/{id}``), thumbnails are inline data URLs from the stored Base64, and a
PNG dropped in to restore its recipe is deleted as soon as it is read.
"""

from __future__ import annotations

from pathlib import Path

import gradio as gr
from gradio.utils import get_upload_folder

import prompts
from pipeline.backends.registry import Capability
from pipeline.errors import GenerationError
from pipeline.router import Router
from web import access_ui, gallery_html, picture_input, render, settings_openai
from web.chat import ChatService
from web.chat_settings import ChatSettings
from web.gallery import GalleryInputError, GalleryService, restore_from_image, restore_from_text
from web.gallery_tab import ask_to_confirm, gallery_handlers, gallery_layout, wire_gallery
from web import restore
from web.identity import People
from web.page_notes import status_markdown
from web.restore import Restored
from web.recipe import DEFAULT_SIZE, MAX_BATCH, Recipe, settings_for
from web.settings_local import local_controls
from web.shown_conversations import ShownConversations

SIZES = [DEFAULT_SIZE, "512x512", "768x768", "1024x1024", "512x768", "768x512", "1024x1792", "1792x1024"]
QUALITIES = ["default", "standard", "hd"]
CSS = """
#chat img { max-width: min(100%, 384px); border-radius: 6px; margin: 2px; vertical-align: top; }
#status { font-size: 0.85em; opacity: 0.8; }
#conversations { max-height: 560px; overflow-y: auto; }
#conversations label { width: 100%; }
""" + gallery_html.CSS
INTRO = "### imagechat\nDescribe a picture and watch it form. Follow up to change it: *now at night*, *make it a watercolor*, *another one*."


def _openai_settings(router: Router, backend: gr.Dropdown) -> tuple[gr.Dropdown, gr.State]:
    """The quality dropdown and the OpenAI options (web.settings_openai), or a plain quality
    dropdown when no backend offers per-model choices."""
    remote = router.offering(Capability.MODEL_CHOICE)
    if remote is not None and hasattr(remote, "option_choices"):
        panel = settings_openai.build(remote, backend)
        return panel.quality, panel.options
    return gr.Dropdown(QUALITIES, value="default", label="Quality (OpenAI)", elem_id="quality"), gr.State({})


def _login_name(request: gr.Request | None) -> str | None:
    """The person without web.identity: the --auth login name, else the one shared person."""
    return getattr(request, "username", None) if request is not None else None


def _forget_upload(path: str | None) -> None:
    """Remove a file Gradio saved for an upload, once read: only inside Gradio's upload folder."""
    if not path:
        return
    folder = Path(get_upload_folder()).resolve()
    file = Path(path).resolve()
    if folder in file.parents:
        file.unlink(missing_ok=True)
        try:
            file.parent.rmdir()  # Gradio keeps each upload in a folder of its own
        except OSError:
            pass


def build_ui(chat: ChatService, router: Router, gallery: GalleryService | None = None, *,
             warning: str | None = None, note: str | None = None, people: People | None = None) -> gr.Blocks:
    """``people`` says who each event's person is (web.identity); without it, the --auth login name."""
    tabs_shown = ShownConversations()
    _user = people.of_ui if people is not None else _login_name
    gallery = gallery or GalleryService(chat.store)
    backends = tuple(router.backends)

    # ---- conversations ---------------------------------------------------------------------------

    def conversation_list(current: str | None, user: str | None):
        choices = [(c.title or "Untitled", c.id) for c in chat.conversations(user)]
        return gr.Radio(choices=choices, value=current if any(v == current for _, v in choices) else None)

    def _session(request: gr.Request | None) -> str:
        return (getattr(request, "session_hash", None) or "") if request is not None else ""

    def on_load(request: gr.Request):
        conv_id, messages = chat.open_latest(_user(request))
        tabs_shown.show(_session(request), conv_id)
        return conv_id, messages, status_markdown(router)

    def on_list(conv_id: str | None, request: gr.Request):
        record = chat.conversation(conv_id, _user(request))
        return conversation_list(conv_id, _user(request)), record.title if record else ""

    def on_open(picked: str | None, request: gr.Request):
        record = chat.conversation(picked, _user(request))
        tabs_shown.show(_session(request), record.id if record else None)
        if record is None:
            return None, [], conversation_list(None, _user(request)), ""
        return record.id, chat.render_conversation(record.id, _user(request)), gr.Radio(), record.title

    def on_rename(conv_id: str | None, title: str, request: gr.Request):
        chat.rename_conversation(conv_id, title or "", _user(request))
        return on_list(conv_id, request)

    def on_delete_conversation(conv_id: str | None, request: gr.Request):
        chat.delete_conversation(conv_id, _user(request))
        tabs_shown.show(_session(request), None)
        return None, [], conversation_list(None, _user(request)), "", gr.Button(visible=False)

    def on_new(request: gr.Request):
        tabs_shown.show(_session(request), None)
        return None, [], conversation_list(None, _user(request)), ""

    def on_unload(request: gr.Request):
        tabs_shown.forget(_session(request))

    def on_retry_state(conv_id: str | None, request: gr.Request):
        return gr.Button(visible=chat.can_retry(conv_id, _user(request)))

    # ---- a turn, and the live view of a conversation ---------------------------------------------

    def on_submit(value, history: list, conv_id: str | None, request: gr.Request):
        text, picture = picture_input.message_parts(value)
        if picture and not text.strip():  # a picture alone: redraw it as it is, lightly
            text = "the same picture"
        if not text.strip():
            note = {"role": "assistant", "content": render.text_markdown(
                "Please describe the picture you want, e.g. “a lighthouse on a cliff at dusk”.")}
            return "", history + [note], conv_id, None
        conv_id, shown = chat.add_user_message(conv_id, text, _user(request))
        tabs_shown.show(_session(request), conv_id)
        pending = {"text": text, "picture": picture} if picture else text
        return None, history + [{"role": "user", "content": shown}], conv_id, pending

    def on_undo(history: list, conv_id: str | None, request: gr.Request):
        """The Undo button: "undo" sent as a message, understood like typed text."""
        _, history, conv_id, pending = on_submit("undo", history, conv_id, request)
        return history, conv_id, pending

    def view(conv_id: str | None, request: gr.Request):
        """The conversation, live until none of its pictures is forming; it ends quietly once
        this tab shows another conversation. Every frame is the whole conversation from the store,
        so views of one conversation (a second message's, a reload's, a second tab's) agree."""
        session = _session(request)
        frames = chat.watch_conversation(conv_id, _user(request),
                                         still_shown=lambda: tabs_shown.is_shown(session, conv_id))
        shown_any = False
        for frame in frames:
            shown_any = True
            yield frame
        if not shown_any:
            yield gr.skip()

    def live(conv_id: str | None, request: gr.Request):
        """Reattach: a page load, an opened conversation, a second tab follow its pictures still forming."""
        if not chat.has_unfinished(conv_id, _user(request)):
            yield gr.skip()
            return
        yield from view(conv_id, request)

    def after(begun, history: list, conv_id: str | None, request: gr.Request):
        if not chat.exists(conv_id, _user(request)):  # no conversation: the answer is not stored
            yield history + [{"role": "assistant", "content": begun.reply or ""}]
            return
        yield from view(conv_id, request)

    def respond(pending, history, conv_id, backend, style, size, steps, guidance, seed, negative, enhance, quality,
                llm_rewrite, batch=1, sampler="", clip_skip="", openai_options=None, strength=0, region=None,
                region_loaded=None,
                request: gr.Request = None):
        pending, attached = picture_input.pending_parts(pending)
        if pending is None or not conv_id:
            yield history
            return
        try:
            picture, mask = picture_input.read_upload(attached), None
        except GenerationError as exc:  # over the size limit: said before anything is read
            yield history + [{"role": "assistant", "content": render.text_markdown(exc.user_message)}]
            return
        finally:
            _forget_upload(attached)  # stored in the database by the turn; Gradio's copy is not needed
        painted, painted_mask = picture_input.editor_parts(region)
        picture_id = None
        if painted_mask is not None and picture is None:  # a region painted in "Edit a region"
            region_source = picture_input.region_source(chat.store, _user(request), region_loaded, painted,
                                                        painted_mask)
            picture, mask, picture_id = region_source.picture, region_source.mask, region_source.image_id
        settings = ChatSettings(backend, style, size, steps, guidance, seed, negative or "", bool(enhance), quality,
                                bool(llm_rewrite), batch, sampler=sampler, clip_skip=clip_skip,
                                openai=openai_options, picture=picture, mask=mask, strength=strength,
                                picture_id=picture_id)
        begun, reply = None, ""
        for item in chat.begin_stream(conv_id, pending, settings, _user(request)):
            if isinstance(item, str):  # a chat model's answer, shown as it arrives, like any chatbot's
                reply += item
                yield history + [{"role": "assistant", "content": render.text_markdown(reply)}]
            else:
                begun = item
        yield from after(begun, history, conv_id, request)

    def reroll(history, conv_id, request: gr.Request):
        # the new image joins the earlier ones in one message, side by side
        yield from after(chat.begin_reroll(conv_id, _user(request)), history, conv_id, request)

    def retry(history, conv_id, request: gr.Request):
        yield from after(chat.begin_retry(conv_id, _user(request)), history, conv_id, request)

    def on_stop(conv_id: str | None, request: gr.Request):
        """Cancel this conversation's pictures still waiting or forming, whichever tab started them
        (this one before a reload, another one, or none: the HTTP API)."""
        chat.stop(conv_id, _user(request))
        return chat.render_conversation(conv_id, _user(request))

    # ---- recipes into the settings ---------------------------------------------------------------

    def fill(recipe: Recipe, *, batch: int = 1, note: str = ""):
        s = settings_for(recipe, batch=batch, backends=backends)
        return (s.prompt, s.backend, s.style, s.size, s.steps, s.guidance, s.seed, s.negative, s.enhance, s.quality,
                s.batch, s.sampler, s.clip_skip, gr.Tabs(selected="chat"), note)

    def unchanged(note: str):
        return (*(gr.update() for _ in range(14)), note)

    def restore_from_file(path: str | None):
        if not path:
            return (*unchanged(""), None)
        try:
            with open(path, "rb") as f:
                data = f.read(32 * 1024 * 1024)
        finally:
            _forget_upload(path)
        try:
            restored = restore_from_image(data)
        except GalleryInputError as exc:
            return (*unchanged(render.text_markdown(str(exc))), None)
        return (*fill(restored.recipe, note=_restored(restored)), None)

    def restore_text_fn(text: str | None):
        try:
            restored = restore_from_text(text)
        except GalleryInputError as exc:
            return unchanged(render.text_markdown(str(exc)))
        return fill(restored.recipe, note=_restored(restored))

    # ---- the gallery -----------------------------------------------------------------------------

    gh = gallery_handlers(chat, gallery, _user, fill, _restored)

    # ---- layout ----------------------------------------------------------------------------------

    with gr.Blocks(title="imagechat", delete_cache=(600, 3600)) as demo:
        conv = gr.State(None)
        pending = gr.State(None)
        selected = gr.State(None)
        gpage = gr.State(1)
        gr.Markdown(INTRO)
        if warning:
            gr.Markdown(warning, elem_id="warning")
        if note:  # what is kept of a visitor, and for how long (--retention-days)
            gr.Markdown(note, elem_id="retention-note")
        status = gr.Markdown(elem_id="status")
        with gr.Tabs(elem_id="tabs", selected="chat") as tabs:
            with gr.Tab("Chat", id="chat", elem_id="tab-chat"):
                with gr.Row():
                    with gr.Column(scale=1, min_width=200):
                        conversations = gr.Radio([], label="Conversations", elem_id="conversations")
                        conv_title = gr.Textbox(label="Title", elem_id="conv-title", max_lines=1)
                        with gr.Row():
                            rename = gr.Button("Rename", elem_id="conv-rename", size="sm", min_width=60)
                            delete_conv = gr.Button("Delete", elem_id="conv-delete", size="sm", min_width=60)
                        delete_conv_sure = gr.Button("Delete this conversation for good", elem_id="conv-delete-confirm",
                                                     size="sm", variant="stop", visible=False)
                    with gr.Column(scale=4):
                        chatbot = gr.Chatbot(
                            elem_id="chat",
                            height=620,
                            latex_delimiters=[],
                            feedback_options=None,
                            placeholder="Describe a picture — “a fox in a snowy forest, watercolor” — and press Enter.",
                            label="imagechat",
                        )
                        with gr.Row():
                            box = picture_input.message_box()
                            send = gr.Button("Send", elem_id="send", variant="primary", scale=1, min_width=70)
                            stop = gr.Button("Stop", elem_id="stop", variant="stop", scale=1, min_width=70)
                            undo = gr.Button("Undo", elem_id="undo", scale=1, min_width=70)
                            again = gr.Button("Re-roll", elem_id="reroll", scale=1, min_width=70)
                            retry_button = gr.Button("Retry", elem_id="retry", scale=1, min_width=70, visible=False)
                            new = gr.Button("New chat", elem_id="new-chat", scale=1, min_width=70)
                        recipe_status = gr.Markdown(elem_id="recipe-status")
                        with gr.Accordion("Settings", open=False, elem_id="settings"):
                            with gr.Row():
                                backend = gr.Dropdown(["auto", *backends], value=router.default, label="Backend",
                                                      elem_id="backend")
                                style = gr.Dropdown(prompts.style_choices(), value="none", label="Style",
                                                    elem_id="style")
                                size = gr.Dropdown(SIZES, value=DEFAULT_SIZE, label="Size (WIDTHxHEIGHT)",
                                                   allow_custom_value=True, elem_id="size")
                            with gr.Row():
                                # Text, not gr.Number: a browser sends an empty number field as 0, which would
                                # silently replace "the model's default" (e.g. guidance 7.5) with 0. Empty here
                                # means default, and anything out of range comes back as a chat message.
                                steps = gr.Textbox(value="", label="Steps", placeholder="model default",
                                                   elem_id="steps", max_lines=1)
                                guidance = gr.Textbox(value="", label="Guidance", placeholder="model default",
                                                      elem_id="guidance", max_lines=1)
                                seed = gr.Textbox(value="", label="Seed (the seed used is always shown)",
                                                  placeholder="random", elem_id="seed", max_lines=1)
                                batch = gr.Slider(1, MAX_BATCH, value=1, step=1, label="Images per message",
                                                  elem_id="batch")
                                strength = picture_input.strength_slider()
                            negative = gr.Textbox(label="Negative prompt (what to avoid)", elem_id="negative")
                            local = local_controls()
                            with gr.Row():
                                enhance = gr.Checkbox(value=True, label="Enhance my prompt (off: send my words exactly)",
                                                      elem_id="enhance")
                                llm_rewrite = gr.Checkbox(value=False,
                                                          label="Rewrite with a chat model (needs OPENAI_API_KEY)",
                                                          elem_id="llm-rewrite")
                            quality, openai_options = _openai_settings(router, backend)
                        region, region_loaded = picture_input.region_editor(chat, conv, _user)
                        with gr.Accordion("Restore a recipe from a PNG or its parameters", open=False,
                                          elem_id="restore"):
                            with gr.Row():
                                recipe_file = gr.File(label="Drop a picture (PNG, JPEG, WebP) made here or by another "
                                                            "Stable Diffusion tool",
                                                      file_types=[".png", ".jpg", ".jpeg", ".webp"], type="filepath", elem_id="recipe-file")
                                with gr.Column():
                                    recipe_text = gr.Textbox(label="…or paste its parameters text", lines=4,
                                                             elem_id="recipe-text")
                                    restore_text = gr.Button("Restore these parameters", elem_id="restore-recipe")
            g = gallery_layout(backends)
            if people is not None:
                access_ui.access_tab(people, chat.store)

        settings = [backend, style, size, steps, guidance, seed, negative, enhance, quality, llm_rewrite, batch,
                    *local.inputs, openai_options, strength, region, region_loaded]
        filled = [box, backend, style, size, steps, guidance, seed, negative, enhance, quality, batch, *local.inputs,
                  tabs, recipe_status]
        conv_outputs = [conv, chatbot, conversations, conv_title]
        private = dict(api_visibility="private")

        # Every event that shows a conversation live; each then says whether Retry applies.
        # trigger_mode="multiple": a message sent while a picture forms starts its own turn at once.
        streamed = dict(concurrency_limit=None, show_progress="hidden", trigger_mode="multiple")
        views = []
        for i, trigger in enumerate((box.submit, send.click)):
            # The Enter key's pair is the documented API (send_message, then respond); the button repeats it.
            visibility = "public" if i == 0 else "undocumented"
            added = trigger(on_submit, [box, chatbot, conv], [box, chatbot, conv, pending], queue=False,
                            api_name="send_message" if i == 0 else "send_message_button", api_visibility=visibility)
            added.then(on_list, [conv], [conversations, conv_title], queue=False, **private)
            # concurrency_limit=None: handlers only wait on job events; the job runner decides what runs.
            views.append(added.then(respond, [pending, chatbot, conv, *settings], [chatbot], **streamed,
                                    api_name="respond" if i == 0 else "respond_button", api_visibility=visibility))
        undone = undo.click(on_undo, [chatbot, conv], [chatbot, conv, pending], queue=False, api_name="undo")
        undone.then(on_list, [conv], [conversations, conv_title], queue=False, **private)
        views.append(undone.then(respond, [pending, chatbot, conv, *settings], [chatbot], **streamed, **private))
        views.append(again.click(reroll, [chatbot, conv], [chatbot], **streamed, api_name="reroll"))
        views.append(retry_button.click(retry, [chatbot, conv], [chatbot], **streamed, api_name="retry"))
        varied = g.vary.click(gh.variations, [selected], filled, **private).success(
            on_submit, [box, chatbot, conv], [box, chatbot, conv, pending], queue=False, **private)
        varied.then(on_list, [conv], [conversations, conv_title], queue=False, **private)
        views.append(varied.then(respond, [pending, chatbot, conv, *settings], [chatbot], **streamed, **private))
        stopped = stop.click(on_stop, [conv], [chatbot], queue=False, api_name="stop")
        new_chat = new.click(on_new, None, conv_outputs, queue=False, api_name="new_chat")
        opened = conversations.input(on_open, [conversations], conv_outputs, queue=False, api_name="open_conversation")
        views.append(opened.then(live, [conv], [chatbot], **streamed, **private))
        rename.click(on_rename, [conv, conv_title], [conversations, conv_title], queue=False,
                     api_name="rename_conversation")
        conv_title.submit(on_rename, [conv, conv_title], [conversations, conv_title], queue=False, **private)
        delete_conv.click(ask_to_confirm, None, [delete_conv_sure], queue=False, **private)
        deleted = delete_conv_sure.click(on_delete_conversation, [conv], [*conv_outputs, delete_conv_sure],
                                         queue=False, api_name="delete_conversation")
        loaded = demo.load(on_load, None, [conv, chatbot, status], queue=False, api_name="open_latest")
        loaded.then(on_list, [conv], [conversations, conv_title], queue=False, **private)
        views.append(loaded.then(live, [conv], [chatbot], **streamed, **private))
        for event in (*views, stopped, new_chat, deleted, loaded, opened):
            event.then(on_retry_state, [conv], [retry_button], queue=False, **private)
        demo.unload(on_unload)

        recipe_file.upload(restore_from_file, [recipe_file], [*filled, recipe_file], api_name="restore_from_png",
                           api_visibility="undocumented")
        restore_text.click(restore_text_fn, [recipe_text], filled, api_name="restore_recipe")

        wire_gallery(g, gh, gpage=gpage, selected=selected, filled=filled, seed=seed, tabs=tabs,
                     recipe_status=recipe_status, private=private)
    return demo


def _restored(restored: Restored) -> str:
    return render.text_markdown(restore.summary(restored))
