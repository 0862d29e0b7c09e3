"""Bounded storage for a public app: what anonymous visitors leave behind is deleted.

Two rules, both for anonymous visitors only (``storage.people.is_anonymous``); named and signed-in
people keep everything until they delete it themselves:

- age (``--retention-days``): conversations whose last activity is older go, with their messages,
  scenes and finished tasks; pictures go by their own creation time, wherever they are shown;
- size (``--max-db-gb``): once the data in the file is over the limit, the oldest anonymous
  conversations (and pictures made outside one) go first, until it is under 90% of it.

A stored picture (a blob in ``image_blobs``) is shared by every images row of its owner with the
same bytes; it goes only with the last row that points at it. Its Base64 is blanked before the row
is deleted, as ``Images.delete_rows`` (storage.images) does and for the same reason: with vacuuming off, a plain
DELETE would leave the bytes in the file. A CHECKPOINT after each prune writes the change out, so
the freed blocks are reused and the file stops growing; once enough has been deleted it vacuums
too, dropping the deleted rows (see ``checkpoint`` for why not every time).
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass, fields
from datetime import datetime, timedelta, timezone
from typing import Sequence

import duckdb

from storage.changes import EVERYTHING
from storage.people import ANONYMOUS_PATTERN
from storage.quota import prune_usage
from storage.records import TERMINAL_STATUSES, InvalidValue
from storage.sql import first
from storage.db import db_time as _db_time
from storage.store import Store

log = logging.getLogger("imagechat.retention")

GB = 1_000_000_000  # --max-db-gb counts decimal gigabytes, as disk sizes are sold
PRUNE_VACUUM_TASKS = 100  # DuckDB's default
VACUUM_SHARE = 0.1  # vacuum once the Base64 deleted since the last vacuum is a tenth of what is left
SIZE_TARGET = 0.9  # over --max-db-gb, prune down to 90% of it
_MAX_SIZE_ROUNDS = 64  # each round deletes about the excess; a few suffice, this only bounds a surprise
_ANON = 'regexp_full_match("user", ?)'  # a condition; its parameter is ANONYMOUS_PATTERN
_TERMINAL = ", ".join("?" for _ in TERMINAL_STATUSES)


@dataclass(frozen=True)
class RetentionPolicy:
    """What to prune; both None: nothing (a private app keeps everything)."""

    retention_days: int | None = None
    max_db_bytes: int | None = None

    def __post_init__(self) -> None:
        days = self.retention_days
        if days is not None and (isinstance(days, bool) or not isinstance(days, int) or days < 1):
            raise InvalidValue("retention_days", f"Retention must be a whole number of days, at least 1, not {days!r}.")
        size = self.max_db_bytes
        if size is not None and (isinstance(size, bool) or not isinstance(size, int) or size < 1):
            raise InvalidValue("max_db_bytes", f"The database size limit must be a positive number, not {size!r}.")

    @classmethod
    def of(cls, retention_days: int | None = None, max_db_gb: float | None = None) -> "RetentionPolicy":
        if max_db_gb is not None and not max_db_gb > 0:  # also refuses NaN
            raise InvalidValue("max_db_gb", f"The database size limit must be a positive number, not {max_db_gb!r}.")
        return cls(retention_days, None if max_db_gb is None else max(1, int(max_db_gb * GB)))

    @property
    def active(self) -> bool:
        return self.retention_days is not None or self.max_db_bytes is not None


@dataclass(frozen=True)
class Freed:
    """Rows deleted, per table, and the Base64 characters (images and thumbnails) released."""

    conversations: int = 0
    messages: int = 0
    scenes: int = 0
    tasks: int = 0
    images: int = 0
    blobs: int = 0
    base64_bytes: int = 0

    def __add__(self, other: "Freed") -> "Freed":
        return Freed(*(getattr(self, f.name) + getattr(other, f.name) for f in fields(self)))

    @property
    def anything(self) -> bool:
        return any(getattr(self, f.name) for f in fields(self))


@dataclass(frozen=True)
class FileSize:
    """The file on disk (with its write-ahead log) and the part of it holding data; the rest is
    free blocks that new writes reuse."""

    file_bytes: int
    used_bytes: int


@dataclass(frozen=True)
class PruneReport:
    freed: Freed
    before: FileSize
    after: FileSize
    only_named_left: bool = False  # over --max-db-gb with no anonymous data left to prune
    vacuumed: bool = False  # the checkpoint rewrote the row groups with deleted rows

    def summary(self) -> str:
        f = self.freed
        return (f"pruned {f.conversations} conversations, {f.messages} messages, {f.scenes} scenes, "
                f"{f.tasks} tasks, {f.images} images ({f.blobs} stored pictures, {_mb(f.base64_bytes)} of Base64); "
                f"file {_mb(self.before.file_bytes)} -> {_mb(self.after.file_bytes)}, "
                f"data {_mb(self.before.used_bytes)} -> {_mb(self.after.used_bytes)}"
                + ("; deleted rows vacuumed" if self.vacuumed else ""))


def _mb(n: int) -> str:
    return f"{n / 1e6:.1f} MB"


def measure(store: Store) -> FileSize:
    """The file's size on disk and the bytes of its blocks in use (``pragma_database_size``)."""
    block_size, used_blocks = first(store.db.cursor().execute(
        "SELECT block_size, used_blocks FROM pragma_database_size() WHERE database_name = current_database()"
    ))
    on_disk = 0
    if store.path != ":memory:":
        for path in (store.path, store.path + ".wal"):
            try:
                on_disk += os.path.getsize(path)
            except FileNotFoundError:
                pass
    return FileSize(file_bytes=on_disk, used_bytes=int(block_size) * int(used_blocks))


def checkpoint(store: Store, *, vacuum: bool = True) -> bool:
    """Write the log into the file so deleted rows' blocks are freed for reuse; False (logged) if
    DuckDB could not now (another transaction open): the next prune tries again.

    ``vacuum``: vacuuming is off in normal use (see storage.db); a prune may want it, as it
    drops deleted rows by rewriting their row groups, but in image_blobs (small row groups, no
    index) it then merges and rewrites every picture stored (measured: one deleted row, 20 of 21
    blocks rewritten). So ``prune`` asks for it only once enough has been deleted."""
    with store.db.write_lock:
        cur = store.db.cursor()
        try:
            if vacuum:
                cur.execute(f"SET max_vacuum_tasks = {PRUNE_VACUUM_TASKS}")
            cur.execute("CHECKPOINT")
        except duckdb.Error as exc:
            log.warning("could not checkpoint the database after pruning: %s", str(exc).splitlines()[0])
            return False
        finally:
            cur.execute("SET max_vacuum_tasks = 0")
    return True


def prune(store: Store, policy: RetentionPolicy, now: datetime | None = None, *,
          deleted_before: int = 0, vacuum: bool | None = None) -> PruneReport:
    """Apply ``policy`` once: the age rule, a checkpoint, then the size rule.

    The checkpoint vacuums (rewriting the stored pictures, see ``checkpoint``) when the Base64
    deleted since the last vacuum (``deleted_before``, kept by the caller, plus this prune's) is at
    least VACUUM_SHARE of what is left, so the rewrites cost in proportion to what they reclaim;
    ``vacuum`` True or False decides instead."""
    now = now or datetime.now(timezone.utc)
    before = measure(store)
    freed = Freed()
    if policy.retention_days is not None:
        freed += prune_older_than(store, now - timedelta(days=policy.retention_days))
    prune_usage(store, now)
    if vacuum is None:
        vacuum = freed.blobs > 0 and deleted_before + freed.base64_bytes >= VACUUM_SHARE * _stored_base64(store)
    vacuum = checkpoint(store, vacuum=vacuum) and vacuum  # a failed one reclaimed nothing
    only_named = False
    if policy.max_db_bytes is not None:
        by_size, only_named = prune_to_size(store, policy.max_db_bytes)
        freed += by_size
        vacuum = vacuum or by_size.blobs > 0
    return PruneReport(freed, before, measure(store), only_named, vacuumed=vacuum)


def _stored_base64(store: Store) -> int:
    """About how much Base64 the stored pictures hold (from their byte counts: no Base64 is read)."""
    (n,) = first(store.db.cursor().execute("SELECT coalesce(sum(bytes_len), 0) FROM image_blobs"))
    return int(n) * 4 // 3


def prune_older_than(store: Store, cutoff: datetime) -> Freed:
    """Delete anonymous visitors' conversations last active before ``cutoff`` and their pictures
    made before it (no checkpoint: the caller makes one)."""
    at = _db_time(cutoff)
    with store.db.write() as cur:
        conversations = [r[0] for r in cur.execute(
            f"SELECT id FROM conversations WHERE {_ANON} AND updated_at < ?", [ANONYMOUS_PATTERN, at]
        ).fetchall()]
        images = [r[0] for r in cur.execute(
            f"SELECT id FROM images WHERE {_ANON} AND created_at < ?", [ANONYMOUS_PATTERN, at]
        ).fetchall()]
        # Tasks outside a conversation (the HTTP API's, or left running when theirs went) go by age.
        (tasks,) = first(cur.execute(
            f"DELETE FROM tasks WHERE {_ANON} AND created_at < ? AND (conversation_id IS NULL OR conversation_id "
            "NOT IN (SELECT id FROM conversations)) "
            f"AND status IN ({_TERMINAL})", [ANONYMOUS_PATTERN, at, *TERMINAL_STATUSES]))
        freed = _delete(cur, conversations, images)
        store.db.changed(EVERYTHING)  # cached task lists of the conversations deleted
    return freed + Freed(tasks=int(tasks))


def prune_to_size(store: Store, max_bytes: int) -> tuple[Freed, bool]:
    """Once the file's data is over ``max_bytes``, delete the oldest anonymous data until it is
    under SIZE_TARGET of it (the margin spares the next prunes the rewrite a vacuum costs);
    return what went, and True when it is still over with only named people's data left (logged)."""
    freed = Freed()
    if measure(store).used_bytes <= max_bytes:
        return freed, False
    target = int(max_bytes * SIZE_TARGET)
    for _ in range(_MAX_SIZE_ROUNDS):
        excess = measure(store).used_bytes - target
        if excess <= 0:
            return freed, False
        conversations, images = _oldest_anonymous(store, excess)
        if not conversations and not images:
            log.warning("the database holds %s of data, over --max-db-gb (%s), but only named and signed-in "
                        "people's data is left, which is never pruned by size", _mb(measure(store).used_bytes),
                        _mb(max_bytes))
            return freed, True
        with store.db.write() as cur:
            freed += _delete(cur, conversations, images)
            store.db.changed(EVERYTHING)  # cached task lists of the conversations deleted
        checkpoint(store, vacuum=True)  # without it the deleted rows' blocks are not freed, and
        # the next round would measure the same size and delete more than needed
    return freed, measure(store).used_bytes > max_bytes


def _oldest_anonymous(store: Store, excess: int) -> tuple[list[str], list[str]]:
    """The oldest anonymous conversations (by last activity) and pictures made outside one (by
    creation), oldest first, until their pictures' Base64 adds up to about ``excess``."""
    rows = store.db.cursor().execute(
        "WITH units AS ("
        " SELECT 'conversation' AS kind, c.id, c.updated_at AS last_at, "
        "  coalesce(sum(b.bytes_len), 0) AS size FROM conversations c "
        "  LEFT JOIN images i ON i.conversation_id = c.id LEFT JOIN image_blobs b ON b.blob_key = i.blob_key "
        '  WHERE regexp_full_match(c."user", ?) GROUP BY c.id, c.updated_at '
        " UNION ALL "
        " SELECT 'image', i.id, i.created_at, b.bytes_len FROM images i "
        "  JOIN image_blobs b ON b.blob_key = i.blob_key "
        '  WHERE regexp_full_match(i."user", ?) AND i.conversation_id IS NULL) '
        "SELECT kind, id, size FROM units ORDER BY last_at, id LIMIT 1000",
        [ANONYMOUS_PATTERN, ANONYMOUS_PATTERN],
    ).fetchall()
    conversations: list[str] = []
    images: list[str] = []
    total = 0
    for kind, unit_id, size in rows:
        (conversations if kind == "conversation" else images).append(unit_id)
        total += int(size) * 4 // 3  # Base64 of the bytes; a shared blob is counted once per use
        if total >= excess:
            break
    return conversations, images


def _delete(cur: duckdb.DuckDBPyConnection, conversation_ids: Sequence[str], image_ids: Sequence[str]) -> Freed:
    """Delete the conversations (messages, scenes, finished tasks, every picture made in them),
    the pictures ``image_ids``, and the blobs no picture points at any more. Inside a transaction.

    Tasks still queued or running keep their record, as when a person deletes a conversation: the
    job that owns them finishes, and a later prune takes them."""
    convs = list(conversation_ids)
    doomed = cur.execute(
        "SELECT id, blob_key FROM images WHERE id IN (SELECT unnest(?::VARCHAR[])) "
        "OR conversation_id IN (SELECT unnest(?::VARCHAR[]))",
        [list(image_ids), convs],
    ).fetchall()
    ids = [r[0] for r in doomed]
    keys = sorted({int(r[1]) for r in doomed})
    (images,) = first(cur.execute("DELETE FROM images WHERE id IN (SELECT unnest(?::VARCHAR[]))", [ids]))
    # Blobs among those keys that no images row points at now (another conversation's picture with
    # the same bytes keeps its blob).
    unused = ("blob_key IN (SELECT unnest(?::BIGINT[])) AND NOT EXISTS "
              "(SELECT 1 FROM images i WHERE i.blob_key = image_blobs.blob_key)")
    blobs, base64_bytes = first(cur.execute(
        f"SELECT count(*), coalesce(sum(strlen(image_b64) + strlen(thumbnail_b64)), 0) FROM image_blobs "
        f"WHERE {unused}", [keys]))
    cur.execute(f"UPDATE image_blobs SET image_b64 = '', thumbnail_b64 = '' WHERE {unused}", [keys])
    cur.execute(f"DELETE FROM image_blobs WHERE {unused}", [keys])
    in_convs = "conversation_id IN (SELECT unnest(?::VARCHAR[]))"
    (messages,) = first(cur.execute(f"DELETE FROM messages WHERE {in_convs}", [convs]))
    (scenes,) = first(cur.execute(f"DELETE FROM scenes WHERE {in_convs}", [convs]))
    # A finished task goes with its conversation, or (made outside one) with its picture.
    (tasks,) = first(cur.execute(
        f"DELETE FROM tasks WHERE ({in_convs} OR (conversation_id IS NULL AND image_id IN "
        f"(SELECT unnest(?::VARCHAR[])))) AND status IN ({_TERMINAL})", [convs, ids, *TERMINAL_STATUSES]))
    (conversations,) = first(cur.execute("DELETE FROM conversations WHERE id IN (SELECT unnest(?::VARCHAR[]))",
                                         [convs]))
    return Freed(conversations=int(conversations), messages=int(messages), scenes=int(scenes), tasks=int(tasks),
                 images=int(images), blobs=int(blobs), base64_bytes=int(base64_bytes))
