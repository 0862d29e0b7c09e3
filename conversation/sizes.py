"""Sizes: an aspect ("16:9", "portrait") or a size asked for → the nearest size the model takes.

DALL-E 3 and gpt-image take three sizes each; DALL-E 2 only squares; Stable Diffusion any multiple
of 8, best near its native area (sides a multiple of 64 at 512 px and up)."""

from __future__ import annotations

import math

from pipeline.backends.local_checks import MAX_SIDE

_FIXED = {
    "dall-e-3": [(1024, 1024), (1792, 1024), (1024, 1792)],
    "gpt-image-1": [(1024, 1024), (1536, 1024), (1024, 1536)],
    "dall-e-2": [(1024, 1024), (512, 512), (256, 256)],
}


def ratio_of(aspect: str) -> float | None:
    try:
        a, b = (float(x) for x in aspect.replace("x", ":").split(":"))
    except ValueError:
        return None
    return a / b if a > 0 and b > 0 else None


def resolve_size(target: str, *, aspect: str | None, width: int | None, height: int | None,
                 native: tuple[int, int] | None) -> tuple[int | None, int | None]:
    """(width, height) to request, or (None, None) for the model's default."""
    if width and height:
        ratio = width / height
    elif aspect and ratio_of(aspect):
        ratio = ratio_of(aspect)
    else:
        return None, None
    fixed = _FIXED.get(target)
    if fixed:
        if width and height and (width, height) in fixed:
            return width, height
        # A shape asked for keeps its orientation: 4:5 is a portrait, even where the nearest
        # ratio on offer is the square.
        if abs(math.log(ratio)) > math.log(1.1):
            same_way = [wh for wh in fixed if (wh[0] > wh[1]) == (ratio > 1) and wh[0] != wh[1]]
            fixed = same_way or fixed
        return min(fixed, key=lambda wh: (abs(math.log(wh[0] / wh[1]) - math.log(ratio)),
                                          abs(wh[0] * wh[1] - (width or 1024) * (height or 1024))))
    base_w, base_h = native or (512, 512)
    multiple = 64 if min(base_w, base_h) >= 256 else 8
    if width and height:
        # "3440x1440" past the largest side the model takes: the same shape, as large as it may be
        shrink = min(1.0, MAX_SIDE / max(width, height))

        def snap(v: int) -> int:
            return max(multiple, min(MAX_SIDE, int(round(v * shrink / 8)) * 8))
        return snap(width), snap(height)
    area = base_w * base_h
    w = max(multiple, int(round(math.sqrt(area * ratio) / multiple)) * multiple)
    h = max(multiple, int(round(math.sqrt(area / ratio) / multiple)) * multiple)
    return w, h
