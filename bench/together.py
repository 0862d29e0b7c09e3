"""Clients started together: each benchmark's threads wait on one event, so the clock starts when
all of them are ready and stops when the last one is done."""

from __future__ import annotations

import threading
import time
from typing import Iterable


def timed_together(threads: Iterable[threading.Thread], go: threading.Event) -> float:
    """Start ``threads``, wait until they set ``go`` (ready), and return the seconds from then until
    every one has finished."""
    threads = list(threads)
    for t in threads:
        t.start()
    go.wait()
    t0 = time.perf_counter()
    for t in threads:
        t.join()
    return time.perf_counter() - t0
