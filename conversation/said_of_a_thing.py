"""How a change says what happens to one thing, rewritten as what is seen: "open the door" → "the door open",
"show a jungle behind it" → "a jungle behind it", "make the mane ice" on "a mane made of fire" → made of ice.
Pure functions."""

from __future__ import annotations

import re

from conversation.actions import Op, Replace
from conversation.interpreter import Context
from conversation.phrases import bare, is_colour


def as_seen(clause: str) -> str:
    """ "open the door" → "the door open", "show a jungle behind it" → "a jungle behind it": what is seen."""
    clause = re.sub(r"^(?:and\s+)?(?:show|showing|reveal|revealing)\s+(?!(?:me|us|it|him|her|them)\b)(?=(?:an?|some|\d+)\s)", "", clause,
                    flags=re.I)
    return re.sub(r"^(open|close|shut)\s+(the\s+[\w-]+(?:\s+[\w-]+)?)$", lambda m: f"{m.group(2)} "
                  f"{'closed' if m.group(1).lower() == 'close' else m.group(1).lower()}", clause, flags=re.I)


def made_of(old: str, new: str, ctx: Context) -> list[Op] | None:
    """ "make the mane ice instead" on "a mane made of fire": what it is made of changes."""
    made = re.search(rf"\b{re.escape(bare(old))}\s+(?:made\s+)?(?:out\s+)?of\s+([\w-]+)", " ".join(ctx.scene.phrases()), re.I) \
        if ctx.scene is not None and bare(old) and re.fullmatch(r"[\w-]+", new) and not is_colour(new) \
        and not re.search(r"(?:er|est|ly|ish|ier)$", new, re.I) else None
    return [Replace(old=made.group(0), new=made.group(0)[:made.start(1) - made.start(0)] + new)] if made else None
