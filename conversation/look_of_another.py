"""The look of another picture asked for this one: "same style as the warlock one", "in the style of the first
one". The other picture's style preset and the phrases of its prompt that say how it looks (not what it shows)
are carried over. Pure functions."""

from __future__ import annotations

import re

from conversation.actions import Add, Op, SetStyle
from conversation.interpreter import Context
from conversation.words import find_style, picture_number

_SAME_LOOK_AS = re.compile(r"^\W*(?:(?:now|ok(?:ay)?|and|but|then|please|pls|can you|could you)[\s,]+)*(?:(?:make it|do it|draw it|put it)\s+)?"
                           r"(?:in\s+)?(?:the\s+)?(?:same|similar)\s+(?:style|look|vibe|aesthetic|art style|feel)\s+(?:as|to|like)\s+"
                           r"(?:the\s+)?(?P<what>[\w-]+(?:\s+[\w-]+)??)(?:\s+(?:one|picture|image|pic|version))?(?:\s+(?:please|pls))?\W*$|"
                           r"^\W*(?:make it|do it)\s+(?:in\s+)?the\s+(?:style|look)\s+of\s+the\s+(?P<what2>[\w-]+(?:\s+[\w-]+)?)\s+"
                           r"(?:one|picture|image|pic|version)\W*$", re.I)
# Words of a phrase that say how a picture looks rather than what is in it.
_LOOK_WORDS = re.compile(r"\b(?:style|portrait|painting|painted|illustration|art|artwork|render|rendering|photo|photograph|"
                         r"lighting|light|palette|colou?rs|aesthetic|vibes?|fantasy|noir|cinematic|sketch|drawing|print|"
                         r"watercolou?r|oil|anime|comic|cartoon|realistic|photorealistic|moody|dramatic|minimalist|vintage|retro)\b", re.I)


def look_of_another(text: str, ctx: Context) -> list[Op] | None:
    """The ops that give the picture on screen the look of the earlier picture named; None when no picture is
    named by the words or none has a look to carry."""
    m = _SAME_LOOK_AS.match(text.strip())
    if m is None or ctx.scene is None or len(ctx.pictures) < 2:
        return None
    what = m.group("what") or m.group("what2")
    number = picture_number(what)
    if number is not None:
        pic = next((p for p in ctx.pictures if p.number == (number if number > 0 else len(ctx.pictures) + number + 1)), None)
    else:
        pic = next((p for p in reversed(ctx.pictures[:-1]) if p.says(what.split()[-1])), None)
    if pic is None:
        return None
    ops: list[Op] = [SetStyle(style=pic.style)] if pic.style and pic.style != "none" else []
    words = pic.prompt_typed or pic.prompt_sent
    for phrase in (p.strip() for p in words.split(",")):
        if phrase and (_LOOK_WORDS.search(phrase) or find_style(phrase)) and not ctx.scene.mentions(phrase):
            ops.append(Add(thing=phrase))
    return ops or None
