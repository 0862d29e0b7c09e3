"""The workstation controls of a local run (sampler, clip skip, ...): checked before any work, and
applied to the shared pipeline just before its call.

``check`` is cheap and runs in ``resolve`` (so the HTTP API answers 422 before queueing); with the
pipeline loaded it also checks what only the model can say (whether its scheduler can be swapped).
``prepare`` runs under the pipeline's run lock and returns the arguments for the pipeline call.
"""

from __future__ import annotations

from typing import Any

from pipeline.backends import local_lora
from pipeline.backends.local_schedulers import cache_for
from pipeline.backends.local_weighting import text_arguments
from pipeline.errors import InvalidRequest
from pipeline.request import GenerationRequest
from pipeline.samplers import MAX_CLIP_SKIP, canonical_name


def check(request: GenerationRequest, pipe: Any | None = None, lora_dir: str | None = None) -> GenerationRequest:
    """``request`` with its sampler spelled canonically; InvalidRequest naming the field otherwise
    (a LoRA tag naming no file in ``lora_dir`` is the prompt's fault)."""
    local_lora.check(request.prompt, lora_dir)
    sampler = request.sampler
    if sampler is not None:
        try:
            sampler = canonical_name(sampler)
            if pipe is not None:
                cache_for(pipe).get(sampler)
        except ValueError as exc:
            raise InvalidRequest("sampler", str(exc)) from None
    clip_skip = request.clip_skip
    if clip_skip is not None:
        if isinstance(clip_skip, bool) or not isinstance(clip_skip, int) or not 1 <= clip_skip <= MAX_CLIP_SKIP:
            raise InvalidRequest(
                "clip_skip", f"Clip skip must be a whole number from 1 to {MAX_CLIP_SKIP}; got {clip_skip!r}."
            )
        layers = _text_layers(pipe)
        if layers is not None and clip_skip > layers:
            raise InvalidRequest(
                "clip_skip", f"Clip skip {clip_skip} is more than this model's {layers} text-encoder layers."
            )
    return request.with_(sampler=sampler, clip_skip=clip_skip)


def prepare(pipe: Any, request: GenerationRequest, lora_dir: str | None = None) -> dict[str, Any]:
    """Set the run's scheduler and LoRA adapters on ``pipe`` (every run sets both: none inherits
    another's) and return the call's text arguments: the prompt and negative prompt without LoRA tags
    and weighting syntax, as text or as weighted (clip-skipped) embeddings."""
    pipe.scheduler = cache_for(pipe).get(request.sampler)
    local_lora.apply(pipe, lora_dir, local_lora.check(request.prompt, lora_dir))
    return text_arguments(pipe, local_lora.strip_tags(request.prompt),
                          local_lora.strip_tags(request.negative_prompt), request.clip_skip)


def loras_used(request: GenerationRequest) -> dict[str, float]:
    """The LoRAs a request's prompt turns on, for the record."""
    return {use.name: use.weight for use in local_lora.find_tags(request.prompt)}


def default_sampler(pipe: Any) -> str | None:
    """The name of the model's own scheduler, or None when it has no A1111 name."""
    from pipeline.backends.local_schedulers import name_of

    return name_of(cache_for(pipe).base)


def _text_layers(pipe: Any | None) -> int | None:
    encoder = getattr(pipe, "text_encoder", None)
    return getattr(getattr(encoder, "config", None), "num_hidden_layers", None)
