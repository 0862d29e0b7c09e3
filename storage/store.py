"""The one owner of the DuckDB file: conversations, messages, tasks and images.

One connection per process, a cursor per thread, and a lock around writes (DuckDB is
single-writer, and jobs write from worker threads). Parameterized SQL only.
"""

from __future__ import annotations

import base64
import hashlib
import io
import json
import re
import threading
import uuid
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any, Sequence

import duckdb

from storage.migrations import migrate
from storage.records import (
    ROLES,
    TASK_STATUSES,
    TERMINAL_STATUSES,
    ConversationRecord,
    DatabaseLocked,
    ImageRecord,
    InvalidValue,
    MessageRecord,
    NewImage,
    NotFound,
    StorageError,
    TaskRecord,
)

THUMBNAIL_PX = 256  # longest side
TITLE_CHARS = 60
MAX_TEXT_CHARS = 1_000_000  # far above any prompt; stops a runaway paste from bloating the file
MAX_IMAGE_BYTES = 64 * 1024 * 1024
_UBIGINT_MAX = 2**64 - 1
_INT32_MAX = 2**31 - 1

# Every images column but image_b64: lists and joins never read the full image.
_IMAGE_COLS = (
    "id", "sha256", "conversation_id", "task_id", "user", "created_at", "backend", "model",
    "prompt_typed", "prompt_sent", "negative_prompt", "style", "seed", "width", "height",
    "steps", "guidance", "timings", "extra", "mime", "bytes_len", "thumbnail_b64",
    "thumbnail_mime",
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


def new_id() -> str:
    """An unguessable id (uuid4 hex): ids appear in URLs, so they must not be enumerable."""
    return uuid.uuid4().hex


class Store:
    """``Store(path)`` opens (creating parent folders) and migrates; use as a context manager
    or call ``close()``. ``":memory:"`` gives a throwaway database."""

    def __init__(self, path: str | Path):
        self.path = str(path)
        if self.path != ":memory:":
            Path(self.path).expanduser().parent.mkdir(parents=True, exist_ok=True)
            self.path = str(Path(self.path).expanduser())
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
            with self._write_lock:
                migrate(self._conn)
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

    def get_conversation(self, conversation_id: str) -> ConversationRecord | None:
        row = self._cur().execute(
            f"SELECT {_select(_CONV_COLS)} FROM conversations WHERE id = ?", [conversation_id]
        ).fetchone()
        return _conversation(row) if row else None

    def latest_conversation(self, user: str | None = None) -> str | None:
        """The id of ``user``'s most recently updated conversation. ``None`` is the anonymous
        user: it sees only conversations created without a user."""
        row = self._cur().execute(
            'SELECT id FROM conversations WHERE "user" IS NOT DISTINCT FROM ? '
            "ORDER BY updated_at DESC LIMIT 1",
            [user],
        ).fetchone()
        return row[0] if row else None

    def list_conversations(
        self, user: str | None = None, limit: int = 50
    ) -> list[ConversationRecord]:
        """``user``'s conversations, most recently updated first."""
        rows = self._cur().execute(
            f"SELECT {_select(_CONV_COLS)} FROM conversations "
            'WHERE "user" IS NOT DISTINCT FROM ? ORDER BY updated_at DESC LIMIT ?',
            [user, _count("limit", limit)],
        ).fetchall()
        return [_conversation(r) for r in rows]

    def touch_conversation(self, conversation_id: str) -> None:
        with self._write() as cur:
            self._touch(cur, conversation_id)

    def set_conversation_title(self, conversation_id: str, title: str) -> None:
        title = _text("title", title, max_chars=1000)
        with self._write() as cur:
            self._touch(cur, conversation_id)
            cur.execute("UPDATE conversations SET title = ? WHERE id = ?", [title, conversation_id])

    def _touch(self, cur: duckdb.DuckDBPyConnection, conversation_id: str) -> datetime:
        now = self._now()
        (changed,) = cur.execute(
            "UPDATE conversations SET updated_at = ? WHERE id = ?",
            [_db_time(now), conversation_id],
        ).fetchone()
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
            (seq,) = cur.execute(
                "SELECT coalesce(max(seq), 0) + 1 FROM messages WHERE conversation_id = ?",
                [conversation_id],
            ).fetchone()
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

    def messages(self, conversation_id: str) -> list[MessageRecord]:
        """The conversation's messages in the order they were added, each with its image's
        record (thumbnail and recipe, never the full image) joined."""
        rows = self._cur().execute(
            f"SELECT {_select(_MSG_COLS, 'm')}, i.id IS NOT NULL, {_select(_IMAGE_COLS, 'i')} "
            "FROM messages m LEFT JOIN images i ON i.id = m.image_id "
            "WHERE m.conversation_id = ? ORDER BY m.seq",
            [conversation_id],
        ).fetchall()
        n = len(_MSG_COLS)
        return [
            _message(r[:n], _image(r[n + 1:]) if r[n] else None) for r in rows
        ]

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
                (changed,) = cur.execute(
                    f"UPDATE tasks SET {', '.join(sets)} WHERE id = ?", [*args, task_id]
                ).fetchone()
                if not changed:
                    raise NotFound(f"Task {task_id!r} was not found.")
        task = self.get_task(task_id)
        if task is None:
            raise NotFound(f"Task {task_id!r} was not found.")
        return task

    def get_task(self, task_id: str) -> TaskRecord | None:
        row = self._cur().execute(
            f"SELECT {_select(_TASK_COLS)} FROM tasks WHERE id = ?", [task_id]
        ).fetchone()
        return _task(row) if row else None

    def interrupt_unfinished(self) -> int:
        """Mark tasks left 'queued' or 'running' (by a crash or a restart) as 'interrupted';
        return how many. Call once at start-up, before the job runner starts."""
        with self._write() as cur:
            (count,) = cur.execute(
                "UPDATE tasks SET status = 'interrupted', finished_at = ?, "
                "error = coalesce(error, ?) WHERE status IN ('queued', 'running')",
                [_db_time(self._now()), "imagechat stopped before this picture was finished."],
            ).fetchone()
        return int(count)

    # --- images ------------------------------------------------------------------------------

    def add_image(self, new: NewImage) -> str:
        """Store the image as Base64 with a small thumbnail, its sha256 and its recipe."""
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
        thumb, thumb_mime = make_thumbnail(data)
        values = {
            "sha256": hashlib.sha256(data).hexdigest(),
            "conversation_id": new.conversation_id,
            "task_id": new.task_id,
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
            "mime": mime,
            "bytes_len": len(data),
            "thumbnail_b64": base64.b64encode(thumb).decode("ascii"),
            "thumbnail_mime": thumb_mime,
            "image_b64": base64.b64encode(data).decode("ascii"),
        }
        image_id = new_id()
        with self._write() as cur:
            values = {"id": image_id, "created_at": _db_time(self._now()), **values}
            cols = ", ".join(f'"{c}"' for c in values)
            marks = ", ".join("?" for _ in values)
            cur.execute(f"INSERT INTO images ({cols}) VALUES ({marks})", list(values.values()))
        return image_id

    def image_bytes(self, image_id: str) -> tuple[bytes, str] | None:
        """The full image, decoded, and its mime type; ``None`` if there is no such image."""
        row = self._cur().execute(
            "SELECT image_b64, mime FROM images WHERE id = ?", [image_id]
        ).fetchone()
        if row is None:
            return None
        return base64.b64decode(row[0]), row[1]

    def image_record(self, image_id: str) -> ImageRecord | None:
        row = self._cur().execute(
            f"SELECT {_select(_IMAGE_COLS)} FROM images WHERE id = ?", [image_id]
        ).fetchone()
        return _image(row) if row else None

    def list_images(
        self, user: str | None = None, limit: int = 50, offset: int = 0
    ) -> list[ImageRecord]:
        """``user``'s images, newest first: thumbnails and recipes only."""
        rows = self._cur().execute(
            f"SELECT {_select(_IMAGE_COLS)} FROM images WHERE \"user\" IS NOT DISTINCT FROM ? "
            "ORDER BY created_at DESC LIMIT ? OFFSET ?",
            [user, _count("limit", limit), _count("offset", offset)],
        ).fetchall()
        return [_image(r) for r in rows]


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


# --- thumbnails ------------------------------------------------------------------------------


def make_thumbnail(data: bytes) -> tuple[bytes, str]:
    """A WebP (JPEG where Pillow lacks WebP) at most THUMBNAIL_PX on its longest side."""
    from PIL import Image, UnidentifiedImageError, features

    try:
        with Image.open(io.BytesIO(data)) as img:
            img.load()
            img.thumbnail((THUMBNAIL_PX, THUMBNAIL_PX))
            if features.check("webp"):
                out = img.convert("RGBA" if _has_alpha(img) else "RGB")
                fmt, mime = "WEBP", "image/webp"
            else:
                out, fmt, mime = img.convert("RGB"), "JPEG", "image/jpeg"
    except (UnidentifiedImageError, OSError, ValueError) as exc:
        raise InvalidValue(
            "png", f"The image could not be read ({exc.__class__.__name__}); nothing was stored."
        ) from None
    buf = io.BytesIO()
    out.save(buf, format=fmt, quality=80)
    return buf.getvalue(), mime


def _has_alpha(img: Any) -> bool:
    return img.mode in ("RGBA", "LA", "PA") or (img.mode == "P" and "transparency" in img.info)


# --- rows → records --------------------------------------------------------------------------


def _db_time(dt: datetime) -> datetime:
    """DuckDB TIMESTAMP columns hold naive UTC; pass naive so no session time zone applies."""
    return dt.astimezone(timezone.utc).replace(tzinfo=None)


def _utc(dt: datetime | None) -> datetime | None:
    return None if dt is None else dt.replace(tzinfo=timezone.utc)


def _conversation(row: Sequence[Any]) -> ConversationRecord:
    cid, user, title, created, updated = row
    return ConversationRecord(
        cid, user, title, _utc(created), _utc(updated)  # type: ignore[arg-type]
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

