"""What the job runner's events leave behind: the task's record, the image with its recipe, and the
result's message in its conversation. The runner only runs jobs; it tells a recorder each change of
a job, in order (the image and the end from its post-processing thread, the rest from its lane's),
before anyone watching the job sees it, so a poll that sees a job end also finds it recorded."""

from __future__ import annotations

import dataclasses
import logging
from typing import Protocol

from pipeline.events import Cancelled, Event, Failed, Finished
from pipeline.request import GeneratedImage, GenerationRequest
from storage import NewImage, Store

log = logging.getLogger(__name__)

STATUS_BY_EVENT = {kind: kind.status for kind in (Finished, Failed, Cancelled)}  # the outcomes a task records
SAVE_FAILED = ("The image was made but could not be saved to the database. Check the server log and free disk "
               "space, then try again.")


class Recorder(Protocol):
    def submitted(self, job_id: str, request: GenerationRequest, backend: str, model: str) -> None:
        """Before the job can run (raise to refuse it)."""

    def running(self, job_id: str) -> None: ...

    def progress(self, job_id: str, step: int, total: int | None) -> None: ...

    def image(self, job_id: str, request: GenerationRequest, image: GeneratedImage, queued_s: float) -> str:
        """Keep a finished image; returns its id (raise when it cannot be kept)."""

    def ended(self, job_id: str, request: GenerationRequest, event: Event, image_id: str | None) -> None: ...


class StoreRecorder:
    """Records into the app's DuckDB store."""

    def __init__(self, store: Store):
        self.store = store

    def submitted(self, job_id: str, request: GenerationRequest, backend: str, model: str) -> None:
        # The pictures are stored once, as images; the task names them by id, never holds their bytes.
        bare = dataclasses.replace(request, init_image=None, mask=None)
        record = {**bare.record(), "backend": backend, "model": model}
        self.store.create_task(job_id, record, conversation_id=request.conversation_id, user=request.user)

    def running(self, job_id: str) -> None:
        self.store.update_task(job_id, status="running")

    def progress(self, job_id: str, step: int, total: int | None) -> None:
        self.store.update_task(job_id, step=step, total=total)

    def image(self, job_id: str, request: GenerationRequest, image: GeneratedImage, queued_s: float) -> str:
        return self.store.add_image(NewImage(
            png=image.png, mime="image/png", width=image.width, height=image.height, backend=image.backend,
            model=image.model, prompt_typed=request.prompt_typed or request.prompt, prompt_sent=image.prompt_sent,
            prompt_requested=request.prompt, negative_prompt=image.negative_prompt, style=request.style,
            seed=image.seed, steps=image.steps, guidance=image.guidance,
            timings={**image.timings, "queue_s": round(queued_s, 4)},
            extra={**image.extra, "warnings": list(request.warnings), "changes": list(request.changes),
                   **_edit_recipe(request)},
            conversation_id=request.conversation_id, task_id=job_id, user=request.user,
        ))

    def ended(self, job_id: str, request: GenerationRequest, event: Event, image_id: str | None) -> None:
        status = STATUS_BY_EVENT[type(event)]
        try:
            self.store.update_task(job_id, status=status, image_id=image_id,
                                   error=event.user_message if isinstance(event, Failed) else None)
            if request.conversation_id:
                self.store.add_message(request.conversation_id, "assistant", _result_text(event), image_id=image_id,
                                       task_id=job_id, meta={"status": status, "reason": getattr(event, "reason", None)})
        except Exception:
            log.exception("could not record the end of job %s", job_id)


def _edit_recipe(request: GenerationRequest) -> dict:
    """What an edit started from, for the recipe: the source picture's and mask's ids and the strength."""
    if request.init_image is None:
        return {}
    return {"edit": "inpainting" if request.mask is not None else "image-to-image",
            "source_image_id": request.source_image_id, "mask_image_id": request.mask_image_id,
            "strength": request.strength}


def _result_text(event: Event) -> str:
    if isinstance(event, Finished):
        return ""
    if isinstance(event, Failed):
        return event.user_message
    return "Cancelled: the image was not finished."
