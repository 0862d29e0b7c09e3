"""One request among sentences of talk: "It's beautiful. Could you make it a bit wider? The window is long and
low." The whole message, read at once, draws its remarks; read a sentence at a time, one sentence asks for a
change and the others are talk (the rules answer them, or the learned second opinion reads them as talk). Then
the message is that request. Pure functions.
"""

from __future__ import annotations

import re
from typing import Callable

from conversation.actions import Action, Chat, Help, New, Question
from conversation.interpreter import Context
from conversation.talk_or_draw import own_words_drawn, verdict

Read = Callable[[str, Context], tuple[Action, tuple[str, ...]]]

_SENTENCE = re.compile(r"(?<=[.!?…])\s+")
_WORD = re.compile(r"[^\W_]")


def request_among_talk(action: Action, text: str, ctx: Context, read: Read) -> Action:
    """The one sentence's request when the whole message was read as a new picture, or as its own words drawn, while
    a picture is on screen; otherwise the action as read."""
    if ctx.scene is None or ctx.attached or ctx.keep or not (isinstance(action, New) or own_words_drawn(action, text)):
        return action
    sentences = [s for s in _SENTENCE.split(text.strip()) if _WORD.search(s)]
    if not 2 <= len(sentences) <= 4:
        return action
    readings = [(s, read(s, ctx)[0]) for s in sentences]
    # A request has a form the rules know (a change named, another one, undo); a sentence drawn as its own words has
    # none, and is taken for a reason or a remark unless the learned second opinion is sure it asks for a picture.
    asked = [(s, a) for s, a in readings if not isinstance(a, (Chat, Help, Question)) and not own_words_drawn(a, s)]
    if len(asked) != 1 or any(own_words_drawn(a, s) and verdict(s, picture=True).sure_draw for s, a in readings):
        return action
    return asked[0][1]
