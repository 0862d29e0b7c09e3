"""Low-VRAM operation: the pure decision, and the out-of-memory retry on the tiny pipeline (a real
torch.OutOfMemoryError raised inside the denoising loop by a forward hook on the UNet)."""

from __future__ import annotations

import threading

import pytest
import torch

from pipeline.backends.local_diffusers import LocalDiffusersBackend
from pipeline.backends.local_memory import apply_low_memory, plan_memory
from pipeline.errors import OutOfMemory
from pipeline.events import Finished
from pipeline.request import GenerationRequest

GB = 1024**3


@pytest.mark.parametrize("free, weights, side, offload, tiling", [
    (80 * GB, 2 * GB, 512, False, False),  # SD1.5 on a big GPU
    (12 * GB, 5 * GB, 1024, False, False),  # SDXL fp16 fits in 12 GB at 1024²
    (8 * GB, 5 * GB, 1024, False, True),  # in 8 GB with a tiled decode
    (6 * GB, 5 * GB, 1024, True, True),  # not in 6 GB: offload, and tile the decode
    (6 * GB, 2 * GB, 2048, False, True),  # a small model at a large size: only the decode is the problem
    (3 * GB, 2 * GB, 512, True, True),
    (None, 2 * GB, 512, False, False),  # no accelerator figure (CPU, MPS): as loaded
    (8 * GB, None, 512, False, False),  # weights size unknown (a download): as loaded
])
def test_the_plan_follows_free_memory_and_model_size(free, weights, side, offload, tiling):
    plan = plan_memory(free, weights, side, side)
    assert (plan.offload, plan.vae_tiling) == (offload, tiling), plan.reason
    assert plan.reason


def test_no_accelerator_means_no_change():
    assert not plan_memory(1 * GB, 5 * GB, 1024, 1024, accelerator=False).offload


def fresh(tiny_model_dir):
    backend = LocalDiffusersBackend(str(tiny_model_dir), preview_fps=0)
    backend.load()
    return backend


def run(backend):
    events = list(backend.generate(GenerationRequest(prompt="a red fox", steps=2, seed=9), threading.Event()))
    return events[-1]


def fail_with_oom(unet, times: int):
    calls = {"n": 0}

    def hook(module, args):
        if calls["n"] < times:
            calls["n"] += 1
            raise torch.OutOfMemoryError("CUDA out of memory. Tried to allocate 2.00 GiB")

    return unet.register_forward_pre_hook(hook), calls


@pytest.fixture
def one_thread():
    threads = torch.get_num_threads()
    torch.set_num_threads(1)  # tiny runs on a busy machine: one intra-op thread is far faster
    yield
    torch.set_num_threads(threads)


def test_out_of_memory_is_retried_once_the_low_memory_way(tiny_model_dir, one_thread):
    expected = run(fresh(tiny_model_dir))
    backend = fresh(tiny_model_dir)
    handle, calls = fail_with_oom(backend._pipe.unet, times=1)
    try:
        done = run(backend)
    finally:
        handle.remove()
    assert calls["n"] == 1 and isinstance(done, Finished)
    # On the CPU only the tiling applies; the record says what ran and what could not.
    assert done.image.extra["memory"] == "VAE tiling, no model CPU offload (needs a CUDA device)"
    assert done.image.png == expected.image.png  # the same picture: 64 px fits in one tile
    assert backend._pipe.vae.use_tiling


def test_out_of_memory_again_fails_with_the_helpful_message(tiny_model_dir, one_thread):
    backend = fresh(tiny_model_dir)
    handle, calls = fail_with_oom(backend._pipe.unet, times=10)
    try:
        with pytest.raises(OutOfMemory, match="ran out of memory"):
            run(backend)
    finally:
        handle.remove()
    assert calls["n"] == 2  # the first run and the one retry, no more


@pytest.mark.skipif(not torch.cuda.is_available(), reason="model CPU offload needs a CUDA device")
def test_offload_applies_on_cuda(tiny_model_dir):
    from diffusers import AutoPipelineForText2Image

    pipe = AutoPipelineForText2Image.from_pretrained(str(tiny_model_dir))
    done = apply_low_memory(pipe, "cuda")
    assert done.applied == ("model CPU offload", "VAE tiling") and not done.skipped


def test_a_retry_adds_only_what_is_not_on_yet(tiny_model_dir):
    from diffusers import AutoPipelineForText2Image

    pipe = AutoPipelineForText2Image.from_pretrained(str(tiny_model_dir))
    first = apply_low_memory(pipe, "cpu", plan_memory(6 * GB, 2 * GB, 2048, 2048))  # the load's plan: tiling
    assert first.applied == ("VAE tiling",) and not first.skipped
    second = apply_low_memory(pipe, "cpu")  # out of memory: offload is what is left (and needs CUDA)
    assert second.describe() == "VAE tiling, no model CPU offload (needs a CUDA device)"
    assert apply_low_memory(pipe, "cpu") is None  # nothing left to try: the run fails instead
