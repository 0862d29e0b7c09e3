"""Questions about which pictures of the conversation show something: "which one had the bigger moon?", "was the
girl in all three panels?", "do you remember what the first icon was?". Answered from the pictures' prompts (what was
asked of the model, not what its pixels show), never drawn. Pure functions."""

from __future__ import annotations

import re

from conversation.actions import Question
from conversation.interpreter import Context, Picture
from conversation.phrases import phrase_head
from conversation.words import picture_number

_KIND = r"(?:one|ones|picture|pictures|pic|pics|version|versions|panel|panels|frame|frames|page|pages|image|images|icon|icons|card|cards)"
_WHICH = re.compile(rf"^\W*(?:(?:so|and|hmm+|wait|ok(?:ay)?)[,\s]+)*(?:which|what)\s+{_KIND}\s+(?:had|has|have|was|were|showed|shows|"
                    rf"with|got)\s+(?:the\s+|a\s+|an\s+)?(?P<what>[\w' -]{{2,40}}?)\s*\?*\W*$", re.I)
_IN_ALL = re.compile(rf"^\W*(?:(?:so|and|wait)[,\s]+)*(?:was|were|is|are)\s+(?:the\s+|a\s+|an\s+)?(?P<what>[\w' -]{{2,40}}?)\s+in\s+(?:all|every|each|"
                     rf"both)\s+(?:(?:two|three|four|five|of\s+the)\s+)?(?:{_KIND}|of\s+them)\s*\?*\W*$", re.I)
_REMEMBER = re.compile(r"^\W*(?:(?:so|and|hey)[,\s]+)*(?:do|can)\s+you\s+(?:remember|recall)\s+what\s+the\s+(?P<which>first|second|third|fourth|"
                       r"last|previous|original|\d+(?:st|nd|rd|th))\s+[\w-]+\s+(?:was|looked\s+like|showed)\s*\?*\W*$", re.I)


def which_asked(text: str, ctx: Context) -> Question | None:
    """The answer, from the prompts, to which pictures show a thing; None when the message asks no such thing."""
    if not ctx.pictures:
        return None
    t = text.strip()
    m = _REMEMBER.match(t)
    if m:
        number = picture_number(m.group("which"))
        if number is not None and 0 < abs(number) <= len(ctx.pictures):
            return Question(topic="describe", image=ctx.pictures[number - 1 if number > 0 else number].number)
    m = _WHICH.match(t) or _IN_ALL.match(t)
    if m is None:
        return None
    noun = phrase_head(m.group("what"))
    having = [p for p in ctx.pictures if noun and p.says(noun)]
    return Question(topic="describe", answer=_answer(noun, having, len(ctx.pictures)))


def _answer(noun: str, having: list[Picture], total: int) -> str:
    if not having:
        return f"No picture here was asked for a {noun}: none of their prompts names one."
    numbers = [str(p.number) for p in having]
    which = "every picture" if len(having) == total else ("picture " + numbers[0] if len(numbers) == 1 else
                                                          "pictures " + ", ".join(numbers[:-1]) + " and " + numbers[-1])
    said = "; ".join(f"{p.number}: {p.prompt_sent}" for p in having[-3:])
    return (f"A {noun} is in the prompt of {which} (I read the prompts, not the pixels, so where it stands or how big it "
            f"came out I can't tell). {said}")
