"""Post-processing off the device's path: the tiny diffusers pipeline through the job runner, a real
DuckDB file, and a recorder that holds an image's storing until the test lets it go."""

from __future__ import annotations

import io
import threading

import pytest
from PIL import Image

from pipeline.events import Cancelled, Finished, Progress
from pipeline.jobs import JobRunner
from pipeline.postprocess import RawImage, encode_png
from pipeline.recorder import StoreRecorder
from pipeline.request import GeneratedImage, GenerationRequest
from pipeline.router import Router
from pipeline.threads import plan_threads, reserved_cores
from storage import Store
from tests.patience import PATIENCE_S


class HeldRecorder(StoreRecorder):
    """Stores for real, but the first image waits in ``succeeded()`` until ``release`` is set."""

    def __init__(self, store: Store):
        super().__init__(store)
        self.storing = threading.Event()  # the first image has reached the store
        self.release = threading.Event()
        self.stored: list[str] = []  # job ids, in the order their images were stored

    def succeeded(self, job_id, request, image, queued_s):
        if not self.storing.is_set():
            self.storing.set()
            assert self.release.wait(PATIENCE_S), "the test never released the store"
        image_id = super().succeeded(job_id, request, image, queued_s)
        self.stored.append(job_id)
        return image_id


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "post.duckdb") as s:
        yield s


@pytest.fixture
def held(store):
    return HeldRecorder(store)


@pytest.fixture
def runner(store, held, tiny_local):
    jobs = JobRunner(Router({"local": tiny_local}, default="local"), store, recorder=held)
    yield jobs
    held.release.set()
    jobs.close()


def req(**kw) -> GenerationRequest:
    return GenerationRequest(**{"prompt": "a red cube", "steps": 4, "seed": 7, **kw})


def first(runner, job_id, kind):
    for event in runner.events(job_id):
        if isinstance(event, kind):
            return event
    raise AssertionError(f"job {job_id} ended without a {kind.__name__}")


def test_the_device_is_free_and_the_next_job_denoises_while_an_image_is_stored(runner, held, store, tiny_local):
    a = runner.submit(req(seed=1))
    b = runner.submit(req(seed=2))
    assert held.storing.wait(PATIENCE_S)  # a's image is being stored, and stays so until released
    assert tiny_local.idle(PATIENCE_S)  # the run lock is not held by a's storing
    first(runner, b, Progress)  # b denoises meanwhile
    assert runner.snapshot(a).status == "running" and not held.stored  # a is not finished before it is stored
    held.release.set()
    done = runner.wait(a, PATIENCE_S)
    assert isinstance(done, Finished) and held.stored[0] == a
    png, mime = store.image_bytes(done.image_id)  # stored before Finished was published
    assert mime == "image/png" and Image.open(io.BytesIO(png)).size == (done.image.width, done.image.height)
    assert isinstance(runner.wait(b, PATIENCE_S), Finished)
    assert held.stored == [a, b]


def test_an_image_cancelled_while_it_waits_to_be_stored_is_never_stored(runner, held, store):
    a = runner.submit(req(seed=1))
    b = runner.submit(req(seed=2))
    assert held.storing.wait(PATIENCE_S)  # the one post-processing thread is busy with a
    last = runner.submit(req(seed=3))  # runs after b: b has been handed over once this one runs
    first(runner, last, Progress)
    assert runner.cancel(b)
    held.release.set()
    assert isinstance(runner.wait(a, PATIENCE_S), Finished)
    assert isinstance(runner.wait(b, PATIENCE_S), Cancelled)
    assert isinstance(runner.wait(last, PATIENCE_S), Finished)
    task = store.get_task(b)
    assert task.status == "cancelled" and task.image_id is None and b not in held.stored


def test_without_a_pool_the_lane_stores_the_image_itself(store, tiny_local):
    jobs = JobRunner(Router({"local": tiny_local}, default="local"), store, post_workers=0)
    try:
        done = jobs.wait(jobs.submit(req()), PATIENCE_S)
    finally:
        jobs.close()
    assert isinstance(done, Finished) and store.image_bytes(done.image_id)[0].startswith(b"\x89PNG")


def test_pixels_handed_over_encode_to_the_same_png_as_the_backend_makes(tiny_local):
    cancel = threading.Event()
    made = [e for e in tiny_local.generate(req(seed=5), cancel)][-1].image
    deferred = [e for e in tiny_local.generate(req(seed=5), cancel, encode=False)][-1].image
    assert deferred.png == b"" and deferred.pixels is not None
    assert deferred.encoded().png == made.png and deferred.encoded().pixels is None


def test_raw_pixels_round_trip_through_png():
    image = Image.radial_gradient("L").convert("RGB").resize((64, 48))
    raw = RawImage.of(image)
    assert (raw.width, raw.height, raw.mode) == (64, 48, "RGB")
    back = Image.open(io.BytesIO(raw.to_png()))
    assert back.tobytes() == image.tobytes()  # lossless at any level
    assert Image.open(io.BytesIO(encode_png(image, 9))).tobytes() == image.tobytes()
    plain = GeneratedImage(png=b"x", width=1, height=1, backend="b", model="m", prompt_sent="p")
    assert plain.encoded() is plain


# -- CPU threads --------------------------------------------------------------------------------


@pytest.mark.parametrize("cores, torch_threads", [(1, 1), (2, 1), (4, 3), (8, 7), (16, 14), (64, 62)])
def test_torch_gets_the_cores_less_those_kept_for_the_rest(cores, torch_threads):
    plan = plan_threads(cores, None, {})
    assert plan.torch_threads == torch_threads and plan.torch_threads + reserved_cores(cores) == cores
    assert str(torch_threads) in plan.why


def test_the_threads_flag_wins_over_everything():
    assert plan_threads(2, 4, {"OMP_NUM_THREADS": "1"}).torch_threads == 4


def test_omp_num_threads_leaves_torch_alone():
    plan = plan_threads(16, None, {"OMP_NUM_THREADS": "3"})
    assert plan.torch_threads is None and "OMP_NUM_THREADS=3" in plan.why
    assert plan_threads(16, None, {"OMP_NUM_THREADS": " "}).torch_threads == 14  # blank is unset
