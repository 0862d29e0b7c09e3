"""A slip of the fingers in a long word of thanks or praise: "perfct", "thnak you", "awsome". Pure functions."""

from __future__ import annotations


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


def _one_slip(a: str, b: str) -> bool:
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        return len(diff) == 1 or len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]]
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    return any(long_[:i] + long_[i + 1:] == short for i in range(len(long_)))
