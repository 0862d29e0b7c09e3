"""Slips of the fingers: in a long word of thanks or praise ("perfct", "thnak you", "awsome"), and in a word of the
picture ("make the cta fluffier"). Pure functions."""

from __future__ import annotations

import re
from functools import lru_cache

from spellchecker import SpellChecker
from spellchecker.spellchecker import WordFrequency


# Long words of thanks and praise, which a slip of one letter still says: "perfct", "thnak you", "awsome".
_SLIPPED = ("perfect", "thank", "thanks", "awesome", "amazing", "beautiful", "gorgeous", "lovely", "wonderful", "fantastic",
            "brilliant", "incredible", "stunning", "excellent")


def slip_of(token: str) -> str | None:
    """The long word of thanks or praise ``token`` is with one letter missing, added, changed or two swapped."""
    if len(token) < 5 or not token.isalpha():
        return None
    for word in _SLIPPED:
        if abs(len(word) - len(token)) <= 1 and token != word and _one_slip(token, word):
            return word
    return None


def _swapped(a: str, b: str) -> bool:
    """Two letters side by side swapped: "cta" for "cat" (in a short word, the one slip read as no other word)."""
    diff = [i for i in range(len(a)) if len(a) == len(b) and a[i] != b[i]]
    return len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]]


def _one_slip(a: str, b: str) -> bool:
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        return len(diff) == 1 or len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]]
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    return any(long_[:i] + long_[i + 1:] == short for i in range(len(long_)))


@lru_cache(maxsize=1)
def _dictionary() -> WordFrequency:
    """English words with their frequencies (pyspellchecker's list), read once: what is a word and what a slip."""
    return SpellChecker(language="en", distance=1).word_frequency


def scene_slips(message: str, phrases: list[str]) -> str:
    """``message`` with each word that is no English word but one slip of a single word the picture has put right:
    "make the cta fluffier" over "a cat in a garden" reads "make the cat fluffier". A real word is never changed
    ("add a hat" to the cat stays a hat), nor a word a slip away from two of the picture's words; in a short word only two
    letters swapped count."""
    said = {t.lower() for p in phrases for t in re.findall(r"[a-z]{3,}", p, re.I)}
    if not said:
        return message
    known = _dictionary()

    def put_right(m: re.Match) -> str:
        token = m.group(0)
        low = token.lower()
        if len(low) < 3 or low in said or low in known:
            return token
        near = [w for w in said if (_one_slip(low, w) if len(w) >= 5 and abs(len(w) - len(low)) <= 1 else _swapped(low, w))]
        return near[0] if len(near) == 1 else token

    return re.sub(r"(?<![\w'])[a-z]{3,}(?![\w'])", put_right, message, flags=re.I)
