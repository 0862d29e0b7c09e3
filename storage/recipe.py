"""The one recipe of a picture: how it was made, as one frozen value.

Its fields are declared once, here, each with what it may hold (``Spec``); every other shape of
the recipe is derived from them: the images table's recipe columns (``COLUMNS``) and their checks
before a write (``Recipe.row``), the lenient reading of an imported file (``Recipe.loose``), the
export columns (storage.exchange), the A1111 "parameters" text (``Recipe.as_parameters``, written
by storage.pngtext) and its reading back (``parameters_of``).

- ``Settings``: what a person can set again (model, size, seed, steps, guidance, negative prompt);
  shared with the chat's settings (web.recipe) and with recipes from other tools (storage.foreign).
- ``Recipe``: the settings plus the prompts as typed, requested and sent, the style, the timings
  and ``extra`` (JSON: what a backend adds, e.g. its device).
- ``Options``: backend options that have no column: they live in ``extra`` under the keys named
  here, and are read back typed.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field, fields
from typing import Any, Mapping

from storage.values import (
    INT32_MAX,
    MAX_TEXT_CHARS,
    UBIGINT_MAX,
    json_text,
    opt_float,
    opt_int,
    text,
)

# The key ``extra`` held the requested prompt in before it had a column (migration 0008).
LEGACY_REQUESTED_KEY = "prompt_requested"


@dataclass(frozen=True)
class Spec:
    """What one recipe field may hold, and where else it is written."""

    kind: str  # "text" | "int" | "float" | "json"
    max_chars: int = MAX_TEXT_CHARS
    low: int = 0
    high: int = INT32_MAX
    required: bool = False  # a number that must be given (text and JSON always are)
    png: str | None = None  # its key in storage.pngtext's recipe, where the text carries it
    aliases: tuple[str, ...] = ()  # other spellings of that key, as pasted text may have them
    keys: tuple[str, ...] = ()  # Options only: its keys in ``extra``, the first the one written

    def check(self, name: str, value: Any) -> Any:
        """The value as stored, or InvalidValue naming ``name``: for a write."""
        if self.kind == "text":
            return text(name, value, max_chars=self.max_chars)
        if self.kind == "int":
            return opt_int(name, value, self.low, self.high, required=self.required)
        if self.kind == "float":
            return opt_float(name, value)
        return json_text(name, value or {})

    def coerce(self, value: Any) -> Any:
        """What a file from outside says, in this field's type, or None where it does not fit."""
        if value is None or isinstance(value, bool):
            return None
        if self.kind == "text":
            return value if isinstance(value, str) else None
        if self.kind == "json":
            if isinstance(value, str):  # JSON text, as Parquet carries it
                try:
                    value = json.loads(value)
                except ValueError:
                    return None
            return value if isinstance(value, dict) else None
        if self.kind == "float":
            return number(value)
        whole = whole_number(value)
        return whole if whole is not None and self.low <= whole <= self.high else None


def number(value: Any) -> float | None:
    """A finite number from a number or its text (a file from outside may hold either); None for
    anything else, a truth value included."""
    if value is None or isinstance(value, bool):
        return None
    try:
        found = float(str(value).strip())
    except ValueError:
        return None
    return found if math.isfinite(found) else None


def whole_number(value: Any) -> int | None:
    """A whole number from a number or its text, every digit kept (a float keeps 53 bits)."""
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    found = number(value)
    if found is None or found != int(found):
        return None
    try:
        return int(str(value).strip())
    except ValueError:
        return int(found)


def _field(default: Any, kind: str, **spec: Any) -> Any:
    meta = {"spec": Spec(kind, **spec)}
    if callable(default):
        return field(default_factory=default, metadata=meta)
    return field(default=default, metadata=meta)


def spec(f: Any) -> Spec:
    return f.metadata["spec"]


def values_of(part: type, value: Any) -> dict[str, Any]:
    """The fields of ``part`` (Settings, Recipe, Options) that ``value`` has, by name."""
    return {f.name: getattr(value, f.name) for f in fields(part)}


def parameters_of(part: type, values: Mapping[str, Any]) -> dict[str, Any]:
    """The fields of ``part`` that a parsed "parameters" mapping names (by its pngtext key or an
    alias), each read leniently; a field it lacks, or gives in the wrong type, is left out."""
    out: dict[str, Any] = {}
    for f in fields(part):
        s = spec(f)
        for key in (s.png, *s.aliases) if s.png else ():
            value = s.coerce(values.get(key))
            if value not in (None, ""):
                out[f.name] = value
                break
    return out


@dataclass(frozen=True, kw_only=True)
class Settings:
    backend: str = _field("", "text", max_chars=200, png="backend")  # "" when unknown
    model: str = _field("", "text", max_chars=1000, png="model")
    negative_prompt: str = _field("", "text", png="negative_prompt",
                                  aliases=("negative prompt", "negative"))
    seed: int | None = _field(None, "int", high=UBIGINT_MAX, png="seed")
    width: int | None = _field(None, "int", low=1, required=True, png="width")
    height: int | None = _field(None, "int", low=1, required=True, png="height")
    steps: int | None = _field(None, "int", png="steps")
    guidance: float | None = _field(None, "float", png="guidance", aliases=("cfg_scale", "cfg scale"))

    def settings(self) -> dict[str, Any]:
        return values_of(Settings, self)


@dataclass(frozen=True, kw_only=True)
class Options:
    """Backend options kept in ``extra``; None where the recipe names none (the model's default)."""

    quality: str | None = _field(None, "text", keys=("quality",), png="quality")
    openai_style: str | None = _field(None, "text", keys=("style",))  # OpenAI DALL-E 3: vivid | natural
    background: str | None = _field(None, "text", keys=("background",))
    output_format: str | None = _field(None, "text", keys=("output_format",))
    output_compression: int | None = _field(None, "int", high=100, keys=("output_compression",))
    # the A1111 name; a scheduler's class name only for images made before names were kept
    sampler: str | None = _field(None, "text", keys=("sampler", "scheduler"), png="sampler")
    clip_skip: int | None = _field(None, "int", low=1, keys=("clip_skip",), png="clip_skip",
                                   aliases=("clip skip",))

    @classmethod
    def from_extra(cls, extra: Mapping[str, Any]) -> "Options":
        found: dict[str, Any] = {}
        for f in fields(Options):
            s = spec(f)
            values = [s.coerce(extra.get(key)) for key in s.keys]
            found[f.name] = next((v for v in values if v not in (None, "")), None)
        return cls(**found)

    def options(self) -> dict[str, Any]:
        return values_of(Options, self)


@dataclass(frozen=True, kw_only=True)
class Recipe(Settings):
    prompt_typed: str = _field("", "text", png="prompt_typed")  # what the person typed
    prompt_sent: str = _field("", "text", png="prompt")  # what the model rendered (OpenAI's revision)
    prompt_requested: str = _field("", "text")  # what the backend was asked to render
    style: str = _field("none", "text", max_chars=200, png="style")
    timings: dict[str, Any] = _field(dict, "json")
    extra: dict[str, Any] = _field(dict, "json")

    def __post_init__(self) -> None:
        # A value built the way older code built it (the requested prompt inside ``extra``) reads
        # as one built now.
        extra = self.extra
        legacy = extra.get(LEGACY_REQUESTED_KEY) if isinstance(extra, dict) else None
        if isinstance(legacy, str):
            object.__setattr__(self, "extra", {k: v for k, v in extra.items() if k != LEGACY_REQUESTED_KEY})
            if not self.prompt_requested:
                object.__setattr__(self, "prompt_requested", legacy)

    @property
    def recipe(self) -> "Recipe":
        """The recipe alone (a record or a new image is a recipe with more)."""
        return Recipe(**values_of(Recipe, self))

    @property
    def options(self) -> Options:
        return Options.from_extra(self.extra or {})

    @property
    def prompt_to_repeat(self) -> str:
        """The prompt that asks for this picture again: the one requested (an OpenAI revision is what
        the model made of it), else the one sent, else the one typed."""
        return self.prompt_requested or self.prompt_sent or self.prompt_typed

    def row(self) -> dict[str, Any]:
        """The recipe columns' values, checked: InvalidValue names the first field at fault."""
        return {f.name: spec(f).check(f.name, getattr(self, f.name)) for f in fields(Recipe)}

    @classmethod
    def loose_values(cls, values: Mapping[str, Any]) -> dict[str, Any]:
        """What a file from outside says of each recipe field, in its type; a field that is
        missing, empty or of the wrong type gets its default."""
        out: dict[str, Any] = {}
        for f in fields(Recipe):
            value = spec(f).coerce(values.get(f.name))
            if value not in (None, ""):
                out[f.name] = value
        return out

    def as_parameters(self) -> dict[str, Any]:
        """The recipe in storage.pngtext's keys (``prompt`` is the prompt as sent)."""
        out = {spec(f).png: getattr(self, f.name) for f in fields(Recipe) if spec(f).png}
        options = self.options
        out.update({spec(f).png: getattr(options, f.name) for f in fields(Options) if spec(f).png})
        out["other"] = edit_items(self.extra or {})
        return out


COLUMNS: tuple[str, ...] = tuple(f.name for f in fields(Recipe))
JSON_COLUMNS = frozenset(f.name for f in fields(Recipe) if spec(f).kind == "json")


def edit_items(extra: Mapping[str, Any]) -> dict[str, Any]:
    """An edit's recipe in A1111's spelling where it has one ("Denoising strength")."""
    items = {"Denoising strength": extra.get("strength"), "Source image": extra.get("source_image_id"),
             "Mask image": extra.get("mask_image_id")}
    return {name: value for name, value in items.items() if value is not None}
