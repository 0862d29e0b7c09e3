"""The chat's picture widgets' values turned into bytes: the message box's attachment and the region
painted in "Edit a region" (gr.ImageEditor with type="pil")."""

from __future__ import annotations

import io

import pytest
from PIL import Image, ImageDraw

from pipeline.source_image import MAX_INPUT_BYTES, PictureTooLarge
from web.picture_input import editor_parts, message_parts, pending_parts, read_upload, region_note


def test_message_parts_of_text_and_of_a_multimodal_value():
    assert message_parts("a fox") == ("a fox", None)
    assert message_parts({"text": "make it blue", "files": ["/tmp/x.png"]}) == ("make it blue", "/tmp/x.png")
    assert message_parts({"text": "hi", "files": [{"path": "/tmp/y.png"}]}) == ("hi", "/tmp/y.png")
    assert message_parts({"text": "", "files": []}) == ("", None)
    assert message_parts(None) == ("", None)
    assert pending_parts({"text": "t", "picture": "/p"}) == ("t", "/p") and pending_parts("t") == ("t", None)


def test_the_painted_strokes_become_the_mask_and_the_background_the_picture():
    background = Image.new("RGB", (64, 48), (10, 120, 200))
    layer = Image.new("RGBA", (64, 48), (0, 0, 0, 0))
    ImageDraw.Draw(layer).rectangle((0, 0, 31, 47), fill=(255, 255, 255, 255))
    picture, mask = editor_parts({"background": background, "layers": [layer], "composite": background})
    assert Image.open(io.BytesIO(picture)).size == (64, 48)
    m = Image.open(io.BytesIO(mask)).convert("L")
    assert m.getpixel((5, 5)) == 255 and m.getpixel((60, 5)) == 0
    assert editor_parts({"background": background, "layers": [], "composite": background})[1] is None
    assert editor_parts(None) == (None, None)


def test_the_region_note_says_what_the_next_message_will_redo():
    background = Image.new("RGB", (64, 48), (10, 120, 200))
    layer = Image.new("RGBA", (64, 48), (0, 0, 0, 0))
    ImageDraw.Draw(layer).rectangle((0, 0, 15, 47), fill=(255, 255, 255, 255))  # a quarter
    assert region_note({"background": background, "layers": [layer]}) == (
        "The next message redoes the painted region (25% of the picture).")
    assert region_note({"background": background, "layers": []}).startswith("Nothing painted yet")
    assert region_note(None) == ""


def test_an_upload_over_the_limit_is_refused_before_it_is_read(tmp_path):
    big = tmp_path / "big.png"
    with open(big, "wb") as f:
        f.truncate(MAX_INPUT_BYTES + 1)
    with pytest.raises(PictureTooLarge):
        read_upload(str(big))
    assert read_upload(None) is None
