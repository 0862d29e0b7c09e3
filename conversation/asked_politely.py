"""A change asked as a polite question, with an aside after it: "Could it look a bit more worn, as though it's been in
a drawer for a hundred years?", "Could you give him a happy face, like Thomas the Tank Engine?", "I hope I'm not asking
too much, but would a jug of flowers on the table be possible?", "It's a bit too dark for a jigsaw. Could it be
brighter, like in the daytime?".

With a picture on screen, the question is the change, said plainly ("make it look a bit more worn", "give him a happy
face", "add a jug of flowers on the table"), and the aside and the remarks around it are not drawn. Pure functions.
"""

from __future__ import annotations

import re
from typing import Callable

from conversation.actions import Action, Branch, Chat, Edit, New, Question, Repeat, Revert, Undo
from conversation.interpreter import Context
from conversation.phrases import gerund
from conversation.talk_or_draw import own_words_drawn

Read = Callable[[str, Context], tuple[Action, tuple[str, ...]]]

_SENTENCE = re.compile(r"(?<=[.!?…:])\s+")
_LEAD = re.compile(r"^\W*(?:(?:and|though|but|so|oh|now|then|well|alright|right|ok(?:ay)?|also|actually)[\s,]+)*"
                   # courtesy before the asking: "I hope I'm not asking too much, but", "I'm sorry to be a bother, but"
                   r"(?:(?:i\s+hope\s+i'?m\s+not\s+asking\s+too\s+much|(?:i'?m\s+)?sorry\s+to\s+be\s+(?:a\s+)?(?:bother|nuisance|pain)|"
                   r"if\s+it'?s\s+not\s+too\s+much\s+trouble|i\s+don'?t\s+want\s+to\s+be\s+a\s+(?:bother|nuisance))[\s,]+(?:but\s+)?)?", re.I)
# An aside after the asking that says why or what it is like, not what to draw: ", as though it's been in a drawer",
# ", like a child drew it", ", like Thomas the Tank Engine", ", do you think?", ", if possible".
_ASIDE = re.compile(r",\s*(?:as\s+though|as\s+if|do\s+you\s+think|if\s+(?:possible|you\s+can|that'?s\s+(?:possible|ok(?:ay)?|alright)|"
                    r"it'?s\s+not\s+too\s+much(?:\s+trouble)?)|please|perhaps|maybe|(?:just\s+|a\s+bit\s+)?like\s+(?:in\s+)?"
                    r"(?=(?:[A-Z]|(?:a|an|the|it|my|our|his|her)\s+\w+\s+(?:drew|did|made|painted|was|is|had|would|does))))\b.*$")
_YOU = re.compile(r"^(?:could|can|would|will|might)\s+(?:(?:you|u)\s+)?(?:please\s+|perhaps\s+|possibly\s+|maybe\s+|just\s+|kindly\s+)*"
                  r"(?P<rest>(?:give|make|put|add|take|turn|change|do|draw|paint|show|remove|move|try|use|set|zoom)\b.+)$", re.I)
_IT = re.compile(r"^(?:could|can|would|might|may)\s+(?:it|this|this\s+one|the\s+(?:picture|image|painting|drawing))\s+"
                 r"(?:please\s+|perhaps\s+|possibly\s+|maybe\s+|just\s+)*(?P<verb>look|be|have|get|feel)\s+(?P<rest>.+)$", re.I)
_THING = re.compile(r"^(?:could|can|would|might|may)\s+(?:the|his|her|their|its)\s+(?:[\w-]+(?:'s|s')\s+)?(?P<thing>[\w -]{1,30}?)\s+"
                    r"(?:please\s+|perhaps\s+|possibly\s+|maybe\s+)*(?P<verb>be|have|look|get|face|turn|stand|sit|hold|wear|fly|"
                    r"point|lean|smile|look)\s+(?P<rest>.+)$", re.I)
_POSSIBLE = re.compile(r"^(?:would|could|might)\s+(?P<thing>(?:an?|some|one|two|three|a\s+few)\s+.+?)\s+be\s+(?:possible|ok(?:ay)?|"
                       r"alright|nice|lovely|allowed)(?:\s+(?:at\s+all|too|as\s+well))?$", re.I)
# A sentence that asks for something itself, politely or not.
_REQUEST = re.compile(r"^\W*(?:(?:and|though|but|so|now|then|also|please)[\s,]+)*(?:(?:could|can|would|will|might|may)\s+"
                      r"(?:you|u|it|he|she|they|we|i|this|the|his|her|an?|some|add|put|make|give|be)\b|(?:please\s+)?(?:add|put|make|give|change|turn|remove|take|"
                      r"draw|paint|undo)\b)", re.I)


def plainly(sentence: str) -> str | None:
    """The change a polite question asks, said plainly; None when the sentence is no such question."""
    s = _LEAD.sub("", sentence.strip()).rstrip(" ?!.")
    s = _ASIDE.sub("", s).rstrip(" ,?!.")
    s = re.sub(r"[\s,]+(?:please|pls|thanks|thank\s+you)$", "", s, flags=re.I)
    if m := _POSSIBLE.match(s):
        return f"add {m.group('thing')}"
    if m := re.match(r"^(?:can|could)\s+be\s+(?P<rest>.+)$", s, re.I):  # "can be vertical? for print in the card"
        return "make it " + re.sub(r"[,;]\s*(?:for|so|because)\b.*$", "", m.group("rest"), flags=re.I)
    if m := _YOU.match(s):  # "can you do the armor more battle worn": make it so
        return re.sub(r"^do\s+(?=(?:the|his|her|its|their)\s+[\w-]+\s+(?:more|less|a\s+bit|a\s+little|much|way)\b)", "make ",
                      m.group("rest"), flags=re.I)
    if m := _IT.match(s):
        verb, rest = m.group("verb").lower(), re.sub(r"^(?:done|made|drawn|painted)\s+(?=without|with|in|as|on)", "", m.group("rest"), flags=re.I)
        if verb in ("look", "be") and re.match(r"(?:ok(?:ay)?|good|nice|alright|fine|right|weird|strange|silly|possible|printed|"
                                               r"used|too\s+\w+)\b", rest, re.I):
            return None  # "would this look ok on a mug?", "could it be printed?": an opinion or a question asked
        if re.match(r"without\s", rest, re.I):  # "could it be done without any people in it?"
            return re.sub(r"^without\s+(?:any\s+)?", "no ", rest, flags=re.I)
        return {"look": f"make it look {rest}", "be": f"make it {rest}", "have": f"add {rest}",
                "get": f"make it {rest}", "feel": f"make it feel {rest}"}[verb]
    if m := _THING.match(s):
        thing, verb, rest = m.group("thing"), m.group("verb").lower(), m.group("rest")
        return {"be": f"make the {thing} {rest}", "have": f"give the {thing} {rest}", "look": f"make the {thing} look {rest}",
                "get": f"make the {thing} {rest}"}.get(verb, f"add the {thing} {gerund(verb)} {rest}")  # "the owl facing left"
    return None


def asked_politely(action: Action, text: str, ctx: Context, read: Read) -> Action:
    """The change a polite question asks, when the rules read the message as a new picture, its own words or talk
    and exactly one of its sentences is that question; otherwise the action as read."""
    if ctx.scene is None or ctx.attached or ctx.keep or not (
            isinstance(action, (New, Chat, Question)) or own_words_drawn(action, text)):
        return action
    sentences = [s for s in _SENTENCE.split(text.strip()) if re.search(r"[^\W_]", s)]
    if not 1 <= len(sentences) <= 4:
        return action
    asked = [s for s in sentences if _REQUEST.match(_LEAD.sub("", s))]
    if len(asked) != 1:
        return action
    said = plainly(asked[0])
    if said is None:
        return action
    change = read(said, ctx)[0]
    if isinstance(change, (Edit, Repeat, Undo, Revert, Branch)):
        return change
    if isinstance(change, New) and isinstance(action, (Chat, Question)) and _ANOTHER_PICTURE.match(said):
        return change  # "That's adorable. I need one more card for my sister: could you do some chicks in a basket?"
    return action


# A picture of its own asked in so many words: "do some chicks in a basket", "draw a windmill at dawn".
_ANOTHER_PICTURE = re.compile(r"^(?:do|draw|paint|make|show\s+me|give\s+me)\s+(?:me\s+)?(?:an?|some|one|two|three)\s+(?!version|take|copy|"
                              r"variation|bit|little)\w", re.I)
