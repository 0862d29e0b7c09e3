"""Pictures the tests give the app: made here with Pillow, never downloaded."""

from __future__ import annotations

import io

from PIL import Image, ImageDraw


def source_png(size: tuple[int, int] = (64, 64), colour: tuple[int, int, int] = (200, 60, 40)) -> bytes:
    """A gradient with a disc: not blank, so an edit of it can be told apart from it."""
    picture = Image.linear_gradient("L").resize(size).convert("RGB")
    w, h = size
    ImageDraw.Draw(picture).ellipse((w // 4, h // 4, 3 * w // 4, 3 * h // 4), fill=colour)
    return encode(picture)


def mask_png(size: tuple[int, int] = (64, 64)) -> bytes:
    """White (repaint) on the top half, black (keep) below."""
    mask = Image.new("L", size, 0)
    ImageDraw.Draw(mask).rectangle((0, 0, size[0], size[1] // 2 - 1), fill=255)
    return encode(mask)


def encode(picture: Image.Image, fmt: str = "PNG") -> bytes:
    buf = io.BytesIO()
    picture.save(buf, format=fmt)
    return buf.getvalue()


def mean_abs_diff(a: bytes, b: bytes) -> float:
    """Mean absolute difference of two pictures' RGB values, 0..255."""
    import numpy as np

    x = np.asarray(Image.open(io.BytesIO(a)).convert("RGB"), dtype=np.float64)
    y = np.asarray(Image.open(io.BytesIO(b)).convert("RGB"), dtype=np.float64)
    assert x.shape == y.shape, (x.shape, y.shape)
    return float(np.abs(x - y).mean())
