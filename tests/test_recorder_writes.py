"""What a picture writes to DuckDB, and when: the task when queued, 'running' with the first step, a
long job's step every few seconds, and its end in one transaction with the image and the message.
Real parts: the tiny diffusers pipeline through the job runner, real DuckDB files, and the store's
own count of committed write transactions."""

from __future__ import annotations

import threading

import pytest

from pipeline.events import Cancelled, Failed, Finished
from pipeline.jobs import JobRunner
from pipeline.recorder import StoreRecorder
from pipeline.request import GeneratedImage, GenerationRequest
from pipeline.router import Router
from storage import NotFound, Store
from storage.tokens import claim
from tests.patience import PATIENCE_S
from tests.test_store import noise_png


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "writes.duckdb") as s:
        yield s


def req(**kw) -> GenerationRequest:
    return GenerationRequest(**{"prompt": "a red cube", "steps": 4, "seed": 7, **kw})


def picture(seed: int = 1) -> GeneratedImage:
    return GeneratedImage(png=noise_png(64, 64, seed), width=64, height=64, backend="local", model="tiny",
                          prompt_sent="a red cube", seed=seed, steps=4)


def test_a_picture_costs_three_write_transactions_and_leaves_a_complete_record(store, tiny_local):
    # (steps written every hour: a loaded machine cannot make the 4 steps take long enough for one)
    jobs = JobRunner(Router({"local": tiny_local}, default="local"), store,
                     recorder=StoreRecorder(store, progress_every_s=3600))
    try:
        conv = store.create_conversation()
        before = store.db.commits
        job = jobs.submit(req(conversation_id=conv, steps=6))
        done = jobs.wait(job, timeout=PATIENCE_S)
        assert isinstance(done, Finished)
        # queued; running with its step count; the image, the task's end and the message together
        assert store.db.commits - before == 3
    finally:
        jobs.close()
    task = store.get_task(job)
    assert (task.status, task.step, task.total, task.image_id) == ("succeeded", 6, 6, done.image_id)
    assert task.created_at <= task.started_at <= task.finished_at
    (message,) = store.messages(conv)
    assert (message.role, message.image_id, message.task_id) == ("assistant", done.image_id, job)


def test_a_long_jobs_step_is_written_every_few_seconds_and_its_end_keeps_the_last(store):
    clock = Clock()
    recorder = StoreRecorder(store, progress_every_s=5, clock=clock)
    recorder.submitted("job", req(steps=30), "local", "tiny")
    recorder.running("job")  # loading the model, say: nothing written yet
    assert store.get_task("job").status == "queued"
    recorder.progress("job", 0, 30)  # the backend starts it
    started = store.get_task("job")
    assert (started.status, started.step, started.total) == ("running", 0, 30) and started.started_at
    for step in range(1, 8):
        clock.now += 0.5
        recorder.progress("job", step, 30)
    assert store.get_task("job").step == 0  # 3.5 s later: not yet
    clock.now += 1.5
    recorder.progress("job", 8, 30)
    assert store.get_task("job").step == 8
    recorder.progress("job", 9, 30)
    recorder.ended("job", req(steps=30), Cancelled(), None)
    ended = store.get_task("job")
    assert (ended.status, ended.step, ended.started_at) == ("cancelled", 9, started.started_at)
    recorder.progress("job", 10, 30)  # a late step of the cancelled job changes nothing
    assert store.get_task("job") == ended


def test_a_job_stopped_mid_run_is_found_running_and_marked_interrupted_with_its_reason(tmp_path):
    path = tmp_path / "restart.duckdb"
    with Store(path) as store:
        recorder = StoreRecorder(store)
        for job in ("forming", "loading", "waiting"):
            recorder.submitted(job, req(), "local", "tiny")
        recorder.running("forming")
        recorder.progress("forming", 0, 4)
        recorder.running("loading")  # left the queue, still loading its model when the server stopped
    with Store(path) as store:
        assert store.get_task("forming").status == "running"
        assert store.interrupt_unfinished() == 3
        for job in ("forming", "loading", "waiting"):
            task = store.get_task(job)
            assert (task.status, task.reason) == ("interrupted", "interrupted") and task.error and task.finished_at
        assert store.get_task("forming").started_at is not None


def test_a_failure_records_its_reason_and_message_together(store):
    recorder = StoreRecorder(store)
    conv = store.create_conversation()
    recorder.submitted("job", req(conversation_id=conv), "openai", "dall-e-3")
    recorder.running("job")
    before = store.db.commits
    recorder.ended("job", req(conversation_id=conv), Failed("content_policy", "Refused. Rephrase it."), None)
    assert store.db.commits - before == 1
    task = store.get_task("job")
    assert (task.status, task.reason, task.error) == ("failed", "content_policy", "Refused. Rephrase it.")
    assert task.started_at is not None  # it had left the queue, though no step was ever written
    (message,) = store.messages(conv)
    assert message.content == "Refused. Rephrase it." and message.meta["reason"] == "content_policy"


def test_a_picture_whose_conversation_was_deleted_meanwhile_is_kept_in_the_gallery(store):
    recorder = StoreRecorder(store)
    conv = store.create_conversation()
    recorder.submitted("job", req(conversation_id=conv), "local", "tiny")
    recorder.running("job")
    assert store.delete_conversation(conv)
    image_id = recorder.succeeded("job", req(conversation_id=conv), picture(), 0.1)
    assert store.get_task("job").status == "succeeded" and store.get_task("job").image_id == image_id
    assert [r.id for r in store.list_images()] == [image_id]


def test_a_picture_that_cannot_be_recorded_leaves_no_image_behind(store):
    recorder = StoreRecorder(store)
    with pytest.raises(NotFound):  # no such task: the image is not kept either
        recorder.succeeded("nobody", req(), picture(), 0.1)
    assert store.list_images() == [] and store.count_images() == 0


def test_a_write_inside_another_commits_with_it_or_not_at_all(store):
    conv = store.create_conversation()
    committed = []
    with pytest.raises(NotFound):
        with store.db.write():
            store.db.after_commit(lambda: committed.append(True))
            store.add_message(conv, "user", "a red cube")
            store.set_task("no-such-task", status="failed")  # fails: the message goes too
    assert store.messages(conv) == [] and committed == []
    before = store.db.commits
    with store.db.write():
        store.db.after_commit(lambda: committed.append(True))
        store.add_message(conv, "user", "a red cube")
        store.add_message(conv, "assistant", "here it is")
        assert committed == []  # not before the commit
    assert store.db.commits - before == 1 and committed == [True]
    assert [m.content for m in store.messages(conv)] == ["a red cube", "here it is"]


def test_a_conversations_task_list_is_kept_until_one_of_its_tasks_is_written(store):
    conv, other = store.create_conversation("ann"), store.create_conversation("ann")
    store.create_task("a", {"prompt": "x"}, conversation_id=conv, user="ann")
    assert [t.id for t in store.conversation_tasks(conv, "ann", unfinished=True)] == ["a"]
    # Behind the repository's back (no one does this: it shows the answer comes from memory)
    store.db.cursor().execute("UPDATE tasks SET step = 3 WHERE id = 'a'")
    assert [t.step for t in store.conversation_tasks(conv, "ann")] == [3]  # another question: read
    assert [t.step for t in store.conversation_tasks(conv, "ann", unfinished=True)] == [None]  # kept
    # Through the store, every kind of change is seen at once.
    store.create_task("b", {"prompt": "y"}, conversation_id=other, user="ann")  # another conversation's
    assert [t.id for t in store.conversation_tasks(conv, "ann", unfinished=True)] == ["a"]
    store.set_task("a", status="running", step=1, total=4)
    assert [(t.status, t.step) for t in store.conversation_tasks(conv, "ann")] == [("running", 1)]
    store.create_task("c", {"prompt": "z"}, conversation_id=conv, user="ann")
    assert [t.id for t in store.conversation_tasks(conv, "ann", unfinished=True)] == ["a", "c"]
    store.set_task("a", status="succeeded")
    assert [t.id for t in store.conversation_tasks(conv, "ann", unfinished=True)] == ["c"]
    assert store.conversation_tasks(conv, "bob", unfinished=True) == []  # not theirs
    claim(store, "ann", "bob")  # ann signs in as bob: her conversations are his now
    assert store.conversation_tasks(conv, "ann", unfinished=True) == []
    assert [t.id for t in store.conversation_tasks(conv, "bob", unfinished=True)] == ["c"]
    store.interrupt_unfinished()
    assert store.conversation_tasks(conv, "bob", unfinished=True) == []
    assert [t.status for t in store.conversation_tasks(conv, "bob")] == ["succeeded", "interrupted"]
    assert store.delete_conversation(conv, "bob")
    assert store.conversation_tasks(conv, "bob") == []


def test_readers_and_writers_at_once_never_keep_a_stale_list(store):
    conv = store.create_conversation()
    ids = [f"t{i}" for i in range(40)]
    stop = threading.Event()
    errors: list[BaseException] = []

    def read() -> None:
        try:
            while not stop.is_set():
                store.conversation_tasks(conv, unfinished=True)
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    readers = [threading.Thread(target=read) for _ in range(3)]
    for t in readers:
        t.start()
    try:
        for task_id in ids:
            store.create_task(task_id, {}, conversation_id=conv)
            store.set_task(task_id, status="succeeded")
    finally:
        stop.set()
        for t in readers:
            t.join(PATIENCE_S)
    assert not errors
    assert store.conversation_tasks(conv, unfinished=True) == []
    assert [t.id for t in store.conversation_tasks(conv)] == ids
