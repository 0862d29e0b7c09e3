"""Reading image bytes just enough to store them: their size and type, and a thumbnail."""

from __future__ import annotations

import io
from typing import Any

from storage.records import InvalidValue

THUMBNAIL_PX = 256  # longest side


def probe(data: bytes) -> tuple[int, int, str]:
    """(width, height, mime) from the image's header, without decoding its pixels."""
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(data)) as img:
            mime = Image.MIME.get(img.format or "")
            width, height = img.size
    except Image.DecompressionBombError as exc:  # not an OSError: it would escape as a crash
        raise _too_many_pixels(exc) from None
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError) as exc:
        raise _unreadable(exc) from None
    if not mime or not mime.startswith("image/"):
        raise InvalidValue("png", "That file is not an image imagechat can store.")
    return width, height, mime


def make_thumbnail(data: bytes) -> tuple[bytes, str]:
    """A WebP (JPEG where Pillow lacks WebP) at most THUMBNAIL_PX on its longest side."""
    from PIL import Image, UnidentifiedImageError, features

    try:
        with Image.open(io.BytesIO(data)) as img:
            img.load()
            img.thumbnail((THUMBNAIL_PX, THUMBNAIL_PX))
            if features.check("webp"):
                out = img.convert("RGBA" if _has_alpha(img) else "RGB")
                fmt, mime = "WEBP", "image/webp"
            else:
                out, fmt, mime = img.convert("RGB"), "JPEG", "image/jpeg"
    except Image.DecompressionBombError as exc:
        raise _too_many_pixels(exc) from None
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError) as exc:
        raise _unreadable(exc) from None
    buf = io.BytesIO()
    # WebP method 0 is its fastest encoder: about half the thumbnail's time at 256 px, for
    # a few hundred bytes more per thumbnail. (JPEG ignores the argument.)
    out.save(buf, format=fmt, quality=80, method=0)
    return buf.getvalue(), mime


def _unreadable(exc: BaseException) -> InvalidValue:
    return InvalidValue(
        "png", f"The image could not be read ({exc.__class__.__name__}); nothing was stored."
    )


def _too_many_pixels(exc: BaseException) -> InvalidValue:
    return InvalidValue("png", f"The image has too many pixels to open safely ({exc}); nothing was stored.")


def _has_alpha(img: Any) -> bool:
    return img.mode in ("RGBA", "LA", "PA") or (img.mode == "P" and "transparency" in img.info)
