"""Enhancement: fill in what a vague prompt leaves out, never what it already says.

Each slot (subject detail, setting, time/lighting, colour, mood, composition, medium, detail)
is filled only when the person's words and the chosen style leave it empty, and a candidate
is skipped when its words are already there. Choices come from a generator seeded with the
text and the seed, so the same input always gives the same prompt.
"""

from __future__ import annotations

import hashlib
import random

from . import lexicon as lx
from .text import content_words

_SUBJECT_DETAIL = {
    "person": ["expressive face, detailed eyes", "natural pose, detailed clothing", "candid expression"],
    "animal": ["detailed fur texture", "bright attentive eyes", "natural pose"],
    "scene": ["rich foreground detail", "sweeping vista", "layered depth"],
    "object": ["intricate details, fine textures", "crisp surface detail", "clear silhouette"],
}
_BIRD_OR_SCALY = ("bird", "owl", "eagle", "parrot", "penguin", "duck", "dragon", "fish", "frog", "turtle",
                  "snake", "whale", "dolphin", "butterfly")
_SETTING = {
    "person": {"out": ["on a quiet city street", "in a sunlit park", "in an open field"],
               "in": ["in a cozy room"]},
    "animal": {"out": ["in a sunlit meadow", "on a mossy forest floor", "in a wild grassy field"],
               "in": ["in a cozy living room"]},
}
_LIGHT_BY_TIME = {
    None: ["golden hour", "golden hour", "soft diffused light", "dramatic rim lighting"],
    "night": ["soft moonlight", "warm glow of street lamps", "cool ambient glow"],
    "day": ["crisp natural daylight", "bright midday sun", "soft natural light"],
    "dusk": ["warm low sunlight", "soft glowing light"],
    "dawn": ["soft pastel light", "gentle morning light"],
}
_LIGHT_INDOOR = ["soft window light", "warm ambient lighting", "soft diffused light"]
_LIGHT_WEATHER = ["soft diffused light", "moody overcast light"]
_COLOUR = ["vibrant colors", "warm color palette", "rich harmonious colors", "muted earthy tones"]
_MOOD = {
    None: ["serene atmosphere", "peaceful mood", "whimsical mood", "dramatic atmosphere"],
    "night": ["mysterious atmosphere", "calm nocturnal mood"],
}
_FRAMING = {"person": ["medium shot"], "animal": ["eye-level shot"], "scene": ["wide shot"],
            "object": ["centered composition"]}
_MEDIUM = {"real": ["professional photograph", "high-resolution photograph"],
           "fantasy": ["digital illustration", "detailed digital painting"]}
_DETAIL = ["highly detailed", "sharp focus"]


def _rng(text: str, seed: int | None) -> random.Random:
    digest = hashlib.sha256(f"{text}\x00{seed if seed is not None else 0}".encode()).digest()
    return random.Random(int.from_bytes(digest[:8], "big"))


def subject_kind(text: str) -> str:
    for kind in ("person", "animal", "scene"):
        if lx.KIND_RES[kind].search(text):
            return kind
    return "object"


def enhance(text: str, *, style_text: str = "", has_style: bool = False, seed: int | None = None) -> list[str]:
    """Phrases to append to ``text`` (the person's words), in order of importance."""
    rng = _rng(text, seed)
    said = f"{text}, {style_text}"
    present = lx.categories_of(said)
    said_words = content_words(said)
    kind = subject_kind(text)
    indoor = bool(lx.INDOOR.search(text))
    tkind = lx.time_kind(text) if "time" in present else None
    added: list[str] = []

    def pick(options: list[str]) -> None:
        fresh = [o for o in options if not (content_words(o) & said_words)]
        if fresh:
            choice = rng.choice(fresh)
            added.append(choice)
            said_words.update(content_words(choice))

    detail = _SUBJECT_DETAIL[kind]
    if kind == "animal" and any(w in text.lower() for w in _BIRD_OR_SCALY):
        detail = ["fine feather and scale detail", "bright attentive eyes"]
    pick(detail)
    # Only people and animals get a place: an object or a scene is its own setting.
    named_place = lx.SETTING.search(text) or lx.KIND_RES["scene"].search(text) or indoor
    if kind in ("person", "animal") and not named_place:
        pick(_SETTING[kind]["in" if indoor else "out"])
    if "lighting" not in present:
        if tkind or "time" in present:
            pick(_LIGHT_BY_TIME.get(tkind, _LIGHT_BY_TIME["day"]))
        elif "weather" in present:
            pick(_LIGHT_WEATHER)
        elif indoor:
            pick(_LIGHT_INDOOR)
        else:
            pick(_LIGHT_BY_TIME[None])
    if "colour" not in present and "black and white" not in said.lower():
        pick(_COLOUR)
    if "mood" not in present:
        pick(_MOOD["night" if tkind == "night" else None])
    if "framing" not in present:
        pick(_FRAMING[kind])
    if not has_style and not lx.MEDIUM.search(text):
        pick(_MEDIUM["fantasy" if lx.FANTASY.search(text) else "real"])
    if "detail" not in lx.categories_of(said):
        for d in _DETAIL:
            if not (content_words(d) & said_words):
                added.append(d)
    return added
