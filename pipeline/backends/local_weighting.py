"""A1111 prompt weighting -- ``(word:1.2)``, ``(word)``, ``[word]`` -- and clip skip, as text embeddings.

CLIP would otherwise read the brackets as text. The prompt is parsed the way A1111 parses it
(``modules/prompt_parser.py``: ``(x)`` x1.1, ``[x]`` /1.1, ``(x:w)`` xw, nesting multiplies, ``\\(``
is a literal bracket), each token's embedding is scaled by its weight and the whole is brought back
to the unweighted mean, as A1111 does, so a weight changes emphasis rather than overall scale.
Prompts longer than CLIP's 75 tokens are encoded in 75-token chunks and joined, as A1111 does.

Own encoding is used only where it changes something (a weight other than 1, or clip skip):
otherwise the cleaned text goes to the pipeline as text, so ``(cat:1.0)`` gives exactly what ``cat``
gives. It needs a pipeline with one CLIP text encoder (SD 1.x/2.x); for others the cleaned text is
sent and clip skip is left to diffusers.
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
    (A1111's count: 2 skips the last layer) need them and the pipeline has one CLIP text encoder."""
    pos, neg = parse_weights(prompt), parse_weights(negative or "")
    skip = clip_skip - 1 if clip_skip and clip_skip > 1 else 0
    single_clip = (getattr(pipe, "text_encoder", None) is not None and getattr(pipe, "tokenizer", None) is not None
                   and getattr(pipe, "text_encoder_2", None) is None)
    if not single_clip or not (is_weighted(pos) or is_weighted(neg) or skip):
        args: dict[str, Any] = {"prompt": plain_text(pos), "negative_prompt": plain_text(neg) or None}
        if skip:
            args["clip_skip"] = skip
        return args
    cond = _encode(pipe, pos, skip)
    uncond = _encode(pipe, neg, skip)
    # Both sides must hold as many chunks: pad the shorter with empty ones.
    cond, uncond = _pad_to(pipe, cond, uncond, skip), _pad_to(pipe, uncond, cond, skip)
    return {"prompt": None, "negative_prompt": None, "prompt_embeds": cond, "negative_prompt_embeds": uncond}


def _tokens(tokenizer: Any, fragments: tuple[Fragment, ...]) -> tuple[list[int], list[float]]:
    ids: list[int] = []
    weights: list[float] = []
    for f in fragments:
        found = tokenizer(f.text, add_special_tokens=False, truncation=False).input_ids if f.text else []
        ids += found
        weights += [f.weight] * len(found)
    return ids, weights


def _encode(pipe: Any, fragments: tuple[Fragment, ...], skip: int) -> Any:
    ids, weights = _tokens(pipe.tokenizer, fragments)
    chunks = [(ids[i:i + CHUNK], weights[i:i + CHUNK]) for i in range(0, max(len(ids), 1), CHUNK)]
    return _cat([_encode_chunk(pipe, c_ids, c_w, skip) for c_ids, c_w in chunks])


def _encode_chunk(pipe: Any, ids: list[int], weights: list[float], skip: int) -> Any:
    import torch

    tok, encoder = pipe.tokenizer, pipe.text_encoder
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
    with torch.no_grad():
        if skip:
            out = encoder(input_ids, attention_mask=mask, output_hidden_states=True)
            z = out.hidden_states[-(skip + 1)]
            # The skipped-to layer still goes through the final layer norm, as in A1111 and diffusers.
            norm = getattr(getattr(encoder, "text_model", encoder), "final_layer_norm")
            z = norm(z)
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
    return z


def _cat(parts: list[Any]) -> Any:
    import torch

    return parts[0] if len(parts) == 1 else torch.cat(parts, dim=1)


def _pad_to(pipe: Any, embeds: Any, other: Any, skip: int) -> Any:
    missing = (other.shape[1] - embeds.shape[1]) // (CHUNK + 2)
    if missing <= 0:
        return embeds
    empty = _encode_chunk(pipe, [], [], skip)
    return _cat([embeds, *([empty] * missing)])
