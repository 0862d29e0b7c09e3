""""One" and "version" for the picture on screen: "now one at night", "a version for a poster, tall",
"dark mode version", "can you make one where he's on a skateboard". The person asks for the same
picture with a change, so it is an edit of it, never a new picture of the words "one at night"."""

from __future__ import annotations

import re

from conversation.actions import Add, Op, SetSlot, SetStyle
from conversation.cues import strip_lead
from conversation.edit_parse import parse_edit
from conversation.flags import extract_settings
from conversation.interpreter import Context

_ONE = re.compile(
    r"^(?:(?:now|and|then|ok(?:ay)?|so|also|next)[\s,]+)*(?:(?:do|make|draw|give me|try|show me|render|i want|i'?d like)\s+)?"
    r"(?:(?:a|an)\s+)?(?:(?P<kind>(?!another\b|more\b|same\b|new\b|different\b|first\b|second\b|third\b|last\b|original\b|"
    r"previous\b|other\b|next\b|the\b|this\b|that\b)[\w-]+(?:\s+[\w-]+)?)\s+)?(?P<head>one|version)\b(?P<rest>.*)$", re.I)

# What a version is for, not what is in it: the shape is read from the size words, if any.
PURPOSE = re.compile(r"^\W*(?:(?:so\s+)?(?:(?:that\s+)?it|i can use it)\s+(?:works|fits|looks good)\s+)?(?:for|as)\s+(?:an?\s+|my\s+|the\s+|our\s+)?(?:phone\s+|desktop\s+|mobile\s+|instagram\s+|insta\s+)?"
                      r"(?:poster|wallpaper|background|story|stories|reel|banner|header|cover|print|flyer|card|thumbnail|"
                      r"profile pic(?:ture)?|avatar|sticker|t-?shirt|mug|phone|desktop|instagram|insta|tiktok|website|blog)s?\b", re.I)
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
    if rest:
        said = re.sub(r"^(?:he|she|it|they)(?:'s|'re|\s+is|\s+are)\s+", "", _RELATIVE.sub("", rest), flags=re.I)
        parsed = parse_edit(said, ctx)
        ops.extend(parsed if parsed else [Add(thing=said)])
    if not ops and not has_settings and not (kind and _SHAPE_ONLY.match(kind)):
        return None
    return ops
