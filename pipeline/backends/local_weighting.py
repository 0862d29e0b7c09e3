"""A1111 prompt weighting -- ``(word:1.2)``, ``(word)``, ``[word]`` -- and clip skip, as text embeddings.

CLIP would otherwise read the brackets as text. The prompt is parsed the way A1111 parses it
(``modules/prompt_parser.py``: ``(x)`` x1.1, ``[x]`` /1.1, ``(x:w)`` xw, nesting multiplies, ``\\(``
is a literal bracket), each token's embedding is scaled by its weight and the whole is brought back
to the unweighted mean, as A1111 does, so a weight changes emphasis rather than overall scale.
Prompts longer than CLIP's 75 tokens are encoded in 75-token chunks and joined, as A1111 does.

Own encoding is used only where it changes something (a weight other than 1, clip skip, or a side
longer than one 75-token window, which the pipeline would cut):
otherwise the cleaned text goes to the pipeline as text, so ``(cat:1.0)`` gives exactly what ``cat``
gives. It covers UNet pipelines conditioned on CLIP alone: one encoder (SD 1.x/2.x) or two (SDXL,
whose pooled embedding comes along); for others (SD3, FLUX) the cleaned text is sent and clip skip
is left to diffusers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

ROUND = 1.1  # A1111's "(word)"
SQUARE = 1 / 1.1  # A1111's "[word]"
CHUNK = 75  # CLIP's 77 positions less the start and end tokens

# A1111's tokens: escapes, brackets, a ":weight)" closing, or plain text (modules/prompt_parser.py).
_ATTENTION = re.compile(
    r"""\\\(|\\\)|\\\[|\\]|\\\\|\\|\(|\[|:\s*([+-]?[.\d]+)\s*\)|\)|]|[^\\()\[\]:]+|:""", re.X
)


@dataclass(frozen=True)
class Fragment:
    text: str
    weight: float


def parse_weights(text: str) -> tuple[Fragment, ...]:
    """The prompt as runs of text with their weights; neighbouring runs of equal weight are merged."""
    res: list[list[Any]] = []
    round_open: list[int] = []
    square_open: list[int] = []

    def multiply(start: int, by: float) -> None:
        for p in range(start, len(res)):
            res[p][1] *= by

    for m in _ATTENTION.finditer(text):
        token, weight = m.group(0), m.group(1)
        if token.startswith("\\"):
            res.append([token[1:], 1.0])
        elif token == "(":
            round_open.append(len(res))
        elif token == "[":
            square_open.append(len(res))
        elif weight is not None and round_open:
            try:
                multiply(round_open.pop(), float(weight))
            except ValueError:  # "(x:1.2.3)": A1111 keeps such text as it is
                res.append([token, 1.0])
        elif token == ")" and round_open:
            multiply(round_open.pop(), ROUND)
        elif token == "]" and square_open:
            multiply(square_open.pop(), SQUARE)
        else:
            res.append([token, 1.0])
    for start in round_open:  # unclosed brackets weigh to the end, as in A1111
        multiply(start, ROUND)
    for start in square_open:
        multiply(start, SQUARE)
    merged: list[list[Any]] = []
    for piece in res:
        if merged and merged[-1][1] == piece[1]:
            merged[-1][0] += piece[0]
        else:
            merged.append(list(piece))
    return tuple(Fragment(t, float(w)) for t, w in merged) or (Fragment("", 1.0),)


def plain_text(fragments: tuple[Fragment, ...]) -> str:
    """The words without the weighting syntax."""
    return "".join(f.text for f in fragments)


def is_weighted(fragments: tuple[Fragment, ...]) -> bool:
    return any(f.weight != 1.0 for f in fragments)


def text_arguments(pipe: Any, prompt: str, negative: str, clip_skip: int | None) -> dict[str, Any]:
    """The pipeline call's text arguments: the cleaned text, or embeddings where weights or clip skip
    (A1111's count: 2 skips the last layer) need them and the pipeline is conditioned on CLIP alone."""
    pos, neg = parse_weights(prompt), parse_weights(negative or "")
    skip = clip_skip - 1 if clip_skip and clip_skip > 1 else 0
    clips = _clips(pipe)
    if not clips or not (is_weighted(pos) or is_weighted(neg) or skip or _past_one_window(clips, pos, neg)):
        args: dict[str, Any] = {"prompt": plain_text(pos), "negative_prompt": plain_text(neg) or None}
        if skip:
            args["clip_skip"] = skip
        return args
    if len(clips) == 1:
        layer = _Layer(skip + 1, norm=bool(skip))
        cond, uncond = _encode(clips, pos, layer), _encode(clips, neg, layer)
        # Both sides must hold as many chunks: pad the shorter with empty ones.
        cond, uncond = _pad_to(clips, cond, uncond, layer), _pad_to(clips, uncond, cond, layer)
        return {"prompt": None, "negative_prompt": None, "prompt_embeds": cond.embeds,
                "negative_prompt_embeds": uncond.embeds}
    return _xl_arguments(pipe, clips, pos, neg, skip)


def _xl_arguments(pipe: Any, clips: tuple["_Clip", ...], pos: tuple[Fragment, ...],
                  neg: tuple[Fragment, ...], skip: int) -> dict[str, Any]:
    """SDXL's four tensors, built as its ``encode_prompt`` builds them: both encoders' penultimate
    layers (further back with clip skip; the negative side always the penultimate) side by side, the
    pooled output of the second encoder, and zeros for an empty negative where the model asks."""
    import torch

    cond_layer, uncond_layer = _Layer(skip + 2, norm=False), _Layer(2, norm=False)
    cond = _encode(clips, pos, cond_layer)
    if not plain_text(neg) and getattr(pipe.config, "force_zeros_for_empty_prompt", False):
        uncond = _Encoded(torch.zeros_like(cond.embeds), torch.zeros_like(cond.pooled))
    else:
        uncond = _encode(clips, neg, uncond_layer)
        cond, uncond = _pad_to(clips, cond, uncond, cond_layer), _pad_to(clips, uncond, cond, uncond_layer)
    return {"prompt": None, "negative_prompt": None, "prompt_embeds": cond.embeds,
            "negative_prompt_embeds": uncond.embeds, "pooled_prompt_embeds": cond.pooled,
            "negative_pooled_prompt_embeds": uncond.pooled}


@dataclass(frozen=True)
class _Clip:
    tokenizer: Any
    encoder: Any


@dataclass(frozen=True)
class _Layer:
    """Which hidden state to take, counted from the end, and whether the final layer norm follows."""
    back: int
    norm: bool


@dataclass(frozen=True)
class _Encoded:
    embeds: Any
    pooled: Any = None  # the last encoder's projected output of the first chunk (SDXL)


def _clips(pipe: Any) -> tuple[_Clip, ...]:
    """The CLIP encoders a UNet pipeline is conditioned on: one (SD 1.x/2.x) or two (SDXL), or none
    where the text goes elsewhere too (SD3/FLUX transformers, T5, an SDXL refiner's single encoder)."""
    if getattr(pipe, "unet", None) is None or getattr(pipe, "text_encoder_3", None) is not None:
        return ()
    first = _Clip(getattr(pipe, "tokenizer", None), getattr(pipe, "text_encoder", None))
    second = _Clip(getattr(pipe, "tokenizer_2", None), getattr(pipe, "text_encoder_2", None))
    if first.tokenizer is None or first.encoder is None:
        return ()
    if second.encoder is None:
        return (first,)
    if second.tokenizer is None or getattr(pipe.unet.config, "addition_embed_type", None) != "text_time":
        return ()
    return (first, second)


def _past_one_window(clips: tuple["_Clip", ...], *sides: tuple[Fragment, ...]) -> bool:
    """Whether a side is longer than CLIP's 75 tokens: the pipeline would cut it there, own encoding
    reads it whole in windows."""
    return any(len(_tokens(clips[0].tokenizer, side)[0]) > CHUNK for side in sides if plain_text(side))


def _tokens(tokenizer: Any, fragments: tuple[Fragment, ...]) -> tuple[list[int], list[float]]:
    ids: list[int] = []
    weights: list[float] = []
    for f in fragments:
        found = tokenizer(f.text, add_special_tokens=False, truncation=False).input_ids if f.text else []
        ids += found
        weights += [f.weight] * len(found)
    return ids, weights


def _encode(clips: tuple[_Clip, ...], fragments: tuple[Fragment, ...], layer: _Layer) -> _Encoded:
    """Each encoder's 75-token chunks, the encoders side by side on the feature axis (SDXL's 768+1280),
    the chunks one after the other on the token axis."""
    per_clip = []
    pooled = None
    for clip in clips:
        ids, weights = _tokens(clip.tokenizer, fragments)
        chunks = [(ids[i:i + CHUNK], weights[i:i + CHUNK]) for i in range(0, max(len(ids), 1), CHUNK)]
        encoded = [_encode_chunk(clip, c_ids, c_w, layer) for c_ids, c_w in chunks]
        per_clip.append(_cat([e.embeds for e in encoded], dim=1))
        pooled = encoded[0].pooled
    return _Encoded(_cat(per_clip, dim=-1), pooled)


def _encode_chunk(clip: _Clip, ids: list[int], weights: list[float], layer: _Layer) -> _Encoded:
    import torch

    tok, encoder = clip.tokenizer, clip.encoder
    pad = tok.pad_token_id if tok.pad_token_id is not None else tok.eos_token_id
    n = CHUNK + 2
    row = [tok.bos_token_id, *ids, tok.eos_token_id]
    row += [pad] * (n - len(row))
    w = [1.0, *weights, 1.0] + [1.0] * (n - 2 - len(weights))
    device = encoder.device
    input_ids = torch.tensor([row], device=device)
    # As diffusers' encode_prompt: an attention mask only for encoders configured to use one.
    mask = None
    if getattr(encoder.config, "use_attention_mask", False):
        mask = torch.tensor([[1] * (len(ids) + 2) + [0] * (n - len(ids) - 2)], device=device)
    pooled = None
    with torch.no_grad():
        if layer.back > 1:
            out = encoder(input_ids, attention_mask=mask, output_hidden_states=True)
            z = out.hidden_states[-layer.back]
            if layer.norm:  # SD 1.x/2.x: the skipped-to layer still goes through the final norm
                z = getattr(getattr(encoder, "text_model", encoder), "final_layer_norm")(z)
            if out[0].ndim == 2:  # a projection model (SDXL's second encoder): its pooled output
                pooled = out[0]
        else:
            z = encoder(input_ids, attention_mask=mask)[0]
        z = z.to(dtype=encoder.dtype)
        if any(x != 1.0 for x in w):
            before = z.float().mean()
            z = z * torch.tensor(w, device=device, dtype=z.dtype).reshape(1, -1, 1)
            after = z.float().mean()
            # A1111 restores the unweighted mean. Where the mean is about zero (a final layer norm with
            # no learned bias, as in an untrained encoder) that ratio is noise: keep the scaled values.
            if abs(float(after)) > 1e-4 * float(z.float().std()) and abs(float(before)) > 0:
                z = z * (before / after).to(z.dtype)
    return _Encoded(z, pooled)


def _cat(parts: list[Any], dim: int) -> Any:
    import torch

    return parts[0] if len(parts) == 1 else torch.cat(parts, dim=dim)


def _pad_to(clips: tuple[_Clip, ...], encoded: _Encoded, other: _Encoded, layer: _Layer) -> _Encoded:
    missing = (other.embeds.shape[1] - encoded.embeds.shape[1]) // (CHUNK + 2)
    if missing <= 0:
        return encoded
    empty = _encode(clips, (Fragment("", 1.0),), layer).embeds
    return _Encoded(_cat([encoded.embeds, *([empty] * missing)], dim=1), encoded.pooled)
