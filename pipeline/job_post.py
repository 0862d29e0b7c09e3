"""The post-processing pool: a few threads that encode and store finished images (PNG, thumbnail,
Base64, the database insert), so the lane's worker starts the next run while the device is free
instead of waiting on the CPU. At most ``backlog`` images wait for it (a bound on the memory they hold).
"""

from __future__ import annotations

import threading
from concurrent.futures import Future, ThreadPoolExecutor
from concurrent.futures import wait as wait_futures
from typing import Callable

from pipeline.events import Finished
from pipeline.job_queue import Job


class PostPool:
    def __init__(self, workers: int, backlog: int, process: Callable[[Job, Finished, float], None]):
        """``process(job, finished, queued_s)`` stores one image and ends its job; it must not raise."""
        self._pool = ThreadPoolExecutor(workers, thread_name_prefix="jobs-post")
        self._room = threading.BoundedSemaphore(backlog)
        self._pending: set[Future] = set()
        self._lock = threading.Lock()
        self._process = process

    def hand_over(self, job: Job, event: Finished, queued_s: float) -> None:
        """Queue the image; waits only while ``backlog`` images are ahead of it."""
        self._room.acquire()
        try:
            future = self._pool.submit(self._run, job, event, queued_s)
        except RuntimeError:  # the pool is shut down (closing): store it here instead
            self._room.release()
            self._process(job, event, queued_s)
            return
        with self._lock:
            self._pending.add(future)
        future.add_done_callback(self._done)

    def drain(self, timeout: float) -> None:
        """Wait up to ``timeout`` seconds for the images handed over, then take no more."""
        with self._lock:
            pending = set(self._pending)
        wait_futures(pending, timeout)
        self._pool.shutdown(wait=False)

    def _run(self, job: Job, event: Finished, queued_s: float) -> None:
        try:
            self._process(job, event, queued_s)
        finally:
            self._room.release()

    def _done(self, future: Future) -> None:
        with self._lock:
            self._pending.discard(future)
