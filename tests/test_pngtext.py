"""The A1111 "parameters" text and PNG chunk: round trips, other tools' text, real PNG readers."""

from __future__ import annotations

import io
import zlib

import pytest
from PIL import Image, PngImagePlugin

from storage.pngtext import (
    embed_parameters,
    parameters_to_recipe,
    read_parameters,
    recipe_to_parameters,
    remove_parameters,
)


def small_png(size=(16, 12), color=(200, 40, 90), **save) -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", size, color).save(buf, format="PNG", **save)
    return buf.getvalue()


FULL = {
    "prompt": "a lighthouse at dusk, oil painting",
    "negative_prompt": "blurry, text",
    "steps": 20,
    "sampler": "Euler",
    "guidance": 7.5,
    "seed": 123,
    "width": 512,
    "height": 512,
    "model": "stabilityai/sd-turbo",
    "backend": "local",
}


def test_the_written_text_is_the_a1111_layout():
    assert recipe_to_parameters(FULL) == (
        "a lighthouse at dusk, oil painting\n"
        "Negative prompt: blurry, text\n"
        "Steps: 20, Sampler: Euler, CFG scale: 7.5, Seed: 123, Size: 512x512, "
        "Model: stabilityai/sd-turbo, Backend: local"
    )
    # No negative prompt: no such line. Missing values are left out, not written as None.
    text = recipe_to_parameters({"prompt": "a cat", "seed": 1, "width": 64, "height": 64,
                                 "steps": None, "model": "m"})
    assert text == "a cat\nSeed: 1, Size: 64x64, Model: m"


ROUND_TRIP = [
    "plain",
    "commas, everywhere, (weighted:1.3), [brackets]",
    "first line\nsecond line\n\nafter a blank line",
    "colon: in the middle, and Steps: 30 inside the prompt",
    "emoji 🦊🌃 and 中文 and العربية",
    '"quoted" prompt with "quotes"',
    "  leading and trailing spaces  ",
    "Negative words in the middle are fine",
    "",
]


@pytest.mark.parametrize("prompt", ROUND_TRIP, ids=range(len(ROUND_TRIP)))
def test_recipes_round_trip_exactly(prompt):
    recipe = {
        **FULL,
        "prompt": prompt,
        "negative_prompt": "bad, ugly\nsecond: line 🙈",
        "model": 'odd, model: "name"',
        "style": "photo",
        "prompt_typed": prompt + " (as typed)",
        "quality": "hd",
        "seed": 2**64 - 1,
        "guidance": 0.0,
        "other": {"Model hash": "6ce0161689", "Note": "a, b: c\nd"},
    }
    back = parameters_to_recipe(recipe_to_parameters(recipe))
    assert back == recipe


def test_a_recipe_without_negative_or_settings_round_trips():
    for recipe in ({"prompt": "only a prompt, with a comma", "negative_prompt": "", "other": {}},
                   {"prompt": "x", "negative_prompt": "", "steps": 4, "other": {}}):
        assert parameters_to_recipe(recipe_to_parameters(recipe)) == recipe


A1111 = (
    "masterpiece, best quality, 1girl, (solo:1.2), looking at viewer\n"
    "Negative prompt: lowres, bad anatomy, (worst quality:1.4)\n"
    "Steps: 28, Sampler: DPM++ 2M Karras, CFG scale: 7, Seed: 3405691582, Size: 512x768, "
    "Model hash: 6ce0161689, Model: v1-5-pruned-emaonly, Denoising strength: 0.5, Clip skip: 2, "
    'Lora hashes: "add_detail: 7c6bad76eb54", Version: v1.6.0\n'
)


def test_text_written_by_a1111_parses_sensibly():
    r = parameters_to_recipe(A1111)
    assert r["prompt"] == "masterpiece, best quality, 1girl, (solo:1.2), looking at viewer"
    assert r["negative_prompt"] == "lowres, bad anatomy, (worst quality:1.4)"
    assert (r["steps"], r["sampler"], r["guidance"], r["seed"]) == (28, "DPM++ 2M Karras", 7.0,
                                                                    3405691582)
    assert (r["width"], r["height"], r["model"]) == (512, 768, "v1-5-pruned-emaonly")
    assert r["clip_skip"] == 2
    assert r["other"] == {"Model hash": "6ce0161689", "Denoising strength": "0.5",
                          "Lora hashes": "add_detail: 7c6bad76eb54", "Version": "v1.6.0"}
    assert "backend" not in r and "style" not in r


def test_other_shapes_of_foreign_text():
    # A prompt only (no settings line): all of it is the prompt.
    assert parameters_to_recipe("just a prompt, no settings")["prompt"] == \
        "just a prompt, no settings"
    # Multi-line prompt and negative, settings with unparseable values kept as text.
    r = parameters_to_recipe("line one\nline two\nNegative prompt: n1\nn2\n"
                             "Steps: many, Seed: -, CFG scale: 5, Size: big")
    assert (r["prompt"], r["negative_prompt"]) == ("line one\nline two", "n1\nn2")
    assert r["guidance"] == 5.0 and "steps" not in r and "seed" not in r and "width" not in r
    assert r["other"] == {"Steps": "many", "Seed": "-", "Size": "big"}
    # A last line that merely has a colon is prompt, not settings.
    assert parameters_to_recipe("a cat\nstyle: anime")["prompt"] == "a cat\nstyle: anime"


# --- the PNG chunk --------------------------------------------------------------------------


def test_embed_then_read_with_pillow_and_remove_gives_the_original_bytes():
    png = small_png()
    for text in (recipe_to_parameters(FULL), "latin-1 only: café", "emoji 🦊 needs iTXt\nline"):
        tagged = embed_parameters(png, text)
        assert tagged != png
        assert read_parameters(tagged) == text
        with Image.open(io.BytesIO(tagged)) as img:  # Pillow, as other tools read it
            assert img.info["parameters"] == text
            img.load()  # the pixel data is intact
            assert img.getpixel((0, 0)) == (200, 40, 90)
        assert remove_parameters(tagged) == png
    assert read_parameters(png) is None


def test_embedding_twice_replaces_the_chunk_and_keeps_other_chunks():
    info = PngImagePlugin.PngInfo()
    info.add_text("Software", "some tool")
    png = small_png(pnginfo=info)
    once = embed_parameters(png, "first")
    twice = embed_parameters(once, "second")
    assert read_parameters(twice) == "second"
    assert twice.count(b"parameters") == 1
    with Image.open(io.BytesIO(twice)) as img:
        assert img.info["Software"] == "some tool"
    assert remove_parameters(twice) == png


def test_chunks_written_by_pillow_are_read_including_compressed_and_trailing_ones():
    info = PngImagePlugin.PngInfo()
    info.add_text("parameters", "zipped 🦊 text", zip=True)  # compressed iTXt
    assert read_parameters(small_png(pnginfo=info)) == "zipped 🦊 text"

    # A tEXt chunk after the image data (allowed by the PNG spec; some tools write it there).
    png = small_png()
    iend = png.rindex(b"IEND") - 4
    body = b"parameters\0late text"
    chunk = len(body).to_bytes(4, "big") + b"tEXt" + body + \
        zlib.crc32(b"tEXt" + body).to_bytes(4, "big")
    late = png[:iend] + chunk + png[iend:]
    assert read_parameters(late) == "late text"


def test_bytes_after_iend_are_kept_and_non_pngs_are_refused():
    png = small_png() + b"trailing bytes some tools append"
    assert remove_parameters(embed_parameters(png, "x")) == png
    with pytest.raises(ValueError):
        embed_parameters(b"GIF89a not a png", "x")
    with pytest.raises(ValueError):
        read_parameters(b"not an image at all")
    buf = io.BytesIO()
    Image.new("RGB", (4, 4)).save(buf, format="JPEG")
    assert read_parameters(buf.getvalue()) is None  # an image, but not a PNG
