"""The scene an action asks for (stage 4 of a turn): a new one from a description, the current one
changed, an earlier one taken back or branched from; and the settings the person set laid over it. Several
different pictures asked in one message ("in all four seasons") are planned each from that scene."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pipeline.request import batch_seeds
from storage import SceneRow

from conversation.actions import Action, Branch, Edit, New, Repeat, Revert, Undo
from conversation.describe import scene_from_description
from conversation.edits import apply_ops
from conversation.interpreter import Context
from conversation.scene import Scene
from conversation.turn_input import TurnSettings


def plan_scene(action: Action, ctx: Context, rows: list[SceneRow], settings: TurnSettings):
    """(scene, parent scene id, changes, image count, picture number) or a reply saying why not."""
    head = rows[-1] if rows else None
    current = ctx.scene
    if isinstance(action, New):
        scene, changes = _new_scene(action.description, action, settings)
        return scene, head.id if head else None, changes, max(action.count, settings.count), None
    if current is None or head is None:
        return ('There is no picture here yet to change. Describe one first, for example '
                '"a lighthouse on a cliff at dusk".')
    if isinstance(action, Edit):  # apply_ops keeps the seed unless an op sets one
        scene, changes = apply_ops(current, action.ops)
        return scene, head.id, changes, max(action.count, settings.count), None
    if isinstance(action, Repeat):
        return current.with_(seed=None), head.id, [], max(action.count, settings.count), None
    if isinstance(action, Undo):
        target = head
        for _ in range(action.steps):
            parent = next((r for r in rows if r.id == target.parent_id), None)
            if parent is None:
                break
            target = parent
        if target is head:
            return "There is nothing to undo yet: this is the first picture of the conversation."
        return Scene.model_validate(target.scene), target.parent_id, [], 1, target.image_number
    if isinstance(action, (Revert, Branch)):
        drawn = [r for r in rows if r.image_number is not None]
        n = action.image
        row = (drawn[n - 1] if 0 < n <= len(drawn) else None) if n > 0 else \
            (drawn[len(drawn) + n] if -len(drawn) <= n < 0 else None)
        if row is None:
            return f"There is no picture {n} here; this conversation has {len(drawn)}."
        scene = Scene.model_validate(row.scene)
        if action.pick and action.pick <= len(row.task_ids) and scene.seed is not None:
            scene = scene.with_(seed=batch_seeds(scene.seed, action.pick)[-1])  # one picture of that turn's batch
        if isinstance(action, Revert):
            return scene, head.id, [], 1, row.image_number
        edited, changes = apply_ops(scene, action.ops)
        return edited, row.id, changes, settings.count, row.image_number
    return "I could not tell what to do with that message."


def _new_scene(description: str, action: New, settings: TurnSettings) -> tuple[Scene, list[str]]:
    """A new scene from a description and the ops said with it; what was added listed before what was taken out."""
    scene = scene_from_description(description, verbatim=action.verbatim or not settings.enhance)
    scene, changes = apply_ops(scene.with_(enhance=settings.enhance), action.ops)
    return scene, [c for c in changes if not c.startswith("- ")] + [c for c in changes if c.startswith("- ")]


@dataclass(frozen=True)
class PlannedPicture:
    """One picture a turn draws: its scene, its own changes (after those the turn shares), a chat model's prompt."""

    scene: Scene
    changes: tuple[str, ...] = ()
    prompt: str | None = None


def planned_pictures(action: Action, shared: Scene, settings: TurnSettings) -> list[PlannedPicture]:
    """The pictures a turn draws from the scene it planned (settings laid over): that scene alone, or one per
    variant asked in the message, each with its own description (a new picture) and its own changes, so each is
    written its own prompt. An edit's variants keep the picture's seed, as any edit does."""
    variants = getattr(action, "variants", ())
    if not variants:
        return [PlannedPicture(shared, (), getattr(action, "prompt", None))]
    out = []
    for variant in variants:
        base = shared
        if isinstance(action, New) and variant.description:  # "two pics: a sunflower field and a lavender field"
            base = with_settings(_new_scene(variant.description, action, settings)[0], settings)
        scene, changes = apply_ops(base, variant.ops)
        out.append(PlannedPicture(scene, tuple(changes), variant.prompt))
    return out


def with_settings(scene: Scene, s: TurnSettings) -> Scene:
    """The settings the person set win over what the conversation had."""
    update: dict[str, Any] = {}
    if s.style:
        update["style"] = s.style
    if s.width and s.height:
        update.update(width=s.width, height=s.height, aspect=None)
    if s.steps is not None:
        update["steps"] = s.steps
    if s.guidance is not None:
        update["guidance"] = s.guidance
    if s.seed is not None:
        update["seed"] = s.seed
    return scene.with_(**update) if update else scene
