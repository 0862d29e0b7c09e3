"""A picture put right by someone who knows the thing: "the tail is wrong. red kites have a deep forked tail",
"they're too pink, cafe au lait are more a blush cream, almost beige", "they need feet! macarons have that little
ruffled foot at the bottom of each shell", "he's more wiry, and grizzle and tan colour".

Said with a picture on screen, what is wrong and how the real thing is are a change to the picture: the fact goes
into it, the composition stays. Told with nothing wrong ("clothbound cheddar is my favourite to make") it is talk,
and not read here. Pure functions.
"""

from __future__ import annotations

import re

from conversation.actions import Add, Edit, Remove, Replace
from conversation.phrases import bare
from conversation.scene import Scene

# What is wrong with the picture: "isn't right", "is wrong", "too pink", "looks like a normal engine", "needs feet".
_WRONG = re.compile(
    r"\b(?:is|are|looks?|seems?)\s*n[o']?t\s+(?:quite\s+)?(?:right|correct|accurate)\b|\bisn'?t\s+(?:quite\s+)?(?:right|correct|accurate)\b|"
    r"\baren'?t\s+(?:quite\s+)?(?:right|correct|accurate)\b|\b(?:is|are|looks?|'s|'re)\s+(?:all\s+)?wrong\b|\bwrong\s+(?:shape|colou?r|size)\b|"
    r"\btoo\s+(?:little|much|few|many|\w+)\b|\b(?:isn'?t|aren'?t|is not|are not)\s+\w+ed\b|"
    r"\blooks?\s+(?:a\s+bit\s+|kind\s+of\s+|kinda\s+|more\s+)?like\s+(?:an?\s+|some\s+)?[\w -]{2,40}?\s+(?:though|tho)\b|"
    r"\bhere\s+(?:it|they|he|she)\s+looks?\s+like\b|\b(?:it|they|he|she)\s+(?:look|looks)\s+like\s+(?:an?\s+)?(?:normal|regular|ordinary|generic|"
    r"plain|standard)\b|\b(?:they|it|he|she)\s+(?:need|needs)\s+(?:a\s+|an\s+|more\s+|some\s+)?\w+\s*!|"
    r"\b(?:has|have|had)\s+too\s+(?:little|much|few|many)\b|\bmissing\b", re.I)
# How the real thing is: "red kites have a deep forked tail", "a proper sourdough has a raised ear along the score",
# "showa are mostly black with red and white".
_FACT = re.compile(
    r"^(?:(?:but|and|because|cause|cuz|since|well|no|actually)[\s,]+)*(?P<kind>(?:(?:a|an|the|real|proper|true|actual|all|most)\s+)*"
    r"(?!(?:it|this|that|he|she|they|i|you|we|my|your|our|his|her|their|there|here|mine|one)\b)(?![\w' -]*(?:\bnot\b|n't\b|\bdont\b|\bdoesnt\b))"
    r"[a-z][\w' -]{1,30}?)\s+"
    r"(?:(?:always|usually|normally|typically|actually|really|should)\s+)?(?P<verb>has|have|are|is|need|needs|got)\s+(?P<what>\S.*)$", re.I)
# "he's more wiry, and grizzle and tan colour": the subject as it really is, said of him.
_MORE_SO = re.compile(r"^(?:(?:no|nah|well|actually|but)[\s,]+)*(?:he|she|they)(?:'s|'re|\s+is|\s+are)\s+(?:much\s+|a\s+lot\s+|way\s+)?"
                      r"more\s+(?P<what>(?!(?:beautiful|lovely|cute|handsome|gorgeous|pretty|fun|like|of)\b)\w.*)$", re.I)
# "there shouldnt be any fish in a wildlife pond": a thing that does not belong.
_NOT_THERE = re.compile(r"\bthere\s+(?:shouldn'?t|should\s*not|mustn'?t|can'?t|wouldn'?t)\s+be\s+(?:any\s+|a\s+|an\s+)?"
                        r"(?P<thing>[a-z][\w' -]{1,30}?)(?=\s+(?:in|on|at|around|near)\b|\W*$)", re.I)
_SENTENCES = re.compile(r"[.!?;]+\s+|,\s+|\s+[—–-]\s+")
# A part that asks for something itself: "can you show the whole loaf with a nice ear", "make it short".
_ASKS = re.compile(r"^(?:(?:so|and|but|just|please)\s+)*(?:can|could|would|will)\s+you\b|^(?:(?:so|and|but|just|please)\s+)*"
                   r"(?:make|add|remove|give|put|turn|change|show|draw|fix|try)\b", re.I)
_PRAISE = re.compile(r"\b(?:love|perfect|beautiful|lovely|great|amazing|gorgeous|awesome|brilliant|spot on|nailed)\b", re.I)


def _words(text: str) -> set[str]:
    out = set()
    for word in re.findall(r"[a-z][a-z'-]{2,}", text.lower()):
        out.add(word)
        out.add(re.sub(r"(?:es|s)$", "", word))
    return out


def _on_screen(kind: str, scene: Scene) -> bool:
    said = " ".join([scene.subject, *scene.details, scene.setting or ""])
    return bool(_words(re.sub(r"^(?:(?:a|an|the|real|proper|true|actual|all|most)\s+)+", "", kind, flags=re.I)) & _words(said))


def _fact_thing(m: re.Match[str]) -> str:
    what = re.sub(r"^(?:more\s+(?:of\s+)?(?:an?\s+)?|that\s+|those\s+|these\s+|mostly\s+(?=\w+\s+with))", "", m.group("what").strip(" .!"),
                  flags=re.I)
    if m.group("verb").lower() in ("are", "is"):
        kind = re.sub(r"^(?:(?:a|an|the|real|proper|true|actual|all|most)\s+)+", "", m.group("kind"), flags=re.I)
        return f"{kind}, {what}"
    return what


_PREP = r"(?:on|in|under|at|by|next\s+to|behind|above|below|in\s+front\s+of|beside|inside|over|near)"
# "the cat's supposed to be on the window seat, not the floor"
_SUPPOSED = re.compile(r"^\W*(?:(?:no+|nah|um+|hmm+|oops)[\s,]+)*(?P<thing>(?:the|his|her|its|my|our)\s+[\w-]+(?:\s+[\w-]+)?)(?:'s|\s+is|\s+are|'re)\s+"
                       r"(?:supposed|meant)\s+to\s+be\s+(?P<where>[^,.;!?]+?)(?:[\s,]+not\s+(?:on\s+|in\s+)?(?:the\s+)?[^,.;!?]+?)?\W*$", re.I)
# "you drew the moon in the wrong place, it should be low over the sea on the left"
_WRONG_PLACE = re.compile(r"^\W*(?:you\s+(?:drew|put|made|placed|have)\s+)?(?:the\s+)?(?P<thing>[\w-]+)(?:\s+is)?\s+in\s+the\s+wrong\s+"
                          r"(?:place|spot|position|corner)[\s,.;]+(?:it|he|she|they)\s+should\s+be\s+(?P<where>.+?)\W*$", re.I)
# "not ON the bridge lol, on the water"
_NOT_HERE = re.compile(rf"^\W*not\s+(?P<old>{_PREP}\s+(?:the\s+|a\s+)?[\w -]+?)(?:\s+(?:lol|haha+|lmao|pls|please))?[\s,!.]+(?:but\s+)?"
                       rf"(?P<new>{_PREP}\s+(?:the\s+|a\s+)?[\w -]+?)(?:\s+(?:lol|haha+|pls|please))?\W*$", re.I)
# "a heron, not a stork!": the kind meant, where the picture shows the other
_KIND_MEANT = re.compile(r"^\W*(?:(?:no+|nope|oops|sorry)[\s,!]+)*(?:i\s+(?:meant|said|wanted)\s+)?(?P<new>(?:an?|the)\s+[\w -]{2,25}?)[\s,]+"
                         r"not\s+(?:an?|the)\s+(?P<old>[\w -]{2,25}?)\W*$", re.I)


def misplaced(text: str, scene: Scene | None) -> Edit | None:
    """Where a thing should be, or which kind it is, said after a picture got it wrong; None otherwise."""
    if scene is None:
        return None
    t = text.strip()
    if m := _SUPPOSED.match(t) or _WRONG_PLACE.match(t):
        thing = re.sub(r"^(?:the|his|her|its|my|our)\s+", "", m.group("thing"), flags=re.I)
        if scene.mentions(thing.split()[-1]):
            return Edit(ops=(Add(thing=f"{thing} {m.group('where').strip()}"),))
    if m := _NOT_HERE.match(t):
        words = re.sub(r"\b(?:the|a|an)\s+", "", m.group("old").lower()).split()
        said = " ".join([scene.subject, *scene.details, scene.setting or ""])
        found = re.search(r"\b" + r"\s+(?:(?:the|a|an)\s+)?".join(map(re.escape, words)) + r"\b", said, re.I)
        new = m.group("new").strip()  # "on a bridge" where it was drawn: on the water instead
        return Edit(ops=(Replace(old=found.group(0), new=new),)) if found else Edit(ops=(Add(thing=new),))
    if m := _KIND_MEANT.match(t):
        old = re.sub(r"^(?:an?|the)\s+", "", m.group("old"), flags=re.I)
        if scene.mentions(old.split()[-1]):
            return Edit(ops=(Replace(old=old, new=re.sub(r"^(?:an?|the)\s+", "", m.group("new"), flags=re.I)),))
    return None


def said_wrong(text: str) -> bool:
    """Whether the words say something in the picture is wrong ("the ear isn't right", "they're too pink")."""
    return bool(_WRONG.search(text))


def put_right(text: str, scene: Scene | None) -> Edit | None:
    """The change a correction from someone who knows the thing asks of the picture on screen, or None."""
    if scene is None or "?" in text or _PRAISE.search(text):
        return None
    placed = misplaced(text, scene)
    if placed is not None:
        return placed
    parts = [p.strip(" ,.!") for p in _SENTENCES.split(text.strip()) if p and p.strip(" ,.!")]
    wrong = bool(_WRONG.search(text))
    ops: list[Add | Remove] = []
    told: list[str] = []  # the fact being said, with the parts that go on describing it ("…, almost beige")
    for part in parts:
        gone = _NOT_THERE.search(part)
        more = _MORE_SO.match(part)
        fact = _FACT.match(part)
        if gone:
            ops.append(Remove(thing=bare(gone.group("thing"))))
        elif more and not re.search(r"\bthan\b", part, re.I):
            told.append(more.group("what").strip(" .!"))
            continue
        elif fact and wrong and not _WRONG.search(part) and _on_screen(fact.group("kind"), scene):
            told.append(_fact_thing(fact))
            continue
        elif told and not _WRONG.search(part) and not _ASKS.match(part) and len(part.split()) <= 6 \
                and not re.match(r"(?:here|it|this|that|they|he|she|i|you|we)\b", part, re.I):
            told.append(re.sub(r"^(?:and|also|with)\s+", "", part, flags=re.I))
            continue
        if told:
            ops.append(Add(thing=", ".join(told)))
            told = []
    if told:
        ops.append(Add(thing=", ".join(told)))
    return Edit(ops=tuple(ops)) if ops else None
