"""The conversations repository: each person's conversations, their titles and their activity.

Everything a person owns is looked up with their name in the SQL: ``user=None`` is the
anonymous person (never "everyone"). Lookups by id also accept the default ``ANY_USER`` for
callers that already know the id is theirs (the job runner).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Sequence

from storage.db import Cursor, Database, db_time, first, owned_by, select, utc
from storage.images import Images
from storage.records import ANY_USER, TERMINAL_STATUSES, ConversationRecord, NotFound
from storage.values import count, new_id, text, user_name

TITLE_CHARS = 60
_COLS = ("id", "user", "title", "created_at", "updated_at")


def title_from(content: str) -> str:
    """A conversation title from the first user message: whitespace collapsed, cut to about
    60 characters at a word boundary."""
    words = " ".join(content.split())
    if len(words) <= TITLE_CHARS:
        return words
    cut = words[: TITLE_CHARS - 1]
    space = cut.rfind(" ")
    if space >= TITLE_CHARS // 2:
        cut = cut[:space]
    return cut.rstrip() + "…"


class Conversations:
    def __init__(self, db: Database, images: Images):
        self.db = db
        self.images = images  # deleting a conversation deletes the pictures only it shows

    def create(self, user: str | None = None, title: str = "") -> str:
        user = user_name(user)
        title = text("title", title, max_chars=1000)
        cid = new_id()
        with self.db.write() as cur:
            now = db_time(self.db.now())
            cur.execute(
                'INSERT INTO conversations (id, "user", title, created_at, updated_at) '
                "VALUES (?, ?, ?, ?, ?)",
                [cid, user, title, now, now],
            )
        return cid

    def get(self, conversation_id: str, user: str | None = ANY_USER) -> ConversationRecord | None:
        """The conversation with its image count and first thumbnail; None if there is no
        such conversation or, when ``user`` is given, it is not theirs."""
        owner, args = owned_by(user)
        rows = self._page(f"id = ? AND {owner}", [conversation_id, *args], 1, 0)
        return rows[0] if rows else None

    def latest(self, user: str | None = None) -> str | None:
        """The id of ``user``'s most recently updated conversation. ``None`` is the anonymous
        user: it sees only conversations created without a user."""
        row = first(self.db.cursor().execute(
            'SELECT id FROM conversations WHERE "user" IS NOT DISTINCT FROM ? '
            "ORDER BY updated_at DESC LIMIT 1",
            [user_name(user)],
        ))
        return row[0] if row else None

    def list(self, user: str | None = None, limit: int = 50,
             offset: int = 0) -> "list[ConversationRecord]":
        """``user``'s conversations, most recently active first, each with its image count
        and first thumbnail."""
        return self._page('"user" IS NOT DISTINCT FROM ?', [user_name(user)],
                          count("limit", limit), count("offset", offset))

    def _page(self, where: str, args: "list[Any]", limit: int,
              offset: int) -> "list[ConversationRecord]":
        # The page first, then the image counts of that page only, then one thumbnail each.
        rows = self.db.cursor().execute(
            f"WITH page AS (SELECT {select(_COLS)} FROM conversations WHERE {where} "
            "ORDER BY updated_at DESC, id DESC LIMIT ? OFFSET ?), "
            "stats AS (SELECT i.conversation_id, count(*) AS n, "
            "arg_min(i.blob_key, (i.created_at, i.id)) AS first_key FROM images i "
            "JOIN page p ON p.id = i.conversation_id "
            'AND i."user" IS NOT DISTINCT FROM p."user" GROUP BY i.conversation_id) '
            f"SELECT {select(_COLS, 'p')}, coalesce(s.n, 0), b.thumbnail_b64, "
            "b.thumbnail_mime FROM page p LEFT JOIN stats s ON s.conversation_id = p.id "
            "LEFT JOIN image_blobs b ON b.blob_key = s.first_key "
            "ORDER BY p.updated_at DESC, p.id DESC",
            [*args, limit, offset],
        ).fetchall()
        return [_record(r) for r in rows]

    def rename(self, conversation_id: str, title: str, user: str | None = None) -> bool:
        """Set the title of ``user``'s conversation; False if it is not theirs (or gone).
        Renaming is not activity: the conversation keeps its place in the list."""
        title = " ".join(text("title", title, max_chars=1000).split())
        owner, args = owned_by(user)
        with self.db.write() as cur:
            (changed,) = first(cur.execute(
                f"UPDATE conversations SET title = ? WHERE id = ? AND {owner}",
                [title, conversation_id, *args],
            ))
        return bool(changed)

    def set_title(self, conversation_id: str, title: str) -> None:
        title = text("title", title, max_chars=1000)
        with self.db.write() as cur:
            self.touch(cur, conversation_id)
            cur.execute("UPDATE conversations SET title = ? WHERE id = ?", [title, conversation_id])

    def touch(self, cur: Cursor, conversation_id: str) -> datetime:
        """Mark the conversation active now (inside ``db.write()``); NotFound if it is gone."""
        now = self.db.now()
        (changed,) = first(cur.execute(
            "UPDATE conversations SET updated_at = ? WHERE id = ?",
            [db_time(now), conversation_id],
        ))
        if not changed:
            raise NotFound(
                "That conversation no longer exists. Start a new conversation and try again."
            )
        return now

    def stamp(self, conversation_id: str, user: str | None = ANY_USER) -> Any:
        """A value that changes whenever a message is added to the conversation (its
        ``updated_at``); None if there is no such conversation or it is not ``user``'s."""
        owner, args = owned_by(user)
        row = first(self.db.cursor().execute(
            f"SELECT updated_at FROM conversations WHERE id = ? AND {owner}",
            [conversation_id, *args],
        ))
        return row[0] if row else None

    def delete(self, conversation_id: str, user: str | None = None) -> bool:
        """Delete ``user``'s conversation: its messages, its finished tasks, and the images
        made in it except those a message elsewhere still shows (they stay, unlinked).
        False if it is not theirs (or gone). Tasks still running keep their record, so the
        job that owns them can finish; their image then lands in the gallery only."""
        owner, args = owned_by(user)
        with self.db.write() as cur:
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
            self.images.delete_rows(cur, [image_id for image_id, _ in doomed],
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
            self.db.changed(conversation_id)  # its cached task lists
        return True


def _record(row: Sequence[Any]) -> ConversationRecord:
    cid, user, title, created, updated, n, thumb, thumb_mime = row
    return ConversationRecord(
        cid, user, title, utc(created), utc(updated),  # type: ignore[arg-type]
        image_count=int(n), thumbnail_b64=thumb, thumbnail_mime=thumb_mime,
    )
