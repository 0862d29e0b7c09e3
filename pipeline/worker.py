"""A GPU worker: runs the local diffusers backend for jobs sent through a Redis broker.

Run one on each GPU machine (the same ``--model`` as the app)::

    python -m pipeline.worker --broker redis://HOST:6379/0 --model stabilityai/sd-turbo

The app (``--broker``) validates and queues; a worker takes one job at a time, runs it and sends
every event back through Redis; the app stores the result (workers never open the database).
It is a Celery worker of ``pipeline.celery_app`` (prefork pool: one process per ``--concurrency``,
each with its own copy of the model), so Celery's tools see it: ``celery -A pipeline.celery_app
inspect ping``, ``celery events``, Flower.

The protocol, all under the ``imagechat:`` prefix (``<id>`` is the Celery task id):

- task ``imagechat.generate(payload)`` on queue ``imagechat``: ``payload = {"request": <the
  GenerationRequest as a dict>, "heartbeat_s": <float>}``, with soft and hard time limits
  (``pipeline.time_limits``);
- channel ``imagechat:task:<id>:events`` (pub/sub, JSON): ``{"type": "accepted", "worker": name}``
  when a worker takes the task, ``{"type": "heartbeat"}`` every ``heartbeat_s`` while it runs, and
  the events in ``pipeline.wire`` form (previews and the final PNG as Base64);
- key ``imagechat:task:<id>:cancel``: set by the app to stop the job; the worker polls it (a
  running task cannot take Celery's ``revoke``: the cancel must reach the denoising loop);
- key ``imagechat:task:<id>:result``: the terminal event, also written (before it is published)
  so an app that missed the message can still read it; short-lived;
- key ``imagechat:worker:<name>``: each worker's presence (model, device, processes), refreshed
  every few seconds and expiring soon after a worker stops.

Celery records each job's outcome as well (``pipeline.worker_task``): ``SUCCESS``, ``FAILURE``
with the reason, or ``REVOKED``.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import socket
import sys
import threading
import time
from typing import Any, Sequence

from pipeline.celery_app import QUEUE, cancel_key, events_channel, result_key, worker_key
from pipeline.events import Cancelled, Event, Failed, Finished
from pipeline.time_limits import TimeLimits

log = logging.getLogger("imagechat.worker")

WORKER_TTL_S = 10  # presence expires this long after a worker stops refreshing it
PRESENCE_EVERY_S = 3.0
RESULT_TTL_S = 600
CANCEL_POLL_S = 0.1
DEFAULT_HEARTBEAT_S = 1.0
BROKER_LOST_CANCEL_S = 10.0  # a worker that cannot reach Redis this long stops the run: nobody can get it
NO_HARD_LIMIT_GRACE_S = 30.0  # without a hard limit, how long a timed-out run may take to let go


def request_to_dict(request: Any) -> dict[str, Any]:
    from pipeline.wire import request_to_dict as to_dict

    return to_dict(request)


def request_from_dict(data: dict[str, Any]):
    from pipeline.wire import request_from_dict as from_dict

    return from_dict(data)


def redis_client(broker_url: str) -> Any:
    import redis

    return redis.Redis.from_url(broker_url, socket_connect_timeout=3, socket_timeout=10)


def report_end(client: Any, task_id: str, event: Event, *, only_first: bool = False) -> bool:
    """Store, then publish, a job's terminal event. ``only_first``: not if one was stored already
    (the pool process reported it before Celery ended that process)."""
    from pipeline.wire import event_to_dict

    body = json.dumps(event_to_dict(event, include_image=True))
    if not client.set(result_key(task_id), body, ex=RESULT_TTL_S, nx=only_first):
        return False
    client.publish(events_channel(task_id), body)
    return True


def time_limit_message(seconds: float | None, worker: str) -> str:
    allowed = f"the {seconds:g} s" if seconds else "the time"
    return (f"This image took longer than {allowed} the image worker {worker} allows for it, so it was stopped "
            "(the worker may be stuck). Try again, perhaps with fewer steps or a smaller size; if it keeps "
            "happening, check that worker's log.")


# ---------------------------------------------------------------------------- one job (pool process)


class Worker:
    """Runs one job at a time in a pool process and reports it through Redis."""

    def __init__(self, broker_url: str, backend: Any, name: str):
        self.backend = backend  # a loaded LocalDiffusersBackend: this process's copy of the model
        self.name = name
        self.redis = redis_client(broker_url)

    def run(self, task_id: str, payload: dict[str, Any], limits: TimeLimits | None = None) -> Event:
        """Run the job and return its terminal event (already reported to the app)."""
        from pipeline.errors import GenerationError
        from pipeline.events import is_terminal, replace_image
        from pipeline.wire import Accepted

        channel = events_channel(task_id)
        heartbeat_s = float(payload.get("heartbeat_s") or DEFAULT_HEARTBEAT_S)
        self._publish(channel, Accepted(worker=self.name))
        if self.redis.get(cancel_key(task_id)):  # cancelled while it waited in the queue
            return self._finish(task_id, Cancelled())
        try:
            request = request_from_dict(payload["request"])
        except (KeyError, TypeError, ValueError) as exc:
            log.error("task %s: unreadable request: %s", task_id, exc)
            return self._finish(task_id, Failed("backend_error", "The image worker could not read this job (the "
                                                "app and the worker may be different versions). Update both, then "
                                                "try again."))
        if request.model not in (None, self.backend.model):
            return self._finish(task_id, Failed("model_not_found", (
                f"The image worker {self.name} runs {self.backend.model!r}, but this app asked for "
                f"{request.model!r}. Start the workers with the same --model as the app.")))

        cancel = threading.Event()
        done = threading.Event()
        watcher = threading.Thread(target=self._watch, args=(task_id, heartbeat_s, cancel, done),
                                   name=f"watch-{task_id[:8]}", daemon=True)
        watcher.start()
        try:
            for event in self.backend.generate(request, cancel):
                if is_terminal(event):
                    if isinstance(event, Finished):  # which machine made it, kept with the recipe
                        event = replace_image(event, extra={**event.image.extra, "worker": self.name})
                    return self._finish(task_id, event)
                self._publish(channel, event)
            return self._finish(task_id, Failed("backend_error", "The image worker stopped without an image. "
                                                "Try again."))
        except Exception as exc:
            if _soft_time_limit(exc):
                cancel.set()  # the run stops at its next step, if it ever takes one
                done.set()  # no more heartbeats: the job is over for the app
                told = time_limit_message(limits.soft_s if limits else None, self.name)
                end = self._finish(task_id, Failed("time_limit", told))
                self._wait_for_the_model(task_id, limits)
                return end
            if isinstance(exc, GenerationError):
                return self._finish(task_id, Failed(exc.reason, exc.user_message))
            log.exception("task %s failed", task_id)
            return self._finish(task_id, Failed("backend_error", (
                f"The image worker {self.name} hit an unexpected error (details are in its log). Try again.")))
        finally:
            done.set()
            watcher.join(1.0)

    def _wait_for_the_model(self, task_id: str, limits: TimeLimits | None) -> None:
        """After the soft limit: return once the stopped run lets go of the model, so this process
        can take the next job. A step stuck in native code cannot be interrupted from Python; then
        this waits, and Celery's hard limit ends the process and starts a fresh one in its place."""
        hard_limit_follows = limits is not None and limits.hard_s > limits.soft_s
        if self.backend.idle(None if hard_limit_follows else NO_HARD_LIMIT_GRACE_S):
            log.warning("task %s: stopped at its soft time limit", task_id)
            return
        log.error("task %s: the run did not stop at its soft time limit and no hard limit is set", task_id)

    def _watch(self, task_id: str, heartbeat_s: float, cancel: threading.Event, done: threading.Event) -> None:
        """Poll the cancel key and send heartbeats until the job ends."""
        from pipeline.wire import Heartbeat, message_to_json

        channel = events_channel(task_id)
        heartbeat = message_to_json(Heartbeat())
        last_beat = 0.0
        unreachable_since: float | None = None
        while not done.wait(CANCEL_POLL_S):
            now = time.monotonic()
            try:
                if self.redis.get(cancel_key(task_id)):
                    cancel.set()
                if now - last_beat >= heartbeat_s:
                    self.redis.publish(channel, heartbeat)
                    last_beat = now
                unreachable_since = None
            except Exception as exc:
                unreachable_since = unreachable_since or now
                if now - unreachable_since >= BROKER_LOST_CANCEL_S and not cancel.is_set():
                    log.error("task %s: broker unreachable for %.0f s (%s); stopping the run",
                              task_id, now - unreachable_since, exc.__class__.__name__)
                    cancel.set()

    def _publish(self, channel: str, message: Any) -> None:
        from pipeline.wire import message_to_json

        self.redis.publish(channel, message_to_json(message))

    def _finish(self, task_id: str, event: Event) -> Event:
        report_end(self.redis, task_id, event)
        log.info("task %s: %s", task_id, type(event).__name__.lower())
        return event


def _soft_time_limit(exc: BaseException | None) -> bool:
    """Whether Celery's soft time limit is behind ``exc`` (the backend may have wrapped it)."""
    from celery.exceptions import SoftTimeLimitExceeded

    seen = 0
    while exc is not None and seen < 10:
        if isinstance(exc, SoftTimeLimitExceeded):
            return True
        exc, seen = exc.__cause__ or exc.__context__, seen + 1
    return False


# ---------------------------------------------------------------------------- presence (main process)


class Presence:
    """Says in Redis that this worker takes jobs, every few seconds, until it stops."""

    def __init__(self, broker_url: str, name: str, info: dict[str, Any]):
        self.name = name
        self.info = json.dumps(info)
        self.redis = redis_client(broker_url)
        self._stop = threading.Event()

    def start(self) -> None:
        threading.Thread(target=self._loop, name="presence", daemon=True).start()

    def stop(self) -> None:
        self._stop.set()
        try:
            self.redis.delete(worker_key(self.name))
        except Exception:
            pass

    def _loop(self) -> None:
        while not self._stop.is_set():
            try:
                self.redis.set(worker_key(self.name), self.info, ex=WORKER_TTL_S)
            except Exception as exc:  # the broker is away: keep trying, the jobs report it
                log.warning("cannot refresh presence in the broker: %s", exc.__class__.__name__)
            self._stop.wait(PRESENCE_EVERY_S)


# ---------------------------------------------------------------------------- the command


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    env = os.environ
    p = argparse.ArgumentParser(
        prog="python -m pipeline.worker",
        description="Run imagechat generations on this machine for an app started with --broker.",
    )
    p.add_argument("--broker", default=env.get("IMAGECHAT_BROKER"), metavar="redis://HOST:PORT/0",
                   help="the app's Redis broker (env IMAGECHAT_BROKER)")
    p.add_argument("--model", default=env.get("IMAGECHAT_MODEL", "stabilityai/sd-turbo"),
                   help="diffusers model id or local folder; the same as the app's (env IMAGECHAT_MODEL)")
    p.add_argument("--device", default=env.get("IMAGECHAT_DEVICE") or None, choices=("cuda", "mps", "cpu"),
                   help="force a device (env IMAGECHAT_DEVICE); automatic by default")
    p.add_argument("--concurrency", type=int, default=int(env.get("IMAGECHAT_WORKER_CONCURRENCY", "1")),
                   help="jobs at once, each in its own process with its own copy of the model on the device "
                        "(default 1: one per GPU; more only when the GPU has memory for that many copies)")
    # The app's local-backend flags, so a worker makes the same pictures as the app would.
    from config import add_local_backend_flags

    add_local_backend_flags(p, env)
    p.add_argument("--name", default=None, help="this worker's name (default imagechat-PID@HOST)")
    p.add_argument("--loglevel", default="INFO")
    args = p.parse_args(argv)
    if not args.broker:
        p.error("--broker (or IMAGECHAT_BROKER) is required, e.g. --broker redis://127.0.0.1:6379/0")
    if not args.broker.startswith(("redis://", "rediss://")):
        p.error("--broker takes a Redis URL such as redis://127.0.0.1:6379/0")
    if args.concurrency < 1:
        p.error("--concurrency must be at least 1")
    if args.preview == "taesd":
        from pipeline.preview_taesd import check_folder

        if why := check_folder(args.taesd):
            p.error(why)
    return args


def worker_settings(args: argparse.Namespace, name: str):
    """The parsed command line as the settings each pool process builds its backend from."""
    from pipeline.worker_task import WorkerSettings

    return WorkerSettings(args.model, args.device, name, lora_dir=args.lora_dir, model_config=args.model_config,
                          preview=args.preview, taesd=args.taesd, compile=args.compile, deepcache=args.deepcache,
                          deepcache_interval=args.deepcache_interval)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    logging.basicConfig(level=args.loglevel.upper(), format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    from redaction import redact_url
    from pipeline import worker_task
    from pipeline.celery_app import app, configure

    name = args.name or f"imagechat-{os.getpid()}@{socket.gethostname()}"
    settings = worker_settings(args, name)
    # Checked before any job is taken: a worker that cannot find the model should not take any. The
    # model itself is loaded in each pool process, never here: CUDA must not be touched before a fork.
    ok, why = settings.backend().available()
    if not ok:
        print(f"imagechat worker: {why}", file=sys.stderr)
        return 2
    # Imported once here (no CUDA is touched by importing), so each pool process, and the fresh one
    # after a hard time limit, starts without importing them again.
    import diffusers  # noqa: F401
    import torch  # noqa: F401

    worker_task.setup(settings)
    configure(app, args.broker)
    log.info("%s: %s, %d process(es); broker %s", name, args.model, args.concurrency, redact_url(args.broker))
    # prefork: a job runs in a pool process, so Celery's time limits work (the soft one is a signal
    # to that process's main thread, the hard one ends the process and starts a fresh one), and the
    # main process keeps answering `celery inspect` and sending events while a job runs.
    app.worker_main([
        "worker", "--pool=prefork", f"--concurrency={args.concurrency}", f"--hostname={name}",
        f"--queues={QUEUE}", f"--loglevel={args.loglevel}", "--without-mingle", "--without-gossip",
    ])
    return 0


if __name__ == "__main__":
    sys.exit(main())
