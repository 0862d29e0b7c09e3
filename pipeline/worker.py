"""A GPU worker: runs the local diffusers backend for jobs sent through a Redis broker.

Run one on each GPU machine (the same ``--model`` as the app)::

    python -m pipeline.worker --broker redis://HOST:6379/0 --model stabilityai/sd-turbo

The app (``--broker``) validates and queues; a worker takes one job at a time, runs it and sends
every event back through Redis; the app stores the result (workers never open the database).

The protocol, all under the ``imagechat:`` prefix (``<id>`` is the Celery task id):

- task ``imagechat.generate(payload)`` on queue ``imagechat``: ``payload = {"request": <the
  GenerationRequest as a dict>, "heartbeat_s": <float>}``;
- channel ``imagechat:task:<id>:events`` (pub/sub, JSON): ``{"type": "accepted", "worker": name}``
  when a worker takes the task, ``{"type": "heartbeat"}`` every ``heartbeat_s`` while it runs, and
  the events in ``pipeline.wire`` form (previews and the final PNG as Base64);
- key ``imagechat:task:<id>:cancel``: set by the app to stop the job; the worker polls it;
- key ``imagechat:task:<id>:result``: the terminal event, also written (before it is published)
  so an app that missed the message can still read it; short-lived;
- key ``imagechat:worker:<name>``: each worker's presence (model, device, slots), refreshed every
  few seconds and expiring soon after a worker stops.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import queue
import socket
import sys
import threading
import time
from typing import Any, Sequence

from celery import Celery

log = logging.getLogger("imagechat.worker")

TASK_NAME = "imagechat.generate"
QUEUE = "imagechat"
PREFIX = "imagechat:"
WORKER_TTL_S = 10  # presence expires this long after a worker stops refreshing it
PRESENCE_EVERY_S = 3.0
RESULT_TTL_S = 600
CANCEL_TTL_S = 3600
CANCEL_POLL_S = 0.1
DEFAULT_HEARTBEAT_S = 1.0
BROKER_LOST_CANCEL_S = 10.0  # a worker that cannot reach Redis this long stops the run: nobody can get it

WORKER_COMMAND = "python -m pipeline.worker --broker {broker} --model {model}"


def events_channel(task_id: str) -> str:
    return f"{PREFIX}task:{task_id}:events"


def cancel_key(task_id: str) -> str:
    return f"{PREFIX}task:{task_id}:cancel"


def result_key(task_id: str) -> str:
    return f"{PREFIX}task:{task_id}:result"


def worker_key(name: str) -> str:
    return f"{PREFIX}worker:{name}"


def make_celery(broker_url: str) -> Celery:
    """The Celery app both sides use: results travel by pub/sub, so no result backend."""
    app = Celery("imagechat", broker=broker_url, set_as_current=False)
    app.conf.update(
        task_default_queue=QUEUE,
        task_ignore_result=True,
        task_serializer="json",
        accept_content=["json"],
        # Acked when a worker takes it: a job whose worker dies is reported failed, never silently
        # rerun an hour later (Redis' visibility timeout) after the person has been told.
        task_acks_late=False,
        # A busy worker must not hold a second job that an idle worker could run now.
        worker_prefetch_multiplier=1,
        worker_disable_prefetch=True,
        broker_connection_retry_on_startup=True,
        broker_connection_timeout=3,
        worker_hijack_root_logger=False,
    )
    return app


def request_to_dict(request: Any) -> dict[str, Any]:
    from pipeline.wire import request_to_dict as to_dict

    return to_dict(request)


def request_from_dict(data: dict[str, Any]):
    from pipeline.wire import request_from_dict as from_dict

    return from_dict(data)


# ---------------------------------------------------------------------------- the worker side


class Slots:
    """The loaded pipelines of this process, one per job it may run at once."""

    def __init__(self, model: str, *, device: str | None, count: int):
        from pipeline.backends.local_diffusers import LocalDiffusersBackend

        self.model = model
        self.backends = [LocalDiffusersBackend(model, device=device) for _ in range(max(1, count))]
        self._free: queue.SimpleQueue = queue.SimpleQueue()
        for backend in self.backends:
            self._free.put(backend)

    def load(self) -> None:
        for backend in self.backends:
            backend.load()

    @property
    def device(self) -> str:
        dev = self.backends[0].device
        return dev.device if dev else ""

    def acquire(self):
        return self._free.get()

    def release(self, backend) -> None:
        self._free.put(backend)


class Worker:
    """What the Celery task calls: runs one job and reports it through Redis."""

    def __init__(self, broker_url: str, slots: Slots, name: str):
        import redis

        self.slots = slots
        self.name = name
        self.redis = redis.Redis.from_url(broker_url, socket_connect_timeout=3, socket_timeout=10)
        self._stop = threading.Event()

    # -- presence ------------------------------------------------------------------------

    def start_presence(self) -> None:
        threading.Thread(target=self._presence_loop, name="presence", daemon=True).start()

    def stop_presence(self) -> None:
        self._stop.set()
        try:
            self.redis.delete(worker_key(self.name))
        except Exception:
            pass

    def _presence_loop(self) -> None:
        info = json.dumps({"model": self.slots.model, "device": self.slots.device,
                           "slots": len(self.slots.backends), "pid": os.getpid()})
        while not self._stop.is_set():
            try:
                self.redis.set(worker_key(self.name), info, ex=WORKER_TTL_S)
            except Exception as exc:  # the broker is away: keep trying, the task loop reports it
                log.warning("cannot refresh presence in the broker: %s", exc.__class__.__name__)
            self._stop.wait(PRESENCE_EVERY_S)

    # -- one job -------------------------------------------------------------------------

    def run(self, task_id: str, payload: dict[str, Any]) -> None:
        from pipeline.errors import GenerationError
        from pipeline.events import is_terminal
        from pipeline.wire import event_to_dict

        channel = events_channel(task_id)
        heartbeat_s = float(payload.get("heartbeat_s") or DEFAULT_HEARTBEAT_S)
        self._publish(channel, {"type": "accepted", "worker": self.name})
        if self.redis.get(cancel_key(task_id)):  # cancelled while it waited in the queue
            self._finish(task_id, {"type": "cancelled"})
            return
        try:
            request = request_from_dict(payload["request"])
        except (KeyError, TypeError, ValueError) as exc:
            log.error("task %s: unreadable request: %s", task_id, exc)
            self._finish(task_id, _failed("backend_error", "The image worker could not read this job (the app "
                                          "and the worker may be different versions). Update both, then try again."))
            return
        if request.model not in (None, self.slots.model):
            self._finish(task_id, _failed("model_not_found", (
                f"The image worker {self.name} runs {self.slots.model!r}, but this app asked for "
                f"{request.model!r}. Start the workers with the same --model as the app.")))
            return

        cancel = threading.Event()
        done = threading.Event()
        watcher = threading.Thread(target=self._watch, args=(task_id, heartbeat_s, cancel, done),
                                   name=f"watch-{task_id[:8]}", daemon=True)
        watcher.start()
        backend = self.slots.acquire()
        try:
            for event in backend.generate(request, cancel):
                data = event_to_dict(event, include_image=True, include_preview=True)
                if is_terminal(event):
                    if data["type"] == "finished":  # which machine made it, kept with the recipe
                        data["image"]["extra"] = {**data["image"]["extra"], "worker": self.name}
                    self._finish(task_id, data)
                    return
                self._publish(channel, data)
            self._finish(task_id, _failed("backend_error", "The image worker stopped without an image. Try again."))
        except GenerationError as exc:
            self._finish(task_id, _failed(exc.reason, exc.user_message))
        except Exception:
            log.exception("task %s failed", task_id)
            self._finish(task_id, _failed("backend_error", (
                f"The image worker {self.name} hit an unexpected error (details are in its log). Try again.")))
        finally:
            done.set()
            self.slots.release(backend)
            watcher.join(1.0)

    def _watch(self, task_id: str, heartbeat_s: float, cancel: threading.Event, done: threading.Event) -> None:
        """Poll the cancel key and send heartbeats until the job ends."""
        channel = events_channel(task_id)
        last_beat = 0.0
        unreachable_since: float | None = None
        while not done.wait(CANCEL_POLL_S):
            now = time.monotonic()
            try:
                if self.redis.get(cancel_key(task_id)):
                    cancel.set()
                if now - last_beat >= heartbeat_s:
                    self.redis.publish(channel, b'{"type": "heartbeat"}')
                    last_beat = now
                unreachable_since = None
            except Exception as exc:
                unreachable_since = unreachable_since or now
                if now - unreachable_since >= BROKER_LOST_CANCEL_S and not cancel.is_set():
                    log.error("task %s: broker unreachable for %.0f s (%s); stopping the run",
                              task_id, now - unreachable_since, exc.__class__.__name__)
                    cancel.set()

    def _publish(self, channel: str, data: dict[str, Any]) -> None:
        self.redis.publish(channel, json.dumps(data))

    def _finish(self, task_id: str, data: dict[str, Any]) -> None:
        body = json.dumps(data)
        pipe = self.redis.pipeline(transaction=False)
        pipe.set(result_key(task_id), body, ex=RESULT_TTL_S)
        pipe.publish(events_channel(task_id), body)
        pipe.execute()
        log.info("task %s: %s", task_id, data.get("type"))


def _failed(reason: str, message: str) -> dict[str, Any]:
    return {"type": "failed", "reason": reason, "error": message}


def build_app(broker_url: str, worker: Worker) -> Celery:
    app = make_celery(broker_url)

    @app.task(name=TASK_NAME, bind=True, ignore_result=True)
    def generate(self, payload: dict[str, Any]) -> None:
        worker.run(self.request.id, payload)

    from celery import signals

    # Presence only once the consumer is up, so "a worker is connected" means it takes jobs.
    signals.worker_ready.connect(lambda **_: worker.start_presence(), weak=False)
    signals.worker_shutting_down.connect(lambda **_: worker.stop_presence(), weak=False)
    return app


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
                   help="jobs at once, each with its own copy of the model on the device (default 1: one "
                        "per GPU; more only when the GPU has memory for that many copies)")
    p.add_argument("--name", default=None, help="this worker's name (default imagechat-PID@HOST)")
    p.add_argument("--loglevel", default="INFO")
    args = p.parse_args(argv)
    if not args.broker:
        p.error("--broker (or IMAGECHAT_BROKER) is required, e.g. --broker redis://127.0.0.1:6379/0")
    if not args.broker.startswith(("redis://", "rediss://")):
        p.error("--broker takes a Redis URL such as redis://127.0.0.1:6379/0")
    if args.concurrency < 1:
        p.error("--concurrency must be at least 1")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    logging.basicConfig(level=args.loglevel.upper(), format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    from config import redact_url
    from pipeline.errors import GenerationError

    name = args.name or f"imagechat-{os.getpid()}@{socket.gethostname()}"
    slots = Slots(args.model, device=args.device, count=args.concurrency)
    t0 = time.perf_counter()
    try:
        slots.load()  # before taking jobs: a worker that cannot run the model should not take any
    except GenerationError as exc:
        print(f"imagechat worker: {exc.user_message}", file=sys.stderr)
        return 2
    log.info("%s: loaded %s on %s in %.1f s (%d slot(s)); broker %s", name, args.model, slots.device,
             time.perf_counter() - t0, args.concurrency, redact_url(args.broker))
    worker = Worker(args.broker, slots, name)
    app = build_app(args.broker, worker)
    # solo: the job runs in the worker's own process and thread, so the model loaded above is the
    # one used, and CUDA is never touched in a forked child (prefork would fork after CUDA init,
    # and each child would load its own copy). threads: N slots, each with its own pipeline.
    pool = ["--pool=solo"] if args.concurrency == 1 else ["--pool=threads"]
    app.worker_main([
        "worker", *pool, f"--concurrency={args.concurrency}", f"--hostname={name}", f"--queues={QUEUE}",
        f"--loglevel={args.loglevel}",
        "--without-mingle", "--without-gossip", "--without-heartbeat",
    ])
    return 0


if __name__ == "__main__":
    sys.exit(main())
