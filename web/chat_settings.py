"""The chat's settings accordion as its handlers receive it (raw widget values), and those values
parsed and checked into the turn's settings (:class:`conversation.turn_input.TurnSettings`)."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Any, Mapping

from conversation.turn_input import TurnSettings
from pipeline.errors import InvalidRequest
from pipeline.request import SEED_MAX
from web.recipe import DEFAULT_SIZE, MAX_BATCH


@dataclass(frozen=True)
class ChatSettings:
    """The settings accordion, as the handlers receive it (raw widget values)."""

    backend: str = "auto"
    style: str = "none"
    size: str = DEFAULT_SIZE
    steps: float | str | None = None  # None or "": the model's default
    guidance: float | str | None = None
    seed: float | str | None = None  # None, "" or -1: random
    negative: str = ""
    enhance: bool = True
    quality: str = "default"
    llm_rewrite: bool = False  # let a chat model rewrite the prompt (needs OPENAI_API_KEY)
    batch: float | str | None = 1  # images per message, 1-4
    openai: Mapping[str, Any] | None = None  # OpenAI options as TurnSettings fields (web.settings_openai)
    # Local workstation controls: "" is the model's own.
    sampler: str | None = ""
    clip_skip: float | str | None = ""
    # A picture sent with the message (to edit), a mask painted on it (white = redo), and the Strength
    # slider (0 or None: the kind of edit decides).
    picture: bytes | None = None
    mask: bytes | None = None
    strength: float | str | None = None
    picture_id: str | None = None  # one of the person's stored pictures to edit, instead of ``picture``


def to_turn_settings(s: ChatSettings) -> TurnSettings:
    """The settings' raw widget values, parsed, then checked by the one validator."""
    width, height = parse_size(s.size)
    return TurnSettings.checked(
        backend=s.backend or "auto",
        style=s.style if s.style and s.style != "none" else None,
        enhance=bool(s.enhance),
        width=width, height=height,
        steps=parse_whole(s.steps, "steps", allow_zero_as_default=True),
        guidance=parse_number(s.guidance, "guidance"),
        seed=parse_seed(s.seed),
        negative_prompt=s.negative or "",
        quality=None if not s.quality or s.quality == "default" else s.quality,
        count=parse_batch(s.batch),
        **dict(s.openai or {}),
        sampler=s.sampler or None,
        clip_skip=parse_whole(s.clip_skip, "clip_skip", allow_zero_as_default=True),
    )


def parse_batch(value: float | str | None) -> int:
    number = parse_whole(value, "images per message") if value not in (None, "") else 1
    if number is None or not 1 <= number <= MAX_BATCH:
        raise InvalidRequest("batch", f"Images per message must be between 1 and {MAX_BATCH}, not {number}.")
    return number


_SIZE = re.compile(r"^\s*(\d{1,6})\s*[x×X*]\s*(\d{1,6})\s*$")


def parse_size(value: str | None) -> tuple[int | None, int | None]:
    if not value or value.strip().lower() in ("", "default", DEFAULT_SIZE.lower()):
        return None, None
    m = _SIZE.match(value.split("(")[0])
    if not m:
        raise InvalidRequest("size", f"Size {value!r} is not WIDTHxHEIGHT, e.g. 512x512.")
    return int(m.group(1)), int(m.group(2))


def parse_number(value: float | str | None, field: str) -> float | None:
    if isinstance(value, str):
        value = value.strip()
    if value is None or value == "":
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise InvalidRequest(field, f"{field.capitalize()} must be a number, not {value!r}.") from None
    if not math.isfinite(number):
        raise InvalidRequest(field, f"{field.capitalize()} must be a finite number.")
    return number


def parse_whole(value: float | str | None, field: str, *, allow_zero_as_default: bool = False) -> int | None:
    number = parse_number(value, field)
    if number is None or (allow_zero_as_default and number == 0):
        return None
    if number != int(number):
        raise InvalidRequest(field, f"{field.capitalize()} must be a whole number, not {number:g}.")
    return int(number)


def parse_seed(value: float | str | None) -> int | None:
    seed = parse_whole(value, "seed")
    if seed is None or seed == -1:
        return None
    if not 0 <= seed <= SEED_MAX:
        raise InvalidRequest("seed", f"Seed must be between 0 and 4294967295 (or -1 for random), not {seed}.")
    return seed
