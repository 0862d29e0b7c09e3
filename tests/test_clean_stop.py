"""Stopping the real app process while a picture forms: Ctrl-C or SIGTERM ends it cleanly.

The picture being made is stopped at its next step and recorded as interrupted, with a chat message
that offers Retry (as after a crash); the database is closed; the process exits 0. Before, the exit
aborted in a native library's teardown ("terminate called without an active exception").
"""

import signal

import httpx
import pytest

from storage import Store
from tests.apprunner import AppProcess
from tests.patience import PATIENCE_S

pytestmark = pytest.mark.slow


def _wait_running(app: AppProcess, conversation: str) -> str:
    """Post a long picture to a conversation and return its task id once it is denoising."""
    body = {"text": "a lighthouse on a cliff at dusk", "backend": "local", "steps": 150, "width": 128, "height": 128}
    answer = httpx.post(f"{app.url}/api/conversations/{conversation}/messages", json=body, timeout=PATIENCE_S)
    assert answer.status_code == 200, answer.text
    task = answer.json()["tasks"][0]["task_id"]
    # The event stream says when the first step is done: the run is inside the pipeline then.
    with httpx.stream("GET", f"{app.url}/api/tasks/{task}/events", timeout=PATIENCE_S) as events:
        for line in events.iter_lines():
            if line.startswith("data:") and '"type": "progress"' in line:
                break
    return task


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_stopping_mid_picture_exits_0_and_records_it_interrupted(tmp_path, tiny_model_dir, sig):
    db = tmp_path / "stop.duckdb"
    app = AppProcess(tmp_path, args=["--model", str(tiny_model_dir), "--db", str(db), "--backend", "local"]).start()
    try:
        conversation = httpx.post(f"{app.url}/api/conversations", json={}, timeout=PATIENCE_S).json()["conversation_id"]
        task = _wait_running(app, conversation)
        app.proc.send_signal(sig)
        returncode = app.proc.wait(timeout=PATIENCE_S)
    finally:
        app.stop()
    log = app.log()
    assert "terminate called" not in log and "Fatal Python error" not in log, log[-2000:]
    assert returncode == 0, log[-2000:]
    with Store(db) as store:  # opens: the file was closed cleanly and is not locked
        assert store.get_task(task).status == "interrupted"
        last = store.messages(conversation)[-1]
        assert last.task_id == task and last.meta.get("status") == "interrupted"
        assert "stopped before this picture was finished" in last.content
