"""Previews for 16-channel latent families: SD3 on real latents from a tiny SD3 pipeline's callback,
FLUX's packed latents unpacked the way diffusers packs them."""

from __future__ import annotations

import io

import pytest
import torch
from PIL import Image

from pipeline.backends.local_hub import read_model_configs
from pipeline.backends.local_previews import safe_preview
from pipeline.backends.local_profile import profile_from_configs
from pipeline.preview import LATENT_RGB_FACTORS, latents_to_preview, unpack_flux


@pytest.fixture(scope="module")
def sd3(tmp_path_factory):
    from tests.tiny_sd3 import build_tiny_sd3

    folder = tmp_path_factory.mktemp("tiny-sd3") / "model"
    return build_tiny_sd3(folder), folder


def test_an_sd3_folder_is_profiled_as_the_sd3_family(sd3):
    _, folder = sd3
    profile = profile_from_configs(str(folder), **read_model_configs(str(folder)))
    assert profile.family == "sd3" and len(LATENT_RGB_FACTORS["sd3"]) == 16


def test_sd3_latents_from_the_callback_make_previews(sd3):
    pipe, _ = sd3
    frames = []

    def on_step_end(p, i, t, kwargs):
        latents = kwargs["latents"]
        frames.append((latents.clone(), safe_preview(latents, "sd3", p.scheduler)))
        return {}

    with torch.random.fork_rng(devices=[]):
        threads = torch.get_num_threads()
        torch.set_num_threads(1)
        try:
            pipe("a red fox", num_inference_steps=3, height=64, width=64, guidance_scale=2.0,
                 generator=torch.Generator("cpu").manual_seed(0), callback_on_step_end=on_step_end,
                 callback_on_step_end_tensor_inputs=["latents"])
        finally:
            torch.set_num_threads(threads)
    assert len(frames) == 3
    latents, preview = frames[0]
    assert tuple(latents.shape) == (1, 16, 32, 32)  # 16 channels at 64 px / vae factor 2
    img = Image.open(io.BytesIO(preview))
    assert img.format == "JPEG" and img.size == (32, 32)
    assert len({p for _, p in frames}) == 3  # each step shows the picture changing
    assert latents_to_preview(latents, "sd15") is None  # a 4-channel projection refuses 16 channels


def test_flux_packed_latents_unpack_as_diffusers_packs_them():
    from diffusers import FluxPipeline

    latents = torch.randn(1, 16, 8, 12, generator=torch.Generator().manual_seed(0))
    packed = FluxPipeline._pack_latents(latents, 1, 16, 8, 12)
    assert tuple(packed.shape) == (1, 24, 64)
    assert torch.equal(unpack_flux(packed, height=64, width=96, vae_scale_factor=8), latents)
    preview = safe_preview(packed, "flux", None, (64, 96), 8)
    assert Image.open(io.BytesIO(preview)).size == (12, 8)
