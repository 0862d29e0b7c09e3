"""Scale-out with real parts: a redis-server on loopback, Celery workers as separate processes
(``python -m pipeline.worker`` on the tiny pipeline), and the job runner with a DuckDB file here.

Redis databases keep the scenarios apart: db 0 has the shared workers, the others one each.
"""

from __future__ import annotations

import io
import json
import os
import re
import signal
import subprocess
import sys
import threading
import time

import httpx
import pytest
import redis
from PIL import Image

from pipeline.backends.celery_remote import CeleryBackend
from pipeline.celery_app import RESULT_EXPIRES_S, make_celery
from pipeline.errors import BackendUnavailable
from pipeline.events import Cancelled, Failed, Finished, Progress, Started
from pipeline.jobs import JobRunner
from pipeline.request import GenerationRequest
from pipeline.router import Router
from pipeline.time_limits import TimeLimits
from storage import Store
from tests.apprunner import ROOT, AppProcess, free_port
from tests.celery_monitor import EventMonitor
from tests.patience import PATIENCE_S
from tests.redis_server import RedisServer
from tests.worker_process import WorkerProcess

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def broker(tmp_path_factory):
    with RedisServer(tmp_path_factory.mktemp("redis")) as server:
        yield server


@pytest.fixture(scope="module")
def worker_a(broker, tiny_model_dir, tmp_path_factory):
    worker = WorkerProcess(tmp_path_factory.mktemp("workers"), broker.url(0), str(tiny_model_dir), "w-a").start()
    try:
        yield worker.wait_ready()
    finally:
        worker.stop()


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "scaleout.duckdb") as s:
        yield s


@pytest.fixture
def make_runner(store, tiny_model_dir):
    runners = []

    def make(url: str, *, lanes: int = 1, model: str | None = None, **backend_kw) -> JobRunner:
        backend = CeleryBackend(url, model=model or str(tiny_model_dir), **backend_kw)
        runner = JobRunner(Router({"local": backend}, default="local", gpu_available=lambda: True), store,
                           lanes={"local": lanes})
        runners.append(runner)
        return runner

    yield make
    for runner in runners:
        runner.close()


def req(**kw) -> GenerationRequest:
    base = dict(prompt="a red cube", prompt_typed="a red cube", steps=4, seed=7)
    base.update(kw)
    return GenerationRequest(**base)


def collect(runner: JobRunner, job_id: str, timeout: float = PATIENCE_S) -> list:
    out = []
    deadline = time.monotonic() + timeout
    for event in runner.events(job_id):
        out.append(event)
        assert time.monotonic() < deadline, "job took too long"
    return out


def first_progress(runner: JobRunner, job_id: str, at_least: int = 2) -> None:
    for event in runner.events(job_id):
        if isinstance(event, Progress) and event.step >= at_least:
            return
        assert not isinstance(event, (Finished, Failed, Cancelled)), event
    raise AssertionError("the job ended without progress")


def test_one_image_end_to_end_matches_the_in_process_backend(broker, worker_a, make_runner, store, tiny_local):
    runner = make_runner(broker.url(0), heartbeat_timeout_s=PATIENCE_S)
    job = runner.submit(req(steps=5, seed=11))
    events = collect(runner, job)
    assert sum(isinstance(e, Started) for e in events) == 1
    assert [e.step for e in events if isinstance(e, Progress)] == [1, 2, 3, 4, 5]
    done = events[-1]
    assert isinstance(done, Finished) and done.image_id
    assert done.image.extra["worker"] == "w-a" and done.image.seed == 11
    # stored by this process, from the bytes the worker sent
    data, mime = store.image_bytes(done.image_id)
    assert mime == "image/png" and data.startswith(b"\x89PNG")
    assert done.image.png == b""  # the runner keeps the id and recipe; the bytes are in the store
    assert store.get_task(job).status == "succeeded"
    assert store.image_record(done.image_id).extra["worker"] == "w-a"
    # determinism across the wire: the same seed in this process gives the same bytes
    local = list(tiny_local.generate(tiny_local.resolve(req(steps=5, seed=11)), threading.Event()))
    assert local[-1].image.png == data


def test_cancel_while_running_stores_nothing_and_frees_the_worker(broker, worker_a, make_runner, store):
    runner = make_runner(broker.url(0), heartbeat_timeout_s=PATIENCE_S)
    job = runner.submit(req(steps=150, seed=3))
    first_progress(runner, job)
    assert runner.cancel(job)
    assert isinstance(runner.wait(job, timeout=PATIENCE_S), Cancelled)
    task = store.get_task(job)
    assert task.status == "cancelled" and task.image_id is None and task.step < 150
    assert store.list_images() == []
    # the worker itself stopped (not just this process giving up) ...
    deadline = time.monotonic() + PATIENCE_S
    while "cancelled" not in worker_a.log() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert "cancelled" in worker_a.log()
    # ... and takes the next job
    assert isinstance(runner.wait(runner.submit(req(steps=2)), timeout=PATIENCE_S), Finished)


def test_heartbeats_keep_a_job_with_slow_steps_alive(broker, worker_a, tiny_model_dir):
    """Steps (and the VAE decode) slower than the heartbeat timeout: the worker's beats carry it."""
    listener = redis.Redis.from_url(broker.url(0)).pubsub(ignore_subscribe_messages=True)
    listener.psubscribe("imagechat:task:*:events")
    backend = CeleryBackend(broker.url(0), model=str(tiny_model_dir), heartbeat_timeout_s=0.6)
    events = list(backend.generate(req(steps=1, width=256, height=256), threading.Event()))
    assert isinstance(events[-1], Finished), events[-1]
    kinds = []
    deadline = time.monotonic() + PATIENCE_S  # all sent already: they wait in the subscription
    while "finished" not in kinds and time.monotonic() < deadline:
        message = listener.get_message(timeout=0.2)  # None also for the subscription's own reply
        if message is not None:
            kinds.append(json.loads(message["data"])["type"])
    listener.close()
    assert kinds[0] == "accepted" and kinds[-1] == "finished"
    assert kinds.count("heartbeat") >= 1


def test_two_workers_share_the_jobs(broker, worker_a, make_runner, tiny_model_dir, tmp_path):
    second = WorkerProcess(tmp_path, broker.url(0), str(tiny_model_dir), "w-b").start()
    try:
        second.wait_ready()
        runner = make_runner(broker.url(0), lanes=2, heartbeat_timeout_s=PATIENCE_S)
        jobs = [runner.submit(req(steps=10, seed=i)) for i in range(4)]
        done = [runner.wait(j, timeout=PATIENCE_S) for j in jobs]
        assert all(isinstance(d, Finished) for d in done), done
        assert {d.image.extra["worker"] for d in done} == {"w-a", "w-b"}
    finally:
        second.stop()


def test_a_killed_worker_fails_the_job_with_a_clear_message(broker, make_runner, tiny_model_dir, tmp_path, store):
    worker = WorkerProcess(tmp_path, broker.url(1), str(tiny_model_dir), "w-doomed").start()
    try:
        worker.wait_ready()
        runner = make_runner(broker.url(1), heartbeat_timeout_s=1.5)
        job = runner.submit(req(steps=150))
        first_progress(runner, job)
        worker.stop(signal.SIGKILL)
        killed = time.monotonic()
        end = runner.wait(job, timeout=PATIENCE_S)
        assert time.monotonic() - killed < 5  # the behaviour: found lost within a few 1.5 s heartbeat timeouts
        assert isinstance(end, Failed) and end.reason == "backend_error"
        assert "the worker generating this image stopped" in end.user_message.lower()
        assert store.get_task(job).status == "failed" and store.list_images() == []
    finally:
        worker.stop(signal.SIGKILL)


def test_no_worker_running_fails_with_how_to_start_one(broker, make_runner):
    runner = make_runner(broker.url(2), start_timeout_s=1.0)
    started = time.monotonic()
    end = runner.wait(runner.submit(req()), timeout=PATIENCE_S)
    assert time.monotonic() - started < 5  # the behaviour: given up soon after the 1 s start timeout
    assert isinstance(end, Failed)
    assert "no image worker is running" in end.user_message
    assert "python -m pipeline.worker --broker redis://127.0.0.1:" in end.user_message


def test_broker_going_away_mid_task_is_a_clear_failure(make_runner, tmp_path):
    with RedisServer(tmp_path) as lonely:  # no worker: the job waits in the broker ...
        runner = make_runner(lonely.url(0))
        job = runner.submit(req())
        time.sleep(0.5)
        deadline = time.monotonic() + PATIENCE_S
        while runner.snapshot(job).status != "running":
            assert time.monotonic() < deadline, runner.snapshot(job)
            time.sleep(0.05)
        lonely.stop()  # ... which then goes away
        end = runner.wait(job, timeout=PATIENCE_S)
    assert isinstance(end, Failed)
    assert "lost the connection to the job broker" in end.user_message.lower()


def test_unreachable_broker_is_unavailable_with_the_reason(tiny_model_dir, make_runner):
    port = free_port()  # nothing listens there
    backend = CeleryBackend(f"redis://:s3cret-pw@127.0.0.1:{port}/0", model=str(tiny_model_dir))
    started = time.monotonic()
    ok, why = backend.available()
    assert time.monotonic() - started < 3
    assert not ok
    assert f"127.0.0.1:{port}" in why and "Start Redis" in why
    assert "s3cret-pw" not in why
    runner = make_runner(f"redis://127.0.0.1:{port}/0")
    with pytest.raises(BackendUnavailable, match="does not answer"):
        runner.submit(req())


def test_available_reports_the_connected_workers(broker, worker_a, tiny_model_dir):
    ok, why = CeleryBackend(broker.url(0), model=str(tiny_model_dir)).available()
    assert ok and "1 worker(s) connected" in why
    ok, why = CeleryBackend(broker.url(5), model=str(tiny_model_dir)).available()
    assert ok and "no worker is connected" in why and "python -m pipeline.worker" in why


# ---------------------------------------------------------------------------- Celery's own tools


def test_celery_inspect_ping_answers_a_running_worker(broker, worker_a):
    env = {**os.environ, "IMAGECHAT_BROKER": broker.url(0)}
    done = subprocess.run(
        [sys.executable, "-m", "celery", "-A", "pipeline.celery_app", "inspect", "ping", "--json",
         "--destination", "celery@w-a", "--timeout", str(PATIENCE_S)],  # returns as soon as w-a answers
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=2 * PATIENCE_S)
    assert done.returncode == 0, done.stdout + done.stderr
    assert json.loads(done.stdout.strip().splitlines()[-1]) == {"celery@w-a": {"ok": "pong"}}


def test_monitors_see_each_job_with_its_real_outcome(broker, worker_a, make_runner, tiny_model_dir, tmp_path):
    """What ``celery events`` and Flower show: Celery's event receiver folded by its ``State``."""
    with EventMonitor(broker.url(0)) as monitor:
        monitor.wait_for_worker("celery@w-a")
        runner = make_runner(broker.url(0), heartbeat_timeout_s=PATIENCE_S)
        assert isinstance(runner.wait(runner.submit(req(prompt="a green cone", steps=2)), timeout=PATIENCE_S), Finished)
        # An app started with another --model than the worker's: the worker refuses the job.
        other = tmp_path / "another-model"
        other.symlink_to(tiny_model_dir, target_is_directory=True)
        mismatched = make_runner(broker.url(0), model=str(other), heartbeat_timeout_s=PATIENCE_S)
        end = mismatched.wait(mismatched.submit(req(prompt="a blue sphere")), timeout=PATIENCE_S)
        assert isinstance(end, Failed) and end.reason == "model_not_found"
        job = runner.submit(req(prompt="a yellow torus", steps=150))
        first_progress(runner, job)
        assert runner.cancel(job) and isinstance(runner.wait(job, timeout=PATIENCE_S), Cancelled)

        made = monitor.task("a green cone")
        refused = monitor.task("a blue sphere")
        cancelled = monitor.task("a yellow torus")
    assert made.state == "SUCCESS" and "'worker': 'w-a'" in made.result
    assert refused.state == "FAILURE"
    assert "model_not_found" in refused.exception and "another-model" in refused.exception
    assert cancelled.state == "REVOKED"
    assert made.worker.hostname == refused.worker.hostname == cancelled.worker.hostname == "celery@w-a"
    # The same outcomes in Celery's result backend (the broker's Redis), which forgets them in time.
    results = make_celery(broker.url(0))
    try:
        assert results.AsyncResult(made.uuid).state == "SUCCESS"
        assert results.AsyncResult(made.uuid).result["worker"] == "w-a"
        assert results.AsyncResult(refused.uuid).state == "FAILURE"
        assert "model_not_found" in str(results.AsyncResult(refused.uuid).result)
        assert results.AsyncResult(cancelled.uuid).state == "REVOKED"
    finally:
        results.close()
    ttl = redis.Redis.from_url(broker.url(0)).ttl(f"celery-task-meta-{made.uuid}")
    assert 0 < ttl <= RESULT_EXPIRES_S


def test_a_hung_step_fails_at_the_time_limit_and_the_worker_takes_the_next_job(
        broker, make_runner, tiny_model_dir, tmp_path, store):
    """A denoising step that never returns (the worker's heartbeat would carry it for ever): the
    soft limit tells the person, the hard limit replaces the stuck pool process."""
    # Through a broker URL with credentials, which the worker's log (Celery's banner shows the
    # transport and the result backend) must not show.
    redis.Redis.from_url(broker.url(0)).execute_command("ACL", "SETUSER", "hang", "on", ">s3cret-pw", "~*", "&*",
                                                         "+@all")
    url = broker.url(3).replace("redis://", "redis://hang:s3cret-pw@")
    worker = WorkerProcess(tmp_path, url, str(tiny_model_dir), "w-hang", hang_steps=13).start()
    try:
        worker.wait_ready(timeout=PATIENCE_S)
        with EventMonitor(url) as monitor:
            monitor.wait_for_worker("celery@w-hang")
            runner = make_runner(url, heartbeat_timeout_s=PATIENCE_S,
                                 limits=lambda request: TimeLimits(soft_s=10, hard_s=15))
            job = runner.submit(req(prompt="a stuck cube", steps=13))
            end = runner.wait(job, timeout=PATIENCE_S)
            assert isinstance(end, Failed) and end.reason == "time_limit", end
            assert "took longer than the 10 s the image worker w-hang allows" in end.user_message
            assert store.get_task(job).status == "failed" and store.list_images() == []
            # Final once the hard limit has ended its process. (Celery 5.7's task-failed event for a
            # hard limit says "ExceptionWithTraceback()" as its exception; its traceback names the limit.)
            hung = monitor.task("a stuck cube")
            assert hung.state == "FAILURE" and "TimeLimitExceeded" in hung.traceback
            # the same worker, in a fresh pool process, takes the next job
            after = runner.wait(runner.submit(req(prompt="a free cube", steps=2)), timeout=PATIENCE_S)
            assert isinstance(after, Finished) and after.image.extra["worker"] == "w-hang"
            assert monitor.task("a free cube").state == "SUCCESS"
        results = make_celery(url)
        try:
            assert results.AsyncResult(hung.uuid).state == "FAILURE"
            assert "TimeLimitExceeded" in repr(results.AsyncResult(hung.uuid).result)
        finally:
            results.close()
        assert worker.proc.poll() is None
        log = worker.log()
        assert "hanging in step 2 of 13" in log and "Hard time limit (15" in log
        assert "results:" in log and "s3cret-pw" not in log
    finally:
        worker.stop()


# ---------------------------------------------------------------------------- the real app


IMAGE_URL = re.compile(r"\(/api/images/([0-9a-f]+)\)")


def _text(message: dict) -> str:
    content = message["content"]
    if isinstance(content, str):
        return content
    return "\n".join(part.get("text", "") for part in content if isinstance(part, dict))


def test_the_app_with_a_broker_shows_the_workers_image(broker, worker_a, tiny_model_dir, tmp_path):
    from gradio_client import Client

    args = ["--broker", broker.url(0), "--model", str(tiny_model_dir), "--db", str(tmp_path / "app.duckdb")]
    with AppProcess(tmp_path, args=args) as app:
        client = Client(app.url, verbose=False)
        _, shown = client.predict({"text": "a lighthouse on a cliff", "files": []}, [], api_name="/send_message")
        # Enough steps that the chat, which renders on change and throttles previews, shows a step before the end even
        # on a quiet machine where six steps of the tiny model finish inside one render; load only lengthens the steps.
        job = client.submit(shown, "auto", "none", "Model default", "30", "", "21", "", True, "default", False,
                            api_name="/respond")
        job.result(timeout=PATIENCE_S)
        frames = [_text(h[-1]) for h in job.outputs()]
        assert any("Step" in f for f in frames[:-1]), frames
        final = frames[-1]
        image_id = IMAGE_URL.search(final).group(1)
        r = httpx.get(f"{app.url}/api/images/{image_id}", timeout=PATIENCE_S)
        assert r.status_code == 200 and Image.open(io.BytesIO(r.content)).size == (64, 64)
    with Store(tmp_path / "app.duckdb") as store:  # written by the app, not the worker
        assert store.image_record(image_id).extra["worker"] == "w-a"
