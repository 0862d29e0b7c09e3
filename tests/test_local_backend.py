"""The local diffusers backend on a real (tiny, random) Stable Diffusion pipeline."""

from __future__ import annotations

import io
import shutil
import socket
import threading
import time

import pytest
from PIL import Image

from pipeline.backends.local_diffusers import LocalDiffusersBackend
from pipeline.backends.local_failures import map_error
from pipeline.backends.local_profile import profile_from_configs
from pipeline.devices import Hardware, choose
from pipeline.errors import BackendUnavailable, InvalidRequest, ModelNotFound, OutOfMemory
from pipeline.events import Cancelled, Finished, Progress, Started
from pipeline.request import SEED_MAX, GenerationRequest


@pytest.fixture(scope="module")
def backend(tiny_model_dir):
    b = LocalDiffusersBackend(str(tiny_model_dir), preview_fps=1000.0)
    b.load()
    return b


def run(backend, cancel=None, **fields):
    fields.setdefault("prompt", "a photo of a red fox")
    fields.setdefault("steps", 3)
    return list(backend.generate(GenerationRequest(**fields), cancel or threading.Event()))


def finished(events):
    assert isinstance(events[-1], Finished), events[-1]
    assert sum(isinstance(e, Finished) for e in events) == 1
    return events[-1].image


# -- defaults, loading ------------------------------------------------------------------


def test_defaults_come_from_the_model_before_loading(tiny_model_dir):
    fresh = LocalDiffusersBackend(str(tiny_model_dir))
    assert not fresh.loaded and fresh.tokenizer() is None
    req = fresh.resolve(GenerationRequest(prompt="a cat"))
    assert (req.width, req.height) == (64, 64)  # unet sample_size 32 x vae_scale_factor 2
    assert (req.steps, req.guidance) == (25, 7.5)
    assert isinstance(req.seed, int) and 0 <= req.seed <= SEED_MAX
    assert req.model == str(tiny_model_dir)
    assert not fresh.loaded  # resolve reads configs only


def test_started_reports_the_resolved_recipe(backend):
    events = run(backend, seed=5)
    started = events[0]
    assert isinstance(started, Started)
    assert (started.backend, started.width, started.height) == ("local", 64, 64)
    assert (started.seed, started.steps, started.total_steps, started.guidance) == (5, 3, 3, 7.5)


def test_finished_image_and_recipe(backend):
    image = finished(run(backend, seed=7, steps=2, guidance=3.0, negative_prompt="blurry"))
    png = Image.open(io.BytesIO(image.png))
    assert png.format == "PNG" and png.size == (64, 64) == (image.width, image.height)
    assert (image.backend, image.seed, image.steps, image.guidance) == ("local", 7, 2, 3.0)
    assert image.negative_prompt == "blurry" and image.prompt_sent == "a photo of a red fox"
    assert set(image.timings) == {"load_s", "generate_s", "total_s"}
    assert image.timings["load_s"] == 0.0  # loaded once by the fixture, then reused
    assert image.timings["total_s"] >= image.timings["generate_s"] > 0
    assert image.extra["scheduler"] == "EulerDiscreteScheduler"
    assert (image.extra["device"], image.extra["dtype"]) == ("cpu", "float32")


def test_random_seed_is_chosen_and_recorded(backend):
    events = run(backend, steps=1)
    assert isinstance(events[0].seed, int)
    assert finished(events).seed == events[0].seed


def test_tokenizer_after_load(backend):
    tok = backend.tokenizer()
    assert tok is not None and tok.model_max_length == 77
    assert len(tok("a photo of a cat").input_ids) == 7  # bos + one token a word + eos


def test_concurrent_loads_load_once(tiny_model_dir):
    fresh = LocalDiffusersBackend(str(tiny_model_dir))
    results = []
    threads = [threading.Thread(target=lambda: results.append(fresh._ensure_loaded())) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len({id(pipe) for pipe, _ in results}) == 1
    assert sum(secs > 0 for _, secs in results) == 1
    assert fresh.loaded


def test_few_step_model_defaults_by_name(tiny_model_dir, tmp_path):
    turbo = tmp_path / "tiny-sd-turbo"
    shutil.copytree(tiny_model_dir, turbo)
    req = LocalDiffusersBackend(str(turbo)).resolve(GenerationRequest(prompt="a cat"))
    assert (req.steps, req.guidance, req.width) == (4, 0.0, 64)


def test_profile_rules():
    assert profile_from_configs("stabilityai/sdxl-turbo").steps == 4
    assert profile_from_configs("stabilityai/sdxl-turbo").guidance == 0.0
    xl = profile_from_configs(
        "someone/xl-model",
        model_index={
            "_class_name": "StableDiffusionXLPipeline",
            "unet": ["diffusers", "UNet2DConditionModel"],
        },
        unet={"sample_size": 128, "addition_embed_type": "text_time"},
        vae={"block_out_channels": [128, 256, 512, 512], "latent_channels": 4},
    )
    assert (xl.family, xl.native_size, xl.steps, xl.guidance) == ("sdxl", 1024, 25, 5.0)
    lcm = profile_from_configs("someone/model", unet={"time_cond_proj_dim": 256, "sample_size": 64})
    assert (lcm.steps, lcm.guidance) == (4, 0.0)
    assert profile_from_configs("m", scheduler={"_class_name": "LCMScheduler"}).few_step
    flux = profile_from_configs(
        "black-forest-labs/FLUX.1-schnell",
        model_index={"_class_name": "FluxPipeline"},
        vae={"latent_channels": 16, "block_out_channels": [128, 256, 512, 512]},
    )
    assert flux.family == "flux" and flux.few_step  # its own 16x3 preview projection
    assert profile_from_configs("runwayml/stable-diffusion-v1-5").native_size is None


# -- determinism and progress ------------------------------------------------------------


def test_same_seed_same_png_and_different_seed_differs(backend):
    a = finished(run(backend, seed=1234)).png
    b = finished(run(backend, seed=1234)).png
    c = finished(run(backend, seed=1235)).png
    assert a == b
    assert a != c


def test_one_progress_per_step(backend):
    events = run(backend, steps=6, seed=1)
    progress = [e for e in events if isinstance(e, Progress)]
    assert [p.step for p in progress] == [1, 2, 3, 4, 5, 6]
    assert {p.total for p in progress} == {6}
    assert all(p.eta_s is not None and p.eta_s >= 0 for p in progress)
    assert progress[-1].eta_s == 0
    elapsed = [p.elapsed_s for p in progress]
    assert elapsed == sorted(elapsed)
    assert all(p.preview is None or isinstance(p.preview, bytes) for p in progress)
    assert isinstance(events[0], Started) and isinstance(events[-1], Finished)
    assert len(events) == 6 + 2


def test_previews_decode_as_images(backend):
    progress = [e for e in run(backend, steps=4, seed=2) if isinstance(e, Progress)]
    previews = [p.preview for p in progress if p.preview is not None]
    assert previews, "a 1000 fps throttle lets every step but the last through"
    for data in previews:
        img = Image.open(io.BytesIO(data))
        assert img.format == "JPEG" and img.size == (32, 32)  # latent resolution


@pytest.mark.parametrize("fps, most", [(0.001, 1), (0.0, 0)])
def test_previews_are_throttled(backend, fps, most):
    saved, backend.preview_fps = backend.preview_fps, fps  # read at the start of each run
    try:
        progress = [e for e in run(backend, steps=8, seed=3) if isinstance(e, Progress)]
    finally:
        backend.preview_fps = saved
    assert len(progress) == 8
    assert sum(p.preview is not None for p in progress) <= most


# -- cancel ------------------------------------------------------------------------------


def test_cancel_mid_run_yields_cancelled_not_finished(backend):
    cancel = threading.Event()
    events = []
    for event in backend.generate(GenerationRequest(prompt="a cat", steps=50, seed=9), cancel):
        events.append(event)
        if isinstance(event, Progress) and event.step == 2:
            cancel.set()
    assert isinstance(events[-1], Cancelled)
    assert not any(isinstance(e, Finished) for e in events)
    assert sum(isinstance(e, Cancelled) for e in events) == 1
    assert max(e.step for e in events if isinstance(e, Progress)) < 50
    # The shared pipeline is free again and whole: the next run finishes.
    finished(run(backend, steps=2, seed=9))


def test_cancel_before_start(backend):
    cancel = threading.Event()
    cancel.set()
    events = run(backend, cancel=cancel)
    assert events == [Cancelled()]


# -- validation --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "field, value",
    [
        ("prompt", ""),
        ("prompt", "   "),
        ("width", 0),
        ("width", -64),
        ("width", 63),
        ("width", 4096),
        ("width", 64.0),
        ("height", 65),
        ("height", True),
        ("steps", 0),
        ("steps", 151),
        ("steps", 2.5),
        ("guidance", -0.5),
        ("guidance", 30.5),
        ("guidance", float("nan")),
        ("seed", -1),
        ("seed", SEED_MAX + 1),
        ("model", "someone/another-model"),
    ],
)
def test_invalid_argument_is_named(backend, field, value):
    request = GenerationRequest(prompt="a cat").with_(**{field: value})
    with pytest.raises(InvalidRequest) as info:
        backend.resolve(request)
    assert info.value.field == field
    assert info.value.user_message
    with pytest.raises(InvalidRequest):  # generate validates up front too, before any event
        next(iter(backend.generate(request, threading.Event())))


def test_size_message_says_the_multiple_and_a_valid_value(backend):
    with pytest.raises(InvalidRequest) as info:
        backend.resolve(GenerationRequest(prompt="a cat", width=63))
    assert "multiple of 2" in info.value.user_message and "Try 64" in info.value.user_message


def test_boundaries_are_accepted(backend):
    edge = GenerationRequest(prompt="x", width=2, height=2048, steps=150, guidance=30, seed=SEED_MAX)
    req = backend.resolve(edge)
    assert (req.width, req.height, req.steps, req.guidance, req.seed) == (2, 2048, 150, 30.0, SEED_MAX)
    req = backend.resolve(GenerationRequest(prompt="x", steps=1, guidance=0, seed=0))
    assert (req.steps, req.guidance, req.seed) == (1, 0.0, 0)


# -- missing models ----------------------------------------------------------------------


def test_missing_hub_model_fails_fast_offline():
    b = LocalDiffusersBackend("imagechat-tests/no-such-model")
    ok, why = b.available()
    assert not ok and "--model" in why
    t = time.perf_counter()
    with pytest.raises(ModelNotFound) as info:
        list(b.generate(GenerationRequest(prompt="a cat"), threading.Event()))
    assert time.perf_counter() - t < 1.0
    msg = info.value.user_message
    assert "--model" in msg and "IMAGECHAT_MODEL" in msg and "network access" in msg
    assert not b.loaded


def test_missing_hub_model_fails_fast_when_hub_unreachable(monkeypatch):
    """Online mode, but nothing answers at the hub endpoint: no 20 s of retries."""
    from huggingface_hub import constants

    with socket.socket() as s:  # a loopback port that nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    monkeypatch.delenv("HF_HUB_OFFLINE", raising=False)
    monkeypatch.delenv("HTTPS_PROXY", raising=False)
    monkeypatch.delenv("https_proxy", raising=False)
    monkeypatch.setattr(constants, "HF_HUB_OFFLINE", False)
    monkeypatch.setattr(constants, "ENDPOINT", f"http://127.0.0.1:{port}")
    b = LocalDiffusersBackend("imagechat-tests/no-such-model")
    t = time.perf_counter()
    with pytest.raises(ModelNotFound) as info:
        b.load()
    assert time.perf_counter() - t < 1.0
    assert "cannot reach 127.0.0.1" in info.value.user_message and "--model" in info.value.user_message


def test_folder_that_is_not_a_pipeline(tmp_path):
    (tmp_path / "notes.txt").write_text("not a model")
    b = LocalDiffusersBackend(str(tmp_path))
    ok, why = b.available()
    assert not ok and "model_index.json" in why
    with pytest.raises(ModelNotFound) as info:
        b.load()
    assert "not a diffusers pipeline" in info.value.user_message


def test_folder_with_a_broken_pipeline(tmp_path):
    (tmp_path / "model_index.json").write_text('{"_class_name": "StableDiffusionPipeline", "unet": ')
    with pytest.raises(ModelNotFound) as info:
        LocalDiffusersBackend(str(tmp_path)).load()
    assert "could not be loaded" in info.value.user_message


def test_path_that_does_not_exist(tmp_path):
    b = LocalDiffusersBackend(str(tmp_path / "nowhere"))
    assert not b.available()[0]
    with pytest.raises(ModelNotFound):
        b.load()


# -- errors and devices ------------------------------------------------------------------


def test_out_of_memory_maps_to_a_helpful_error():
    import torch

    err = map_error(torch.OutOfMemoryError("CUDA out of memory. Tried to allocate 20.00 GiB"))
    assert isinstance(err, OutOfMemory) and err.reason == "oom"
    assert "smaller size or fewer steps" in err.user_message
    assert "20.00 GiB" not in err.user_message


def test_device_rules():
    cpu, cuda, ampere = Hardware(), Hardware(cuda=True), Hardware(cuda=True, cuda_bf16=True)
    assert (choose(cpu).device, choose(cpu).dtype) == ("cpu", "float32")
    assert (choose(cuda).device, choose(cuda).dtype) == ("cuda", "float16")
    assert choose(ampere).dtype == "float16"
    assert choose(ampere, family="sdxl").dtype == "bfloat16"
    assert choose(cuda, family="sdxl").dtype == "float16"
    assert (choose(Hardware(mps=True)).device, choose(Hardware(mps=True)).dtype) == ("mps", "float16")
    assert choose(ampere, prefer="cpu").device == "cpu"
    assert choose(ampere, prefer="cpu").dtype == "float32"
    assert choose(cuda, prefer="cuda:1", dtype="bf16").dtype == "bfloat16"
    with pytest.raises(ValueError):
        choose(cpu, prefer="cuda")
    with pytest.raises(ValueError):
        choose(cpu, dtype="float8")


def test_unusable_device_is_a_clear_error(tiny_model_dir):
    b = LocalDiffusersBackend(str(tiny_model_dir), device="tpu")
    with pytest.raises(BackendUnavailable) as info:
        b.load()
    assert "IMAGECHAT_DEVICE" in info.value.user_message and not b.loaded


def _has_cuda() -> bool:
    import torch

    return torch.cuda.is_available()


@pytest.mark.skipif(not _has_cuda(), reason="needs a CUDA GPU")
def test_cuda_half_precision(tiny_model_dir):
    b = LocalDiffusersBackend(str(tiny_model_dir), preview_fps=1000.0)
    events = run(b, steps=4, seed=42)
    image = finished(events)
    assert image.extra["device"] == "cuda" and image.extra["dtype"] == "float16"
    assert Image.open(io.BytesIO(image.png)).size == (64, 64)
    assert any(isinstance(e, Progress) and e.preview for e in events)
    assert finished(run(b, steps=4, seed=42)).png == image.png


def test_counting_tokenizer_is_not_changed_by_generation(tiny_model_dir):
    """The pipeline pads every prompt to 77 tokens on its own tokenizer; counting must not see that."""
    backend = LocalDiffusersBackend(str(tiny_model_dir))
    assert backend.tokenizer() is None  # not loaded yet
    backend.load()
    tok = backend.tokenizer()
    before = len(tok.backend_tokenizer.encode("a cat", add_special_tokens=False).ids)
    list(backend.generate(backend.resolve(GenerationRequest(prompt="a cat", steps=2, seed=1)), threading.Event()))
    after = len(backend.tokenizer().backend_tokenizer.encode("a cat", add_special_tokens=False).ids)
    assert before == after < 10
    assert backend.tokenizer() is not backend._pipe.tokenizer


