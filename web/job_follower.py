"""Following the jobs of a chat message or a conversation view without a thread of its own: their
events and snapshots folded into each picture's live view, and how each ended."""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Iterator

from pipeline.events import Cancelled, Event, Failed, Finished, Loading, Progress, Queued, Started
from pipeline.jobs import STATUS_BY_EVENT, JobRunner, JobSnapshot
from web import render


@dataclass(frozen=True)
class Outcome:
    status: str  # succeeded | failed | cancelled
    image_id: str | None = None
    error: str | None = None


class Follower:
    """Follows several jobs with no thread of its own: it blocks on the events of one of them (the
    lead: the first one forming, else the first one waiting), and reads the snapshots of the others
    whenever it wakes, which is at the lead's next event or after ``heartbeat_s``. Local pictures
    form one at a time per GPU, so the lead is the one with steps and previews to show."""

    def __init__(self, jobs: JobRunner, heartbeat_s: float):
        self.jobs = jobs
        self.heartbeat = heartbeat_s
        self.views: dict[str, render.LiveView] = {}
        self.outcomes: dict[str, Outcome] = {}
        self.unknown: set[str] = set()  # not (or no longer) in the job runner
        self._started: dict[str, float] = {}  # monotonic time each was first seen forming
        self._lead: str | None = None
        self._events: Iterator[Event | None] | None = None
        self._refreshed = 0.0
        self._idle = threading.Event()  # never set: waits out a heartbeat when nothing can wake us

    def follow(self, job_id: str, view: render.LiveView, started: datetime | None = None) -> None:
        if job_id in self.views:
            return
        self.views[job_id] = view
        if started is not None:  # forming since before this view: elapsed time counts from then
            self._started[job_id] = time.monotonic() - max(0.0, (_utcnow() - started).total_seconds())
        self._refresh(job_id)

    def following(self) -> list[str]:
        return [j for j in self.views if j not in self.outcomes and j not in self.unknown]

    def wait(self) -> bool:
        """Until the lead has news or a heartbeat passed; then the others' snapshots (at most
        once a heartbeat). True when some job ended meanwhile."""
        ended = len(self.outcomes)
        lead = self._pick_lead()
        if lead is None:
            self._idle.wait(self.heartbeat)
        else:
            try:
                event = next(self._events)  # type: ignore[arg-type]
            except StopIteration:
                event = None
                self._drop_lead()
            except KeyError:  # the runner forgot it: its end is in the store
                self.unknown.add(lead)
                self._drop_lead()
                event = None
            if event is not None:
                self._apply(lead, event)
        now = time.monotonic()
        if now - self._refreshed >= self.heartbeat or len(self.outcomes) > ended:
            self._refreshed = now
            for job_id in [j for j in self.views if j not in self.outcomes and j != self._lead]:
                self._refresh(job_id)  # an unknown one too: a task is recorded just before it is queued
        return len(self.outcomes) > ended

    def tick(self) -> None:
        """Bring the elapsed times up to now (a remote backend reports no steps)."""
        now = time.monotonic()
        for job_id, started in self._started.items():
            if job_id not in self.outcomes:
                self.views[job_id].elapsed_s = now - started

    def close(self) -> None:
        self._drop_lead()

    def _pick_lead(self) -> str | None:
        following = self.following()
        if self._lead in following and (self.views[self._lead].started
                                        or not any(self.views[j].started for j in following)):
            return self._lead
        self._drop_lead()
        if not following:
            return None
        lead = next((j for j in following if self.views[j].started), following[0])
        self._lead = lead
        # latest_only: a view needs the newest frame, not every step it missed
        self._events = self.jobs.events(lead, latest_only=True, heartbeat_s=self.heartbeat)
        return lead

    def _drop_lead(self) -> None:
        if self._events is not None:
            self._events.close()  # type: ignore[attr-defined]
        self._lead, self._events = None, None

    def _apply(self, job_id: str, event: Event) -> None:
        view = self.views[job_id]
        if isinstance(event, Queued):
            view.queue_position = event.position
        elif isinstance(event, Loading):
            view.loading, view.queue_position = True, None
        elif isinstance(event, Started):
            self._started.setdefault(job_id, time.monotonic())
            view.started, view.queue_position = True, None
            view.backend, view.model, view.seed = event.backend, event.model, event.seed
            view.total = event.total_steps
        elif isinstance(event, Progress):
            self._started.setdefault(job_id, time.monotonic())
            view.started = True
            view.step, view.total, view.eta_s = event.step, event.total, event.eta_s
            if event.preview:
                view.preview_jpeg = event.preview
        elif isinstance(event, (Finished, Failed, Cancelled)):
            self.outcomes[job_id] = Outcome(STATUS_BY_EVENT[type(event)],
                                             image_id=event.image_id if isinstance(event, Finished) else None,
                                             error=event.user_message if isinstance(event, Failed) else None)

    def _refresh(self, job_id: str) -> None:
        snap: JobSnapshot | None = self.jobs.snapshot(job_id)
        if snap is None:
            self.unknown.add(job_id)
            return
        self.unknown.discard(job_id)
        view = self.views[job_id]
        if snap.status == "queued":
            view.queue_position = snap.queue_position
        else:
            self._started.setdefault(job_id, time.monotonic())
            view.started, view.queue_position = True, None
        view.step, view.total, view.eta_s = snap.step, snap.total, snap.eta_s
        view.backend, view.model = snap.backend or view.backend, snap.model or view.model
        if snap.seed is not None:
            view.seed = snap.seed
        if snap.status in ("succeeded", "failed", "cancelled"):
            self.outcomes[job_id] = Outcome(snap.status, image_id=snap.image_id, error=snap.error)


def _utcnow() -> datetime:
    return datetime.now(timezone.utc)
