"""A job's events for asyncio subscribers: no thread per viewer.

The job runner publishes from its worker threads; each event reaches an event loop through one
``loop.call_soon_threadsafe`` per loop (not per subscriber), which puts it in every subscriber's
inbox on that loop. A subscriber waits on its inbox with ``asyncio.wait_for``, so a heartbeat is a
timeout, not a thread waking up. Inboxes are bounded: a slow viewer loses superseded events (a
queue position, a step, a preview: each later one says more), never ``Started`` or the end; a
latest-only viewer (a view that draws the newest frame) keeps just the newest event.
"""

from __future__ import annotations

import asyncio
import threading
import weakref
from collections import deque
from typing import AsyncIterator

from pipeline.events import Event, Loading, Progress, Queued, is_terminal

# Events whose news a later event of the job carries as well (their figures are absolute: a
# position, a step of a total), so a viewer that falls behind can skip them.
SUPERSEDED = (Queued, Loading, Progress)
# Waiting events per full-history subscriber before superseded ones are dropped: more than one run's
# steps (150 at most), so a viewer that keeps up at all sees every step; and a bound on the memory a
# stalled viewer holds (previews, a few KiB each, come only a few times a second).
INBOX_SIZE = 256


class Inbox:
    """One subscriber's waiting events; touched only on its event loop's thread."""

    def __init__(self, *, latest_only: bool, size: int = INBOX_SIZE):
        self.latest_only = latest_only
        self.size = max(1, size)
        self.items: deque[Event] = deque()
        self.dropped = 0  # superseded events this subscriber never saw (it fell behind)
        self._ready = asyncio.Event()

    def put(self, event: Event) -> None:
        if self.latest_only:  # the newest state is all it wants (nothing follows an end to replace it)
            self.dropped += len(self.items)
            self.items.clear()
        self.items.append(event)
        while len(self.items) > self.size and self._drop_one():
            pass
        self._ready.set()

    def _drop_one(self) -> bool:
        """Drop the oldest superseded waiting event (never the newest one); False if none."""
        for i in range(len(self.items) - 1):
            if isinstance(self.items[i], SUPERSEDED):
                del self.items[i]
                self.dropped += 1
                return True
        return False

    async def get(self, timeout: float | None) -> Event | None:
        """The next event; None when ``timeout`` seconds pass without one (a heartbeat)."""
        if not self.items:
            self._ready.clear()
            try:
                await asyncio.wait_for(self._ready.wait(), timeout)
            except TimeoutError:
                return None
        # Taken only after the wait returned, so a timeout or a cancel never loses an event.
        return self.items.popleft()


def _deliver(inboxes: tuple[Inbox, ...], event: Event) -> None:
    for inbox in inboxes:
        inbox.put(event)


class Feed:
    """The subscribers of one job, by event loop. Thread-safe; the job publishes under its own lock,
    so the events of one job reach each loop in the order they happened."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._by_loop: dict[asyncio.AbstractEventLoop, set[Inbox]] = {}

    def attach(self, inbox: Inbox, loop: asyncio.AbstractEventLoop) -> None:
        with self._lock:
            self._by_loop.setdefault(loop, set()).add(inbox)

    def detach(self, inbox: Inbox) -> None:
        with self._lock:
            for loop, inboxes in list(self._by_loop.items()):
                inboxes.discard(inbox)
                if not inboxes:
                    del self._by_loop[loop]

    @property
    def count(self) -> int:
        with self._lock:
            return sum(len(inboxes) for inboxes in self._by_loop.values())

    def publish(self, event: Event) -> None:
        """Hand ``event`` to every subscriber attached now (one later attached starts from it)."""
        with self._lock:
            targets = [(loop, tuple(inboxes)) for loop, inboxes in self._by_loop.items()]
            if is_terminal(event):  # nothing follows the end: the subscribers need not be kept
                self._by_loop.clear()
        for loop, inboxes in targets:
            try:
                loop.call_soon_threadsafe(_deliver, inboxes, event)
            except RuntimeError:  # that loop has closed (its server stopped): nobody there to tell
                with self._lock:
                    self._by_loop.pop(loop, None)


class Subscription(AsyncIterator["Event | None"]):
    """A job's events as an async iterator: the state it was in when subscribed (where it had
    any), each later event, ``None`` after each quiet ``heartbeat_s``, ending after the terminal
    event. Close it (``aclose`` or ``async with``) when leaving early; it is detached then."""

    def __init__(self, feed: Feed, inbox: Inbox, heartbeat_s: float | None):
        self._feed = feed
        self._inbox = inbox
        self._heartbeat = heartbeat_s
        self._ended = False
        # A subscription dropped without being closed still lets go of its inbox.
        self._finalizer = weakref.finalize(self, feed.detach, inbox)

    @property
    def dropped(self) -> int:
        """Superseded events skipped because this subscriber fell behind."""
        return self._inbox.dropped

    def __aiter__(self) -> "Subscription":
        return self

    async def __anext__(self) -> Event | None:
        if self._ended:
            raise StopAsyncIteration
        event = await self._inbox.get(self._heartbeat)
        if event is not None and is_terminal(event):
            self._ended = True
            self._finalizer()
        return event

    async def aclose(self) -> None:
        self._ended = True
        self._finalizer()

    async def __aenter__(self) -> "Subscription":
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.aclose()
