"""A few words typed after a picture, with no verb: "red hair", "sunglasses", "freckles too", "polar",
"a diver". Right after a picture people change it this way; a new picture is asked for with a verb, a
"now", or a description of its own (those are read before this). Pure functions; no I/O.
"""

from __future__ import annotations

import re

from conversation.actions import Add, Op, Replace, SetSubject
from conversation.phrases import COLOUR_PHRASE, main_noun, phrase_head

# Words that end a terse change without being part of it: "freckles too", "sunglasses as well pls".
_TAIL = re.compile(r"(?:[\s,]+(?:too|as well|also|please|pls|plz|then|instead|now|again|maybe))+\W*$", re.I)
# What a terse change is not: a verb first ("make", "remove"), a pronoun for the picture, a question, a number alone.
_NOT_TERSE = re.compile(r"^(?:make|turn|add|remove|put|give|change|set|zoom|undo|take|keep|leave|let|have|get|see|show|do|"
                        r"try|use|draw|paint|render|go|is|are|was|were|can|could|would|will|should|what|which|who|why|how|"
                        r"where|when|did|does|i|you|we|it|this|that|these|those|they|he|she|my|your|not|no|yes|ok|okay)\b|"
                        r"\?|^\W*\d+\W*$", re.I)
# One word of a kind that qualifies the subject rather than adds to it: "polar" (bear), "tropical" (fish), "gothic".
_QUALIFIER = re.compile(r"^[a-z]{3,}(?:ar|ic|al|ous|ful|ish|ese|ian|ern)$", re.I)
_MAX_WORDS = 4


def terse_change(body: str, said: str, scene) -> list[Op] | None:
    """The change a verbless follow-up of a few words makes to the picture on screen, or None when it is not one;
    ``said`` is the whole message ("now a dragon" names a new picture, "a dragon" adds one)."""
    text = _TAIL.sub("", body.strip(" .!?")).strip(" ,.!")
    words = text.split()
    # "glowing runes on the blade": "the" names a part of what is drawn, so a few more words are still about it
    part = re.search(r"\s(?:on|in|of|around|along|over|across|under|behind|beside|near|by)\s+(?:the|his|her|its)\s+[\w-]+$", text, re.I)
    most = _MAX_WORDS + 2 if part else _MAX_WORDS
    if not 0 < len(words) <= most or _NOT_TERSE.search(text) or not re.search(r"[^\W\d_]{2,}", text) or \
            re.search(r"[\u3040-\u30ff\u4e00-\u9fff\uac00-\ud7af]", text):  # a sentence of its own, unspaced
        return None
    one = re.fullmatch(rf"(?:an?\s+|the\s+)?({COLOUR_PHRASE})\s+(?:one|version)", text, re.I)
    if one and scene.subject:  # "red one" after a blue potion: the potion, red
        old = re.search(rf"\b(?:{COLOUR_PHRASE})\b", scene.subject, re.I)
        head = phrase_head(scene.subject)
        if old:
            return [Replace(old=old.group(0), new=one.group(1))]
        return [Replace(old=head, new=f"{one.group(1)} {head}")] if head else None
    article = re.match(r"^(?:an?|the|some)\s+", text, re.I)
    if article and re.match(r"^\W*(?:now|next|then|ok(?:ay)?\s+now)\b", said, re.I):
        return None
    head = phrase_head(scene.subject) if scene.subject else ""
    if article and len(words) > 2 and head and phrase_head(text) == head:
        return [Replace(old=head, new=text[article.end():])]  # "a bigger dog" after a dog: that dog, bigger
    if len(words) == 1 and _QUALIFIER.match(text):
        if head and len(scene.subject.split()) <= 4 and not re.search(rf"\b{re.escape(text)}\s+{re.escape(head)}", scene.subject, re.I):
            return [Replace(old=head, new=f"{text} {head}")]  # "a bear" … "polar": a polar bear
    return [Add(thing=text)]


# "no, a dog" after a cat: the subject said again, corrected.
_CORRECTION = re.compile(r"^(?:no|nope|nah|not that)\s*[,.!;:-]+\s*(?:i meant\s+|i said\s+)?(?P<new>(?:an?|the|some)\s+[\w-]+(?:\s+[\w-]+)?)\W*$",
                         re.I)


def corrected_subject(rest: str, scene) -> list[Op] | None:
    """ "no, a dog" right after a picture of a cat: the dog instead of the cat, not a dog beside it."""
    m = _CORRECTION.match(rest.strip())
    if m is None or not scene.subject:
        return None
    head = phrase_head(scene.subject)
    new = m.group("new").strip()
    if not head or len(scene.subject.split()) > 4 or scene.mentions(phrase_head(new)):
        return None  # "no, I meant a tabby cat" in a café with a cat: that cat, which the edit rules change
    return [Replace(old=head, new=re.sub(r"^(?:an?|the|some)\s+", "", new, flags=re.I))]


# "what about terracotta" after dark green walls: the colour just asked for, tried in another colour.
_WHAT_ABOUT = re.compile(rf"^\W*(?:(?:hmm+|ok(?:ay)?|or)[\s,]+)*(?:what|how)\s+about\s+(?:in\s+)?(?P<new>{COLOUR_PHRASE})\W*$|"
                         rf"^\W*(?:maybe|or|try)\s+(?:in\s+)?(?P<new2>{COLOUR_PHRASE})\s*(?:instead)?\W*$", re.I)


# "now yellow" right after "make the tulips red": the tulips again, not the vase they stand in.
_NOW_COLOUR = re.compile(rf"^\W*(?:(?:now|ok(?:ay)?|and|hmm+)[\s,]+)*(?P<new>{COLOUR_PHRASE})(?:\s+(?:now|instead|then|please|pls))*\W*$", re.I)


def colour_tried(body: str, scene, last: str = "") -> list[Op] | None:
    """Another colour for the thing last coloured ("dark green walls" → "terracotta walls"), or None. ``last``: the
    message before, which a bare colour ("now yellow") follows only when it set a colour too."""
    m = _WHAT_ABOUT.match(body.strip())
    if m is None and scene is not None:
        m = _NOW_COLOUR.match(body.strip())
        said = re.search(rf"\b(?:{COLOUR_PHRASE})\b", last, re.I) if m else None
        if said is None:
            return None
        for part in (*reversed(scene.details), scene.subject):
            old = re.search(rf"\b{re.escape(said.group(0))}(?=\s+(?!(?:and|or)\b)[\w-]+)", part or "", re.I)
            if old:
                return [Replace(old=old.group(0), new=m.group("new"))]
        return None
    if m is None or scene is None:
        return None
    new = m.group("new") or m.group("new2")
    for part in (*reversed(scene.details), scene.subject):
        old = re.search(rf"\b(?:{COLOUR_PHRASE})(?=\s+(?!(?:and|or)\b)[\w-]+)", part or "", re.I)  # a colour of a thing, not a palette
        if old:
            return [Replace(old=old.group(0), new=new)]
    return None


_TRY_INSTEAD = re.compile(r"^\W*(?:(?:try|maybe|or|go|make it|do)\s+)*(?P<new>[\w-]+(?:\s+[\w-]+)?)\s+instead(?:\s+(?:please|pls))?\W*$", re.I)
_ONE_LOOK = re.compile(r"^\W*(?:(?:make it|go|try|a bit|a little|much|way|even|now)\s+)*(?:more\s+)?(?P<old>[\w-]+)(?:\s+(?:please|pls))?\W*$",
                       re.I)


def look_tried_instead(body: str, scene, last: str) -> list[Op] | None:
    """ "try vintage instead" right after "more rustic": the look just added gives way to the new one."""
    m, was = _TRY_INSTEAD.match(body.strip()), _ONE_LOOK.match(last.strip())
    if m is None or was is None or scene is None or not any(
            re.search(rf"\b{re.escape(was.group('old'))}\b", part, re.I) for part in scene.details):
        return None
    return [Replace(old=was.group("old"), new=m.group("new"))]


_COLOURED = re.compile(rf"^(?:(?:a|an|the)\s+)?({COLOUR_PHRASE})\s+([\w-]+(?:\s+[\w-]+)?)$", re.I)


_ONE_OF_IT = re.compile(rf"^(?P<lead>(?:(?:a|an|the)\s+)?(?:[\w-]+\s+){{0,2}}?)(?P<c>{COLOUR_PHRASE})$", re.I)


def recoloured(op: Op, scene) -> Op:
    op = _kind_kept(op, scene)
    """ "with a blue umbrella" when the picture has a yellow one: that umbrella, blue (not a second one);
    "(blue eyes:1.3)" when it has "(green eyes:1.2)": those eyes, blue."""
    w_ = re.fullmatch(r"\(\s*([^():]+?)\s*(?::\s*[\d.]+)?\s*\)", op.thing.strip()) if isinstance(op, Add) else None
    if w_:
        head = w_.group(1).split()[-1]
        old = re.search(rf"\(\s*([^():]*\b{re.escape(head)}\b[^():]*?)\s*:\s*[\d.]+\s*\)", " ".join(scene.phrases()), re.I)
        if old and old.group(1).strip().lower() != w_.group(1).strip().lower():
            return Replace(old=old.group(1).strip(), new=w_.group(1).strip())
    m = _COLOURED.match(op.thing) if isinstance(op, Add) else None
    if m and scene.mentions(m.group(2)):
        return Replace(old=m.group(2), new=f"{m.group(1)} {m.group(2)}")
    return op


def _kind_kept(op: Op, scene) -> Op:
    """ "make it an orange tabby", "make it a ginger" on "a cat on a windowsill": the cat, so ("an orange tabby cat");
    "a black one" is read when the scene is changed (``one_of_kind``)."""
    if not isinstance(op, SetSubject):
        return op
    m = _ONE_OF_IT.match(op.subject.strip())
    noun = main_noun(scene) if m else ""
    if not noun or noun.lower() in op.subject.lower().split():
        return op
    return SetSubject(subject=f"{m.group('lead')}{m.group('c')} {noun}")


_INSTEAD = re.compile(r"\binstead\W*$", re.I)


def swapped_in(op: Op, scene, said: str) -> Op:
    """ "a green velvet sofa instead" on a room with "a grey sofa": that sofa replaced (not a new picture of a sofa,
    nor a second sofa)."""
    if not isinstance(op, Add) or not _INSTEAD.search(said) or scene is None:
        return op
    noun = phrase_head(op.thing)
    if not noun or noun.lower() in ("it", "this", "that", "them", "one") or not scene.mentions(noun):
        return op
    there = re.search(rf"\b(?:an?|the|some)\s+((?:[\w-]+\s+){{0,2}}?{re.escape(noun)})\b", ", ".join(scene.phrases()), re.I)
    return Replace(old=there.group(1) if there else noun, new=op.thing)


# Parts a thing has, so that "a beagle in the back seat" said of a car is put in it, not drawn alone
_PARTS = {
    "car": "seat|back seat|front seat|backseat|hood|bonnet|roof|trunk|boot|window|wheel|dashboard|driver'?s seat",
    "truck": "bed|back|cab|roof|seat|hood", "van": "back|roof|seat|window", "bus": "seat|window|roof|back",
    "house": "porch|roof|window|door|doorway|garden|yard|chimney|balcony|steps|attic", "cabin": "porch|roof|window|door|chimney",
    "room": "corner|window|wall|floor|sofa|couch|table|shelf|bed|fireplace", "kitchen": "counter|table|window|floor|shelf|sink",
    "boat": "deck|bow|stern|mast|sail|cabin", "ship": "deck|bow|stern|mast|sail", "tree": "branch|branches|trunk|roots|top",
    "table": "top|corner|middle|edge", "garden": "corner|path|bench|pond|fence|gate", "shop": "window|counter|door|shelf",
}
_IN_PART = re.compile(r"^\W*(?:an?|some|two|three|one)\s+[\w' -]{2,40}?\s+(?:in|on|at|by|under|inside|behind|near)\s+(?:the|its|his|her)\s+"
                      r"(?P<part>[\w' -]{2,25}?)\W*$", re.I)


def in_a_part(body: str, scene) -> bool:
    """Whether a new thing is said in a part of what the picture shows ("a beagle in the back seat" of a car)."""
    m = _IN_PART.match(body.strip())
    if m is None or scene is None:
        return False
    part = m.group("part").lower()
    return any(scene.mentions(whole) and re.fullmatch(rf"(?:{parts})", part) for whole, parts in _PARTS.items())
