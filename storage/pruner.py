"""Apply the retention policy at start and then every so often, on a thread of its own."""

from __future__ import annotations

import logging
import threading

from storage.retention import PruneReport, RetentionPolicy, prune
from storage.store import Store

log = logging.getLogger("imagechat.retention")


class Pruner:
    """``start()`` prunes at once, then every ``interval_s``; ``close()`` stops it (waiting for a
    prune in progress, which holds the store's write lock, so the store can be closed after)."""

    def __init__(self, store: Store, policy: RetentionPolicy, interval_s: float):
        if not interval_s > 0:
            raise ValueError(f"the pruning interval must be positive, not {interval_s!r}")
        self.store = store
        self.policy = policy
        self.interval_s = float(interval_s)
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.last: PruneReport | None = None
        self._deleted = 0  # Base64 deleted since the last vacuum (see retention.prune)

    def start(self) -> "Pruner":
        if self.policy.active and self._thread is None:
            # A daemon: a prune must never keep the process alive after the server stops.
            self._thread = threading.Thread(target=self._loop, name="imagechat-pruner", daemon=True)
            self._thread.start()
        return self

    def _loop(self) -> None:
        while not self._stop.is_set():
            self.run_once()
            if self._stop.wait(self.interval_s):
                return

    def run_once(self) -> PruneReport | None:
        """One prune, logged; an error is logged and the next interval tries again."""
        try:
            report = prune(self.store, self.policy, deleted_before=self._deleted)
        except Exception:  # a prune that fails must not end the thread: the file would grow unbounded
            log.exception("pruning the database failed; trying again in %.0f s", self.interval_s)
            return None
        self.last = report
        self._deleted = 0 if report.vacuumed else self._deleted + report.freed.base64_bytes
        if report.freed.anything:
            log.info("%s", report.summary())
        else:
            log.debug("nothing to prune")
        return report

    def close(self, timeout: float = 30.0) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout)
