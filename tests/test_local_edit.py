"""Image-to-image and inpainting on the tiny Stable Diffusion pipeline, through the local backend."""

from __future__ import annotations

import io
import threading

import pytest
from PIL import Image

from pipeline.backends import local_edit
from pipeline.backends.local_diffusers import LocalDiffusersBackend
from pipeline.backends.local_loading import PIPELINES
from pipeline.errors import InvalidRequest
from pipeline.events import Cancelled, Finished, Progress, Started
from pipeline.request import GenerationRequest
from pipeline.source_image import MAX_INPUT_BYTES
from tests.pictures import encode, mask_png, mean_abs_diff, source_png


@pytest.fixture(scope="module")
def backend(tiny_model_dir):
    b = LocalDiffusersBackend(str(tiny_model_dir), preview_fps=1000.0)
    b.load()
    return b


def run(backend, cancel=None, **fields):
    fields.setdefault("prompt", "the same fox at night")
    fields.setdefault("steps", 4)
    fields.setdefault("seed", 11)
    return list(backend.generate(GenerationRequest(**fields), cancel or threading.Event()))


def image_of(events):
    assert isinstance(events[-1], Finished), events[-1]
    return events[-1].image


def test_image_to_image_changes_the_picture_reproducibly_with_steps_by_strength(backend):
    source = source_png()
    events = run(backend, init_image=source, strength=0.5)
    image = image_of(events)
    started = next(e for e in events if isinstance(e, Started))
    progress = [e for e in events if isinstance(e, Progress)]
    # strength 0.5 of 4 steps: diffusers runs the last two, and each reports progress
    assert started.total_steps == 2 and [p.step for p in progress] == [1, 2]
    assert all(p.total == 2 for p in progress) and progress[0].preview is not None
    assert (image.width, image.height) == (64, 64)
    assert mean_abs_diff(image.png, source) > 1.0  # the model repainted it
    again = image_of(run(backend, init_image=source, strength=0.5))
    assert mean_abs_diff(image.png, again.png) <= 1.0  # same seed, same picture
    other_seed = image_of(run(backend, init_image=source, strength=0.5, seed=12))
    assert mean_abs_diff(image.png, other_seed.png) > 1.0


def test_strength_decides_how_much_of_the_schedule_runs(backend):
    # (The tiny model's weights are random, so how far its output lands from the source says nothing;
    # what strength controls, and what is checked, is how many denoising steps run on the picture.)
    source = source_png()
    light = run(backend, init_image=source, strength=0.25)
    heavy = run(backend, init_image=source, strength=1.0)
    assert [e.step for e in light if isinstance(e, Progress)] == [1]
    assert [e.step for e in heavy if isinstance(e, Progress)] == [1, 2, 3, 4]
    assert mean_abs_diff(image_of(light).png, image_of(heavy).png) > 1.0


def test_inpainting_repaints_and_is_reproducible(backend):
    source = source_png()
    mask = mask_png()
    image = image_of(run(backend, init_image=source, mask=mask, strength=0.9))
    assert mean_abs_diff(image.png, source) > 1.0
    again = image_of(run(backend, init_image=source, mask=mask, strength=0.9))
    assert mean_abs_diff(image.png, again.png) <= 1.0
    plain = image_of(run(backend, init_image=source, strength=0.9))
    assert mean_abs_diff(image.png, plain.png) > 0.5  # the mask made a difference


def test_derived_pipelines_share_the_loaded_weights_and_are_made_once(backend):
    run(backend, init_image=source_png(), strength=0.5)
    run(backend, init_image=source_png(), mask=mask_png(), strength=0.5)
    pipe = PIPELINES[backend._spec].pipe
    img2img = local_edit.derived(pipe, local_edit.IMAGE)
    inpaint = local_edit.derived(pipe, local_edit.INPAINT)
    assert type(img2img).__name__ == "StableDiffusionImg2ImgPipeline"
    assert type(inpaint).__name__ == "StableDiffusionInpaintPipeline"
    for derived in (img2img, inpaint):
        assert derived.unet is pipe.unet and derived.vae is pipe.vae and derived.text_encoder is pipe.text_encoder
    assert local_edit.derived(pipe, local_edit.IMAGE) is img2img  # cached, not rebuilt per run


def test_the_output_takes_the_shape_of_the_source_at_the_model_size(backend):
    wide = source_png((128, 64))  # 2:1, larger than the model's 64
    image = image_of(run(backend, init_image=wide, strength=0.5))
    assert (image.width, image.height) == (64, 32)
    jpeg = encode(Image.open(io.BytesIO(source_png())).convert("RGB"), "JPEG")
    assert image_of(run(backend, init_image=jpeg, strength=0.5)).width == 64  # JPEG is taken as well


def test_cancel_stops_an_edit_without_an_image(backend):
    cancel = threading.Event()
    seen = []
    for event in backend.generate(GenerationRequest(prompt="a fox", steps=40, seed=1, init_image=source_png(),
                                                    strength=1.0), cancel):
        seen.append(event)
        if isinstance(event, Progress) and event.step == 2:
            cancel.set()
    assert isinstance(seen[-1], Cancelled) and not any(isinstance(e, Finished) for e in seen)


@pytest.mark.parametrize("fields, field, words", [
    ({"init_image": b"not a picture"}, "init_image", "not a picture"),
    ({"init_image": b"\x89PNG" + b"0" * (MAX_INPUT_BYTES + 1)}, "init_image", "MB"),
    ({"init_image": source_png(), "mask": mask_png((32, 32))}, "mask", "same picture"),
    ({"init_image": source_png(), "mask": encode(Image.new("L", (64, 64), 0))}, "mask", "all black"),
    ({"mask": mask_png()}, "mask", "needs the picture"),
    ({"init_image": source_png(), "strength": 0.1, "steps": 4}, "strength", "no step"),
    ({"init_image": source_png(), "strength": 1.5}, "strength", "at most 1"),
    ({"init_image": encode(Image.new("RGB", (64, 64)), "GIF")}, "init_image", "GIF"),
])
def test_bad_pictures_are_refused_before_any_work_with_a_clear_message(backend, fields, field, words):
    with pytest.raises(InvalidRequest) as caught:
        backend.resolve(GenerationRequest(prompt="a fox", **fields))
    assert caught.value.field == field and words in caught.value.user_message


def test_a_huge_picture_is_refused_from_its_header(backend):
    import struct
    import zlib

    # A PNG header claiming 5000x5000 pixels: refused before a single pixel is decoded.
    def chunk(kind, body):
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
    png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 5000, 5000, 8, 2, 0, 0, 0)) + \
        chunk(b"IDAT", zlib.compress(b"")) + chunk(b"IEND", b"")
    with pytest.raises(InvalidRequest) as caught:
        backend.resolve(GenerationRequest(prompt="a fox", init_image=png))
    assert "megapixels" in caught.value.user_message and caught.value.reason == "too_large"
