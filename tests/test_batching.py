"""Several images in one pipeline call, on the tiny diffusers pipeline and a DuckDB file: a batched
image is its solo image, each job keeps its own events, people take turns joining a call, and
cancelling one job of a call leaves the others running."""

from __future__ import annotations

import io
import threading

import numpy as np
import pytest
from PIL import Image

from config import parse_config
from pipeline.backends.local_batching import GPU_MAX_BATCH, batch_key, plan_batch
from pipeline.backends.local_diffusers import LocalDiffusersBackend
from pipeline.events import Cancelled, Finished, Progress, Started
from pipeline.jobs import JobRunner
from pipeline.request import GenerationRequest
from pipeline.router import Router
from storage import Store
from tests.patience import PATIENCE_S

GIB = 1024**3


class CountingBackend(LocalDiffusersBackend):
    """The real local backend, noting the prompts of each pipeline call it makes."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.calls: list[list[str]] = []

    def generate_batch(self, requests, cancels, **kwargs):
        self.calls.append([r.prompt for r in requests])
        yield from super().generate_batch(requests, cancels, **kwargs)


@pytest.fixture(scope="module")
def batching(tiny_model_dir):
    backend = CountingBackend(str(tiny_model_dir), max_batch=4, preview_fps=1000.0)
    backend.load()
    return backend


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "batching.duckdb") as s:
        yield s


@pytest.fixture
def runner(store, batching):
    batching.calls.clear()
    jobs = JobRunner(Router({"local": batching}, default="local"), store)
    yield jobs
    jobs.close()


def req(prompt: str = "a red cube", **kw) -> GenerationRequest:
    base = dict(prompt=prompt, prompt_typed=prompt, steps=4, seed=7, width=64, height=64)
    base.update(kw)
    return GenerationRequest(**base)


def pixels(event: Finished) -> np.ndarray:
    image = event.image
    if image.pixels is not None:
        return np.frombuffer(image.pixels.data, np.uint8).astype(np.float64)
    return np.asarray(Image.open(io.BytesIO(image.png)).convert("RGB"), dtype=np.float64).ravel()


def stored(store: Store, event: Finished) -> np.ndarray:
    data, _ = store.image_bytes(event.image_id)
    return np.asarray(Image.open(io.BytesIO(data)).convert("RGB"), dtype=np.float64).ravel()


def collect(runner: JobRunner, job_id: str) -> list:
    return list(runner.events(job_id))


class Watch:
    """Every event of each job, each followed from now on by its own thread."""

    def __init__(self, runner: JobRunner, ids: list[str]):
        self.logs: list[list] = [[] for _ in ids]
        self.threads = [threading.Thread(target=lambda i=i: self.logs[i].extend(runner.events(ids[i])), daemon=True)
                        for i in range(len(ids))]
        for thread in self.threads:
            thread.start()

    def joined(self) -> list[list]:
        for thread in self.threads:
            thread.join(PATIENCE_S)
            assert not thread.is_alive(), "a job did not end"
        return self.logs


def solo(backend: LocalDiffusersBackend, request: GenerationRequest) -> np.ndarray:
    events = list(backend.generate(request, threading.Event(), encode=False))
    assert isinstance(events[-1], Finished), events[-1]
    return pixels(events[-1])


def picture(colour: tuple[int, int, int]) -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (64, 64), colour).save(buf, format="PNG")
    return buf.getvalue()


# -- the same pictures -------------------------------------------------------------------------------


def test_a_batched_image_is_the_solo_image_for_its_seed(batching):
    requests = [req("a red fox", seed=1), req("a blue bird", seed=2), req("a green tree", seed=3)]
    alone = [solo(batching, r) for r in requests]
    events = list(batching.generate_batch(requests, [threading.Event() for _ in requests], encode=False))
    finished = {i: e for i, e in events if isinstance(e, Finished)}
    assert sorted(finished) == [0, 1, 2]
    for i, event in finished.items():
        assert event.image.seed == requests[i].seed
        assert np.abs(pixels(event) - alone[i]).mean() <= 1.0  # within 1/255 of the solo image
    # ...and the images differ from each other: each got its own noise and prompt
    assert np.abs(pixels(finished[0]) - pixels(finished[1])).mean() > 5


def test_image_to_image_from_different_pictures_shares_a_call(batching):
    requests = [req("a red fox", seed=5, init_image=picture((200, 30, 30)), strength=0.5, negative_prompt="blurry"),
                req("a blue bird", seed=6, init_image=picture((30, 30, 200)), strength=0.5, negative_prompt="dark")]
    requests = [batching.resolve(r) for r in requests]
    assert batch_key(requests[0]) == batch_key(requests[1]) is not None
    alone = [solo(batching, r) for r in requests]
    events = list(batching.generate_batch(requests, [threading.Event() for _ in requests], encode=False))
    finished = {i: e for i, e in events if isinstance(e, Finished)}
    for i, event in finished.items():
        assert np.abs(pixels(event) - alone[i]).mean() <= 1.0


def test_what_cannot_share_a_call_has_its_own_key(batching):
    base = batching.resolve(req())
    assert batch_key(base) == batch_key(base.with_(prompt="another prompt", seed=99))
    for other in (base.with_(steps=5), base.with_(width=32), base.with_(guidance=3.0),
                  base.with_(sampler="Euler"), base.with_(negative_prompt="blurry")):
        assert batch_key(other) != batch_key(base)
    assert batch_key(base.with_(prompt="a (red:1.4) cube")) is None  # weighted: its own embeddings
    assert batch_key(base.with_(clip_skip=2)) is None


# -- the job runner -----------------------------------------------------------------------------------


def test_images_submitted_together_run_as_one_call_each_with_its_own_events(runner, batching, store):
    prompts = ["a red cube", "a blue cube", "a green cube", "a white cube"]
    with runner.together():
        ids = [runner.submit(req(p, seed=10 + i, user="ann")) for i, p in enumerate(prompts)]
        watching = Watch(runner, ids)  # from before the call starts
    logs = watching.joined()
    assert batching.calls == [prompts]  # one pipeline call for the four
    images = set()
    for i, events in enumerate(logs):
        started = [e for e in events if isinstance(e, Started)]
        assert len(started) == 1 and started[0].seed == 10 + i
        assert any(isinstance(e, Progress) for e in events)
        done = events[-1]
        assert isinstance(done, Finished) and done.image.seed == 10 + i and done.image_id
        assert store.get_task(ids[i]).status == "succeeded"
        images.add(done.image_id)
    assert len(images) == 4


def test_a_batched_job_stores_the_image_its_seed_makes_alone(runner, batching, store):
    with runner.together():
        ids = [runner.submit(req("a red cube", seed=21)), runner.submit(req("a tall tower", seed=22))]
    ends = [collect(runner, job_id)[-1] for job_id in ids]
    assert len(batching.calls) == 1 and len(batching.calls[0]) == 2
    alone = solo(batching, batching.resolve(req("a tall tower", seed=22)))
    assert np.abs(stored(store, ends[1]) - alone).mean() <= 1.0


def test_people_take_turns_joining_a_call(store, tiny_model_dir):
    backend = CountingBackend(str(tiny_model_dir), max_batch=2)
    runner = JobRunner(Router({"local": backend}, default="local"), store)
    try:
        with runner.together():
            ids = [runner.submit(req(f"ann {i}", user="ann", seed=i)) for i in range(3)]
            ids.append(runner.submit(req("bob 0", user="bob", seed=9)))
        for job_id in ids:
            assert isinstance(runner.wait(job_id, timeout=PATIENCE_S), Finished)
    finally:
        runner.close()
    # Ann asked first, but Bob's one image joins her first call instead of her second image.
    assert backend.calls == [["ann 0", "bob 0"], ["ann 1", "ann 2"]]


def test_jobs_that_cannot_share_a_call_run_apart(runner, batching):
    with runner.together():
        ids = [runner.submit(req("a red cube")), runner.submit(req("a red cube", steps=3)),
               runner.submit(req("a (red:1.3) cube"))]
    for job_id in ids:
        assert isinstance(runner.wait(job_id, timeout=PATIENCE_S), Finished)
    assert sorted(len(c) for c in batching.calls) == [1, 1, 1]


def test_cancelling_one_job_of_a_call_ends_it_at_once_and_the_others_finish(runner, batching, store):
    with runner.together():
        ids = [runner.submit(req(f"a cube {i}", seed=30 + i, steps=40)) for i in range(3)]
    target = ids[1]
    for event in runner.events(target):
        if isinstance(event, Progress):
            break  # the call is running
    assert runner.cancel(target)
    # Ended for its owner at once, while the call goes on for the others.
    assert isinstance(runner.wait(target, timeout=PATIENCE_S), Cancelled)
    others = [runner.snapshot(job_id) for job_id in (ids[0], ids[2])]
    assert all(s.status == "running" for s in others), others
    ends = [runner.wait(job_id, timeout=PATIENCE_S) for job_id in (ids[0], ids[2])]
    assert all(isinstance(e, Finished) for e in ends)
    assert len(batching.calls) == 1 and len(batching.calls[0]) == 3
    task = store.get_task(target)
    assert task.status == "cancelled" and task.image_id is None  # its image was dropped
    assert isinstance(collect(runner, target)[-1], Cancelled)


def test_a_job_cancelled_before_its_call_starts_is_left_out(runner, batching):
    with runner.together():
        ids = [runner.submit(req(f"a cube {i}", seed=40 + i)) for i in range(3)]
        assert runner.cancel(ids[0])
    assert isinstance(runner.wait(ids[0], timeout=PATIENCE_S), Cancelled)
    for job_id in ids[1:]:
        assert isinstance(runner.wait(job_id, timeout=PATIENCE_S), Finished)
    assert batching.calls == [["a cube 1", "a cube 2"]]


def test_a_lone_job_runs_alone_after_a_moment(runner, batching):
    job_id = runner.submit(req("alone"))
    assert isinstance(runner.wait(job_id, timeout=PATIENCE_S), Finished)
    assert batching.calls == [["alone"]]
    assert runner.batch_wait_s <= 0.01  # the most a job waits for company: a few milliseconds


# -- how many at once -----------------------------------------------------------------------------


def test_how_many_images_one_call_takes():
    assert plan_batch(3, None, None, None, None) == 3  # --max-batch wins
    assert plan_batch(None, "cpu", None, 512, 512) == 1
    assert plan_batch(None, "cuda", None, 512, 512) == 1  # memory not known yet
    assert plan_batch(None, "cuda:0", 100 * GIB, 512, 512) == GPU_MAX_BATCH  # a large GPU
    assert plan_batch(None, "cuda", 3 * GIB, 512, 512) == 3  # ~0.75 GiB per image at 512²
    assert plan_batch(None, "cuda", 3 * GIB, 1024, 1024) == 1


def test_the_backend_takes_one_at_a_time_on_the_cpu_unless_told(tiny_local, batching):
    request = tiny_local.resolve(req())
    assert tiny_local.max_batch(request) == 1
    assert batching.max_batch(request) == 4
    with pytest.raises(ValueError, match="max_batch"):
        LocalDiffusersBackend("x", max_batch=0)


def test_the_max_batch_flag():
    assert parse_config(["--max-batch", "4"], env={}).max_batch == 4
    assert parse_config([], env={"IMAGECHAT_MAX_BATCH": "2"}).max_batch == 2
    assert parse_config([], env={}).max_batch is None
    with pytest.raises(SystemExit):
        parse_config(["--max-batch", "0"], env={})


def test_a_four_image_chat_message_is_one_call(tmp_path, batching):
    from web.chat import ChatService
    from web.chat_settings import ChatSettings

    batching.calls.clear()
    store = Store(tmp_path / "chat.duckdb")
    router = Router({"local": batching}, default="local")
    jobs = JobRunner(router, store)
    try:
        chat = ChatService(store, jobs, router, tokenizer=batching.tokenizer, frame_interval_s=0.0)
        conv, _ = chat.add_user_message(None, "a red kite", None)
        begun = chat.begin(conv, "a red kite", ChatSettings(steps=2, seed=7, batch=4, enhance=False), None)
        frames = list(chat.watch_all(begun, None))
        assert frames[-1].count("](/api/images/") == 4
        assert len(batching.calls) == 1 and len(batching.calls[0]) == 4
        assert sorted(m.image.seed for m in store.messages(conv) if m.image) == [7, 8, 9, 10]
    finally:
        jobs.close()
        store.close()
