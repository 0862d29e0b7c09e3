"""Whether a prompt the chat model rewrote still names the picture's subject: a rewrite that drops
it is not used."""

from __future__ import annotations

import re
from typing import Any, Iterable

from conversation.actions import Action, Branch, Edit, Remove, Replace, SetSubject
from conversation.interpreter import Context, Picture

# Words that say nothing about what is in the picture: a prompt keeping "photo" has not kept a cat.
_STOPWORDS = frozenset("""
a an the and or but of on in at to for from with without by into onto over under near next
is are was were be being it its this that these those some any very more most much many few
picture image photo photograph drawing painting illustration render shot view scene style
make made look looking like same new old big small
""".split())
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


def _stem(word: str) -> str:
    if len(word) > 4 and word.endswith("es") and not word.endswith("ses"):
        return word[:-2]
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def content_words(text: str) -> set[str]:
    """Lower-cased stems of the words that name things; short ASCII words and stopwords dropped
    (a non-ASCII word counts at any length: one CJK character can be the whole subject)."""
    words = (w.lower() for w in _WORD.findall(text or ""))
    return {_stem(w) for w in words if w not in _STOPWORDS and (len(w) >= 3 or not w.isascii())}


def drops_subject(subject: str, prompt: str, ops: Iterable[Any] = ()) -> bool:
    """True when ``prompt`` mentions none of the content words the subject should still have.

    The words expected: the subject's, less those the ops took out (remove X, replace X), plus what
    they put in (replace -> Y, a new subject). Nothing expected (no subject yet, or all of it
    replaced): nothing can be dropped."""
    expected = content_words(subject)
    for op in ops:
        if isinstance(op, SetSubject):
            expected = content_words(op.subject)
        elif isinstance(op, Replace):
            expected = (expected - content_words(op.old)) | content_words(op.new)
        elif isinstance(op, Remove):
            expected -= content_words(op.thing)
    if not expected:
        return False
    return not (expected & content_words(prompt))


def dropped_subject(action: Action, context: Context) -> bool:
    if not isinstance(action, (Edit, Branch)) or not action.prompt:
        return False
    subject = context.scene.subject if context.scene else ""
    if isinstance(action, Branch):
        # The branched picture's own words count too: its subject may differ from the current one.
        picture = _picture(context, action.image)
        if picture is not None:
            subject = " ".join(filter(None, [subject, picture.prompt_typed, picture.prompt_sent]))
    return drops_subject(subject, action.prompt, action.ops)


def _picture(context: Context, number: int) -> Picture | None:
    if not context.pictures or number == 0:
        return None
    if number < 0:
        index = len(context.pictures) + number
        return context.pictures[index] if 0 <= index < len(context.pictures) else None
    return next((p for p in context.pictures if p.number == number), None)
