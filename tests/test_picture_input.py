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


def test_a_region_of_a_loaded_picture_edits_the_stored_original(tmp_path):
    """The editor hands its picture back as its canvas renders it (resampled, re-encoded): a region
    painted on a picture loaded from the conversation edits the stored original by id, its mask scaled
    to it; a picture dropped into the editor (before or after loading), or one cropped there, is stored."""
    from storage import NewImage, Store
    from web.picture_input import region_source

    def png(image):
        buf = io.BytesIO()
        image.save(buf, format="PNG")
        return buf.getvalue()

    import random

    from PIL import ImageFilter

    rng = random.Random(7)  # a detailed picture: the canvas's blur moves it a lot, pixel by pixel
    original = Image.new("RGB", (192, 128))
    original.putdata([(rng.randrange(256), rng.randrange(256), rng.randrange(256)) for _ in range(192 * 128)])
    store = Store(str(tmp_path / "chat.duckdb"))
    conv = store.create_conversation(user="ann")
    image_id = store.add_image(NewImage(png=png(original), width=192, height=128, backend="local", model="tiny",
                                        conversation_id=conv, user="ann"))
    half_mask = Image.new("L", (96, 64), 0)
    ImageDraw.Draw(half_mask).rectangle((0, 0, 47, 63), fill=255)
    shown = png(original.resize((96, 64)).filter(ImageFilter.GaussianBlur(1.5)))  # the canvas's copy

    found = region_source(store, "ann", image_id, shown, png(half_mask))
    assert found.image_id == image_id and found.picture is None
    mask = Image.open(io.BytesIO(found.mask))
    assert mask.size == (192, 128) and mask.getpixel((10, 10)) == 255 and mask.getpixel((180, 10)) == 0

    dropped = region_source(store, "ann", None, shown, png(half_mask))
    assert dropped.image_id is None and dropped.picture == shown
    other = png(Image.new("RGB", (96, 64), (220, 40, 10)))  # dropped into the editor after loading
    replaced = region_source(store, "ann", image_id, other, png(half_mask))
    assert replaced.image_id is None and replaced.picture == other
    square = png(original.resize((96, 64)).crop((0, 0, 64, 64)))
    cropped = region_source(store, "ann", image_id, square, png(half_mask.crop((0, 0, 64, 64))))
    assert cropped.image_id is None
    assert region_source(store, "bob", image_id, shown, png(half_mask)).image_id is None  # not bob's picture
    store.close()
