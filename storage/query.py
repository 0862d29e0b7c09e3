"""The images a gallery, a search or an export asks for, as a SQL condition: pure functions.

Every condition starts with the owner, so no query can reach another user's images.
Search is ILIKE on the prompt as typed and as sent (DuckDB's fts extension cannot be
installed offline; at tens of thousands of rows a scan of two text columns takes a few ms).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, fields
from datetime import date, datetime, time, timezone
from typing import Any

from storage.records import UPLOAD_BACKEND, InvalidValue

_UBIGINT_MAX = 2**64 - 1
_TERMS = re.compile(r'"([^"]*)"|(\S+)')


@dataclass(frozen=True)
class ImageFilter:
    """Which images: all given conditions hold. Empty text is no condition.

    ``q``: every word (or "quoted phrase") appears, in any case, in the prompt as typed or as
    sent; a ``q`` of digits only also matches that seed. ``since`` is inclusive and ``until``
    exclusive (a ``date`` means its midnight UTC; a naive datetime is taken as UTC)."""

    q: str | None = None
    backend: str | None = None
    model: str | None = None
    style: str | None = None
    since: datetime | date | None = None
    until: datetime | date | None = None
    conversation_id: str | None = None

    @classmethod
    def of(cls, filters: dict[str, Any]) -> "ImageFilter":
        names = {f.name for f in fields(cls)}
        unknown = sorted(set(filters) - names)
        if unknown:
            raise TypeError(f"unknown image filter(s) {unknown}; known: {sorted(names)}")
        return cls(**filters)


def search_terms(q: str | None) -> list[str]:
    """The words and "quoted phrases" of a search, in order, without empty ones."""
    terms = [(m.group(1) if m.group(1) is not None else m.group(2)) for m in
             _TERMS.finditer(q or "")]
    return [t for t in (" ".join(t.split()) if t else t for t in terms) if t]


def image_where(user: str | None, f: ImageFilter, alias: str = "i") -> tuple[str, list[Any]]:
    """(SQL condition, its parameters) for ``user``'s images matching ``f``."""
    a = f"{alias}."
    conds = [f'{a}"user" IS NOT DISTINCT FROM ?']
    args: list[Any] = [_opt_str("user", user)]
    for name in ("backend", "model", "style", "conversation_id"):
        value = _opt_str(name, getattr(f, name))
        if value:
            conds.append(f"{a}{name} = ?")
            args.append(value)
    if not f.backend:  # pictures people gave to edit are theirs already: listed only when asked for
        conds.append(f"{a}backend <> ?")
        args.append(UPLOAD_BACKEND)
    for name, op in (("since", ">="), ("until", "<")):
        value = getattr(f, name)
        if value is not None:
            conds.append(f"{a}created_at {op} ?")
            args.append(_naive_utc(name, value))
    q = _opt_str("q", f.q) or ""
    words = search_terms(q)
    if words:
        text = " AND ".join(
            f"({a}prompt_typed ILIKE ? ESCAPE '\\' OR {a}prompt_sent ILIKE ? ESCAPE '\\')"
            for _ in words
        )
        text_args = [p for w in words for p in (_contains(w), _contains(w))]
        digits = q.strip()
        if re.fullmatch(r"[0-9]+", digits) and int(digits) <= _UBIGINT_MAX:
            conds.append(f"(({text}) OR {a}seed = ?)")
            args += [*text_args, int(digits)]
        else:
            conds.append(f"({text})")
            args += text_args
    return " AND ".join(conds), args


def _contains(word: str) -> str:
    escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _opt_str(name: str, value: Any) -> str | None:
    if value is not None and not isinstance(value, str):
        raise InvalidValue(name, f"The {name} filter must be text, not {type(value).__name__}.")
    return value


def _naive_utc(name: str, value: Any) -> datetime:
    if isinstance(value, datetime):
        dt = value
    elif isinstance(value, date):
        dt = datetime.combine(value, time.min)
    else:
        raise InvalidValue(name, f"The {name} filter must be a date or time, not {value!r}.")
    if dt.tzinfo is not None:
        dt = dt.astimezone(timezone.utc).replace(tzinfo=None)
    return dt
