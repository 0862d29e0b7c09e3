"""Turn a blocking, callback-reporting call into an iterator of events.

Both backends block (a denoising loop, an HTTP call) yet must hand events to the job runner
as they happen and notice a cancel within a fraction of a second.
"""

from __future__ import annotations

import queue
import threading
import time
import weakref
from typing import Callable, Iterator, TypeVar

T = TypeVar("T")
_DONE = object()
# Call threads that must end before the process does, abandoned or not: a process that exits while
# one is inside a native library (a denoising step) aborts in that library's teardown.
_RUNNING: "weakref.WeakSet[threading.Thread]" = weakref.WeakSet()


def join_running(timeout: float) -> int:
    """Wait up to ``timeout`` seconds for those call threads to end; return how many still run."""
    deadline = time.monotonic() + timeout
    for thread in list(_RUNNING):
        thread.join(max(0.0, deadline - time.monotonic()))
    return sum(t.is_alive() for t in list(_RUNNING))


def iterate_in_thread(
    work: Callable[[Callable[[T], None]], T | None],
    cancel: threading.Event,
    *,
    poll_s: float = 0.1,
    on_cancel: Callable[[], T] | None = None,
    wait_at_exit: bool = False,
) -> Iterator[T]:
    """Run ``work(emit)`` in a daemon thread and yield what it emits, then what it returns.

    Exceptions raised by ``work`` are re-raised here. If ``cancel`` is set while ``work`` is
    still blocked and ``on_cancel`` is given, its value is yielded and the thread is abandoned
    (its eventual result is dropped) -- for calls that cannot be interrupted, like an HTTP request.
    With ``wait_at_exit``, ``join_running`` waits for the thread (for work in native code, which
    stops at its next step; an HTTP call blocked on a slow provider needs no waiting for).
    """
    box: queue.SimpleQueue = queue.SimpleQueue()

    def run() -> None:
        try:
            result = work(box.put)
            if result is not None:
                box.put(result)
            box.put(_DONE)
        except BaseException as exc:  # re-raised in the consumer thread
            box.put(_Raised(exc))

    thread = threading.Thread(target=run, name="backend-call", daemon=True)
    if wait_at_exit:
        _RUNNING.add(thread)
    thread.start()
    while True:
        try:
            item = box.get(timeout=poll_s)
        except queue.Empty:
            if cancel.is_set() and on_cancel is not None:
                yield on_cancel()
                return
            continue
        if item is _DONE:
            return
        if isinstance(item, _Raised):
            raise item.exc
        yield item


class _Raised:
    def __init__(self, exc: BaseException):
        self.exc = exc
