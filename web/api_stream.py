"""A task's events for SSE and WebSocket clients, as JSON-safe dicts.

Each stream is an asyncio subscription to the job (``JobRunner.subscribe``): a viewer costs no
thread, however many watch. A stream says the status its events fold to (``task_state.apply``, as
polling's state is their ``fold``). A task the runner no longer holds is answered from the store.
"""

from __future__ import annotations

import asyncio
import weakref
from typing import AsyncIterator, Callable, TypeVar

import anyio
from anyio.to_thread import run_sync

from pipeline.jobs import JobRunner
from pipeline.events import EVENTS, Cancelled, Event, Failed, Finished, Interrupted
from pipeline.task_state import TaskState, apply
from pipeline.wire import event_to_dict
from storage import Store, TaskRecord

# How often a quiet stream yields None, so its caller can check its client is still there. A
# departure normally ends a stream at once (its task is cancelled); this is for servers that only
# tell when asked.
HEARTBEAT_S = 5.0
# Store reads for opening streams share this many threads: a crowd arriving at once to watch one
# task queues here, instead of adding a thread of the shared pool per viewer.
LOOKUP_THREADS = 2

# per event loop: a limiter belongs to the loop it was first used on
_lookups: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, anyio.CapacityLimiter] = weakref.WeakKeyDictionary()
T = TypeVar("T")


async def lookup(fn: Callable[..., T], *args: object) -> T:
    """``fn(*args)`` (a store read) on a thread, at most LOOKUP_THREADS at once per event loop."""
    loop = asyncio.get_running_loop()
    limiter = _lookups.get(loop)
    if limiter is None:
        limiter = _lookups[loop] = anyio.CapacityLimiter(LOOKUP_THREADS)
    return await run_sync(fn, *args, limiter=limiter)


async def task_events(jobs: JobRunner, store: Store, task_id: str, *, previews: bool = False,
                      heartbeat_s: float = HEARTBEAT_S) -> AsyncIterator[dict | None]:
    """The current state, then each later event, ending with the terminal one; ``None`` at
    heartbeats so the caller can check its client is still there."""
    try:
        subscription = jobs.subscribe(task_id, heartbeat_s=heartbeat_s)
    except KeyError:  # the runner no longer (or never) held it: its end is in the store
        record = await lookup(store.get_task, task_id)
        if record is not None:
            yield wire_event(terminal_from_record(record), task_id, previews=False)
        return
    state = TaskState()
    async with subscription:
        async for event in subscription:
            if event is None:
                yield None
                continue
            state = apply(state, event)
            yield wire_event(event, task_id, previews=previews, status=state.status)


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


def wire_event(event: Event, task_id: str, *, previews: bool, status: str | None = None) -> dict:
    """One SSE / WebSocket message: the event's JSON, the task's status after it (``status``: as
    folded by the caller; by default the event's own) and the task's id."""
    return {**event_to_dict(event, include_preview=previews), "status": status or event.status,
            "task_id": task_id}
