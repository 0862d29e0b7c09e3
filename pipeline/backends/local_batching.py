"""Several images in one pipeline call: which requests can share a call, how many at once, and the
call's arguments for them.

Requests share a call when everything the call takes as one value is the same for them: the kind
(text-to-image, or image-to-image with the same strength; inpainting runs alone), size, steps,
guidance, sampler, clip skip and LoRAs. Prompts, negative prompts, source pictures and seeds may
differ: the call takes a list of each, and one ``torch.Generator`` per image, so each image gets the
noise its seed gives when it runs alone. Prompts with A1111 weights or clip skip are encoded by
``local_weighting`` into embeddings of varying length, so those run alone too, and so do long prompts
(read in 75-token windows the same way).
"""

from __future__ import annotations

import io
from typing import Any, Hashable, Sequence

from pipeline.backends import local_controls, local_edit, local_lora
from pipeline.backends.local_memory import VAE_BYTES_PER_PIXEL
from pipeline.backends.local_weighting import is_weighted, parse_weights, plain_text, text_arguments
from pipeline.request import GenerationRequest

# Images per call at most when memory allows it on a CUDA device (``--max-batch`` unset). Past 8 an
# SD-class UNet is compute-bound on a large GPU: more per call adds latency for each person, little speed.
GPU_MAX_BATCH = 8
# Text this long may pass CLIP's 75-token window (prompts run about 4 characters a token; a run of
# short tags with commas can reach 2): such a request runs alone rather than be measured here.
LONG_PROMPT_CHARS = 150
# The share of the free accelerator memory a batch's activations may plan to use.
BATCH_MEMORY_SHARE = 0.8


def batch_key(req: GenerationRequest) -> Hashable | None:
    """What must be equal for requests to share a call (``req`` resolved); None: it runs alone."""
    kind = local_edit.kind_of(req)
    if kind == local_edit.INPAINT:
        return None
    positive = parse_weights(local_lora.strip_tags(req.prompt))
    negative = parse_weights(local_lora.strip_tags(req.negative_prompt or ""))
    if is_weighted(positive) or is_weighted(negative) or (req.clip_skip or 1) > 1:
        return None
    if any(len(plain_text(side)) > LONG_PROMPT_CHARS for side in (positive, negative)):
        return None  # may pass CLIP's window: then encoded in windows, as weighted prompts are
    loras = tuple(sorted(local_controls.loras_used(req).items()))
    strength = req.strength if kind == local_edit.IMAGE else None
    # An empty negative prompt is no negative prompt (SDXL then uses zeros): all or none of a batch have one.
    has_negative = bool(plain_text(negative))
    return (kind, req.model, req.width, req.height, req.steps, req.guidance, req.sampler, loras, strength,
            has_negative)


def plan_batch(explicit: int | None, device: str | None, free_bytes: int | None, width: int | None,
               height: int | None) -> int:
    """Pure: how many images one call may take. ``explicit`` (``--max-batch``) wins; otherwise one on
    the CPU (and wherever the device or its free memory is not known yet): there a batch does the same
    work per image and makes each person wait for everyone's; on a CUDA device as many as the free
    memory holds (the VAE decode of the whole batch is the largest need), at most GPU_MAX_BATCH."""
    if explicit is not None:
        return max(1, explicit)
    if not device or not device.startswith("cuda") or free_bytes is None or not width or not height:
        return 1
    per_image = VAE_BYTES_PER_PIXEL * width * height
    return max(1, min(GPU_MAX_BATCH, int(free_bytes * BATCH_MEMORY_SHARE // per_image)))


def text_call_arguments(pipe: Any, reqs: Sequence[GenerationRequest], lora_dir: str | None) -> dict[str, Any]:
    """Sets the shared scheduler and LoRAs on ``pipe`` (from the first request: the batch key makes
    them equal) and returns the call's prompts: one request's as ``local_controls.prepare`` gives them,
    several as lists."""
    first = local_controls.prepare(pipe, reqs[0], lora_dir)
    if len(reqs) == 1:
        return first
    each = [first] + [text_arguments(pipe, local_lora.strip_tags(r.prompt), local_lora.strip_tags(r.negative_prompt),
                                     r.clip_skip) for r in reqs[1:]]
    if any("prompt_embeds" in a for a in each):  # ruled out by batch_key; a list of texts cannot hold them
        raise ValueError("weighted prompts cannot share a call")
    negatives = [a.get("negative_prompt") for a in each]
    args: dict[str, Any] = {
        "prompt": [a["prompt"] for a in each],
        "negative_prompt": None if all(n is None for n in negatives) else [n or "" for n in negatives],
    }
    if "clip_skip" in first:
        args["clip_skip"] = first["clip_skip"]
    return args


def image_call_arguments(reqs: Sequence[GenerationRequest], native: int | None) -> dict[str, Any]:
    """The size (text-to-image), or each request's source picture and the shared strength."""
    args = local_edit.call_arguments(reqs[0], native=native)
    if len(reqs) > 1 and "image" in args:
        from PIL import Image

        args["image"] = [args["image"]] + [Image.open(io.BytesIO(r.init_image)).convert("RGB") for r in reqs[1:]]
    return args


def generators(seeds: Sequence[int]) -> Any:
    """One CPU generator per image (on the CPU so a seed gives the same noise on any device): a list
    for several, the generator itself for one, as a lone run has always passed it."""
    import torch

    made = [torch.Generator("cpu").manual_seed(seed) for seed in seeds]
    return made[0] if len(made) == 1 else made


class AllSet:
    """Set when every one of ``events`` is: the call stops only when all its images are cancelled."""

    def __init__(self, events: Sequence[Any]):
        self._events = tuple(events)

    def is_set(self) -> bool:
        return all(e.is_set() for e in self._events)
