"""The one owner of the DuckDB file: conversations, messages, tasks and images.

One connection per process, a cursor per thread, and a lock around writes (DuckDB is
single-writer, and jobs write from worker threads). Parameterized SQL only.

Everything a person owns is looked up with their name in the SQL: ``user=None`` is the
anonymous user (never "everyone"). Lookups by id also accept the default ``ANY_USER`` for
callers that already know the id is theirs (the job runner).
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import json
import re
import threading
import uuid
from dataclasses import dataclass, replace
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any, Iterator, Sequence

import duckdb

from storage.imaging import THUMBNAIL_PX, make_thumbnail, probe  # noqa: F401 (re-exported)
from storage.folder import prepare_folder
from storage.migrations import migrate
from storage.query import ImageFilter, image_where
from storage.sql import first
from storage.records import (
    SceneRow,
    ANY_USER,
    ROLES,
    TASK_STATUSES,
    TERMINAL_STATUSES,
    ConversationRecord,
    DatabaseLocked,
    DatabaseNotWritable,
    ImageRecord,
    ImportLimits,
    ImportResult,
    InvalidValue,
    MessageRecord,
    NewImage,
    NotFound,
    StorageError,
    TaskRecord,
)

TITLE_CHARS = 60
MAX_TEXT_CHARS = 1_000_000  # far above any prompt; stops a runaway paste from bloating the file
MAX_IMAGE_BYTES = 64 * 1024 * 1024
_UBIGINT_MAX = 2**64 - 1
_INT32_MAX = 2**31 - 1

# An ImageRecord's fields, each from images (i) or image_blobs (b); never image_b64, so lists
# and joins never read a full image.
_IMAGE_COLS = (
    "id", "sha256", "conversation_id", "task_id", "user", "created_at", "backend", "model",
    "prompt_typed", "prompt_sent", "negative_prompt", "style", "seed", "width", "height",
    "steps", "guidance", "timings", "extra", "mime", "bytes_len", "thumbnail_b64",
    "thumbnail_mime",
)
_BLOB_FIELDS = frozenset({"sha256", "mime", "bytes_len", "thumbnail_b64", "thumbnail_mime"})
# The images columns a new row gets from NewImage (besides id, blob_key and created_at).
_RECIPE_COLS = (
    "conversation_id", "task_id", "user", "backend", "model", "prompt_typed", "prompt_sent",
    "negative_prompt", "style", "seed", "width", "height", "steps", "guidance", "timings",
    "extra",
)
_TASK_COLS = (
    "id", "conversation_id", "user", "status", "request", "created_at", "started_at",
    "finished_at", "step", "total", "image_id", "error",
)
_CONV_COLS = ("id", "user", "title", "created_at", "updated_at")
_MSG_COLS = (
    "id", "conversation_id", "role", "content", "image_id", "task_id", "meta", "created_at", "seq",
)


def _select(cols: Sequence[str], alias: str = "") -> str:
    prefix = f"{alias}." if alias else ""
    return ", ".join(f'{prefix}"{c}"' for c in cols)


def _image_select(images: str = "i", blobs: str = "b") -> str:
    return ", ".join(
        f'{blobs if c in _BLOB_FIELDS else images}."{c}"' for c in _IMAGE_COLS
    )


def _owner(user: Any, alias: str = "") -> tuple[str, list[Any]]:
    """The SQL condition (and parameter) for "owned by ``user``"; none for ANY_USER."""
    if user is ANY_USER:
        return "TRUE", []
    prefix = f"{alias}." if alias else ""
    return f'{prefix}"user" IS NOT DISTINCT FROM ?', [_opt_text("user", user, max_chars=1000)]


def new_id() -> str:
    """An unguessable id (uuid4 hex): ids appear in URLs, so they must not be enumerable."""
    return uuid.uuid4().hex


class Store:
    """``Store(path)`` opens (creating parent folders) and migrates; use as a context manager
    or call ``close()``. ``":memory:"`` gives a throwaway database."""

    def __init__(self, path: str | Path, *, import_limits: ImportLimits | None = None):
        self.path = str(path)
        self.import_limits = import_limits or ImportLimits()  # what one import may read
        if self.path != ":memory:":
            self.path = str(Path(self.path).expanduser())
            prepare_folder(Path(self.path))
        try:
            self._conn = duckdb.connect(self.path)
        except duckdb.Error as exc:
            raise _open_error(self.path, exc) from None
        self._write_lock = threading.RLock()
        self._local = threading.local()
        self._cursors: dict[threading.Thread, duckdb.DuckDBPyConnection] = {}
        self._cursors_lock = threading.Lock()
        self._last_now = datetime.min.replace(tzinfo=timezone.utc)
        self._closed = False
        try:
            # Vacuuming would merge the small row groups image_blobs is written in back into
            # one, rewriting every stored image at each checkpoint (see migrations.py).
            # Deleted images' space is reclaimed by the store instead (_delete_images).
            self._conn.execute("SET max_vacuum_tasks = 0")
            with self._write_lock:
                migrate(self._conn)
                (self._next_blob_key,) = first(self._conn.execute(
                    "SELECT coalesce(max(blob_key), 0) + 1 FROM image_blobs"
                ))
        except BaseException:
            self._conn.close()
            raise

    # --- lifecycle ---------------------------------------------------------------------------

    def close(self) -> None:
        with self._write_lock, self._cursors_lock:
            if self._closed:
                return
            self._closed = True
            for cur in self._cursors.values():
                cur.close()
            self._cursors.clear()
            self._conn.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _cur(self) -> duckdb.DuckDBPyConnection:
        """This thread's cursor. Cursors of threads that have ended are closed here, so a
        pool that replaces its threads does not accumulate them."""
        cur = getattr(self._local, "cur", None)
        if cur is not None and not self._closed:
            return cur
        with self._cursors_lock:
            if self._closed:
                raise StorageError("The database is closed; restart imagechat.")
            for thread in [t for t in self._cursors if not t.is_alive()]:
                self._cursors.pop(thread).close()
            cur = self._conn.cursor()
            self._cursors[threading.current_thread()] = cur
        self._local.cur = cur
        return cur

    def _now(self) -> datetime:
        """UTC now, strictly increasing within this store (called under the write lock), so
        "most recent" is never a tie even where the clock is coarse."""
        now = datetime.now(timezone.utc)
        if now <= self._last_now:
            now = self._last_now + timedelta(microseconds=1)
        self._last_now = now
        return now

    def _write(self) -> "_Transaction":
        return _Transaction(self)

    @contextlib.contextmanager
    def _reader(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """A cursor of its own for a long read (an export, an import's source file) that
        other calls on this thread's cursor must not interrupt."""
        with self._cursors_lock:
            if self._closed:
                raise StorageError("The database is closed; restart imagechat.")
            cur = self._conn.cursor()
        try:
            yield cur
        finally:
            cur.close()

    # --- conversations -----------------------------------------------------------------------

    def create_conversation(self, user: str | None = None, title: str = "") -> str:
        user = _opt_text("user", user, max_chars=1000)
        title = _text("title", title, max_chars=1000)
        cid = new_id()
        with self._write() as cur:
            now = _db_time(self._now())
            cur.execute(
                'INSERT INTO conversations (id, "user", title, created_at, updated_at) '
                "VALUES (?, ?, ?, ?, ?)",
                [cid, user, title, now, now],
            )
        return cid

    def get_conversation(
        self, conversation_id: str, user: str | None = ANY_USER
    ) -> ConversationRecord | None:
        """The conversation with its image count and first thumbnail; None if there is no
        such conversation or, when ``user`` is given, it is not theirs."""
        owner, args = _owner(user)
        rows = self._conversations(f"id = ? AND {owner}", [conversation_id, *args], 1, 0)
        return rows[0] if rows else None

    def latest_conversation(self, user: str | None = None) -> str | None:
        """The id of ``user``'s most recently updated conversation. ``None`` is the anonymous
        user: it sees only conversations created without a user."""
        row = first(self._cur().execute(
            'SELECT id FROM conversations WHERE "user" IS NOT DISTINCT FROM ? '
            "ORDER BY updated_at DESC LIMIT 1",
            [_opt_text("user", user, max_chars=1000)],
        ))
        return row[0] if row else None

    def list_conversations(
        self, user: str | None = None, limit: int = 50, offset: int = 0
    ) -> list[ConversationRecord]:
        """``user``'s conversations, most recently active first, each with its image count
        and first thumbnail."""
        return self._conversations(
            '"user" IS NOT DISTINCT FROM ?', [_opt_text("user", user, max_chars=1000)],
            _count("limit", limit), _count("offset", offset),
        )

    def _conversations(
        self, where: str, args: list[Any], limit: int, offset: int
    ) -> list[ConversationRecord]:
        # The page first, then the image counts of that page only, then one thumbnail each.
        rows = self._cur().execute(
            f"WITH page AS (SELECT {_select(_CONV_COLS)} FROM conversations WHERE {where} "
            "ORDER BY updated_at DESC, id DESC LIMIT ? OFFSET ?), "
            "stats AS (SELECT i.conversation_id, count(*) AS n, "
            "arg_min(i.blob_key, (i.created_at, i.id)) AS first_key FROM images i "
            "JOIN page p ON p.id = i.conversation_id "
            'AND i."user" IS NOT DISTINCT FROM p."user" GROUP BY i.conversation_id) '
            f"SELECT {_select(_CONV_COLS, 'p')}, coalesce(s.n, 0), b.thumbnail_b64, "
            "b.thumbnail_mime FROM page p LEFT JOIN stats s ON s.conversation_id = p.id "
            "LEFT JOIN image_blobs b ON b.blob_key = s.first_key "
            "ORDER BY p.updated_at DESC, p.id DESC",
            [*args, limit, offset],
        ).fetchall()
        return [_conversation(r) for r in rows]

    def rename_conversation(
        self, conversation_id: str, title: str, user: str | None = None
    ) -> bool:
        """Set the title of ``user``'s conversation; False if it is not theirs (or gone).
        Renaming is not activity: the conversation keeps its place in the list."""
        title = " ".join(_text("title", title, max_chars=1000).split())
        owner, args = _owner(user)
        with self._write() as cur:
            (changed,) = first(cur.execute(
                f"UPDATE conversations SET title = ? WHERE id = ? AND {owner}",
                [title, conversation_id, *args],
            ))
        return bool(changed)

    def delete_conversation(self, conversation_id: str, user: str | None = None) -> bool:
        """Delete ``user``'s conversation: its messages, its finished tasks, and the images
        made in it except those a message elsewhere still shows (they stay, unlinked).
        False if it is not theirs (or gone). Tasks still running keep their record, so the
        job that owns them can finish; their image then lands in the gallery only."""
        owner, args = _owner(user)
        with self._write() as cur:
            row = first(cur.execute(
                f'SELECT "user" FROM conversations WHERE id = ? AND {owner}',
                [conversation_id, *args],
            ))
            if row is None:
                return False
            (conv_user,) = row
            doomed = cur.execute(
                'SELECT i.id, i.blob_key FROM images i WHERE i.conversation_id = ? AND '
                'i."user" IS NOT DISTINCT FROM ? AND NOT EXISTS (SELECT 1 FROM messages m '
                "WHERE m.image_id = i.id AND m.conversation_id <> ?)",
                [conversation_id, conv_user, conversation_id],
            ).fetchall()
            self._delete_images(cur, [image_id for image_id, _ in doomed],
                                {key for _, key in doomed})
            cur.execute(
                "UPDATE images SET conversation_id = NULL WHERE conversation_id = ?",
                [conversation_id],
            )
            cur.execute("DELETE FROM messages WHERE conversation_id = ?", [conversation_id])
            cur.execute("DELETE FROM scenes WHERE conversation_id = ?", [conversation_id])
            cur.execute(
                "DELETE FROM tasks WHERE conversation_id = ? AND status IN "
                f"({', '.join('?' for _ in TERMINAL_STATUSES)})",
                [conversation_id, *TERMINAL_STATUSES],
            )
            cur.execute("DELETE FROM conversations WHERE id = ?", [conversation_id])
        return True

    def set_conversation_title(self, conversation_id: str, title: str) -> None:
        title = _text("title", title, max_chars=1000)
        with self._write() as cur:
            self._touch(cur, conversation_id)
            cur.execute("UPDATE conversations SET title = ? WHERE id = ?", [title, conversation_id])

    def _touch(self, cur: duckdb.DuckDBPyConnection, conversation_id: str) -> datetime:
        now = self._now()
        (changed,) = first(cur.execute(
            "UPDATE conversations SET updated_at = ? WHERE id = ?",
            [_db_time(now), conversation_id],
        ))
        if not changed:
            raise NotFound(
                "That conversation no longer exists. Start a new conversation and try again."
            )
        return now

    # --- messages ----------------------------------------------------------------------------

    def add_message(
        self,
        conversation_id: str,
        role: str,
        content: str,
        *,
        image_id: str | None = None,
        task_id: str | None = None,
        meta: dict[str, Any] | None = None,
    ) -> str:
        """Append a message; bumps the conversation's ``updated_at`` and, for the first user
        message of an untitled conversation, sets its title from the text."""
        if role not in ROLES:
            raise InvalidValue("role", f"A message's role must be one of {ROLES}, not {role!r}.")
        content = _text("content", content)
        meta_json = _json("meta", meta or {})
        mid = new_id()
        with self._write() as cur:
            now = self._touch(cur, conversation_id)
            (seq,) = first(cur.execute(
                "SELECT coalesce(max(seq), 0) + 1 FROM messages WHERE conversation_id = ?",
                [conversation_id],
            ))
            cur.execute(
                "INSERT INTO messages (id, conversation_id, seq, role, content, image_id, "
                "task_id, meta, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [mid, conversation_id, seq, role, content, image_id, task_id, meta_json,
                 _db_time(now)],
            )
            if role == "user":
                title = title_from(content)
                if title:
                    cur.execute(
                        "UPDATE conversations SET title = ? WHERE id = ? AND title = ''",
                        [title, conversation_id],
                    )
        return mid

    def messages(
        self, conversation_id: str, user: str | None = ANY_USER
    ) -> list[MessageRecord]:
        """The conversation's messages in the order they were added, each with its image's
        record (thumbnail and recipe, never the full image) joined; a message whose image was
        deleted keeps its ``image_id`` with ``image`` None (``image_deleted``). With ``user``
        given, [] unless the conversation is theirs."""
        owner, args = _owner(user, "c")
        rows = self._cur().execute(
            f"SELECT {_select(_MSG_COLS, 'm')}, i.id IS NOT NULL, {_image_select()} "
            "FROM messages m JOIN conversations c ON c.id = m.conversation_id "
            "LEFT JOIN images i ON i.id = m.image_id "
            "LEFT JOIN image_blobs b ON b.blob_key = i.blob_key "
            f"WHERE m.conversation_id = ? AND {owner} ORDER BY m.seq",
            [conversation_id, *args],
        ).fetchall()
        n = len(_MSG_COLS)
        return [
            _message(r[:n], _image(r[n + 1:]) if r[n] else None) for r in rows
        ]

    # --- scenes ------------------------------------------------------------------------------

    def add_scene(
        self,
        conversation_id: str,
        *,
        scene: dict[str, Any],
        intent: str,
        parent_id: str | None = None,
        prompt: str = "",
        negative_prompt: str = "",
        message_id: str | None = None,
        task_ids: Sequence[str] = (),
        image_number: int | None = None,
    ) -> SceneRow:
        """Append a scene (the structured state of one picture) to the conversation."""
        sid = new_id()
        scene_json = _json("scene", scene)
        with self._write() as cur:
            (seq,) = first(cur.execute(
                "SELECT coalesce(max(seq), 0) + 1 FROM scenes WHERE conversation_id = ?", [conversation_id]))
            cur.execute(
                "INSERT INTO scenes (id, conversation_id, seq, parent_id, intent, scene, prompt, negative_prompt, "
                "message_id, task_ids, image_number, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [sid, conversation_id, seq, parent_id, _text("intent", intent, max_chars=40), scene_json,
                 _text("prompt", prompt), _text("negative_prompt", negative_prompt), message_id,
                 json.dumps([str(t) for t in task_ids]), image_number, _db_time(self._now())],
            )
        return SceneRow(sid, conversation_id, seq, parent_id, intent, dict(scene), prompt, negative_prompt,
                        message_id, tuple(task_ids), image_number)

    def scenes(self, conversation_id: str, user: str | None = ANY_USER) -> list[SceneRow]:
        """The conversation's scenes, oldest first; [] unless it is ``user``'s (when given)."""
        owner, args = _owner(user, "c")
        rows = self._cur().execute(
            "SELECT s.id, s.conversation_id, s.seq, s.parent_id, s.intent, s.scene, s.prompt, s.negative_prompt, "
            "s.message_id, s.task_ids, s.image_number FROM scenes s JOIN conversations c ON c.id = s.conversation_id "
            f"WHERE s.conversation_id = ? AND {owner} ORDER BY s.seq",
            [conversation_id, *args],
        ).fetchall()
        return [SceneRow(r[0], r[1], r[2], r[3], r[4], json.loads(r[5]), r[6], r[7], r[8], tuple(json.loads(r[9])),
                         r[10]) for r in rows]

    # --- tasks -------------------------------------------------------------------------------

    def create_task(
        self,
        task_id: str,
        request: dict[str, Any],
        *,
        conversation_id: str | None = None,
        user: str | None = None,
    ) -> None:
        """Record a task as 'queued'. ``task_id`` is the job runner's id."""
        task_id = _text("task_id", task_id, max_chars=200)
        if not task_id:
            raise InvalidValue("task_id", "A task needs an id.")
        request_json = _json("request", request)
        user = _opt_text("user", user, max_chars=1000)
        with self._write() as cur:
            try:
                cur.execute(
                    'INSERT INTO tasks (id, conversation_id, "user", status, request, created_at) '
                    "VALUES (?, ?, ?, 'queued', ?, ?)",
                    [task_id, conversation_id, user, request_json, _db_time(self._now())],
                )
            except duckdb.ConstraintException:
                raise InvalidValue(
                    "task_id", f"A task with id {task_id!r} already exists."
                ) from None

    def update_task(
        self,
        task_id: str,
        *,
        status: str | None = None,
        step: int | None = None,
        total: int | None = None,
        image_id: str | None = None,
        error: str | None = None,
    ) -> TaskRecord:
        """Change the given fields only. 'running' sets ``started_at`` (once); a terminal
        status (succeeded, failed, cancelled, interrupted) sets ``finished_at``."""
        if status is not None and status not in TASK_STATUSES:
            raise InvalidValue(
                "status", f"A task's status must be one of {TASK_STATUSES}, not {status!r}."
            )
        fields: list[tuple[str, Any]] = [("status", status)]
        fields += [(name, None if v is None else _count(name, v)) for name, v in
                   (("step", step), ("total", total))]
        fields += [("image_id", image_id), ("error", _opt_text("error", error))]
        sets = [f"{name} = ?" for name, value in fields if value is not None]
        args = [value for _, value in fields if value is not None]
        with self._write() as cur:
            now = _db_time(self._now())
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
        task = self.get_task(task_id)
        if task is None:
            raise NotFound(f"Task {task_id!r} was not found.")
        return task

    def get_task(self, task_id: str, user: str | None = ANY_USER) -> TaskRecord | None:
        """The task; None if there is none or, with ``user`` given, it is not theirs."""
        owner, args = _owner(user)
        row = first(self._cur().execute(
            f"SELECT {_select(_TASK_COLS)} FROM tasks WHERE id = ? AND {owner}", [task_id, *args]
        ))
        return _task(row) if row else None

    def conversation_tasks(
        self, conversation_id: str, user: str | None = ANY_USER, *, unfinished: bool = False
    ) -> list[TaskRecord]:
        """The conversation's tasks, oldest first (only those still 'queued' or 'running'
        with ``unfinished``); [] unless the conversation is ``user``'s (when given)."""
        owner, args = _owner(user, "c")
        where = " AND t.status IN ('queued', 'running')" if unfinished else ""
        rows = self._cur().execute(
            f"SELECT {_select(_TASK_COLS, 't')} FROM tasks t JOIN conversations c "
            f"ON c.id = t.conversation_id WHERE t.conversation_id = ? AND {owner}{where} "
            "ORDER BY t.created_at, t.id",
            [conversation_id, *args],
        ).fetchall()
        return [_task(r) for r in rows]

    def conversation_stamp(self, conversation_id: str, user: str | None = ANY_USER) -> Any:
        """A value that changes whenever a message is added to the conversation (its
        ``updated_at``); None if there is no such conversation or it is not ``user``'s."""
        owner, args = _owner(user)
        row = first(self._cur().execute(
            f"SELECT updated_at FROM conversations WHERE id = ? AND {owner}",
            [conversation_id, *args],
        ))
        return row[0] if row else None

    def note_interrupted_tasks(self, content: str) -> int:
        """Give each 'interrupted' task of a conversation that has no message for it yet an
        assistant message saying so (``content``, meta status 'interrupted'); return how
        many. Idempotent. The conversations keep their place in the list."""
        content = _text("content", content)
        meta = _json("meta", {"status": "interrupted", "reason": "interrupted"})
        with self._write() as cur:
            rows = cur.execute(
                "SELECT t.id, t.conversation_id FROM tasks t "
                "JOIN conversations c ON c.id = t.conversation_id "
                "WHERE t.status = 'interrupted' AND NOT EXISTS "
                "(SELECT 1 FROM messages m WHERE m.task_id = t.id) "
                "ORDER BY t.created_at, t.id"
            ).fetchall()
            for task_id, conversation_id in rows:
                (seq,) = first(cur.execute(
                    "SELECT coalesce(max(seq), 0) + 1 FROM messages WHERE conversation_id = ?",
                    [conversation_id],
                ))
                cur.execute(
                    "INSERT INTO messages (id, conversation_id, seq, role, content, image_id, "
                    "task_id, meta, created_at) VALUES (?, ?, ?, 'assistant', ?, NULL, ?, ?, ?)",
                    [new_id(), conversation_id, seq, content, task_id, meta, _db_time(self._now())],
                )
        return len(rows)

    def interrupt_unfinished(self) -> int:
        """Mark tasks left 'queued' or 'running' (by a crash or a restart) as 'interrupted';
        return how many. Call once at start-up, before the job runner starts."""
        with self._write() as cur:
            (count,) = first(cur.execute(
                "UPDATE tasks SET status = 'interrupted', finished_at = ?, "
                "error = coalesce(error, ?) WHERE status IN ('queued', 'running')",
                [_db_time(self._now()), "imagechat stopped before this picture was finished."],
            ))
        return int(count)

    # --- images ------------------------------------------------------------------------------

    def add_image(self, new: NewImage) -> str:
        """Store the image with its recipe; return its new id.

        Content addressed per user: bytes this user already has are not stored again, the
        new id points at the stored copy (a re-roll that comes out identical costs one
        recipe row). Other users' copies are never shared, so deleting is always private."""
        prepared = self._prepare(new)
        if self._find_blob(self._cur(), prepared.row["user"], prepared.sha256) is None:
            # New bytes: make the thumbnail (which also proves they are an image) before
            # taking the write lock, so progress updates of other jobs do not wait on it.
            prepared = replace(prepared, thumbnail=make_thumbnail(prepared.data))
        with self._write() as cur:
            image_id, _ = self._insert_image(cur, prepared, created_at=self._now())
        return image_id

    def image_bytes(
        self, image_id: str, user: str | None = ANY_USER
    ) -> tuple[bytes, str] | None:
        """The full image, decoded, and its mime type; None if there is no such image or,
        with ``user`` given, it is not theirs."""
        found = self._image_row(("blob_key",), image_id, user)
        if found is None:
            return None
        # A point lookup of its own: blob_key grows with insertion, so row-group statistics
        # find it in one row group. (Joined to the lookup above it took twice as long.)
        blob = first(self._cur().execute(
            "SELECT from_base64(image_b64), mime FROM image_blobs WHERE blob_key = ?", [found[0]]
        ))
        if blob is None:  # deleted between the two reads
            return None
        return bytes(blob[0]), blob[1]

    def image_record(
        self, image_id: str, user: str | None = ANY_USER
    ) -> ImageRecord | None:
        """The recipe and thumbnail; None if there is no such image or, with ``user``
        given, it is not theirs."""
        recipe_cols = [c for c in _IMAGE_COLS if c not in _BLOB_FIELDS]
        found = self._image_row((*recipe_cols, "blob_key"), image_id, user)
        if found is None:
            return None
        blob_cols = [c for c in _IMAGE_COLS if c in _BLOB_FIELDS]
        blob = first(self._cur().execute(
            f"SELECT {_select(blob_cols)} FROM image_blobs WHERE blob_key = ?", [found[-1]]
        ))
        if blob is None:
            return None
        values = {**dict(zip(recipe_cols, found)), **dict(zip(blob_cols, blob))}
        return _image([values[c] for c in _IMAGE_COLS])

    def _image_row(self, cols: Sequence[str], image_id: str, user: Any) -> Any:
        """``cols`` of one images row, if it is ``user``'s. The id is looked up in a
        materialized CTE because DuckDB uses the primary key's index only for a filter on the
        key alone; with the owner beside it, it scans the table."""
        owner, args = _owner(user)
        inner = [*cols, *(["user"] if "user" not in cols else [])]
        return first(self._cur().execute(
            f"WITH r AS MATERIALIZED (SELECT {_select(inner)} FROM images WHERE id = ?) "
            f"SELECT {_select(cols)} FROM r WHERE {owner}",
            [image_id, *args],
        ))

    def list_images(
        self,
        user: str | None = None,
        limit: int = 50,
        offset: int = 0,
        **filters: Any,
    ) -> list[ImageRecord]:
        """``user``'s images, newest first: thumbnails and recipes only. Filters (all
        optional): ``q``, ``backend``, ``model``, ``style``, ``since``, ``until``,
        ``conversation_id``; see ``storage.query.ImageFilter``."""
        where, args = image_where(user, ImageFilter.of(filters))
        # The page is chosen on the small images table; only its rows are joined to blobs.
        rows = self._cur().execute(
            f"WITH page AS (SELECT * FROM images i WHERE {where} "
            "ORDER BY i.created_at DESC, i.id DESC LIMIT ? OFFSET ?) "
            f"SELECT {_image_select('i', 'b')} FROM page i "
            "JOIN image_blobs b ON b.blob_key = i.blob_key "
            "ORDER BY i.created_at DESC, i.id DESC",
            [*args, _count("limit", limit), _count("offset", offset)],
        ).fetchall()
        return [_image(r) for r in rows]

    def count_images(self, user: str | None = None, **filters: Any) -> int:
        """How many of ``user``'s images ``list_images`` would page through."""
        where, args = image_where(user, ImageFilter.of(filters))
        (n,) = first(self._cur().execute(f"SELECT count(*) FROM images i WHERE {where}", args))
        return int(n)

    def delete_image(self, image_id: str, user: str | None = None) -> bool:
        """Delete ``user``'s image; False if it is not theirs (or gone). Messages that showed
        it keep their text and report it deleted; the bytes go when nothing else uses them."""
        with self._write() as cur:
            row = self._image_row(("blob_key",), image_id, user)
            if row is None:
                return False
            self._delete_images(cur, [image_id], {row[0]})
        return True

    def export_parquet(self, path: str | Path, user: str | None = None, **filters: Any) -> int:
        """Write ``user``'s images (matching ``filters``, as for ``list_images``) with their
        full bytes and recipes to a Parquet file; return how many."""
        from storage import exchange

        return exchange.export_parquet(self, path, user, ImageFilter.of(filters))

    def import_parquet(self, path: str | Path, user: str | None = None) -> ImportResult:
        """Add the images of a Parquet file written by ``export_parquet`` to ``user``'s."""
        from storage import exchange

        return exchange.import_parquet(self, path, user)

    def export_zip(self, path: str | Path, user: str | None = None, **filters: Any) -> int:
        """Write ``user``'s images as PNGs carrying their recipe in a "parameters" text chunk
        (readable by other Stable Diffusion tools), plus ``recipes.json``; return how many."""
        from storage import exchange

        return exchange.export_zip(self, path, user, ImageFilter.of(filters))

    def import_file(self, path: str | Path, user: str | None = None) -> ImportResult:
        """Add the images of a zip or Parquet export (whichever ``path`` is) to ``user``'s."""
        from storage import exchange

        return exchange.import_file(self, path, user)

    def import_zip(self, path: str | Path, user: str | None = None) -> ImportResult:
        """Add the images of a zip (ours, or PNGs from other tools) to ``user``'s."""
        from storage import exchange

        return exchange.import_zip(self, path, user)

    # --- images: internals shared with storage.exchange ---------------------------------------

    def _prepare(self, new: NewImage, *, thumbnail: tuple[bytes, str] | None = None,
                 check_image: bool = False) -> "_Prepared":
        """Validate ``new`` (naming the field at fault) before any lock is taken."""
        data = new.png
        if not isinstance(data, (bytes, bytearray, memoryview)) or not data:
            raise InvalidValue("png", "The image is empty; nothing was stored.")
        data = bytes(data)
        if len(data) > MAX_IMAGE_BYTES:
            raise InvalidValue(
                "png", f"The image is too large to store ({len(data)} bytes; the limit is "
                f"{MAX_IMAGE_BYTES})."
            )
        mime = _text("mime", new.mime, max_chars=100)
        if not re.fullmatch(r"image/[\w.+-]+", mime):
            raise InvalidValue("mime", f"{mime!r} is not an image type.")
        row = {
            "conversation_id": _opt_text("conversation_id", new.conversation_id, max_chars=200),
            "task_id": _opt_text("task_id", new.task_id, max_chars=200),
            "user": _opt_text("user", new.user, max_chars=1000),
            "backend": _text("backend", new.backend, max_chars=200),
            "model": _text("model", new.model, max_chars=1000),
            "prompt_typed": _text("prompt_typed", new.prompt_typed),
            "prompt_sent": _text("prompt_sent", new.prompt_sent),
            "negative_prompt": _text("negative_prompt", new.negative_prompt),
            "style": _text("style", new.style, max_chars=200),
            "seed": _opt_int("seed", new.seed, 0, _UBIGINT_MAX),
            "width": _opt_int("width", new.width, 1, _INT32_MAX, required=True),
            "height": _opt_int("height", new.height, 1, _INT32_MAX, required=True),
            "steps": _opt_int("steps", new.steps, 0, _INT32_MAX),
            "guidance": _opt_float("guidance", new.guidance),
            "timings": _json("timings", new.timings or {}),
            "extra": _json("extra", new.extra or {}),
        }
        if check_image:
            probe(data)
        return _Prepared(row, data, hashlib.sha256(data).hexdigest(), mime, thumbnail)

    def _find_blob(
        self, cur: duckdb.DuckDBPyConnection, user: str | None, sha256: str
    ) -> int | None:
        row = first(cur.execute(
            'SELECT blob_key FROM image_blobs WHERE sha256 = ? AND "user" IS NOT DISTINCT FROM ? '
            "LIMIT 1",
            [sha256, user],
        ))
        return None if row is None else int(row[0])

    def _insert_image(
        self, cur: duckdb.DuckDBPyConnection, p: "_Prepared", *, created_at: datetime
    ) -> tuple[str, bool]:
        """Insert the recipe row, and the bytes unless this user has them already; return
        (new image id, whether the bytes were new). Call inside ``self._write()``."""
        user = p.row["user"]
        key = self._find_blob(cur, user, p.sha256)
        new_bytes = key is None
        if key is None:
            # Decoding for the thumbnail also proves the bytes are an image; computed only
            # for bytes not stored yet (under the lock, which a re-roll rarely needs).
            thumb, thumb_mime = p.thumbnail or make_thumbnail(p.data)
            key = self._next_blob_key
            self._next_blob_key += 1
            cur.execute(
                'INSERT INTO image_blobs (blob_key, "user", sha256, mime, bytes_len, '
                "thumbnail_b64, thumbnail_mime, created_at, image_b64) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [key, user, p.sha256, p.mime, len(p.data),
                 base64.b64encode(thumb).decode("ascii"), thumb_mime, _db_time(created_at),
                 base64.b64encode(p.data).decode("ascii")],
            )
        image_id = new_id()
        values = {"id": image_id, "blob_key": key, "created_at": _db_time(created_at), **p.row}
        cols = ", ".join(f'"{c}"' for c in values)
        marks = ", ".join("?" for _ in values)
        cur.execute(f"INSERT INTO images ({cols}) VALUES ({marks})", list(values.values()))
        return image_id, new_bytes

    def _delete_images(
        self, cur: duckdb.DuckDBPyConnection, image_ids: list[str], blob_keys: set[int]
    ) -> None:
        """Delete recipe rows, then the blobs among ``blob_keys`` nothing points at any more.

        A blob's Base64 is blanked before its row is deleted: the update makes the next
        checkpoint rewrite that one small row group without it, so its blocks are reused.
        A plain DELETE would only mark the row, and with vacuuming off (see __init__) the
        bytes would stay in the file for good."""
        for image_id in image_ids:
            cur.execute("DELETE FROM images WHERE id = ?", [image_id])
        for key in sorted(blob_keys):
            (used,) = first(cur.execute(
                "SELECT count(*) FROM images WHERE blob_key = ?", [key]
            ))
            if not used:
                cur.execute(
                    "UPDATE image_blobs SET image_b64 = '', thumbnail_b64 = '' WHERE blob_key = ?",
                    [key],
                )
                cur.execute("DELETE FROM image_blobs WHERE blob_key = ?", [key])


@dataclass(frozen=True)
class _Prepared:
    """A validated NewImage: the images row's values, the bytes and what is known of them."""

    row: dict[str, Any]
    data: bytes
    sha256: str
    mime: str
    thumbnail: tuple[bytes, str] | None


class _Transaction:
    """Hold the write lock and one transaction on this thread's cursor; roll back on error."""

    def __init__(self, store: Store):
        self._store = store

    def __enter__(self) -> duckdb.DuckDBPyConnection:
        self._store._write_lock.acquire()
        try:
            self._cur = self._store._cur()
            self._cur.begin()
        except BaseException:
            self._store._write_lock.release()
            raise
        return self._cur

    def __exit__(self, exc_type: object, exc: object, tb: object) -> None:
        try:
            if exc_type is None:
                self._cur.commit()
            else:
                self._cur.rollback()
        finally:
            self._store._write_lock.release()


# --- opening ---------------------------------------------------------------------------------


def _open_error(path: str, exc: duckdb.Error) -> StorageError:
    text = str(exc)
    if "lock" in text.lower():
        pid = re.search(r"PID (\d+)", text)
        return DatabaseLocked(path, int(pid.group(1)) if pid else None)
    for reason in ("Permission denied", "Operation not permitted", "Read-only file system"):
        if reason in text:  # the folder passed the check but the file itself is refused
            return DatabaseNotWritable(path, str(Path(path).parent), reason)
    if "not a valid DuckDB database" in text or "database file" in text.lower():
        return StorageError(
            f'"{path}" is not an imagechat database (or it is damaged). '
            "Pass another --db file, or move this one aside."
        )
    return StorageError(f'Could not open the database file "{path}": {text.splitlines()[0]}')


# --- validation: reject what cannot round-trip, naming the field -----------------------------


def _text(field: str, value: Any, *, max_chars: int = MAX_TEXT_CHARS) -> str:
    if not isinstance(value, str):
        raise InvalidValue(field, f"{field} must be text, not {type(value).__name__}.")
    if len(value) > max_chars:
        raise InvalidValue(
            field, f"{field} is too long ({len(value):,} characters; the limit is {max_chars:,})."
        )
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise InvalidValue(
            field,
            f"{field} contains a broken character (an unpaired surrogate at position "
            f"{exc.start}) that cannot be stored. Remove it and try again.",
        ) from None
    return value


def _opt_text(field: str, value: Any, *, max_chars: int = MAX_TEXT_CHARS) -> str | None:
    return None if value is None else _text(field, value, max_chars=max_chars)


def _json(field: str, value: Any) -> str:
    if not isinstance(value, dict):
        raise InvalidValue(field, f"{field} must be a dict, not {type(value).__name__}.")
    try:
        encoded = json.dumps(value, ensure_ascii=False, allow_nan=False)
    except (TypeError, ValueError) as exc:
        raise InvalidValue(field, f"{field} cannot be stored as JSON: {exc}.") from None
    return _text(field, encoded, max_chars=10 * MAX_TEXT_CHARS)


def _opt_int(field: str, value: Any, low: int, high: int, *, required: bool = False) -> int | None:
    if value is None and not required:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidValue(field, f"{field} must be a whole number, not {value!r}.")
    if not low <= value <= high:
        raise InvalidValue(field, f"{field} must be between {low} and {high}, not {value}.")
    return value


def _opt_float(field: str, value: Any) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise InvalidValue(field, f"{field} must be a number, not {value!r}.")
    return float(value)


def _count(field: str, value: Any) -> int:
    return _opt_int(field, value, 0, _INT32_MAX, required=True)  # type: ignore[return-value]


def title_from(content: str) -> str:
    """A conversation title from the first user message: whitespace collapsed, cut to about
    60 characters at a word boundary."""
    text = " ".join(content.split())
    if len(text) <= TITLE_CHARS:
        return text
    cut = text[: TITLE_CHARS - 1]
    space = cut.rfind(" ")
    if space >= TITLE_CHARS // 2:
        cut = cut[:space]
    return cut.rstrip() + "…"


# --- rows → records --------------------------------------------------------------------------


def _db_time(dt: datetime) -> datetime:
    """DuckDB TIMESTAMP columns hold naive UTC; pass naive so no session time zone applies."""
    return dt.astimezone(timezone.utc).replace(tzinfo=None)


def _utc(dt: datetime | None) -> datetime | None:
    return None if dt is None else dt.replace(tzinfo=timezone.utc)


def _conversation(row: Sequence[Any]) -> ConversationRecord:
    cid, user, title, created, updated, count, thumb, thumb_mime = row
    return ConversationRecord(
        cid, user, title, _utc(created), _utc(updated),  # type: ignore[arg-type]
        image_count=int(count), thumbnail_b64=thumb, thumbnail_mime=thumb_mime,
    )


def _message(row: Sequence[Any], image: ImageRecord | None) -> MessageRecord:
    mid, cid, role, content, image_id, task_id, meta, created, seq = row
    return MessageRecord(
        id=mid, conversation_id=cid, role=role, content=content, image_id=image_id,
        task_id=task_id, meta=json.loads(meta), created_at=_utc(created),  # type: ignore[arg-type]
        seq=int(seq), image=image,
    )


def _task(row: Sequence[Any]) -> TaskRecord:
    values = dict(zip(_TASK_COLS, row))
    values["request"] = json.loads(values["request"])
    for key in ("created_at", "started_at", "finished_at"):
        values[key] = _utc(values[key])
    return TaskRecord(**values)


def _image(row: Sequence[Any]) -> ImageRecord:
    values = dict(zip(_IMAGE_COLS, row))
    values["timings"] = json.loads(values["timings"])
    values["extra"] = json.loads(values["extra"])
    values["created_at"] = _utc(values["created_at"])
    values["seed"] = None if values["seed"] is None else int(values["seed"])
    return ImageRecord(**values)

