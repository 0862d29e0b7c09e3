"""Whether a follow-up names a picture of its own rather than a change to the one on screen: "portrait of an old
fisherman, oil painting", "dnd character: half-orc paladin, …", "a huge red fox sleeping in the snow", "cyberpunk
samurai" after a bowl of ramen; and not "a seagull stealing his carrot nose", which points back at the picture.
Pure functions."""

from __future__ import annotations

import re

from conversation.actions import Add, Op, SetStyle
from conversation.edit_refs import BY_IT_ANYWHERE
from conversation.new_picture import split_style
from conversation.phrases import phrase_head

_PERSON = re.compile(r"\b(?:man|men|woman|women|boy|girl|kid|child|children|person|people|guy|lady|king|queen|prince|"
                     r"princess|knight|wizard|witch|mother|father|mom|mum|dad|grandma|grandpa|grandmother|grandfather|"
                     r"farmer|soldier|sailor|pirate|chef|doctor|teacher|student|warrior|monk|nun|priest|dancer|"
                     r"musician|artist|painter|fisherman|hunter|student|couple|family|friends|baby|toddler|teenager)s?\b",
                     re.I)


def possessive_back(body: str, scene) -> bool:
    """ "his carrot nose" after a snowman points back at the picture; "a dog chasing its tail" or "a man
    walking his dog" has its owner inside the phrase itself."""
    for m in re.finditer(r"\b(his|her|its|their)\s+([\w-]+)(?:\s+([\w-]+))?", body, re.I):
        if any(word and len(word) > 2 and scene.mentions(word) for word in (m.group(2), m.group(3))):
            return True
        before = body[:m.start()]
        owner_inside = bool(re.search(r"[^\W\d_]{3,}", before)) if m.group(1).lower() == "its" else \
            bool(_PERSON.search(before))
        if not owner_inside:
            return True  # "a seagull stealing his hat": a seagull would have "its"; "his" is the picture's
    return False


# A new picture named by its kind first: "portrait of an old fisherman", "a photo of a red barn".
_PICTURE_OF = re.compile(r"^(?:an?\s+|the\s+)?(?:[\w-]+\s+)?(?:portrait|photo|photograph|picture|image|painting|drawing|"
                         r"illustration|sketch|render|close-?up|shot|poster|logo|icon|sticker|still life)\s+of\s+\w", re.I)


_STYLE_FILLER = re.compile(r"(?:please|pls|plz|now|instead|style|styled|version|vibes?|look|one|too|again|also|then|just|only|"
                           r"redo|re-?do|render|rendered|draw|drawn|paint|painted|show|turn|convert|change|switch|retry|"
                           r"bit|bits|\d+-?bit|retro|vintage|classic|old-?school|"
                           r"restyle|reimagine|recreate|remake|done|wide|widescreen|tall|square|portrait|landscape|format|"
                           r"vertical|horizontal|wallpaper|banner|ratio|aspect|cinematic|shot|frame|mode|filter|effect|"
                           # "make it" in the languages the rules read: "fallo in stile anime", "hazlo estilo anime"
                           r"fallo|falla|rendilo|rendila|hazlo|hazla|ponlo|fais-le|fais-la|fais|mach|mache|machs|"
                           r"faz|faça|maak|stile|estilo|stijl|stil|"
                           r"maybe|more|like|this|that|it|them|him|her|the|a|an|of|for|to|but|and|do|make|go|try|in|as|"
                           r"with|same|picture|image|pic|art|artwork|aesthetic|edition|ok|okay|yes|yeah|thanks|thx|\W)+", re.I)


def styled_subject(body: str, ops: list[Op], scene) -> bool:
    """ "cyberpunk samurai" after a bowl of ramen: a new subject in a style, not only a style for the bowl."""
    if not ops or not all(isinstance(op, SetStyle) for op in ops):
        return False
    rest, style, _ = split_style(body.strip(" .!?"))
    if not style or _STYLE_FILLER.fullmatch(rest) or re.search(r"\b(?:it|this|that|him|her|them|these|those)\b", rest, re.I):
        return False
    words = [x for x in re.findall(r"[^\W\d_]{3,}", rest) if not _STYLE_FILLER.fullmatch(x)]
    return bool(words) and not any(scene.mentions(x) for x in words)


def looks_new(body: str, ops: list[Op], scene) -> bool:
    """A message that starts with "a/an" + a subject of its own is a new picture, not an addition."""
    of = re.search(r"\bof\s+(?:(his|her|its|their)|the\s+([\w-]+))", body, re.I)
    if _PICTURE_OF.match(body) and not re.search(r"\b(?:it|him|her|them|this|that)\b", body, re.I) and \
            not (of and (of.group(1) or scene.mentions(of.group(2)))) and \
            not any(isinstance(op, Add) and scene.mentions(op.thing) for op in ops):
        return True  # "portrait of an old fisherman, oil painting": a picture of its own, in a style
    labelled = re.match(r"^([\w&' -]{2,30}):\s+\S", body)
    if labelled and len(body.split()) >= 6 and not re.search(
            r"\b(?:style|look|mood|lighting|colou?rs?|palette|background|setting|camera|lens|text|caption|title|negative|note|"
            r"edit|change|update|fix|add|remove|also|now|then|ps|p\.s)$", labelled.group(1), re.I):
        return True  # "dnd character: half-orc paladin, female, plate armor": a new picture, labelled as such
    if not re.match(r"^(?:an?|one|two|three|some)\s+", body, re.I) or \
            re.match(r"^a\s+(?:bit|little|lot|touch|tad|little bit)\b", body, re.I):
        return False
    if any(not isinstance(op, Add) for op in ops) or BY_IT_ANYWHERE.search(body) or possessive_back(body, scene):
        return False  # "a baby penguin next to it", "a seagull stealing his carrot nose": about what is drawn
    if len(body.split()) <= 4 and scene.subject and phrase_head(body) == phrase_head(scene.subject):
        return False  # "a bigger dog" after a dog: the same subject, changed
    return len(body.split()) >= 3
