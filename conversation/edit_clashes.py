"""What a change makes wrong in the rest of the scene, taken out with it: the old ground under a new one
("desert road" on "parked on a wet city street"), an opposite quality ("calm" on "a stormy sea", "fluffy" on
"a sleek cat"), the other sex's words ("make her male" on "…, female"), the time of day said inside a phrase,
and the words that say a picture is drawn when it becomes a photograph. Pure functions."""

from __future__ import annotations

import re

from conversation.phrases import ARTICLE, COLOUR_PHRASE, COLOUR_WORDS, a_an, bare
from conversation.scene import Scene


# Styles that are photographs, and the words that say a picture is drawn: one gives way to the other.
PHOTO_LOOKS = frozenset({"photorealistic", "cinematic", "studio-portrait", "product-shot", "vintage-photo"})
DRAWN_NOUN = re.compile(r"\b(?:illustration|drawing|painting|cartoon|sketch|watercolou?r|doodle|artwork)(?:\s+of)?\b", re.I)


# What a thing stands on or moves along: a new one said alone takes the old one's place.
_GROUND = r"(?:street|road|highway|alley|path|trail|track|bridge|pier|dock|beach|shore|field|meadow|rooftop|runway|sidewalk|boardwalk)"


def new_ground(s: Scene, thing: str) -> Scene | None:
    """ "desert road" on "a car parked on a wet city street": the new ground said in the old one's place."""
    said = bare(thing)
    if not re.fullmatch(rf"(?:[\w-]+\s+){{0,2}}{_GROUND}s?", said, re.I):
        return None
    old = re.compile(rf"\b(on|along|down|across|by)\s+(?:an?|the)\s+(?:[\w-]+\s+){{0,3}}?{_GROUND}s?\b", re.I)
    for i, text in enumerate((s.subject, *s.details, s.setting or "")):
        m = old.search(text)
        if m:
            new = old.sub(lambda m: f"{m.group(1)} {a_an('a ' + said)}", text, count=1)
            if i == 0:
                return s.with_(subject=new)
            if i == len(s.details) + 1:
                return s.with_(setting=new)
            return s.with_(details=tuple(new if j == i - 1 else d for j, d in enumerate(s.details)))
    return None


# How full a place is, said of the whole scene: "empty streets" on "a busy crosswalk" takes out "busy".
_CROWD = (re.compile(r"\b(?:empty|deserted|quiet|abandoned|desolate|lonely|vacant)\b", re.I),
          re.compile(r"\b(?:busy|crowded|bustling|packed|lively|thronged|full of people|crowds?)\b", re.I))


# How rough the water or weather is: "calm sea" on "a stormy sea" takes out "stormy".
_ROUGH = (re.compile(r"\b(?:calm|still|tranquil|peaceful|serene|placid|glassy|gentle)\b", re.I),
          re.compile(r"\b(?:stormy|rough|raging|choppy|turbulent|tempestuous|wild)\b", re.I))


# Qualities of which a thing has one, said alone ("more fluffy" on "a sleek black cat"): the other goes.
_ONE_OF = [frozenset(g.split()) for g in ("fluffy sleek", "curly straight", "happy sad grumpy", "fat thin skinny", "wet dry",
                                           "clean dirty", "shiny matte", "smiling frowning")]


_NO_COLOUR = re.compile(r"\b(?:black and (?:grey|gray|white)|monochrome|gr[ae]yscale|b&w|no colou?rs?)\b", re.I)
# A part of the scene that is only colours ("red and green", "vibrant colors"): gone when the picture turns grey.
_COLOURS_ONLY = re.compile(rf"(?:^|(?<=,))\s*(?:(?:vibrant|bright|bold|rich|pastel|muted)\s+colou?rs?|(?!(?:black|white|grey|gray)\b)"
                           rf"(?:{COLOUR_WORDS})(?:\s*(?:,|and|&)\s*(?!(?:black|white|grey|gray)\b)(?:{COLOUR_WORDS}))*)\s*(?=,|$)", re.I)


def without_opposites(text: str, thing: str) -> str:
    for said, other in (_CROWD, _CROWD[::-1], _ROUGH, _ROUGH[::-1]):
        if said.search(thing) and other.search(text):
            text = re.sub(r"\s{2,}", " ", other.sub("", text)).strip()
    if _NO_COLOUR.search(thing):  # "black and grey only" on "…, red and green"
        text = re.sub(r"^\s*,|,\s*(?=,)", "", _COLOURS_ONLY.sub("", text)).strip(" ,")
    quality = re.fullmatch(r"(?:(?:more|very|much more|extra|a bit more)\s+)?([a-z]+)", thing.strip(" .!").lower())
    group = next((g for g in _ONE_OF if quality and quality.group(1) in g), None)
    if group and quality:
        text = re.sub(rf"\b(?:{'|'.join(sorted(group - {quality.group(1)}))})\s+(?=[\w-])", "", text, flags=re.I)
    return text


_SEXES = (("male", "female"), ("man", "woman"), ("men", "women"), ("boy", "girl"), ("masculine", "feminine"))


def other_sex(new: str) -> re.Pattern[str] | None:
    """The words of the other sex than the one a change names ("male paladin" → "female"), or None."""
    said = {x.lower() for x in re.findall(r"[\w-]+", new)}
    other = [b if a in said else a for a, b in _SEXES if (a in said) != (b in said) and (a in said or b in said)]
    return re.compile(rf"(?:(?<=,)|^)\s*(?:{'|'.join(other)})\s*(?=,|$)|\b(?:{'|'.join(other)})\s+(?=[\w-])", re.I) if other else None


_TIME_WORDS = (r"(?:night(?:time)?|midnight|sunset|sunrise|dawn|dusk|twilight|noon|midday|daytime|day|golden hour|blue hour|"
               r"morning|afternoon|evening)")


def without_time(text: str) -> str:
    text = re.sub(rf",?\s+(?:at|during|in|by)\s+(?:the\s+)?{_TIME_WORDS}\b", "", text, flags=re.I)
    # ... and a time written as a tag of its own ("1girl, snow, night, lantern light")
    return re.sub(rf"(?:^|,)\s*(?:(?:at|during|in|by)\s+(?:the\s+)?)?{_TIME_WORDS}\s*(?=,|$)", "", text, flags=re.I).strip(" ,")


# Adjectives said before what a thing is: a kind named for it goes after them ("a cute matcha boba tea").
_PLAIN_ADJECTIVES = frozenset("cute little small big tiny huge giant old young happy sad fluffy shiny simple tall short round "
                              "beautiful pretty lovely cozy cosy adorable kawaii chubby".split())


def one_of_kind(subject: str) -> str | None:
    """ "a matcha one" → "matcha": the kind a "… one" names; None for any other subject."""
    m = re.fullmatch(r"(?:an?\s+)?((?!other\b|new\b|different\b|same\b)[\w-]+(?:\s+[\w-]+)?)\s+one", subject.strip(), re.I)
    return m.group(1) if m else None


def of_kind(subject: str, kind: str) -> str:
    """ "a cute boba tea sticker" of kind "matcha" → "a cute matcha boba tea sticker"; a colour takes the old one's place."""
    old_colour = re.search(rf"\b(?:{COLOUR_PHRASE})\b", subject, re.I)
    if old_colour and re.fullmatch(COLOUR_PHRASE, kind, re.I):  # "make it a blue one" on "a red car"
        return subject[:old_colour.start()] + kind + subject[old_colour.end():]
    words = subject.split()
    at = 1 if words and re.fullmatch(ARTICLE, words[0], re.I) else 0
    while at < len(words) - 1 and words[at].lower() in _PLAIN_ADJECTIVES:
        at += 1
    return a_an(" ".join([*words[:at], kind, *words[at:]]))
