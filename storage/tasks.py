"""The tasks repository: one row per generation job, from queued to its end, with its progress,
its request (JSON, without picture bytes) and the image it made."""

from __future__ import annotations

import json
from typing import Any, Sequence

import duckdb

from storage.db import Database, db_time, first, owned_by, select, utc
from storage.records import ANY_USER, TASK_STATUSES, TERMINAL_STATUSES, InvalidValue, NotFound, TaskRecord
from storage.values import count, json_text, opt_text, text, user_name

_COLS = ("id", "conversation_id", "user", "status", "request", "created_at", "started_at",
         "finished_at", "step", "total", "image_id", "error")


class Tasks:
    def __init__(self, db: Database):
        self.db = db

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

    def update(self, task_id: str, *, status: str | None = None, step: int | None = None,
               total: int | None = None, image_id: str | None = None,
               error: str | None = None) -> TaskRecord:
        """Change the given fields only. 'running' sets ``started_at`` (once); a terminal
        status (succeeded, failed, cancelled, interrupted) sets ``finished_at``."""
        if status is not None and status not in TASK_STATUSES:
            raise InvalidValue(
                "status", f"A task's status must be one of {TASK_STATUSES}, not {status!r}."
            )
        fields: list[tuple[str, Any]] = [("status", status)]
        fields += [(name, None if v is None else count(name, v)) for name, v in
                   (("step", step), ("total", total))]
        fields += [("image_id", image_id), ("error", opt_text("error", error))]
        sets = [f"{name} = ?" for name, value in fields if value is not None]
        args = [value for _, value in fields if value is not None]
        with self.db.write() as cur:
            now = db_time(self.db.now())
            if status == "running":
                sets.append("started_at = coalesce(started_at, ?)")
                args.append(now)
            if status in TERMINAL_STATUSES:
                sets.append("finished_at = ?")
                args.append(now)
            if sets:
                (changed,) = first(cur.execute(
                    f"UPDATE tasks SET {', '.join(sets)} WHERE id = ?", [*args, task_id]
                ))
                if not changed:
                    raise NotFound(f"Task {task_id!r} was not found.")
        task = self.get(task_id)
        if task is None:
            raise NotFound(f"Task {task_id!r} was not found.")
        return task

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
        with ``unfinished``); [] unless the conversation is ``user``'s (when given)."""
        owner, args = owned_by(user, "c")
        where = " AND t.status IN ('queued', 'running')" if unfinished else ""
        rows = self.db.cursor().execute(
            f"SELECT {select(_COLS, 't')} FROM tasks t JOIN conversations c "
            f"ON c.id = t.conversation_id WHERE t.conversation_id = ? AND {owner}{where} "
            "ORDER BY t.created_at, t.id",
            [conversation_id, *args],
        ).fetchall()
        return [_record(r) for r in rows]

    def interrupt_unfinished(self) -> int:
        """Mark tasks left 'queued' or 'running' (by a crash or a restart) as 'interrupted';
        return how many. Call once at start-up, before the job runner starts."""
        with self.db.write() as cur:
            (n,) = first(cur.execute(
                "UPDATE tasks SET status = 'interrupted', finished_at = ?, "
                "error = coalesce(error, ?) WHERE status IN ('queued', 'running')",
                [db_time(self.db.now()), "imagechat stopped before this picture was finished."],
            ))
        return int(n)


def _record(row: Sequence[Any]) -> TaskRecord:
    values = dict(zip(_COLS, row))
    values["request"] = json.loads(values["request"])
    for key in ("created_at", "started_at", "finished_at"):
        values[key] = utc(values[key])
    return TaskRecord(**values)
