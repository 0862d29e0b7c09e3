"""The one owner of the DuckDB connection: opening (and migrating) the file, a cursor per thread,
one lock around writes (one transaction per outermost ``write()``), and the clock every row is
stamped with.

One connection per process, a cursor per thread, and a lock around writes: DuckDB is
single-writer, and jobs write from worker threads. The repositories (conversations, messages,
scenes, tasks, images) and the operators' modules reach the file only through this object.
"""

from __future__ import annotations

import contextlib
import re
import threading
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any, Callable, Hashable, Iterator

import duckdb

from storage.changes import Changes
from storage.errors import DatabaseLocked, DatabaseNotWritable, StorageError
from storage.folder import prepare_folder
from storage.migrations import migrate
from storage.records import ANY_USER
from storage.sql import first  # noqa: F401 (re-exported for the repositories)
from storage.values import user_name

Cursor = duckdb.DuckDBPyConnection


class Database:
    """``Database(path)`` opens (creating parent folders) and migrates; ``":memory:"`` gives a
    throwaway database. ``close()`` closes every cursor and the connection."""

    def __init__(self, path: str | Path):
        self.path = str(path)
        if self.path != ":memory:":
            self.path = str(Path(self.path).expanduser())
            prepare_folder(Path(self.path))
        try:
            self._conn = duckdb.connect(self.path)
        except duckdb.Error as exc:
            raise _open_error(self.path, exc) from None
        # Held by every write; a checkpoint (storage.retention) holds it too, so no transaction of
        # this process is open while it runs.
        self.write_lock = threading.RLock()
        self._local = threading.local()
        self._cursors: dict[threading.Thread, Cursor] = {}
        self._cursors_lock = threading.Lock()
        self._last_now = datetime.min.replace(tzinfo=timezone.utc)
        self._closed = False
        self.changes = Changes()  # per-scope change counts for the repositories' read caches
        self.commits = 0  # write transactions committed since opening (what a picture costs, measured)
        try:
            # Vacuuming would merge the small row groups image_blobs is written in back into
            # one, rewriting every stored image at each checkpoint (see migrations.py).
            # Deleted images' space is reclaimed by the images repository instead.
            self._conn.execute("SET max_vacuum_tasks = 0")
            with self.write_lock:
                migrate(self._conn)
        except BaseException:
            self._conn.close()
            raise

    def close(self) -> None:
        with self.write_lock, self._cursors_lock:
            if self._closed:
                return
            self._closed = True
            for cur in self._cursors.values():
                cur.close()
            self._cursors.clear()
            self._conn.close()

    @property
    def open_cursors(self) -> int:
        """How many threads' cursors are open (those of ended threads are closed as others ask)."""
        with self._cursors_lock:
            return len(self._cursors)

    def cursor(self) -> Cursor:
        """This thread's cursor, for reads. Cursors of threads that have ended are closed here,
        so a pool that replaces its threads does not accumulate them."""
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

    def now(self) -> datetime:
        """UTC now, strictly increasing within this database (call it under the write lock), so
        "most recent" is never a tie even where the clock is coarse."""
        now = datetime.now(timezone.utc)
        if now <= self._last_now:
            now = self._last_now + timedelta(microseconds=1)
        self._last_now = now
        return now

    @contextlib.contextmanager
    def write(self) -> Iterator[Cursor]:
        """Hold the write lock and one transaction on this thread's cursor; roll back on error.

        A ``write()`` inside another on the same thread joins the outer transaction, so several
        repositories' writes (an image, its task's end, the message showing it) commit as one:
        all of them or none, for the price of one commit."""
        with self.write_lock:
            cur = self.cursor()
            if getattr(self._local, "writing", None) is not None:
                yield cur
                return
            self._local.writing = after = []
            try:
                cur.begin()
                try:
                    yield cur
                except BaseException:
                    cur.rollback()
                    raise
                cur.commit()
                self.commits += 1
            finally:
                self._local.writing = None
        for callback in after:
            callback()

    def after_commit(self, callback: Callable[[], None]) -> None:
        """Run ``callback`` once this thread's transaction commits (never if it rolls back); at once
        outside one."""
        after = getattr(self._local, "writing", None)
        if after is None:
            callback()
        else:
            after.append(callback)

    def changed(self, scope: Hashable | None) -> None:
        """``scope``'s rows change in this transaction: its change count moves once it commits
        (``storage.changes``; None: every scope)."""
        self.after_commit(lambda: self.changes.moved(scope))

    @contextlib.contextmanager
    def reader(self) -> Iterator[Cursor]:
        """A cursor of its own for a long read (an export, an import's source file) that other
        calls on this thread's cursor must not interrupt."""
        with self._cursors_lock:
            if self._closed:
                raise StorageError("The database is closed; restart imagechat.")
            cur = self._conn.cursor()
        try:
            yield cur
        finally:
            cur.close()


def db_time(dt: datetime) -> datetime:
    """DuckDB TIMESTAMP columns hold naive UTC; pass naive so no session time zone applies."""
    return dt.astimezone(timezone.utc).replace(tzinfo=None)


def utc(dt: datetime | None) -> datetime | None:
    return None if dt is None else dt.replace(tzinfo=timezone.utc)


def select(cols: Any, alias: str = "") -> str:
    """A select list of quoted column names."""
    prefix = f"{alias}." if alias else ""
    return ", ".join(f'{prefix}"{c}"' for c in cols)


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


def owned_by(user: Any, alias: str = "") -> tuple[str, list[Any]]:
    """The SQL condition (and parameter) for "owned by ``user``"; none for ANY_USER (callers that
    already know the id is theirs, such as the job runner). ``None`` is the anonymous person."""
    if user is ANY_USER:
        return "TRUE", []
    prefix = f"{alias}." if alias else ""
    return f'{prefix}"user" IS NOT DISTINCT FROM ?', [user_name(user)]
