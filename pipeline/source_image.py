"""Pictures given to the app to start from (image-to-image) and masks (inpainting): checked against
limits before any decoding work, then turned into what a backend takes (PNG of the working size).

Pure functions over bytes; no storage, no model. Every refusal is an ``InvalidRequest`` naming the
field, with a message a person can act on.
"""

from __future__ import annotations

import base64
import binascii
import io
import warnings
from dataclasses import dataclass

from pipeline.errors import InvalidRequest

MAX_INPUT_BYTES = 20 * 1024 * 1024  # a phone photo is 2-8 MB; a PNG screenshot of a 4K screen ~15 MB
MAX_INPUT_PIXELS = 4096 * 4096  # checked from the header, before the pixels are decoded
MIN_SIDE = 8
FORMATS = {"PNG": "image/png", "JPEG": "image/jpeg", "WEBP": "image/webp"}
_B64_OVERHEAD = 4 / 3


class PictureTooLarge(InvalidRequest):
    """Over a byte or pixel limit: HTTP answers 413 rather than 422."""

    reason = "too_large"


@dataclass(frozen=True)
class SourcePicture:
    """A checked picture: its bytes as given, their type and size."""

    data: bytes
    mime: str
    width: int
    height: int


def decode_base64(text: object, field: str) -> bytes:
    """Base64 (optionally a ``data:image/...;base64,`` URL) to bytes; the length is checked first."""
    if not isinstance(text, str) or not text.strip():
        raise InvalidRequest(field, f"{field} is empty: send the picture as Base64 (PNG, JPEG or WebP).")
    if text.startswith("data:"):
        head, _, text = text.partition(",")
        if ";base64" not in head:
            raise InvalidRequest(field, f"{field} is a data: URL without ;base64; send it Base64-encoded.")
    if len(text) > MAX_INPUT_BYTES * _B64_OVERHEAD + 16:
        raise PictureTooLarge(field, f"{field} is larger than {MAX_INPUT_BYTES // (1024 * 1024)} MB; "
                                     "send a smaller picture.")
    try:
        return base64.b64decode("".join(text.split()), validate=True)
    except (binascii.Error, ValueError):
        raise InvalidRequest(field, f"{field} is not valid Base64.") from None


def inspect(data: object, field: str = "init_image") -> SourcePicture:
    """Check a picture's bytes: size, format and pixel count from the header alone."""
    from PIL import Image, UnidentifiedImageError

    if not isinstance(data, (bytes, bytearray, memoryview)) or not data:
        raise InvalidRequest(field, f"{field} is empty: attach a PNG, JPEG or WebP picture.")
    data = bytes(data)
    if len(data) > MAX_INPUT_BYTES:
        raise PictureTooLarge(field, f"{field} is {len(data) / 1e6:.1f} MB; the most a picture may be is "
                                     f"{MAX_INPUT_BYTES // (1024 * 1024)} MB.")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # PIL's own bomb warning: our limit below is stricter
            with Image.open(io.BytesIO(data)) as img:
                fmt, (width, height) = img.format, img.size
    except Image.DecompressionBombError:  # Pillow's own ceiling, far above ours
        raise PictureTooLarge(field, f"{field} has too many pixels; the most is "
                                     f"{MAX_INPUT_PIXELS / 1e6:.1f} megapixels (e.g. 4096×4096).") from None
    except (UnidentifiedImageError, OSError, ValueError):
        raise InvalidRequest(field, f"{field} is not a picture this app can read: send a PNG, JPEG or WebP.") from None
    if fmt not in FORMATS:
        raise InvalidRequest(field, f"{field} is a {fmt} file; send a PNG, JPEG or WebP picture.")
    if width * height > MAX_INPUT_PIXELS:
        raise PictureTooLarge(field, f"{field} is {width}×{height} pixels; the most is "
                                     f"{MAX_INPUT_PIXELS / 1e6:.1f} megapixels (e.g. 4096×4096).")
    if min(width, height) < MIN_SIDE:
        raise InvalidRequest(field, f"{field} is {width}×{height} pixels; each side needs at least {MIN_SIDE}.")
    return SourcePicture(data, FORMATS[fmt], width, height)


def working_size(width: int, height: int, longest: int, multiple: int) -> tuple[int, int]:
    """The source's shape, its longest side brought to ``longest`` (a model draws best at its own
    size), each side a multiple of ``multiple`` and at least one multiple."""
    scale = longest / max(width, height)

    def snap(v: float) -> int:
        return max(multiple, int(round(v * scale / multiple)) * multiple)

    return snap(width), snap(height)


def to_png(data: bytes, size: tuple[int, int] | None = None) -> bytes:
    """The picture as RGB PNG, resized to ``size`` when given (transparency laid on white)."""
    from PIL import Image

    with Image.open(io.BytesIO(data)) as img:
        img.load()
        if img.mode in ("RGBA", "LA", "P"):
            rgba = img.convert("RGBA")
            rgb = Image.new("RGB", rgba.size, (255, 255, 255))
            rgb.paste(rgba, mask=rgba.getchannel("A"))
        else:
            rgb = img.convert("RGB")
    if size is not None and rgb.size != size:
        rgb = rgb.resize(size, Image.Resampling.LANCZOS)
    buf = io.BytesIO()
    rgb.save(buf, format="PNG")
    return buf.getvalue()


def mask_png(data: bytes, source_size: tuple[int, int], size: tuple[int, int] | None = None,
             field: str = "mask") -> bytes:
    """A mask as a black-and-white PNG: white (or painted, or transparent-erased) = repaint. It must
    have the source's size, so it means the same place; an all-black mask changes nothing."""
    from PIL import Image

    with Image.open(io.BytesIO(data)) as img:
        img.load()
        if img.size != tuple(source_size):
            raise InvalidRequest(field, f"The mask is {img.size[0]}×{img.size[1]} pixels but the picture is "
                                        f"{source_size[0]}×{source_size[1]}: paint the mask on the same picture.")
        if img.mode in ("RGBA", "LA") and img.getchannel("A").getextrema()[0] < 255:
            # A layer painted over a transparent canvas (as an editor exports it): the paint is the mask.
            grey = img.getchannel("A")
        else:
            grey = img.convert("L")
    binary = grey.point(lambda v: 255 if v >= 128 else 0)
    if binary.getextrema()[1] == 0:
        raise InvalidRequest(field, "The mask is all black, so nothing would change: paint the part to redo in white.")
    if size is not None and binary.size != size:
        binary = binary.resize(size, Image.Resampling.NEAREST)
    buf = io.BytesIO()
    binary.save(buf, format="PNG")
    return buf.getvalue()


def png_size(data: bytes) -> tuple[int, int]:
    from PIL import Image

    with Image.open(io.BytesIO(data)) as img:
        return img.size
