"""The scenes repository: the structured state of each picture of a conversation, linked to the
scene it was made from, so undo walks back along the chain and a restart finds every picture's
state (the conversation layer gives the JSON its type)."""

from __future__ import annotations

import json
from typing import Any, Sequence

from storage.db import Database, db_time, first, owned_by, select
from storage.records import ANY_USER, SceneRow
from storage.values import json_text, new_id, text

_COLS = ("id", "conversation_id", "seq", "parent_id", "intent", "scene", "prompt", "negative_prompt",
         "message_id", "task_ids", "image_number")


class Scenes:
    def __init__(self, db: Database):
        self.db = db

    def add(self, conversation_id: str, *, scene: dict[str, Any], intent: str,
            parent_id: str | None = None, prompt: str = "", negative_prompt: str = "",
            message_id: str | None = None, task_ids: Sequence[str] = (),
            image_number: int | None = None) -> SceneRow:
        """Append a scene (the structured state of one picture) to the conversation."""
        sid = new_id()
        scene_json = json_text("scene", scene)
        checked = [text("intent", intent, max_chars=40), scene_json, text("prompt", prompt),
                   text("negative_prompt", negative_prompt), message_id,
                   json.dumps([str(t) for t in task_ids]), image_number]
        with self.db.write() as cur:
            (seq,) = first(cur.execute(
                "SELECT coalesce(max(seq), 0) + 1 FROM scenes WHERE conversation_id = ?", [conversation_id]))
            cur.execute(
                f"INSERT INTO scenes ({select(_COLS)}, created_at) VALUES ({', '.join('?' for _ in _COLS)}, ?)",
                [sid, conversation_id, seq, parent_id, *checked, db_time(self.db.now())],
            )
        return SceneRow(sid, conversation_id, seq, parent_id, intent, dict(scene), prompt, negative_prompt,
                        message_id, tuple(task_ids), image_number)

    def of(self, conversation_id: str, user: str | None = ANY_USER) -> list[SceneRow]:
        """The conversation's scenes, oldest first; [] unless it is ``user``'s (when given)."""
        owner, args = owned_by(user, "c")
        rows = self.db.cursor().execute(
            f"SELECT {select(_COLS, 's')} FROM scenes s JOIN conversations c ON c.id = s.conversation_id "
            f"WHERE s.conversation_id = ? AND {owner} ORDER BY s.seq",
            [conversation_id, *args],
        ).fetchall()
        return [_record(r) for r in rows]


def _record(row: Sequence[Any]) -> SceneRow:
    values = dict(zip(_COLS, row))
    values["scene"] = json.loads(values["scene"])
    values["task_ids"] = tuple(json.loads(values["task_ids"]))
    return SceneRow(**values)
