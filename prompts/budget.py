"""Token and character budgets: count with the pipeline's own tokenizer when given, keep the
most important phrases, and say what was left out."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Callable

from .targets import CLIP_CHUNK

_PIECES = re.compile(r"[^\W\d_]+|\d|[^\w\s]+", re.UNICODE)


def estimate_tokens(text: str) -> int:
    """A CLIP-like estimate without a tokenizer: one token per common word, more for long or
    non-Latin words (byte-level BPE splits them), one per digit and punctuation run."""
    n = 0
    for piece in _PIECES.findall(text.lower()):
        if piece.isascii():
            n += 1 if not piece[0].isalpha() else max(1, math.ceil(len(piece) / 7))
        else:
            n += max(1, len(piece.encode("utf-8")) // 2)
    return n


def clip_limit(tokenizer: object | None) -> int:
    """Tokens one prompt may use: the encoder's length minus the start and end tokens."""
    length = getattr(tokenizer, "model_max_length", CLIP_CHUNK) if tokenizer is not None else CLIP_CHUNK
    if not isinstance(length, int) or length <= 2 or length > 4096:  # unset: a huge sentinel
        length = CLIP_CHUNK
    return length - 2


def make_counter(tokenizer: object | None) -> tuple[Callable[[str], int], bool]:
    """(count function, is_estimate)."""
    if tokenizer is None:
        return estimate_tokens, True
    backend = getattr(tokenizer, "backend_tokenizer", None)
    if backend is not None:
        # The Rust tokenizer directly: same tokens as ``tokenize``, faster, and no
        # "sequence longer than the maximum" log line for text that is about to be cut.
        def tokenize(text: str) -> list:
            return backend.encode(text, add_special_tokens=False).ids
    else:
        tokenize = getattr(tokenizer, "tokenize")
    cache: dict[str, int] = {}

    def count(text: str) -> int:
        if text not in cache:
            if len(cache) > 4096:
                cache.clear()
            cache[text] = len(tokenize(text))
        return cache[text]

    return count, False


@dataclass(frozen=True)
class Part:
    text: str
    priority: int  # lower is more important; 0 is never dropped whole
    source: str  # "user" | "edit" | "previous" | "style" | "enhance"


def fit(parts: list[Part], limit: int, measure: Callable[[str], int], sep: str = ", ") -> tuple[list[Part], list[Part], bool]:
    """Drop the least important parts until the joined text fits ``limit`` (as measured);
    cut the words of the last remaining part when one alone is too long.
    Returns (kept, dropped, cut)."""
    kept = list(parts)
    dropped: list[Part] = []
    sep_cost = measure(sep.strip()) if sep.strip() else 0

    def total(ps: list[Part]) -> int:
        return sum(measure(p.text) for p in ps) + sep_cost * max(0, len(ps) - 1)

    while len(kept) > 1 and total(kept) > limit:
        worst = max(range(len(kept)), key=lambda i: (kept[i].priority, i))
        if kept[worst].priority == 0:
            break
        dropped.append(kept.pop(worst))
    cut = False
    if total(kept) > limit:
        # Cut the last part word by word (binary search over the number of words kept).
        head = kept[:-1]
        last = kept[-1]
        words = last.text.split(" ")
        budget = limit - total(head) - (sep_cost if head else 0)
        lo, hi = 0, len(words)
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if measure(" ".join(words[:mid])) <= budget:
                lo = mid
            else:
                hi = mid - 1
        cut = True
        kept = head + ([Part(" ".join(words[:lo]), last.priority, last.source)] if lo else [])
        while len(kept) > 1 and total(kept) > limit:  # separators can tip it over by a token
            dropped.append(kept.pop())
    # Keep the original order of what remains.
    order = {id(p): i for i, p in enumerate(parts)}
    kept.sort(key=lambda p: order.get(id(p), len(parts)))
    return kept, dropped, cut


def pretrim(text: str, max_chars: int) -> tuple[str, bool]:
    """Cut very long input at a word boundary before any other work, so cost stays small."""
    if len(text) <= max_chars:
        return text, False
    cut = text[:max_chars]
    space = cut.rfind(" ")
    if space > max_chars // 2:
        cut = cut[:space]
    return cut, True
