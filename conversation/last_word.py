"""The last word on the rules' reading of a turn: a picture the rules read that the whole message says is not one, or is
a change of the picture on screen rather than a new one. Pure functions."""

from __future__ import annotations

import re

from prompts.text import clean

from conversation.actions import Action, Add, Chat, Edit, New
from conversation.cues import NEW_REQUEST, strip_lead
from conversation.interpreter import Context
from conversation.reaction import reaction_then_talk
from conversation.small_talk import chat_kind
from conversation.talk_abroad import talk_abroad
from conversation.told import told_before_a_picture

# The picture on screen named in a new one's words: "some workers building a section of it"
_OF_IT = re.compile(r"\b(?:of|on|in|to|around|inside|behind|beside|next\s+to|in\s+front\s+of|on\s+top\s+of)\s+it\b(?!\s*(?:'s|is|was)\b)", re.I)


def last_word(action: Action, text: str, ctx: Context) -> Action:
    """The action, or talk when a picture was read from the person's day told before any picture, from a remark in another language about the person's own, or from a
    word of how the picture feels followed by praise or news; or a change of the picture on screen when a new picture's
    words point at it ("could you show some workers building a section of it?")."""
    if not isinstance(action, (New, Edit)):
        return action
    if ctx.scene is None and not ctx.attached and told_before_a_picture(text):  # "rough day. our dog had surgery this morning"
        return Chat(kind="other")
    if talk_abroad(text, ctx):  # "Me recuerda mucho a mi abuela ❤️"
        return Chat(kind=chat_kind(text) or "other")  # type: ignore[arg-type]
    felt = reaction_then_talk(text, ctx)  # "creepy. love it"
    if felt is not None:
        return felt
    if isinstance(action, New) and ctx.scene is not None and not ctx.attached and not action.ops and not action.variants \
            and action.count == 1 and _OF_IT.search(action.description) and not NEW_REQUEST.match(strip_lead(clean(text))):
        return Edit(ops=(Add(thing=action.description[:300]),))
    return action
