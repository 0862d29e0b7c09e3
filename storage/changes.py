"""Change counters for read caches: a repository that caches a query keyed by some scope (a
conversation) counts that scope's committed changes here, and a cached answer read at count ``n``
stays good while the count is still ``n``.

A count moves only after the change is committed (``Database.after_commit``), so a reader that saw
the old count and then read the old rows, or the new rows, can only have cached them under a count
that is already out of date: never stale under a current one."""

from __future__ import annotations

import threading
from typing import Hashable

EVERYTHING = None  # the scope of a change that may touch any scope (a start-up sweep, a bulk delete)


class Changes:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._epoch = 0  # moved by changes to EVERYTHING
        self._counts: dict[Hashable, int] = {}

    def count(self, scope: Hashable) -> tuple[int, int]:
        """The scope's current count (compare it, do not interpret it)."""
        with self._lock:
            return self._epoch, self._counts.get(scope, 0)

    def moved(self, scope: Hashable | None) -> None:
        """Say that ``scope`` (or, with EVERYTHING, every scope) changed; call after the commit."""
        with self._lock:
            if scope is EVERYTHING:
                self._epoch += 1
                self._counts.clear()  # the epoch alone tells every scope apart from before
            else:
                self._counts[scope] = self._counts.get(scope, 0) + 1
