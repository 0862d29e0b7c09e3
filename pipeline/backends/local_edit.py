"""Image-to-image and inpainting on the loaded text-to-image pipeline.

The derived pipelines come from ``AutoPipelineForImage2Image.from_pipe`` and
``AutoPipelineForInpainting.from_pipe``: they hold the very same modules (UNet, VAE, text encoder,
scheduler), so no second copy of the weights is made, and each is built once per loaded pipeline.
Runs stay serialised by the caller's run lock, which the shared scheduler needs as well.

Which one a request needs is plain data on it: ``init_image`` (PNG) makes it image-to-image,
``init_image`` with ``mask`` (white = repaint) makes it inpainting; neither is text-to-image.
"""

from __future__ import annotations

import io
import math
import threading
import weakref
from typing import Any

from pipeline.errors import InvalidRequest
from pipeline.request import GenerationRequest
from pipeline.source_image import inspect, mask_png, png_size, to_png, working_size

DEFAULT_STRENGTH = 0.6  # when no one chose: changes a good deal, keeps the layout and colours
TEXT, IMAGE, INPAINT = "text-to-image", "image-to-image", "inpainting"

_DERIVED: "weakref.WeakKeyDictionary[Any, dict[str, Any]]" = weakref.WeakKeyDictionary()
_DERIVED_LOCK = threading.Lock()


def kind_of(req: GenerationRequest) -> str:
    if req.init_image is None:
        return TEXT
    return INPAINT if req.mask is not None else IMAGE


def effective_steps(req: GenerationRequest) -> int:
    """Denoising steps an edit runs: diffusers skips the first ``(1 - strength)`` of the schedule."""
    steps = int(req.steps or 1)
    if kind_of(req) == TEXT:
        return steps
    return min(int(steps * float(req.strength if req.strength is not None else DEFAULT_STRENGTH)), steps)


def check_edit(req: GenerationRequest, *, native: int | None, multiple: int) -> GenerationRequest:
    """(Called with the steps resolved.) check_inputs for the source, mask and strength; fills the size from the source (its shape at
    the model's own size) and the strength. The source and mask become PNGs of exactly that size, so
    whatever runs the job (this process, a ZeroGPU worker, a Celery worker) gets ready data."""
    if req.init_image is None:
        if req.mask is not None:
            raise InvalidRequest("mask", "A mask needs the picture it belongs to: send init_image or image_id too.")
        if req.strength is not None:
            raise InvalidRequest("strength", "Strength applies to an edit of a picture: send init_image or "
                                             "image_id too, or leave strength out.")
        return req
    source = inspect(req.init_image, "init_image")
    mask = inspect(req.mask, "mask") if req.mask is not None else None
    strength = req.strength if req.strength is not None else DEFAULT_STRENGTH
    if isinstance(strength, bool) or not isinstance(strength, (int, float)) or not math.isfinite(strength) \
            or not 0 < strength <= 1:
        raise InvalidRequest("strength", f"Strength must be a number above 0 and at most 1; got {strength!r}.")
    width, height = req.width, req.height
    if width is None or height is None:
        longest = native or max(source.width, source.height)
        width, height = working_size(source.width, source.height, longest, multiple)
    size = (width, height)
    png = req.init_image if _is_png_of(req.init_image, size) else to_png(source.data, size)
    mask_bytes = None
    if mask is not None:
        if (mask.width, mask.height) == size and (source.width, source.height) != size:
            mask_bytes = mask_png(mask.data, size)  # already brought to the working size
        else:
            mask_bytes = mask_png(mask.data, (source.width, source.height), size)
    steps = int(req.steps or 1)
    if int(steps * strength) < 1:
        raise InvalidRequest("strength", f"Strength {strength:g} of {steps} steps runs no step at all: "
                                         f"raise the strength, or use at least {math.ceil(1 / strength)} steps.")
    return req.with_(init_image=png, mask=mask_bytes, strength=float(strength), width=width, height=height)


def _is_png_of(data: bytes, size: tuple[int, int]) -> bool:
    try:
        return data[:8] == b"\x89PNG\r\n\x1a\n" and png_size(data) == size
    except Exception:
        return False


def derived(pipe: Any, kind: str) -> Any:
    """The image-to-image or inpainting pipeline sharing ``pipe``'s modules, made once."""
    if kind == TEXT:
        return pipe
    with _DERIVED_LOCK:
        cache = _DERIVED.setdefault(pipe, {})
        found = cache.get(kind)
        if found is None:
            from diffusers import AutoPipelineForImage2Image, AutoPipelineForInpainting

            auto = AutoPipelineForImage2Image if kind == IMAGE else AutoPipelineForInpainting
            # With the model's own scheduler, not whichever sampler the loaded pipeline ran last: the
            # derived pipeline's "model default" must be the model's.
            from pipeline.backends.local_schedulers import cache_for

            found = auto.from_pipe(pipe, scheduler=cache_for(pipe).base)
            found.set_progress_bar_config(disable=True)
            cache[kind] = found
        return found


def call_arguments(req: GenerationRequest, *, native: int | None) -> dict[str, Any]:
    """The arguments that differ by kind: the size for text-to-image, the pictures and strength for edits."""
    kind = kind_of(req)
    width, height = req.width or native, req.height or native
    if kind == TEXT:
        return {"width": width, "height": height}
    from PIL import Image

    image = Image.open(io.BytesIO(req.init_image)).convert("RGB")
    args: dict[str, Any] = {"image": image, "strength": float(req.strength or DEFAULT_STRENGTH)}
    if kind == INPAINT:
        args.update(mask_image=Image.open(io.BytesIO(req.mask)).convert("L"), width=image.width,
                    height=image.height)
    return args
