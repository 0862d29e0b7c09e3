"""--preview latent|taesd|off on the tiny pipeline; TAESD is a tiny random AutoencoderTiny saved here."""

from __future__ import annotations

import io
import threading

import pytest
import torch
from PIL import Image

from pipeline.backends.local_diffusers import LocalDiffusersBackend
from pipeline.events import Finished, Progress
from pipeline.preview_taesd import check_folder, load_decoder, taesd_preview
from pipeline.request import GenerationRequest


def build_tiny_taesd(folder):
    from diffusers import AutoencoderTiny

    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(0)
        AutoencoderTiny(encoder_block_out_channels=(16, 16), decoder_block_out_channels=(16, 16),
                        num_encoder_blocks=(1, 1), num_decoder_blocks=(1, 1), latent_channels=4).save_pretrained(folder)
    return folder


@pytest.fixture(scope="module")
def taesd(tmp_path_factory):
    return str(build_tiny_taesd(tmp_path_factory.mktemp("taesd") / "taesd"))


def previews(tiny_model_dir, **options):
    threads = torch.get_num_threads()
    torch.set_num_threads(1)  # tiny runs on a busy machine: one intra-op thread is far faster
    try:
        backend = LocalDiffusersBackend(str(tiny_model_dir), preview_fps=1000.0, **options)
        events = list(backend.generate(GenerationRequest(prompt="a red fox", steps=3, seed=2), threading.Event()))
    finally:
        torch.set_num_threads(threads)
    assert isinstance(events[-1], Finished)
    return [e.preview for e in events if isinstance(e, Progress)]


def test_each_preview_mode(tiny_model_dir, taesd):
    latent = previews(tiny_model_dir, preview="latent")
    sharp = previews(tiny_model_dir, preview="taesd", taesd=taesd)
    off = previews(tiny_model_dir, preview="off")
    assert off == [None, None, None]
    for frames in (latent, sharp):
        assert all(frames[:2]) and frames[2] is None  # the last frame is the image itself
    # The projection shows the 32x32 latent; TAESD decodes it (x2 per level after the first).
    assert Image.open(io.BytesIO(latent[0])).size == (32, 32)
    assert Image.open(io.BytesIO(sharp[0])).size == (64, 64)
    assert sharp[0] != latent[0]


def test_a_decoder_for_other_latents_gives_no_preview(taesd):
    decoder = load_decoder(taesd, "cpu", torch.float32)
    assert load_decoder(taesd, "cpu", torch.float32) is decoder  # loaded once
    assert taesd_preview(decoder, torch.randn(1, 16, 8, 8)) is None
    assert taesd_preview(decoder, torch.randn(1, 4, 8, 8))


def test_bad_taesd_settings_are_refused_up_front(tiny_model_dir, tmp_path):
    assert "needs --taesd" in check_folder(None)
    assert "no config.json" in check_folder(str(tmp_path))
    with pytest.raises(ValueError, match="no config.json"):
        LocalDiffusersBackend(str(tiny_model_dir), preview="taesd", taesd=str(tmp_path))
    with pytest.raises(ValueError, match="latent, taesd, off"):
        LocalDiffusersBackend(str(tiny_model_dir), preview="vae")
