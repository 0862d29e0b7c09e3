"""More of a thing the picture already has ("more freckles"): in Stable Diffusion's attention syntax,
more weight on the words there, rather than the same words said twice."""

from __future__ import annotations

import re

from conversation.actions import Op, Replace
from conversation.interpreter import Context
from conversation.phrases import bare


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
