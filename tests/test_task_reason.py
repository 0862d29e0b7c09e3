"""A failed task's reason is a column of its own: written when the job fails, answered by the task's
poll and its event stream while the job runner still holds it, and from the store after a restart.
Real parts: the app built in-process over a DuckDB file, the ``openai`` SDK against the loopback
server refusing the prompt, the job runner and its recorder."""

from __future__ import annotations

import json

import httpx
import pytest

from tests.inprocess import InProcessApp
from tests.task_polling import wait_for_task



def _app(tmp_path, fake_openai) -> InProcessApp:
    env = {"OPENAI_API_KEY": "sk-test-SECRET123", "OPENAI_BASE_URL": fake_openai.base_url}
    args = ["--backend", "openai", "--openai-model", "dall-e-3", "--db", str(tmp_path / "reason.duckdb"),
            "--rate-limit", "0"]
    return InProcessApp(tmp_path, args=args, env=env)


def _events(client: httpx.Client, task_id: str) -> list[dict]:
    with client.stream("GET", f"/api/tasks/{task_id}/events") as r:
        assert r.status_code == 200, r.read()
        return [json.loads(line[5:]) for line in r.iter_lines() if line.startswith("data:")]


def test_a_refused_prompt_keeps_its_reason_in_the_row_the_poll_and_after_a_restart(tmp_path, fake_openai):
    fake_openai.queue("images", "content_policy")
    with _app(tmp_path, fake_openai) as app, app.client() as http:
        accepted = http.post("/api/generate", json={"prompt": "a lighthouse at dusk"})
        assert accepted.status_code == 202, accepted.text
        task_id = accepted.json()["task_id"]
        live = wait_for_task(http, task_id)
        assert (live["status"], live["reason"]) == ("failed", "content_policy")
        assert live["error"] and "content_policy" not in live["error"]  # the message is for people
        row = app.services.store.get_task(task_id)
        assert (row.status, row.reason, row.error) == ("failed", "content_policy", live["error"])
        ok = http.post("/api/generate", json={"prompt": "a lighthouse at noon"}).json()["task_id"]
        done = wait_for_task(http, ok)
        assert (done["status"], done["reason"], done["error"]) == ("succeeded", None, None)

    # A new process: the job runner knows nothing of the task; the poll and the stream answer from the row.
    with _app(tmp_path, fake_openai) as app, app.client() as http:
        assert app.services.jobs.snapshot(task_id) is None
        recorded = http.get(f"/api/tasks/{task_id}").json()
        assert (recorded["status"], recorded["reason"], recorded["error"]) == ("failed", "content_policy",
                                                                              live["error"])
        (event,) = _events(http, task_id)
        assert (event["type"], event["reason"], event["error"]) == ("failed", "content_policy", live["error"])
        assert http.get(f"/api/tasks/{ok}").json()["reason"] is None


@pytest.mark.parametrize("scenario, reason", [("malformed", "backend_error"), ("auth", "auth")])
def test_other_failures_record_their_own_reason(tmp_path, fake_openai, scenario, reason):
    fake_openai.queue("images", scenario)
    with _app(tmp_path, fake_openai) as app, app.client() as http:
        task_id = http.post("/api/generate", json={"prompt": "a paper boat"}).json()["task_id"]
        task = wait_for_task(http, task_id)
        assert task["status"] == "failed" and task["reason"] == app.services.store.get_task(task_id).reason
        assert task["reason"] == reason
