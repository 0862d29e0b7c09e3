"""More of a thing the picture already has ("more freckles"): in Stable Diffusion's attention syntax,
more weight on the words there, rather than the same words said twice."""

from __future__ import annotations

import re

from conversation.actions import Op, Replace
from conversation.interpreter import Context
from conversation.phrases import bare
from conversation.scene import SLOTS, Scene


def more_of(thing: str, ctx: Context) -> list[Op] | None:
    """ "more freckles" when the picture has freckles: more weight on them in Stable Diffusion's attention
    syntax, rather than the same words twice."""
    scene = ctx.scene
    said = bare(thing)
    if scene is None or not said or not re.search(rf"(?<![\w(]){re.escape(said)}(?![\w:])",
                                                  " ".join(scene.phrases()), re.I):
        return None
    if re.search(rf"\(\s*{re.escape(said)}\s*:", " ".join(scene.phrases()), re.I):
        return None
    if not ctx.target.startswith("sd"):
        return None  # prose: "more clouds" is added as said
    return [Replace(old=said, new=f"({said}:1.3)")]


_WEIGHT_SET = re.compile(
    r"^(?:(?:pls|please|now|ok|and|then|can you|could you)\s+)*(?P<verb>lower|reduce|decrease|drop|lessen|tone down|turn down|raise|"
    r"increase|bump(?:\s+up)?|boost|up|turn up|set|change|put|make)\s+(?:the\s+)?(?:(?:attention\s+)?weight\s+(?:of|on)\s+(?:the\s+)?"
    r"(?P<a>[\w' -]+?)|(?P<b>[\w' -]+?)(?:'s)?\s+weight|(?P<c>[\w' -]+?))(?:\s+(?:to|at)\s+(?P<to>\d+(?:\.\d+)?|\.\d+))?\s*[.!]*$", re.I)
_WEIGHTED = r"\(\s*{}\s*:\s*(\d+(?:\.\d+)?)\s*\)"


def weight_set(text: str, ctx: Context) -> list[Op] | None:
    """ "lower the bokeh weight to 0.8", "raise the weight of the neon", "set rain to 1.4": a new weight on words the
    Stable Diffusion prompt has, weighted or not; without a number, 0.2 lower or higher than it was."""
    m = _WEIGHT_SET.match(text.strip())
    scene = ctx.scene
    if m is None or scene is None or not ctx.target.startswith("sd"):
        return None
    said = bare(m.group("a") or m.group("b") or m.group("c") or "")
    verb = m.group("verb").lower()
    if not said or m.group("c") and not m.group("to") or verb in ("set", "change", "put", "make") and not m.group("to"):
        return None  # "make the sky darker" is no weight; "set rain to 1.4" is
    joined = " ".join(scene.phrases())
    weighted = re.search(_WEIGHTED.format(re.escape(said)), joined, re.I)
    if weighted is None and not re.search(rf"(?<![\w(]){re.escape(said)}(?![\w:])", joined, re.I):
        return None
    was = float(weighted.group(1)) if weighted else 1.0
    if m.group("to"):
        to = float(m.group("to"))
    else:
        to = was - 0.2 if verb in ("lower", "reduce", "decrease", "drop", "lessen", "tone down", "turn down") else was + 0.2
    if not 0 < to <= 3:
        return None
    new = f"({said}:{round(to, 2):g})" if round(to, 2) != 1 else said
    return [Replace(old=weighted.group(0) if weighted else said, new=new)]


def is_weighted(words: str) -> bool:
    """ "(bokeh:1.3)": words with their weight, as Stable Diffusion's attention syntax writes them."""
    return bool(re.fullmatch(r"\(.+:\s*\d*\.?\d+\s*\)", words.strip()))


def reweighted(s: Scene, old: str, new: str, changes: list[str]) -> Scene:
    """The scene with a weighted tag written anew, where it is: "(bokeh:1.3)" → "(bokeh:0.8)"."""
    def swap(text: str) -> str:
        return text.replace(old, new)
    subject, details = swap(s.subject), tuple(swap(d) for d in s.details)
    slots = {slot: swap(value) for slot in SLOTS if (value := getattr(s, slot)) and swap(value) != value}
    if subject == s.subject and details == s.details and not slots:
        return s
    changes += [f"- {old}", f"+ {new}"]
    return s.with_(subject=subject, details=details, **slots)
