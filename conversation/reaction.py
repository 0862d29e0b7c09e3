"""A reaction to the picture, in a word or two, before talk: "creepy. love it", "so relaxing. i've been staring at
spreadsheets all day", "gorgeous!! my mum would love this". The word says how the picture feels, not how it should
change (that would be "creepier", "more relaxing", "make it creepy"). Answered, never drawn. Pure functions.
"""

from __future__ import annotations

import re

from conversation import words as w
from conversation.actions import Chat
from conversation.interpreter import Context
from conversation.small_talk import chat_kind
from conversation.told import told_of_self
from conversation.turn_intent import TALK, intent_of

# One word of feeling, perhaps made stronger: no comparative, no asking
_REACTION = re.compile(r"^\W*(?:(?:so+|very|really|pretty|kinda|quite|super|how|too)\s+)?(?P<word>[a-z]{3,})\s*[.!…]+\s*(?P<rest>\S.*)$",
                       re.I)
_NOT_A_FEELING = re.compile(r"(?:\w*er|more|less|make|add|remove|again|another|now|also|then|and|but|no|yes|ok|okay|please|pls|"
                            r"night|day|bigger|smaller|wider|taller|darker|brighter|undo|redo|back)$", re.I)


def reaction_then_talk(text: str, ctx: Context) -> Chat | None:
    """ "creepy. love it": a word of how the picture feels, then praise or the person's own news; None otherwise."""
    if ctx.scene is None or ctx.attached:
        return None
    m = _REACTION.match(text.strip())
    if m is None or _NOT_A_FEELING.fullmatch(m["word"]) or w.find_style(m["word"]):
        return None
    rest = m["rest"].strip()
    kind = chat_kind(rest)
    said, sure = intent_of(rest, picture=True)
    if kind in ("praise", "thanks") or told_of_self(rest, on_screen=True) or said in TALK and sure >= 0.9:
        return Chat(kind="praise")
    return None

