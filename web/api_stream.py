"""A task's events for SSE and WebSocket clients, as JSON-safe dicts.

``JobRunner.events`` blocks, so it is read by one daemon thread per subscriber and handed to the
event loop. The thread wakes at every heartbeat; when the subscriber is gone it sees the stop flag
and ends, so a client that disconnects leaves nothing behind for more than a heartbeat.
"""

from __future__ import annotations

import asyncio
import threading
from contextlib import aclosing
from typing import Any, AsyncIterator

from pipeline.jobs import JobRunner
from pipeline.events import EVENTS, Cancelled, Event, Failed, Finished, Interrupted
from pipeline.task_state import TaskState
from pipeline.wire import event_to_dict
from storage import Store, TaskRecord

HEARTBEAT_S = 0.5  # how soon a departed subscriber's thread notices; also the disconnect check

_END = object()
_UNKNOWN = object()  # the runner no longer (or never) held the job: answer from the store


async def _relay(jobs: JobRunner, task_id: str, heartbeat_s: float) -> AsyncIterator[Any]:
    """Events of a live job, ``None`` at each quiet heartbeat, or ``_UNKNOWN`` once."""
    loop = asyncio.get_running_loop()
    queue: asyncio.Queue = asyncio.Queue()
    stop = threading.Event()

    def put(item: Any) -> None:
        try:
            loop.call_soon_threadsafe(queue.put_nowait, item)
        except RuntimeError:  # the loop has closed (the server is stopping)
            stop.set()

    def pump() -> None:
        try:
            for event in jobs.events(task_id, heartbeat_s=heartbeat_s):
                if stop.is_set():
                    return
                put(event)
        except KeyError:
            put(_UNKNOWN)
        finally:
            put(_END)

    threading.Thread(target=pump, name=f"api-events-{task_id[:8]}", daemon=True).start()
    try:
        while True:
            item = await queue.get()
            if item is _END:
                return
            yield item
    finally:
        stop.set()


async def task_events(jobs: JobRunner, store: Store, task_id: str, *, previews: bool = False,
                      heartbeat_s: float = HEARTBEAT_S) -> AsyncIterator[dict | None]:
    """The current state, then each later event, ending with the terminal one; ``None`` at
    heartbeats so the caller can check its client is still there."""
    async with aclosing(_relay(jobs, task_id, heartbeat_s)) as items:
        async for item in items:
            if item is None:
                yield None
            elif item is _UNKNOWN:
                record = await asyncio.to_thread(store.get_task, task_id)
                if record is not None:
                    yield wire_event(terminal_from_record(record), task_id, previews=False)
                return
            else:
                yield wire_event(item, task_id, previews=previews)


NOT_HERE = "This task is not running on this server."


def terminal_from_record(record: TaskRecord) -> Event:
    """A finished task's last event, rebuilt from its stored record (the runner forgets old jobs
    and a restart empties it). ``Interrupted`` is the one end only the store knows: the server
    stopped while the task was queued or running."""
    status = record.status
    if status == Finished.status:
        return Finished(image_id=record.image_id)  # the image itself is in the store, by id
    if status == Failed.status:  # "failed": a task recorded before the reason had a column of its own
        return Failed(record.reason or "failed", record.error or "This image could not be made.")
    if status == Cancelled.status:
        return Cancelled()
    if status == Interrupted.status:
        return Interrupted(record.error)
    # queued/running yet unknown to this process's runner: it cannot progress here any more
    return Interrupted(NOT_HERE)


def recorded_state(record: TaskRecord) -> TaskState:
    """A task's state from its stored record alone (the runner no longer holds it)."""
    return TaskState(status=record.status, step=record.step or 0, total=record.total, image_id=record.image_id,
                     reason=record.reason, error=record.error)


SCHEMA_PREFIX = "TaskEvent"  # component names: TaskEvent (any message), TaskEventProgress, ...


def event_schemas() -> dict[str, dict]:
    """OpenAPI components for the SSE and WebSocket messages: ``TaskEvent`` is one of the events,
    told apart by ``type``, each with the ``status`` it stands for and the ``task_id``."""
    schema = EVENTS.json_schema(ref_template=f"#/components/schemas/{SCHEMA_PREFIX}{{model}}", mode="serialization")
    out = {}
    for name, part in schema.pop("$defs").items():
        properties = part.setdefault("properties", {})
        properties["status"] = {"type": "string", "description": "The task's status after this event."}
        properties["task_id"] = {"type": "string"}
        part["required"] = sorted({*part.get("required", ()), "type", "status", "task_id"})
        out[SCHEMA_PREFIX + name] = part
    out[SCHEMA_PREFIX] = {**schema, "description": "One message of a task's event stream."}
    return out


def wire_event(event: Event, task_id: str, *, previews: bool) -> dict:
    """One SSE / WebSocket message: the event's JSON, the status it stands for and the task's id."""
    return {**event_to_dict(event, include_preview=previews), "status": event.status, "task_id": task_id}
