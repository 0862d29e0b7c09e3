"""Celery's own event receiver, as a monitor (``celery events``, Flower) sees the workers."""

from __future__ import annotations

import threading
import time

from celery.events.state import State, Task

from pipeline.celery_app import TASK_NAME, make_celery
from tests.patience import PATIENCE_S


class EventMonitor:
    """``with EventMonitor(url) as m:`` -- every task event from then on, folded by Celery's ``State``."""

    def __init__(self, broker_url: str):
        self.app = make_celery(broker_url, store_results=False)
        self.state = State()
        self._lock = threading.Lock()
        self._changed = threading.Condition(self._lock)
        self._connection = self.app.connection_for_read()
        self._receiver = self.app.events.Receiver(self._connection, handlers={"*": self._on_event})
        self._thread = threading.Thread(target=self._receiver.capture, kwargs={"limit": None, "timeout": None},
                                        name="celery-events", daemon=True)

    def __enter__(self) -> "EventMonitor":
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._receiver.should_stop = True
        self._thread.join(10)
        self._connection.release()

    def _on_event(self, event: dict) -> None:
        with self._changed:
            self.state.event(event)
            self._changed.notify_all()

    def wait_for(self, what, timeout: float = PATIENCE_S):
        """The first truthy ``what(state)``, waiting for events (a generous outer timeout)."""
        deadline = time.monotonic() + timeout
        with self._changed:
            while True:
                found = what(self.state)
                if found:
                    return found
                left = deadline - time.monotonic()
                assert left > 0, f"no such event in {timeout:g} s; tasks seen: {self.summary()}"
                self._changed.wait(min(left, 1.0))

    def wait_for_worker(self, node: str, timeout: float = PATIENCE_S) -> None:
        """Once a worker's heartbeat arrives, this monitor is listening."""
        self.wait_for(lambda s: node in s.workers and s.workers[node].alive, timeout)

    def task(self, prompt: str, *, where=lambda task: task.ready, timeout: float = PATIENCE_S) -> Task:
        """The job whose request carries ``prompt``, once ``where(task)`` (by default: it has its
        final state)."""

        def find(state: State) -> Task | None:
            for task in state.tasks.values():
                if task.name == TASK_NAME and f"'prompt': '{prompt}'" in (task.args or "") and where(task):
                    return task
            return None

        return self.wait_for(find, timeout)

    def summary(self) -> list[tuple[str, str]]:
        return [(t.uuid, t.state) for t in self.state.tasks.values()]
