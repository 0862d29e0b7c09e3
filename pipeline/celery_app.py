"""The Celery app of imagechat's GPU workers, and the names both sides of the broker agree on.

Celery's own tools address it as ``pipeline.celery_app``, configured from the environment
(``IMAGECHAT_BROKER``, or Celery's ``CELERY_BROKER_URL`` / ``-b``)::

    IMAGECHAT_BROKER=redis://HOST:6379/0 celery -A pipeline.celery_app inspect ping
    IMAGECHAT_BROKER=redis://HOST:6379/0 celery -A pipeline.celery_app events

Workers send task events, so ``celery events`` and Flower show each job with its real outcome:
``SUCCESS`` (the image was made), ``FAILURE`` (with the reason), ``REVOKED`` (cancelled). Results
go to the same Redis and expire. Progress does not travel through Celery: see ``pipeline.worker``.
"""

from __future__ import annotations

import os

from celery import Celery

TASK_NAME = "imagechat.generate"
QUEUE = "imagechat"
PREFIX = "imagechat:"
RESULT_EXPIRES_S = 3600  # Celery's record of a job: long enough to look at in a monitor, then gone
WORKER_TASK_MODULE = "pipeline.worker_task"
CANCEL_TTL_S = 3600  # a cancel request outlives any job it may be for
WORKER_COMMAND = "python -m pipeline.worker --broker {broker} --model {model}"  # what starts a worker


def events_channel(task_id: str) -> str:
    return f"{PREFIX}task:{task_id}:events"


def cancel_key(task_id: str) -> str:
    return f"{PREFIX}task:{task_id}:cancel"


def result_key(task_id: str) -> str:
    return f"{PREFIX}task:{task_id}:result"


def worker_key(name: str) -> str:
    return f"{PREFIX}worker:{name}"


class JobFailed(Exception):
    """A job that ended without an image; its message (``reason: what the person was told``) is
    what Celery records as the FAILURE's reason and monitors show."""


def configure(app: Celery, broker_url: str | None, *, store_results: bool = True) -> Celery:
    app.conf.update(
        broker_url=broker_url,
        # The app never reads Celery's results (events come by pub/sub); a result backend there
        # would only subscribe to each task's result channel and never drain it.
        result_backend=broker_url if store_results else None,
        result_expires=RESULT_EXPIRES_S,
        task_default_queue=QUEUE,
        task_serializer="json",
        result_serializer="json",
        accept_content=["json"],
        # Events for monitors (celery events, Flower): sent when queued, taken, started, ended.
        worker_send_task_events=True,
        task_send_sent_event=True,
        task_track_started=True,
        # Acked when a worker takes it: a job whose worker dies is reported failed, never silently
        # rerun an hour later (Redis' visibility timeout) after the person has been told.
        task_acks_late=False,
        # A busy worker must not hold a second job that an idle worker could run now.
        worker_prefetch_multiplier=1,
        worker_disable_prefetch=True,
        # Each pool process loads the model before it says it is up (minutes for a first download).
        worker_proc_alive_timeout=3600,
        broker_connection_retry_on_startup=True,
        broker_connection_timeout=3,
        worker_hijack_root_logger=False,
    )
    return app


def make_celery(broker_url: str | None, *, store_results: bool = True) -> Celery:
    app = Celery("imagechat", set_as_current=False, include=[WORKER_TASK_MODULE] if store_results else [])
    return configure(app, broker_url, store_results=store_results)


def _broker_from_env() -> str | None:
    return os.environ.get("IMAGECHAT_BROKER") or os.environ.get("CELERY_BROKER_URL") or None


# The worker's app; `python -m pipeline.worker --broker URL` points it at URL before starting.
app = make_celery(_broker_from_env())
