"""A change the chat got wrong, put right: "that's not what I asked, I wanted it at night", "the hair came out brown, I
asked for red", "you changed the wrong thing, the mirrors turned pink, only the chairs should be", "she's a chocolate
lab not a black one", "that's not my church, ours is made of grey stone with a red door". What was wanted is the
change; a change made to the wrong thing is taken off it."""

from __future__ import annotations

import re
from typing import Callable

from conversation.actions import Action, Edit, New, Replace
from conversation.interpreter import Context

_NOT_ASKED = re.compile(r"^\W*(?:(?:no+|nope|hmm+|ugh+|sorry|oops|ok(?:ay)?|um+|well|wait)[,.!\s]+)*(?:that'?s|thats|this\s+is|it'?s)\s+not\s+what\s+i\s+(?:asked(?:\s+for)?|"
                        r"wanted|meant|said)[,.;:!\s]+"
                        # "…, it looks like a shed. I want a log cabin …": what it looks like said, then what was wanted
                        r"(?:(?:it|this|that)\s+(?:looks|is|seems)\b[^.!?]{0,60}[.!?]\s+)?"
                        r"(?:(?:i|we)\s+(?:wanted|want|asked\s+for|meant|said|need|'d\s+like|would\s+like)\s+)?(?P<want>.{3,160}?)\W*$", re.I)
# "I count four, I asked for three": how many were drawn, and how many asked.
_COUNTED = re.compile(r"^\W*(?:(?:no+|hmm+|um+|ugh+)[,.!\s]+)*i\s+(?:count|see|can\s+see)\s+(?P<got>\w+)(?:\s+[\w-]+)?[,;.]?\s+(?:but\s+)?"
                      r"i\s+(?:asked\s+for|wanted|said)\s+(?P<want>one|two|three|four|five|six|seven|eight|nine|ten|\d+)\b(?:\s+[\w-]+)?\W*$", re.I)
_ASKED_FOR = re.compile(r"^\W*(?:the\s+|his\s+|her\s+)?(?P<x>[\w' -]{2,30}?)\s+(?:came\s+out|turned\s+out|is|are|looks?)\s+(?P<got>[\w -]{2,20}?)"
                        r"[,;.]?\s+(?:but\s+)?i\s+(?:asked\s+for|wanted|said)\s+(?P<want>[\w -]{2,30}?)\W*$", re.I)
_WRONG_THING = re.compile(r"\b(?:you\s+)?changed\s+the\s+wrong\s+(?:thing|one|part)[,.;!\s]+(?:the\s+)?(?P<a>[\w' -]{2,30}?)\s+(?:turned|became|"
                          r"went|got|(?:are|is)\s+now)\s+(?P<how>[\w -]{2,20}?)[,.;!\s]+(?:only\s+)?(?:the\s+)?(?P<b>[\w' -]{2,30}?)\s+should\s+"
                          r"(?:be|have\s+been)(?:\s+(?P<how2>[\w -]{2,20}?))?\W*$", re.I)
_KIND_NOT = re.compile(r"^\W*(?:(?:no+|nope)[,.!\s]+)*(?:she|he|it|this|that)(?:'s|\s+is|\s+was)\s+an?\s+(?P<x>[\w -]{2,30}?)[,\s]+not\s+an?\s+"
                       r"(?P<y>[\w -]{2,30}?)(?:\s+one)?\W*$", re.I)
_NOT_MINE = re.compile(r"^\W*(?:that'?s|thats|this\s+is|it'?s)\s+not\s+(?:my|our)\s+(?P<x>[\w' -]{2,30}?)[,.;!\s]+(?:mine|ours)\s+(?:is|has|had|was)\s+"
                       r"(?P<how>.{3,100}?)\W*$", re.I)

Read = Callable[[str, Context], "tuple[Action, tuple[str, ...]]"]


def corrected(text: str, ctx: Context, read: Read) -> tuple[Action, tuple[str, ...]] | None:
    """The change meant, or None when the message puts nothing right."""
    if ctx.scene is None:
        return None
    t = text.strip()
    m = _WRONG_THING.search(t)
    if m:  # the change taken off the wrong thing and made on the right one
        how, a, b = m.group("how"), m.group("a"), m.group("b")
        ops = [Replace(old=f"{how} {a}", new=a)] if ctx.scene.mentions(f"{how} {a}") else []
        return Edit(ops=(*ops, Replace(old=b, new=f"{m.group('how2') or how} {b}"))), ()
    m = _KIND_NOT.match(t)
    if m:  # "she's a chocolate lab not a black one": the lab, chocolate; "he's a golden retriever not a labrador"
        noun, y = m.group("x").split()[-1], m.group("y")
        if ctx.scene.mentions(y.split()[-1]) and y.split()[-1] != noun:
            return Edit(ops=(Replace(old=y, new=m.group("x")),)), ()
        wrong = y if len(y.split()) > 1 or y.endswith(noun) else f"{y} {noun}"
        if ctx.scene.mentions(noun):
            return Edit(ops=(Replace(old=wrong if ctx.scene.mentions(wrong) else noun, new=m.group("x")),)), ()
    m = _COUNTED.match(t)
    if m:  # "I count four, I asked for three": that many, the rest kept
        return _as_change(f"make it {m.group('want')}", ctx, read)
    m = _ASKED_FOR.match(t)
    if m:
        return _as_change(f"make the {m.group('x')} {m.group('want')}", ctx, read)
    m = _NOT_MINE.match(t)
    if m and ctx.scene.mentions(m.group("x").split()[-1]):  # "ours is made of grey stone with a red door": that one
        return Edit(ops=(Replace(old=m.group("x"), new=f"{m.group('x')} {m.group('how')}"),)), ()
    m = _NOT_ASKED.match(t)
    if m:
        want = re.sub(r"[,;]\s*(?:not\s+(?:the\s+|her\s+|his\s+|its\s+)?[\w' -]+|(?:she|he|it|they)(?:'s|\s+is|'re|\s+are)\b.*)$", "", m.group("want"),
                      flags=re.I).strip()
        said = f"make {want}" if re.match(r"(?:the|it|her|him|them|his|its|their)\b", want, re.I) else \
            f"make it {want}" if re.match(r"(?:two|three|four|five|six|\d+)\b", want, re.I) else want
        action, notes = read(said, ctx)
        # "that's not what I asked for … I want a log cabin with smoke": the picture asked for, if it is another one
        return (action, notes) if isinstance(action, (Edit, New)) else None
    return None


def _as_change(said: str, ctx: Context, read: Read) -> tuple[Action, tuple[str, ...]] | None:
    action, notes = read(said, ctx)
    return (action, notes) if isinstance(action, Edit) else None
