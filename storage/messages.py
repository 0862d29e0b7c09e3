"""The messages repository: a conversation's messages in the order they were added, each with
the record of the picture it shows (thumbnail and recipe, never the full image)."""

from __future__ import annotations

import json
from typing import Any, Sequence

from storage.conversations import Conversations, title_from
from storage.db import Cursor, Database, db_time, first, owned_by, select, utc
from storage.images import image_from_row, image_select
from storage.records import ANY_USER, ROLES, ImageRecord, InvalidValue, MessageRecord
from storage.values import json_text, new_id, text

_COLS = ("id", "conversation_id", "role", "content", "image_id", "task_id", "meta", "created_at", "seq")


class Messages:
    def __init__(self, db: Database, conversations: Conversations):
        self.db = db
        self.conversations = conversations  # a message is the conversation's activity

    def add(
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
        content = text("content", content)
        meta_json = json_text("meta", meta or {})
        mid = new_id()
        with self.db.write() as cur:
            now = self.conversations.touch(cur, conversation_id)
            self._insert(cur, [mid, conversation_id, role, content, image_id, task_id, meta_json,
                               db_time(now)])
            if role == "user":
                title = title_from(content)
                if title:
                    cur.execute(
                        "UPDATE conversations SET title = ? WHERE id = ? AND title = ''",
                        [title, conversation_id],
                    )
        return mid

    @staticmethod
    def _insert(cur: Cursor, values: "list[Any]") -> None:
        """Insert a message (``_COLS`` but ``seq``) as the conversation's next."""
        (seq,) = first(cur.execute(
            "SELECT coalesce(max(seq), 0) + 1 FROM messages WHERE conversation_id = ?", [values[1]]
        ))
        cur.execute(f"INSERT INTO messages ({select(_COLS)}) VALUES ({', '.join('?' for _ in _COLS)})",
                    [*values, seq])

    def of(self, conversation_id: str, user: str | None = ANY_USER) -> "list[MessageRecord]":
        """The conversation's messages in the order they were added, each with its image's
        record joined; a message whose image was deleted keeps its ``image_id`` with ``image``
        None (``image_deleted``). With ``user`` given, [] unless the conversation is theirs."""
        owner, args = owned_by(user, "c")
        rows = self.db.cursor().execute(
            f"SELECT {select(_COLS, 'm')}, i.id IS NOT NULL, {image_select()} "
            "FROM messages m JOIN conversations c ON c.id = m.conversation_id "
            "LEFT JOIN images i ON i.id = m.image_id "
            "LEFT JOIN image_blobs b ON b.blob_key = i.blob_key "
            f"WHERE m.conversation_id = ? AND {owner} ORDER BY m.seq",
            [conversation_id, *args],
        ).fetchall()
        n = len(_COLS)
        return [_record(r[:n], image_from_row(r[n + 1:]) if r[n] else None) for r in rows]

    def note_interrupted_tasks(self, content: str) -> int:
        """Give each 'interrupted' task of a conversation that has no message for it yet an
        assistant message saying so (``content``, meta status 'interrupted'); return how
        many. Idempotent. The conversations keep their place in the list."""
        content = text("content", content)
        meta = json_text("meta", {"status": "interrupted", "reason": "interrupted"})
        with self.db.write() as cur:
            rows = cur.execute(
                "SELECT t.id, t.conversation_id FROM tasks t "
                "JOIN conversations c ON c.id = t.conversation_id "
                "WHERE t.status = 'interrupted' AND NOT EXISTS "
                "(SELECT 1 FROM messages m WHERE m.task_id = t.id) "
                "ORDER BY t.created_at, t.id"
            ).fetchall()
            for task_id, conversation_id in rows:
                self._insert(cur, [new_id(), conversation_id, "assistant", content, None, task_id, meta,
                                   db_time(self.db.now())])
        return len(rows)


def _record(row: Sequence[Any], image: ImageRecord | None) -> MessageRecord:
    mid, cid, role, content, image_id, task_id, meta, created, seq = row
    return MessageRecord(
        id=mid, conversation_id=cid, role=role, content=content, image_id=image_id,
        task_id=task_id, meta=json.loads(meta), created_at=utc(created),  # type: ignore[arg-type]
        seq=int(seq), image=image,
    )
