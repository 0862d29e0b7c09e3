"""A wish relayed from someone else while a picture is on screen: "my kids say he needs a broom too", "my twins say
the alien needs three eyes", "ok she wants Sparkle Bean to be flying", "he says pluto has to be in it", "my nephew
insists on a cape made of lettuce", "ok now she changed her mind, green backpack". What they want is read as the
person's own request; what they only say ("she says goodnight owl") is read as it is. Pure functions."""

from __future__ import annotations

import re
from typing import Callable

from conversation.actions import DRAWING, Action, Add, Chat, Edit, New
from conversation.interpreter import Context

Read = Callable[[str, Context], tuple[Action, tuple[str, ...]]]

_WHO = r"(?:(?:ok(?:ay)?|so|and|now|lol|haha+)[\s,]+)*(?:(?:my|our|the)\s+(?:(?!(?:will|would|can|could|might|may)\b)[\w-]+\s+){0,2}?[\w-]+|he|she|they)"
_RELAYED = re.compile(rf"^\W*{_WHO}\s+(?:(?:also|really|now|just|still)\s+)?(?:says?|said|insists?|insisted|wants?|wanted|votes?|voted|would\s+like|'d\s+like)"
                      r"(?:\s+that)?\s+(?P<rest>.+?)\W*$", re.I)
_CHANGED_MIND = re.compile(rf"^\W*{_WHO}\s+changed\s+(?:her|his|their|my)\s+mind\s*[,.:;!-]+\s*(?P<rest>.+?)\W*$", re.I)
_NEEDS = re.compile(r"^(?P<who>.+?)\s+(?:needs?|should\s+have|has\s+to\s+have|must\s+have|gets?)\s+(?P<thing>(?!to\b).+?)(?:\s+too|\s+as\s+well)?$",
                    re.I)
_TO_BE = re.compile(r"^(?P<who>.+?)\s+(?:has\s+to|needs\s+to|should|must|to)\s+be\s+(?P<how>.+)$", re.I)
_ON = re.compile(r"^(?:on\s+)?(?P<thing>(?:an?|some|two|three|four|more)\s+.+)$", re.I)
_NOT_A_WISH = re.compile(r"(?:(?:sorry|hi|hello|thanks|thank\s+you|good\s*night|bye|wow)\b|(?:it|that|this)\s+(?:looked|was)\s+better\b|[\w\s'-]{0,30}?\b(?:is|are|looks?)\s+(?:too|so|really|"
                         r"very|super|kinda|way)\s+\w+|[\w\s'-]{0,30}?\blooks?\s+like\b|(?:we|i|you|us)\b|(?:on\s+)?(?:which|whether)\b|to\s+(?:know|see|ask|check|say|tell|hear|print|buy|share)|(?:these|those|them|this|it|one)\s+(?:by|for|on|before|"
                         r"done|ready|printed|sent|tomorrow|today)|(?:it'?s|its|it\s+is|this\s+is|that'?s)\s+(?:a|an|the|so|really|very|real|"
                         r"perfect|great|amazing|lovely|beautiful|cute|gorgeous)\b|(?:if|whether|why|how|what|when|where)\b)", re.I)
_PRONOUN = re.compile(r"^(?:he|she|it|they|him|her|them)$", re.I)


def relayed(text: str, ctx: Context, read: Read) -> Action | None:
    """The request inside a wish relayed from someone, read as the person's own; None when the message is not one."""
    if ctx.scene is None:
        return None
    m = _CHANGED_MIND.match(text) or _RELAYED.match(text)
    if m is None or text.rstrip().endswith("?"):
        return None  # "my son says dragons should breathe fire, is that in there?": asked, read elsewhere
    rest = re.split(r",\s+(?=(?:he|she|they|it)(?:'s|\s+is|'re|\s+are)\b)", m.group("rest"))[0].strip(" .!?")
    if _NOT_A_WISH.match(rest):
        return None  # "she wants to know if dogs can smile", "the printer wants these by thursday": not a change

    if re.match(r"(?:good\s*night|night\s+night|hi|hello|hey|bye|thanks|thank\s+you|happy\s+\w*day|congrat\w*|merry|good\s+luck|"
                r"well\s+done)\b", rest, re.I):
        return Chat(kind="other")  # "she says goodnight owl 🦉": said to the picture, nothing asked
    to_be = _TO_BE.match(rest)
    if to_be and not re.fullmatch(r"in\s+(?:it|there|the\s+(?:picture|image))", to_be.group("how"), re.I):
        return Edit(ops=(Add(thing=f"{to_be.group('who')} {to_be.group('how')}"),))  # "Sparkle Bean to be flying"
    action = read(_as_request(rest), ctx)[0]
    if isinstance(action, New):  # a thing they want in it, said as a description: added to the picture on screen
        return Edit(ops=(Add(thing=rest),))
    return action if action.intent in DRAWING else None  # what reads as no request is read as the whole message


def _as_request(rest: str) -> str:
    to_be = _TO_BE.match(rest)
    if to_be:  # "pluto has to be in it"
        return f"add {to_be.group('who')}"
    needs = _NEEDS.match(rest)
    if needs:  # "he needs a broom too", "the alien needs three eyes"
        who = needs.group("who")
        return f"add {needs.group('thing')}" if _PRONOUN.match(who) else f"give {who} {needs.group('thing')}"
    on = _ON.match(rest)
    if on:  # "insists on a cape made of lettuce"
        return f"add {on.group('thing')}"
    if re.match(r"(?:it|him|her|them)\s+", rest, re.I):  # "wants it blue"
        return f"make {rest}"
    return rest  # "goodnight owl", "green backpack": read as said
