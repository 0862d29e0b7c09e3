"""The chat's logic, free of Gradio: store the message, engineer the prompt, submit the job,
turn its events into frames of markdown. The Blocks handlers in ``web.ui`` are thin on top.

Its parts: the settings' raw values parsed in ``web.chat_settings``, live views in
``web.chat_watch``, re-roll, retry and stop in ``web.chat_jobs``; this module holds the
conversations, the messages sent but not stored yet, and one turn."""

from __future__ import annotations

import threading
import time
from datetime import datetime, timezone
from typing import Callable, Iterator

import prompts
from pipeline.errors import GenerationError, InvalidRequest
from pipeline.jobs import JobRunner
from pipeline.router import Router
from storage import ConversationRecord, Store
from storage.store import MAX_TEXT_CHARS, title_from
from conversation.message_text import for_record
from conversation.service import TurnService
from conversation.turn_input import TurnRefused, TurnSettings
from prompts.llm import RewriteFailed, build_messages, rewrite
from web import render
from web.begun import Begun
from web.chat_jobs import ChatJobs
from web.chat_settings import ChatSettings, parse_number, to_turn_settings
from web.chat_watch import ChatWatch


# Said in the conversation, at start-up, for each picture a restart interrupted.
INTERRUPTED_MESSAGE = ("The server stopped before this picture was finished, so it was not made. "
                       "Press Retry to make it now.")
PENDING_S = 120.0  # a sent message not stored within this long (its turn never ran) is no longer shown


class ChatService(ChatWatch, ChatJobs):
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
            turn_settings = self._with_picture(to_turn_settings(settings), settings, conv_id, user)
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

    def _with_picture(self, turn_settings: TurnSettings, s: ChatSettings, conv_id: str,
                      user: str | None) -> TurnSettings:
        """The attached picture and mask stored (checked first), named by id in the turn's settings."""
        strength = parse_number(s.strength, "strength")
        update: dict = {"strength": strength or None}  # the slider's 0 means "let the edit decide"
        if s.picture_id is not None:
            update["image_id"] = s.picture_id  # checked to be theirs when the turn reads it
        elif s.picture is not None:
            update["image_id"] = self.turns.attach_picture(user, s.picture, conversation_id=conv_id)
        if "image_id" in update and s.mask is not None:
            update["mask_id"] = self.turns.attach_picture(user, s.mask, role="mask", conversation_id=conv_id)
        return TurnSettings.checked(**{**turn_settings.model_dump(), **update})

    # ---- helpers ---------------------------------------------------------------------------------

    def _reply(self, conv_id: str, text: str, meta: dict, *, escape: bool = True) -> Begun:
        self.store.add_message(conv_id, "assistant", text, meta=meta)
        self._touch(conv_id)
        return Begun(reply=render.text_markdown(text) if escape else text)


def _utcnow() -> datetime:
    return datetime.now(timezone.utc)
