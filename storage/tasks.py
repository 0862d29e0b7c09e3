"""The tasks repository: one row per generation job, from queued to its end, with its progress,
its request (JSON, without picture bytes), the image it made or why it failed.

A conversation's tasks are read often (each live view of it, its Retry button) and change seldom
(a picture queued, started or ended), so the answer is kept per conversation until one of its tasks
is written again (``storage.changes``)."""

from __future__ import annotations

import json
import threading
from collections import OrderedDict
from datetime import datetime
from typing import Any, Sequence

import duckdb

from storage.changes import EVERYTHING
from storage.db import Database, db_time, first, owned_by, select, utc
from storage.records import ANY_USER, TASK_STATUSES, TERMINAL_STATUSES, InvalidValue, NotFound, TaskRecord
from storage.values import count, json_text, opt_text, text, user_name

_COLS = ("id", "conversation_id", "user", "status", "request", "created_at", "started_at",
         "finished_at", "step", "total", "image_id", "error", "reason")
CACHED_CONVERSATIONS = 512  # answers of of_conversation kept (conversation, person, unfinished only)


class Tasks:
    def __init__(self, db: Database):
        self.db = db
        self._cache: OrderedDict[tuple, tuple[Any, tuple[TaskRecord, ...]]] = OrderedDict()
        self._cache_lock = threading.Lock()

    def create(self, task_id: str, request: dict[str, Any], *, conversation_id: str | None = None,
               user: str | None = None) -> None:
        """Record a task as 'queued'. ``task_id`` is the job runner's id."""
        task_id = text("task_id", task_id, max_chars=200)
        if not task_id:
            raise InvalidValue("task_id", "A task needs an id.")
        request_json = json_text("request", request)
        user = user_name(user)
        with self.db.write() as cur:
            try:
                cur.execute(
                    'INSERT INTO tasks (id, conversation_id, "user", status, request, created_at) '
                    "VALUES (?, ?, ?, 'queued', ?, ?)",
                    [task_id, conversation_id, user, request_json, db_time(self.db.now())],
                )
            except duckdb.ConstraintException:
                raise InvalidValue("task_id", f"A task with id {task_id!r} already exists.") from None
            self.db.changed(conversation_id)

    def update(self, task_id: str, *, status: str | None = None, step: int | None = None,
               total: int | None = None, image_id: str | None = None,
               error: str | None = None, reason: str | None = None) -> TaskRecord:
        """``set`` these fields, then the task as it now stands."""
        self.set(task_id, status=status, step=step, total=total, image_id=image_id, error=error, reason=reason)
        task = self.get(task_id)
        if task is None:
            raise NotFound(f"Task {task_id!r} was not found.")
        return task

    def set(self, task_id: str, *, status: str | None = None, step: int | None = None,
            total: int | None = None, image_id: str | None = None, error: str | None = None,
            reason: str | None = None, started_at: datetime | None = None) -> None:
        """Change the given fields only, reading nothing back (the job recorder writes and never
        reads). 'running' (ignored once the task has ended) sets ``started_at`` once (to ``started_at`` when given: when the job left
        the queue, which a later write may record); a terminal status (succeeded, failed, cancelled,
        interrupted) sets ``finished_at``. NotFound when there is no such task."""
        if status is not None and status not in TASK_STATUSES:
            raise InvalidValue(
                "status", f"A task's status must be one of {TASK_STATUSES}, not {status!r}."
            )
        fields: list[tuple[str, Any]] = [("status", status)]
        fields += [(name, None if v is None else count(name, v)) for name, v in
                   (("step", step), ("total", total))]
        fields += [("image_id", image_id), ("error", opt_text("error", error)),
                   ("reason", opt_text("reason", reason, max_chars=200))]
        sets = [f"{name} = ?" for name, value in fields if value is not None]
        args = [value for _, value in fields if value is not None]
        with self.db.write() as cur:
            now = db_time(self.db.now())
            if status == "running" or started_at is not None:
                sets.append("started_at = coalesce(started_at, ?)")
                args.append(now if started_at is None else db_time(started_at))
            if status in TERMINAL_STATUSES:
                sets.append("finished_at = ?")
                args.append(now)
            if not sets:
                return
            # An ended task is never made running again: a late step of a job cancelled meanwhile
            # (its canceller records the end from another thread) leaves the end as it was.
            unended = " AND status IN ('queued', 'running')" if status == "running" else ""
            row = first(cur.execute(
                f"UPDATE tasks SET {', '.join(sets)} WHERE id = ?{unended} RETURNING conversation_id",
                [*args, task_id],
            ))
            if row is None:
                if unended and first(cur.execute("SELECT 1 FROM tasks WHERE id = ?", [task_id])):
                    return
                raise NotFound(f"Task {task_id!r} was not found.")
            self.db.changed(row[0])

    def get(self, task_id: str, user: str | None = ANY_USER) -> TaskRecord | None:
        """The task; None if there is none or, with ``user`` given, it is not theirs."""
        owner, args = owned_by(user)
        row = first(self.db.cursor().execute(
            f"SELECT {select(_COLS)} FROM tasks WHERE id = ? AND {owner}", [task_id, *args]
        ))
        return _record(row) if row else None

    def of_conversation(self, conversation_id: str, user: str | None = ANY_USER, *,
                        unfinished: bool = False) -> list[TaskRecord]:
        """The conversation's tasks, oldest first (only those still 'queued' or 'running'
        with ``unfinished``); [] unless the conversation is ``user``'s (when given). Answered from
        memory while none of the conversation's tasks was written since it was last read."""
        key = (conversation_id, "any" if user is ANY_USER else ("user", user), unfinished)
        seen = self.db.changes.count(conversation_id)  # before reading: a write meanwhile moves it on
        with self._cache_lock:
            cached = self._cache.get(key)
            if cached is not None and cached[0] == seen:
                self._cache.move_to_end(key)
                return list(cached[1])
        owner, args = owned_by(user, "c")
        where = " AND t.status IN ('queued', 'running')" if unfinished else ""
        rows = self.db.cursor().execute(
            f"SELECT {select(_COLS, 't')} FROM tasks t JOIN conversations c "
            f"ON c.id = t.conversation_id WHERE t.conversation_id = ? AND {owner}{where} "
            "ORDER BY t.created_at, t.id",
            [conversation_id, *args],
        ).fetchall()
        records = tuple(_record(r) for r in rows)
        with self._cache_lock:
            self._cache[key] = (seen, records)
            self._cache.move_to_end(key)
            while len(self._cache) > CACHED_CONVERSATIONS:
                self._cache.popitem(last=False)
        return list(records)

    def interrupt_unfinished(self) -> int:
        """Mark tasks left 'queued' or 'running' (by a crash or a restart) as 'interrupted';
        return how many. Call once at start-up, before the job runner starts."""
        with self.db.write() as cur:
            (n,) = first(cur.execute(
                "UPDATE tasks SET status = 'interrupted', finished_at = ?, "
                "error = coalesce(error, ?), reason = coalesce(reason, 'interrupted') "
                "WHERE status IN ('queued', 'running')",
                [db_time(self.db.now()), "imagechat stopped before this picture was finished."],
            ))
            self.db.changed(EVERYTHING)
        return int(n)


def _record(row: Sequence[Any]) -> TaskRecord:
    values = dict(zip(_COLS, row))
    values["request"] = json.loads(values["request"])
    for key in ("created_at", "started_at", "finished_at"):
        values[key] = utc(values[key])
    return TaskRecord(**values)
