"""Polling a task over the HTTP API until it ends (or until a condition holds), bounded only by the
tests' generous patience: the one helper the API tests share instead of each writing its own loop."""

from __future__ import annotations

import time
from typing import Callable

from storage.records import TERMINAL_STATUSES
from tests.patience import PATIENCE_S

TERMINAL = frozenset(TERMINAL_STATUSES)


def wait_for_task(client, task_id: str, until: Callable[[dict], bool] = lambda t: t["status"] in TERMINAL,
                  timeout: float = PATIENCE_S) -> dict:
    """``GET /api/tasks/{id}`` until ``until(task)``; the task as last read."""
    deadline = time.monotonic() + timeout
    while True:
        r = client.get(f"/api/tasks/{task_id}")
        assert r.status_code == 200, r.text
        task = r.json()
        if until(task):
            return task
        assert time.monotonic() < deadline, f"task {task_id} still {task['status']} after {timeout} s"
        time.sleep(0.05)
