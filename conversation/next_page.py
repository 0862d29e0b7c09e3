"""The next page of a story, asked of the picture on screen: "make another page where he finds a sleeping owl", "next
page: she meets a fox". A new picture with the same character doing what is said, in the same look; "he", "she" or
"they" is the character the picture shows."""

from __future__ import annotations

import re

from conversation.actions import New, SetStyle
from conversation.interpreter import Context
from conversation.phrases import a_an, phrase_head

_PAGE = re.compile(r"^\W*(?:(?:ok(?:ay)?|now|and|then|great|perfect|nice)[,!.\s]+)*(?:(?:can\s+you\s+|could\s+you\s+|please\s+)?(?:make|draw|do|"
                   r"create|give\s+me)\s+)?(?:another|the\s+next|a\s+new|next|one\s+more)\s+(?:page|scene|panel|spread|illustration|"
                   r"chapter\s+picture)\s*(?:where|in\s+which|when|:|-|—|,)\s*(?P<who>he|she|they|it)\s+(?P<does>.{3,200}?)\W*$", re.I)


def next_page(text: str, ctx: Context) -> New | None:
    """The next page asked, or None when the message asks no page or the picture shows no one to carry over."""
    m = _PAGE.match(text.strip())
    if m is None or ctx.scene is None or ctx.scene.verbatim:
        return None
    lead = re.split(r"\s*,\s*|\s+(?:in|on|at|through|under|near|by|walking|sitting|standing|running|flying|lying)(?:\s+|$)",
                    re.sub(r"^(?:an?|the)\s+", "", ctx.scene.subject.strip(), flags=re.I), maxsplit=1)[0]
    if not lead or not phrase_head(lead):
        return None
    does = m.group("does")
    ops = (SetStyle(style=ctx.scene.style),) if ctx.scene.style not in ("", "none") else ()
    return New(description=f"{a_an(f'a {lead}')} {does}", ops=ops)
