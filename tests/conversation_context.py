"""The context a turn is read in, built for tests of the offline rules: a scene from a description and
the pictures made so far, as the turn service would hand them to the interpreter."""

from __future__ import annotations

from conversation.actions import Action, Branch, Edit, New
from conversation.describe import scene_from_description
from conversation.edits import apply_ops
from conversation.interpreter import Context, Picture
from conversation.scene import Scene


def scene_of(description: str, **settings) -> Scene:
    return scene_from_description(description).with_(**settings)


def ctx(scene: Scene | str | None = None, *, pictures: int | None = None, target: str = "sd15",
        english_only: bool = True) -> Context:
    """A context with ``scene`` on screen (a description is read into one, seed 42) and ``pictures``
    made so far (one when a scene is given, none otherwise)."""
    if isinstance(scene, str):
        scene = scene_of(scene, seed=42)
    n = (1 if scene is not None else 0) if pictures is None else pictures
    pics = tuple(Picture(number=i + 1, seed=1000 + i, steps=25, guidance=7.5, width=512, height=512,
                         backend="local", model="tiny-sd", prompt_sent=f"picture {i + 1}") for i in range(n))
    return Context(scene=scene, pictures=pics, target=target, english_only=english_only, can_undo=n > 1)


def next_scene(action: Action, scene: Scene | None) -> Scene | None:
    """The scene a turn leaves, as the turn service builds it: a new one read from a description, or the
    edit's operations applied; None for a turn that draws nothing (small talk, a question, history)."""
    if isinstance(action, New):
        return apply_ops(scene_from_description(action.description, verbatim=action.verbatim), action.ops)[0]
    if isinstance(action, (Edit, Branch)):
        return apply_ops(scene, action.ops)[0]
    return None
