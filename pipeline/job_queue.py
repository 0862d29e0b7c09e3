"""The waiting jobs of the job runner: one ``Job`` per image, one ``Lane`` per backend.

A lane keeps its waiting jobs per person and serves them round-robin, so one person queueing ten
images does not make everyone else wait for all ten; the same order decides which waiting jobs join
a call of several images (``take_matching``).
"""

from __future__ import annotations

import logging
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from typing import Callable, Hashable

from pipeline import zerogpu
from pipeline.backends.base import Backend
from pipeline.errors import TooManyRequests
from pipeline.events import Event, is_terminal
from pipeline.job_feed import Feed
from pipeline.request import GenerationRequest

log = logging.getLogger(__name__)


@dataclass
class Job:
    id: str
    request: GenerationRequest
    backend: Backend
    submitted_at: float = field(default_factory=time.monotonic)
    cancel: threading.Event = field(default_factory=threading.Event)
    log: list[Event] = field(default_factory=list)
    cond: threading.Condition = field(default_factory=threading.Condition)
    feed: Feed = field(default_factory=Feed)  # its asyncio subscribers (blocking ones wait on cond)
    status: str = "queued"
    image_id: str | None = None
    # Stopped because the server is stopping, not by its owner: left unrecorded, so the store marks
    # it 'interrupted' (with a chat message and Retry) exactly as after a crash.
    interrupted: bool = False
    # The submitting request (a Gradio request on a ZeroGPU Space), carried to the worker thread so
    # the GPU call is charged to the visitor who asked.
    scope: zerogpu.RequestScope = field(default_factory=zerogpu.capture_request)
    # Jobs with equal keys (and the same backend) can share one call; None: it runs alone.
    batch_key: Hashable | None = None
    batched: bool = False  # running in a call with others: a cancel ends it at once, here
    held: bool = False  # submitted inside JobRunner.together(), not queued yet
    ending: bool = False  # its terminal event is being recorded (set once, under cond)

    @property
    def done(self) -> bool:
        return bool(self.log) and is_terminal(self.log[-1])


class Lane:
    """The waiting jobs and the workers of one backend.

    Waiting jobs are kept per user and served round-robin, so one person queueing ten images does
    not make everyone else wait for all ten.
    """

    def __init__(self, name: str, workers: int):
        self.name = name
        self.workers = max(1, workers)
        self.waiting: dict[str, deque[Job]] = {}
        self.rotation: deque[str] = deque()  # users with waiting jobs, next to be served first
        self.cond = threading.Condition()
        self.recent_run_s: deque[float] = deque(maxlen=20)

    # callers hold self.cond
    def push(self, job: Job) -> None:
        key = user_key(job)
        if key not in self.waiting:
            self.waiting[key] = deque()
            self.rotation.append(key)
        self.waiting[key].append(job)

    def pop(self) -> Job | None:
        if not self.rotation:
            return None
        key = self.rotation.popleft()
        queue = self.waiting[key]
        job = queue.popleft()
        if queue:
            self.rotation.append(key)  # served: to the back of the line
        else:
            del self.waiting[key]
        return job

    def remove(self, job: Job) -> bool:
        key = user_key(job)
        queue = self.waiting.get(key)
        if not queue or job not in queue:
            return False
        queue.remove(job)
        if not queue:
            del self.waiting[key]
            self.rotation.remove(key)
        return True

    def order(self) -> list[Job]:
        """The waiting jobs in the order they will start."""
        queues = [list(self.waiting[key]) for key in self.rotation]
        out: list[Job] = []
        while any(queues):
            for queue in queues:
                if queue:
                    out.append(queue.pop(0))
        return out

    def count(self, user_key: str | None = None) -> int:
        if user_key is not None:
            return len(self.waiting.get(user_key, ()))
        return sum(len(q) for q in list(self.waiting.values()))

    def take_matching(self, first: Job, limit: int) -> list[Job]:
        """Waiting jobs that can share ``first``'s call, in the order they would start (so
        round-robin between people decides who joins), taken off the queue; at most ``limit``."""
        found: list[Job] = []
        if limit <= 0 or first.batch_key is None:
            return found
        for job in self.order():
            if len(found) >= limit:
                break
            if job.backend is first.backend and job.batch_key == first.batch_key:
                self.remove(job)
                found.append(job)
        return found

    def gather(self, first: Job, room: int, wait_s: float, closed: threading.Event) -> list[Job]:
        """Up to ``room`` waiting jobs to run in ``first``'s call, waiting up to ``wait_s`` for more to
        come (callers hold ``cond``; waiting lets go of it)."""
        if room <= 0 or first.batch_key is None:
            return []
        found = self.take_matching(first, room)
        deadline = time.monotonic() + wait_s
        while len(found) < room and not closed.is_set():
            left = deadline - time.monotonic()
            if left <= 0:
                break
            self.cond.wait(left)
            found += self.take_matching(first, room - len(found))
        return found

    def wait_estimate(self, position: int) -> float | None:
        """Seconds until the job at ``position`` starts, from recent run times (None until known)."""
        if not self.recent_run_s:
            return None
        mean = sum(self.recent_run_s) / len(self.recent_run_s)
        return mean * (position // self.workers + 1)


def user_key(job: Job) -> str:
    return job.request.user or ""


def batch_limit(job: Job) -> int:
    """How many images the job's call may take: its backend's ``max_batch``, where it batches."""
    limit = getattr(job.backend, "max_batch", None)
    if limit is None or not hasattr(job.backend, "generate_batch"):
        return 1
    try:
        return max(1, int(limit(job.request)))
    except Exception:  # a figure it cannot give (memory unknown): one at a time, as ever
        log.exception("backend %s could not say how many images one call may take", job.backend.name)
        return 1


class RateWindow:
    """Images per person in a sliding one-minute window (0: no limit); only accepted jobs count."""

    def __init__(self, per_minute: int, clock: Callable[[], float] = time.monotonic):
        self.per_minute = per_minute
        self._clock = clock
        self._recent: dict[str, deque[float]] = {}

    def take(self, key: str) -> None:
        """Count one more image for ``key``, or raise TooManyRequests saying when to try again."""
        if not self.per_minute:
            return
        now = self._clock()
        recent = self._recent.setdefault(key, deque())
        while recent and now - recent[0] >= 60:
            recent.popleft()
        if len(recent) >= self.per_minute:
            wait = 60 - (now - recent[0])
            raise TooManyRequests(
                f"That is {self.per_minute} images in the last minute, the most this server allows "
                f"one person. Try again in {max(1, round(wait))} s.", retry_after_s=wait)
        recent.append(now)


@dataclass
class Run:
    """What the runner keeps about one running job."""

    queued_s: float  # from submit to start
    deferred: bool  # the image comes as pixels, encoded on the post-processing pool


NO_RESULT = "The image backend stopped without returning an image. Try again."
INTERNAL_ERROR = "Something went wrong inside imagechat while making this image (details are in the server log). Please try again."
