"""A task's state as the fold of its events: the one place progress, status and the rest are worked
out for polling, the job snapshot and streams."""

from __future__ import annotations

from typing import Iterable

from pydantic import BaseModel, ConfigDict

from pipeline.events import Event, Failed, Finished, Interrupted, Loading, Progress, Queued, Started


class TaskState(BaseModel):
    """Where a task stands. ``status`` is the status of the last event (see ``Event.status``)."""

    model_config = ConfigDict(frozen=True)

    status: str = "queued"  # queued | running | succeeded | failed | cancelled | interrupted
    step: int = 0
    total: int | None = None
    eta_s: float | None = None  # to start (while queued) or to finish (while running)
    queue_position: int | None = None
    loading: bool = False  # the model is loading for it (out of the queue, not yet denoising)
    seed: int | None = None
    image_id: str | None = None
    reason: str | None = None  # a failure's machine-readable code
    error: str | None = None  # a failure's (or interruption's) message, fit for people
    backend: str | None = None  # as the start (or the loading) reported them
    model: str | None = None
    preview: bytes | None = None  # the newest preview frame seen (a JPEG), for views that draw one

    @property
    def forming(self) -> bool:
        """Out of the queue and past loading: steps (or a remote call) under way, or over."""
        return self.status != "queued" and not self.loading

    @property
    def progress(self) -> float:
        """The fraction done, 0-1: whole once it succeeded."""
        if self.status == "succeeded":
            return 1.0
        return min(1.0, self.step / self.total) if self.total else 0.0


def apply(state: TaskState, event: Event) -> TaskState:
    """The state after one more event."""
    change: dict = {"status": event.status}
    if isinstance(event, Queued):
        change.update(queue_position=event.position, eta_s=event.eta_s)
    elif isinstance(event, Loading):
        change.update(queue_position=None, eta_s=None, loading=True, model=event.model)
    elif isinstance(event, Started):
        change.update(queue_position=None, eta_s=None, loading=False, total=event.total_steps,
                      backend=event.backend, model=event.model)
        if event.seed is not None:
            change["seed"] = event.seed
    elif isinstance(event, Progress):
        change.update(queue_position=None, loading=False, step=event.step, total=event.total, eta_s=event.eta_s)
        if event.preview:
            change["preview"] = event.preview
    elif isinstance(event, Finished):
        change.update(queue_position=None, eta_s=None, loading=False, image_id=event.image_id or state.image_id)
    elif isinstance(event, Failed):
        change.update(queue_position=None, eta_s=None, loading=False, reason=event.reason, error=event.user_message)
    elif isinstance(event, Interrupted):
        change.update(queue_position=None, eta_s=None, loading=False, reason="interrupted", error=event.user_message)
    else:  # Cancelled
        change.update(queue_position=None, eta_s=None, loading=False)
    return state.model_copy(update=change)


def fold(events: Iterable[Event], initial: TaskState | None = None) -> TaskState:
    """The state after ``events``, from ``initial`` (a fresh queued task by default)."""
    state = initial or TaskState()
    for event in events:
        state = apply(state, event)
    return state
