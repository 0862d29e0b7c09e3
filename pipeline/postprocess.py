"""What happens to a finished image after the device is done with it: PNG encoding.

A denoising run hands back pixels (``RawImage``, plain bytes, so it also crosses from a ZeroGPU
worker process); encoding them to PNG, the thumbnail, Base64 and the database insert are CPU work
that must never hold the device. The job runner does them on a small pool of its own, so the next
image's denoising starts while the previous one is being encoded and stored.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Any

# zlib level for the PNGs the app stores. Chosen by measurement (bench/postprocess.py, figures in
# docs/benchmarks.md): at 512² on photo-like content level 1 encodes in well under half the time of
# Pillow's default 6, for files a few per cent larger; 9 costs several times 6 for almost nothing.
PNG_COMPRESS_LEVEL = 1


@dataclass(frozen=True)
class RawImage:
    """A finished image as raw pixels, not yet encoded: row-major, 8 bits per channel."""

    data: bytes
    mode: str  # a Pillow mode: "RGB" | "RGBA" | "L"
    width: int
    height: int

    @classmethod
    def of(cls, image: Any) -> "RawImage":
        """From a Pillow image (a copy of its pixels: cheap next to encoding)."""
        return cls(image.tobytes(), image.mode, image.width, image.height)

    def to_pil(self) -> Any:
        from PIL import Image

        return Image.frombytes(self.mode, (self.width, self.height), self.data)

    def to_png(self, compress_level: int | None = None) -> bytes:
        return encode_png(self.to_pil(), compress_level)


def encode_png(image: Any, compress_level: int | None = None) -> bytes:
    """A Pillow image as PNG bytes at ``compress_level`` (0-9; None: PNG_COMPRESS_LEVEL)."""
    buf = io.BytesIO()
    level = PNG_COMPRESS_LEVEL if compress_level is None else compress_level
    image.save(buf, format="PNG", compress_level=level)
    return buf.getvalue()
