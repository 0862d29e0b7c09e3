"""ZeroGPU done the way `spaces` works: SPACES_ZERO_GPU read as a boolean, the asked duration, the
visitor's request carried to the job's thread, and a real generation through a stand-in `spaces.GPU`
(tests/fake_spaces.py) that pickles the arguments, runs the function in a forked process and relays
its yields, in a fresh interpreter as a Space starts (tests/zerogpu_scenario.py)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from multiprocessing.reduction import ForkingPickler
from pathlib import Path

import pytest

import app
from config import Config
from pipeline import zerogpu
from pipeline.backends import local_diffusers, local_loading, local_run
from pipeline.events import Progress
from pipeline.request import GenerationRequest
from pipeline.zerogpu import DurationEstimator, Work
from tests import fake_spaces
from tests.patience import PATIENCE_S

ROOT = Path(__file__).resolve().parent.parent


# -- SPACES_ZERO_GPU ----------------------------------------------------------------------


@pytest.mark.parametrize("value, on", [
    ("true", True), ("True", True), ("1", True), ("t", True),
    ("false", False), ("False", False), ("0", False), ("", False), ("no", False), (None, False),
])
def test_spaces_zero_gpu_is_a_boolean(value, on):
    env = {} if value is None else {"SPACES_ZERO_GPU": value}
    assert zerogpu.enabled(env) is on


@pytest.mark.parametrize("value", ["false", "0", ""])
def test_off_values_mean_no_zerogpu_even_with_spaces_installed(monkeypatch, value):
    monkeypatch.setitem(sys.modules, "spaces", fake_spaces)
    monkeypatch.setenv("SPACES_ZERO_GPU", value)
    assert app.zero_gpu_decorator(Config()) is None


def test_on_with_spaces_gives_the_budget_from_gpu_duration(monkeypatch):
    monkeypatch.setitem(sys.modules, "spaces", fake_spaces)
    monkeypatch.setenv("SPACES_ZERO_GPU", "true")
    assert app.zero_gpu_decorator(Config(gpu_duration=45)) == zerogpu.GpuBudget(ceiling_s=45)


def test_on_without_spaces_runs_without_zerogpu(monkeypatch, caplog):
    monkeypatch.delitem(sys.modules, "spaces", raising=False)
    monkeypatch.setenv("SPACES_ZERO_GPU", "true")
    if zerogpu.spaces_installed():
        pytest.skip("the real spaces package is installed here")
    assert app.zero_gpu_decorator(Config()) is None
    assert "'spaces' package is missing" in caplog.text


def test_a_decorator_in_place_of_the_budget_is_refused(tiny_model_dir):
    with pytest.raises(TypeError, match="decorated at import"):
        local_diffusers.LocalDiffusersBackend(str(tiny_model_dir), gpu_call=lambda fn: fn)


# -- the asked duration -------------------------------------------------------------------

TINY = Work("tiny", 64, 64, 4, cfg=True)
SD15 = Work("sd15", 512, 512, 25, cfg=True)


def test_a_tiny_image_asks_a_few_seconds_even_before_any_measurement():
    asked = DurationEstimator().seconds(TINY, loaded=False, weights_bytes=2_000_000, ceiling_s=120)
    assert 3 <= asked <= 10


def test_loading_is_asked_for_only_when_the_model_is_not_loaded():
    est = DurationEstimator()
    cold = est.seconds(SD15, loaded=False, weights_bytes=2_000_000_000, ceiling_s=600)
    warm = est.seconds(SD15, loaded=True, weights_bytes=2_000_000_000, ceiling_s=600)
    # 2 GB of weights at 250 MB/s: 8 s more, with the margin 12 s
    assert cold - warm == pytest.approx(1.5 * (2.0 + 8.0), abs=1)


def test_a_model_that_must_be_downloaded_asks_for_the_download():
    est = DurationEstimator()
    assert est.seconds(TINY, loaded=False, weights_bytes=None, ceiling_s=600) > est.prior_download_s


def test_the_ceiling_is_never_exceeded_and_one_second_is_the_least():
    est = DurationEstimator()
    assert est.seconds(Work("xl", 2048, 2048, 150, True), loaded=False, weights_bytes=None, ceiling_s=120) == 120
    assert est.seconds(TINY, loaded=True, weights_bytes=0, ceiling_s=1) == 1
    assert DurationEstimator(overhead_s=0, margin=0).seconds(TINY, loaded=True, weights_bytes=0, ceiling_s=9) == 1


def test_measurements_replace_the_priors_and_scale_with_steps():
    est = DurationEstimator(overhead_s=0.0, margin=1.0)
    est.record_load("sd15", 4.0)
    est.record_run(SD15, step_s=0.2, fixed_s=1.0)
    assert est.seconds(SD15, loaded=False, weights_bytes=10**12, ceiling_s=600) == 4 + 1 + 5  # 25 x 0.2
    fifty = Work("sd15", 512, 512, 50, cfg=True)
    assert est.seconds(fifty, loaded=True, weights_bytes=0, ceiling_s=600) == 1 + 10


def test_an_unmeasured_size_scales_the_measured_speed():
    est = DurationEstimator()
    est.record_run(SD15, step_s=0.2, fixed_s=1.0)
    assert est.step_s(Work("sd15", 1024, 1024, 25, cfg=True)) == pytest.approx(0.8)  # 4x the pixels
    assert est.step_s(Work("sd15", 512, 512, 25, cfg=False)) == pytest.approx(0.1)  # one batch, not two
    assert est.step_s(Work("other", 512, 512, 25, cfg=True)) == pytest.approx(0.25 * 0.262144 * 2)


def test_the_slowest_recent_run_counts_so_one_fast_run_does_not_shrink_the_ask():
    est = DurationEstimator()
    for step_s in (0.5, 0.1):
        est.record_run(SD15, step_s=step_s, fixed_s=1.0)
    assert est.step_s(SD15) == 0.5


def test_the_backend_asks_little_for_a_tiny_image_and_respects_the_ceiling(tiny_model_dir, monkeypatch):
    # A fresh estimator: what other tests measured on a loaded machine must not decide this one.
    monkeypatch.setattr(zerogpu, "ESTIMATES", zerogpu.DurationEstimator())
    backend = local_diffusers.LocalDiffusersBackend(str(tiny_model_dir))
    req = backend.resolve(GenerationRequest(prompt="a cat", steps=4, seed=1))
    spec = local_loading.ModelSpec(str(tiny_model_dir), slot="duration-test")
    assert local_run.asked_duration(local_run.DeviceJob(spec, req, ceiling_s=120)) <= 15
    assert local_run.asked_duration(local_run.DeviceJob(spec, req, ceiling_s=3)) <= 3


# -- what crosses to the GPU process ------------------------------------------------------


def test_the_gpu_function_takes_and_yields_only_picklable_data(tiny_model_dir):
    backend = local_diffusers.LocalDiffusersBackend(str(tiny_model_dir), preview_fps=1000.0)
    req = backend.resolve(GenerationRequest(prompt="a cat", steps=3, seed=4))
    job = local_run.DeviceJob(backend._spec, req)
    assert ForkingPickler.loads(ForkingPickler.dumps(job)) == job
    items = list(local_run.run_on_device(job))
    kinds = [type(i).__name__ for i in items]
    assert kinds == ["Loaded", "Progress", "Progress", "Progress", "Rendered"]
    for item in items:
        assert ForkingPickler.loads(ForkingPickler.dumps(item)) == item
    # Raw pixels, not a PNG: encoding is CPU work that would hold the visitor's GPU; the app encodes.
    pixels = items[-1].pixels
    assert isinstance(pixels.data, bytes) and len(pixels.data) == pixels.width * pixels.height * 3
    assert pixels.to_png().startswith(b"\x89PNG") and items[-1].step_s > 0
    assert backend.loaded  # run in this process: the backend's own copy, found by its spec


def test_closing_the_gpu_generator_stops_the_run_at_the_next_step(tiny_model_dir):
    backend = local_diffusers.LocalDiffusersBackend(str(tiny_model_dir))
    req = backend.resolve(GenerationRequest(prompt="a cat", steps=50, seed=4))
    run = local_run.run_on_device(local_run.DeviceJob(backend._spec, req))
    steps = []
    for item in run:
        if isinstance(item, Progress):
            steps.append(item.step)
            if item.step == 2:
                break
    run.close()  # returns once the run has stopped
    assert steps == [1, 2]
    entry, _ = local_loading.load_model(backend._spec)
    assert entry.run_lock.acquire(blocking=False)  # free again: the run ended within close()
    entry.run_lock.release()


# -- the visitor's request, from the handler's thread to the job's ---------------------------


def _on_thread(fn):
    box = []
    thread = threading.Thread(target=lambda: box.append(fn()))
    thread.start()
    thread.join()
    return box[0]


def test_the_request_is_carried_from_the_submitting_thread_to_the_running_one():
    import gradio as gr
    from gradio.context import LocalContext

    visitor = gr.Request(headers={"x-ip-token": "abc"})

    def handler():
        LocalContext.request.set(visitor)
        return zerogpu.capture_request()

    scope = _on_thread(handler)
    assert scope.request is visitor

    def events():
        yield LocalContext.request.get(None)
        threads_see = []
        t = threading.Thread(target=lambda: threads_see.append(LocalContext.request.get(None)))
        t.start()
        t.join()
        yield threads_see[0]  # a plain new thread does not: the backend copies the context in itself

    seen = _on_thread(lambda: list(scope.run(events())))
    assert seen == [visitor, None]
    assert _on_thread(lambda: LocalContext.request.get(None)) is None  # nothing leaked


def test_without_a_request_the_scope_is_empty_and_passes_events_through():
    scope = _on_thread(zerogpu.capture_request)
    assert scope == zerogpu.RequestScope() and scope.request is None
    assert list(scope.run(iter([1, 2]))) == [1, 2]


def test_closing_the_scoped_events_closes_the_backend_generator():
    import gradio as gr

    closed = []

    def events():
        try:
            yield 1
            yield 2
        finally:
            closed.append(True)

    with zerogpu.bind_request(gr.Request(headers={})):
        scope = zerogpu.capture_request()
    scoped = scope.run(events())
    assert next(scoped) == 1
    scoped.close()
    assert closed == [True]


def test_bind_request_gives_an_http_route_a_request_for_the_block_only():
    import gradio as gr
    from gradio.context import LocalContext

    request = gr.Request(headers={"x-ip-token": "api"})
    with zerogpu.bind_request(request):
        assert zerogpu.capture_request().request is request
    assert LocalContext.request.get(None) is None


# -- a real generation through the stand-in spaces.GPU ------------------------------------


@pytest.fixture(scope="module")
def space(tiny_model_dir):
    """tests/zerogpu_scenario.py's report: run as a Space starts, in its own interpreter."""
    env = {**os.environ, "SPACES_ZERO_GPU": "true", "HF_HUB_OFFLINE": "1", "OMP_NUM_THREADS": "1"}
    done = subprocess.run(
        [sys.executable, "-m", "tests.zerogpu_scenario", str(tiny_model_dir)],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=PATIENCE_S,
    )
    assert done.returncode == 0, done.stderr[-4000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_the_gpu_function_is_decorated_at_import(space):
    assert space["enabled"] and space["decorated_at_import"] and space["budget"] == 60


def test_a_visitor_gets_an_image_made_in_the_gpu_process(space):
    first = space["first"]
    call = first["call"]
    assert call["function"] == "run_on_device"
    assert call["worker_pid"] != call["app_pid"] and call["worker_exit"] == 0
    assert 0 < call["pickled_bytes"] < 10_000  # the request as plain data, no pipeline, no locks
    assert call["headers"] == {"x-ip-token": "visitor-1"}  # the visitor's request was in context
    # The model loads in the GPU process, and the visitor is told so before the first step.
    assert first["events"] == ["Loading", "Started", "Progress", "Progress", "Progress", "Progress", "Finished"]
    assert first["steps"] == [1, 2, 3, 4] and first["previews"] >= 1  # streamed back as they came
    assert first["image"]["size"] == [64, 64] and first["image"]["format"] == "PNG"
    assert first["image"]["timings"]["load_s"] > 0  # loaded inside the GPU process
    assert call["yields"] == 6  # Loaded, four steps, Rendered


def test_the_duration_asked_is_small_and_never_above_the_ceiling(space):
    first, second = space["first"]["call"]["duration_s"], space["second"]["call"]["duration_s"]
    assert 1 <= first <= 15  # a 4-step tiny image from the starting guesses, ceiling 60
    # the second ask comes from the first run's measured speed: small next to what that run took,
    # however loaded this machine is
    took = space["first"]["image"]["timings"]["total_s"]
    assert 1 <= second <= 3 + 2 * took + 1 and second < 60
    assert space["ceiling"]["call"]["duration_s"] == 2  # --gpu-duration 2
    assert space["ceiling"]["image"]["size"] == [64, 64]
    assert all(r["call"]["duration_s"] <= 60 for r in space.values() if isinstance(r, dict) and "call" in r)


def test_a_model_loaded_before_the_fork_is_inherited_and_not_asked_for(space):
    preloaded = space["preloaded"]
    assert preloaded["image"]["timings"]["load_s"] == 0.0
    assert preloaded["events"][0] == "Started"  # nothing to load: no Loading stage
    asked, if_loading = preloaded["call"]["duration_s"], preloaded["ask_if_loading_s"]
    assert asked < if_loading or asked == if_loading == 60  # loading is not asked for (60: both at the ceiling)


def test_without_the_visitors_request_the_call_is_refused_with_a_message(space):
    error = space["no_request"]["error"]
    assert error["type"] == "BackendUnavailable" and "No Gradio request in context" in error["message"]
    assert "call" not in space["no_request"]  # refused before any process was started


def test_cancel_closes_the_gpu_generator_and_the_worker_ends(space):
    cancel = space["cancel"]
    assert cancel["cancelled"] and "Finished" not in cancel["events"]
    assert max(cancel["steps"]) < 50
    assert cancel["call"]["closed_early"] and cancel["call"]["worker_exit"] == 0


def test_edits_run_in_the_gpu_process_with_the_picture_as_plain_data(space):
    for case in ("edit", "inpaint"):
        report = space[case]
        assert report["events"] == ["Loading", "Started", "Progress", "Progress", "Finished"], report
        assert report["steps"] == [1, 2]  # strength 0.5 of 4 steps
        assert report["image"]["size"] == [64, 64]
        call = report["call"]
        assert call["worker_pid"] != call["app_pid"] and call["worker_exit"] == 0
        assert call["pickled_bytes"] < 60_000  # the request and its PNGs, no pipeline


def test_the_app_runs_spaces_start_up_before_it_serves(tmp_path, tiny_model_dir):
    """``spaces`` reports the GPU functions to the Space from a wrapper around ``gr.Blocks.launch``;
    the app is served by uvicorn, never launched, so it must run that start-up itself, after the GPU
    function is decorated and before the first visitor: a real app process started as a Space."""
    from tests.apprunner import free_port

    port = free_port()
    script = (
        "import importlib, sys\n"
        "sys.modules['spaces'] = fake = importlib.import_module('tests.fake_spaces')\n"
        "import threading, httpx, time, app, gradio as gr\n"
        "def watch():\n"
        "    deadline = time.monotonic() + float(sys.argv[2])\n"
        "    while time.monotonic() < deadline:\n"
        "        try:\n"
        "            if httpx.get(f'http://127.0.0.1:{sys.argv[1]}/api/images?limit=1', timeout=5).status_code == 200:\n"
        "                break\n"
        "        except httpx.HTTPError:\n"
        "            pass\n"
        "        time.sleep(0.3)\n"
        "    print('STARTUPS', fake.STARTUPS, 'WRAPPED', hasattr(gr.Blocks.launch, '__wrapped__'), flush=True)\n"
        "    import os, signal; os.kill(os.getpid(), signal.SIGTERM)\n"
        "threading.Thread(target=watch, daemon=True).start()\n"
        "sys.exit(app.main(['--port', sys.argv[1], '--model', sys.argv[3], '--db', sys.argv[4]]))\n"
    )
    env = {**os.environ, "SPACES_ZERO_GPU": "true", "HF_HUB_OFFLINE": "1", "OMP_NUM_THREADS": "1",
           "GRADIO_ANALYTICS_ENABLED": "False"}
    done = subprocess.run(
        [sys.executable, "-c", script, str(port), str(PATIENCE_S), str(tiny_model_dir), str(tmp_path / "s.duckdb")],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=PATIENCE_S + 60,
    )
    line = next((x for x in done.stdout.splitlines() if x.startswith("STARTUPS")), None)
    assert line is not None, (done.stdout[-2000:], done.stderr[-4000:])
    # once, with the local backend's GPU function already known to it; the launch wrapper taken off
    assert line == "STARTUPS [('pipeline.backends.local_run.run_on_device',)] WRAPPED False", line
    assert "ZeroGPU start-up done" in done.stderr
