"""Negative prompts: the person's words first, then removals, then the style's, no duplicates."""

from __future__ import annotations

from .text import dedupe, norm_key, split_phrases


def merge(*sources: str | list[str], exclude: list[str] = ()) -> list[str]:
    phrases: list[str] = []
    for src in sources:
        phrases += split_phrases(src) if isinstance(src, str) else [p for p in src if p]
    banned = {norm_key(e) for e in exclude if e}
    # A negative must never forbid what the prompt now asks for ("add people" after "remove the people").
    return [p for p in dedupe(phrases) if norm_key(p) not in banned]
