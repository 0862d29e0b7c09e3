"""The chat's logic, free of Gradio: store the message, engineer the prompt, submit the job,
turn its events into frames of markdown. The Blocks handlers in ``web.ui`` are thin on top."""

from __future__ import annotations

import dataclasses
import math
import random
import re
import threading
import time
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any, Callable, Iterator, Mapping

import prompts
from pipeline.errors import GenerationError, InvalidRequest
from pipeline.events import Cancelled, Event, Failed, Finished, Loading, Progress, Queued, Started
from pipeline.jobs import STATUS_BY_EVENT, JobRunner, JobSnapshot
from pipeline.request import SEED_MAX, GenerationRequest
from pipeline.router import Router
from storage import ConversationRecord, Store, TaskRecord
from storage.store import MAX_TEXT_CHARS, title_from
from conversation.message_text import for_record
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
    openai: Mapping[str, Any] | None = None  # OpenAI options as TurnSettings fields (web.settings_openai)
    # Local workstation controls: "" is the model's own.
    sampler: str | None = ""
    clip_skip: float | str | None = ""
    # A picture sent with the message (to edit), a mask painted on it (white = redo), and the Strength
    # slider (0 or None: the kind of edit decides).
    picture: bytes | None = None
    mask: bytes | None = None
    strength: float | str | None = None
    picture_id: str | None = None  # one of the person's stored pictures to edit, instead of ``picture``


# Said in the conversation, at start-up, for each picture a restart interrupted.
INTERRUPTED_MESSAGE = ("The server stopped before this picture was finished, so it was not made. "
                       "Press Retry to make it now.")
RETRIABLE = ("interrupted", "failed")
# How long a task may be unknown to the job runner, or ended there but not yet recorded, before a
# view stops waiting for it (a task is recorded just before the runner takes it, and its end just
# before the runner says so, so this covers only a slow store or a task of a lost runner).
SETTLE_S = 5.0
PENDING_S = 120.0  # a sent message not stored within this long (its turn never ran) is no longer shown
# How often a live view with nothing new reads the store anyway, for what reaches the conversation
# past this chat (the HTTP API, another process): the conversation's stamp (one row by key) every
# STORE_POLL_S, its unfinished tasks (a join) every TASKS_POLL_S or when the stamp moved. What the
# chat itself does to a conversation (a message sent, pictures queued, Stop) and a picture's end
# are read at once.
STORE_POLL_S = 2.0
TASKS_POLL_S = 6.0


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
        # Messages sent but not yet stored by their turn (interpreting can take a chat model's
        # round trip): every view of the conversation shows them, so none flickers away.
        self._pending: dict[str, list[tuple[datetime, float, str]]] = {}
        self._pending_lock = threading.Lock()
        # conversation -> a count of the changes made to it through this chat: live views compare
        # it at every wake-up and read the store only when it moved (or their poll is due)
        self._versions: dict[str, int] = {}

    # ---- conversations (every call names the person; storage filters by them) -----------------

    def open_latest(self, user: str | None) -> tuple[str | None, list[dict]]:
        conv = self.store.latest_conversation(user)
        return conv, self.render_conversation(conv, user)

    def conversation(self, conv_id: str | None, user: str | None) -> ConversationRecord | None:
        """``user``'s conversation, or None (missing, or someone else's: the same answer)."""
        if not conv_id:
            return None
        return self.store.get_conversation(conv_id, user=user)

    def exists(self, conv_id: str | None, user: str | None) -> bool:
        """Whether ``conv_id`` is ``user``'s conversation: one row read by key (``conversation``
        also counts its images and reads a thumbnail, which a check on every turn need not)."""
        return bool(conv_id) and self.store.conversation_stamp(conv_id, user) is not None

    def render_conversation(self, conv_id: str | None, user: str | None = None) -> list[dict]:
        """The conversation as it stands: its stored messages, and the progress of its pictures
        still forming (one frame of :meth:`watch_conversation`)."""
        frames = self.watch_conversation(conv_id, user)
        try:
            return next(frames, [])
        finally:
            frames.close()

    def has_unfinished(self, conv_id: str | None, user: str | None) -> bool:
        """Whether pictures of ``user``'s conversation are still waiting or forming."""
        return bool(conv_id) and bool(self.store.conversation_tasks(conv_id, user, unfinished=True))

    def conversations(self, user: str | None, limit: int = 50) -> list[ConversationRecord]:
        return self.store.list_conversations(user, limit=limit)

    def rename_conversation(self, conv_id: str | None, title: str, user: str | None) -> bool:
        title = " ".join((title or "").split())[:200]
        if not conv_id or not title:
            return False
        return self.store.rename_conversation(conv_id, title, user=user)

    def delete_conversation(self, conv_id: str | None, user: str | None) -> bool:
        deleted = bool(conv_id) and self.store.delete_conversation(conv_id, user=user)
        self._touch(conv_id)
        return deleted

    def add_user_message(self, conv_id: str | None, text: str, user: str | None) -> tuple[str, str]:
        """The conversation the message goes to (made when there is none) and the message as
        shown; the turn itself stores it, with what was understood."""
        text = for_record(text, MAX_TEXT_CHARS)  # shown and titled as the conversation will keep it
        if not self.exists(conv_id, user):
            # titled now, so the list shows it while the turn is still being understood
            conv_id = self.store.create_conversation(user=user, title=title_from(text))
        if text.strip():
            with self._pending_lock:
                self._pending.setdefault(conv_id, []).append((_utcnow(), time.monotonic(), text))
        self._touch(conv_id)
        return conv_id, render.text_markdown(text)

    def _touch(self, conv_id: str | None) -> None:
        """Say that ``conv_id`` changed (live views of it read the store at their next wake-up)."""
        if conv_id:
            with self._pending_lock:
                self._versions[conv_id] = self._versions.get(conv_id, 0) + 1

    def _version(self, conv_id: str) -> int:
        with self._pending_lock:
            return self._versions.get(conv_id, 0)

    def _sent(self, conv_id: str, text: str) -> None:
        """The turn of a message shown as pending has stored it (or failed): stop showing it."""
        text = for_record(text, MAX_TEXT_CHARS)
        with self._pending_lock:
            waiting = self._pending.get(conv_id, [])
            for i, (_, _, pending_text) in enumerate(waiting):
                if pending_text == text:
                    del waiting[i]
                    break
            if not waiting:
                self._pending.pop(conv_id, None)
        self._touch(conv_id)

    def _pending_texts(self, conv_id: str, records: list) -> list[str]:
        """Messages sent to the conversation whose turn has not stored them yet."""
        now = time.monotonic()
        with self._pending_lock:
            waiting = [p for p in self._pending.get(conv_id, []) if now - p[1] < PENDING_S]
            if waiting:
                self._pending[conv_id] = waiting
            else:
                self._pending.pop(conv_id, None)
        stored = [(r.created_at, r.content) for r in records if r.role == "user"]
        # stored already (its turn is just ending): shown once, from the store
        return [text for at, _, text in waiting if not any(c == text and t >= at for t, c in stored)]

    # ---- one turn --------------------------------------------------------------------------------

    def begin(self, conv_id: str, text: str, settings: ChatSettings, user: str | None) -> Begun:
        for item in self.begin_stream(conv_id, text, settings, user):
            if isinstance(item, Begun):
                return item
        raise RuntimeError("a turn ended without a result")

    def begin_stream(self, conv_id: str, text: str, settings: ChatSettings,
                     user: str | None) -> Iterator[str | Begun]:
        """A chat model's prose reply as it arrives (pieces of text), then the Begun."""
        try:
            yield from self._begin_checked(conv_id, text, settings, user)
        finally:
            self._sent(conv_id, text)

    def _begin_checked(self, conv_id: str, text: str, settings: ChatSettings,
                       user: str | None) -> Iterator[str | Begun]:
        try:
            if not self.exists(conv_id, user):
                raise prompts.PromptError("That conversation no longer exists. Start a new chat and try again.")
            yield from self._begin(conv_id, text, settings, user)
        except (GenerationError, prompts.PromptError) as exc:
            message = exc.user_message if isinstance(exc, GenerationError) else str(exc)
            if not self.exists(conv_id, user):
                yield Begun(reply=render.text_markdown(message))
                return
            yield self._reply(conv_id, message, {"status": "rejected", "reason": getattr(exc, "reason", "prompt")})

    def _begin(self, conv_id: str, text: str, settings: ChatSettings, user: str | None) -> Iterator[str | Begun]:
        warnings: list[str] = []
        if not text.strip():
            raise prompts.PromptError("Please describe the picture you want, e.g. “a lighthouse on a cliff at dusk”.")
        try:
            turn_settings = self._with_picture(self._turn_settings(settings), settings, conv_id, user)
            rewrite = self._rewriter(warnings) if settings.llm_rewrite else None
            turn = None
            for item in self.turns.stream_turn(user, conv_id, text, turn_settings, rewrite=rewrite):
                if isinstance(item, str):
                    yield item
                else:
                    turn = item
        except (GenerationError, TurnRefused) as exc:
            # kept whole (cut only beyond what the store holds), and answered with what is wrong
            self.store.add_message(conv_id, "user", for_record(text, MAX_TEXT_CHARS))
            if isinstance(exc, TurnRefused):
                raise InvalidRequest(exc.field, str(exc)) from None
            raise
        if not turn.tasks:
            shown = render.text_markdown(turn.reply or "")
            if turn.notes:
                shown += "\n\n" + "\n\n".join(f"⚠️ {render.escape_text(n)}" for n in turn.notes)
            yield Begun(reply=shown)
            return
        views = tuple(
            render.LiveView(typed=for_record(text, MAX_TEXT_CHARS), prompt_sent=t.prompt_sent,
                            warnings=tuple(warnings + t.warnings + turn.notes),
                            changes=(f"understood: {turn.understood}",))
            for t in turn.tasks
        )
        partial = (turn.refused,) if turn.refused else ()
        yield Begun(job_ids=tuple(t.task_id for t in turn.tasks), views=views, notes=partial)

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
            **dict(s.openai or {}),
            sampler=s.sampler or None,
            clip_skip=_whole(s.clip_skip, "clip_skip", allow_zero_as_default=True),
        )

    def _with_picture(self, turn_settings: TurnSettings, s: ChatSettings, conv_id: str,
                      user: str | None) -> TurnSettings:
        """The attached picture and mask stored (checked first), named by id in the turn's settings."""
        strength = _number(s.strength, "strength")
        update: dict = {"strength": strength or None}  # the slider's 0 means "let the edit decide"
        if s.picture_id is not None:
            update["image_id"] = s.picture_id  # checked to be theirs when the turn reads it
        elif s.picture is not None:
            update["image_id"] = self.turns.attach_picture(user, s.picture, conversation_id=conv_id)
        if "image_id" in update and s.mask is not None:
            update["mask_id"] = self.turns.attach_picture(user, s.mask, role="mask", conversation_id=conv_id)
        return TurnSettings.checked(**{**turn_settings.model_dump(), **update})

    def begin_reroll(self, conv_id: str | None, user: str | None, count: int = 1) -> Begun:
        """The conversation's last picture again, exactly as sent, with new seeds; the new image
        joins the earlier ones side by side instead of replacing them."""
        if not self.exists(conv_id, user):
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
            options=self.router.registry.options_from(recipe),
            sampler=recipe.sampler,
            clip_skip=recipe.clip_skip,
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
        count = self._allowed(request.user, count)
        seeds: list[int | None] = [request.seed]
        if count > 1:
            first = request.seed if request.seed is not None else random.randint(0, SEED_MAX)
            seeds = list(batch_seeds(first, count))
        job_ids: list[str] = []
        notes: list[str] = []
        with self.jobs.together():  # queued at once: the images of one message share one call where they can
            for seed in seeds:
                try:
                    job_ids.append(self.jobs.submit(request.with_(seed=seed)))
                    self.turns.count_images(request.user)
                except GenerationError as exc:
                    if not job_ids:
                        raise
                    note = f"Only {len(job_ids)} of {count} images were queued. {exc.user_message}"
                    self.store.add_message(conv_id, "assistant", note,
                                           meta={"status": "rejected", "reason": exc.reason})
                    notes.append(note)
                    break
        views = tuple(
            render.LiveView(typed=typed, prompt_sent=request.prompt, warnings=request.warnings,
                            changes=tuple(request.changes))
            for _ in job_ids
        )
        self._touch(conv_id)
        return Begun(job_ids=tuple(job_ids), views=views, notes=tuple(notes))

    def watch(self, job_id: str, view: render.LiveView, user: str | None = None) -> Iterator[str]:
        """Markdown frames for the assistant's message, at most a few a second, ending with the result."""
        yield from self.watch_all(Begun(job_ids=(job_id,), views=(view,)), user)

    def watch_all(self, begun: Begun, user: str | None = None) -> Iterator[str]:
        """Frames for every image of a turn in one message, side by side; the last frame is the
        results as a reload would show them. A frame is drawn only when what it shows changed, at
        most one per frame interval (previews and steps are throttled, queue moves are not lost)."""
        views = list(begun.views)
        follower = _Follower(self.jobs, self._heartbeat)
        for job_id, view in zip(begun.job_ids, views):
            follower.follow(job_id, view)
        results: list[object | None] = [None] * len(views)
        last_frame = -math.inf
        shown: tuple | None = None
        try:
            while True:
                for i, job_id in enumerate(begun.job_ids):
                    if results[i] is None and job_id in follower.outcomes:
                        results[i] = self._outcome_item(follower.outcomes[job_id], user)
                    elif results[i] is None and job_id in follower.unknown:
                        results[i] = "This image's job is no longer known; reload the chat."
                if all(r is not None for r in results):
                    yield render.results_markdown([*begun.notes, *results])
                    return
                follower.tick()
                now = time.monotonic()
                state = (tuple(r is not None for r in results), tuple(render.shown_state(v) for v in views))
                if state != shown and now - last_frame >= self._frame_interval:
                    last_frame, shown = now, state
                    yield render.batch_progress_markdown(views, results, begun.notes)
                follower.wait()
        finally:
            follower.close()

    def _outcome_item(self, outcome: "_Outcome", user: str | None) -> object:
        if outcome.status == "succeeded" and outcome.image_id:
            record = self.store.image_record(outcome.image_id, user=user)
            if record is not None:
                return record
        if outcome.status == "failed":
            return outcome.error or "The image could not be made."
        if outcome.status == "succeeded":
            return "The image was made but is no longer stored."
        return "Cancelled: the image was not finished."

    @property
    def _heartbeat(self) -> float:
        return max(self._frame_interval, 0.1)

    # ---- one live view of a conversation ---------------------------------------------------------

    def watch_conversation(self, conv_id: str | None, user: str | None,
                           still_shown: Callable[[], bool] = lambda: True) -> Iterator[list[dict]]:
        """The whole conversation as chat messages, again whenever it changes, until none of its
        pictures is waiting or forming: the stored messages, each picture still forming shown as
        its progress (step k/n, ETA, preview) where its result will be, and messages sent but not
        stored yet. Every view renders from the store, so a sender's, a reload's and a second
        tab's views agree. ``still_shown`` false ends the view quietly (the tab shows another
        conversation now). The jobs run on when a view ends.

        A view draws only on change: it wakes at each event of the picture it leads with (or a
        heartbeat), compares what its pictures show and the messages still pending with what it
        last drew, and reads the store only when the chat changed the conversation, a picture
        ended, or a poll is due (:data:`STORE_POLL_S`, :data:`TASKS_POLL_S`). Progress and previews
        are drawn at most once per frame interval; other changes at once."""
        if not self.exists(conv_id, user):
            yield []
            return
        view = _ConversationView(self, conv_id, user)
        try:
            while True:
                if not still_shown():
                    return
                now = time.monotonic()
                version = self._version(conv_id)
                tasks_due = view.ended or version != view.version or now - view.tasks_read_at >= TASKS_POLL_S
                if tasks_due or now - view.read_at >= STORE_POLL_S:
                    if not view.read_store(now, version, tasks=tasks_due):  # deleted meanwhile
                        yield []
                        return
                live = view.live(now)
                state = view.state(live)
                drawn = view.drawn
                # what the store and the pending messages show is drawn at once; progress is throttled
                at_once = drawn is None or state[:-1] != drawn[:-1] or not live
                if state != drawn and (at_once or now - view.drawn_at >= self._frame_interval):
                    frame = render.conversation_messages(view.records, view.anchors, live, view.pending)
                    if not still_shown():
                        return
                    view.drawn, view.drawn_at = state, now
                    if frame != view.frame:
                        view.frame = frame
                        yield frame
                if not live:
                    return
                view.ended = view.follower.wait()
        finally:
            view.follower.close()

    def _live(self, tasks: dict[str, TaskRecord], unfinished: set[str], records: list, follower: "_Follower",
              settling: dict[str, float], now: float) -> list[tuple[str, render.LiveView]]:
        """The tasks to show forming: unfinished in the store, or ended in the job runner but with
        no result stored yet; one the runner does not know (or whose result never comes) only for
        a few seconds."""
        results = {r.task_id for r in records if r.task_id}
        live = []
        for task_id in tasks:
            if task_id in results:
                continue
            waiting = task_id in unfinished and task_id not in follower.unknown and task_id not in follower.outcomes
            if waiting:
                settling.pop(task_id, None)
            elif now - settling.setdefault(task_id, now) > SETTLE_S:
                continue
            live.append((task_id, follower.views[task_id]))
        return live

    def _anchors(self, conv_id: str, user: str | None) -> dict[str, str]:
        """Task id -> the person's message that asked for it (from the turn's stored scene)."""
        return {task_id: scene.message_id for scene in self.store.scenes(conv_id, user=user)
                if scene.message_id for task_id in scene.task_ids}

    # ---- stop and retry, by conversation -----------------------------------------------------

    def stop(self, conv_id: str | None, user: str | None, timeout: float = 10.0) -> int:
        """Cancel ``user``'s pictures still waiting or forming in the conversation (whichever tab,
        or none, started them) and wait for them to end; returns how many were cancelled."""
        if not self.exists(conv_id, user):
            return 0
        tasks = [t for t in self.store.conversation_tasks(conv_id, user, unfinished=True) if t.user == user]
        cancelled = [t.id for t in tasks if self.jobs.cancel(t.id)]
        self._touch(conv_id)
        deadline = time.monotonic() + timeout
        for job_id in cancelled:
            try:
                self.jobs.wait(job_id, timeout=max(0.0, deadline - time.monotonic()))
            except (TimeoutError, KeyError):
                pass
        return len(cancelled)

    def retry_tasks(self, conv_id: str | None, user: str | None) -> list[TaskRecord]:
        """The conversation's last pictures that were interrupted by a restart or failed (the
        tasks after the last one that did not), oldest first: what Retry makes again."""
        if not conv_id:
            return []
        trailing: list[TaskRecord] = []
        for task in reversed(self.store.conversation_tasks(conv_id, user)):
            if task.status not in RETRIABLE or task.user != user:
                break
            trailing.append(task)
        return trailing[::-1]

    def can_retry(self, conv_id: str | None, user: str | None) -> bool:
        return bool(self.retry_tasks(conv_id, user))

    def begin_retry(self, conv_id: str | None, user: str | None) -> Begun:
        """The conversation's last interrupted or failed pictures again, each from its stored
        request (the same prompt, seed and size), as new jobs in the same conversation."""
        if not self.exists(conv_id, user):
            return Begun(reply=render.text_markdown("There is nothing to retry here."))
        tasks = self.retry_tasks(conv_id, user)
        if not tasks:
            return self._reply(conv_id, "There is nothing to retry here: no picture was interrupted or failed.",
                               {"status": "chat"})
        job_ids: list[str] = []
        notes: list[str] = []
        try:
            tasks = tasks[: self._allowed(user, len(tasks))]
        except GenerationError as exc:
            return self._reply(conv_id, exc.user_message, {"status": "rejected", "reason": exc.reason})
        for task in tasks:
            try:
                job_ids.append(self.jobs.submit(self.request_from_task(task, conv_id, user)))
                self.turns.count_images(user)
            except GenerationError as exc:
                if not job_ids:
                    return self._reply(conv_id, exc.user_message, {"status": "rejected", "reason": exc.reason})
                note = f"Only {len(job_ids)} of {len(tasks)} images were queued again. {exc.user_message}"
                self.store.add_message(conv_id, "assistant", note, meta={"status": "rejected", "reason": exc.reason})
                notes.append(note)
                break
        views = tuple(_live_view(t) for t in tasks[: len(job_ids)])
        self._touch(conv_id)
        return Begun(job_ids=tuple(job_ids), views=views, notes=tuple(notes))

    def _allowed(self, user: str | None, wanted: int) -> int:
        """How many pictures ``user`` may still make today (the turn's rule, for re-rolls and retries)."""
        try:
            return self.turns.allowed_images(user, wanted)
        except TurnRefused as exc:
            raise InvalidRequest(exc.field, str(exc)) from None

    def request_from_task(self, task: TaskRecord, conv_id: str, user: str | None) -> GenerationRequest:
        """A task's stored request as a GenerationRequest to run again: the same prompt, seed,
        size, steps and guidance, on the same backend when it is still there; the model the server
        runs now."""
        known = {f.name for f in dataclasses.fields(GenerationRequest)}
        values = {k: v for k, v in (task.request or {}).items() if k in known}
        values.update(
            options=self.router.registry.options_from(task.request or {}),
            warnings=tuple(values.get("warnings") or ()),
            changes=tuple(values.get("changes") or ()),
            model=None,
            conversation_id=conv_id,
            user=user,
        )
        if values.get("backend") not in self.router.backends:
            values["backend"] = "auto"
        # An edit's pictures are stored as images; the task names them, so they are read back here.
        for key, field in (("source_image_id", "init_image"), ("mask_image_id", "mask")):
            if values.get(key):
                found = self.store.image_bytes(values[key], user=user)
                if found is None:
                    raise InvalidRequest(field, "The picture this edit started from was deleted, so it cannot be "
                                                "made again.")
                values[field] = found[0]
        if not values.get("prompt"):
            raise InvalidRequest("prompt", "That picture's request was not kept, so it cannot be retried.")
        return GenerationRequest(**values)

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
        self._touch(conv_id)
        return Begun(reply=render.text_markdown(text) if escape else text)


def _utcnow() -> datetime:
    return datetime.now(timezone.utc)


def _live_view(task: TaskRecord) -> render.LiveView:
    """What a task's progress shows before any event: its prompt as typed and as sent, from its
    stored request."""
    req = task.request or {}
    return render.LiveView(
        typed=str(req.get("prompt_typed") or req.get("prompt") or ""),
        prompt_sent=str(req.get("prompt") or ""),
        backend=str(req.get("backend") or ""),
        model=str(req.get("model") or ""),
        seed=req.get("seed"),
        warnings=tuple(str(w) for w in req.get("warnings") or ()),
        changes=tuple(str(c) for c in req.get("changes") or ()),
    )


class _ConversationView:
    """One live view's memory of a conversation: what it last read from the store, the pictures it
    follows, and what it last drew (for :meth:`ChatService.watch_conversation`)."""

    def __init__(self, chat: ChatService, conv_id: str, user: str | None):
        self.chat, self.conv_id, self.user = chat, conv_id, user
        self.follower = _Follower(chat.jobs, chat._heartbeat)
        self.stamp: object = None
        self.task_ids: list[str] = []
        self.records: list = []
        self.anchors: dict[str, str] = {}
        self.unfinished: set[str] = set()
        self.tasks: dict[str, TaskRecord] = {}  # every task this view has shown forming
        self.settling: dict[str, float] = {}  # task id -> when it was first found ended or unknown
        self.pending: list[str] = []
        self.read_at = self.tasks_read_at = -math.inf
        self.version = -1  # the chat's count of changes to the conversation when last read
        self.ended = True  # a picture ended (or none was followed yet): read the store now
        self.drawn: tuple | None = None  # the state of the last frame drawn
        self.drawn_at = -math.inf
        self.frame: list[dict] | None = None

    def read_store(self, now: float, version: int, *, tasks: bool) -> bool:
        """The conversation's stamp; its unfinished tasks with ``tasks`` or when the stamp moved;
        its messages when either changed. False when the conversation is gone."""
        chat, conv_id, user = self.chat, self.conv_id, self.user
        stamp = chat.store.conversation_stamp(conv_id, user)
        if stamp is None:
            return False
        self.read_at = now
        if not tasks and stamp == self.stamp:
            return True
        unfinished = chat.store.conversation_tasks(conv_id, user, unfinished=True)
        ids = [t.id for t in unfinished]
        if stamp != self.stamp or ids != self.task_ids or any(i not in self.anchors for i in ids):
            self.records = chat.store.messages(conv_id, user=user)
            self.anchors = chat._anchors(conv_id, user)
            self.stamp, self.task_ids = stamp, ids
        self.unfinished = set(ids)
        for task in unfinished:
            if task.id not in self.tasks:
                self.tasks[task.id] = task
                self.follower.follow(task.id, _live_view(task), started=task.started_at)
        self.tasks_read_at, self.version, self.ended = now, version, False
        return True

    def live(self, now: float) -> list[tuple[str, render.LiveView]]:
        self.follower.tick()
        return self.chat._live(self.tasks, self.unfinished, self.records, self.follower, self.settling, now)

    def state(self, live: list[tuple[str, render.LiveView]]) -> tuple:
        """Everything a frame shows, as a value: equal states draw equal frames."""
        self.pending = self.chat._pending_texts(self.conv_id, self.records)
        return (self.stamp, tuple(self.task_ids), tuple(self.pending),
                tuple((task_id, render.shown_state(v)) for task_id, v in live))


@dataclass(frozen=True)
class _Outcome:
    status: str  # succeeded | failed | cancelled
    image_id: str | None = None
    error: str | None = None


class _Follower:
    """Follows several jobs with no thread of its own: it blocks on the events of one of them (the
    lead: the first one forming, else the first one waiting), and reads the snapshots of the others
    whenever it wakes, which is at the lead's next event or after ``heartbeat_s``. Local pictures
    form one at a time per GPU, so the lead is the one with steps and previews to show."""

    def __init__(self, jobs: JobRunner, heartbeat_s: float):
        self.jobs = jobs
        self.heartbeat = heartbeat_s
        self.views: dict[str, render.LiveView] = {}
        self.outcomes: dict[str, _Outcome] = {}
        self.unknown: set[str] = set()  # not (or no longer) in the job runner
        self._started: dict[str, float] = {}  # monotonic time each was first seen forming
        self._lead: str | None = None
        self._events: Iterator[Event | None] | None = None
        self._refreshed = 0.0
        self._idle = threading.Event()  # never set: waits out a heartbeat when nothing can wake us

    def follow(self, job_id: str, view: render.LiveView, started: datetime | None = None) -> None:
        if job_id in self.views:
            return
        self.views[job_id] = view
        if started is not None:  # forming since before this view: elapsed time counts from then
            self._started[job_id] = time.monotonic() - max(0.0, (_utcnow() - started).total_seconds())
        self._refresh(job_id)

    def following(self) -> list[str]:
        return [j for j in self.views if j not in self.outcomes and j not in self.unknown]

    def wait(self) -> bool:
        """Until the lead has news or a heartbeat passed; then the others' snapshots (at most
        once a heartbeat). True when some job ended meanwhile."""
        ended = len(self.outcomes)
        lead = self._pick_lead()
        if lead is None:
            self._idle.wait(self.heartbeat)
        else:
            try:
                event = next(self._events)  # type: ignore[arg-type]
            except StopIteration:
                event = None
                self._drop_lead()
            except KeyError:  # the runner forgot it: its end is in the store
                self.unknown.add(lead)
                self._drop_lead()
                event = None
            if event is not None:
                self._apply(lead, event)
        now = time.monotonic()
        if now - self._refreshed >= self.heartbeat or len(self.outcomes) > ended:
            self._refreshed = now
            for job_id in [j for j in self.views if j not in self.outcomes and j != self._lead]:
                self._refresh(job_id)  # an unknown one too: a task is recorded just before it is queued
        return len(self.outcomes) > ended

    def tick(self) -> None:
        """Bring the elapsed times up to now (a remote backend reports no steps)."""
        now = time.monotonic()
        for job_id, started in self._started.items():
            if job_id not in self.outcomes:
                self.views[job_id].elapsed_s = now - started

    def close(self) -> None:
        self._drop_lead()

    def _pick_lead(self) -> str | None:
        following = self.following()
        if self._lead in following and (self.views[self._lead].started
                                        or not any(self.views[j].started for j in following)):
            return self._lead
        self._drop_lead()
        if not following:
            return None
        lead = next((j for j in following if self.views[j].started), following[0])
        self._lead = lead
        # latest_only: a view needs the newest frame, not every step it missed
        self._events = self.jobs.events(lead, latest_only=True, heartbeat_s=self.heartbeat)
        return lead

    def _drop_lead(self) -> None:
        if self._events is not None:
            self._events.close()  # type: ignore[attr-defined]
        self._lead, self._events = None, None

    def _apply(self, job_id: str, event: Event) -> None:
        view = self.views[job_id]
        if isinstance(event, Queued):
            view.queue_position = event.position
        elif isinstance(event, Loading):
            view.loading, view.queue_position = True, None
        elif isinstance(event, Started):
            self._started.setdefault(job_id, time.monotonic())
            view.started, view.queue_position = True, None
            view.backend, view.model, view.seed = event.backend, event.model, event.seed
            view.total = event.total_steps
        elif isinstance(event, Progress):
            self._started.setdefault(job_id, time.monotonic())
            view.started = True
            view.step, view.total, view.eta_s = event.step, event.total, event.eta_s
            if event.preview:
                view.preview_jpeg = event.preview
        elif isinstance(event, (Finished, Failed, Cancelled)):
            self.outcomes[job_id] = _Outcome(STATUS_BY_EVENT[type(event)],
                                             image_id=event.image_id if isinstance(event, Finished) else None,
                                             error=event.user_message if isinstance(event, Failed) else None)

    def _refresh(self, job_id: str) -> None:
        snap: JobSnapshot | None = self.jobs.snapshot(job_id)
        if snap is None:
            self.unknown.add(job_id)
            return
        self.unknown.discard(job_id)
        view = self.views[job_id]
        if snap.status == "queued":
            view.queue_position = snap.queue_position
        else:
            self._started.setdefault(job_id, time.monotonic())
            view.started, view.queue_position = True, None
        view.step, view.total, view.eta_s = snap.step, snap.total, snap.eta_s
        view.backend, view.model = snap.backend or view.backend, snap.model or view.model
        if snap.seed is not None:
            view.seed = snap.seed
        if snap.status in ("succeeded", "failed", "cancelled"):
            self.outcomes[job_id] = _Outcome(snap.status, image_id=snap.image_id, error=snap.error)


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
