"""The chat's logic, free of Gradio: store the message, engineer the prompt, submit the job,
turn its events into frames of markdown. The Blocks handlers in ``web.ui`` are thin on top."""

from __future__ import annotations

import math
import queue
import random
import re
import threading
import time
from dataclasses import dataclass
from typing import Callable, Iterator

import prompts
from pipeline.errors import GenerationError, InvalidRequest
from pipeline.events import Cancelled, Failed, Finished, Progress, Queued, Started
from pipeline.jobs import JobRunner
from pipeline.request import SEED_MAX, GenerationRequest
from pipeline.router import Router
from storage import ConversationRecord, Store
from conversation.service import MAX_MESSAGE_CHARS, TurnRefused, TurnService, TurnSettings  # noqa: F401
from prompts.llm import RewriteFailed, build_messages, rewrite
from web import render
from web.recipe import DEFAULT_SIZE, MAX_BATCH, Recipe, batch_seeds


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
    batch: float | str | None = 1  # images per message, 1-4


@dataclass(frozen=True)
class Begun:
    """What starting a turn gave: running jobs to watch (one per image), or an immediate reply."""

    job_ids: tuple[str, ...] = ()
    views: tuple[render.LiveView, ...] = ()
    reply: str | None = None  # markdown, already stored as the assistant's message
    notes: tuple[str, ...] = ()  # already stored too: e.g. why only some of a batch were queued

    @property
    def job_id(self) -> str | None:
        return self.job_ids[0] if self.job_ids else None

    @property
    def view(self) -> render.LiveView | None:
        return self.views[0] if self.views else None


class ChatService:
    def __init__(
        self,
        store: Store,
        jobs: JobRunner,
        router: Router,
        turns: TurnService | None = None,
        *,
        tokenizer: Callable[[], object | None] = lambda: None,
        llm: prompts.LLMConfig | None = None,
        frame_interval_s: float = 0.25,
    ):
        self.store = store
        self.jobs = jobs
        self.router = router
        self.turns = turns or TurnService(store, jobs, router, tokenizer=tokenizer)
        self._tokenizer = tokenizer
        self._llm = llm
        self._frame_interval = frame_interval_s

    # ---- conversations (every call names the person; storage filters by them) -----------------

    def open_latest(self, user: str | None) -> tuple[str | None, list[dict]]:
        conv = self.store.latest_conversation(user)
        return conv, self.render_conversation(conv, user)

    def conversation(self, conv_id: str | None, user: str | None) -> ConversationRecord | None:
        """``user``'s conversation, or None (missing, or someone else's: the same answer)."""
        if not conv_id:
            return None
        return self.store.get_conversation(conv_id, user=user)

    def render_conversation(self, conv_id: str | None, user: str | None = None) -> list[dict]:
        if not conv_id:
            return []
        return render.conversation_messages(self.store.messages(conv_id, user=user))

    def conversations(self, user: str | None, limit: int = 50) -> list[ConversationRecord]:
        return self.store.list_conversations(user, limit=limit)

    def rename_conversation(self, conv_id: str | None, title: str, user: str | None) -> bool:
        title = " ".join((title or "").split())[:200]
        if not conv_id or not title:
            return False
        return self.store.rename_conversation(conv_id, title, user=user)

    def delete_conversation(self, conv_id: str | None, user: str | None) -> bool:
        return bool(conv_id) and self.store.delete_conversation(conv_id, user=user)

    def add_user_message(self, conv_id: str | None, text: str, user: str | None) -> tuple[str, str]:
        """The conversation the message goes to (made when there is none) and the message as
        shown; the turn itself stores it, with what was understood."""
        if self.conversation(conv_id, user) is None:
            conv_id = self.store.create_conversation(user=user)
        return conv_id, render.text_markdown(text)

    # ---- one turn --------------------------------------------------------------------------------

    def begin(self, conv_id: str, text: str, settings: ChatSettings, user: str | None) -> Begun:
        try:
            if self.conversation(conv_id, user) is None:
                raise prompts.PromptError("That conversation no longer exists. Start a new chat and try again.")
            return self._begin(conv_id, text, settings, user)
        except (GenerationError, prompts.PromptError) as exc:
            message = exc.user_message if isinstance(exc, GenerationError) else str(exc)
            if self.conversation(conv_id, user) is None:
                return Begun(reply=render.text_markdown(message))
            return self._reply(conv_id, message, {"status": "rejected", "reason": getattr(exc, "reason", "prompt")})

    def _begin(self, conv_id: str, text: str, settings: ChatSettings, user: str | None) -> Begun:
        warnings: list[str] = []
        if not text.strip():
            raise prompts.PromptError("Please describe the picture you want, e.g. “a lighthouse on a cliff at dusk”.")
        try:
            turn_settings = self._turn_settings(settings)
            rewrite = self._rewriter(warnings) if settings.llm_rewrite else None
            turn = self.turns.start_turn(user, conv_id, text, turn_settings, rewrite=rewrite)
        except (GenerationError, TurnRefused) as exc:
            self.store.add_message(conv_id, "user", text)  # kept, and answered with what is wrong
            if isinstance(exc, TurnRefused):
                raise InvalidRequest(exc.field, str(exc)) from None
            raise
        if not turn.tasks:
            shown = render.text_markdown(turn.reply or "")
            if turn.notes:
                shown += "\n\n" + "\n\n".join(f"⚠️ {render.escape_text(n)}" for n in turn.notes)
            return Begun(reply=shown)
        views = tuple(
            render.LiveView(typed=text, prompt_sent=t.prompt_sent, warnings=tuple(warnings + t.warnings + turn.notes),
                            changes=(f"understood: {turn.understood}",))
            for t in turn.tasks
        )
        partial = (turn.refused,) if turn.refused else ()
        return Begun(job_ids=tuple(t.task_id for t in turn.tasks), views=views, notes=partial)

    def _rewriter(self, warnings: list[str]):
        """The optional prompt rewrite by a chat model (the settings' switch), as the turn's hook."""
        llm = self._llm
        if llm is None:
            warnings.append("Prompt rewriting by a chat model needs OPENAI_API_KEY; the built-in rules were used.")
            return None

        def rewrite_prompt(draft: str, typed: str, target: str) -> tuple[str, str | None]:
            tgt = prompts.get_target(target)
            limit = "75 CLIP tokens (about 55 words)" if tgt.clip else f"{tgt.max_chars or 4000:,} characters"
            messages = build_messages(message=typed, draft=draft, previous="", history=(), target_label=tgt.label,
                                      wording=tgt.wording, limit=limit)
            try:
                return rewrite(llm, messages), None
            except RewriteFailed as exc:
                return draft, (f"The prompt rewriter ({llm.model}) was not used: {exc}. "
                               "The rule-based prompt was sent instead.")
        return rewrite_prompt

    def _turn_settings(self, s: ChatSettings) -> TurnSettings:
        """The settings' raw widget values, parsed, then checked by the one validator."""
        width, height = parse_size(s.size)
        return TurnSettings.checked(
            backend=s.backend or "auto",
            style=s.style if s.style and s.style != "none" else None,
            enhance=bool(s.enhance),
            width=width, height=height,
            steps=_whole(s.steps, "steps", allow_zero_as_default=True),
            guidance=_number(s.guidance, "guidance"),
            seed=_seed(s.seed),
            negative_prompt=s.negative or "",
            quality=None if not s.quality or s.quality == "default" else s.quality,
            count=_batch(s.batch),
        )

    def begin_reroll(self, conv_id: str | None, user: str | None, count: int = 1) -> Begun:
        """The conversation's last picture again, exactly as sent, with new seeds; the new image
        joins the earlier ones side by side instead of replacing them."""
        if self.conversation(conv_id, user) is None:
            return Begun(reply=render.text_markdown("There is no picture here to re-roll yet: describe one first."))
        last = next((m.image for m in reversed(self.store.messages(conv_id)) if m.image is not None), None)
        if last is None:
            return self._reply(conv_id, "There is no picture here to re-roll yet: describe one first.",
                               {"status": "chat"})
        recipe = Recipe.from_image(last)
        request = GenerationRequest(
            prompt=recipe.prompt,
            prompt_typed=last.prompt_typed,
            negative_prompt=recipe.negative_prompt,
            style=last.style or "none",
            backend=last.backend if last.backend in self.router.backends else "auto",
            width=recipe.width,
            height=recipe.height,
            steps=recipe.steps,
            guidance=recipe.guidance,
            quality=recipe.quality,
            conversation_id=conv_id,
            user=user,
        )
        try:
            return self._submit(conv_id, request, count, typed=last.prompt_typed)
        except GenerationError as exc:
            return self._reply(conv_id, exc.user_message, {"status": "rejected", "reason": exc.reason})

    def _submit(self, conv_id: str, request: GenerationRequest, count: int, *, typed: str) -> Begun:
        """One job per image. A batch takes consecutive seeds, so each image can be re-made on
        its own; if the queue refuses part of a batch, the rest still runs and the refusal is said."""
        seeds: list[int | None] = [request.seed]
        if count > 1:
            first = request.seed if request.seed is not None else random.randint(0, SEED_MAX)
            seeds = list(batch_seeds(first, count))
        job_ids: list[str] = []
        notes: list[str] = []
        for seed in seeds:
            try:
                job_ids.append(self.jobs.submit(request.with_(seed=seed)))
            except GenerationError as exc:
                if not job_ids:
                    raise
                note = f"Only {len(job_ids)} of {count} images were queued. {exc.user_message}"
                self.store.add_message(conv_id, "assistant", note, meta={"status": "rejected", "reason": exc.reason})
                notes.append(note)
                break
        views = tuple(
            render.LiveView(typed=typed, prompt_sent=request.prompt, warnings=request.warnings,
                            changes=tuple(request.changes))
            for _ in job_ids
        )
        return Begun(job_ids=tuple(job_ids), views=views, notes=tuple(notes))

    def watch(self, job_id: str, view: render.LiveView, user: str | None = None) -> Iterator[str]:
        """Markdown frames for the assistant's message, at most a few a second, ending with the result."""
        yield from self.watch_all(Begun(job_ids=(job_id,), views=(view,)), user)

    def watch_all(self, begun: Begun, user: str | None = None) -> Iterator[str]:
        """Frames for every image of a turn in one message, side by side; the last frame is the
        results as a reload would show them."""
        views = list(begun.views)
        results: list[object | None] = [None] * len(views)  # ImageRecord or markdown once ended
        started_at: list[float | None] = [None] * len(views)
        last_frame = 0.0
        for index, event in _merged_events(self.jobs, begun.job_ids, max(self._frame_interval, 0.1)):
            now = time.monotonic()
            if event is not None:
                view = views[index]
                if isinstance(event, Queued):
                    view.queue_position = event.position
                elif isinstance(event, Started):
                    started_at[index] = now
                    view.started = True
                    view.backend, view.model, view.seed = event.backend, event.model, event.seed
                    view.total = event.total_steps
                elif isinstance(event, Progress):
                    view.started = True
                    view.step, view.total, view.eta_s = event.step, event.total, event.eta_s
                    if event.preview:
                        view.preview_jpeg = event.preview
                elif isinstance(event, (Finished, Failed, Cancelled)):
                    results[index] = self._result_item(event, user)
                    if all(r is not None for r in results):
                        yield render.results_markdown([*begun.notes, *results])
                        return
            for i, t in enumerate(started_at):
                if t is not None:
                    views[i].elapsed_s = now - t
            if now - last_frame >= self._frame_interval:
                last_frame = now
                yield render.batch_progress_markdown(views, results, begun.notes)

    def _result_item(self, event: Finished | Failed | Cancelled, user: str | None) -> object:
        if isinstance(event, Finished) and event.image_id:
            record = self.store.image_record(event.image_id, user=user)
            if record is not None:
                return record
        if isinstance(event, Failed):
            return event.user_message
        if isinstance(event, Finished):
            return "The image was made but is no longer stored."
        return "Cancelled: the image was not finished."

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


def _merged_events(jobs: JobRunner, job_ids: tuple[str, ...], heartbeat_s: float) -> Iterator[tuple[int, object]]:
    """(index, event or None) from several jobs at once until every one has ended. One job is
    read directly; several are read by one thread each into a queue. Closing this generator
    (a closed tab) stops the readers at their next heartbeat; the jobs themselves run on."""
    if len(job_ids) == 1:
        for event in jobs.events(job_ids[0], latest_only=True, heartbeat_s=heartbeat_s):
            yield 0, event
        return
    inbox: queue.Queue = queue.Queue()
    stop = threading.Event()

    def read(index: int, job_id: str) -> None:
        try:
            for event in jobs.events(job_id, latest_only=True, heartbeat_s=heartbeat_s):
                if stop.is_set():
                    return
                if event is not None:
                    inbox.put((index, event))
        except KeyError:  # forgotten by the runner: it ended long ago
            inbox.put((index, Failed("unknown", "This image's job is no longer known; reload the chat.")))

    readers = [threading.Thread(target=read, args=(i, jid), daemon=True, name=f"watch-{jid[:8]}")
               for i, jid in enumerate(job_ids)]
    for t in readers:
        t.start()
    ended = 0
    try:
        while ended < len(job_ids):
            try:
                index, event = inbox.get(timeout=heartbeat_s)
            except queue.Empty:
                yield -1, None
                continue
            if isinstance(event, (Finished, Failed, Cancelled)):
                ended += 1
            yield index, event
    finally:
        stop.set()


def _batch(value: float | str | None) -> int:
    number = _whole(value, "images per message") if value not in (None, "") else 1
    if number is None or not 1 <= number <= MAX_BATCH:
        raise InvalidRequest("batch", f"Images per message must be between 1 and {MAX_BATCH}, not {number}.")
    return number


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
