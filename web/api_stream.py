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
                    yield {**terminal_from_record(record), "task_id": task_id}
                return
            else:
                yield {**event_to_dict(item, include_preview=previews), "task_id": task_id}


def terminal_from_record(record: TaskRecord) -> dict:
    """A finished task's last event, rebuilt from its stored record (the runner forgets old jobs
    and a restart empties it). ``interrupted`` is the one state only the store knows: the server
    stopped while the task was queued or running."""
    status = record.status
    if status == "succeeded":
        return {"type": "finished", "image_id": record.image_id}
    if status == "failed":
        return {"type": "failed", "reason": "failed", "error": record.error}
    if status == "cancelled":
        return {"type": "cancelled"}
    if status == "interrupted":
        return {"type": "interrupted", "error": record.error}
    # queued/running yet unknown to this process's runner: it cannot progress here any more
    return {"type": "interrupted", "error": "This task is not running on this server."}
