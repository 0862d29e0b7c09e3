"""Checks on what is about to be written: each rejects a value that cannot round-trip, naming the
field, with a message fit for the chat. Pure functions, shared by every repository."""

from __future__ import annotations

import json
import uuid
from typing import Any

from storage.errors import InvalidValue

MAX_TEXT_CHARS = 1_000_000  # far above any prompt; stops a runaway paste from bloating the file
MAX_IMAGE_BYTES = 64 * 1024 * 1024
UBIGINT_MAX = 2**64 - 1
INT32_MAX = 2**31 - 1


def new_id() -> str:
    """An unguessable id (uuid4 hex): ids appear in URLs, so they must not be enumerable."""
    return uuid.uuid4().hex


def text(field: str, value: Any, *, max_chars: int = MAX_TEXT_CHARS) -> str:
    if not isinstance(value, str):
        raise InvalidValue(field, f"{field} must be text, not {type(value).__name__}.")
    if len(value) > max_chars:
        raise InvalidValue(
            field, f"{field} is too long ({len(value):,} characters; the limit is {max_chars:,})."
        )
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise InvalidValue(
            field,
            f"{field} contains a broken character (an unpaired surrogate at position "
            f"{exc.start}) that cannot be stored. Remove it and try again.",
        ) from None
    return value


def opt_text(field: str, value: Any, *, max_chars: int = MAX_TEXT_CHARS) -> str | None:
    return None if value is None else text(field, value, max_chars=max_chars)


def user_name(value: Any) -> str | None:
    """A person's name as stored: None is the anonymous person of a single-user app."""
    return opt_text("user", value, max_chars=1000)


def json_text(field: str, value: Any) -> str:
    if not isinstance(value, dict):
        raise InvalidValue(field, f"{field} must be a dict, not {type(value).__name__}.")
    try:
        encoded = json.dumps(value, ensure_ascii=False, allow_nan=False)
    except (TypeError, ValueError) as exc:
        raise InvalidValue(field, f"{field} cannot be stored as JSON: {exc}.") from None
    return text(field, encoded, max_chars=10 * MAX_TEXT_CHARS)


def opt_int(field: str, value: Any, low: int, high: int, *, required: bool = False) -> int | None:
    if value is None and not required:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidValue(field, f"{field} must be a whole number, not {value!r}.")
    if not low <= value <= high:
        raise InvalidValue(field, f"{field} must be between {low} and {high}, not {value}.")
    return value


def opt_float(field: str, value: Any) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise InvalidValue(field, f"{field} must be a number, not {value!r}.")
    return float(value)


def count(field: str, value: Any) -> int:
    return opt_int(field, value, 0, INT32_MAX, required=True)  # type: ignore[return-value]
