"""The Gradio Blocks layout and its handlers: thin wiring over :class:`web.chat.ChatService`."""

from __future__ import annotations

import threading

import gradio as gr

import prompts
from pipeline.router import Router
from web import render
from web.chat import DEFAULT_SIZE, ChatService, ChatSettings

SIZES = [DEFAULT_SIZE, "512x512", "768x768", "1024x1024", "512x768", "768x512", "1024x1792", "1792x1024"]
QUALITIES = ["default", "standard", "hd"]
CSS = """
#chat img { max-width: min(100%, 384px); border-radius: 6px; }
#status { font-size: 0.85em; opacity: 0.8; }
"""
INTRO = "### imagechat\nDescribe a picture and watch it form. Follow up to change it: *now at night*, *make it a watercolor*, *another one*."


class _ActiveJobs:
    """Which job each browser session is watching, so its Stop button cancels the right one."""

    def __init__(self):
        self._lock = threading.Lock()
        self._by_session: dict[str, str] = {}

    def set(self, session: str, job_id: str) -> None:
        with self._lock:
            self._by_session[session] = job_id

    def pop(self, session: str, job_id: str | None = None) -> str | None:
        with self._lock:
            current = self._by_session.get(session)
            if job_id is None or current == job_id:
                return self._by_session.pop(session, None)
            return None


def status_markdown(router: Router) -> str:
    parts = []
    for s in router.status():
        mark = "🟢" if s.available else "⚪"
        detail = render.escape_text(s.model) if s.available else render.escape_text(s.why)
        parts.append(f"{mark} **{s.name}**: {detail}")
    return " · ".join(parts) + f" · backend choice: **{router.default}**"


def build_ui(chat: ChatService, router: Router) -> gr.Blocks:
    active = _ActiveJobs()

    def on_load(request: gr.Request):
        conv_id, messages = chat.open_latest(request.username)
        return conv_id, messages, status_markdown(router)

    def on_submit(text: str | None, history: list, conv_id: str | None, request: gr.Request):
        text = text or ""
        if not text.strip():
            note = {"role": "assistant", "content": render.text_markdown(
                "Please describe the picture you want, e.g. “a lighthouse on a cliff at dusk”.")}
            return "", history + [note], conv_id, None
        conv_id, shown = chat.add_user_message(conv_id, text, request.username)
        return "", history + [{"role": "user", "content": shown}], conv_id, text

    def respond(pending, history, conv_id, backend, style, size, steps, guidance, seed, negative, enhance, quality,
                llm_rewrite, request: gr.Request):
        if pending is None or not conv_id:
            yield history
            return
        settings = ChatSettings(backend, style, size, steps, guidance, seed, negative or "", bool(enhance), quality,
                                bool(llm_rewrite))
        begun = chat.begin(conv_id, pending, settings, request.username)
        if begun.job_id is None:
            yield history + [{"role": "assistant", "content": begun.reply or ""}]
            return
        session = request.session_hash or ""
        active.set(session, begun.job_id)
        history = history + [{"role": "assistant", "content": render.progress_markdown(begun.view)}]
        yield history
        try:
            for frame in chat.watch(begun.job_id, begun.view):
                history[-1] = {"role": "assistant", "content": frame}
                yield history
        finally:
            # A closed tab ends this generator; the job runs on and its image is stored.
            active.pop(session, begun.job_id)

    def on_stop(conv_id: str | None, request: gr.Request):
        job_id = active.pop(request.session_hash or "")
        chat.cancel_and_wait(job_id)
        return chat.render_conversation(conv_id)

    def on_new():
        return None, []

    with gr.Blocks(title="imagechat") as demo:
        conv = gr.State(None)
        pending = gr.State(None)
        gr.Markdown(INTRO)
        status = gr.Markdown(elem_id="status")
        chatbot = gr.Chatbot(
            elem_id="chat",
            height=620,
            latex_delimiters=[],
            feedback_options=None,
            placeholder="Describe a picture — “a fox in a snowy forest, watercolor” — and press Enter.",
            label="imagechat",
        )
        with gr.Row():
            box = gr.Textbox(elem_id="prompt", placeholder="Describe a picture…", show_label=False, scale=8,
                             autofocus=True, max_lines=6)
            send = gr.Button("Send", elem_id="send", variant="primary", scale=1, min_width=80)
            stop = gr.Button("Stop", elem_id="stop", variant="stop", scale=1, min_width=80)
            new = gr.Button("New chat", elem_id="new-chat", scale=1, min_width=80)
        with gr.Accordion("Settings", open=False, elem_id="settings"):
            with gr.Row():
                backend = gr.Dropdown(["auto", "local", "openai"], value=router.default, label="Backend", elem_id="backend")
                style = gr.Dropdown(prompts.style_choices(), value="none", label="Style", elem_id="style")
                size = gr.Dropdown(SIZES, value=DEFAULT_SIZE, label="Size (WIDTHxHEIGHT)", allow_custom_value=True,
                                   elem_id="size")
                quality = gr.Dropdown(QUALITIES, value="default", label="Quality (OpenAI)", elem_id="quality")
            with gr.Row():
                # Text, not gr.Number: a browser sends an empty number field as 0, which would silently
                # replace "the model's default" (e.g. guidance 7.5) with 0. Empty here means default, and
                # anything out of range comes back as a chat message naming the setting.
                steps = gr.Textbox(value="", label="Steps", placeholder="model default", elem_id="steps", max_lines=1)
                guidance = gr.Textbox(value="", label="Guidance", placeholder="model default", elem_id="guidance",
                                      max_lines=1)
                seed = gr.Textbox(value="", label="Seed (the seed used is always shown)", placeholder="random",
                                  elem_id="seed", max_lines=1)
            negative = gr.Textbox(label="Negative prompt (what to avoid)", elem_id="negative")
            with gr.Row():
                enhance = gr.Checkbox(value=True, label="Enhance my prompt (off: send my words exactly)",
                                      elem_id="enhance")
                llm_rewrite = gr.Checkbox(value=False, label="Rewrite with a chat model (needs OPENAI_API_KEY)",
                                          elem_id="llm-rewrite")

        settings = [backend, style, size, steps, guidance, seed, negative, enhance, quality, llm_rewrite]
        generations = []
        for i, trigger in enumerate((box.submit, send.click)):
            # The Enter key's pair is the documented API (send_message, then respond); the button repeats it.
            visibility = "public" if i == 0 else "undocumented"
            added = trigger(on_submit, [box, chatbot, conv], [box, chatbot, conv, pending], queue=False,
                            api_name="send_message" if i == 0 else "send_message_button", api_visibility=visibility)
            # concurrency_limit=None: handlers only wait on job events; the job runner decides what runs.
            generations.append(added.then(respond, [pending, chatbot, conv, *settings], [chatbot],
                                          concurrency_limit=None, show_progress="hidden",
                                          api_name="respond" if i == 0 else "respond_button", api_visibility=visibility))
        stop.click(on_stop, [conv], [chatbot], cancels=generations, queue=False, api_name="stop")
        new.click(on_new, None, [conv, chatbot], queue=False, api_name="new_chat")
        demo.load(on_load, None, [conv, chatbot, status], queue=False, api_name="open_latest")
    return demo
