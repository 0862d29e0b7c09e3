"""The job runner with real parts: the tiny diffusers pipeline, the OpenAI SDK against the loopback
server, and a DuckDB file."""

from __future__ import annotations

import threading
import time

import pytest

from pipeline.backends.openai_images import OpenAIImagesBackend
from pipeline.errors import InvalidRequest
from pipeline.events import Cancelled, Failed, Finished, Progress, Queued, Started
from pipeline.jobs import JobRunner
from pipeline.request import GenerationRequest
from pipeline.router import Router
from storage import Store
from tests.patience import PATIENCE_S


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "jobs.duckdb") as s:
        yield s


@pytest.fixture
def local(tiny_local):
    return tiny_local


@pytest.fixture
def runner(store, local, fake_openai):
    remote = OpenAIImagesBackend("sk-test-SECRET123", base_url=fake_openai.base_url, max_retries=0, timeout=PATIENCE_S)
    jobs = JobRunner(Router({"local": local, "openai": remote}, default="local"), store)
    yield jobs
    jobs.close()


def req(**kw) -> GenerationRequest:
    base = dict(prompt="a red cube", prompt_typed="a red cube", steps=4, seed=7)
    base.update(kw)
    return GenerationRequest(**base)


def collect(runner, job_id, timeout=PATIENCE_S):
    out = []
    deadline = time.monotonic() + timeout
    for event in runner.events(job_id):
        out.append(event)
        assert time.monotonic() < deadline, "job took too long"
    return out


def test_job_runs_stores_the_image_and_the_assistant_message(runner, store):
    conv = store.create_conversation()
    store.add_message(conv, "user", "a red cube")
    job = runner.submit(req(conversation_id=conv))
    events = collect(runner, job)
    done = events[-1]
    assert isinstance(done, Finished) and done.image_id
    data, mime = store.image_bytes(done.image_id)
    assert data.startswith(b"\x89PNG") and mime == "image/png"
    # the runner keeps the id and the recipe of a finished job, not its bytes: they are in the store
    assert done.image.png == b"" and done.image.seed == 7 and runner.snapshot(job).image_id == done.image_id
    task = store.get_task(job)
    assert task.status == "succeeded" and task.image_id == done.image_id and task.finished_at
    assert task.request["prompt"] == "a red cube" and task.request["backend"] == "local"
    messages = store.messages(conv)
    assert [m.role for m in messages] == ["user", "assistant"]
    assert messages[-1].image_id == done.image_id and messages[-1].image.seed == 7


def test_a_queued_job_reports_every_step_and_its_queue_position(runner):
    first = runner.submit(req(steps=12))
    second = runner.submit(req(steps=5, seed=8))
    events = collect(runner, second)
    positions = [e.position for e in events if isinstance(e, Queued)]
    assert positions[0] >= 0 and positions[-1] == 0
    assert sum(isinstance(e, Started) for e in events) == 1
    assert [e.step for e in events if isinstance(e, Progress)] == [1, 2, 3, 4, 5]
    assert isinstance(events[-1], Finished)
    assert isinstance(runner.wait(first, timeout=PATIENCE_S), Finished)


def test_random_seed_is_chosen_and_recorded(runner, store):
    job = runner.submit(req(seed=None))
    done = runner.wait(job, timeout=PATIENCE_S)
    assert isinstance(done, Finished) and done.image.seed is not None
    assert store.image_record(done.image_id).seed == done.image.seed
    assert runner.snapshot(job).seed == done.image.seed


def test_cancel_while_queued(runner, store):
    blocker = runner.submit(req(steps=20))
    queued = runner.submit(req(steps=4, seed=9))
    assert runner.cancel(queued)
    assert isinstance(runner.wait(queued, timeout=PATIENCE_S), Cancelled)
    assert store.get_task(queued).status == "cancelled"
    assert isinstance(runner.wait(blocker, timeout=PATIENCE_S), Finished)
    assert store.get_task(queued).image_id is None


def test_cancel_while_running_stores_no_image(runner, store):
    conv = store.create_conversation()
    job = runner.submit(req(steps=150, conversation_id=conv))
    for event in runner.events(job):
        if isinstance(event, Progress) and event.step >= 2:
            assert runner.cancel(job)
            break
    assert isinstance(runner.wait(job, timeout=PATIENCE_S), Cancelled)
    task = store.get_task(job)
    assert task.status == "cancelled" and task.image_id is None and task.step < 150
    assert store.list_images() == []
    assert "Cancelled" in store.messages(conv)[-1].content
    assert not runner.cancel(job)  # already over


def test_a_subscriber_that_leaves_does_not_stop_the_job(runner, store):
    job = runner.submit(req(steps=8))
    stream = runner.events(job)
    next(stream)
    stream.close()  # like a browser tab closing mid-generation
    done = runner.wait(job, timeout=PATIENCE_S)
    assert isinstance(done, Finished) and store.image_bytes(done.image_id)


def test_late_subscriber_gets_the_latest_state_first(runner):
    job = runner.submit(req())
    done = runner.wait(job, timeout=PATIENCE_S)
    assert list(runner.events(job)) == [done]


def test_invalid_request_is_refused_before_queueing(runner, store):
    with pytest.raises(InvalidRequest) as exc:
        runner.submit(req(steps=0))
    assert exc.value.field == "steps"
    with pytest.raises(InvalidRequest) as exc:
        runner.submit(req(width=65, height=64))
    assert exc.value.field == "width"


def test_backend_refusal_becomes_a_failed_task_and_a_message(runner, store, fake_openai):
    fake_openai.queue("images", "content_policy")
    conv = store.create_conversation()
    job = runner.submit(req(backend="openai", steps=None, seed=None, conversation_id=conv))
    done = runner.wait(job, timeout=PATIENCE_S)
    assert isinstance(done, Failed) and done.reason == "content_policy"
    task = store.get_task(job)
    assert task.status == "failed" and "safety" in task.error.lower()
    assert store.messages(conv)[-1].content == done.user_message
    assert "sk-test-SECRET123" not in done.user_message


def test_openai_job_stores_the_revised_prompt(runner, store):
    job = runner.submit(req(backend="openai", steps=None, seed=None))
    done = runner.wait(job, timeout=PATIENCE_S)
    assert isinstance(done, Finished)
    record = store.image_record(done.image_id)
    assert record.backend == "openai" and record.prompt_typed == "a red cube"
    assert record.prompt_sent == done.image.prompt_sent and record.prompt_requested == "a red cube"
    assert "prompt_requested" not in record.extra  # a column of its own


def test_local_jobs_run_one_at_a_time(runner, local):
    jobs = [runner.submit(req(steps=6, seed=i)) for i in range(3)]
    running_at_once = []

    def denoising(snap):  # running and not yet past its last step (a job being stored is past it)
        return snap.status == "running" and (snap.total is None or snap.step < snap.total)

    def watch():
        while not all(runner.snapshot(j).status in ("succeeded", "failed", "cancelled") for j in jobs):
            running_at_once.append(sum(denoising(runner.snapshot(j)) for j in jobs))
            time.sleep(0.005)

    t = threading.Thread(target=watch)
    t.start()
    for j in jobs:
        assert isinstance(runner.wait(j, timeout=PATIENCE_S), Finished)
    t.join()
    assert max(running_at_once) == 1


@pytest.fixture
def small_runner(store, local):
    jobs = JobRunner(Router({"local": local}, default="local"), store, max_queued=5, max_queued_per_user=3)
    yield jobs
    jobs.close()


def test_users_are_served_round_robin(small_runner):
    blocker = small_runner.submit(req(steps=15, user="zoe"))
    next(e for e in small_runner.events(blocker) if isinstance(e, Progress))  # it is running
    ann = [small_runner.submit(req(steps=2, user="ann", seed=i)) for i in range(3)]
    bob = small_runner.submit(req(steps=2, user="bob"))
    # bob's one job goes second in line, not behind all three of ann's
    assert small_runner.snapshot(bob).queue_position == 1
    assert [small_runner.snapshot(j).queue_position for j in ann] == [0, 2, 3]
    for j in [blocker, *ann, bob]:
        small_runner.wait(j, timeout=PATIENCE_S)
    records = {j: small_runner.store.get_task(j) for j in [*ann, bob]}
    finished_order = sorted(records, key=lambda j: records[j].started_at)
    assert finished_order.index(bob) == 1


def test_queue_caps_give_a_clear_refusal(small_runner):
    from pipeline.errors import QueueFull

    running = small_runner.submit(req(steps=30, user="zoe"))  # running: it does not count as waiting
    next(e for e in small_runner.events(running) if isinstance(e, Progress))
    for i in range(3):
        small_runner.submit(req(steps=2, user="ann", seed=i))
    with pytest.raises(QueueFull) as exc:
        small_runner.submit(req(steps=2, user="ann"))
    assert exc.value.scope == "user" and "3" in exc.value.user_message
    small_runner.submit(req(steps=2, user="bob"))
    small_runner.submit(req(steps=2, user="cy"))
    with pytest.raises(QueueFull) as exc:
        small_runner.submit(req(steps=2, user="dee"))
    assert exc.value.scope == "global"


def test_queued_jobs_get_a_wait_estimate_once_run_times_are_known(small_runner):
    first = small_runner.submit(req(steps=60))
    waiting = small_runner.submit(req(steps=2, user="other"))
    assert small_runner.snapshot(waiting).eta_s is None  # nothing has finished yet: no guess
    small_runner.wait(first), small_runner.wait(waiting)  # they end; pytest's timeout bounds a hang
    blocker = small_runner.submit(req(steps=60))
    next(e for e in small_runner.events(blocker) if isinstance(e, Progress))  # it is running
    queued = small_runner.submit(req(steps=2, user="other"))
    snap = small_runner.snapshot(queued)
    assert snap.status == "queued" and snap.queue_position == 0
    assert snap.eta_s is not None and snap.eta_s > 0
    small_runner.cancel(blocker), small_runner.wait(queued)


def test_rate_limit_per_person_with_a_clear_message(store, local):
    from pipeline.errors import TooManyRequests

    now = [1000.0]
    jobs = JobRunner(Router({"local": local}, default="local"), store, rate_limit_per_minute=2,
                     clock=lambda: now[0])
    try:
        jobs.submit(req(steps=2, user="ann"))
        jobs.submit(req(steps=2, user="ann"))
        with pytest.raises(TooManyRequests) as exc:
            jobs.submit(req(steps=2, user="ann"))
        assert "Try again in 60 s" in exc.value.user_message
        jobs.submit(req(steps=2, user="bob"))  # others are not held back
        now[0] += 61
        jobs.submit(req(steps=2, user="ann"))  # the minute has passed
    finally:
        jobs.close()
