"""The one job queue shared by the chat and the HTTP API.

A job is submitted (validated up front, recorded as a task, queued), run off the request path by
a worker of its backend's lane (one at a time per GPU by default), and its events are fanned out to
any number of subscribers. Waiting jobs that can share one call of their backend (a backend that
batches says which: ``batch_key``) run together, up to the backend's ``max_batch``; each keeps its
own events, and cancelling one ends it at once without stopping the others. A finished image is
encoded and stored on a small post-processing pool, so the lane's worker takes the next job while the
device is free instead of waiting on the CPU; the job's Finished is published only once its image is
stored. A late subscriber gets the latest state first. The runner itself writes nothing: a recorder
(``pipeline.recorder``) is told every state change before subscribers see it and keeps the task, the
image and the result's message, so a person who closes the tab still finds the image later.

The parts: ``job_queue`` (the waiting jobs, round-robin per person, who joins a call),
``job_watch`` (following a job, its snapshot), ``job_feed`` (asyncio subscribers, no thread each),
``job_post`` (the post-processing pool).
"""

from __future__ import annotations

import dataclasses
import logging
import threading
import time
import uuid
from collections import OrderedDict
from contextlib import contextmanager
from typing import Iterator

from pipeline.errors import GenerationError, QueueFull
from pipeline.events import Cancelled, Event, Failed, Finished, Progress, Queued, Started, is_terminal
from pipeline.job_post import PostPool
from pipeline.job_queue import INTERNAL_ERROR, NO_RESULT, Job, Lane, RateWindow, Run, batch_limit, user_key
from pipeline.job_feed import Subscription
from pipeline.job_watch import JobSnapshot, follow, snapshot_of, subscribe, wait_for
from pipeline.request import GenerationRequest
from pipeline.router import Router
from pipeline.threaded import join_running
from pipeline.recorder import SAVE_FAILED, STATUS_BY_EVENT, Recorder, StoreRecorder
from storage import Store

log = logging.getLogger(__name__)

# Finished images waiting to be encoded and stored, at most, before a lane waits for the pool: a
# bound on the memory they hold (raw pixels: 3 MiB each at 1024²) should the CPU fall behind. Room
# for two full calls of several images, so a call's images never hold up the next call.
POST_BACKLOG = 16
# How long a job that could share its call waits for others to join before the call starts: enough
# for jobs submitted in the same instant (a message asking for four images, visitors arriving
# together), little next to any run.
BATCH_WAIT_S = 0.005

class JobRunner:
    def __init__(
        self,
        router: Router,
        store: Store,
        *,
        lanes: dict[str, int] | None = None,
        keep_finished: int = 256,
        max_queued: int = 64,
        max_queued_per_user: int = 8,
        rate_limit_per_minute: int = 0,
        clock=time.monotonic,
        recorder: Recorder | None = None,
        post_workers: int = 1,
        batch_wait_s: float = BATCH_WAIT_S,
    ):
        """``post_workers``: threads that encode and store finished images (0: on the lane's own
        worker, before it takes the next job). ``batch_wait_s``: how long a job that could share its
        call waits for others to join it (see BATCH_WAIT_S)."""
        self.router = router
        self.store = store
        self.recorder = recorder or StoreRecorder(store)
        # How many generations may run at once on each backend, by default as its spec says (one per
        # GPU: two denoising loops on one device only slow each other down; a remote API takes several).
        lanes = lanes or {name: router.registry.default_lanes(name) for name in router.backends}
        self._lanes = {name: Lane(name, n) for name, n in lanes.items()}
        self._jobs: OrderedDict[str, Job] = OrderedDict()
        self._jobs_lock = threading.Lock()
        self._keep_finished = keep_finished
        self.max_queued = max_queued
        self.max_queued_per_user = max_queued_per_user
        self._admission = threading.Lock()  # the queue caps are checked and taken atomically
        self._rate = RateWindow(rate_limit_per_minute, clock)
        self._closed = threading.Event()
        self._threads: list[threading.Thread] = []
        self._post = PostPool(post_workers, POST_BACKLOG, self._post_process) if post_workers > 0 else None
        self.batch_wait_s = batch_wait_s
        self._held = threading.local()  # jobs submitted inside together(), per thread
        for lane in self._lanes.values():
            self._start_workers(lane)

    # ---- submitting and cancelling -------------------------------------------------------------

    def submit(self, request: GenerationRequest) -> str:
        """Validate, record and queue a request; returns the job id at once.

        Raises InvalidRequest / BackendUnavailable (GenerationError) before anything is queued.
        """
        backend = self.router.pick(request)
        resolved = backend.resolve(request)
        lane = self._lanes.get(backend.name)
        if lane is None:
            lane = self._lanes.setdefault(backend.name, Lane(backend.name, 1))
            self._start_workers(lane)
        key_of = getattr(backend, "batch_key", None)
        job = Job(id=uuid.uuid4().hex, request=resolved, backend=backend,
                  batch_key=key_of(resolved) if key_of is not None else None)
        held: list[tuple[Lane, Job]] | None = getattr(self._held, "jobs", None)
        with self._admission, lane.cond:
            self._check_room(job, sum(user_key(j) == user_key(job) for _, j in held or ()))
            # recorded before it can run, so the worker's updates always find the task row
            self.recorder.submitted(job.id, resolved, backend.name, backend.model_name(resolved))
            with self._jobs_lock:
                self._jobs[job.id] = job
            if held is not None:  # queued when the together() block ends
                job.held = True
                held.append((lane, job))
                return job.id
            lane.push(job)
            lane.cond.notify()
        self._announce_positions(lane)
        return job.id

    @contextmanager
    def together(self) -> Iterator[None]:
        """Jobs this thread submits inside the block are queued all at once when it ends, so those
        that can share a call do: the images of one message become one call."""
        if getattr(self._held, "jobs", None) is not None:  # nested: the outermost block queues them
            yield
            return
        self._held.jobs = []
        try:
            yield
        finally:
            held, self._held.jobs = self._held.jobs, None
            for lane in {id(lane): lane for lane, _ in held}.values():
                with lane.cond:
                    for job in (j for ln, j in held if ln is lane):
                        job.held = False
                        if not job.done:  # not cancelled meanwhile
                            lane.push(job)
                    lane.cond.notify_all()
                self._announce_positions(lane)

    def _check_room(self, job: Job, held: int = 0) -> None:
        """Refuse a job the queues have no room for, or that exceeds its person's rate
        (callers hold the admission lock). ``held``: the person's jobs not queued yet (together())."""
        key = user_key(job)
        mine = held + sum(lane.count(key) for lane in self._lanes.values())
        if mine >= self.max_queued_per_user:
            raise QueueFull(
                f"You already have {mine} images waiting (the most one person may queue is "
                f"{self.max_queued_per_user}). Wait for one to finish, or cancel one.", scope="user")
        total = held + sum(lane.count() for lane in self._lanes.values())
        if total >= self.max_queued:
            raise QueueFull(
                f"The server's queue is full ({total} images waiting). Please try again in a minute.",
                scope="global")
        self._rate.take(key)  # last: a refused job does not use up the person's rate

    def cancel(self, job_id: str) -> bool:
        """Cancel a queued or running job. False if unknown or already finished."""
        job = self._job(job_id)
        if job is None or job.done:
            return False
        lane = self._lanes[job.backend.name]
        with lane.cond:
            was_waiting = lane.remove(job)
        job.cancel.set()
        if was_waiting or job.held:
            self._finish(job, Cancelled())
            self._announce_positions(lane)
        elif job.batched and not job.interrupted:  # ended at once for its owner; the call goes on for the others
            self._finish(job, Cancelled())
        return True

    # ---- watching -------------------------------------------------------------------------------

    def events(self, job_id: str, *, latest_only: bool = False, heartbeat_s: float | None = None) -> Iterator[Event | None]:
        """Yield the job's current state, then each later event, ending with the terminal one (blocking:
        for threads). ``latest_only`` skips events a slow subscriber missed (the chat only needs the
        newest frame). With ``heartbeat_s``, ``None`` is yielded whenever nothing happened for that
        long, so a caller can refresh an elapsed-time display. Raises KeyError for an unknown id."""
        # A generator itself, so an unknown id raises KeyError where it is first read, as callers expect.
        yield from follow(self._known(job_id), latest_only=latest_only, heartbeat_s=heartbeat_s)

    def subscribe(self, job_id: str, *, latest_only: bool = False, heartbeat_s: float | None = None) -> Subscription:
        """``events`` for asyncio code, costing no thread (call it on the loop; KeyError at once for
        an unknown id). A slow subscriber skips superseded events, never Started or the end."""
        return subscribe(self._known(job_id), latest_only=latest_only, heartbeat_s=heartbeat_s)

    def watchers(self, job_id: str) -> int:
        """How many asyncio subscribers follow the job now (0: none, or an unknown or ended job)."""
        job = self._job(job_id)
        return 0 if job is None else job.feed.count

    def wait(self, job_id: str, timeout: float | None = None) -> Event:
        """Block until the job ends; returns its terminal event."""
        return wait_for(self._known(job_id), timeout)

    def snapshot(self, job_id: str) -> JobSnapshot | None:
        job = self._job(job_id)
        return None if job is None else snapshot_of(job)

    def close(self, timeout: float = 5.0, *, steps_timeout: float = 120.0) -> None:
        """Stop taking jobs, stop what is waiting or running, and let the workers end.

        Jobs stopped this way are not recorded as cancelled (their owners did not cancel them):
        their tasks stay unfinished for ``Store.interrupt_unfinished``. Then waits for runs in native
        code to stop at their next step (``steps_timeout``: a step takes well under a second unless
        the machine is badly overloaded), so no process exit cuts one off mid-step and aborts."""
        self._closed.set()
        with self._jobs_lock:
            jobs = list(self._jobs.values())
        for job in jobs:
            if not job.done:
                job.interrupted = True
                self.cancel(job.id)
        for lane in self._lanes.values():
            with lane.cond:
                lane.cond.notify_all()
        deadline = time.monotonic() + timeout
        for t in self._threads:
            t.join(max(0.0, deadline - time.monotonic()))
        if self._post is not None:  # images already made are stored, not lost to the shutdown
            self._post.drain(max(0.0, deadline - time.monotonic()))
        left = join_running(steps_timeout)
        if left:
            log.warning("%d backend call(s) still running at shutdown", left)

    # ---- running --------------------------------------------------------------------------------

    def _start_workers(self, lane: Lane) -> None:
        for i in range(lane.workers):
            t = threading.Thread(target=self._work, args=(lane,), name=f"jobs-{lane.name}-{i}", daemon=True)
            t.start()
            self._threads.append(t)

    def _work(self, lane: Lane) -> None:
        while not self._closed.is_set():
            with lane.cond:
                while not lane.rotation and not self._closed.is_set():
                    lane.cond.wait()
                if self._closed.is_set():
                    return
                job = lane.pop()
                batch = [job, *lane.gather(job, batch_limit(job) - 1, self.batch_wait_s, self._closed)]
            self._announce_positions(lane)
            started = time.monotonic()
            try:
                if self._run(job) if len(batch) == 1 else self._run_batch(batch):
                    with lane.cond:  # per image: positions count images, and a call makes several
                        lane.recent_run_s.append((time.monotonic() - started) / len(batch))
            except Exception:  # never let one job kill the worker
                log.exception("job %s crashed the runner", job.id)
                for one in batch:
                    if not one.done:
                        self._finish(one, Failed("internal", INTERNAL_ERROR))

    def _start_run(self, job: Job) -> Run:
        job.status = "running"
        self.recorder.running(job.id)
        # A backend that can hand over raw pixels does, when there is a pool to encode them.
        return Run(time.monotonic() - job.submitted_at,
                    self._post is not None and getattr(job.backend, "defers_encoding", False))

    def _run(self, job: Job) -> bool:
        """Run the job on its backend; True when it made an image (stored by now, or handed to the
        post-processing pool)."""
        run = self._start_run(job)
        events = job.backend.generate(job.request, job.cancel, encode=False) if run.deferred else \
            job.backend.generate(job.request, job.cancel)
        try:
            for event in job.scope.run(events):
                made = self._handle(job, event, run)
                if made is not None:
                    return made
        except GenerationError as exc:
            self._finish(job, Failed(exc.reason, exc.user_message))
            return False
        except Exception:
            log.exception("job %s failed unexpectedly", job.id)
            self._finish(job, Failed("internal", INTERNAL_ERROR))
            return False
        if not job.done:
            log.error("backend %s ended job %s without a result", job.backend.name, job.id)
            self._finish(job, Failed("backend_error", NO_RESULT))
        return False

    def _run_batch(self, jobs: list[Job]) -> bool:
        """Run jobs that share a call as one call of their backend; True when any made an image."""
        backend = jobs[0].backend
        runs = []
        for job in jobs:
            job.batched = True
            runs.append(self._start_run(job))
        args = ([j.request for j in jobs], [j.cancel for j in jobs])
        events = backend.generate_batch(*args, encode=False) if runs[0].deferred else backend.generate_batch(*args)
        settled: set[int] = set()
        made = False
        try:
            # (A backend that batches runs in this process: no visitor's GPU quota to charge per job.)
            for i, event in jobs[0].scope.run(events):
                if i in settled or jobs[i].done:
                    continue
                outcome = self._handle(jobs[i], event, runs[i])
                if outcome is not None:
                    settled.add(i)
                    made = made or outcome
        except GenerationError as exc:
            for i, job in enumerate(jobs):
                if i not in settled:
                    self._finish(job, Failed(exc.reason, exc.user_message))
            return made
        except Exception:
            log.exception("a call of %d jobs failed unexpectedly", len(jobs))
            for i, job in enumerate(jobs):
                if i not in settled:
                    self._finish(job, Failed("internal", INTERNAL_ERROR))
            return made
        for i, job in enumerate(jobs):
            if i not in settled and not job.done:
                log.error("backend %s ended job %s without a result", backend.name, job.id)
                self._finish(job, Failed("backend_error", NO_RESULT))
        return made

    def _handle(self, job: Job, event: Event, run: Run) -> bool | None:
        """Record and publish one event of a running job. None while it goes on; once it ended, True
        when it made an image (stored by now, or handed to the post-processing pool), else False."""
        if isinstance(event, Started):
            job.request = job.request.with_(seed=event.seed if event.seed is not None else job.request.seed)
            self.recorder.progress(job.id, 0, event.total_steps)
        elif isinstance(event, Progress):
            self.recorder.progress(job.id, event.step, event.total)  # it decides what to write down
        elif isinstance(event, Finished):
            if job.cancel.is_set():  # finished in the same instant it was cancelled: the person said stop
                event = Cancelled()
            elif self._post is not None:
                self._post.hand_over(job, event, run.queued_s)
                return True
            else:
                self._store_result(job, event, run.queued_s)
                return isinstance(job.log[-1], Finished)
        if is_terminal(event):
            self._finish(job, event)
            return False
        self._publish(job, event)
        return None

    # ---- post-processing: encode, thumbnail, Base64, insert -------------------------------------

    def _post_process(self, job: Job, event: Finished, queued_s: float) -> None:
        try:
            # Cancelled by its owner while it waited: never stored. (A server stopping is no owner: an
            # image already made is kept; close() waits for it.)
            if job.cancel.is_set() and not job.interrupted:
                self._finish(job, Cancelled())
            else:
                self._store_result(job, event, queued_s)
        except Exception:  # never let one image kill the pool
            log.exception("job %s crashed while its image was stored", job.id)
            if not job.done:
                self._finish(job, Failed("internal", INTERNAL_ERROR))

    def _store_result(self, job: Job, event: Finished, queued_s: float) -> None:
        """Store the image and end the job with it, unless its end came first (cancelled by its owner
        meanwhile: the image is dropped). Once the storing begins, the job's end is this one."""
        if not self._claim_end(job):
            return
        try:
            image = event.image.encoded()  # the PNG, when the backend handed over pixels
            # the image, the task's end and its message, recorded together
            job.image_id = self.recorder.succeeded(job.id, job.request, image, queued_s)
        except Exception:
            log.exception("could not store the image of job %s", job.id)
            self._end(job, Failed("storage", SAVE_FAILED))
            return
        # Watchers get the stored image's id and recipe; its bytes live in the store, not in the
        # 256 finished jobs kept here (about 0.5 MiB each at 512², 2 MiB at 1024²).
        self._end(job, Finished(dataclasses.replace(image, png=b""), job.image_id), recorded=True)

    def _finish(self, job: Job, event: Event) -> None:
        """Record and publish the job's terminal event; only the first one counts (a cancelled job of
        a running call is ended by the canceller while the call may still report it)."""
        if self._claim_end(job):
            self._end(job, event)

    @staticmethod
    def _claim_end(job: Job) -> bool:
        """Make the caller the one who ends the job; False when someone else is (or has)."""
        with job.cond:
            if job.ending:
                return False
            job.ending = True
            return True

    def _end(self, job: Job, event: Event, *, recorded: bool = False) -> None:
        """Record (unless ``recorded`` already) and publish the end of a job this caller claimed."""
        status = STATUS_BY_EVENT[type(event)]
        if job.interrupted and isinstance(event, Cancelled):
            status = "interrupted"
        elif not recorded:
            self.recorder.ended(job.id, job.request, event, job.image_id)
        job.status = status  # only now: a poll that sees the end also finds it recorded
        self._publish(job, event)
        self._forget_old()

    def _publish(self, job: Job, event: Event) -> None:
        with job.cond:
            if job.done:  # nothing follows the end (a call's late step for a job cancelled meanwhile)
                return
            job.log.append(event)
            job.cond.notify_all()
            job.feed.publish(event)  # under cond: every loop gets the job's events in order

    def _announce_positions(self, lane: Lane) -> None:
        # Published under the lane's lock: a worker cannot take a job between our reading its
        # position and publishing it, so a Queued event never follows that job's Started.
        with lane.cond:
            for position, job in enumerate(lane.order()):
                event = Queued(position, lane.wait_estimate(position))
                if not job.log or job.log[-1] != event:  # only news is published
                    self._publish(job, event)

    def _job(self, job_id: str) -> Job | None:
        with self._jobs_lock:
            return self._jobs.get(job_id)

    @property
    def rate_limit_per_minute(self) -> int:
        return self._rate.per_minute

    def _known(self, job_id: str) -> Job:
        job = self._job(job_id)
        if job is None:
            raise KeyError(job_id)
        return job

    def _forget_old(self) -> None:
        """Finished jobs stay watchable for a while; their record lives on in the store."""
        with self._jobs_lock:
            finished = [jid for jid, j in self._jobs.items() if j.done]
            for jid in finished[: max(0, len(finished) - self._keep_finished)]:
                del self._jobs[jid]

