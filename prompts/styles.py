"""Style presets, kept as data in styles.json.

Styles are addressed by id (``"watercolor"``); ``list_styles()`` returns ids, ``"none"`` first,
and ``style_label(id)`` gives the display name for the dropdown. Lookup also accepts the
display name and a few aliases, case-insensitively, so "Oil painting" and "oil-painting" agree.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .errors import PromptError

_DATA = Path(__file__).with_name("styles.json")

# Extra words people use for a style in a follow-up ("make it look like Van Gogh").
_ALIASES: dict[str, tuple[str, ...]] = {
    "photorealistic": ("photo", "photograph", "realistic", "photorealism", "photo-realistic"),
    "cinematic": ("movie still", "film still", "movie"),
    "anime": ("manga",),
    "watercolor": ("watercolour", "watercolors", "watercolours", "aquarelle"),
    "oil-painting": ("oil", "oils", "oil paint"),
    "impressionism": ("van gogh", "impressionist", "post-impressionist", "starry night"),
    "pixel-art": ("pixel", "8-bit", "16-bit", "pixelated", "sprite"),
    "isometric-3d": ("isometric",),
    "line-art": ("line drawing", "lineart", "ink drawing"),
    "comic": ("comic", "comics", "comic book", "graphic novel"),
    "low-poly": ("low poly", "lowpoly"),
    "studio-portrait": ("portrait photo", "headshot"),
    "product-shot": ("product photo", "product", "packshot"),
    "fantasy-concept-art": ("fantasy", "concept art", "fantasy art"),
    "sci-fi": ("science fiction", "scifi", "futuristic"),
    "3d-render": ("3d", "cgi", "render", "pixar"),
    "claymation": ("clay", "plasticine", "stop motion", "stop-motion"),
    "pencil-sketch": ("sketch", "pencil", "pencil drawing", "graphite"),
    "ukiyo-e": ("ukiyoe", "woodblock", "woodblock print", "hokusai"),
    "pop-art": ("warhol", "lichtenstein"),
    "vintage-photo": ("vintage", "retro photo", "old photo", "polaroid"),
    "black-and-white": ("black and white", "black & white", "b&w", "monochrome", "grayscale", "greyscale"),
    "children-book": ("children's book", "childrens book", "storybook", "kids book"),
    "stained-glass": ("stained glass",),
    "papercraft": ("paper craft", "paper cutout", "paper art"),
    "digital-painting": ("digital art", "digital painting"),
}


@dataclass(frozen=True)
class Style:
    id: str
    name: str
    medium: str  # the phrase that names the look ("watercolor painting")
    positive: str  # tag template with {prompt}
    prose: str  # sentence template with {prompt}
    negative: str
    aliases: tuple[str, ...] = ()

    def tag_phrases(self) -> list[str]:
        """The template's own phrases (without {prompt}), most important first."""
        parts = [p.strip() for p in self.positive.split(",")]
        return [p for p in parts if p and "{prompt}" not in p]


@lru_cache(maxsize=1)
def _load() -> dict[str, Style]:
    raw = json.loads(_DATA.read_text(encoding="utf-8"))
    styles: dict[str, Style] = {}
    for item in raw["styles"]:
        sid = item["id"]
        styles[sid] = Style(
            id=sid,
            name=item["name"],
            medium=item.get("medium", ""),
            positive=item["positive"],
            prose=item["prose"],
            negative=item.get("negative", ""),
            aliases=_ALIASES.get(sid, ()),
        )
    return styles


def list_styles() -> list[str]:
    """Style ids, ``"none"`` first, then alphabetical by display name."""
    styles = _load()
    rest = sorted((s for s in styles if s != "none"), key=lambda s: styles[s].name.lower())
    return ["none", *rest]


def style_label(style_id: str) -> str:
    return get_style(style_id).name


def style_choices() -> list[tuple[str, str]]:
    """(display name, id) pairs, the shape Gradio's Dropdown takes for choices."""
    return [(style_label(s), s) for s in list_styles()]


def _norm(text: str) -> str:
    return re.sub(r"[\s_]+", " ", text.strip().lower()).replace(" ", "-")


def get_style(name: str | None) -> Style:
    """Find a style by id, display name or alias; raise PromptError when none matches."""
    styles = _load()
    key = _norm(name or "none")
    if key in ("", "default"):
        key = "none"
    for s in styles.values():
        if key == s.id or key == _norm(s.name) or key in {_norm(a) for a in s.aliases}:
            return s
    raise PromptError(
        f"Unknown style '{name}'. Pick one of: {', '.join(list_styles())}."
    )


@lru_cache(maxsize=1)
def _alias_pattern() -> tuple[re.Pattern[str], dict[str, str]]:
    """One regex that finds any style word in a sentence, longest first."""
    lookup: dict[str, str] = {}
    for s in _load().values():
        if s.id == "none":
            continue
        for word in (s.id.replace("-", " "), s.name.lower(), s.medium.lower(), *s.aliases):
            lookup.setdefault(word.lower(), s.id)
    # Display names like "Impressionism (Van Gogh-like)" are not how people talk.
    lookup = {k: v for k, v in lookup.items() if "(" not in k}
    words = sorted(lookup, key=len, reverse=True)
    pat = re.compile(r"(?<![\w-])(" + "|".join(re.escape(w) for w in words) + r")(?![\w-])", re.I)
    return pat, lookup


def find_style_mention(text: str) -> tuple[str, str] | None:
    """(style id, matched words) for the first style named in ``text``, else None."""
    pat, lookup = _alias_pattern()
    m = pat.search(text)
    if not m:
        return None
    return lookup[m.group(1).lower()], m.group(1)
