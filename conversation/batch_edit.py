"""The pictures of a turn that drew several ("3 different logos"). A change said of all of them ("make them
all pastel pink") draws the batch again with the change, each picture with its own seed, so each is changed
and none is dropped; "the third one" right after it is the third of them, not the conversation's third."""

from __future__ import annotations

import re

from conversation.actions import Action, Branch, Question, Revert
from conversation.interpreter import Picture

# "them all", "all of them", "each of them", "both of them", "all three": every picture just made.
_ALL = re.compile(r"\b(?:(?:them|these|those)\s+all|all\s+(?:(?:three|four|two|3|4|2)\s+)?of\s+(?:them|these|those)|"
                  r"(?:each|every\s*one|both)\s+of\s+(?:them|these|those)|all\s+(?:three|four|3|4)(?=\s*(?:$|[,.!?]|to\b|in\b|into\b))|"
                  r"all\s+these|both)\b", re.I)
# "make them pink" right after a batch: "them" is the pictures.
_THEM = re.compile(r"^((?:(?:can|could|would) you\s+|pls\s+|please\s+)?(?:make|turn|change|render|redo|paint|give|put|do|"
                   r"switch|recolou?r)\s+)(?:them|these|those)\b", re.I)


def each_of_batch(text: str, pictures: tuple[Picture, ...]) -> tuple[str, int]:
    """The message said of one picture, and how many pictures of the last batch it applies to."""
    n = pictures[-1].batch if pictures else 0
    if n < 2:
        return text, 1
    said = _ALL.sub("it", text, count=1)
    if said == text:
        said = _THEM.sub(r"\1it", text, count=1)
    if said == text:
        return text, 1
    said = re.sub(r"\bit\s+it\b", "it", said)
    return re.sub(r"^it\b", "make it", said), n  # "all of them in pink" → "make it in pink"


# An ordinal that names one picture of a batch: "the third one", "#2", "number 4", "option 1", "the last one".
_ORDINAL_ONE = re.compile(r"(?<!\w)(?:the\s+)?(?:(?P<word>first|1st|second|2nd|third|3rd|fourth|4th|last)\s+(?:one|image|picture|pic|"
                          r"version|option)|(?:#|number\s+|option\s+|no\.?\s*)(?P<n>[1-4]))\b", re.I)
_ORDINALS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4}


def one_of_batch(action: Action, text: str, pictures: tuple[Picture, ...]) -> Action:
    """A revert, branch or question naming "the third one" right after a turn that drew several pictures is
    about the third of those, not the conversation's third picture (several different pictures of one message
    are each a picture of their own, numbered in the order asked)."""
    if not isinstance(action, (Revert, Branch, Question)) or not pictures or max(pictures[-1].batch, pictures[-1].variants) < 2:
        return action
    m = _ORDINAL_ONE.search(text)
    if m is None or re.search(r"\b(?:very first|original|of the conversation|earlier|before)\b", text, re.I):
        return action
    last = pictures[-1]
    many = max(last.batch, last.variants)
    k = many if (m.group("word") or "").lower() == "last" else _ORDINALS.get((m.group("word") or "").lower()) or int(m.group("n"))
    if not 0 < k <= many:
        return action
    if last.variants > 1:  # "in red, blue and green": each its own picture, numbered in the order asked
        return action.model_copy(update={"image": last.number - last.variant + k})
    return action.model_copy(update={"image": last.number, "pick": k})
