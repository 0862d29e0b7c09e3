"""How a change says what happens to one thing, rewritten as what is seen: "open the door" → "the door open",
"show a jungle behind it" → "a jungle behind it", "make the mane ice" on "a mane made of fire" → made of ice.
Pure functions."""

from __future__ import annotations

import re

from conversation.actions import Op, Replace
from conversation.interpreter import Context
from conversation.edit_clauses import slot_ops
from conversation.flags import extract_settings
from conversation.phrases import bare, is_colour
from conversation.words import find_style


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


# A picture "of" a place, the place changed: "change it to santorini" on "a retro travel poster of the amalfi coast".
_OF_PLACE = re.compile(r"\b(?:poster|postcard|map|view|skyline|print|panorama)\s+of\s+"
                       r"(?P<place>(?:the\s+)?[\w' -]{2,40}?)(?=\s*(?:,|$|\s+(?:at|in|during|with|under)\b))", re.I)
_TO_PLACE = re.compile(r"^\W*(?:(?:change|switch|swap|turn)\s+it\s+to|make\s+it|do\s+(?:one\s+(?:for|of)|it\s+(?:for|in)))\s+(?P<new>[\w' -]{2,30}?)"
                       r"(?:\s+(?:instead|please|pls|now))*\W*$|^\W*(?:(?:ok(?:ay)?|and)\s+)?now\s+(?P<next>[\w' -]{2,30}?)(?:\s+(?:please|pls))?\W*$",
                       re.I)


def place_swapped(text: str, scene, last: str) -> list[Op] | None:
    """ "change it to santorini", then "now kyoto": the place a picture is of, another; None when the words name a
    look, or "now …" does not follow a change of place."""
    m, of = _TO_PLACE.match(text.strip()), _OF_PLACE.search(scene.subject) if scene is not None else None
    if m is None or of is None:
        return None
    new = m.group("new") or m.group("next")
    if re.search(r"\b(?:with|and|at|in|on|during|under|more|less)\b", new, re.I):
        return None  # "make it evening with warm lamps on": a change of the picture, not another place
    if m.group("next") and not _TO_PLACE.match(last.strip()):
        return None  # "now kyoto" only right after a place was changed
    if is_colour(new.split()[0]) or _a_look(new):
        return None
    return [Replace(old=of.group("place"), new=new)]


def _a_look(words: str) -> bool:
    """Words that name a look, a time, a weather or a shape rather than a place: "watercolor", "night", "portrait"."""
    return bool(find_style(words) or slot_ops(words) or extract_settings(words)[0])
