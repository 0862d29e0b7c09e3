"""Edits that keep the picture: pure functions deciding whether a turn starts from a picture
(image-to-image) and how strongly it may change it.

A turn starts from a picture when one is attached to the message, or when the words ask to keep
the current one ("same picture, but at night", "keep it but make her coat red", "change only the
sky", "garde la même image", "gleiches Bild", "la misma imagen", "la stessa immagine"). A plain edit
without such words ("make it night") re-renders the scene with the same seed, as before: on a
few-step model that keeps the layout well enough, and it gives the model room when the person did
not ask to keep the picture.

The strength (0 keeps the picture, 1 ignores it) follows the kind of change: light, time, weather
and colour need little (0.5); a new style or medium needs more (0.65); adding, removing or
replacing a thing needs the most (0.7). ``--strength 0.4`` in the message, the settings' Strength
or the API's ``strength`` override it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from conversation.actions import Action, Add, Camera, Likeness, Remove, Replace, SetSlot, SetStyle, SetSubject
from conversation.remark_forms import SETTLED
from conversation.words import find_style

Source = Literal["previous", "attached", "given", "none"]  # "given": the person's picture the one on screen came from

LIGHT = 0.5
STYLE = 0.65
OBJECT = 0.7
SETTING = 0.55  # "in the fog", "on a beach": the place around the subject, which stays
DEFAULT = 0.6
LIKENESS_STEP = 0.2  # "keep it closer to my photo": this much less strength than the picture on screen was drawn with
GENTLE = 0.4  # "slightly", "a touch", "don't change much": the picture mostly kept whatever the change
_GENTLE = re.compile(r"\b(?:slightly|subtly|subtle|a (?:tiny )?(?:touch|tad)|a little|a bit|just a bit|barely|light touch|gently|"
                     r"(?:don'?t|do not|without) chang(?:e|ing) (?:it )?(?:much|too much|a lot)|minor|minimal(?:ly)?)\b", re.I)
_LIGHT_SLOTS = {"time", "weather", "season", "lighting", "mood", "palette"}
COLOURS = frozenset((
    "red orange yellow green blue purple violet pink black white grey gray brown golden gold silver teal cyan "
    "magenta turquoise beige navy crimson maroon scarlet emerald ivory lavender lilac indigo copper bronze cream "
    "olive mint coral peach amber aqua fuchsia burgundy dark light pale bright deep sky royal "
    "rouge bleu bleue vert verte jaune noir noire blanc blanche rot blau grün gelb schwarz weiß "
    "rojo roja azul verde amarillo negro blanco rosso rossa blu giallo nero bianco").split())

_STRENGTH_FLAG = re.compile(r"(?:^|\s)--?(?:strength|denoise|denoising)\b[\s:=]*(\S*)", re.I)

# Words that ask to keep the picture. Each is cut from the message so the rest reads as the change.
_PICTURE = r"(?:picture|image|photo|pic|shot|scene|composition|layout|one|drawing|render)"
_KEEP_PHRASES = [
    rf"\b(?:(?:keep(?:ing)?|use|using)\s+)?(?:the\s+)?(?:exact\s+)?same\s+{_PICTURE}\b",  # "keep the same picture but …"
    rf"\bexactly\s+(?:this|that|the\s+same)(?:\s+{_PICTURE})?\b",
    # not "keep it blue", "keep it in color": a look kept, said of the thing, not the picture
    rf"\bkeep(?:ing)?\s+(?:the\s+{_PICTURE}|this\s+{_PICTURE}|that\s+{_PICTURE}|everything(?:\s+else)?|"
    r"(?:it|this|that)(?!\s+(?!(?:as|the\s+same|unchanged|intact|and|but|please|pls|exactly|just|otherwise|like|so|then)\b)[a-z]))"
    r"(?:\s+(?:as\s+(?:it\s+)?is|the\s+same|unchanged|intact))?\b",
    rf"\b(?:don'?t|do\s+not)\s+change\s+(?:anything\s+else|the\s+(?:rest|{_PICTURE}))\b",
    rf"\bwithout\s+changing\s+(?:anything\s+else|the\s+rest|the\s+{_PICTURE}|it)\b",
    rf"\bleave\s+(?:it|everything(?:\s+else)?|the\s+rest|the\s+{_PICTURE})\s+(?:as\s+(?:it\s+)?is|alone|the\s+same|"
    r"unchanged)\b",
    rf"\b(?:edit|modify|tweak|retouch)\s+(?:this|that|the)\s+{_PICTURE}\b",
    rf"\bslightly\s+(?:edit|modify|change|tweak)\s+(?:this|that|the)\s+{_PICTURE}\b",
    r"\b(?:la\s+)?m[êe]me\s+(?:image|photo|sc[èe]ne)\b", r"\bgarde[rz]?\s+(?:l'image|cette\s+image|la\s+photo)\b",
    r"\b(?:das\s+)?(?:gleiche|selbe)\s+Bild\b", r"\bdasselbe\s+Bild\b", r"\bbehalte\s+das\s+Bild\b",
    r"\b(?:la\s+)?misma\s+(?:imagen|foto|escena)\b", r"\bmant[eé]n(?:er)?\s+la\s+(?:imagen|foto)\b",
    r"\b(?:la\s+)?stessa\s+(?:immagine|foto|scena)\b", r"\bmantieni\s+l'immagine\b",
]
_KEEP = re.compile("|".join(f"(?:{p})" for p in _KEEP_PHRASES), re.I)
_ANOTHER_OF = re.compile(r"\b(?:different|another|new|other|second)\s+(?:version|take|variation|one|go)s?\s+of\s+(?:the\s+)?"
                         r"(?:exact\s+)?same\s+(?:thing|picture|image|one|scene|photo|pic)\b", re.I)
# "change only the sky": keeps all but the sky; the words stay (they say what to change).
_ONLY = re.compile(r"\b(?:change|edit|redo|fix|repaint)\s+only\b|\bonly\s+(?:change|edit|redo|repaint)\b|"
                   r"\bjust\s+(?:change|edit|repaint)\s+the\b", re.I)
_GLUE = re.compile(r"^(?:[\s,;:.!-]|but\b|and\b|just\b|then\b|mais\b|aber\b|pero\b|ma\b|et\b|und\b|y\b|e\b|"
                   r"with\b|as\b|in\b)+|[\s,;:.!-]+$", re.I)


@dataclass(frozen=True)
class KeepWords:
    """What a message says about keeping the picture, and the message without those words."""

    rest: str  # the change alone ("at night"); the whole message when nothing was cut
    keep: bool  # the words ask to keep the picture
    strength: float | None = None  # from ``--strength`` in the message
    strength_error: str | None = None  # a ``--strength`` that is not a number in (0, 1]


@dataclass(frozen=True)
class KeepDecision:
    source: Source
    strength: float | None  # None when nothing is kept
    why: str  # the kind of change that chose the strength, or "asked"

    def label(self) -> str:
        """For the understood line."""
        if self.source == "none":
            return ""
        start = "kept the picture" if self.source == "previous" else "from your picture"  # attached, or given before
        return f"{start}, strength {self.strength:.2f}".rstrip("0").rstrip(".")


def read(text: str) -> KeepWords:
    """Cut ``--strength x`` and the keep-the-picture words out of a message."""
    if SETTLED.fullmatch(text.strip()) or _ANOTHER_OF.search(text):
        # "ok keep it like this, thx": the picture is done, not kept for a change; "a different version of the same
        # picture": another take, a new seed
        return KeepWords(rest=text.strip(), keep=False, strength=None, strength_error=None)
    strength, error = None, None
    flag = _STRENGTH_FLAG.search(text)
    if flag:
        text = (text[: flag.start()] + " " + text[flag.end():]).strip()
        try:
            value = float(flag.group(1))
        except ValueError:
            value = None
        if value is None or not 0 < value <= 1:
            error = f"--strength takes a number above 0 and at most 1, e.g. --strength 0.5; got {flag.group(1)!r}."
        else:
            strength = value
    only = bool(_ONLY.search(text))
    cut = _KEEP.sub(" ", text)
    keep = only or cut != text
    rest = " ".join(_GLUE.sub("", " ".join(cut.split())).split()) if cut != text else " ".join(text.split())
    if only:
        rest = re.sub(r"\bonly\s+", "", rest, count=1, flags=re.I)
    return KeepWords(rest=rest if rest.strip() else text.strip(), keep=keep and bool(rest.strip()),
                     strength=strength, strength_error=error)


def strength_for(action: Action) -> tuple[float, str]:
    """The strength the kind of change needs, and that kind's name."""
    ops = getattr(action, "ops", ()) or ()
    kinds = set()
    for op in ops:
        if isinstance(op, SetSlot):
            kinds.add("light" if op.slot in _LIGHT_SLOTS else "style" if op.slot == "medium" else
                      "setting" if op.slot == "setting" else "object")
        elif isinstance(op, SetStyle):
            kinds.add("style")
        elif isinstance(op, Replace):
            kinds.add("colour" if _is_colour_change(op.old, op.new) else "object")
        elif isinstance(op, Add):
            kinds.add(_added_kind(op.thing))
        elif isinstance(op, (Remove, SetSubject, Camera)):
            kinds.add("object")
    for kind, strength in (("object", OBJECT), ("style", STYLE), ("setting", SETTING), ("light", LIGHT),
                           ("colour", LIGHT)):
        if kind in kinds:
            return strength, kind
    return DEFAULT, "change"


# Weather and light in the words the rules pass on as typed ("con la pioggia", "unter Regen"): atmosphere,
# not a thing put into the picture.
_ATMOSPHERE = re.compile(
    r"\b(?:rain\w*|snow\w*|fog\w*|mist\w*|storm\w*|sunset|sunrise|dusk|dawn|night|moonlight|sunlight|"
    r"lluvia|lloviendo|nieve|niebla|noche|atardecer|pioggia|neve|nebbia|notte|tramonto|regen|schnee|nebel|nacht|"
    r"pluie|neige|brouillard|nuit|chuva|noite|neblina)\b", re.I)


def _added_kind(thing: str) -> str:
    """What an added phrase changes: a thing ("a red umbrella"), the atmosphere ("con la pioggia"), or the
    colour of something there, said as a clause ("so the leaves are orange", "con el paraguas azul")."""
    words = re.findall(r"[^\W\d_]+", thing.lower())
    if _ATMOSPHERE.search(thing) and not re.match(r"^(?:an?|one|two|some)\s", thing, re.I):
        return "light"
    if words and words[-1] in COLOURS and not re.match(r"^(?:an?|one|two|three|some)\s", thing, re.I):
        return "colour"
    return "object"


def _is_colour_change(old: str, new: str) -> bool:
    """``Replace(old="coat", new="red coat")`` or ``new="red"``: the thing stays, its colour changes."""
    extra = set(new.lower().split()) - set(old.lower().split())
    return bool(extra) and extra <= COLOURS


def decide(action: Action, words: KeepWords, *, attached: bool, has_previous: bool,
           asked: float | None = None, styled: bool = False, from_picture: bool = False,
           drawn_at: float | None = None) -> KeepDecision:
    """Which picture the turn starts from and with what strength. ``asked``: the settings' or the
    API's strength (the message's ``--strength`` wins over it). ``styled``: a new scene read from the
    words has a style ("make this a watercolor painting" said of an attached picture). ``from_picture``:
    the picture on screen was itself made from a picture (the person's photo): an edit of it goes on
    from it, since its description alone would lose the photo; a likeness asked ("keep it closer to my
    photo") draws again from the photo itself, ``drawn_at`` (the strength the picture on screen was drawn
    with) lowered or raised."""
    if action.intent not in ("new", "edit", "branch", "repeat", "undo", "revert"):
        return KeepDecision("none", None, "")
    likeness = next((op for op in getattr(action, "ops", ()) or () if isinstance(op, Likeness)), None)
    if likeness is not None and from_picture and not attached:
        said = likeness.strength if likeness.strength is not None else words.strength if words.strength is not None else asked
        if said is not None:
            return KeepDecision("given", said, "asked")
        base = drawn_at if drawn_at is not None else STYLE
        if likeness.closer:
            return KeepDecision("given", round(max(0.15, base - LIKENESS_STEP), 2), "closer to your picture")
        return KeepDecision("given", round(min(0.9, base + LIKENESS_STEP), 2), "further from your picture")
    if attached:
        source: Source = "attached"
    elif words.keep and has_previous and action.intent in ("edit", "new", "branch"):
        source = "previous"
    elif from_picture and has_previous and action.intent == "edit":
        source = "previous"
    else:
        return KeepDecision("none", None, "")
    chosen = words.strength if words.strength is not None else asked
    if chosen is not None:
        return KeepDecision(source, chosen, "asked")
    strength, kind = strength_for(action)
    if kind == "change" and (styled or find_style(words.rest) is not None):
        strength, kind = STYLE, "style"  # a new picture read from words that name a style
    if _GENTLE.search(words.rest):
        strength, kind = min(strength, GENTLE), f"{kind}, gently"  # "just slightly brighter, don't change much"
    return KeepDecision(source, strength, kind)
