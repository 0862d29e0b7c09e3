""""One" and "version" for the picture on screen: "now one at night", "a version for a poster, tall",
"dark mode version", "can you make one where he's on a skateboard". The person asks for the same
picture with a change, so it is an edit of it, never a new picture of the words "one at night"."""

from __future__ import annotations

import re

from conversation.actions import Add, Op, Remove, Replace, SetSlot, SetStyle
from conversation.cues import strip_lead
from conversation.edit_parse import parse_edit
from conversation.flags import extract_settings
from conversation.interpreter import Context

_ONE = re.compile(
    r"^(?:(?:now|and|then|ok(?:ay)?|so|also|next)[\s,]+)*(?:(?:do|make|draw|give me|try|show me|render|i want|i'?d like)\s+)?"
    r"(?:(?:a|an)\s+)?(?:(?P<kind>(?!another\b|more\b|same\b|new\b|different\b|first\b|second\b|third\b|last\b|original\b|"
    r"previous\b|other\b|next\b|the\b|this\b|that\b)[\w-]+(?:\s+[\w-]+){0,2})\s+)?(?P<head>one|version)\b(?P<rest>.*)$", re.I)

# What a version is for, not what is in it: the shape is read from the size words, if any.
PURPOSE = re.compile(r"^\W*(?:(?:so\s+)?(?:(?:that\s+)?it|i can use it)\s+(?:works|fits|looks good)\s+)?(?:for|as|like)\s+(?:an?\s+|my\s+|the\s+|our\s+)?(?:phone\s+|desktop\s+|mobile\s+|instagram\s+|insta\s+)?"
                      r"(?:(?:two|2|double)[- ]page\s+spread|spread|panorama|poster|wallpaper|background|story|stories|reel|banner|header|cover|print|flyer|card|thumbnail|"
                      r"profile pic(?:ture)?|avatar|sticker|t-?shirt|mug|phone|desktop|instagram|insta|tiktok|website|blog)s?\b", re.I)
# The rest of a message that set a size, when it only says what the same picture is for: "same visual for instagram
# feed, 1080x1080", "make a horizontal version for the website too".
FOR_ONLY = re.compile(r"^\W*(?:make\s+|do\s+|give me\s+)?(?:an?\s+|the\s+)?(?:same\s+(?:visual|image|picture|design|thing|one|pic|art|artwork|"
                      r"graphic|ad|banner|version|shot)\s*)?(?:version\s+)?(?:for|as)\s+(?:the\s+|my\s+|our\s+|an?\s+)?[\w' -]{1,30}?"
                      r"(?:\s+(?:too|as well|also|please|pls))?\W*$", re.I)
# Room left for words put on later: "so theres room for text on the right", "leave space for a title at the top".
_ROOM = re.compile(
    r"^\W*(?:(?:and|so(?:\s+that)?|to|pls|please|just|with)\s+)*(?:(?:there'?s|theres|there is|there'?ll be|i (?:have|get)|we have|"
    r"it has|leave|have|make|give(?:\s+me)?|keep)\s+)?(?:some\s+|more\s+|enough\s+|plenty of\s+|an?\s+)?(?:room|space|(?:empty|blank|"
    r"negative|clear)\s+(?:space|area))\s+(?:(?P<where0>(?:on|at|in)\s+(?:the\s+)?(?:left|right|top|bottom|middle|cent(?:er|re))(?:\s+side)?)\s+)?"
    r"(?:for|to (?:put|add|fit))\s+(?:the\s+|a\s+|my\s+|some\s+)?(?:text|title|words|caption|headline|copy|lettering|logo)s?"
    r"(?:\s+(?P<where>(?:on|at|in)\s+(?:the\s+)?(?:left|right|top|bottom|middle|cent(?:er|re))(?:\s+side)?))?\W*$", re.I)


def room_for_words(text: str) -> Add | None:
    """ "so theres room for text on the right": space kept clear, said the way the models draw it."""
    text = re.sub(r"^(?:(?:can|could)\s+(?:you|u)\s+)", "", re.sub(r"\s*[?,.]\s*like\s+.{1,30}$", "", text.strip()), flags=re.I)  # "…? like more sky"
    m = _ROOM.match(text)
    if m is None:
        return None
    said = m["where"] or m["where0"]
    middle = bool(said and re.search(r"middle|cent", said, re.I))
    where = re.sub(r"^(?:on|at)\b" if middle else r"^in\b", "in" if middle else "on", said.lower()) if said else ""
    return Add(thing=f"empty negative space {where}".strip())


_SHAPE_ONLY = re.compile(r"^(?:(?:phone|mobile|desktop|computer|laptop)\s+)?(?:wallpaper|portrait|landscape|panorama|banner|"
                         r"vertical|horizontal|square|tall|wide|story|poster)$", re.I)
_RELATIVE = re.compile(r"^\W*(?:that|which|where|in which|with which|but)\s+", re.I)
_TAIL = re.compile(r"[\s,]*\b(?:too|as well|also|please|pls|plz|instead|now)\W*$", re.I)


def one_like_this(body: str, ctx: Context, *, has_settings: bool) -> list[Op] | None:
    """The change a "one …" or "… version" message asks of the picture on screen, or None."""
    m = _ONE.match(body.strip(" .!?"))
    if m is None or ctx.scene is None:
        return None
    kind = (m.group("kind") or "").strip()
    rest = _TAIL.sub("", re.sub(r"^\s*of\s+(?:that|this|it|the last one|this one|that one|the picture)\b", "", m.group("rest"),
                                flags=re.I)).strip(" ,.!?")  # "a pixel art version of that"
    if m.group("head").lower() == "one" and kind or kind.lower() in ("one", "version"):
        looks = parse_edit(kind, ctx) if kind.lower() not in ("one", "version") else None
        if looks and all(isinstance(op, SetSlot) and op.slot in ("season", "time", "weather") for op in looks):
            return looks  # "and a summer one", "a night one": the season or the time of day
        return None  # "a bigger one", "a blue one": the edit rules read an adjective with its noun
    ops: list[Op] = []
    if kind and not _SHAPE_ONLY.match(kind):
        looks = parse_edit(kind, ctx)  # "pixel art version": the style; "dark mode version": words added
        ops.extend(looks if looks and all(isinstance(op, (SetStyle, SetSlot)) for op in looks) else [Add(thing=kind)])
    while rest and PURPOSE.match(rest):
        rest = rest[PURPOSE.match(rest).end():].strip(" ,.!?")
    rest = re.sub(r"^(?:please|pls|plz)\b\s*", "", re.sub(r"\s*\((?:vertical|horizontal|tall|wide|square|portrait|landscape)\)", "",
                                                           rest, flags=re.I), flags=re.I).strip(" ,.!?")
    shape, rest = extract_settings(rest) if rest else ([], rest)
    ops.extend(shape)  # "a version for a poster, tall"
    rest = strip_lead(rest).strip(" ,.!?")
    swap = _for_another(rest, ctx)
    if swap:
        return [*ops, *swap]
    if rest:
        said = re.sub(r"^(?:he|she|it|they)(?:'s|'re|\s+is|\s+are)\s+", "", _RELATIVE.sub("", rest), flags=re.I)
        parsed = parse_edit(said, ctx)
        ops.extend(parsed if parsed else [Add(thing=said)])
    if not ops and not has_settings and not (kind and _SHAPE_ONLY.match(kind)):
        return None
    return ops


def _for_another(rest: str, ctx: Context) -> list[Op] | None:
    """ "one for venus too" after "a travel poster for Mars, 'Visit Olympus Mons'": the same picture for
    another namesake; the words quoted for the old one (its text) go with it."""
    m = re.fullmatch(r"for\s+(?:the\s+)?([\w'-]+(?:\s+[\w'-]+){0,2})", rest, re.I)
    old = re.search(r"\bfor\s+(?:the\s+)?([\w'-]+(?:\s+[\w'-]+){0,2}?)(?=\s*(?:[,.;]|$|\s+(?:with|in|on|at|and)\b))",
                    ctx.scene.subject, re.I) if m and ctx.scene is not None else None
    if m is None or old is None or old.group(1).lower() == m.group(1).lower():
        return None
    quoted = [d for d in ctx.scene.details if re.fullmatch(r"\s*(['\"“‘]).+\1?\s*|\s*[\"“‘'].+[\"”’']\s*", d)]
    return [Replace(old=old.group(1), new=m.group(1)), *(Remove(thing=q) for q in quoted)]



# "can you do the same in anime style?", "now the same room at night with the lamp on": this picture, changed.
_SAME_BUT = re.compile(r"^\W*(?:(?:nice|ok(?:ay)?|cool|great|now|and|then)[\s,.!]+)*(?:(?:can|could|would)\s+(?:you|u)\s+)?(?:please\s+)?"
                       r"(?:(?:do|make|draw|render|show me|give me)\s+)?(?:now\s+)?(?:the\s+)?same(?:\s+(?:thing|picture|image|pic|one|scene|shot|"
                       r"view|(?P<noun>[\w-]+)))?,?\s+(?:but\s+)?(?P<rest>(?:in|as|at|with|without|during|under|from|on)\b.+)$", re.I)
_ANY_PLACE = frozenset("room place scene landscape street view setup shot angle character guy girl boy woman man dog cat".split())


def same_but(body: str, ctx: Context) -> list[Op] | None:
    """The change of "the same …, but …" said of the picture on screen, or None."""
    m = _SAME_BUT.match(body.strip(" ?.!"))
    if m is None or ctx.scene is None:
        return None
    noun = (m.group("noun") or "").lower()
    if noun and noun not in _ANY_PLACE and not ctx.scene.mentions(noun):
        return None
    rest = m.group("rest").strip(" ,.!?")
    return parse_edit(rest, ctx) or parse_edit(f"make it {rest}", ctx)
