"""A slip put right the way people do in chats: "*puddles lol autocorrect" right after "splashing in poodles". The
word of the picture closest to the one starred is replaced by it. Pure functions."""

from __future__ import annotations

import difflib
import re

from conversation.actions import Replace
from conversation.interpreter import Context

_ASIDE = r"(?:lol|lmao|haha+|sorry|oops|typo|stupid|damn|dumb|autocorrect|auto-correct|i\s+meant|meant)\b"
_STARRED = re.compile(rf"^\W*\*\s*(?P<word>[^\W\d_][\w'-]{{1,30}}(?:\s+(?!{_ASIDE})[^\W\d_][\w'-]{{1,30}})?)\s*\*?"
                      rf"(?:[\s,.!]+{_ASIDE})*\W*$", re.I)


def typo_fixed(text: str, ctx: Context) -> list[Replace] | None:
    """The starred word in place of the picture's word it most looks like, or None when nothing is starred or close."""
    m = _STARRED.match(text.strip())
    if m is None or ctx.scene is None:
        return None
    fix = m.group("word").strip()
    words = set(re.findall(r"[^\W\d_][\w'-]+", " ".join(ctx.scene.phrases()).lower())) - {fix.lower()}
    joined = fix.lower().replace(" ", "")
    if joined in words:
        return None  # "*rain coat" on a picture with a raincoat: nothing to put right
    close = difflib.get_close_matches(joined, words, n=1, cutoff=0.6)
    return [Replace(old=close[0], new=fix)] if close else None
