"""A recipe from a file, pasted text or a stored image, ready for the chat's settings, with a
list of what it says that the settings cannot take (so nothing is dropped without a word).

Pure functions, no Gradio. Reading other tools' formats is ``storage.foreign``'s job; this
module decides what imagechat applies of it.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from pipeline.request import SEED_MAX
from pipeline.samplers import MAX_CLIP_SKIP, canonical_name
from storage.foreign import ForeignRecipe
from web.recipe import Recipe

SEED_RANGE = SEED_MAX + 1


@dataclass(frozen=True)
class Restored:
    recipe: Recipe
    source: str = "imagechat"  # the tool that wrote it
    not_applied: tuple[str, ...] = ()  # what the settings cannot take, one line each
    changed: tuple[str, ...] = ()  # values adjusted to fit imagechat, and how


def fit_seed(seed: int | None) -> tuple[int | None, str | None]:
    """The seed imagechat runs for ``seed``, and a note where it is not the same number.

    A seed above 2**32 - 1 (A1111 and ComfyUI allow 64-bit seeds) is reduced modulo 2**32 rather
    than refused or replaced: torch's CPU generator, which imagechat's local backend draws its
    noise from (as ComfyUI does), keeps only the low 32 bits of a seed, so the reduced seed
    starts from the very same noise the large one would. -1 is A1111's "random"."""
    if seed is None or 0 <= seed <= SEED_MAX:
        return seed, None
    if seed == -1:
        return None, "Seed -1 means a new random seed each time; a random seed is used."
    if seed < 0:
        return None, f"Seed {seed} is negative, which imagechat cannot use; a random seed is used."
    reduced = seed % SEED_RANGE
    return reduced, (f"Seed {seed} is above imagechat's range (0 to {SEED_MAX}); it is used as {reduced}, "
                     "the same seed modulo 2³², which starts from the same noise on the CPU generator.")


def from_foreign(found: ForeignRecipe) -> Restored:
    seed, seed_note = fit_seed(found.seed)
    recipe = Recipe(prompt=found.prompt, **{**found.settings(), "seed": seed},
                    quality=found.quality or None)
    sampler, rest = _applied_sampler(found.sampler, found.not_applied)
    clip_skip, rest = _applied_clip_skip(rest)
    recipe = replace(recipe, sampler=sampler, clip_skip=clip_skip)
    not_applied = list(_foreign_notes(found.tool, found.sampler if sampler is None else "", found.model))
    not_applied += rest
    return Restored(recipe, found.tool, tuple(not_applied), (seed_note,) if seed_note else ())


def from_image(image: Any) -> Restored:
    """From a stored ImageRecord; an image imported from another tool brings back the list of
    what its recipe said beyond imagechat's settings, recorded when it was imported."""
    recipe = Recipe.from_image(image)
    seed, seed_note = fit_seed(recipe.seed)
    extra = image.extra or {}
    tool = extra.get("source_tool") if isinstance(extra.get("source_tool"), str) else "imagechat"
    listed = extra.get("not_applied")
    stored_sampler = extra.get("sampler") or ""
    not_applied = list(_foreign_notes(tool, str(stored_sampler), recipe.model))
    not_applied += [str(x) for x in listed] if isinstance(listed, list) else []
    return Restored(replace(recipe, seed=seed), tool, tuple(not_applied), (seed_note,) if seed_note else ())


def summary(restored: Restored) -> str:
    """Plain text for the note beside the settings: what was restored, then what was not."""
    r = restored.recipe
    facts = [f"{r.width}×{r.height}" if r.width and r.height else "",
             f"seed {r.seed}" if r.seed is not None else "",
             f"{r.steps} steps" if r.steps is not None else "",
             f"sampler {r.sampler}" if r.sampler else "",
             f"clip skip {r.clip_skip}" if r.clip_skip else "",
             f"model {r.model}" if r.model else ""]
    origin = "" if restored.source == "imagechat" else f" from {restored.source}"
    lines = [f"Recipe restored{origin} (" + ", ".join(f for f in facts if f) + "): press Send to make it."]
    lines += restored.changed
    if restored.not_applied:
        lines.append("Not applied: " + "; ".join(restored.not_applied) + ".")
    return "\n\n".join(lines)


# Schedule types that mean "the sampler's own": the sampler's name alone says it all.
_PLAIN_SCHEDULES = {"", "automatic", "normal", "simple", "default"}


def known_sampler(name: str | None) -> str | None:
    """The sampler imagechat runs for another tool's name of it, or None when it has none by that
    name (then the note lists it)."""
    try:
        return canonical_name(name) if name else None
    except ValueError:
        return None


def _applied_sampler(sampler: str, listed: tuple[str, ...]) -> tuple[str | None, list[str]]:
    """The sampler to run for a foreign recipe's sampler and schedule type (A1111 writes them as two
    fields, ``Sampler: DPM++ 2M, Schedule type: Karras``; the reader lists the schedule as not
    applied), and the not-applied list without the schedule when both were taken. A sampler whose
    schedule imagechat does not run is not applied at all: a different schedule is different noise."""
    rest = list(listed)
    schedule = next((item for item in rest if item.lower().startswith("scheduler: ")), None)
    kind = schedule.split(":", 1)[1].strip() if schedule else ""
    if kind.lower() in _PLAIN_SCHEDULES:
        return known_sampler(sampler), rest
    combined = known_sampler(f"{sampler} {kind}")
    if combined is not None:
        rest.remove(schedule)
    return combined, rest


def _applied_clip_skip(listed: list[str]) -> tuple[int | None, list[str]]:
    """A1111's ``Clip skip: N`` (the reader lists it as not applied): a setting imagechat has."""
    for item in listed:
        key, _, value = item.partition(":")
        if key.strip().lower().replace("_", " ") == "clip skip" and value.strip().isdigit():
            number = int(value.strip())
            if 1 <= number <= MAX_CLIP_SKIP:
                return number, [x for x in listed if x is not item]
    return None, listed


def _foreign_notes(tool: str, sampler: str, model: str) -> list[str]:
    # A sampler this server does not run is named whoever wrote the recipe: imagechat's own text
    # may come from a newer version or be edited by hand, and the model's sampler is used instead.
    notes = []
    if sampler and known_sampler(sampler) is None:
        notes.append(f"Sampler: {sampler} (not one this server runs; the model's own is used)")
    if model and tool != "imagechat":
        notes.append(f"Model: {model} (this server makes it with its own model)")
    return notes
