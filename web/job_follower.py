"""Following the jobs of a chat message or a conversation view without a thread of its own: their
events and snapshots folded into each picture's live view, and how each ended."""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Iterator

from pipeline.events import Event
from pipeline.jobs import JobRunner, JobSnapshot
from pipeline.task_state import TaskState, apply
from web import live_state, render


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
        self.states: dict[str, TaskState] = {}  # each job's state: the fold of its events
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
        self._show(job_id, apply(self.states.get(job_id) or TaskState(), event))

    def _refresh(self, job_id: str) -> None:
        snap: JobSnapshot | None = self.jobs.snapshot(job_id)
        if snap is None:
            self.unknown.add(job_id)
            return
        self.unknown.discard(job_id)
        self._show(job_id, snap)

    def _show(self, job_id: str, state: TaskState) -> None:
        """The one fold of the job's events (a snapshot is that fold) drawn in its bubble."""
        self.states[job_id] = state
        live_state.show(self.views[job_id], state)
        if state.forming:
            self._started.setdefault(job_id, time.monotonic())
        if state.status in ("succeeded", "failed", "cancelled"):
            self.outcomes[job_id] = Outcome(state.status, image_id=state.image_id, error=state.error)


def _utcnow() -> datetime:
    return datetime.now(timezone.utc)
