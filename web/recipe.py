"""A picture's recipe and the chat settings that reproduce it: pure functions, no Gradio.

A recipe comes from a stored image, from a PNG's ``parameters`` text chunk or from that text
pasted in. Reproducing it means sending the prompt exactly as it was sent (enhancement off, no
style on top, the negative prompt as it was), with the same size, steps, guidance and seed.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from typing import Any, Mapping

from pipeline.request import SEED_MAX, batch_seeds  # noqa: F401 (re-exported for the chat)
from pipeline.samplers import canonical_name

DEFAULT_SIZE = "Model default"
OPENAI_QUALITIES = ("standard", "hd", "auto", "low", "medium", "high")
MAX_BATCH = 4


@dataclass(frozen=True)
class Recipe:
    prompt: str
    negative_prompt: str = ""
    steps: int | None = None
    guidance: float | None = None
    seed: int | None = None
    width: int | None = None
    height: int | None = None
    model: str = ""
    backend: str = ""  # "" when unknown (e.g. a PNG from another tool)
    quality: str | None = None
    # OpenAI's options as the image was made with them (None: not used, or the model's default)
    openai_style: str | None = None
    background: str | None = None
    output_format: str | None = None
    output_compression: int | None = None
    # Local workstation controls (A1111's names and counts); None where the recipe names none.
    sampler: str | None = None
    clip_skip: int | None = None

    @classmethod
    def from_image(cls, image: Any) -> "Recipe":
        """From a storage ImageRecord. The prompt is the one the model rendered, except that an
        OpenAI ``revised_prompt`` is replaced by what was asked for, so a re-run asks the same."""
        extra = image.extra or {}
        return cls(
            prompt=extra.get("prompt_requested") or image.prompt_sent or image.prompt_typed,
            negative_prompt=image.negative_prompt or "",
            steps=image.steps,
            guidance=image.guidance,
            seed=image.seed,
            width=image.width,
            height=image.height,
            model=image.model or "",
            backend=image.backend or "",
            quality=extra.get("quality") if isinstance(extra.get("quality"), str) else None,
            openai_style=_text(extra.get("style")),
            background=_text(extra.get("background")),
            output_format=_text(extra.get("output_format")),
            output_compression=_int(extra.get("output_compression")),
            sampler=_sampler(extra.get("sampler")),
            clip_skip=_clip_skip(extra.get("clip_skip")),
        )

    @classmethod
    def from_mapping(cls, values: Mapping[str, Any]) -> "Recipe":
        """From a parsed ``parameters`` text (keys as storage.pngtext gives them; a few
        spellings accepted so text from other tools reads too)."""
        def pick(*keys: str) -> Any:
            for key in keys:
                if values.get(key) not in (None, ""):
                    return values[key]
            return None

        width, height = pick("width"), pick("height")
        size = pick("size")
        if (width is None or height is None) and isinstance(size, str) and "x" in size.lower():
            w, _, h = size.lower().partition("x")
            width, height = w.strip(), h.strip()
        return cls(
            prompt=str(pick("prompt") or ""),
            negative_prompt=str(pick("negative_prompt", "negative prompt", "negative") or ""),
            steps=_int(pick("steps")),
            guidance=_float(pick("guidance", "cfg_scale", "cfg scale")),
            seed=_seed(pick("seed")),
            width=_int(width),
            height=_int(height),
            model=str(pick("model") or ""),
            backend=str(pick("backend") or ""),
            quality=pick("quality") if isinstance(pick("quality"), str) else None,
            sampler=_sampler(pick("sampler")),
            clip_skip=_clip_skip(pick("clip_skip", "clip skip")),
        )

    def with_new_seed(self) -> "Recipe":
        return replace(self, seed=None)


@dataclass(frozen=True)
class SettingsFill:
    """Values for the chat's widgets, as the widgets take them (text fields are text)."""

    prompt: str
    backend: str
    style: str
    size: str
    steps: str
    guidance: str
    seed: str
    negative: str
    enhance: bool
    quality: str
    batch: int
    sampler: str = ""  # "": the model's default
    clip_skip: str = ""


def settings_for(recipe: Recipe, *, batch: int = 1, backends: tuple[str, ...] = ("local", "openai")) -> SettingsFill:
    """The chat settings that send ``recipe`` exactly: enhancement off, no style added."""
    size = f"{recipe.width}x{recipe.height}" if recipe.width and recipe.height else DEFAULT_SIZE
    return SettingsFill(
        prompt=recipe.prompt,
        backend=recipe.backend if recipe.backend in backends else "auto",
        style="none",
        size=size,
        steps="" if recipe.steps is None else str(recipe.steps),
        guidance="" if recipe.guidance is None else f"{recipe.guidance:g}",
        seed="" if recipe.seed is None else str(recipe.seed),
        negative=recipe.negative_prompt,
        enhance=False,
        quality=recipe.quality if recipe.quality in OPENAI_QUALITIES else "default",
        batch=max(1, min(MAX_BATCH, batch)),
        sampler=recipe.sampler or "",
        clip_skip="" if recipe.clip_skip is None else str(recipe.clip_skip),
    )


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None


def _int(value: Any) -> int | None:
    number = _float(value)
    return None if number is None or number != int(number) else int(number)


def _float(value: Any) -> float | None:
    if value is None or isinstance(value, bool):
        return None
    try:
        number = float(str(value).strip())
    except ValueError:
        return None
    return number if math.isfinite(number) else None


def _sampler(value: Any) -> str | None:
    """A sampler this app runs, spelled as it spells it; None for another tool's (or a class name
    kept from before names were recorded): the model's default is then used."""
    if not isinstance(value, str) or not value.strip():
        return None
    try:
        return canonical_name(value)
    except ValueError:
        return None


def _clip_skip(value: Any) -> int | None:
    number = _int(value)
    return number if number is not None and number >= 1 else None


def _seed(value: Any) -> int | None:
    seed = _int(value)
    return seed if seed is not None and 0 <= seed <= SEED_MAX else None
