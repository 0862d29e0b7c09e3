"""The ``imagechat.generate`` task and the worker's life cycle, on ``pipeline.celery_app.app``.

Where things run (prefork pool):

- the main process consumes the queue, answers ``celery inspect``, sends task events, keeps the
  worker's presence in Redis and enforces the hard time limit. It never loads the model: CUDA
  must not be touched before a fork.
- each pool process loads its own copy of the model when it starts, then runs one job at a time.

Celery's record of each job says what happened to it: ``SUCCESS`` with a small summary when the
image was made, ``FAILURE`` with the reason (``JobFailed``, or ``TimeLimitExceeded`` when the hard
limit ended the process), ``REVOKED`` when it was cancelled. The image itself travels by pub/sub.
"""

from __future__ import annotations

import dataclasses
import logging
import os
import signal
from dataclasses import dataclass
from typing import Any

from celery import Task, signals
from celery.exceptions import Ignore, TimeLimitExceeded

from pipeline.backends import local_speed
from pipeline.celery_app import TASK_NAME, JobFailed, app
from pipeline.events import Cancelled, Failed, Finished
from pipeline.time_limits import TimeLimits
from pipeline.worker import Presence, Worker, redis_client, report_end, time_limit_message

log = logging.getLogger("imagechat.worker")

DEFAULT_MODEL = "stabilityai/sd-turbo"


@dataclass(frozen=True)
class WorkerSettings:
    """What each pool process builds its backend from: the app's local-backend flags, same names."""

    model: str
    device: str | None = None  # None: automatic
    name: str | None = None  # None: Celery's node name
    lora_dir: str | None = None  # <lora:name:w> in a prompt loads name.safetensors from here
    model_config: str | None = None  # a single-file --model's configs
    preview: str = "latent"  # latent | taesd | off
    taesd: str | None = None  # the AutoencoderTiny folder for preview "taesd"
    compile: bool = False  # --compile, --deepcache, --deepcache-interval (pipeline.backends.local_speed)
    deepcache: bool = False
    deepcache_interval: int = 3

    @classmethod
    def from_env(cls) -> "WorkerSettings":
        """For a worker started with Celery's own command (``celery -A pipeline.celery_app worker``)."""
        env = os.environ
        import argparse

        from config import add_local_backend_flags

        # The local backend's flags as the app reads them, each from its IMAGECHAT_* variable.
        parser = argparse.ArgumentParser(add_help=False)
        add_local_backend_flags(parser, env)
        flags = parser.parse_args([])
        return cls(env.get("IMAGECHAT_MODEL", DEFAULT_MODEL), env.get("IMAGECHAT_DEVICE") or None,
                   lora_dir=flags.lora_dir, model_config=flags.model_config, preview=flags.preview, taesd=flags.taesd,
                   compile=flags.compile, deepcache=flags.deepcache, deepcache_interval=flags.deepcache_interval)

    def backend(self):
        """A LocalDiffusersBackend as these settings describe (not loaded)."""
        from pipeline.backends.local_diffusers import LocalDiffusersBackend

        return LocalDiffusersBackend(self.model, device=self.device, lora_dir=self.lora_dir, preview=self.preview,
                                     taesd=self.taesd, model_config=self.model_config,
                                     speed=local_speed.options_from(self))


_settings: WorkerSettings | None = None
_presence: Presence | None = None
_worker: Worker | None = None  # in a pool process, once its model is loaded


def setup(settings: WorkerSettings) -> None:
    global _settings
    _settings = settings


def settings() -> WorkerSettings:
    global _settings
    if _settings is None:
        _settings = WorkerSettings.from_env()
    return _settings


# ---------------------------------------------------------------------------- life cycle


@signals.celeryd_init.connect
def _name_the_worker(sender: str, **_: Any) -> None:
    current = settings()
    if current.name is None:
        setup(dataclasses.replace(current, name=sender))


@signals.worker_ready.connect
def _announce(sender: Any = None, **_: Any) -> None:
    global _presence
    current = settings()
    processes = getattr(getattr(sender, "pool", None), "num_processes", None)
    # Only once the consumer is up, so "a worker is connected" means it takes jobs.
    _presence = Presence(app.conf.broker_url, current.name or "", {
        "model": current.model, "device": current.device or "auto", "processes": processes, "pid": os.getpid()})
    _presence.start()


@signals.worker_shutting_down.connect
def _withdraw(**_: Any) -> None:
    if _presence is not None:
        _presence.stop()


@signals.worker_process_init.connect
def _load_model(**_: Any) -> None:
    """In each pool process as it starts (and in the fresh one after a hard time limit)."""
    global _worker
    from pipeline.errors import GenerationError

    current = settings()
    backend = current.backend()
    try:
        backend.load()
    except GenerationError as exc:
        # A process that cannot run the model must not take jobs; a fresh one would fail the same
        # way, so the whole worker stops.
        log.error("cannot load %s: %s; stopping this worker", current.model, exc.user_message)
        os.kill(os.getppid(), signal.SIGTERM)
        os._exit(2)
    device = backend.device
    log.info("process %d: loaded %s on %s in %.1f s", os.getpid(), current.model,
             device.device if device else "?", backend.load_s or 0.0)
    _worker = Worker(app.conf.broker_url, backend, current.name or "")


# ---------------------------------------------------------------------------- the task


class JobTask(Task):
    def on_failure(self, exc: Exception, task_id: str, args: Any, kwargs: Any, einfo: Any) -> None:
        # Celery calls this in the main process when the hard limit ended the pool process; nothing
        # told the app then (at the soft limit the pool process did), so tell it here.
        if not isinstance(exc, TimeLimitExceeded):
            return
        try:
            report_end(redis_client(self.app.conf.broker_url), task_id,
                       Failed("time_limit", time_limit_message(exc.args[0] if exc.args else None,
                                                               settings().name or "")),
                       only_first=True)
        except Exception as error:
            log.error("task %s: could not report its time limit: %s", task_id, error.__class__.__name__)


def _limits(request: Any) -> TimeLimits | None:
    hard, soft = (getattr(request, "timelimit", None) or (None, None))[:2]
    if not soft and not hard:
        return None
    return TimeLimits(soft_s=soft or hard, hard_s=hard or soft)


@app.task(name=TASK_NAME, bind=True, base=JobTask, throws=(JobFailed,))
def generate(self: JobTask, payload: dict[str, Any]) -> dict[str, Any]:
    if _worker is None:  # not a pool process that loaded the model: a solo or threads pool was asked for
        told = Failed("backend_error", "This image worker was started with a pool that cannot run jobs; start it "
                                       "with --pool=prefork (python -m pipeline.worker does).")
        report_end(redis_client(self.app.conf.broker_url), self.request.id, told)
        raise JobFailed(f"{told.reason}: {told.user_message}")
    end = _worker.run(self.request.id, payload, _limits(self.request))
    if isinstance(end, Finished):
        image = end.image
        return {"width": image.width, "height": image.height, "seed": image.seed, "steps": image.steps,
                "model": image.model, "worker": _worker.name}
    if isinstance(end, Cancelled):
        # What Celery's own revoke records, for a job whose cancel reached it mid-run through the
        # polled key; Ignore keeps the worker from writing SUCCESS over it.
        self.send_event("task-revoked", terminated=False, signum=None, expired=False)
        self.backend.mark_as_revoked(self.request.id, "cancelled", request=self.request)
        raise Ignore()
    assert isinstance(end, Failed)
    raise JobFailed(f"{end.reason}: {end.user_message}")
