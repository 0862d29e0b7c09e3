"""One live view's memory of a conversation (what it last read from the store, the pictures it
follows, what it last drew), and a task's live view before any of its events."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from storage import TaskRecord
from web import render
from web.job_follower import Follower

if TYPE_CHECKING:
    from web.chat import ChatService


def live_view(task: TaskRecord) -> render.LiveView:
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


class ConversationView:
    """One live view's memory of a conversation: what it last read from the store, the pictures it
    follows, and what it last drew (for :meth:`ChatService.watch_conversation`)."""

    def __init__(self, chat: ChatService, conv_id: str, user: str | None):
        self.chat, self.conv_id, self.user = chat, conv_id, user
        self.follower = Follower(chat.jobs, chat._heartbeat)
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
                self.follower.follow(task.id, live_view(task), started=task.started_at)
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
