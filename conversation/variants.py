"""Several different pictures asked for in one message, each drawn from its own prompt: "show me it in all four
seasons", "try it in red, blue and green", "do 3 colorways", "two pics: a sunflower field and a lavender field",
"draw a cat and, separately, a dog", "one at dawn and one at dusk", "a day version and a night version".

Read conservatively, since most lists are one picture: "a cat and a dog" is one picture with both, "make it red,
blue and green" one picture in three colours, "two birds, one in flight and one perched" one picture of two birds.
Several pictures are asked only by a count of pictures with a list after it, "separately", "one … and one …",
"in all four seasons", "N colorways", or a list of looks that cannot share a picture (colours, seasons, times,
styles) after "try it in" or said as versions. Pure functions; no I/O.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from prompts.text import clean

from conversation.actions import Action, Edit, New, Op, Replace, SetSlot, SetStyle, Variant
from conversation.describe import scene_from_description, strip_request
from conversation.edit_parse import parse_edit
from conversation.flags import extract_settings
from conversation.interpreter import Context
from conversation.phrases import COLOUR_PHRASE, bare, main_noun, phrase_head
from conversation.scene import Scene

MOST = 4  # pictures one message may draw
_NUMBERS = {"two": 2, "three": 3, "four": 4, "2": 2, "3": 3, "4": 4, "a couple of": 2, "a few": 3, "some": 3}
_SEASONS = (("spring", "in spring"), ("summer", "in summer"), ("autumn", "in autumn"), ("winter", "in winter"))
_SEASON_OF = {"spring": "spring", "summer": "summer", "autumn": "autumn", "fall": "autumn", "winter": "winter"}
_PALETTE = ("red", "blue", "green", "yellow", "purple")  # "3 colorways" with none named: clearly different hues

_LEAD = re.compile(r"^(?:(?:hey|hi|ok(?:ay)?|so|and|now|then|also|pls|please|cool|nice|great|love it|thanks)[\s,!.]+)*"
                   r"(?:(?:can|could|would|will) (?:you|u)(?: please| maybe| also| just)*\s+|please\s+|pls\s+|"
                   r"i(?:'d| would) (?:like|love)(?: to see| you to)?\s+|i want(?: to see)?\s+|let'?s (?:see\s+)?|"
                   r"(?:let me|lemme) see\s+)?", re.I)
_TAIL = re.compile(r"(?:[\s,]+(?:please|pls|plz|thanks|thx|thank you|too))+[\s.!?]*$|[\s.!?]+$", re.I)
_ASK = r"(?:(?:show|give|make|draw|do|render|paint|try|see|redo|create|generate|put)\b(?:\s+(?:me|us)\b)?\s*)"
# What the pictures are of when it is the picture on screen: "show me it", "do this", "" …
_IT = re.compile(rf"^{_ASK}*(?:it|this|that|this one|that one|them|the same|same|the (?:same\s+)?(?:picture|image|pic|scene|"
                 rf"photo|one|drawing))?(?:\s+(?:again|too|as well))?$", re.I)
_PREP = r"(?:at|in|with|without|as|during|under|on|from|for|by|into)"
_PICTURES = r"(?:pics?|pictures?|images?|photos?|drawings?|paintings?|illustrations?|renders?)"
_VERSIONS = r"(?:versions?|variants?|variations?|options?|takes?|colou?rways)"
# Things made several at a time, each its own picture: "item icons …: a health potion, a mana potion and a golden key".
_MADE = r"(?:icons?|stickers?|postcards?|logos?|emotes?|emojis?|sprites?|badges?|posters?|avatars?|tokens?|wallpapers?|thumbnails?)"
_N = r"(?:two|three|four|[234])"
# "two birds, one in flight": a description of several things, whose "one … and one …" is inside one picture.
_SEVERAL = re.compile(r"\b(?:two|three|four|five|six|\d+|pair|couple|both|several|many|twins|group|crowd|family)\b", re.I)


@dataclass(frozen=True)
class _Of:
    """What the pictures are of: the picture on screen (no description) or a new one, and a thing named in it."""

    description: str | None
    scene: Scene
    thing: str | None = None


def variants_asked(text: str, ctx: Context) -> Action | None:
    """The pictures a message asks for when it asks for several different ones, each its own prompt: an edit of the
    picture on screen with one variant per picture, or a new picture with one description (or change) per picture;
    None when the message asks no such thing."""
    scene = ctx.scene
    settings, said = extract_settings(_plain(text), previous_steps=scene.steps if scene else None,
                                      previous_guidance=scene.guidance if scene else None)
    said = _plain(said)  # "--ar 16:9", "use seed 7": said of every picture, so kept as the shared ops
    if not said or len(said) > 400:
        return None
    for reading in (_seasons, _colourways, _counted, _colon_list, _separately, _one_and_one, _each_version, _words_versions,
                    _versions_in, _tried_in, _looks_listed):
        action = reading(said, ctx)
        if action is not None:
            return action.model_copy(update={"ops": (*settings, *action.ops)}) if settings else action
    return None


def _plain(text: str) -> str:
    """The message without the asking around it: "can you …", "please", the end's punctuation."""
    said = _TAIL.sub("", clean(text))
    return _LEAD.sub("", said, count=1).strip()


# ---- what the pictures are of ------------------------------------------------------------------------


def _of(words: str, ctx: Context) -> _Of | None:
    """The picture on screen ("show me it", "the cabin" when a cabin is drawn) or a new description ("a maple tree");
    None when it is the picture on screen and there is none yet."""
    words = words.strip(" ,.:;-–—")
    if _IT.match(words):
        return _Of(None, ctx.scene) if ctx.scene is not None else None
    described = strip_request(words).strip(" ,.:;-–—")
    if not re.search(r"[^\W\d_]{2,}", described):
        return None
    named = re.match(r"^(?:the|this|that|my|its|his|her)\s+(.+)$", described, re.I)
    if ctx.scene is not None and named and ctx.scene.mentions(phrase_head(described) or named.group(1)):
        return _Of(None, ctx.scene, bare(described))  # "the car in red, blue and green": that car, in the picture on screen
    if named:
        return None  # "the car" with no car drawn: not a new picture's description
    return _Of(described, scene_from_description(described))


def _parsed(phrase: str, of: _Of, ctx: Context) -> list[Op] | None:
    """The ops a phrase makes of the scene the pictures are of (the picture on screen, or the new one)."""
    return parse_edit(phrase, ctx if of.description is None else ctx.model_copy(update={"scene": of.scene}))


def _action(of: _Of, variants: list[Variant], n: int | None = None) -> Action | None:
    """An edit (the picture on screen) or a new picture with the variants; None unless there are 2-4 different ones,
    as many as were counted."""
    if len(variants) < 2 or n is not None and n != len(variants) or len({v.label.lower() for v in variants}) < len(variants):
        return None
    variants = variants[:MOST]
    if of.description is None:
        return Edit(variants=tuple(variants))
    return New(description=of.description, variants=tuple(variants))


def _new_pictures(items: list[str], n: int | None = None, shared: str = "") -> Action | None:
    """New pictures, one per description ("one of a castle" is "a castle"); ``shared``: words said of them all."""
    described = [re.sub(r"^(?:one|another|the other|a second|the second)\s+(?:(?:of|showing|with)\s+)?", "", strip_request(item),
                        flags=re.I).strip(" ,.:;") for item in items]
    if len(described) < 2 or len(described) > MOST or n is not None and n != len(described) or \
            not all(re.search(r"[^\W\d_]{2,}", d) for d in described):
        return None
    labels = [bare(d)[:80] or d[:80] for d in described]  # "two pics in watercolor: a fox, an owl": fox, owl
    described = [f"{d} {shared}".strip() for d in described]
    if len({label.lower() for label in labels}) < len(labels):
        return None
    return New(description=" and ".join(described), variants=tuple(Variant(label=label, description=d)
                                                                     for label, d in zip(labels, described)))


def _split(items: str) -> list[str]:
    """ "red, blue and green" → ["red", "blue", "green"]."""
    return [item for item in (p.strip(" ,.;:") for p in re.split(r"\s*(?:;|,\s*(?:and|or|&)?\s*|\s+(?:and|or|&|plus)\s+)\s*",
                                                                  items, flags=re.I)) if item]


# ---- one variant of the picture ------------------------------------------------------------------------


def _variant(item: str, of: _Of, ctx: Context, *, prep: str = "", exclusive: bool = False) -> Variant | None:
    """One picture's own change, from a phrase of a list ("at dawn", "a night version", "red", "winter").
    ``exclusive``: only a look no picture can have twice (a colour, season, time, weather, style), since a list of
    those cannot be one picture while "with a hat and a scarf" is."""
    words = re.sub(r"^(?:one|another|the other|the first|the second|a second|a picture|a pic|an image|a version)\s+", "",
                   item.strip(" ,.;:"), flags=re.I)
    words = re.sub(r"\s+(?:version|one|take|variant)$", "", words, flags=re.I)
    words = re.sub(r"^(?:an?|the)\s+(?=[\w-]+$)", "", words, flags=re.I)  # "a day version": day
    if prep and not re.match(rf"^{_PREP}\s", words, re.I):
        words = f"{prep} {words}"
    label = re.sub(rf"^{_PREP}\s+(?:the\s+|an?\s+)?", "", words, flags=re.I).strip()
    if not label or len(label) > 80:
        return None
    if re.fullmatch(COLOUR_PHRASE, label, re.I):
        return Variant(label=label, ops=(_recoloured(label, of),))
    season = _SEASON_OF.get(label.lower())
    if season:
        return Variant(label=season, ops=(SetSlot(slot="season", value=f"in {season}"),))
    ops = _parsed(words if re.match(rf"^{_PREP}\s", words, re.I) else f"make it {words}", of, ctx)
    if not ops or any(re.search(r"\b(?:one|version|versions)\b", getattr(op, "thing", "") or "", re.I) for op in ops):
        return None  # read as something to add with the list's own words in it: not a change
    if exclusive and not all(isinstance(op, (SetSlot, SetStyle)) for op in ops):
        return None
    return Variant(label=label, ops=tuple(ops))


def _recoloured(colour: str, of: _Of) -> Op:
    """The thing named, or the thing last coloured, or the subject, in that colour."""
    scene = of.scene
    if of.thing and scene.mentions(of.thing):
        return Replace(old=of.thing, new=f"{colour} {of.thing}")
    for part in (*reversed(scene.details), scene.subject):  # the latest thing said with a colour: "dark green walls"
        old = re.search(rf"\b(?:{COLOUR_PHRASE})(?=\s+(?!(?:and|or)\b)[\w-]+)", part or "", re.I)
        if old:
            return Replace(old=old.group(0), new=colour)
    noun = _noun(scene)
    if noun:
        return Replace(old=noun, new=f"{colour} {noun}")
    return SetSlot(slot="palette", value=f"{colour} color scheme")


def _noun(scene: Scene) -> str:
    """The noun of what the picture shows, a word that only says how it is placed dropped ("a car parked")."""
    subject = re.sub(r"(?:\s+(?!(?:red|bed|shed|sled|seed|weed|reed|steed|speed)\b)[a-z]{3,}ed)+$", "", scene.subject)
    return main_noun(scene.with_(subject=subject)) or (phrase_head(subject) if subject else "")


def _changes(items: list[str], of: _Of, ctx: Context, *, prep: str = "", exclusive: bool = False) -> list[Variant] | None:
    """One variant per phrase of the list, or None when any phrase is no change."""
    variants = [_variant(item, of, ctx, prep=prep, exclusive=exclusive) for item in items]
    return None if any(v is None for v in variants) else variants  # type: ignore[return-value]


# ---- the readings ------------------------------------------------------------------------------------


_ALL_SEASONS = re.compile(r"[\s,]*\b(?:(?:in|across|through(?:out)?|for|during|over)\s+)?(?:(?:all|each|every one)\s+(?:of\s+)?"
                          r"(?:the\s+)?(?:four\s+|4\s+)?seasons|(?:the\s+)?(?:four|4)\s+seasons|(?:each|every)\s+season)"
                          r"(?:\s+(?:versions?|pictures?|pics?|images?))?(?=\s*$|\s*[,;:])", re.I)


def _seasons(said: str, ctx: Context) -> Action | None:
    """ "show me it in all four seasons", "a maple tree in every season": one picture per season."""
    m = _ALL_SEASONS.search(said)
    of = _of(said[:m.start()] + said[m.end():], ctx) if m else None
    if of is None:
        return None
    return _action(of, [Variant(label=name, ops=(SetSlot(slot="season", value=value),)) for name, value in _SEASONS])


_COLOURWAYS = re.compile(rf"^(?P<what>.*?)\b(?P<n>{_N}|a few|some|a couple of)\s+(?:different\s+|more\s+|other\s+)?"
                         r"(?:colou?rways|colou?r\s+(?:ways|versions|variants|variations|options|schemes)|colou?red\s+versions)"
                         r"(?:\s+(?:of|for)\s+(?P<of>.+))?$", re.I)


def _said_of(rx: re.Pattern[str], said: str, ctx: Context):
    """The match of ``rx`` and the scene it is said of ("… of the logo", or the picture on screen); (None, None) when
    it does not match, or names something other than the picture on screen."""
    m = rx.match(said)
    if m is None or m.group("of") and not _IT.match(m.group("what").strip()):
        return None, None
    return m, _of(m.group("of") or m.group("what"), ctx)


def _colourways(said: str, ctx: Context) -> Action | None:
    """ "do 3 colorways", "two color options for the logo": that many colours, none named, of the thing."""
    m, of = _said_of(_COLOURWAYS, said, ctx)
    if of is None:
        return None
    n = _NUMBERS[m.group("n").lower()]
    has = f"{of.thing or ''} {' '.join(of.scene.phrases())}".lower()
    colours = [c for c in _PALETTE if not re.search(rf"\b{c}\b", has)][:n]  # the colour it has now is no new way
    return _action(of, [Variant(label=c, ops=(_recoloured(c, of),)) for c in colours])


_COUNTED = re.compile(rf"^(?P<what>.*?)(?:\b(?:in|as|into)\s+)?\b(?P<n>{_N})\s+(?:different\s+|separate\s+|distinct\s+)?"
                      rf"(?P<noun>{_PICTURES}|{_VERSIONS})(?P<shared>\s+(?:in|as)\s+[^:;,]{{1,60}}?)?\s*(?::|–|—|-|,|;)\s*(?P<items>.+)$",
                      re.I)


def _counted(said: str, ctx: Context) -> Action | None:
    """ "two pics: a sunflower field and a lavender field", "two pictures, one of X and one of Y", "3 versions:
    spring, summer and winter": a count of pictures, then what each is."""
    m = _COUNTED.match(said)
    if m is None:
        return None
    n = _NUMBERS[m.group("n").lower()]
    items = _split(m.group("items"))
    if len(items) != n:  # "a cat and a dog playing, a horse": the commas alone part them
        items = [i.strip() for i in re.split(r"\s*[;,]\s*(?:and\s+)?", m.group("items")) if i.strip()]
    changes = [re.match(rf"^(?:(?:one|another|the other)\s+)?{_PREP}\s|^(?:an?\s+)?[\w-]+\s+(?:version|one)$", i, re.I) for i in items]
    if re.fullmatch(_PICTURES, m.group("noun"), re.I) and not any(changes) or any(re.match(r"^one\s+of\s", i, re.I) for i in items):
        return _new_pictures(items, n, (m.group("shared") or "").strip())
    of = _of(m.group("what"), ctx)
    variants = _changes(items, of, ctx) if of is not None else None
    return _action(of, variants, n) if of is not None and variants else None


_SEPARATELY = (re.compile(r"^(?P<a>.+?),?\s+and,?\s+(?:then\s+|also\s+)?separately,?\s+(?P<b>.+)$", re.I),
               re.compile(r"^(?P<items>.+?),?\s+(?:separately|each (?:in|on|as) its own (?:picture|image|pic)|(?:as|in) separate "
                          rf"{_PICTURES})$", re.I),
               re.compile(rf"^(?P<lead>.*?)\bseparate\s+(?P<noun>{_PICTURES}|{_MADE})\s+(?P<prep>of|for|showing)\s+(?P<items>.+)$", re.I))


def _separately(said: str, ctx: Context) -> Action | None:
    """ "draw a cat and, separately, a dog", "a cat and a dog as separate pictures", "separate icons for home, search and
    profile, thin line style": new pictures, one per thing."""
    for rx in _SEPARATELY:
        m = rx.match(said)
        if m and "noun" in rx.groupindex:  # "separate icons for A, B and C, <said of them all>"
            listed = re.match(r"^(?P<list>.+?\s(?:and|&)\s+[^,]+)(?:,\s*(?P<shared>.+))?$", m.group("items"))
            items = _split(listed.group("list")) if listed else _split(m.group("items"))
            shared = f", {listed.group('shared')}" if listed and listed.group("shared") else ""
            noun = _singular(m.group("noun")) if re.fullmatch(_MADE, m.group("noun"), re.I) else ""
            return _new_pictures([f"{noun} {m.group('prep')} {item}{shared}".strip() if noun else f"{item}{shared}" for item in items])
        if m:
            items = [m.group("a"), m.group("b")] if "a" in rx.groupindex else _split(m.group("items"))
            return _new_pictures(items)
    return None


_ONE_AND_ONE = re.compile(rf"^(?P<what>.*?)(?:^|[,:;–—-]\s*|\s+)(?P<items>one\s+(?:of|showing|{_PREP})\s.+?(?:,\s*(?:and\s+)?|;\s*|"
                          r"\s+and\s+(?:then\s+)?|\s+&\s+)(?:one|another|the other)\s+.+)$", re.I)


def _one_and_one(said: str, ctx: Context) -> Action | None:
    """ "one at dawn and one at dusk" (the picture on screen), "a castle, one at dawn and one at dusk",
    "one of a cat and one of a dog": one picture each."""
    m = _ONE_AND_ONE.match(said)
    if m is None:
        return None
    items = [i.strip(" ,;&") for i in re.split(r"(?:,\s*|;\s*|\s+)(?:and\s+(?:then\s+)?|&\s+)?(?=(?:one|another|the other)\s)",
                                                m.group("items"), flags=re.I) if i.strip(" ,;&")]
    if all(re.match(r"^(?:one|another|the other)\s+(?:of|showing)\s", i, re.I) for i in items) and not m.group("what").strip():
        return _new_pictures(items)
    of = _of(m.group("what"), ctx)
    if of is None or of.description is not None and _several(of.description):
        return None  # "two birds, one in flight and one perched": both birds in one picture
    several = of.description is None and _several(of.scene.subject)
    variants = _changes(items, of, ctx, exclusive=several)
    return _action(of, variants) if variants else None


def _several(description: str) -> bool:
    """Whether a description is of several things (a number, a group, a plural), each of which "one" could be."""
    head = phrase_head(description)
    return bool(_SEVERAL.search(description)) or len(head) > 3 and head.endswith("s") and not head.endswith(("ss", "us", "is"))


_EACH_VERSION = re.compile(r"^(?P<what>.*?)\b(?P<items>an?\s+[\w-]+(?:\s+[\w-]+)?\s+(?:version|one|take)(?:\s*,\s*an?\s+[\w-]+(?:\s+[\w-]+)?"
                           r"\s+(?:version|one|take))*,?\s+(?:and|&)\s+an?\s+[\w-]+(?:\s+[\w-]+)?\s+(?:version|one|take))"
                           r"(?:\s+of\s+(?P<of>.+))?$", re.I)


def _each_version(said: str, ctx: Context) -> Action | None:
    """ "a day version and a night version", "a red one and a blue one": one picture each, of the picture on screen."""
    m, of = _said_of(_EACH_VERSION, said, ctx)
    variants = _changes(_split(m.group("items")), of, ctx, exclusive=True) if of is not None else None
    return _action(of, variants) if of is not None and variants else None


_WORD = r"(?!(?:me|us|it|them|some|the|a|an|give|show|make|do|try|draw|and|or|in|of)\b)[\w-]+"
_WORDS_VERSIONS = re.compile(rf"^(?P<what>.*?)(?:\b(?:in|as)\s+)?\b(?P<items>{_WORD}(?:\s+{_WORD})?(?:,\s*{_WORD}(?:\s+{_WORD})?)*,?\s+"
                             rf"(?:and|or|&)\s+{_WORD}(?:\s+{_WORD})?)\s+{_VERSIONS}(?:\s+(?:of|for)\s+(?P<of>.+))?$", re.I)


def _words_versions(said: str, ctx: Context) -> Action | None:
    """ "day and night versions", "red, blue and green versions of the logo": one picture per look named."""
    m, of = _said_of(_WORDS_VERSIONS, said, ctx)
    variants = _changes(_split(m.group("items")), of, ctx, exclusive=True) if of is not None else None
    return _action(of, variants) if of is not None and variants else None


_VERSIONS_IN = re.compile(rf"^(?P<what>.*?)\b(?:(?P<n>{_N})\s+)?(?:different\s+)?(?:{_VERSIONS}|{_PICTURES}|ones)"
                          r"(?:\s+of\s+(?P<of>it|this|that|this one|that one|the\s+[\w-]+(?:\s+[\w-]+)?))?\s+(?P<prep>in|at|as|during)\s+"
                          r"(?P<items>.+)$", re.I)


def _versions_in(said: str, ctx: Context) -> Action | None:
    """ "give me versions in blue, green and gold", "4 versions at dawn, noon, dusk and night": one per look."""
    m, of = _said_of(_VERSIONS_IN, said, ctx)
    if of is None:
        return None
    variants = _changes(_split(m.group("items")), of, ctx, prep=m.group("prep"), exclusive=True)
    n = _NUMBERS[m.group("n").lower()] if m.group("n") else None
    return _action(of, variants, n) if variants else None


_TRIED_IN = re.compile(r"^(?:(?:let'?s|lets)\s+)?(?:try|show(?:\s+(?:me|us))?|see|render|draw|paint)\s+(?P<what>it|this|that|them|this one|that one|the\s+[\w-]+(?:\s+[\w-]+)?)?\s*"
                       r"(?P<prep>in|at|as|during)\s+(?P<items>.+)$", re.I)


def _tried_in(said: str, ctx: Context) -> Action | None:
    """ "try it in red, blue and green", "show the walls in sage and terracotta": one picture per look tried."""
    m = _TRIED_IN.match(said)
    if m is None:
        return None
    of = _of(m.group("what") or "it", ctx)
    items = _split(m.group("items"))
    if of is None or of.description is not None or len(items) < 2:
        return None
    variants = _changes(items, of, ctx, prep=m.group("prep"), exclusive=True)
    return _action(of, variants) if variants else None


_LIST_AFTER = re.compile(rf"\s(?P<prep>{_PREP})\s+(?=\S)", re.I)


def _looks_listed(said: str, ctx: Context) -> Action | None:
    """ "a japanese garden in spring, summer, autumn and winter", "the café in the morning, at noon, and at night", "my dog
    as a knight, as an astronaut, and as a chef": a list of looks no picture can have at once (or of roles, each said
    with its own "as"), after what is drawn; one picture each."""
    said = re.split(r"\s[-–—]\s", said, maxsplit=1)[0]  # "… and as a chef - he's a beagle": an aside after the list
    for m in _LIST_AFTER.finditer(said):
        base, prep, items = said[:m.start()], m.group("prep").lower(), _split(said[m.end():])
        if not 2 <= len(items) <= MOST or not re.search(r"[^\W\d_]{2,}", base):
            continue
        if prep == "as" and all(re.match(r"^as\s", i, re.I) for i in items[1:]):  # each said with its own "as": roles
            described = strip_request(base).strip(" ,")
            if re.search(r"[^\W\d_]{2,}", described) and not re.match(r"^(?:it|this|that|them|him|her)$", described, re.I):
                roles = [re.sub(r"^as\s+", "", i, flags=re.I) for i in items]
                return _new_pictures([f"{described} as {role}" for role in roles])
            continue
        of = _of(base, ctx)
        if of is None or len(items) < 3 and not any(re.match(rf"^{_PREP}\s", i, re.I) for i in items[1:]):
            continue  # "a cat in red and blue" may be one picture in two colours; three, or each with its own word, are not
        variants = _changes(items, of, ctx, prep=prep, exclusive=True)
        kinds = {getattr(op, "slot", op.op) for v in variants or () for op in v.ops}
        if variants and len(kinds) == 1:  # all times, all seasons, all styles: not "in a garden, at sunset"
            return _action(of, variants)
    return None


_COLON_LIST = re.compile(r"^(?P<lead>.+?)\s*:\s*(?P<items>[^:]+)$")
_COUNT_OF = re.compile(rf"\b(?:(?:in|as|into)\s+)?(?P<n>{_N})\s+(?:different\s+|separate\s+)?(?P<noun>(?:[\w-]+\s+)?{_MADE}|styles|looks|"
                       rf"{_PICTURES}|{_VERSIONS}|(?:[\w-]+\s+)?[\w-]+s)\b", re.I)


def _colon_list(said: str, ctx: Context) -> Action | None:
    """ "draw a fox in three styles: watercolor, pixel art, and oil painting", "three postcards of Venice: at sunrise, in
    the fog, and during carnival", "item icons for my RPG, pixel art: a health potion, a mana potion and a golden key":
    what is drawn, then a list after a colon, one picture each (as many as counted, when a count is said)."""
    m = _COLON_LIST.match(said)
    if m is None:
        return None
    lead, items = m.group("lead"), _split(m.group("items"))
    counted = _COUNT_OF.search(lead)
    made = re.search(rf"\b{_MADE}(?:\s+(?:ideas|designs|concepts|options))?\b", lead, re.I)  # "sticker ideas": stickers
    if not 2 <= len(items) <= MOST or counted is None and (made is None or not made.group(0).lower().endswith("s")):
        return None
    n = _NUMBERS[counted.group("n").lower()] if counted else None
    if n is not None and n != len(items):
        return None
    one = (lead[:counted.start()] + (f" a {_singular(counted.group('noun'))}" if counted.group("noun").lower().split()[-1] not in
                                     ("styles", "looks", "versions", "variations", "variants", "options", "takes") else "")
           + lead[counted.end():]) if counted else lead[:made.start()] + _singular(made.group(0).split()[0]) + lead[made.end():]
    of = _of(re.sub(r"\s{2,}", " ", one), ctx)
    if of is None:
        return None
    looks = _changes(items, of, ctx, exclusive=True)
    if looks is None and all(re.match(rf"^{_PREP}\s", i, re.I) for i in items):  # "at sunrise, in the fog, during carnival"
        looks = _changes(items, of, ctx)
    if looks:
        return _action(of, looks, n)
    if of.description is None:
        return None
    return _new_pictures([f"{item}, {of.description}" for item in items], n)


def _singular(noun: str) -> str:
    return re.sub(r"(?<=[^s])s$", "", noun.strip())
