"""How many of the subject there are, changed: "make it three hedgehogs", "make it 2", "now four puppies" on "a small
hedgehog carrying a lantern" is three small hedgehogs carrying a lantern (not a hedgehog and three more)."""

from __future__ import annotations

import re

from conversation.actions import Replace, SetSubject
from conversation.phrases import main_noun
from conversation.scene import Scene

_NUMBERS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10}
_COUNT = re.compile(r"^\W*(?:(?:ok(?:ay)?|now|and|so|hmm+|actually)[,\s]+)*(?:(?:can|could)\s+(?:you|u)\s+)?(?:make\s+(?:it|them|that)|"
                    r"turn\s+it\s+into|i\s+want|there\s+should\s+be|let'?s\s+(?:have|do))\s+(?P<n>two|three|four|five|six|seven|eight|nine|"
                    r"ten|\d{1,2})(?:\s+(?P<noun>[\w-]+))?(?:\s+(?:please|pls|instead|now))*\W*$", re.I)
_IRREGULAR = {"mouse": "mice", "goose": "geese", "child": "children", "man": "men", "woman": "women", "person": "people",
              "fish": "fish", "sheep": "sheep", "deer": "deer", "wolf": "wolves", "leaf": "leaves", "knife": "knives",
              "calf": "calves", "elf": "elves", "shelf": "shelves", "puppy": "puppies", "tooth": "teeth", "foot": "feet"}


def plural(noun: str) -> str:
    """"hedgehog" → "hedgehogs", "fox" → "foxes", "puppy" → "puppies", "wolf" → "wolves"."""
    low = noun.lower()
    if low in _IRREGULAR:
        return _IRREGULAR[low]
    if re.search(r"(?:s|x|z|ch|sh)$", low):
        return noun + "es"
    if re.search(r"[^aeiou]y$", low):
        return noun[:-1] + "ies"
    return noun + "s"


def _singular(noun: str) -> str:
    """"hedgehogs" → "hedgehog", "foxes" → "fox", "puppies" → "puppy"; a singular as it is."""
    irregular = next((k for k, v in _IRREGULAR.items() if v == noun), None)
    if irregular:
        return irregular
    if re.search(r"[^aeiou]ies$", noun):
        return noun[:-3] + "y"
    if re.search(r"(?:ch|sh|x|z|ss)es$", noun):
        return noun[:-2]
    return noun[:-1] if noun.endswith("s") and not noun.endswith("ss") else noun


def recounted(body: str, scene: Scene | None) -> list[Replace | SetSubject] | None:
    """The subject, that many; None when the message asks no count or names something the picture does not show."""
    m = _COUNT.match(body.strip())
    if m is None or scene is None or scene.verbatim:
        return None
    n = m.group("n").lower()
    if n.isdigit() and not 2 <= int(n) <= 20:
        return None
    n = next((word for word, value in _NUMBERS.items() if str(value) == n), n)  # "2" is written "two"
    said = (m.group("noun") or "").lower() or main_noun(scene).lower()
    if not said:
        return None
    singular = _singular(said)
    counted = rf"(?:an?|one|the|{'|'.join(_NUMBERS)}|\d{{1,2}})"
    for phrase in (scene.subject, *scene.details):  # "a small hedgehog": its article, its words, its noun
        found = re.search(rf"\b{counted}\s+((?:[\w-]+\s+){{0,2}}?)({re.escape(singular)}|{re.escape(plural(singular))})\b", phrase, re.I)
        if found:
            many = f"{n} {found.group(1)}{plural(singular)}"
            if phrase is scene.subject:  # the subject itself, the rest of it kept: "three small hedgehogs carrying a lantern"
                return [SetSubject(subject=phrase[:found.start()] + many + phrase[found.end():])]
            return [Replace(old=found.group(0), new=many)]
    return None
