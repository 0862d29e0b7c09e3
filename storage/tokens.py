"""A person's API tokens (kept as SHA-256 only) and moving a person's history to another person.

A token is shown once, when it is made; the database keeps its hash, so neither the file nor a
log line holding a row lets anyone call the API. Revoking a token deletes its row.
"""

from __future__ import annotations

import hashlib
import secrets
import threading
from dataclasses import dataclass
from datetime import datetime

from storage.records import InvalidValue
from storage.sql import first
from storage.db import utc as _utc
from storage.store import Store
from storage.values import new_id

TOKEN_PREFIX = "ict_"  # recognisable in a config file or a leaked-secret scan
MAX_TOKENS_PER_PERSON = 20


@dataclass(frozen=True)
class ApiTokenRecord:
    id: str
    label: str
    hint: str  # the token's last four characters
    created_at: datetime


@dataclass(frozen=True)
class Claimed:
    """What a claim moved: rows per table."""

    moved: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.moved.values())


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


class ApiTokens:
    """Tokens of one store. Owners are remembered in memory (a lookup costs a query, and every
    API request makes one); revoking a token, or moving tokens to another person, forgets them all."""

    def __init__(self, store: Store, *, remembered: int = 10_000):
        self._store = store
        self._owners: dict[str, str] = {}
        self._remembered = remembered
        self._lock = threading.Lock()
        self._generation = 0  # bumped by forget(): a lookup that began before it is not remembered

    def create(self, user: str, label: str = "") -> tuple[ApiTokenRecord, str]:
        """A new token for ``user``: its record and the token itself (the only time it is seen)."""
        if not user:
            raise InvalidValue("user", "An API token needs a person to belong to.")
        label = " ".join((label or "").split())[:100]
        token = TOKEN_PREFIX + secrets.token_urlsafe(32)
        with self._store.db.write() as cur:
            (count,) = first(cur.execute('SELECT count(*) FROM api_tokens WHERE "user" = ?', [user]))
            if count >= MAX_TOKENS_PER_PERSON:
                raise InvalidValue("token", f"You have {count} API tokens already; revoke one first.")
            record = ApiTokenRecord(new_id(), label, token[-4:], _utc(self._store.db.now()))
            cur.execute(
                'INSERT INTO api_tokens (id, "user", token_sha256, label, hint, created_at) VALUES (?, ?, ?, ?, ?, ?)',
                [record.id, user, _digest(token), label, record.hint, record.created_at.replace(tzinfo=None)],
            )
        return record, token

    def owner(self, token: str) -> str | None:
        """Whose token this is, or None (unknown or revoked)."""
        if not token.startswith(TOKEN_PREFIX) or len(token) > 200:
            return None
        digest = _digest(token)
        with self._lock:
            if digest in self._owners:
                return self._owners[digest]
            generation = self._generation
        row = first(self._store.db.cursor().execute(
            'SELECT "user" FROM api_tokens WHERE token_sha256 = ?', [digest]
        ))
        if row is None:
            return None
        with self._lock:
            if len(self._owners) >= self._remembered:
                self._owners.clear()
            if generation == self._generation:
                self._owners[digest] = row[0]
        return row[0]

    def forget(self) -> None:
        """Forget the remembered owners (a token was revoked, or tokens changed hands)."""
        with self._lock:
            self._owners.clear()
            self._generation += 1

    def list(self, user: str) -> list[ApiTokenRecord]:
        rows = self._store.db.cursor().execute(
            'SELECT id, label, hint, created_at FROM api_tokens WHERE "user" = ? '
            "ORDER BY created_at DESC", [user],
        ).fetchall()
        return [ApiTokenRecord(r[0], r[1], r[2], _utc(r[3])) for r in rows]

    def revoke(self, token_id: str, user: str) -> bool:
        """Delete ``user``'s token ``token_id``; False when there is no such token of theirs."""
        with self._store.db.write() as cur:
            found = first(cur.execute(
                'SELECT count(*) FROM api_tokens WHERE id = ? AND "user" = ?', [token_id, user]
            ))[0]
            cur.execute('DELETE FROM api_tokens WHERE id = ? AND "user" = ?', [token_id, user])
        self.forget()  # after the commit: a lookup from before it is not remembered
        return bool(found)


def claim(store: Store, source: str, target: str, tokens: ApiTokens | None = None) -> Claimed:
    """Move everything of ``source`` (an anonymous visitor) to ``target`` (who just signed in), in
    one transaction: conversations, tasks, images and whatever else is kept per person.

    Images are content addressed per person: bytes the target already has are not kept twice; the
    source's recipe rows point at the target's copy and the source's copy is freed."""
    if not source or not target or source == target:
        raise InvalidValue("user", "A history can only be moved from one person to another.")
    moved: dict[str, int] = {}
    with store.db.write() as cur:
        tables = [name for (name,) in cur.execute(
            "SELECT table_name FROM duckdb_columns() WHERE schema_name = 'main' AND column_name = 'user' "
            "AND table_name NOT IN ('image_blobs', '_migrations') ORDER BY table_name"
        ).fetchall()]
        duplicates = cur.execute(
            'SELECT s.blob_key, t.blob_key FROM image_blobs s JOIN image_blobs t '
            'ON t.sha256 = s.sha256 AND t."user" = ? WHERE s."user" = ?', [target, source],
        ).fetchall()
        for source_key, target_key in duplicates:
            cur.execute("UPDATE images SET blob_key = ? WHERE blob_key = ?", [target_key, source_key])
        store.repos.images.delete_rows(cur, [], {key for key, _ in duplicates})
        (blobs,) = first(cur.execute('SELECT count(*) FROM image_blobs WHERE "user" = ?', [source]))
        cur.execute('UPDATE image_blobs SET "user" = ? WHERE "user" = ?', [target, source])
        moved["image_blobs"] = blobs
        for table in tables:
            (count,) = first(cur.execute(f'SELECT count(*) FROM "{table}" WHERE "user" = ?', [source]))
            if count:
                cur.execute(f'UPDATE "{table}" SET "user" = ? WHERE "user" = ?', [target, source])
            moved[table] = count
        store.db.changed(None)  # cached task lists: their conversations have a new owner
    if tokens is not None:
        tokens.forget()  # after the commit: the source's tokens now name the target
    return Claimed({k: v for k, v in moved.items() if v})
