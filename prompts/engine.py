"""``engineer``: one message and the conversation before it → the prompt a model renders best."""

from __future__ import annotations

import re
from typing import Sequence

from . import budget as bd
from .enhance import enhance as enhance_phrases
from .errors import PromptError
from .intent import classify, reply_for
from .llm import LLMConfig, RewriteFailed, build_messages, rewrite
from .negative import merge
from .refine import apply_edit, parse_followup
from .styles import Style, get_style, list_styles, style_label
from .targets import Target, get_target
from .text import clean, is_blank, norm_key, split_phrases
from .values import EngineeredPrompt, Turn
from .wording import prose, read_back, tags

EMPTY_MESSAGE = 'The message is empty: describe the picture you want, for example "a red fox in the snow".'
# Input longer than this is cut before any other work: a CLIP encoder reads 75 tokens, far fewer
# than 1,500 characters, so the rest could never reach the model and would only cost time.
CLIP_PRETRIM_CHARS = 1500

_DRAW_PREFIX = re.compile(
    r"^(?:(?:please|pls|hey|ok(?:ay)?|now|and|then)[\s,]+)*(?:(?:can|could|would|will) you\s+)?(?:please\s+)?"
    r"(?:draw|paint|sketch|render|generate|create|make|show|design|illustrate|give|imagine)(?:\s+(?:me|us))?"
    r"\s+(?=(?:an?|the|some|two|three|four|five|many|my|our)\b)"
    r"(?:(?:an?|the|some)\s+(?:image|picture|pic|drawing|illustration|photo|painting|render)s?\s+of\s+)?",
    re.I)
_PICTURE_OF = re.compile(r"^(?:an?|the)\s+(?:image|picture|pic)\s+of\s+", re.I)
_REPEAT_ONLY = re.compile(r"^(another(?: one)?|again|one more|more|reroll|regenerate|try again)[\s!.?]*$", re.I)


def engineer(
    message: str,
    history: Sequence[Turn] = (),
    *,
    style: str = "none",
    target: str = "sd15",
    enhance: bool = True,
    negative: str = "",
    seed: int | None = None,
    tokenizer: object | None = None,
    llm: LLMConfig | None = None,
) -> EngineeredPrompt:
    """Turn a chat message into the prompt for ``target``.

    ``enhance=False`` is the as-is switch: the words go out exactly as typed (no style, no
    enhancement, no refinement), with warnings only. ``tokenizer`` is the pipeline's own CLIP
    tokenizer; without it token counts are estimates (``tokens_estimated``). ``llm`` turns on
    the optional chat-model rewrite. Raises PromptError for an empty message, an unknown style
    or an unknown target.
    """
    tgt = get_target(target)
    sty = get_style(style)
    if not isinstance(message, str) or is_blank(message):
        raise PromptError(EMPTY_MESSAGE)
    neg_typed = clean(negative or "")
    if not enhance:
        return _as_is(message, tgt, neg_typed, tokenizer)

    text = clean(message)
    prev = _previous(history)
    if classify(text) == "chat" or (prev is None and _REPEAT_ONLY.match(text)):
        reply = reply_for(text, [style_label(s) for s in list_styles()[1:]])
        if prev is None and _REPEAT_ONLY.match(text):
            reply = 'There is no picture yet to make again: describe one first, for example "a cabin in the woods".'
        return EngineeredPrompt(typed=message, prompt="", negative_prompt="", style=sty.id, target=tgt.id,
                                intent="chat", reply=reply, seed_policy="new", warnings=(), changes=(),
                                tokens=None, mode="chat")

    warnings: list[str] = []
    original_len = len(message.strip())
    text, trimmed = bd.pretrim(text, tgt.max_chars or CLIP_PRETRIM_CHARS)
    edit = parse_followup(text) if prev is not None else None
    # "draw me a ..." is how people ask, not what they want drawn (only for new pictures:
    # "make the umbrella blue" is an edit).
    body = _PICTURE_OF.sub("", _DRAW_PREFIX.sub("", text)).strip() or text
    changes: list[str] = []
    added: list[str] = []
    seed_policy = "new"
    negatives: list[str] = []
    carried_negative = ""
    if edit is not None and prev is not None:
        prev_style_id, prev_phrases = read_back(prev.prompt or "", prev.style)
        seed_policy = edit.seed_policy
        if edit.kind == "repeat":
            return _repeat(message, prev, prev_style_id, tgt, neg_typed, seed_policy, tokenizer)
        new_style = get_style(edit.style or (sty.id if sty.id != "none" else prev_style_id))
        phrases, changes, negatives = apply_edit(prev_phrases or [body], edit)
        old_style = get_style(prev_style_id)
        if new_style.id != old_style.id:
            if old_style.medium:
                changes.append(f"- {old_style.medium}")
            if new_style.medium:
                changes.append(f"+ {new_style.medium}")
        carried = split_phrases(prev.negative_prompt or "")
        if new_style.id != old_style.id:
            theirs = {norm_key(p) for p in split_phrases(old_style.negative)}
            carried = [p for p in carried if norm_key(p) not in theirs]
        carried_negative = ", ".join(carried)
        new_bits = {c[2:] for c in changes if c.startswith("+ ")}
        parts = [bd.Part(p, 0 if i == 0 else (2 if p in new_bits else 3), "edit" if p in new_bits else "previous")
                 for i, p in enumerate(phrases)]
        sty, mode = new_style, "refine"
        exclude = [*edit.add, *edit.replace.values()]
    else:
        phrases = split_phrases(body) or [body]
        parts = [bd.Part(p, 0 if i == 0 else 2, "user") for i, p in enumerate(phrases)]
        added = enhance_phrases(body, style_text=sty.positive.replace("{prompt}", ""),
                                has_style=sty.id != "none", seed=seed)
        parts += [bd.Part(p, 5, "enhance") for p in added]
        mode, exclude = "fresh", []

    negative_list = merge(neg_typed, negatives, carried_negative, sty.negative, exclude=exclude)
    if tgt.clip:
        prompt, neg, tokens, est, limit, kept = _fit_clip(parts, sty, tgt, negative_list, neg_typed, tokenizer,
                                                         warnings, long_input=trimmed, original_len=original_len)
    else:
        prompt, kept = _fit_prose(parts, sty, tgt, warnings, long_input=trimmed, original_len=original_len)
        tokens, est, limit = None, False, None
        neg = ""
        if neg_typed:
            warnings.append(f"{tgt.label} takes no negative prompt, so \"{_short(neg_typed)}\" was not sent. "
                            "Describe what you want instead.")
    added = [p for p in added if p in kept]

    result = EngineeredPrompt(
        typed=message, prompt=prompt, negative_prompt=neg, style=sty.id, target=tgt.id, intent="image",
        reply=None, seed_policy=seed_policy, warnings=tuple(warnings), changes=tuple(changes), tokens=tokens,
        tokens_estimated=est, token_limit=limit, mode=mode, added=tuple(added),
    )
    if llm is not None:
        result = _rewrite(result, llm, message, prev, history, tgt, tokenizer)
    return result


# --- helpers -------------------------------------------------------------------------------------

def _previous(history: Sequence[Turn]) -> Turn | None:
    for turn in reversed(list(history or ())):
        if getattr(turn, "role", "") == "assistant" and (getattr(turn, "prompt", None) or "").strip():
            return turn
    return None


def _short(text: str, n: int = 60) -> str:
    return text if len(text) <= n else text[: n - 1].rstrip() + "…"


def _style_parts(sty: Style) -> list[bd.Part]:
    own = sty.tag_phrases()
    return [bd.Part(p, 1 if i == 0 else 4, "style") for i, p in enumerate(own)]


def _long_warning(tgt: Target, limit_text: str, original_len: int) -> str:
    return (f"Your message is {original_len:,} characters long and {tgt.label} reads {limit_text}, "
            "so only its beginning was used.")


def _fit_clip(parts, sty, tgt, negative_list, neg_typed, tokenizer, warnings, *, long_input, original_len):
    count, est = bd.make_counter(tokenizer)
    limit = bd.clip_limit(tokenizer)
    # Dedupe the style's phrases against the person's words, then order: content, style, additions.
    content = [p for p in parts if p.source != "enhance"]
    extra = [p for p in parts if p.source == "enhance"]
    seen = {norm_key(p.text) for p in content}
    style_parts = [p for p in _style_parts(sty) if norm_key(p.text) not in seen]
    ordered = content + style_parts + [p for p in extra if norm_key(p.text) not in seen]
    kept, dropped, cut = bd.fit(ordered, limit, count)
    prompt = tags([p.text for p in kept])
    while count(prompt) > limit and len(kept) > 1:  # exact count can differ from the sum by a token
        worst = max(range(len(kept)), key=lambda i: (kept[i].priority, i))
        dropped.append(kept.pop(worst))
        prompt = tags([p.text for p in kept])
    tokens = count(prompt)
    approx = "about " if est else ""
    limit_text = f"{approx}{limit} tokens"
    mine = [p for p in dropped if p.source in ("user", "edit", "previous")]
    if long_input or (cut and any(p.source in ("user", "edit", "previous") for p in ordered[:1])):
        warnings.append(_long_warning(tgt, limit_text, original_len))
    elif mine or cut:
        left = "; ".join(f'"{_short(p.text, 40)}"' for p in mine[:3]) or "the end of your words"
        warnings.append(f"The prompt was longer than {tgt.label} reads ({limit_text}), so it was shortened; "
                        f"left out: {left}.")
    elif dropped:
        warnings.append(f"{len(dropped)} added detail phrase(s) were left out to stay within "
                        f"{tgt.label}'s {limit_text}.")
    # The negative prompt has its own 77-token window: the person's words first, the style's last.
    typed_keys = {norm_key(p) for p in split_phrases(neg_typed)}
    neg_parts = [bd.Part(p, 0 if norm_key(p) in typed_keys else 4, "user" if norm_key(p) in typed_keys else "style")
                 for p in negative_list]
    neg_kept, neg_dropped, neg_cut = bd.fit(neg_parts, limit, count) if neg_parts else ([], [], False)
    if neg_cut or any(p.source == "user" for p in neg_dropped):
        warnings.append(f"The negative prompt was longer than {tgt.label} reads ({limit_text}) and was shortened.")
    return prompt, ", ".join(p.text for p in neg_kept), tokens, est, limit, {p.text for p in kept}


def _fit_prose(parts, sty, tgt, warnings, *, long_input, original_len):
    overhead = len(sty.prose.replace("{prompt}", "")) + 60  # template, connectors, framing sentence
    limit = max(100, (tgt.max_chars or 4000) - overhead)
    kept, dropped, cut = bd.fit(parts, limit, len)
    prompt = prose([p.text for p in kept], sty)
    if tgt.max_chars and len(prompt) > tgt.max_chars:
        prompt, _ = bd.pretrim(prompt, tgt.max_chars)
        cut = True
    limit_text = f"{tgt.max_chars:,} characters"
    if long_input or cut:
        warnings.append(_long_warning(tgt, limit_text, original_len))
    elif dropped:
        warnings.append(f"{len(dropped)} phrase(s) were left out to stay within {tgt.label}'s {limit_text}.")
    return prompt, {p.text for p in kept}


def _as_is(message: str, tgt: Target, neg_typed: str, tokenizer) -> EngineeredPrompt:
    """The words exactly as typed. Only a hard API limit cuts them; a CLIP limit is reported."""
    prompt = message.strip()
    warnings: list[str] = []
    tokens = limit = None
    est = False
    if tgt.clip:
        count, est = bd.make_counter(tokenizer)
        limit = bd.clip_limit(tokenizer)
        tokens = count(prompt)
        if tokens > limit:
            warnings.append(f"Sent as typed, but {tgt.label} reads only the first {'about ' if est else ''}{limit} "
                            f"tokens of {tokens}; the words after that will be ignored.")
    elif tgt.max_chars and len(prompt) > tgt.max_chars:
        warnings.append(_long_warning(tgt, f"{tgt.max_chars:,} characters", len(prompt)))
        prompt, _ = bd.pretrim(prompt, tgt.max_chars)
    neg = ", ".join(merge(neg_typed)) if tgt.negative else ""
    if neg_typed and not tgt.negative:
        warnings.append(f"{tgt.label} takes no negative prompt, so \"{_short(neg_typed)}\" was not sent.")
    return EngineeredPrompt(typed=message, prompt=prompt, negative_prompt=neg, style="none", target=tgt.id,
                            intent="image", reply=None, seed_policy="new", warnings=tuple(warnings), changes=(),
                            tokens=tokens, tokens_estimated=est, token_limit=limit, mode="as-is")


def _repeat(message, prev: Turn, style_id: str, tgt: Target, neg_typed: str, seed_policy: str, tokenizer):
    """"another one" / "again": the previous prompt unchanged, a new seed unless asked otherwise."""
    sty = get_style(style_id)
    prompt = (prev.prompt or "").strip()
    warnings: list[str] = []
    tokens = limit = None
    est = False
    neg = ""
    if tgt.clip:
        count, est = bd.make_counter(tokenizer)
        limit = bd.clip_limit(tokenizer)
        tokens = count(prompt)
        if tokens > limit:
            warnings.append(f"{tgt.label} reads only the first {'about ' if est else ''}{limit} tokens of this prompt.")
        neg = ", ".join(merge(neg_typed, prev.negative_prompt or "", sty.negative if prev.negative_prompt is None else ""))
    elif tgt.max_chars and len(prompt) > tgt.max_chars:
        prompt, _ = bd.pretrim(prompt, tgt.max_chars)
        warnings.append(_long_warning(tgt, f"{tgt.max_chars:,} characters", len(prev.prompt or "")))
    return EngineeredPrompt(typed=message, prompt=prompt, negative_prompt=neg, style=sty.id, target=tgt.id,
                            intent="image", reply=None, seed_policy=seed_policy, warnings=tuple(warnings),
                            changes=(), tokens=tokens, tokens_estimated=est, token_limit=limit, mode="repeat")


def _rewrite(result: EngineeredPrompt, llm: LLMConfig, message: str, prev: Turn | None,
             history: Sequence[Turn], tgt: Target, tokenizer) -> EngineeredPrompt:
    from dataclasses import replace

    if result.mode == "repeat":
        return result  # "again" means the same prompt; nothing to rewrite
    limit = f"{result.token_limit} CLIP tokens (about {result.token_limit * 3 // 4} words)" if tgt.clip \
        else f"{tgt.max_chars:,} characters"
    msgs = build_messages(message=clean(message), draft=result.prompt, previous=(prev.prompt if prev else "") or "",
                          history=history, target_label=tgt.label, wording=tgt.wording, limit=limit)
    try:
        text = rewrite(llm, msgs)
    except RewriteFailed as exc:
        return replace(result, warnings=result.warnings + (
            f"The prompt rewriter ({llm.model}) was not used: {exc}. The rule-based prompt was sent instead.",))
    warnings = list(result.warnings)
    tokens = result.tokens
    if tgt.clip:
        count, _ = bd.make_counter(tokenizer)
        kept, _, cut = bd.fit([bd.Part(text, 0, "user")], result.token_limit or 75, count)
        text = kept[0].text if kept else text
        tokens = count(text)
        if cut:
            warnings.append(f"The rewritten prompt was longer than {tgt.label} reads and was shortened.")
    elif tgt.max_chars and len(text) > tgt.max_chars:
        text, _ = bd.pretrim(text, tgt.max_chars)
        warnings.append(f"The rewritten prompt was longer than {tgt.max_chars:,} characters and was shortened.")
    return replace(result, prompt=text, tokens=tokens, warnings=tuple(warnings), rewritten_by=llm.model)
