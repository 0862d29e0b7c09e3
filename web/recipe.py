"""A picture's recipe and the chat settings that reproduce it: pure functions, no Gradio.

A recipe comes from a stored image, from a PNG's ``parameters`` text chunk or from that text
pasted in. Reproducing it means sending the prompt exactly as it was sent (enhancement off, no
style on top, the negative prompt as it was), with the same size, steps, guidance and seed.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any, Mapping

from pipeline.backends.registry import AUTO, BACKENDS
from pipeline.request import SEED_MAX, batch_seeds  # noqa: F401 (re-exported for the chat)
from pipeline.samplers import canonical_name
from storage.recipe import Options, Settings, parameters_of
from storage.recipe import whole_number as _int
from storage.recipe import Recipe as StoredRecipe

DEFAULT_SIZE = "Model default"
OPENAI_QUALITIES = ("standard", "hd", "auto", "low", "medium", "high")
MAX_BATCH = 4


@dataclass(frozen=True)
class Recipe(Options, Settings):
    """A recipe as the chat sends it again: one prompt, with the settings and options of
    storage's Recipe (declared there, once)."""

    prompt: str

    @classmethod
    def from_image(cls, image: StoredRecipe) -> "Recipe":
        """From a stored image. The prompt is the one the model was asked to render: an OpenAI
        ``revised_prompt`` is replaced by what was asked for, so a re-run asks the same."""
        options = image.options
        return cls(prompt=image.prompt_to_repeat, **image.settings(),
                   **{**options.options(), "sampler": _sampler(options.sampler)})

    @classmethod
    def from_mapping(cls, values: Mapping[str, Any]) -> "Recipe":
        """From a parsed ``parameters`` text (keys as storage.pngtext gives them; a few
        spellings accepted so text from other tools reads too)."""
        found = {**parameters_of(Settings, values), **parameters_of(Options, values)}
        size = values.get("size")
        if ("width" not in found or "height" not in found) and isinstance(size, str) and "x" in size.lower():
            w, _, h = size.lower().partition("x")
            found.update(width=_int(w), height=_int(h))
        found.update(seed=_seed(found.get("seed")), sampler=_sampler(found.get("sampler")))
        return cls(prompt=str(values.get("prompt") or ""), **found)

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


def settings_for(recipe: Recipe, *, batch: int = 1, backends: tuple[str, ...] | None = None) -> SettingsFill:
    """The chat settings that send ``recipe`` exactly: enhancement off, no style added. ``backends``:
    the names the chat offers (None: every registered one); a recipe of another goes to ``auto``."""
    backends = BACKENDS.names() if backends is None else backends
    size = f"{recipe.width}x{recipe.height}" if recipe.width and recipe.height else DEFAULT_SIZE
    return SettingsFill(
        prompt=recipe.prompt,
        backend=recipe.backend if recipe.backend in backends else AUTO,
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


def _sampler(value: Any) -> str | None:
    """A sampler this app runs, spelled as it spells it; None for another tool's (or a class name
    kept from before names were recorded): the model's default is then used."""
    if not isinstance(value, str) or not value.strip():
        return None
    try:
        return canonical_name(value)
    except ValueError:
        return None


def _seed(value: Any) -> int | None:
    seed = _int(value)
    return seed if seed is not None and 0 <= seed <= SEED_MAX else None
