"""Taking a thing out of a phrase of the scene when it is said in a run of bare words ("sunset beach palm
trees"): the thing goes with the words that describe it, while a place or a time said before it stays, for it
is the scene's and not the thing's. Pure functions."""

from __future__ import annotations

import re

from conversation.describe import PLACE_NOUNS
from conversation.phrases import bare, cut_thing, noun_forms, thing_re

_TIMES = (r"sunset|sunrise|dawn|dusk|twilight|midnight|night(?:time)?|morning|afternoon|evening|noon|midday|daytime|"
          r"winter|summer|autumn")
_SCENE_WORD = re.compile(rf"(?:{PLACE_NOUNS}|{_TIMES})s?", re.I)
# Words that end a run of bare words: what is before them belongs to another part of the phrase.
_LINK = re.compile(r"(?:with|and|or|in|on|at|of|by|near|under|over|plus|wearing|holding|carrying|a|an|the)", re.I)
# Plants are named by their kind alone: "no palms" means the palm trees drawn, "no roses" the rose bushes.
_PLANT_HEADS = r"trees|tree|bushes|bush|shrubs|plants|vines|fronds|hedges"
# No word can run across it: set after the words that stay, so the cut cannot take them.
_STOP = "\u2063"


# The people a picture may have, by what they do: "no people" takes them out.
_PEOPLE = (r"climbers?|hikers?|tourists?|walkers?|skiers?|surfers?|swimmers?|visitors?|pedestrians?|cyclists?|runners?|"
           r"fishermen|fisherman|shoppers?|commuters?|passers-?by|crowds?|spectators?|workers?|people|persons?|"
           r"(?:old\s+)?(?:men|women|man|woman)|kids|children|boys?|girls?|couples?|families|family|figures?")


def people_drawn(what: str, details: tuple[str, ...]) -> str | None:
    """The people a detail draws by what they do, when "people" is what is taken out and no detail says "people":
    "no people" where "climbers clipped to the cable" are drawn is the climbers. The subject is never one of them."""
    if not re.fullmatch(r"(?:the\s+)?(?:people|persons?|humans?|figures|anyone|anybody|folks)", what.strip(), re.I) or \
            any(re.search(r"\bpeople\b", d, re.I) for d in details):
        return None
    return next((m.group(0) for d in details if (m := re.search(rf"\b(?:{_PEOPLE})\b", d, re.I))), None)


def thing_in(scene_text: str, what: str) -> str:
    """What ``what`` names in the scene: "palms" said of "palm trees" is the palm trees."""
    if len(what.split()) != 1:
        return what
    m = re.search(rf"\b({noun_forms(what)})\s+({_PLANT_HEADS})\b", scene_text, re.I)
    return f"{m.group(1)} {m.group(2)}" if m else what


def cut_keeping_scene(text: str, what: str) -> tuple[str, bool]:
    """``cut_thing``, except that a place or time said in the bare words before the thing stays:
    "palm trees" out of "sunset beach palm trees" leaves "sunset beach", not nothing."""
    end = _kept_end(text, what)
    if end is None:
        return cut_thing(text, what)
    cut, hit = cut_thing(f"{text[:end]}{_STOP}{text[end:]}", what)
    return (re.sub(r"\s{2,}", " ", cut.replace(_STOP, "")).strip(" ,"), True) if hit else (text, False)


def _kept_end(text: str, what: str) -> int | None:
    """Where the words to keep end: after the last place or time word among the bare words just before
    the thing, or None. One word before a one-word thing is its own ("snow leopard", "house cat")."""
    m = thing_re(what).search(text)
    if m is None:
        return None
    before = re.search(r"(?<![\w'-])(?:[\w'-]+\s+){1,3}$", text[:m.start()])  # the bare words just before it, no comma between
    run = list(re.finditer(r"[\w'-]+", before.group(0))) if before else []
    links = [i for i, w in enumerate(run) if _LINK.fullmatch(w.group(0))]
    run = run[links[-1] + 1:] if links else run
    scene_words = [w for w in run if _SCENE_WORD.fullmatch(w.group(0))]
    if not scene_words or (len(run) < 2 and len(bare(what).split()) < 2):
        return None
    return before.start() + scene_words[-1].end()
