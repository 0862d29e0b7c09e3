"""The generation requests of a turn (stage 4): for each picture, the prompt written from its scene for the
model that will draw it, its size, the picture it starts from, and for a batch, consecutive seeds."""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Any, Callable

from pipeline.backends.base import runnable_prompt
from pipeline.request import SEED_MAX, GenerationRequest, batch_seeds
from pipeline.router import Router
from prompts.targets import get_target

from conversation.scene import Scene
from conversation.scene_plan import PlannedPicture
from conversation.sizes import resolve_size
from conversation.turn_input import TurnSettings
from conversation.writer import write

# (draft prompt, what was typed, target id) -> (prompt to send, a warning when the draft was kept)
Rewriter = Callable[[str, str, str], "tuple[str, str | None]"]


@dataclass(frozen=True)
class Source:
    """The picture a turn starts from (and the mask painted on it), read from the store."""

    image_id: str
    data: bytes
    strength: float | None
    mask_id: str | None = None
    mask: bytes | None = None
    reshaped: bool = False  # the turn asked a new shape ("make it 16:9, keep the rest"): the picture is brought to it
    size: tuple[int, int] | None = None  # a picture of the conversation: the size it was drawn at, kept by an edit


@dataclass(frozen=True)
class Drawn:
    """Every request of a turn, the planned picture each one draws (its index), and the writer's notes."""

    requests: list[GenerationRequest]
    owners: list[int]
    notes: list[str]


def turn_requests(router: Router, tokenizer: Callable[[], Any], pictures: list[PlannedPicture], settings: TurnSettings,
                  conv_id: str | None, user: str | None, typed: str, count: int, rewrite: Rewriter | None = None,
                  source: Source | None = None) -> Drawn:
    """The requests for the pictures a turn planned: ``count`` of one picture (consecutive seeds), or one of each of
    several different pictures. Several new pictures share the first one's seed, so they differ only in what was asked."""
    requests: list[GenerationRequest] = []
    owners: list[int] = []
    notes: list[str] = []
    seed = None
    for i, planned in enumerate(pictures):
        scene = planned.scene if planned.scene.seed is not None or seed is None else planned.scene.with_(seed=seed)
        made, written = picture_requests(router, tokenizer, scene, settings, conv_id, user, typed,
                                         count if len(pictures) == 1 else 1, planned.prompt, rewrite, source)
        seed = made[0].seed if seed is None else seed
        requests += made
        owners += [i] * len(made)
        notes += [note for note in written.notes if note not in notes]
    return Drawn(requests, owners, notes)


def picture_requests(router: Router, tokenizer: Callable[[], Any], scene: Scene, settings: TurnSettings,
                     conv_id: str | None, user: str | None, typed: str, count: int, prompt_by_model: str | None,
                     rewrite: Rewriter | None = None, source: Source | None = None) -> tuple[list[GenerationRequest], Any]:
    """``count`` requests for one scene (a batch takes consecutive seeds), and what the writer made of it."""
    draft = GenerationRequest(prompt="x", backend=settings.backend or "auto", model=settings.model,
                              conversation_id=conv_id, user=user)
    backend = router.pick(draft)
    target = router.prompt_target(backend)
    written = write(scene, target, tokenizer=tokenizer() if get_target(target).clip else None,
                    negative=settings.negative_prompt)
    prompt = prompt_by_model.strip() if prompt_by_model and prompt_by_model.strip() else written.prompt
    warnings = list(written.warnings)
    if rewrite is not None and not prompt_by_model:
        prompt, warning = rewrite(prompt, typed, target)
        warnings += [warning] if warning else []
    prompt, left_out = runnable_prompt(backend, prompt)  # a pasted <lora:…> this server lacks: drawn without it
    warnings += left_out
    if settings.width or settings.height:  # asked for exactly: the backend checks it and says why not
        width, height = settings.width, settings.height
    elif source is not None and not source.reshaped:  # an edit takes the shape of its picture; the backend sizes one given
        width, height = source.size or (None, None)
    else:
        native = backend.resolve(draft.with_(steps=scene.steps, guidance=scene.guidance))
        width, height = resolve_size(target, aspect=scene.aspect, width=scene.width, height=scene.height,
                                     native=(native.width, native.height) if native.width and native.height else None)
    request = GenerationRequest(
        prompt=prompt,
        prompt_typed=typed,
        negative_prompt=written.negative_prompt if get_target(target).negative else "",
        style=scene.style,
        backend=backend.name,
        model=settings.model,
        width=width,
        height=height,
        steps=scene.steps,
        guidance=scene.guidance,
        seed=scene.seed,
        options=router.registry.options_from(settings),
        sampler=settings.sampler,
        clip_skip=settings.clip_skip,
        conversation_id=conv_id,
        user=user,
        warnings=tuple(warnings),
        changes=(),
    )
    if source is not None:
        request = request.with_(init_image=source.data, mask=source.mask, strength=source.strength,
                                source_image_id=source.image_id, mask_image_id=source.mask_id)
    first = backend.resolve(request)
    if count == 1:
        return [first], written
    # A batch takes consecutive seeds, so each image can be made again on its own.
    start = first.seed if first.seed is not None else random.randint(0, SEED_MAX)
    return [first.with_(seed=seed) for seed in batch_seeds(start, count)], written


def made_pictures(pictures: list[PlannedPicture], requests: list[GenerationRequest], owners: list[int],
                  tasks: list[Any]) -> list[tuple[PlannedPicture, list[tuple[GenerationRequest, Any]]]]:
    """Each planned picture that got at least one task queued, with its requests and their tasks, in order: a
    daily limit or a full queue may have cut the turn short, and a picture with no task is no picture."""
    out = []
    for i, planned in enumerate(pictures):
        queued = [(req, task) for req, owner, task in zip(requests, owners, tasks) if owner == i]
        if queued:
            out.append((planned, queued))
    return out
