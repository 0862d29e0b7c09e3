"""The local backend, run on GPU workers elsewhere: jobs go out through Celery on a Redis broker,
events come back on a Redis channel per job (see ``pipeline.worker`` for the protocol).

To the job runner it is the local backend: the same name, validation and events. This process
never loads the model; it validates, sends, relays progress and stores the result.
"""

from __future__ import annotations

import json
import threading
import time
import uuid
from typing import Any, Callable, Iterator

from redaction import redact_url
from pipeline.backends import local_spec
from pipeline.celery_app import (
    CANCEL_TTL_S,
    PREFIX,
    TASK_NAME,
    WORKER_COMMAND,
    cancel_key,
    events_channel,
    make_celery,
    result_key,
)
from pipeline.errors import BackendFailure, BackendUnavailable
from pipeline.events import Cancelled, Event, is_terminal
from pipeline.request import GenerationRequest
from pipeline.time_limits import TimeLimits, time_limits
from pipeline.wire import Accepted, Heartbeat, event_from_dict, message_from_dict, request_to_dict

AVAILABLE_CACHE_S = 2.0
PING_TIMEOUT_S = 1.0


class CeleryBackend:
    name = local_spec.NAME  # to the router, the job runner and the recipes it is the local backend
    on_gpu_workers = True  # ``auto`` ranks it as a local backend on a GPU: the workers are the GPUs

    def __init__(
        self,
        broker_url: str,
        *,
        model: str,
        heartbeat_timeout_s: float = 30.0,
        start_timeout_s: float | None = None,
        poll_s: float = 0.1,
        limits: Callable[[GenerationRequest], TimeLimits] = time_limits,
        lora_dir: str | None = None,
        model_config: str | None = None,
    ):
        from pipeline.backends.local_diffusers import LocalDiffusersBackend

        if heartbeat_timeout_s <= 0:
            raise ValueError("heartbeat_timeout_s must be positive")
        self.broker_url = broker_url
        self.model = model
        self.heartbeat_timeout_s = heartbeat_timeout_s
        self.start_timeout_s = start_timeout_s
        self.poll_s = poll_s
        self.limits = limits  # how long a worker may spend on a job before Celery stops it
        # Workers beat several times per timeout, so one late beat is not taken for a dead worker.
        self.heartbeat_s = min(1.0, heartbeat_timeout_s / 4)
        # resolve() reads config files only, and the LoRA folder's listing: a prompt naming a LoRA
        # the workers lack is refused here, at once, with the names there are.
        self._validator = LocalDiffusersBackend(model, lora_dir=lora_dir, model_config=model_config)
        self._lock = threading.Lock()
        self._redis: Any = None
        self._ping: Any = None
        self._celery: Any = None
        self._available: tuple[float, tuple[bool, str]] | None = None

    # -- Backend protocol --------------------------------------------------------------

    def available(self) -> tuple[bool, str]:
        now = time.monotonic()
        cached = self._available
        if cached and now - cached[0] < AVAILABLE_CACHE_S:
            return cached[1]
        result = self._check()
        self._available = (time.monotonic(), result)
        return result

    def model_name(self, request: GenerationRequest | None = None) -> str:
        return self._validator.public_name  # a name or hub id for the records, never a local path

    @property
    def on_disk(self) -> bool:
        return self._validator.on_disk

    def resolve(self, request: GenerationRequest) -> GenerationRequest:
        return self._validator.resolve(request)

    def tokenizer(self) -> Any:
        return None  # the model lives on the workers

    def generate(self, request: GenerationRequest, cancel: threading.Event) -> Iterator[Event]:
        import redis

        req = self.resolve(request)
        if cancel.is_set():
            yield Cancelled()
            return
        task_id = uuid.uuid4().hex
        client = self._client()
        pubsub = client.pubsub(ignore_subscribe_messages=True)
        try:
            # Subscribed before the task is sent: no event can be published before we listen.
            pubsub.subscribe(events_channel(task_id))
        except redis.RedisError as exc:
            pubsub.close()
            raise BackendUnavailable(self._unreachable(exc)) from None
        try:
            limits = self.limits(req)
            try:
                self._app().send_task(
                    TASK_NAME,
                    args=[{"request": request_to_dict(req), "heartbeat_s": self.heartbeat_s}],
                    task_id=task_id,
                    retry=False,
                    soft_time_limit=limits.soft_s,
                    time_limit=limits.hard_s,
                )
            except Exception as exc:  # kombu/redis connection errors: nothing was queued
                raise BackendUnavailable(self._unreachable(exc)) from None
            yield from self._relay(client, pubsub, task_id, cancel)
        finally:
            try:
                pubsub.close()
            except Exception:
                pass

    # -- relaying ------------------------------------------------------------------------

    def _relay(self, client: Any, pubsub: Any, task_id: str, cancel: threading.Event) -> Iterator[Event]:
        import redis

        sent = last_seen = time.monotonic()
        accepted = False
        while True:
            if cancel.is_set():
                self._signal_cancel(task_id, started=accepted)
                yield Cancelled()
                return
            try:
                message = pubsub.get_message(timeout=self.poll_s)
            except (redis.RedisError, OSError) as exc:
                raise BackendFailure(self._lost(exc)) from None
            now = time.monotonic()
            if message is None or message.get("type") != "message":
                if accepted and now - last_seen > self.heartbeat_timeout_s:
                    stored = self._stored_result(client, task_id)
                    if stored is not None:  # it finished while its message went astray
                        yield stored
                        return
                    raise BackendFailure(
                        f"The worker generating this image stopped (no sign of life for "
                        f"{now - last_seen:.0f} s): it may have crashed, lost its GPU or been shut down. "
                        "Try again; if it keeps happening, check that worker's log."
                    )
                if not accepted and self.start_timeout_s is not None and now - sent > self.start_timeout_s:
                    self._signal_cancel(task_id, started=False)  # a worker that starts later skips it
                    raise BackendUnavailable(self._nobody_took_it(client))
                continue
            last_seen = now
            try:
                event = message_from_dict(json.loads(message["data"]))
                if isinstance(event, (Accepted, Heartbeat)):
                    accepted = True
                    continue
            except (ValueError, KeyError, TypeError):
                raise BackendFailure(
                    "The image worker sent something this app cannot read (the app and the workers may be "
                    "different versions). Update both, then try again."
                ) from None
            accepted = True
            if is_terminal(event):
                self._forget(client, task_id)
            yield event
            if is_terminal(event):
                return

    def _stored_result(self, client: Any, task_id: str) -> Event | None:
        import redis

        try:
            body = client.get(result_key(task_id))
        except (redis.RedisError, OSError) as exc:
            raise BackendFailure(self._lost(exc)) from None
        if not body:
            return None
        self._forget(client, task_id)
        return event_from_dict(json.loads(body))

    def _signal_cancel(self, task_id: str, *, started: bool) -> None:
        """Best effort: the worker polls the key; a task not yet taken is also revoked."""
        try:
            self._client().set(cancel_key(task_id), "1", ex=CANCEL_TTL_S)
            if not started:
                self._app().control.revoke(task_id)
        except Exception:
            pass  # the broker is away: nothing runs that could be told

    def _forget(self, client: Any, task_id: str) -> None:
        try:
            client.delete(result_key(task_id), cancel_key(task_id))
        except Exception:
            pass

    # -- the broker ----------------------------------------------------------------------

    def _client(self) -> Any:
        with self._lock:
            if self._redis is None:
                import redis

                self._redis = redis.Redis.from_url(self.broker_url, socket_connect_timeout=3, socket_timeout=10)
            return self._redis

    def _app(self) -> Any:
        with self._lock:
            if self._celery is None:
                self._celery = make_celery(self.broker_url, store_results=False)
            return self._celery

    def _check(self) -> tuple[bool, str]:
        import redis

        if self._ping is None:
            # Short timeouts of its own: the settings page must not hang on a dead broker.
            self._ping = redis.Redis.from_url(self.broker_url, socket_connect_timeout=PING_TIMEOUT_S,
                                              socket_timeout=PING_TIMEOUT_S, retry_on_timeout=False)
        try:
            self._ping.ping()
            workers = self._workers(self._ping)
        except (redis.RedisError, OSError) as exc:
            return False, self._unreachable(exc)
        if not workers:
            return True, f"the job broker answers, but no worker is connected yet: start one with `{self._command()}`"
        models = sorted({w.get("model", "?") for w in workers})
        return True, f"{len(workers)} worker(s) connected, running {', '.join(models)}"

    def _workers(self, client: Any) -> list[dict]:
        keys = list(client.scan_iter(match=f"{PREFIX}worker:*", count=100))
        values = client.mget(keys) if keys else []
        out = []
        for value in values:
            try:
                out.append(json.loads(value))
            except (TypeError, ValueError):
                continue
        return out

    # -- messages ------------------------------------------------------------------------

    def _where(self) -> str:
        return redact_url(self.broker_url) or ""

    def _command(self) -> str:
        return WORKER_COMMAND.format(broker=self._where(), model=self.model)

    def _unreachable(self, exc: BaseException) -> str:
        return (
            f"The job broker at {self._where()} does not answer ({_short(exc, self.broker_url)}). "
            "Start Redis there, or fix --broker / IMAGECHAT_BROKER."
        )

    def _lost(self, exc: BaseException) -> str:
        return (
            f"Lost the connection to the job broker at {self._where()} while this image was being made "
            f"({_short(exc, self.broker_url)}), so the image is lost. Check that Redis is running, then try again."
        )

    def _nobody_took_it(self, client: Any) -> str:
        try:
            count = len(self._workers(client))
        except Exception:
            count = 0
        if count:
            why = f"all {count} connected worker(s) stayed busy"
        else:
            why = "no image worker is running"
        return (
            f"No worker picked up this image within {self.start_timeout_s:g} s: {why}. "
            f"Start one on a GPU machine with `{self._command()}`, then try again."
        )


def _short(exc: BaseException, url: str) -> str:
    """A one-line reason with any password from the URL removed."""
    from urllib.parse import urlsplit

    text = " ".join(str(exc).split())[:160] or exc.__class__.__name__
    password = urlsplit(url).password
    return text.replace(password, "***") if password else text
