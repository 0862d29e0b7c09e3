"""A change said again by how much: "not that dark 😅", "not THAT much lol", "somewhere in between" tone the last
change down; "harder 🔥", "even more", "like way less" after "less saturated" push it further. "he's not THAT fat"
tones down the word named, wherever the picture has it.

On Stable Diffusion the words keep their place and take a weight in its attention syntax ("(dark:0.7)"), so the
picture moves part of the way, not back to where it was; in prose, "slightly" or "intensely" before them.
Pure functions.
"""

from __future__ import annotations

import re

from conversation.actions import Replace
from conversation.interpreter import Context, prompt_parts
from conversation.short_followups import last_said

_ASIDE = r"(?:lol|lmao+|lmfao|haha+|hehe+|ok(?:ay)?|oh+|oops|whoa|wow|hmm+|yikes|ugh|omg|no+|nah|ah+|wait|um+|uh+)"
_OPEN = rf"^[^\w]*(?:{_ASIDE}[\s,.!]+)*"
_CLOSE = rf"(?:[\s,.!]+(?:{_ASIDE}|please|pls|now|though|tho))*[^\w]*$"
_LESS = re.compile(
    _OPEN + r"(?:(?:(?:it'?s|its|that'?s|thats|he'?s|hes|she'?s|shes|they'?re|theyre|it|he|she)\s+)?(?:not|no)\s+(?:that|so|this)\s+"
    r"(?P<x>[\w-]+)|(?:(?:ok(?:ay)?\s+)?now\s+(?:it'?s|its)\s+[\w ]{1,20}?[,.]?\s+(?:lol\s+|lmao\s+)?)?somewhere\s+in\s+between|"
    r"(?:maybe\s+)?(?:something\s+)?in between|halfway(?:\s+there)?|meet\s+(?:me\s+)?in\s+the\s+middle|(?:a\s+bit\s+)?less\s+than\s+that)"
    + _CLOSE, re.I)
_MORE = re.compile(
    _OPEN + r"(?:(?:even\s+)?(?:harder|stronger)|(?:even|way|much|a lot|a bit|a little|bit)\s+more|more+\s*!+|go\s+further|further|"
    r"push\s+it(?:\s+(?:further|more))?|crank\s+it(?:\s+up)?|turn\s+it\s+up|more\s+of\s+that|(?:like\s+)?(?:way|much|even|far|a lot)\s+"
    r"(?P<dir>less|more))" + _CLOSE, re.I)
# "not that one", "not that bad": which picture, or a verdict, not how much
_NOT_AN_AMOUNT = frozenset({"one", "version", "picture", "pic", "image", "way", "bad", "good", "great", "nice", "sure", "different",
                            "important", "impressed", "fast", "easy", "it", "kind"})
_AMOUNT = frozenset({"much", "many", "strong", "intense", "extreme", "crazy", "far", "heavy", "over the top"})
_WEIGHTED = re.compile(r"^\((?P<words>.+):\s*(?P<w>\d*\.?\d+)\s*\)$")


# A remark that the last change went too far, before "somewhere in between"
_TOO_FAR = re.compile(r"\b(?:too|way\s+too|overdone|over\s+the\s+top|too\s+much|much)\b", re.I)


def degree_again(text: str, ctx: Context) -> list[Replace] | None:
    """The last change (or the word named) toned down or pushed further, or None when the message is not that."""
    scene = ctx.scene
    if scene is None:
        return None
    said = re.sub(r"([a-z])\1{2,}", r"\1", text.strip(), flags=re.I)  # "waaay more!!"
    *before, last = re.split(r"(?<=[.!?])\s+", said)
    if before and _LESS.match(last) and not _LESS.match(said) and _TOO_FAR.search(" ".join(before)):
        said = last  # "LOL ok that's too cute now, she looks like a plushie. somewhere in between?"
    less = _LESS.match(said)
    more = None if less else _MORE.match(said)
    if less is None and more is None:
        return None
    weaker = less is not None
    if more is not None and more.group("dir"):  # "way less" after "less saturated": further; after "more rain": back
        before = last_said(ctx).lower()
        direction = more.group("dir").lower()
        if re.search(rf"\b{direction}\b", before):
            weaker = False
        elif re.search(r"\b(?:less|more)\b", before):
            weaker = True
        else:
            return None
    named = less.group("x").lower() if less is not None and less.group("x") else None
    if named in _NOT_AN_AMOUNT:
        return None
    parts = _last_change(ctx)
    if named and named not in _AMOUNT:
        if re.search(rf"\b{re.escape(named)}\b", " ".join(scene.phrases()), re.I):
            return [_reweighed(named, weaker, ctx.target)]
        stem = re.sub(r"(.)\1$", r"\1", re.sub(r"(?:ier|iest|y|er|est)$", "", named))  # "foggy" after "thick fog" was added
        parts = [part for part in parts if len(stem) >= 3 and stem in part.lower()]
        if not parts:
            return None  # "not that dark" on a picture with nothing dark: not read here
    return [_reweighed(part, weaker, ctx.target) for part in parts] or None


def _last_change(ctx: Context) -> list[str]:
    """The parts of the prompt the last change brought, as the scene has them."""
    if len(ctx.pictures) < 2 or ctx.scene is None:
        return []
    before = {p.lower() for p in prompt_parts(ctx.pictures[-2].prompt_sent)}
    now = prompt_parts(ctx.pictures[-1].prompt_sent)
    text = " ".join(ctx.scene.phrases()).lower()
    return [p for p in now if p.lower() not in before and p.lower() in text][:3]


def _reweighed(words: str, weaker: bool, target: str) -> Replace:
    m = _WEIGHTED.match(words)
    if not target.startswith("sd"):  # prose: said with its degree
        bare = m.group("words") if m else words
        return Replace(old=words, new=f"{'slightly' if weaker else 'intensely'} {bare}")
    if m:
        weight = float(m.group("w")) + (-0.3 if weaker else 0.2)
        return Replace(old=words, new=f"({m.group('words')}:{min(1.8, max(0.4, weight)):.1f})")
    return Replace(old=words, new=f"({words}:{0.7 if weaker else 1.3})")
