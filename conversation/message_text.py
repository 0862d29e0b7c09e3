"""A message's text as it can be kept: broken characters mended, an overlong one cut with a note.

A lone UTF-16 surrogate ("\\ud800") reaches Python from JSON (browsers and HTTP clients send it
escaped), but cannot be encoded as UTF-8: DuckDB refuses to store it and Gradio cannot send it
back to the browser, so one such character used to end the turn in a bare "Error".
"""

from __future__ import annotations

import re

REPLACEMENT = "\ufffd"
MENDED_NOTE = ("Your message had a broken character (an unpaired surrogate, as some copy-and-paste produces); "
               f"it was replaced with {REPLACEMENT}.")
_SURROGATE = re.compile("[\ud800-\udfff]")


def mend(text: str) -> tuple[str, bool]:
    """``text`` with each lone surrogate replaced by U+FFFD, and whether there was one. (A valid
    pair never appears in a Python str as two surrogates, so any surrogate here is a lone one.)"""
    mended, n = _SURROGATE.subn(REPLACEMENT, text)
    return mended, bool(n)


def for_record(text: str, limit: int) -> str:
    """The message as the conversation keeps it: mended, and if longer than ``limit`` characters,
    cut to fit with a note of how long it was, so a message refused as too long is still shown
    and stored."""
    text, _ = mend(text)
    if len(text) <= limit:
        return text
    note = f" … [cut here: the message had {len(text):,} characters]"
    return text[: max(0, limit - len(note))] + note
