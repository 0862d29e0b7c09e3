"""What the job runner's events leave behind: the task's record, the image with its recipe, and the
result's message in its conversation. The runner only runs jobs; it tells a recorder each change of
a job, in order (the image and the end from its post-processing thread, the rest from its lane's),
before anyone watching the job sees it, so a poll that sees a job end also finds it recorded.

What is written, and when (each DuckDB write costs a few milliseconds of CPU, and live progress
reaches people through the job's events, not the store): the task when it is queued; 'running',
with the step count, when its backend starts it (merged with the first progress); its step at most
every ``progress_every_s`` after that, so a crash or a restart leaves a long job's row roughly where
it was; and its end in one transaction with the image and the conversation's message, so no reader
ever finds one without the others."""

from __future__ import annotations

import dataclasses
import logging
import threading
import time
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Protocol

from pipeline.events import Cancelled, Event, Failed, Finished
from pipeline.request import GeneratedImage, GenerationRequest
from storage import NewImage, NotFound, Store

log = logging.getLogger(__name__)

STATUS_BY_EVENT = {kind: kind.status for kind in (Finished, Failed, Cancelled)}  # the outcomes a task records
SAVE_FAILED = ("The image was made but could not be saved to the database. Check the server log and free disk "
               "space, then try again.")
# How often a running job's step is written down. Nobody reads it while the job runs (viewers follow
# its events); it is what a restart finds of a job that never ended.
PROGRESS_EVERY_S = 5.0


class Recorder(Protocol):
    def submitted(self, job_id: str, request: GenerationRequest, backend: str, model: str) -> None:
        """Before the job can run (raise to refuse it)."""

    def running(self, job_id: str) -> None:
        """The job left the queue."""

    def progress(self, job_id: str, step: int, total: int | None) -> None:
        """Every step (the recorder decides what to keep); step 0 when the backend starts the job."""

    def succeeded(self, job_id: str, request: GenerationRequest, image: GeneratedImage, queued_s: float) -> str:
        """Keep a finished image and record the job's success (with the conversation's message for
        it), all or nothing; returns the image's id (raise when it cannot be kept)."""

    def ended(self, job_id: str, request: GenerationRequest, event: Event, image_id: str | None) -> None:
        """Any other end: failed or cancelled."""


@dataclass
class _Running:
    """What a recorder knows of a running job that the store may not have yet."""

    started_at: datetime  # when it left the queue (UTC)
    step: int | None = None
    total: int | None = None
    written_at: float | None = None  # monotonic time of its last progress write; None: not marked running yet


class StoreRecorder:
    """Records into the app's DuckDB store."""

    def __init__(self, store: Store, *, progress_every_s: float = PROGRESS_EVERY_S, clock=time.monotonic):
        self.store = store
        self.progress_every_s = progress_every_s
        self._clock = clock
        self._running: dict[str, _Running] = {}
        self._lock = threading.Lock()

    def submitted(self, job_id: str, request: GenerationRequest, backend: str, model: str) -> None:
        # The pictures are stored once, as images; the task names them by id, never holds their bytes.
        bare = dataclasses.replace(request, init_image=None, mask=None)
        record = {**bare.record(), "backend": backend, "model": model}
        self.store.create_task(job_id, record, conversation_id=request.conversation_id, user=request.user)

    def running(self, job_id: str) -> None:
        # Written with the first progress: the backend may still load its model before that.
        with self._lock:
            self._running[job_id] = _Running(datetime.now(timezone.utc))

    def progress(self, job_id: str, step: int, total: int | None) -> None:
        now = self._clock()
        with self._lock:
            run = self._running.get(job_id)
            if run is None:  # told of a step, never of the start (or after the end): nothing to add
                return
            run.step = step
            if total is not None:
                run.total = total
            if run.written_at is not None and now - run.written_at < self.progress_every_s:
                return
            run.written_at = now
            started_at, total = run.started_at, run.total
        self.store.set_task(job_id, status="running", started_at=started_at, step=step, total=total)

    def succeeded(self, job_id: str, request: GenerationRequest, image: GeneratedImage, queued_s: float) -> str:
        images = self.store.repos.images
        # Checked, and its thumbnail made, before the write lock is taken: other jobs' writes do
        # not wait on the decoding.
        prepared = images.with_thumbnail(images.prepare(NewImage(
            png=image.png, mime="image/png", width=image.width, height=image.height, backend=image.backend,
            model=image.model, prompt_typed=request.prompt_typed or request.prompt, prompt_sent=image.prompt_sent,
            prompt_requested=request.prompt, negative_prompt=image.negative_prompt, style=request.style,
            seed=image.seed, steps=image.steps, guidance=image.guidance,
            timings={**image.timings, "queue_s": round(queued_s, 4)},
            extra={**image.extra, "warnings": list(request.warnings), "changes": list(request.changes),
                   **_edit_recipe(request)},
            conversation_id=request.conversation_id, task_id=job_id, user=request.user,
        )))
        with self._lock:
            run = self._running.get(job_id)
        with self.store.db.write() as cur:  # the image, the task's end and the message: one transaction
            image_id, _ = images.insert(cur, prepared, created_at=self.store.db.now())
            self._record_end(job_id, request, "succeeded", run, image_id=image_id)
        self._take(job_id)  # only now: a failed write is recorded as a failure, from what is known here
        return image_id

    def ended(self, job_id: str, request: GenerationRequest, event: Event, image_id: str | None) -> None:
        status = STATUS_BY_EVENT[type(event)]
        run = self._take(job_id)
        try:
            with self.store.db.write():  # the task's end and its message: one transaction
                self._record_end(job_id, request, status, run, image_id=image_id, event=event)
        except Exception:
            log.exception("could not record the end of job %s", job_id)

    def _take(self, job_id: str) -> _Running | None:
        with self._lock:
            return self._running.pop(job_id, None)

    def _record_end(self, job_id: str, request: GenerationRequest, status: str, run: _Running | None, *,
                    image_id: str | None, event: Event | None = None) -> None:
        """Inside the caller's transaction: the task's end (with its last step, and when it started
        where no progress wrote that yet) and the conversation's message."""
        failed = event if isinstance(event, Failed) else None
        self.store.set_task(job_id, status=status, image_id=image_id,
                            step=run.step if run else None, total=run.total if run else None,
                            started_at=run.started_at if run else None,
                            error=failed.user_message if failed else None, reason=failed.reason if failed else None)
        if request.conversation_id:
            try:
                self.store.add_message(request.conversation_id, "assistant", _result_text(status, event), image_id=image_id,
                                       task_id=job_id, meta={"status": status, "reason": getattr(event, "reason", None)})
            except NotFound:  # the conversation was deleted while the job ran: its image stays, in the gallery
                log.info("job %s ended after its conversation was deleted", job_id)


def _edit_recipe(request: GenerationRequest) -> dict:
    """What an edit started from, for the recipe: the source picture's and mask's ids and the strength."""
    if request.init_image is None:
        return {}
    return {"edit": "inpainting" if request.mask is not None else "image-to-image",
            "source_image_id": request.source_image_id, "mask_image_id": request.mask_image_id,
            "strength": request.strength}


def _result_text(status: str, event: Event | None) -> str:
    if status == "succeeded":
        return ""  # the picture says it
    if isinstance(event, Failed):
        return event.user_message
    return "Cancelled: the image was not finished."
