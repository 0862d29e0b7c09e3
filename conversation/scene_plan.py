"""The scene an action asks for (stage 4 of a turn): a new one from a description, the current one
changed, an earlier one taken back or branched from; and the settings the person set laid over it."""

from __future__ import annotations

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
        scene = scene_from_description(action.description, verbatim=action.verbatim or not settings.enhance)
        scene = scene.with_(enhance=settings.enhance)
        scene, changes = apply_ops(scene, action.ops)
        return scene, head.id if head else None, [c for c in changes if not c.startswith("- ")] +\
            [c for c in changes if c.startswith("- ")], max(action.count, settings.count), None
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
