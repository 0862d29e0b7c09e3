"""Watching a job: its events as they come (a late subscriber starts from the latest state), waiting
for its end, and the snapshot that polling clients see."""

from __future__ import annotations

import dataclasses
import time
from dataclasses import dataclass
from typing import Iterator

from pipeline.events import Event, Failed, Loading, Progress, Queued, Started, is_terminal
from pipeline.job_queue import Job


@dataclass(frozen=True)
class JobSnapshot:
    """The state of a job as polling clients see it."""

    id: str
    status: str  # queued | running | succeeded | failed | cancelled
    backend: str
    model: str
    step: int = 0
    total: int | None = None
    eta_s: float | None = None
    queue_position: int | None = None
    image_id: str | None = None
    error: str | None = None
    seed: int | None = None

    @property
    def progress(self) -> float:
        if self.status == "succeeded":
            return 1.0
        return self.step / self.total if self.total else 0.0


def follow(job: Job, *, latest_only: bool = False, heartbeat_s: float | None = None) -> Iterator[Event | None]:
    """The job's current state, then each later event, ending with the terminal one (see
    ``JobRunner.events``)."""
    seen = -1
    while True:
        with job.cond:
            if len(job.log) - 1 <= seen:
                job.cond.wait(timeout=heartbeat_s)
            fresh = job.log[seen + 1 :]
            if seen == -1 and fresh:
                fresh = fresh[-1:]  # a late subscriber starts from the latest state
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
    snap = JobSnapshot(
        id=job.id,
        status=job.status,
        backend=job.backend.name,
        model=job.backend.model_name(job.request),
        seed=job.request.seed,
        image_id=job.image_id,
    )
    for event in history:
        if isinstance(event, Queued):
            snap = dataclasses.replace(snap, queue_position=event.position, eta_s=event.eta_s)
        elif isinstance(event, Loading):  # out of the queue: the model loads for it
            snap = dataclasses.replace(snap, queue_position=None, eta_s=None)
        elif isinstance(event, Started):
            snap = dataclasses.replace(snap, queue_position=None, eta_s=None, total=event.total_steps,
                                       seed=event.seed)
        elif isinstance(event, Progress):
            snap = dataclasses.replace(snap, step=event.step, total=event.total, eta_s=event.eta_s)
        elif isinstance(event, Failed):
            snap = dataclasses.replace(snap, error=event.user_message)
    return snap
