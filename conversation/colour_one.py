"""Another colour of what was just recoloured: "try a green sofa", then "now a mustard yellow one" is the sofa,
mustard yellow (not a new picture of "a mustard yellow one", nor the room in that colour)."""

from __future__ import annotations

import re

from conversation.actions import Edit, Replace
from conversation.interpreter import Context
from conversation.phrases import COLOUR_PHRASE

_COLOUR = rf"{COLOUR_PHRASE}(?:[ -]{COLOUR_PHRASE})?"
_ONE = re.compile(rf"^\W*(?:(?:now|ok(?:ay)?|and|maybe|try|then|hmm+|or|how\s+about|what\s+about|let'?s\s+(?:try|see))\W+)*"
                  rf"(?:an?\s+)?(?P<c>{_COLOUR})\s+(?:one|version)(?:\s+(?:instead|please|pls|now|then|too|this\s+time))*\W*$", re.I)
_COLOURED = re.compile(rf"^(?:(?:a|an|the)\s+)?(?P<c>{_COLOUR})\s+(?P<thing>[\w-]+(?:\s+[\w-]+)?)$", re.I)


def colour_one(text: str, ctx: Context) -> Edit | None:
    """The thing the last picture recoloured, in the colour now said; None when the message is not "a <colour> one"
    or the last picture recoloured nothing."""
    m = _ONE.match(text.strip())
    if m is None or len(ctx.pictures) < 2:
        return None
    before = ctx.pictures[-2].prompt_sent.lower()
    for part in (p.strip() for p in ctx.pictures[-1].prompt_sent.split(",")):
        said = _COLOURED.match(part)
        if said and part.lower() not in before and said.group("thing").lower() in before:
            old = re.sub(r"^(?:a|an|the)\s+", "", part, flags=re.I)
            return Edit(ops=(Replace(old=old, new=f"{m.group('c')} {said.group('thing')}"),))
    return None
