"""Speed options on the tiny pipeline (CPU): they keep the picture, compile works where a C++
compiler is present, the DeepCache hooks skip deep blocks only between full passes and never
carry features from one call to the next, and the flags parse."""

from __future__ import annotations

import os
import shutil
import sysconfig
from pathlib import Path

import numpy as np
import pytest

from config import parse_config
from pipeline.backends import local_speed
from pipeline.backends.local_speed import SpeedOptions

STEPS = 12  # above DEEPCACHE_MIN_STEPS, so the cache is used


def load(model_dir):
    from diffusers import AutoPipelineForText2Image

    pipe = AutoPipelineForText2Image.from_pretrained(str(model_dir))
    pipe.set_progress_bar_config(disable=True)
    return pipe


def picture(pipe, seed: int = 3, steps: int = STEPS, prompt: str = "a lighthouse on a cliff", **kwargs) -> np.ndarray:
    import torch

    with torch.inference_mode():
        return pipe(prompt, num_inference_steps=steps, width=64, height=64, output_type="np",
                    generator=torch.Generator("cpu").manual_seed(seed), **kwargs).images[0]


def unet_calls(pipe) -> list[int]:
    """Counts the forward calls of a layer inside the UNet's mid block (a deep block) while the
    pipeline runs (a layer inside: the cache replaces the block's forward, not its __call__)."""
    calls = [0]
    layer = pipe.unet.mid_block.resnets[0]
    handle = layer.register_forward_pre_hook(lambda *_: calls.__setitem__(0, calls[0] + 1))
    return calls, handle


def test_fused_qkv_and_channels_last_keep_the_picture(tiny_model_dir):
    pipe = load(tiny_model_dir)
    before = picture(pipe)
    denoiser, _ = local_speed._denoiser(pipe)
    assert local_speed._channels_last(pipe, denoiser)
    fused, why = local_speed._fuse_qkv(pipe, denoiser)
    assert fused, why
    after = picture(pipe)
    assert np.abs(after - before).max() < 1e-3


def test_deepcache_skips_deep_blocks_between_full_passes_and_stays_close(tiny_model_dir):
    pipe = load(tiny_model_dir)
    before = picture(pipe)
    applied = local_speed.apply(pipe, SpeedOptions(deepcache=True, deepcache_interval=3))
    assert applied.cache and "deepcache" in applied.cache
    calls, handle = unet_calls(pipe)
    cached = picture(pipe)
    handle.remove()
    assert calls[0] == len(range(0, STEPS, 3))  # the mid block ran on full passes only: steps 0, 3, 6, 9
    # an approximation by design, but a close one (random weights make it no better than this)
    assert 0 < np.abs(cached - before).mean() < 0.1
    # the same call again gives the same picture: nothing carried over from the previous call
    assert np.array_equal(picture(pipe), cached)

    local_speed.remove_cache(pipe)
    calls, handle = unet_calls(pipe)
    assert np.abs(picture(pipe) - before).max() < 1e-5  # every block runs again
    handle.remove()
    assert calls[0] == STEPS


def test_deepcache_starts_every_call_afresh_and_leaves_few_step_pictures_alone(tiny_model_dir):
    pipe = load(tiny_model_dir)
    exact_few = picture(pipe, steps=4)
    exact_other = picture(pipe, seed=9, prompt="a red fox in the snow")
    local_speed.apply(pipe, SpeedOptions(deepcache=True))
    picture(pipe)  # a first call leaves features behind...
    again = picture(pipe, seed=9, prompt="a red fox in the snow")  # ...that the next call must not use
    reference = load(tiny_model_dir)
    local_speed.apply(reference, SpeedOptions(deepcache=True))
    assert np.array_equal(again, picture(reference, seed=9, prompt="a red fox in the snow"))
    assert np.abs(again - exact_other).mean() < 0.1
    assert np.abs(picture(pipe, steps=4) - exact_few).max() < 1e-5  # under the minimum: no caching


def _cpp_compiler() -> str | None:
    """Why torch.compile cannot build CPU kernels here, or None when it can."""
    if not (shutil.which(os.environ.get("CXX", "g++")) or shutil.which("c++") or shutil.which("clang++")):
        return "no C++ compiler on PATH (torch.compile's CPU backend, inductor, builds C++ kernels)"
    if not (Path(sysconfig.get_paths()["include"]) / "Python.h").exists():
        return "no Python.h (python3-dev) for inductor's C++ kernels"
    return None


@pytest.mark.slow
@pytest.mark.timeout(1200)  # inductor builds C++ kernels: minutes on a busy 2-core machine
@pytest.mark.skipif(_cpp_compiler() is not None, reason=str(_cpp_compiler()))
def test_compile_keeps_the_picture_and_warm_up_covers_the_default_shapes(tiny_model_dir):
    import torch

    pipe = load(tiny_model_dir)
    before = picture(pipe, steps=4)
    torch._dynamo.reset()
    # the transformer blocks only: the same compiler and warm-up path as the full scope, in a
    # fraction of its compile time on a CPU (the full scope's figures are in bench/gpu.py)
    applied = local_speed.apply(pipe, SpeedOptions(compile=True, compile_scope="blocks"))
    assert applied.compiled == ("unet (transformer blocks)",) and applied.channels_last and applied.fused_qkv
    assert local_speed.compile_note(pipe, 64, 64, 1) is not None  # said before the first compile
    took = local_speed.warm_up(pipe, 64, 64, batch_sizes=(1, 2), steps=2)
    assert took > 0
    assert local_speed.compile_note(pipe, 64, 64, 1) is None
    assert local_speed.compile_note(pipe, 64, 64, 4) is None  # two batch sizes seen: the batch is dynamic
    note = local_speed.compile_note(pipe, 96, 64, 1)
    assert note and "96×64" in note  # a new size is announced
    after = picture(pipe, steps=4)
    assert np.abs(after - before).max() < 2e-3


def test_options_are_checked_and_read_from_the_flags(tiny_model_dir):
    with pytest.raises(ValueError, match="2 to 10"):
        SpeedOptions(deepcache=True, deepcache_interval=1)
    with pytest.raises(ValueError, match="full or blocks"):
        SpeedOptions(compile=True, compile_scope="most")
    config = parse_config(["--compile", "--deepcache", "--deepcache-interval", "4"], env={})
    assert local_speed.options_from(config) == SpeedOptions(compile=True, deepcache=True, deepcache_interval=4)
    assert local_speed.options_from(parse_config([], env={})) == SpeedOptions()
    assert parse_config([], env={"IMAGECHAT_COMPILE": "1", "IMAGECHAT_DEEPCACHE_INTERVAL": "5"}).compile
    with pytest.raises(SystemExit):
        parse_config(["--deepcache-interval", "1"], env={})
    assert local_speed.apply(load(tiny_model_dir), SpeedOptions()) == local_speed.Applied()


def test_the_worker_takes_the_same_flags():
    from pipeline.worker import parse_args

    args = parse_args(["--broker", "redis://127.0.0.1:6379/0", "--compile", "--deepcache-interval", "2"])
    assert local_speed.options_from(args) == SpeedOptions(compile=True, deepcache_interval=2)


def test_the_backend_applies_deepcache_when_it_loads_and_leaves_short_runs_alone(tiny_model_dir):
    """--deepcache reaches the loaded model: a long run changes (deep features reused), a run under
    the minimum steps is the plain picture, byte for byte."""
    import threading

    from pipeline.backends.local_diffusers import LocalDiffusersBackend
    from pipeline.events import Finished
    from pipeline.request import GenerationRequest

    def png(backend, steps):
        events = list(backend.generate(GenerationRequest(prompt="a lighthouse on a cliff", steps=steps, seed=5),
                                       threading.Event()))
        assert isinstance(events[-1], Finished), events[-1]
        return events[-1].image.png

    plain = LocalDiffusersBackend(str(tiny_model_dir), preview_fps=0)
    cached = LocalDiffusersBackend(str(tiny_model_dir), preview_fps=0, speed=SpeedOptions(deepcache=True))
    assert png(cached, 4) == png(plain, 4)
    assert png(cached, 12) != png(plain, 12)
