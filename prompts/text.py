"""Cleaning a message and cutting a prompt into phrases. Markup stays as text."""

from __future__ import annotations

import re
import unicodedata

# Invisible characters that change how text is displayed (bidi overrides, zero-width
# space, BOM) are dropped; ZWJ/ZWNJ stay because emoji and some scripts need them.
_INVISIBLE = dict.fromkeys(
    [0x200B, 0x2060, 0xFEFF, *range(0x202A, 0x202F), *range(0x2066, 0x206A)], None
)
_SPACES = re.compile(r"\s+")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")  # Unicode category Cc
_WORDLIKE = re.compile(r"[^\W_]")


def clean(message: str) -> str:
    """NFC, control characters and invisible formatting removed, whitespace collapsed."""
    text = unicodedata.normalize("NFC", message).translate(_INVISIBLE)
    text = _CONTROL.sub(" ", text)
    return _SPACES.sub(" ", text).strip()


def is_blank(message: str | None) -> bool:
    if message is None:
        return True
    if _WORDLIKE.search(message):  # fast path: any letter or digit means it is not blank
        return False
    return not "".join(
        c for c in clean(message) if not c.isspace() and unicodedata.category(c) != "Cf"
    )


# Split on commas, semicolons, line breaks and sentence ends ("." followed by a space or
# the end), not on decimal points ("1.5") or abbreviations inside words.
_SPLIT = re.compile(r"\s*(?:[,;\n]|\.(?=\s|$)|!(?=\s|$)|\?(?=\s|$))\s*")


# Words in quotes are lettering, said whole: "'I ATE 10, 000 CALORIES'" is one phrase, its commas kept.
_QUOTED = re.compile(r"(?:(?<=^)|(?<=[\s:(]))(['\"“‘])([^'\"”’\n]{1,80}?)(['\"”’])(?=$|[\s,.;:!?)])")
_KEPT_COMMA = "\u241f"


def split_phrases(text: str) -> list[str]:
    text = _QUOTED.sub(lambda m: m.group(1) + m.group(2).replace(",", _KEPT_COMMA).replace(";", _KEPT_COMMA * 2) + m.group(3), text)
    return [p.strip(" .").replace(_KEPT_COMMA * 2, ";").replace(_KEPT_COMMA, ",") for p in _SPLIT.split(text) if p.strip(" .")]


def norm_key(phrase: str) -> str:
    """A comparison key: lower case, words only, articles dropped."""
    words = re.findall(r"[^\W_]+", phrase.lower())
    return " ".join(w for w in words if w not in ("a", "an", "the"))


def content_words(text: str) -> set[str]:
    stop = {"a", "an", "the", "of", "in", "on", "at", "with", "and", "by", "to", "for", "it", "is"}
    words = set(re.findall(r"[^\W_]+", text.lower()))
    # A crude singular form so "colors" matches "color".
    return {w[:-1] if len(w) > 3 and w.endswith("s") else w for w in words} - stop


def dedupe(phrases: list[str]) -> list[str]:
    seen: set[str] = set()
    out = []
    for p in phrases:
        k = norm_key(p) or p
        if k not in seen:
            seen.add(k)
            out.append(p)
    return out


def tidy(phrase: str) -> str:
    """Remove what an edit leaves dangling: doubled spaces, lone 'and'/'with'/prepositions."""
    p = _SPACES.sub(" ", phrase).strip(" ,;")
    dangling = r"(?:and|with|in|at|on|during|by|of|under|the|a|an|,)"
    for _ in range(3):
        p = re.sub(r"^(?:and|with|plus|,)\s+", "", p, flags=re.I)
        p = re.sub(rf"\s+(?:{dangling})$", "", p, flags=re.I)
        p = re.sub(r"\b(and|with)\s+(and|with)\b", r"\2", p, flags=re.I)
        p = p.strip(" ,;")
    return p if re.search(r"[^\W_]", p) else ""
