"""Watching a job: its events as they come (a late subscriber starts from the latest state), blocking
(``follow``, for threads) or async (``subscribe``, no thread per viewer), waiting for its end, and the
snapshot that polling clients see."""

from __future__ import annotations

import asyncio
import time
from typing import Iterator

from pipeline.events import Event, is_terminal
from pipeline.job_feed import Inbox, Subscription
from pipeline.job_queue import Job
from pipeline.task_state import TaskState, fold


class JobSnapshot(TaskState):
    """The state of a job as polling clients see it: the fold of its events, under the runner's
    status (it moves first: to running when a lane takes the job, to the end once it is recorded,
    and to interrupted when the server stopped it)."""

    id: str
    backend: str
    model: str


def follow(job: Job, *, latest_only: bool = False, heartbeat_s: float | None = None) -> Iterator[Event | None]:
    """The job's current state, then each later event, ending with the terminal one (see
    ``JobRunner.events``)."""
    if heartbeat_s is not None and heartbeat_s <= 0:
        raise ValueError("heartbeat_s must be positive (a zero heartbeat would spin)")
    with job.cond:
        # A late subscriber starts from the latest state; one there before the first event (a job
        # still held back, say) sees every event, however many come before it next wakes.
        seen = len(job.log) - 2 if job.log else -1
    while True:
        with job.cond:
            if len(job.log) - 1 <= seen:
                job.cond.wait(timeout=heartbeat_s)
            fresh = job.log[seen + 1 :]
            seen = len(job.log) - 1
        if not fresh:
            if heartbeat_s is not None:
                yield None
            continue
        if latest_only:
            fresh = [e for e in fresh if is_terminal(e)] or fresh[-1:]
        for event in fresh:
            yield event
            if is_terminal(event):
                return


def subscribe(job: Job, *, latest_only: bool = False, heartbeat_s: float | None = None) -> Subscription:
    """The job's current state, then each later event, as an async iterator on the running loop (see
    ``JobRunner.subscribe``); ``latest_only``: only the newest waiting event (and always the end)."""
    if heartbeat_s is not None and heartbeat_s <= 0:
        raise ValueError("heartbeat_s must be positive (a zero heartbeat would spin)")
    loop = asyncio.get_running_loop()
    inbox = Inbox(latest_only=latest_only)
    with job.cond:  # the latest state and every later event, with no gap and no repeat
        if job.log:
            inbox.put(job.log[-1])
        if not job.done:
            job.feed.attach(inbox, loop)
    return Subscription(job.feed, inbox, heartbeat_s)


def wait_for(job: Job, timeout: float | None = None) -> Event:
    """Block until the job ends; its terminal event. TimeoutError after ``timeout`` seconds."""
    deadline = None if timeout is None else time.monotonic() + timeout
    with job.cond:
        while not job.done:
            left = None if deadline is None else deadline - time.monotonic()
            if left is not None and left <= 0:
                raise TimeoutError(f"job {job.id} still running after {timeout} s")
            job.cond.wait(timeout=left)
        return job.log[-1]


def snapshot_of(job: Job) -> JobSnapshot:
    with job.cond:
        history = list(job.log)
    state = fold(history, TaskState(seed=job.request.seed))
    return JobSnapshot(**{**state.model_dump(), "status": job.status, "image_id": job.image_id or state.image_id,
                          "id": job.id, "backend": job.backend.name,
                          "model": job.backend.model_name(job.request)})
