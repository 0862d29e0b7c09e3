"""Another take or an earlier picture, asked for kindly and with reasons: "Could I see another one, just to compare?",
"Hmm. One more, please? Sorry to be fussy.", "I think the first one was better, actually. Could we go back?",
"I'd like the sunny one back for the frame, please." The terse forms are read by ``history_actions``; these wrap the
same requests in remarks, courtesy and a purpose, which are taken off first. Pure functions.
"""

from __future__ import annotations

import re

from conversation import words as w
from conversation.actions import Action, Repeat, Revert, Undo
from conversation.cues import REPEAT
from conversation.interpreter import Context
from conversation.small_talk import chat_kind

_SENTENCE = re.compile(r"(?<=[.!?…])\s+")

# Courtesy that asks nothing: an apology for asking, a "perhaps".
_COURTESY = re.compile(r"^(?:(?:i'?m\s+)?sorry(?:\s+to\s+be\s+(?:a\s+)?(?:fussy|a\s+nuisance|nuisance|a\s+bother|bother|a\s+pain|"
                       r"difficult|picky))?|sorry\s+for\s+the\s+(?:trouble|bother|fuss)|perhaps|maybe|please|thank\s+you|thanks|"
                       r"hmm+|oh|ah|well|right|ok(?:ay)?)\W*$", re.I)

# The lead of a kind request: "could I see", "would you mind doing", "now could you do".
_ASK = re.compile(r"^(?:(?:and|now|so|then|ok(?:ay)?|well|right|cool|great|nice|lovely|perfect)[\s,!.]+)*"
                  r"(?:(?:could|can|may|might)\s+(?:i|we)\s+(?:please\s+)?(?:see|have|get|try)|"
                  r"(?:could|can|would|will)\s+(?:you|u)\s+(?:please\s+|possibly\s+|maybe\s+|perhaps\s+|also\s+|just\s+)*"
                  r"(?:do|make|show\s+me|give\s+me|try|draw)|would\s+you\s+mind\s+(?:doing|making|trying)|"
                  r"i'?d\s+(?:like|love)(?:\s+to\s+see)?|let'?s\s+(?:see|have|try))\s+", re.I)

# Why it is asked, which changes nothing: "just to compare", "so I have a choice", "to see what else comes out".
_PURPOSE = re.compile(r"[\s,;:-]*(?:(?:just\s+)?(?:to\s+compare|for\s+comparison|to\s+see(?:\s+what\s+else\s+(?:comes\s+out|"
                      r"you\s+get|happens|it\s+does))?|so\s+(?:that\s+)?(?:i|we)\s+(?:have|get|can|could)\s+(?:a\s+)?"
                      r"(?:choice|choose|compare|pick|decide)|so\s+i\s+can\s+(?:choose|compare|pick|decide))|perhaps|maybe|"
                      r"please|if\s+you\s+(?:can|could|don'?t\s+mind|wouldn'?t\s+mind)|as\s+well|too|"
                      # "another one, same settings", "one more with a different seed", "one with a totally different layout"
                      r"(?:with\s+)?(?:the\s+)?same\s+(?:settings|prompt|everything|recipe|words)|(?:with\s+|using\s+)?(?:a\s+)?"
                      r"(?:different|new|another|other|random)\s+seed|with\s+(?:a\s+)?(?:totally\s+|completely\s+|very\s+)?"
                      r"different\s+(?:layout|composition|arrangement|framing))\W*$", re.I)

# Another of the same, in more words than REPEAT knows: "a different version of the same picture".
_ANOTHER = re.compile(r"^(?:a\s+)?(?:different|another|new|second)\s+(?:version|take|one|go|try|attempt|variation|seed)"
                      r"(?:\s+of\s+(?:the\s+same(?:\s+(?:thing|picture|image|one|scene))?|that|this|it|that\s+one|this\s+one))?$|"
                      r"^(?:another|one\s+more)(?:\s+one)?\s+(?:like|of)\s+(?:this|that|it|these)$|^another\s+go$|^(?:have\s+)?another\s+try$|"
                      r"^(?:one|one\s+more|another(?:\s+one)?)$",
                      re.I)

# A picture named as the one liked: "the first one was better", "the plain one at the start was best".
_LIKED = re.compile(r"^(?:(?:no|oh|hmm+|well|actually|oh\s+dear)[\s,]+)*(?:i\s+(?:think|feel|reckon|suppose)\s+)?"
                    r"(?:that\s+|the\s+)(?P<which>(?:very\s+)?[\w' -]{1,40}?)\s+(?:one|version|picture)?\s*(?:at\s+the\s+(?:start|beginning)\s+)?"
                    r"(?:was|is|looked)\s+(?:(?:rather|much|far|a\s+lot)\s+)?"
                    r"(?:the\s+)?(?:better|best|nicer|nicest|sweetest|sweeter|prettier|prettiest|loveliest|lovelier|"
                    r"my\s+favou?rite|the\s+one)(?:[\s,]+(?:after\s+all|actually|really))*\W*$", re.I)
# Asking to have it back: "could we go back?", "could you bring it back?", "can I see that one again?".
_BACK = re.compile(r"^(?:(?:and|so|then|yes)[\s,]+)*(?:(?:could|can|may|might|shall)\s+(?:we|i|you)\s+(?:please\s+)?|let'?s\s+|"
                   r"i'?d\s+like\s+to\s+|please\s+)?(?:go\s+back(?:\s+to\s+(?:that|it|that\s+one|the\s+first\s+one|before))?|"
                   r"bring\s+(?:it|that|that\s+one|her|him)\s+back|have\s+(?:it|that|that\s+one)\s+back|"
                   r"see\s+(?:it|that|that\s+one)\s+again|use\s+(?:it|that|that\s+one)(?:\s+instead)?)\W*$", re.I)
# An earlier look liked better, said in passing: "no, I liked the painting better", "no wait sunset was better",
# "hmm no, it was better tall, now its head is cut off", "nah, bring the hummingbird back".
_LIKED_BETTER = re.compile(r"^\W*(?:(?:no+|nah|hmm+|wait|actually|ok(?:ay)?|oh)[\s,!.]+)*(?:i\s+(?:liked|preferred|loved)\s+(?:the\s+|it\s+as\s+(?:a\s+|an\s+)?)?"
                           r"(?P<which>[\w-]+(?:\s+[\w-]+)?)(?:\s+(?:one|version))?\s+(?:better|more)|(?:the\s+)?(?P<which2>[\w-]+)"
                           r"(?:\s+(?:one|version))?\s+was\s+(?:way\s+|much\s+|so\s+)?better)\W*$", re.I)
_BETTER_BEFORE = re.compile(r"^\W*(?:(?:no+|nah|hmm+|wait|actually|oh)[\s,!.]+)*it\s+was\s+(?:way\s+|much\s+)?better\s+(?:before|as\s+it\s+was|"
                            r"tall|wide|square|bigger|smaller|[\w-]+er)\b", re.I)
_BRING_BACK = re.compile(r"^\W*(?:(?:no+|nah|hmm+|ok(?:ay)?|actually)[\s,!.]+)*(?:(?:can|could)\s+you\s+|please\s+)?bring\s+(?:the\s+|my\s+|his\s+|her\s+)?"
                         r"(?P<which>[\w-]+(?:\s+[\w-]+)?)\s+back(?:\s+(?:please|pls))?\W*$", re.I)
# Or the picture named and asked back at once: "I'd like the sunny one back for the frame".
_ONE_BACK = re.compile(r"^(?:i'?d\s+like|i\s+want|could\s+i\s+have|can\s+i\s+have|may\s+i\s+have)\s+the\s+(?P<which>[\w' -]{1,30}?)\s+"
                       r"(?:one|version|picture)\s+back(?:\s+(?:for|to|so)\b.*)?\W*$", re.I)


# Or the picture told by what it had: "could I go back to the one with the yellow roses, before the cat?"
_BACK_TO_ONE_WITH = re.compile(r"^(?:(?:could|can|may|might|shall)\s+(?:we|i|you)\s+(?:please\s+)?|let'?s\s+|please\s+)?go\s+back\s+"
                               r"to\s+the\s+(?:one|version|picture)\s+with\s+(?:the\s+|a\s+|an\s+)?(?P<which>(?:[\w'-]+\s+){0,2}?[\w'-]+)"
                               r"(?:[\s,]+(?:before|without)\s+(?:the\s+|a\s+|an\s+|any\s+)?(?P<lacked>[\w'-]+(?:\s+[\w'-]+)?))?\W*$", re.I)


# The last change named by what it brought: "And undo the mouse as well please, sorry to be a nuisance."
_UNDO_THING = re.compile(r"^(?:(?:and|then|now|ok(?:ay)?)[\s,]+)*(?:please\s+)?(?:(?:could|can)\s+you\s+(?:please\s+)?)?undo\s+"
                         r"(?:the\s+)?(?P<thing>(?!that\b|this\b|it\b|last\b|everything\b)[\w-]+(?:\s+[\w-]+)?)"
                         r"(?:\s+(?:as\s+well|too|also))?(?:[\s,]+(?:please|sorry\b.*))*\W*$", re.I)


def asked_kindly(text: str, ctx: Context) -> Action | None:
    """A repeat or a way back asked in a kind, roundabout way; None when the message asks something else."""
    if ctx.scene is None or ctx.attached:
        return None
    sentences = [s.strip() for s in _SENTENCE.split(text.strip()) if re.search(r"[^\W_]", s)]
    liked = next((s for s in sentences if _LIKED.match(s)), None)
    asked = [s for s in sentences if s is not liked and not _said_in_passing(s)]
    if liked is not None:
        back = _earlier(_LIKED.match(liked).group("which"), ctx)
        if back is not None and len(asked) <= 1 and (not asked or _BACK.match(asked[0])):
            return back
        return None
    if len(asked) != 1:
        return None
    if len(ctx.pictures) > 1 and _BETTER_BEFORE.match(asked[0]):
        return Undo()  # "hmm no, it was better tall, now its head is cut off": the one before
    m = _LIKED_BETTER.match(asked[0]) or _BRING_BACK.match(asked[0])
    if m:
        which = m.groupdict().get("which") or m.groupdict().get("which2")
        back = _earlier(which, ctx) if which else None
        if back is not None or m.re is _BRING_BACK and ctx.scene is not None and not ctx.scene.mentions(which.split()[-1]) \
                and len(ctx.pictures) > 1 and ctx.pictures[-2].says(which.split()[-1]):
            return back or Undo()
    m = _UNDO_THING.match(asked[0])
    if m and len(ctx.pictures) > 1:  # undone when the last picture is the first to have it
        thing = m.group("thing")
        return Undo() if ctx.pictures[-1].says(thing) and not ctx.pictures[-2].says(thing) else None
    m = _ONE_BACK.match(asked[0]) or _BACK_TO_ONE_WITH.match(asked[0])
    lacked = m.groupdict().get("lacked") if m else None
    if m and lacked and len(ctx.pictures) > 1:  # "the one with the yellow roses, before the cat": had the one, not yet the other
        having = [p for p in ctx.pictures[:-1] if p.says(m.group("which")) and not p.says(lacked.split()[-1])]
        if having:
            return Undo() if having[-1] is ctx.pictures[-2] else Revert(image=having[-1].number)
    if m:
        return _earlier(m.group("which"), ctx)
    core = _ASK.sub("", asked[0].strip(" .!?"))
    while (bare := _PURPOSE.sub("", core)) != core and bare:  # "a different seed" itself is left to be read
        core = bare
    if core and core != asked[0].strip(" .!?") or len(sentences) > 1:
        if _ANOTHER.match(core) or REPEAT.match(core):
            return Repeat()
    return None


def _said_in_passing(sentence: str) -> bool:
    """A remark, a mood or courtesy beside the request: "Very smart.", "He's a bit too fierce.", "Sorry to be fussy." """
    s = sentence.strip()
    return bool(_COURTESY.match(s) or chat_kind(s) or not _PURPOSE.sub("", s).strip() or re.match(
        r"^(?:(?:he|she|it|that|this)(?:'s|\s+is|\s+was)|they'?re)\s+(?:a\s+bit\s+|rather\s+|too\s+|a\s+little\s+)+[\w-]+\W*$|"
        r"^(?:(?:oh|oh dear|hmm+|no)[\s,]+)*i\s+don'?t\s+think\s+(?:that|it|this)\s+(?:suits|works|fits|looks\s+right)\b[\w\s]*\W*$",
        s, re.I))


def _earlier(which: str, ctx: Context) -> Action | None:
    """The earlier picture a few words name: an ordinal ("the very first", "picture number two"), "the plain one" (the
    first), or a word only an earlier picture's prompt says ("the sunny one")."""
    if len(ctx.pictures) < 2:
        return None
    which = re.sub(r"^(?:very|picture|number|image)\s+", "", which.strip(), flags=re.I)
    number = w.picture_number(f"the {which} one")
    if number is None and re.fullmatch(r"(?:plain|original|old|first\s+\w+)", which, re.I):
        number = 1
    if number is None and re.fullmatch(r"(?:(?:first|\w+)\s+)?[\w-]{3,}", which, re.I):
        # The words together when they tell pictures apart ("the yellow roses"), else the last ("the sunny one").
        for said in dict.fromkeys((re.sub(r"^first\s+", "", which, flags=re.I), which.split()[-1])):
            earlier = [] if ctx.pictures[-1].says(said) else ctx.earlier_saying(said)
            if earlier:
                number = earlier[-1].number
                break
    if number is None or number <= 0 or number >= len(ctx.pictures) + 1 or number == ctx.pictures[-1].number:
        return None
    return Undo() if number == ctx.pictures[-2].number else Revert(image=number)
