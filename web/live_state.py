"""A chat bubble's live view drawn from a task's state: the fold of the job's events (or its
snapshot, which is that fold), so the chat works progress out exactly as polling and streams do."""

from __future__ import annotations

from pipeline.task_state import TaskState
from web.render import LiveView


def show(view: LiveView, state: TaskState) -> None:
    """Bring ``view`` up to ``state``. What the state does not know (a model named at submit, a
    preview from before a latest-only follower skipped ahead) stays as it was."""
    view.queue_position = state.queue_position if state.status == "queued" else None
    view.loading = state.loading
    view.started = view.started or state.forming  # once forming, a bubble never goes back to waiting
    view.step, view.total, view.eta_s = state.step, state.total, state.eta_s
    view.backend = state.backend or view.backend
    view.model = state.model or view.model
    if state.seed is not None:
        view.seed = state.seed
    if state.preview:
        view.preview_jpeg = state.preview
