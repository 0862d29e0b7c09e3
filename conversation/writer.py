"""From a scene to the prompt its target model reads best: comma tags within CLIP's 75 tokens
for Stable Diffusion (a person's longer prompt whole, in consecutive windows; with a negative prompt), prose for DALL-E 3 and gpt-image (which take no
negative prompt, so "no X" is written as a sentence). Pure; the tokenizer is passed in."""

from __future__ import annotations

from dataclasses import dataclass

from prompts import budget as bd
from prompts.negative import merge
from prompts.styles import get_style
from prompts.targets import get_target
from prompts.text import norm_key, split_phrases
from prompts.wording import prose

from conversation.enhance import additions, kind_negative
from conversation.scene import Scene


@dataclass(frozen=True)
class Written:
    prompt: str
    negative_prompt: str
    target: str
    warnings: tuple[str, ...] = ()
    added: tuple[str, ...] = ()  # what enhancement added to the person's words
    notes: tuple[str, ...] = ()  # said once in the chat, e.g. why nothing was added
    tokens: int | None = None
    token_limit: int | None = None


def write(scene: Scene, target: str, *, tokenizer: object | None = None, negative: str = "") -> Written:
    """``negative`` is the settings' negative prompt, which comes first in the negative prompt."""
    tgt = get_target(target)
    if tgt.clip:
        return _tags(scene, tgt, tokenizer, negative)
    return _prose(scene, tgt, negative)


def _tags(scene: Scene, tgt, tokenizer, negative: str) -> Written:
    style = get_style(scene.style)
    content = [bd.Part(scene.subject, 0, "user")] if scene.subject else []
    content += [bd.Part(p, 2, "user") for p in scene.phrases()[1 if scene.subject else 0:]]
    seen = {norm_key(p.text) for p in content}
    style_parts = [bd.Part(p, 1 if i == 0 else 4, "style") for i, p in enumerate(style.tag_phrases())
                   if norm_key(p) not in seen]
    seen |= {norm_key(p.text) for p in style_parts}
    added = [a for a in additions(scene) if norm_key(a) not in seen]
    parts = content + style_parts + [bd.Part(a, 5, "enhance") for a in added]
    count, estimated = bd.make_counter(tokenizer)
    limit = bd.clip_limit(tokenizer)
    notes: tuple[str, ...] = ()
    if tgt.chunks > 1 and count(", ".join(p.text for p in content)) > limit:
        # Longer than one window: the person's words are read whole, window after window; the style's
        # own phrase comes along and enhancement adds nothing more to dilute them.
        parts = content + style_parts[:1]
        limit *= tgt.chunks
        notes = (f"Your prompt is longer than one {tgt.label} window of {limit // tgt.chunks} tokens: it is read "
                 "in windows one after another, so all of it is used and nothing was added to it.",)
    kept, dropped, cut = bd.fit(parts, limit, count)
    prompt = ", ".join(p.text for p in kept)
    while count(prompt) > limit and len(kept) > 1:  # the exact count can exceed the sum by a token
        worst = max(range(len(kept)), key=lambda i: (kept[i].priority, i))
        dropped.append(kept.pop(worst))
        prompt = ", ".join(p.text for p in kept)
    warnings: list[str] = []
    about = "about " if estimated else ""
    mine = [p for p in dropped if p.source == "user"]
    if cut or mine:
        left = "; ".join(f'"{_short(p.text, 40)}"' for p in mine[:3]) or "the end of your words"
        warnings.append(f"{tgt.label} reads {about}{limit} tokens, so the prompt was shortened; left out: {left}.")
    kept_text = {p.text for p in kept}
    added = [a for a in added if a in kept_text]
    asked = {norm_key(p) for p in scene.phrases()}
    negatives = merge(negative, list(scene.negatives), style.negative, kind_negative(scene),
                      exclude=[p for p in asked])
    # A negative must never forbid what the prompt asks for ("a dog" after "no animals" is the person's call).
    negatives = [n for n in negatives if not _mentioned(n, prompt)]
    neg_parts = [bd.Part(n, 0 if i < len(scene.negatives) + len(split_phrases(negative)) else 4, "user")
                 for i, n in enumerate(negatives)]
    neg_kept, _, neg_cut = bd.fit(neg_parts, limit, count) if neg_parts else ([], [], False)
    if neg_cut:
        warnings.append(f"The negative prompt was longer than {tgt.label} reads and was shortened.")
    return Written(prompt=prompt, negative_prompt=", ".join(p.text for p in neg_kept), target=tgt.id,
                   warnings=tuple(warnings), added=tuple(added), notes=notes, tokens=count(prompt), token_limit=limit)


def _mentioned(negative: str, prompt: str) -> bool:
    key = norm_key(negative)
    return bool(key) and any(norm_key(p) == key for p in split_phrases(prompt))


def _prose(scene: Scene, tgt, negative: str) -> Written:
    style = get_style(scene.style)
    phrases = scene.phrases()
    if scene.verbatim:
        text = ", ".join(phrases)
    else:
        text = prose(phrases, style) if phrases else ""
    avoid = [*split_phrases(negative), *scene.negatives]
    if avoid:
        listed = ", ".join(avoid[:-1]) + f" or {avoid[-1]}" if len(avoid) > 1 else avoid[0]
        text = f"{text.rstrip()} No {listed} anywhere in the image."
    warnings: list[str] = []
    if tgt.max_chars and len(text) > tgt.max_chars:
        text, _ = bd.pretrim(text, tgt.max_chars)
        warnings.append(f"{tgt.label} reads at most {tgt.max_chars:,} characters, so the prompt was shortened.")
    notes = ()
    if scene.enhance and not scene.verbatim:
        notes = (f"{tgt.label} rewrites prompts itself, so nothing was added to your words.",)
    return Written(prompt=text, negative_prompt="", target=tgt.id, warnings=tuple(warnings), notes=notes)


def _short(text: str, n: int) -> str:
    return text if len(text) <= n else text[: n - 1].rstrip() + "…"
