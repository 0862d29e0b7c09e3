"""A follow-up said as a few short clauses, each a change the rules read alone: "slow shutter feel, wings
blurred", "simpler, thicker lines, for a 4 year old", "less scary, it's for my kid's class". It is all of
those changes to the picture on screen, never a new picture of the words. What a clause says the picture is
for changes nothing but who it is for: a child's picture is drawn simple and friendly. Pure functions."""

from __future__ import annotations

import re
from typing import Callable

from conversation.actions import Action, Add, Chat, Edit, Op, Remove, Replace
from conversation.phrases import COLOUR_PHRASE, MATERIALS, bare

# Who the picture is for, when that is a child: drawn simple and friendly.
_FOR_A_CHILD = re.compile(
    r"^(?:(?:it'?s|its|it is|this is|that'?s|it'?ll be|they'?re|these are|the\s+[\w-]+'s)\s+)?(?:(?:going\s+)?to be\s+)?(?:(?:just|only|meant|made)\s+)?"
    r"for\s+(?:a|an|my|our|the|some)?\s*(?:(?:\d+|two|three|four|five|six|seven|eight)[- ]?(?:year|yr)[- ]?olds?|kids?|children|child|"
    r"toddlers?|preschoolers?|little ones?|(?:my |our )?(?:son|daughter|niece|nephew)|kid'?s\s+(?:class|room|party|book)|"
    r"(?:\w+\s+)?(?:grade|kindergarten|preschool|nursery)\s*(?:class|kids|students)?)\W*$", re.I)
# What a clause says the picture is for, which changes nothing in it: "it's for a poster", "for my blog".
_FOR_SOMETHING = re.compile(r"^(?:(?:it'?s|its|it is|this is|it'?ll be)\s+)?(?:(?:going\s+)?to be\s+)?(?:just\s+)?"
                            r"(?:for|on)\s+(?:a|an|my|our|the)\s+[\w' -]{2,30}$", re.I)
# A clause that names a picture of its own ("a cat, watercolor"): a new picture, not a change.
_OWN_THING = re.compile(r"^(?:a|an|the|some|two|three|four|\d+)\s", re.I)


def each_clause(body: str, read: Callable[[str], Action]) -> list[Op] | None:
    """The changes of a follow-up made of 2–4 short clauses that are each a change (``read`` reads one
    clause as the rules would), or None when any clause is something else."""
    parts = [re.sub(r"\s+(?:please|pls|plz)$", "", p.strip(" .!?"), flags=re.I)
             for p in re.split(r"\s*[,;]\s*|(?<=\w)[.!]\s+", body.strip()) if p.strip(" .!?")]
    if not 2 <= len(parts) <= 4 or any(len(p.split()) > 7 for p in parts) or _OWN_THING.match(parts[0]) and not re.match(
            r"^the\s+[\w-]+\s+(?:look|looks|is|are|seem|seems)\b", parts[0], re.I):  # "the boats look smudged, …": a fault
        return None
    ops: list[Op] = []
    for part in parts:
        if _FOR_A_CHILD.fullmatch(part):
            ops.append(Add(thing="simple, cute and kid-friendly"))
            continue
        if _FOR_SOMETHING.fullmatch(part):
            continue
        action = read(part)
        if isinstance(action, Chat) and action.kind == "negative" and re.match(
                r"^(?:the\s+|his\s+|her\s+|their\s+)?(?!(?:it|this|that|its|it'?s|thats|that'?s)\b)[\w-]+\s+(?:look|looks|is|are|seem|seems)\b",
                part, re.I):
            continue  # "faces look a bit mushy, more detail on the faces": the fault is why, the other clause what
        if not isinstance(action, Edit) or not action.ops:
            return None
        ops.extend(action.ops)
    return ops or None


# "no blueberries, strawberries instead": what is taken out, then what goes in its place.
_NO_THEN_INSTEAD = re.compile(r"^\W*(?:no|not|without|lose the|drop the)\s+(?:the\s+|more\s+)?(?P<old>[\w' -]{2,30}?)\s*[,;.]\s*(?:but\s+|use\s+|"
                              r"put\s+|add\s+|make (?:it|them)\s+|with\s+)?(?P<new>[\w' -]{2,40}?)\s+instead\W*$", re.I)


def instead_of_removed(body: str) -> list[Op] | None:
    """ "no blueberries, strawberries instead" → the blueberries become strawberries; None for anything else."""
    m = _NO_THEN_INSTEAD.match(body)
    return [Replace(old=bare(m.group("old")), new=m.group("new").strip())] if m else None


# "green slime not blue", "a dog, not a cat": what is meant, then what is not.
_MEANT_NOT = re.compile(r"^\W*(?P<meant>[\w' -]{2,40}?)[\s,]+(?:and\s+)?not\s+(?:the\s+|an?\s+)?(?P<not>[\w' -]{2,30}?)(?:\s+anymore)?\W*$", re.I)


def meant_not(body: str, read: Callable[[str], Action], mentions: Callable[[str], bool] | None = None) -> list[Op] | None:
    """ "green slime not blue": the change said first, read alone (what it is not was only said to be clear); "teal not
    navy" where the picture says navy: that colour for the other."""
    body = re.sub(r"^\W*(?:(?:sorry|oops|no|nah|i\s+meant|meant|i\s+said)[\s,]+)+", "", body, flags=re.I)
    m = _MEANT_NOT.match(body)
    if m is None or len(body.split()) > 8 or re.match(r"(?:do|does|did|is|are|was|were|could|should|would|can|why|i|it)\b",
                                                      m.group("meant"), re.I):
        return None
    meant, other = m.group("meant").strip(), m.group("not").strip()
    if mentions is not None and mentions(other) and re.fullmatch(COLOUR_PHRASE, meant, re.I) and re.fullmatch(COLOUR_PHRASE, other, re.I):
        return [Replace(old=other, new=meant)]
    action = read(m.group("meant"))
    return list(action.ops) if isinstance(action, Edit) and action.ops else None


# "make it sunset instead of fog", "a dog instead of the cat": what is asked, in the place of what is named.
_INSTEAD_OF = re.compile(r"^(?P<new>.+?)\s+instead\s+of\s+(?:the\s+|a\s+|an\s+|all\s+the\s+)?(?P<old>[\w' -]{2,30}?)\W*$", re.I)


def instead_of(body: str, read: Callable[[str], Action], mentions: Callable[[str], bool]) -> list[Op] | None:
    """The change of "X instead of Y": a quality ("white instead of black") or a thing ("a dog instead of the cat")
    takes Y's place; any other change ("sunset instead of fog") is read as said, and Y goes."""
    m = _INSTEAD_OF.match(body.strip())
    if m is None or not mentions(m.group("old")):
        return None
    old, new = bare(m.group("old")), m.group("new").strip()
    said = re.sub(r"^(?:make|turn|paint|colou?r)\s+(?:it|them|him|her)\s+", "", new, flags=re.I)
    quality = re.fullmatch(rf"(?:{COLOUR_PHRASE}|{MATERIALS}|\w+(?:y|ful|ous|ish|ic))", old, re.I)
    if quality and re.fullmatch(r"[\w-]+(?:\s+[\w-]+)?", said):
        return [Replace(old=old, new=said)]  # "make it white instead of black", "happy instead of grumpy"
    if re.fullmatch(r"(?:an?\s+|some\s+)?[\w-]+(?:\s+[\w-]+)?", new, re.I) and not re.match(r"(?:make|turn|set|at|in|during)\b", new, re.I):
        return [Replace(old=old, new=new)]
    action = read(new)
    return [*action.ops, Remove(thing=old)] if isinstance(action, Edit) and action.ops else None
