"""The local backend on a tiny SDXL pipeline: its profile, text-to-image, image-to-image, previews,
and A1111 prompt weighting and clip skip built as SDXL's own ``encode_prompt`` builds its tensors."""

from __future__ import annotations

import threading

import pytest

from pipeline.backends import local_weighting
from pipeline.events import Finished, Progress
from pipeline.request import GenerationRequest
from tests.pictures import mean_abs_diff, source_png
from tests.one_thread import loaded_on_one_thread


@pytest.fixture(scope="module")
def sdxl_dir(tmp_path_factory):
    from tests.tiny_sdxl import build_tiny_sdxl

    path = tmp_path_factory.mktemp("tiny-sdxl") / "model"
    build_tiny_sdxl(path)
    return path


@pytest.fixture(scope="module")
def backend(sdxl_dir):
    yield from loaded_on_one_thread(sdxl_dir, preview_fps=1000.0)


@pytest.fixture(scope="module")
def pipe(sdxl_dir):
    from diffusers import StableDiffusionXLPipeline

    return StableDiffusionXLPipeline.from_pretrained(str(sdxl_dir))


def run(backend, prompt="a photo of a red fox in the snow", **fields):
    fields = {"prompt": prompt, "steps": 3, "seed": 11, **fields}
    return list(backend.generate(GenerationRequest(**fields), threading.Event()))


def image(backend, prompt="a photo of a red fox in the snow", **fields):
    events = run(backend, prompt, **fields)
    assert isinstance(events[-1], Finished), events[-1]
    return events[-1].image


def test_the_profile_reads_sdxl_from_the_folder(backend):
    assert backend.profile().family == "sdxl"
    req = backend.resolve(GenerationRequest(prompt="a cat"))
    assert (req.width, req.height) == (64, 64)  # its own sample_size x vae scale


def test_text_to_image_is_seeded_and_previews_every_step(backend):
    events = run(backend)
    progress = [e for e in events if isinstance(e, Progress)]
    assert [p.step for p in progress] == [1, 2, 3]
    assert any(p.preview for p in progress)  # SDXL's own latent-to-RGB factors
    first = events[-1].image
    assert image(backend).png == first.png
    assert image(backend, seed=12).png != first.png


def test_own_encoding_is_sdxls_encode_prompt_exactly(pipe):
    clips = local_weighting._clips(pipe)
    assert len(clips) == 2
    text = "a photo of a red fox in the snow"
    ours = local_weighting._encode(clips, local_weighting.parse_weights(text), local_weighting._Layer(2, norm=False))
    embeds, _, pooled, _ = pipe.encode_prompt(text, device="cpu", do_classifier_free_guidance=False)
    assert ours.embeds.shape == embeds.shape == (1, 77, 64)
    assert float((ours.embeds - embeds).abs().max()) == 0.0
    assert float((ours.pooled - pooled).abs().max()) == 0.0


def test_a_weight_changes_the_picture_and_weight_one_does_not(backend):
    plain = image(backend)
    assert image(backend, "a photo of a (red:1.0) fox in the snow").png == plain.png
    weighted = image(backend, "a photo of a (red:1.6) fox in the snow")
    assert mean_abs_diff(weighted.png, plain.png) > 0
    assert image(backend, "a photo of a (red:1.6) fox in the snow").png == weighted.png
    assert weighted.prompt_sent == "a photo of a (red:1.6) fox in the snow"


def test_an_empty_negative_is_zeros_as_the_model_asks_and_a_weighted_one_is_encoded(pipe):
    args = local_weighting.text_arguments(pipe, "a (red:1.3) fox", "", None)
    assert float(args["negative_prompt_embeds"].abs().max()) == 0.0
    assert float(args["negative_pooled_prompt_embeds"].abs().max()) == 0.0
    args = local_weighting.text_arguments(pipe, "a (red:1.3) fox", "(blurry:1.2)", None)
    assert float(args["negative_prompt_embeds"].abs().max()) > 0.0
    assert args["pooled_prompt_embeds"].shape == args["negative_pooled_prompt_embeds"].shape == (1, 32)


def test_clip_skip_and_a_long_weighted_prompt_run(backend, pipe):
    plain = image(backend)
    assert image(backend, clip_skip=2).png != plain.png
    long = ", ".join(["a (red:1.2) fox in the snow"] * 20)  # over 75 tokens: chunked, as A1111
    args = local_weighting.text_arguments(pipe, long, "blurry", None)
    assert args["prompt_embeds"].shape[1] == args["negative_prompt_embeds"].shape[1] > 77
    assert image(backend, long, negative_prompt="blurry").png


def test_image_to_image_from_the_loaded_sdxl(backend):
    source = source_png()
    out = image(backend, "the same fox at night", init_image=source, strength=0.5, steps=4)
    assert (out.width, out.height) == (64, 64)
    assert mean_abs_diff(out.png, source) > 1.0
    again = image(backend, "the same fox at night", init_image=source, strength=0.5, steps=4)
    assert mean_abs_diff(out.png, again.png) <= 1.0
