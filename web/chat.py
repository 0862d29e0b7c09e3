"""The chat's logic, free of Gradio: store the message, engineer the prompt, submit the job,
turn its events into frames of markdown. The Blocks handlers in ``web.ui`` are thin on top."""

from __future__ import annotations

import math
import re
import time
from dataclasses import dataclass
from typing import Callable, Iterator

import prompts
from pipeline.errors import GenerationError, InvalidRequest
from pipeline.events import Cancelled, Failed, Finished, Progress, Queued, Started
from pipeline.jobs import JobRunner
from pipeline.request import SEED_MAX, GenerationRequest
from pipeline.router import Router
from storage import Store
from web import render

MAX_MESSAGE_CHARS = 20_000  # longer messages are cut (with a note) before anything else sees them
DEFAULT_SIZE = "Model default"


@dataclass(frozen=True)
class ChatSettings:
    """The settings accordion, as the handlers receive it (raw widget values)."""

    backend: str = "auto"
    style: str = "none"
    size: str = DEFAULT_SIZE
    steps: float | str | None = None  # None or "": the model's default
    guidance: float | str | None = None
    seed: float | str | None = None  # None, "" or -1: random
    negative: str = ""
    enhance: bool = True
    quality: str = "default"
    llm_rewrite: bool = False  # let a chat model rewrite the prompt (needs OPENAI_API_KEY)


@dataclass(frozen=True)
class Begun:
    """What starting a turn gave: a running job to watch, or an immediate reply."""

    job_id: str | None = None
    view: render.LiveView | None = None
    reply: str | None = None  # markdown, already stored as the assistant's message


class ChatService:
    def __init__(
        self,
        store: Store,
        jobs: JobRunner,
        router: Router,
        *,
        tokenizer: Callable[[], object | None] = lambda: None,
        llm: prompts.LLMConfig | None = None,
        frame_interval_s: float = 0.25,
    ):
        self.store = store
        self.jobs = jobs
        self.router = router
        self._tokenizer = tokenizer
        self._llm = llm
        self._frame_interval = frame_interval_s

    # ---- conversations ---------------------------------------------------------------------------

    def open_latest(self, user: str | None) -> tuple[str | None, list[dict]]:
        conv = self.store.latest_conversation(user)
        return conv, self.render_conversation(conv)

    def render_conversation(self, conv_id: str | None) -> list[dict]:
        if not conv_id:
            return []
        return render.conversation_messages(self.store.messages(conv_id))

    def add_user_message(self, conv_id: str | None, text: str, user: str | None) -> tuple[str, str]:
        """Store what was typed (the whole of it); returns (conversation id, message as shown)."""
        if not conv_id or self.store.get_conversation(conv_id) is None:
            conv_id = self.store.create_conversation(user=user)
        self.store.add_message(conv_id, "user", text)
        return conv_id, render.text_markdown(text)

    # ---- one turn --------------------------------------------------------------------------------

    def begin(self, conv_id: str, text: str, settings: ChatSettings, user: str | None) -> Begun:
        try:
            return self._begin(conv_id, text, settings, user)
        except (GenerationError, prompts.PromptError) as exc:
            message = exc.user_message if isinstance(exc, GenerationError) else str(exc)
            return self._reply(conv_id, message, {"status": "rejected", "reason": getattr(exc, "reason", "prompt")})

    def _begin(self, conv_id: str, text: str, settings: ChatSettings, user: str | None) -> Begun:
        warnings: list[str] = []
        if len(text) > MAX_MESSAGE_CHARS:
            warnings.append(f"Your message was {len(text):,} characters; only the first {MAX_MESSAGE_CHARS:,} were used.")
            text = text[:MAX_MESSAGE_CHARS]
        if not text.strip():
            raise prompts.PromptError("Please describe the picture you want, e.g. “a lighthouse on a cliff at dusk”.")
        draft = self._request_from_settings(settings, conv_id, user)
        backend = self.router.pick(draft)
        target = prompts.target_for(backend.name, backend.model_name(draft))
        history = self._turns(conv_id)
        engineered = prompts.engineer(
            text,
            history,
            style=settings.style or "none",
            target=target,
            enhance=bool(settings.enhance),
            negative=settings.negative or "",
            seed=draft.seed,
            tokenizer=self._tokenizer() if backend.name == "local" else None,
            llm=self._llm if settings.llm_rewrite else None,
        )
        if settings.llm_rewrite and self._llm is None:
            warnings.append("Prompt rewriting by a chat model needs OPENAI_API_KEY; the built-in rules were used.")
        if engineered.intent == "chat":
            return self._reply(conv_id, engineered.reply or "", {"status": "chat"}, escape=False)
        seed = draft.seed
        if engineered.seed_policy == "same" and seed is None:
            seed = self._previous_seed(conv_id)
        request = draft.with_(
            prompt=engineered.prompt,
            prompt_typed=text,
            negative_prompt=engineered.negative_prompt,
            style=engineered.style,
            seed=seed,
            warnings=tuple(warnings) + tuple(engineered.warnings),
            changes=tuple(engineered.changes),
        )
        job_id = self.jobs.submit(request)
        view = render.LiveView(
            typed=text,
            prompt_sent=engineered.prompt,
            warnings=request.warnings,
            changes=tuple(engineered.changes),
        )
        return Begun(job_id=job_id, view=view)

    def watch(self, job_id: str, view: render.LiveView) -> Iterator[str]:
        """Markdown frames for the assistant's message, at most a few a second, ending with the result."""
        started_at: float | None = None
        last_frame = 0.0
        # the heartbeat refreshes elapsed time; never below 0.1 s, so waiting never becomes spinning
        for event in self.jobs.events(job_id, latest_only=True, heartbeat_s=max(self._frame_interval, 0.1)):
            now = time.monotonic()
            if isinstance(event, Queued):
                view.queue_position = event.position
            elif isinstance(event, Started):
                started_at = now
                view.started = True
                view.backend, view.model, view.seed = event.backend, event.model, event.seed
                view.total = event.total_steps
            elif isinstance(event, Progress):
                view.started = True
                view.step, view.total, view.eta_s = event.step, event.total, event.eta_s
                if event.preview:
                    view.preview_jpeg = event.preview
            elif isinstance(event, (Finished, Failed, Cancelled)):
                yield self.final_markdown(event)
                return
            if started_at is not None:
                view.elapsed_s = now - started_at
            if now - last_frame >= self._frame_interval:
                last_frame = now
                yield render.progress_markdown(view)

    def final_markdown(self, event: Finished | Failed | Cancelled) -> str:
        if isinstance(event, Finished) and event.image_id:
            record = self.store.image_record(event.image_id)
            if record is not None:
                return render.result_markdown(record)
        if isinstance(event, Failed):
            return render.text_markdown(event.user_message)
        return render.text_markdown("Cancelled: the image was not finished.")

    def cancel_and_wait(self, job_id: str | None, timeout: float = 10.0) -> bool:
        if not job_id or not self.jobs.cancel(job_id):
            return False
        try:
            self.jobs.wait(job_id, timeout=timeout)
        except (TimeoutError, KeyError):
            pass
        return True

    # ---- helpers ---------------------------------------------------------------------------------

    def _reply(self, conv_id: str, text: str, meta: dict, *, escape: bool = True) -> Begun:
        self.store.add_message(conv_id, "assistant", text, meta=meta)
        return Begun(reply=render.text_markdown(text) if escape else text)

    def _turns(self, conv_id: str) -> list[prompts.Turn]:
        turns = []
        records = self.store.messages(conv_id)
        for rec in records[:-1]:  # the last one is the message being answered
            if rec.role == "assistant" and rec.image is not None:
                image = rec.image
                turns.append(prompts.Turn(
                    "assistant",
                    "",
                    prompt=(image.extra or {}).get("prompt_requested") or image.prompt_sent,
                    style=image.style or None,
                    negative_prompt=image.negative_prompt or None,
                ))
            else:
                turns.append(prompts.Turn(rec.role, rec.content))
        return turns

    def _previous_seed(self, conv_id: str) -> int | None:
        for rec in reversed(self.store.messages(conv_id)):
            if rec.image is not None and rec.image.seed is not None:
                return rec.image.seed
        return None

    def _request_from_settings(self, s: ChatSettings, conv_id: str, user: str | None) -> GenerationRequest:
        width, height = parse_size(s.size)
        return GenerationRequest(
            prompt="",
            backend=s.backend or "auto",
            width=width,
            height=height,
            steps=_whole(s.steps, "steps", allow_zero_as_default=True),
            guidance=_number(s.guidance, "guidance"),
            seed=_seed(s.seed),
            quality=None if not s.quality or s.quality == "default" else s.quality,
            conversation_id=conv_id,
            user=user,
        )


_SIZE = re.compile(r"^\s*(\d{1,6})\s*[x×X*]\s*(\d{1,6})\s*$")


def parse_size(value: str | None) -> tuple[int | None, int | None]:
    if not value or value.strip().lower() in ("", "default", DEFAULT_SIZE.lower()):
        return None, None
    m = _SIZE.match(value.split("(")[0])
    if not m:
        raise InvalidRequest("size", f"Size {value!r} is not WIDTHxHEIGHT, e.g. 512x512.")
    return int(m.group(1)), int(m.group(2))


def _number(value: float | str | None, field: str) -> float | None:
    if isinstance(value, str):
        value = value.strip()
    if value is None or value == "":
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise InvalidRequest(field, f"{field.capitalize()} must be a number, not {value!r}.") from None
    if not math.isfinite(number):
        raise InvalidRequest(field, f"{field.capitalize()} must be a finite number.")
    return number


def _whole(value: float | str | None, field: str, *, allow_zero_as_default: bool = False) -> int | None:
    number = _number(value, field)
    if number is None or (allow_zero_as_default and number == 0):
        return None
    if number != int(number):
        raise InvalidRequest(field, f"{field.capitalize()} must be a whole number, not {number:g}.")
    return int(number)


def _seed(value: float | str | None) -> int | None:
    seed = _whole(value, "seed")
    if seed is None or seed == -1:
        return None
    if not 0 <= seed <= SEED_MAX:
        raise InvalidRequest("seed", f"Seed must be between 0 and 4294967295 (or -1 for random), not {seed}.")
    return seed
