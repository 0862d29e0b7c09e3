"""How a prompt is worded for its target: comma tags for CLIP models, sentences for DALL-E 3
and gpt-image; and the reverse, reading a previous prompt back into its phrases."""

from __future__ import annotations

import re

from . import lexicon as lx
from .styles import Style, _load, get_style
from .text import norm_key, split_phrases

_HAS_PREP = re.compile(r"^(at|in|on|during|under|by|with|through|shown|seen|from|as|and)\b", re.I)
_AT = re.compile(r"^(golden hour|blue hour|sunset|sunrise|dawn|dusk|twilight|night|midnight|noon|midday)\b", re.I)


def tags(phrases: list[str]) -> str:
    return ", ".join(phrases)


def prose(subject_and_rest: list[str], style: Style) -> str:
    """Sentences for DALL-E 3 / gpt-image: scene phrases after the subject, then the look
    ("with soft light, vibrant colors and a serene atmosphere"), then the framing."""
    if not subject_and_rest:
        return ""
    subject, rest = subject_and_rest[0], subject_and_rest[1:]
    scene, look, framing = [], [], []
    for p in rest:
        cat = lx.primary_category(p)
        if cat == "detail":
            continue  # quality tags mean nothing to a model that reads sentences
        if cat in ("lighting", "colour", "mood") and not _HAS_PREP.match(p):
            look.append(p)
        elif cat == "framing":
            framing.append(p)
        elif cat == "time" and _AT.match(p):
            scene.append(f"at {p}")
        elif cat == "season" and not _HAS_PREP.match(p):
            scene.append(f"in {p}")
        else:
            scene.append(p)
    core = ", ".join([subject, *scene])
    if look:
        core += ", with " + (", ".join(look[:-1]) + " and " + look[-1] if len(look) > 1 else look[0])
    text = style.prose.replace("{prompt}", core).strip()
    text = text[0].upper() + text[1:]
    if not text.endswith((".", "!", "?")):
        text += "."
    if framing:
        shots = " and ".join(f.removeprefix("a ") for f in framing)
        text += f" Framed as {'an' if shots[:1].lower() in 'aeiou' else 'a'} {shots}."
    return text


def _prose_core(prompt: str, style: Style) -> str | None:
    """The {prompt} part of a prose template, or None when ``prompt`` was not made from it."""
    if style.id == "none":
        return None
    before, _, after = style.prose.partition("{prompt}")
    pat = re.escape(before.strip()) + r"\s*(.+?)\s*" + re.escape(after.strip().rstrip(".")) + r"\.?"
    m = re.match(pat, prompt.strip(), re.I | re.S)
    return m.group(1) if m else None


def read_back(prompt: str, style_hint: str | None = None) -> tuple[str, list[str]]:
    """(style id, content phrases) of a prompt this package made, or any prompt typed by hand."""
    text = re.sub(r"\s+Framed as an? ([^.]+)\.\s*$", lambda m: ", " + m.group(1).replace(" and ", ", "), prompt.strip())
    candidates = [get_style(style_hint)] if style_hint else list(_load().values())
    # Prose first: the template leaves a recognisable opening and ending.
    for s in candidates:
        core = _prose_core(text, s)
        if core is not None:
            return s.id, _prose_phrases(core)
    phrases = split_phrases(text)
    keys = [norm_key(p) for p in phrases]
    best, best_hits = None, 0
    for s in candidates:
        if s.id == "none":
            continue
        own = {norm_key(t) for t in s.tag_phrases()}
        hits = sum(1 for k in keys if k in own)
        if hits > best_hits:
            best, best_hits = s, hits
    if best is not None and (best_hits >= 2 or style_hint):
        own = {norm_key(t) for t in best.tag_phrases()}
        return best.id, [p for p, k in zip(phrases, keys) if k not in own]
    return (style_hint or "none"), _prose_phrases(text) if "." in text else phrases


def _prose_phrases(core: str) -> list[str]:
    out: list[str] = []
    for p in split_phrases(core):
        p = re.sub(r"^(?:with|and)\s+", "", p, flags=re.I)
        pieces = re.split(r"\s+and\s+", p)
        # "vibrant colors and a serene atmosphere": two looks, not one phrase.
        if len(pieces) > 1 and all(lx.primary_category(x) for x in pieces):
            out.extend(pieces)
        elif p:
            out.append(p)
    if out:
        # Undo the capital the prose sentence gave the subject ("A cabin" -> "a cabin").
        out[0] = re.sub(r"^(A|An|The)\b", lambda m: m.group(1).lower(), out[0])
    return out
