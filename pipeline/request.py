"""The values that cross the seams between the UI, the job runner and the backends."""

from __future__ import annotations

from dataclasses import dataclass, field, fields, replace
from typing import Any

from pipeline.backends.spec import BackendOptions
from pipeline.postprocess import RawImage

# Seeds are kept in the unsigned 32-bit range that other Stable Diffusion tools use,
# so a recipe copied between tools reproduces the same noise.
SEED_MAX = 2**32 - 1


def batch_seeds(first: int, count: int) -> list[int]:
    """``count`` consecutive seeds from ``first``, wrapping inside the shared seed range, so a
    batch can be re-made one image at a time by seed."""
    return [(first + i) % (SEED_MAX + 1) for i in range(count)]


@dataclass(frozen=True)
class GenerationRequest:
    """What to generate. ``None`` means "the backend/model default"."""

    prompt: str  # the prompt as sent to the model (after prompt engineering)
    prompt_typed: str = ""  # what the person typed
    negative_prompt: str = ""
    style: str = "none"
    backend: str = "auto"  # auto, or a registered backend name (pipeline.backends.registry)
    model: str | None = None  # None: the backend's configured model
    width: int | None = None
    height: int | None = None
    steps: int | None = None
    guidance: float | None = None
    seed: int | None = None  # None: a random seed, chosen and recorded before the run
    # A picture to start from (image-to-image) and, for inpainting, which part of it to repaint.
    init_image: bytes | None = None  # PNG bytes of the source picture
    mask: bytes | None = None  # PNG, same size as the source: white = repaint, black = keep
    strength: float | None = None  # 0 keeps the source, 1 ignores it; None: the kind of edit decides
    source_image_id: str | None = None  # the stored image the source is, named in the recipe
    mask_image_id: str | None = None  # the stored mask, named in the recipe
    conversation_id: str | None = None
    user: str | None = None
    warnings: tuple[str, ...] = ()  # from prompt engineering, shown with the result
    changes: tuple[str, ...] = ()  # a follow-up's edit of the previous prompt, e.g. "+ at night"
    # The options only one backend takes (its spec's options model, e.g. OpenAI's quality and
    # style); None: that backend's defaults. A backend ignores another's options.
    options: BackendOptions | None = None
    # Local workstation controls, by A1111's names and counts; None: the model's own.
    sampler: str | None = None  # a name of pipeline.samplers.SAMPLER_NAMES, e.g. "DPM++ 2M Karras"
    clip_skip: int | None = None  # 1: CLIP's last layer (no skip), 2: the one before it, ...

    def with_(self, **changes: Any) -> "GenerationRequest":
        return replace(self, **changes)

    def record(self) -> dict[str, Any]:
        """Its fields as plain values, the options flattened in by their names (as the HTTP API and
        older records spell them): what a task keeps and what the Celery wire carries; read back by
        ``pipeline.remake.request_from``."""
        data = {f.name: getattr(self, f.name) for f in fields(self) if f.name != "options"}
        data["warnings"], data["changes"] = list(self.warnings), list(self.changes)
        if self.options is not None:
            data.update(self.options.model_dump(exclude_none=True))
        return data


@dataclass(frozen=True)
class GeneratedImage:
    """One finished image and the full recipe that made it."""

    png: bytes
    width: int
    height: int
    backend: str
    model: str
    prompt_sent: str  # what the model actually rendered (OpenAI's revised_prompt when given)
    negative_prompt: str = ""
    seed: int | None = None
    steps: int | None = None
    guidance: float | None = None
    timings: dict[str, float] = field(default_factory=dict)  # load_s, generate_s, total_s
    extra: dict[str, Any] = field(default_factory=dict)  # scheduler, quality, revised_prompt, device
    # Set (and ``png`` empty) only where the caller asked for pixels to encode later, off the device's
    # path (the job runner's post-processing); ``encoded()`` makes the PNG.
    pixels: RawImage | None = None

    def encoded(self) -> "GeneratedImage":
        """This image with its PNG: made from ``pixels`` now, or itself when it has one already."""
        if self.pixels is None:
            return self
        return replace(self, png=self.pixels.to_png(), pixels=None)
