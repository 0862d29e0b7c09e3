"""What an edit points at: the picture's place said as a phrase, a thing placed by "it", a pronoun's antecedent, and
"no X on it"."""

from __future__ import annotations

import re

from conversation.actions import SetSlot
from conversation.edit_clauses import PLACE_PHRASE
from conversation.interpreter import Context
from conversation.phrases import bare


def place_op(text: str) -> SetSlot | None:
    """ "in a forest", "onto the roof": where the picture is set."""
    m = PLACE_PHRASE.match(text)
    if not m:
        return None
    prep = {"into": "in", "onto": "on"}.get(m.group(1).lower(), m.group(1).lower())
    return SetSlot(slot="setting", value=f"{prep} {m.group(2).strip()}")


# "a baby penguin next to it", "a kite above him": something new placed by the picture's subject.
BY_IT = re.compile(
    r"^(.+?)\s+(next to|beside|near|behind|in front of|on top of|around|under|over|above|below|on|with|holding|"
    r"chasing|following|facing|looking at|riding)\s+(it|him|her|them)$", re.I)
BY_IT_ANYWHERE = re.compile(
    r"\b(?:next to|beside|near|behind|in front of|on top of|around|under|above|below|chasing|following|facing|"
    r"looking at)\s+(?:it|him|her|them)\b", re.I)


_PRONOUN = re.compile(r"^(?:it|them|they|those|these|that|this|that one|those ones|him|her)$", re.I)


def antecedent(thing: str, ctx: Context) -> str:
    """ "remove them" right after "add some pigeons": a pronoun stands for the detail added last,
    never for the picture itself (the negative prompt must not get "them")."""
    if not _PRONOUN.match(thing.strip()) or ctx.scene is None or not ctx.scene.details:
        return thing
    return bare(ctx.scene.details[-1]) or thing


NONE_ON_IT = re.compile(r"^(?:(?:and|but|just|also)\s+)*(?:no|without(?:\s+any)?|no\s+more)\s+([\w' -]{2,30}?)\s+(?:on|in|across)\s+"
                         r"(?:it|this|that|them|there|the\s+[\w-]+)(?:\s+(?:please|pls|thanks))?\W*$", re.I)
