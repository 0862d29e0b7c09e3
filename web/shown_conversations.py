"""Which conversation each browser tab shows, so a live view of one the tab has left can end."""

from __future__ import annotations

import threading
from collections import OrderedDict


class ShownConversations:
    """Which conversation each browser tab (Gradio session) shows, so that a live view of a
    conversation the tab has left ends instead of drawing over the one it shows now. Stop does not
    use this: it acts on the conversation, whoever started its pictures."""

    def __init__(self, limit: int = 10_000):
        self._lock = threading.Lock()
        self._by_session: OrderedDict[str, str | None] = OrderedDict()
        self._limit = limit

    def show(self, session: str, conv_id: str | None) -> None:
        with self._lock:
            self._by_session[session] = conv_id
            self._by_session.move_to_end(session)
            while len(self._by_session) > self._limit:
                self._by_session.popitem(last=False)

    def is_shown(self, session: str, conv_id: str | None) -> bool:
        with self._lock:
            return self._by_session.get(session, conv_id) == conv_id

    def forget(self, session: str) -> None:
        with self._lock:
            self._by_session.pop(session, None)
