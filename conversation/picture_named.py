"""A picture named by what it has, the one on screen included: after several different pictures in one message
("two pics: a sunflower field and a lavender field"), each is on screen, so "the lavender one is nice, make it at
sunset" is that picture changed, and "go back to the lavender one" that picture, whichever of them was drawn last.
Pure functions; no I/O.
"""

from __future__ import annotations

import re

from prompts.text import clean

from conversation.actions import Action, Branch, Edit, Revert
from conversation.edit_parse import parse_edit
from conversation.interpreter import Context
from conversation.picture_by_words import it_named

# A word that names which picture by its place or kind, not by what it has.
_WORD = r"(?!(?:other|same|new|next|last|first|second|third|fourth|previous|original|latest|one|whole|right|left|best)\b)[\w-]+"
_ONE = r"(?:one|version|picture|pic|image)"
_PRAISE = (r"(?:nice|great|good|lovely|beautiful|gorgeous|amazing|perfect|cool|stunning|best|the best|the one|"
           r"my\s+favou?rite)")
_NAMED_THEN = re.compile(
    rf"^(?:(?:ok(?:ay)?|oh|ooh|wow|yes|yeah|hmm+|so|actually)[\s,!.]+)*(?:i\s+(?:really\s+)?(?:like|love|prefer)\s+|"
    rf"(?:take|use|start from|starting from|from|based on|edit|keep|grab|pick)\s+|(?P<back>(?:go\s+)?back\s+to)\s+)?the\s+(?:(?P<word>{_WORD}(?:\s+{_WORD})?)\s+{_ONE}|"
    rf"{_ONE}\s+with\s+(?:the\s+|an?\s+)?(?P<with>{_WORD}(?:\s+{_WORD})?)|{_ONE}\s+without\s+(?:the\s+|an?\s+|any\s+)?(?P<without>{_WORD}(?:\s+{_WORD})?))"
    rf"(?:\s+(?:is|looks|was|'s)\s+(?:(?:really|so|very|super|pretty|quite)\s+)*{_PRAISE}|\s+(?:best|most))?"
    r"\s*(?:[,.;:!-]+\s*|\s+(?:and|so|but|then)\s+)(?:(?:and|so|but|then|now|just|please|pls|(?:can|could|would) you)\s+)*"
    r"(?P<change>.+)$", re.I)
_BACK_TO = re.compile(rf"^(?:(?:go|get|switch|jump|step)\s+)?back\s+to\s+the\s+(?:(?P<word>{_WORD}(?:\s+{_WORD})?)\s+{_ONE}|"
                      rf"{_ONE}\s+without\s+(?:the\s+|an?\s+|any\s+)?(?P<without>{_WORD}(?:\s+{_WORD})?))"
                      r"(?:\s+(?:please|pls|again))?$", re.I)


def picture_named(text: str, ctx: Context) -> Action | None:
    """ "the lavender one is nice, make it at sunset": the latest earlier picture whose prompt has the words, changed
    (a branch from it), or when only the picture on screen has them, that one (an edit); "go back to the lavender
    one" when only the picture on screen has them: that one. None when the message names no picture so, or the
    words are in every picture."""
    said = clean(text).strip(" .!?")
    pictures = ctx.pictures
    if len(pictures) < 2:
        return None
    m = _NAMED_THEN.match(said) or _BACK_TO.match(said)
    if m is None:
        return None
    if m.re is _NAMED_THEN and m.group("back") and m.group("word"):
        return None  # "go back to the horse one and make it a zebra": read as a way back with a change
    without = m.groupdict().get("without")
    word = m.group("word") or m.groupdict().get("with") or without
    having = [pic for pic in pictures if pic.says(word) != bool(without)]  # "the one without the person": those that lack it
    if not having or len(having) == len(pictures):
        return None  # no picture has it, or all do: the words do not tell which
    if m.re is _BACK_TO:
        return Revert(image=pictures[-1].number) if having == [pictures[-1]] else None  # the others: read as before
    earlier = [pic for pic in having if pic is not pictures[-1]]
    change = re.sub(r"\b(?:that|this)\s+one\b", "it", m.group("change"), flags=re.I)
    ops = parse_edit(it_named(change, word) if earlier else change, ctx)
    if not ops:
        return None
    if earlier:  # as everywhere, the picture on screen is "it": one named is an earlier one when one has the words
        return Branch(image=earlier[-1].number, ops=tuple(ops))
    return Edit(ops=tuple(ops))  # only the picture on screen has them: it, changed
