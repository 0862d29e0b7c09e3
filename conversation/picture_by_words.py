"""Which earlier picture a message names by its words rather than its number: by the seed it was drawn with ("1234
was better, go back"), its shape ("the wide one was best"), words of its prompt or its style ("take the glass one
and …", "the japanese one"), or what it had before something came ("i liked it before the owl"). Pure functions."""

from __future__ import annotations

import re

from conversation import words as w
from conversation.interpreter import Context
from conversation.phrases import GREY_LOOK, bare, is_colour


_SEED_ONE = re.compile(r"^\W*(?:(?:lol|ok(?:ay)?|hmm+|yeah|honestly|tbh|actually|ugh|nah|no)[\s,]+)*(?:(?:the\s+)?(?:one\s+with\s+)?"
                       r"(?:seed\s+)?#?(?P<seed>\d{2,10})(?:\s+one)?\s+(?:was|is|looked|looks)\s+(?:way\s+|much\s+|so\s+)?(?:better|best|nicer)|"
                       r"(?:go\s+)?back\s+to\s+(?:the\s+one\s+with\s+)?seed\s+#?(?P<back>\d{2,10}))\b", re.I)


def seeded_one(text: str, ctx: Context) -> int | None:
    """ "hmm 1234 was better, go back": the picture drawn with the seed named, or None when none was."""
    m = _SEED_ONE.match(text)
    if m is None:
        return None
    seed = int(m.group("seed") or m.group("back"))
    return next((pic.number for pic in reversed(ctx.pictures[:-1]) if pic.seed == seed), None)


_SHAPED_ONE = re.compile(r"^\W*(?:(?:lol|ok(?:ay)?|hmm+|yeah|honestly|tbh|actually|ugh|nah)[\s,]+)*(?:(?:(?:go|switch|get)\s+)?back\s+to\s+|"
                         r"revert\s+to\s+|return\s+to\s+)?(?:the\s+)?(wide|wider|landscape|"
                         r"horizontal|tall|taller|portrait|vertical|square)\s+(?:one|version|pic|picture|image)(?:\s+(?:was|is|looked|looks)"
                         r"\s+(?:way\s+|much\s+|so\s+)?(?:better|best|nicer|closest|(?:my\s+)?favou?rite)\b|(?:\s+(?:please|pls|again))*\W*$)",
                         re.I)


def shaped_one(text: str, ctx: Context) -> int | None:
    """ "lol ok the wide one was best, go back to that": the latest earlier picture of the shape named, or None."""
    m = _SHAPED_ONE.match(text)
    if m is None:
        return None
    kind = {"wide": ">", "wider": ">", "landscape": ">", "horizontal": ">", "tall": "<", "taller": "<", "portrait": "<",
            "vertical": "<", "square": "="}[m.group(1).lower()]
    for pic in reversed(ctx.pictures[:-1]):
        if pic.width and pic.height and {">": pic.width > pic.height, "<": pic.width < pic.height, "=": pic.width == pic.height}[kind]:
            return pic.number
    for pic in reversed(ctx.pictures[:-1]):  # none that shape: "the horizontal one" after a vertical is the one not vertical
        if pic.width and pic.height and kind != "=" and {">": pic.width >= pic.height, "<": pic.width <= pic.height}[kind]:
            return pic.number
    return None


_DESCRIBED_ONE = re.compile(
    r"^(?:take|use|go back to|back to|start from|edit|bring back|show me|(?:i\s+)?prefer(?:r?ed)?|i (?:liked|want))\s+the\s+"
    r"([\w-]+(?:\s+[\w-]+)?)\s+(?:one|version|picture|image|pic)\b\s*(?:again\b)?\s*(?:,|and|but|then|,\s*and)?\s*(.*)$", re.I)


# "no, the japanese one": only the picture named, after a change that went elsewhere.
_BARE_DESCRIBED = re.compile(r"^(?:(?:no+|nah|nope|actually|wait|i meant|meant)[\s,]+)*the\s+((?!(?:other|same|new|next|last|first|second|"
                             r"third|previous|original|latest)\b)[\w-]+(?:\s+[\w-]+)?)\s+(?:one|version|picture|pic)(?:\s+(?:please|pls|again))?\W*$",
                             re.I)


# "step back to the oil painting": back to the picture the words describe (its prompt or its style).
# "actually the red one but with a cat next to it": that earlier picture, with the change.
_BARE_DESCRIBED_BUT = re.compile(r"^(?:(?:no+|nah|nope|actually|wait|ok(?:ay)?|hmm+)[\s,]+)*the\s+((?!(?:other|same|new|next|last|first|"
                                 r"second|third|previous|original|latest)\b)[\w-]+(?:\s+[\w-]+)?)\s+(?:one|version|picture|pic)\s*(?:again\s*)?,?\s*"
                                 r"(?:but|and)\s+(.+)$", re.I)
_BACK_TO_DESCRIBED = re.compile(
    r"^(?:(?:go|step|get|switch|jump|take me|bring me)\s+back\s+to|back\s+to|return\s+to|revert\s+to)\s+the\s+"
    r"([\w-]+(?:\s+(?!(?:one|version|picture|image|pic)\b)[\w-]+)?)(?:\s+(?:one|version|picture|image|pic))?(?:\s+(?:with|that had|where)\s+[\w\s'-]{1,40}?)?"
    r"\s*(?:again|please|pls)?$", re.I)
# "make the bunny version again": that picture back, as it was.
_AGAIN_DESCRIBED = re.compile(r"^(?:(?:can you|could you|pls|please)\s+)?(?:make|do|redo|draw|show|give me)\s+the\s+"
                              r"([\w-]+(?:\s+[\w-]+)?)\s+(?:one|version|picture|image|pic)\s+again(?:\s+(?:please|pls))?\W*$", re.I)
_BACK_TO_IT = re.compile(r"^(?:(?:go|step|get|switch)\s+)?back\s+to\s+(?:that|it|this)(?:\s+one)?(?:\s+please)?$", re.I)


_BY_IT = re.compile(r"\b(in\s+front\s+of|next\s+to|behind|beside|on\s+top\s+of|under|above|near|around|inside|on|by)\s+it\b", re.I)


def it_named(change: str, word: str) -> str:
    """ "take the barn one and put some cows in front of it": in front of the barn, not of the picture on screen."""
    return _BY_IT.sub(rf"\1 the {word}", change)


_ONE_WITH = re.compile(r"^(?:(?:go|get|step|switch|jump)\s+)?back\s+to\s+the\s+(?:one|version|picture|pic)\s+(?:with|that\s+had|where)\s+"
                       r"(?:the\s+|a\s+|an\s+|some\s+|it\s+had\s+(?:the\s+|a\s+)?)?(?P<x>[\w' -]{2,30}?)(?:\s+(?:again|please|pls))?"
                       # "… but make it spring with flowers": that one, then changed
                       r"(?:\s*,?\s+(?:but|and(?:\s+then)?|then)\s+(?P<rest>(?:make|add|put|turn|give|change|remove|take|set)\b.+?))?\W*$", re.I)


def _says_each(pic, said: str) -> bool:
    """ "the cat in the morning": a picture whose prompt names each of those words, wherever."""
    words = [x for x in re.findall(r"[a-z]{3,}", said.lower()) if x not in ("the", "and", "with", "one", "that", "had", "was")]
    return len(words) >= 2 and all(pic.says(x) for x in words)


# "take the cat in the morning one and instead make it rainy outside": several words name it, a change follows
_LONG_DESCRIBED = re.compile(r"^(?:take|use|go back to|back to|start from)\s+the\s+(?P<x>[\w' -]{3,40}?)\s+(?:one|version|picture|pic)\s*"
                             r"(?:,\s*)?(?:and|but|then)\s+(?:instead\s+|then\s+|also\s+)?(?P<rest>.+)$", re.I)


def picture_described(text: str, ctx: Context) -> tuple[int, str] | None:
    """ "the glass one": the latest earlier picture whose prompt says the words, and what is asked of it."""
    long = _LONG_DESCRIBED.match(text.strip())
    if long and len(long.group("x").split()) > 2 and len(ctx.pictures) >= 2:
        found = next((p.number for p in reversed(ctx.pictures[:-1]) if _says_each(p, long.group("x"))), None)
        if found is not None:
            return found, long.group("rest").strip(" .!?")
    with_ = _ONE_WITH.match(text.strip())
    if with_ and len(ctx.pictures) >= 2:  # "go back to the one with the curved roof": the latest that had it, all its words
        found = next((p.number for p in reversed(ctx.pictures[:-1]) if p.says(with_.group("x"))), None)
        if found is not None:
            return found, (with_.group("rest") or "").strip(" .!?")
    m = _DESCRIBED_ONE.match(text) or _BACK_TO_DESCRIBED.match(text) or _AGAIN_DESCRIBED.match(text) or _BARE_DESCRIBED.match(text) \
        or _BARE_DESCRIBED_BUT.match(text)
    if not m or len(ctx.pictures) < 2 or w.picture_number(m.group(1)) is not None:
        return None
    asked = m.group(2).strip(" ,.!?") if m.re in (_DESCRIBED_ONE, _BARE_DESCRIBED_BUT) else ""
    if m.re in (_BARE_DESCRIBED, _BARE_DESCRIBED_BUT) and not any(p.says(m.group(1)) for p in ctx.pictures[:-1]):
        return None  # "the red one" naming no earlier picture: a change of this one, read elsewhere
    asked = "" if _BACK_TO_IT.match(asked) else asked  # "prefer the impressionist one, go back to that"
    said = m.group(1).lower()
    if said in ("same", "other", "new", "next", "right", "good", "best", "better", "nice", "whole"):
        return None
    if re.fullmatch(r"(?:full[- ])?colou?r(?:ed|ful)?", said):  # "the color one" after a black-and-white: the latest in colour
        grey = re.compile(GREY_LOOK, re.I)
        for pic in reversed(ctx.pictures[:-1]):
            if not grey.search(f"{pic.prompt_sent} {pic.prompt_typed} {pic.style.replace('-', ' ')}"):
                return pic.number, asked
    for pic in reversed(ctx.pictures[:-1]):  # an earlier picture: the current one is "it"
        if pic.says(said) or _says_each(pic, said) or said.replace(" ", "-") == (pic.style or "") or \
                re.search(rf"\b{re.escape(said)}\b", pic.style or "", re.I):
            if re.fullmatch(r"[a-z]{3,}", said) and not is_colour(said) and not w.find_style(said):
                # "the horse one and make it a zebra instead": the horse is the "it"
                asked = re.sub(r"^(make|turn)\s+it\s+(?=(?:an?|into)\s)", rf"\1 the {said} ", asked, flags=re.I)
                asked = it_named(asked, said)
            described = re.match(r"^(?:with|that had)\s+(?:the\s+|a\s+|an\s+|some\s+)?(.+)$", asked, re.I)
            if described and re.search(rf"\b{re.escape(described.group(1))}", pic.prompt_sent or "", re.I):
                asked = ""  # "the tonkotsu one with the nori": which picture, not a change to it
            return pic.number, asked
    if re.match(r"^(?:(?:go|step|get|switch|jump)\s+)?back\s+to\b|^(?:return|revert)\s+to\b", text, re.I):
        return ctx.pictures[-2].number, asked  # "go back to the bright one", its words in no prompt: the one before
    return None


_BEFORE = re.compile(r"^(?:(?:i|we)\s+(?:liked|preferred|loved)\s+it\s+(?:better\s+|more\s+)?|(?:(?:go|get|take me)\s+)?back\s+to\s+|"
                     r"(?:it\s+)?(?:was|looked)\s+better\s+)before\s+(?:you\s+(?:added|put(?:\s+in)?)\s+|adding\s+)?(?:the\s+|that\s+|those\s+)?"
                     r"(?P<thing>[\w' -]{2,30}?)(?:\s+(?:was|were)\s+(?:added|there|in it))?$", re.I)
_ONE_WITHOUT = re.compile(r"^(?:(?:go\s+)?back\s+to\s+|i\s+(?:want|prefer)\s+)?(?:the\s+)?(?:(?P<word>(?!one\b)[\w-]+(?:\s+[\w-]+){0,2}?)\s+)?(?:one|version|picture|pic)\s+"
                          r"(?:without|w/o|before)\s+(?:the\s+)?(?P<thing>[\w' -]{2,30}?)(?:\s+(?:again|please|pls))?$", re.I)


# "go back to the one with the wine bottle before it got dark": the latest earlier picture with the one thing, without the other.
WITH_BEFORE = re.compile(r"^(?:(?:(?:go|get|take me)\s+)?back\s+to|take|use|start from|grab)\s+the\s+(?:one|version|picture|pic)\s+with\s+"
                          r"(?:the\s+|a\s+|an\s+)?(?P<word>[\w' -]{2,30}?)\s+before\s+(?:it\s+(?:got|was|became|went|turned)\s+|you\s+made\s+it\s+|"
                          r"(?:you\s+)?(?:added|adding)\s+|the\s+)(?P<thing>[\w' -]{2,30}?)(?:\s+(?:look|style|filter|effect))?"
                          r"(?:\s*,?\s+(?:and|then)\s+(?P<change>.+))?$", re.I)


def before_it(text: str, ctx: Context) -> int | None:
    """The latest earlier picture without the thing named (and with the word said, if one was): "i liked it before
    the owl", "the night one without the owl"; None when the message says no such thing or no picture fits."""
    text = re.sub(r"^(?:(?:honestly|tbh|hmm+|ok(?:ay)?|nah|actually|yeah|ugh|meh)[\s,]+)+", "", text, flags=re.I)
    text = re.sub(r",\s*the\s+one\s+with\s+[\w' -]{2,30}$", "", text, flags=re.I)  # "…, the one with the dock": said again
    m = _BEFORE.match(text) or _ONE_WITHOUT.match(text) or WITH_BEFORE.match(text)
    if m is None or len(ctx.pictures) < 2:
        return None
    thing = re.sub(r"\s+(?:thing|stuff|change|part|bit|look|one)$", "", bare(m.group("thing")), flags=re.I)  # "the autumn thing"
    word = m.groupdict().get("word")
    if m.re is WITH_BEFORE:
        word = bare(word).split()[-1]  # "the wine bottle": a picture naming the bottle
        first = next((p.number for p in ctx.pictures if p.says(thing)), None)  # when it first got dark
        earlier = [p for p in ctx.earlier_saying(word) if first is None or p.number < first]
        return earlier[-1].number if earlier else None
    if not ctx.pictures[-1].says(thing):  # the picture on screen has no such thing: an earlier one had it, and one before did not
        had = [p.number for p in ctx.pictures[:-1] if p.says(thing)]
        return next((p.number for p in reversed(ctx.pictures[:-1]) if not p.says(thing) and p.number < had[-1]), None) if had else None
    for pic in reversed(ctx.earlier_saying(word) if word else ctx.pictures[:-1]):
        if not pic.says(thing):
            return pic.number
    return None


_SEED_AS = re.compile(r"\b(?:the\s+)?same\s+seed\s+as\s+(?:in\s+)?(?P<which>(?:the\s+)?(?:first|second|third|fourth|last|previous|original|earlier)"
                      r"(?:\s+(?:one|picture|panel|image|version|pic|page|frame))?|(?:picture|image|pic|panel|#)\s*#?\d+)\b", re.I)


def seed_of_named(text: str, ctx: Context) -> int | None:
    """ "redo this panel with the same seed as the first one": that picture's seed; None when none is named so."""
    m = _SEED_AS.search(text)
    number = w.picture_number(m.group("which")) if m else None
    if number is None or not ctx.pictures:
        return None
    pic = ctx.pictures[number - 1] if 0 < number <= len(ctx.pictures) else ctx.pictures[number] if -len(ctx.pictures) <= number < 0 else None
    return pic.seed if pic is not None else None
