"""The scene: what one picture of a conversation shows, as structured state.

A turn never edits a prompt string; it edits a scene, and the prompt is written from the scene
for the model that draws it (``conversation.writer``). The scene is stored with each turn, so
"undo", "the first one" and a restart all find it again.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field

# The slots of a scene that hold one phrase each ("at night", "in a cozy coffee shop"). Their
# order is the order they are written into a prompt, after the subject and its details.
SLOTS = ("setting", "time", "weather", "season", "lighting", "mood", "palette", "framing", "medium")


class Scene(BaseModel):
    """One picture's content and recipe. ``None`` means "not said": the writer or the model
    decides (enhancement, the model's default size/steps/guidance, a random seed)."""

    model_config = ConfigDict(frozen=True, extra="ignore")

    subject: str = ""  # "a ginger cat asleep on a windowsill"
    details: tuple[str, ...] = ()  # "a red umbrella", "wearing a blue coat"
    setting: str | None = None  # "in a cozy coffee shop"
    time: str | None = None  # "at night", "at sunset"
    weather: str | None = None  # "in the rain"
    season: str | None = None  # "in winter"
    lighting: str | None = None  # "warm golden light"
    mood: str | None = None  # "spooky atmosphere"
    palette: str | None = None  # "pastel colors"
    framing: str | None = None  # "close-up shot", "seen from above"
    medium: str | None = None  # a look that no style preset names: "charcoal drawing"
    style: str = "none"  # a style preset id (prompts.styles)
    negatives: tuple[str, ...] = ()  # what the person asked not to see
    # Power-user prompts (weights, many comma tags) are kept verbatim and never enhanced.
    verbatim: bool = False
    enhance: bool = True  # the settings' "Enhance my prompt"
    width: int | None = None
    height: int | None = None
    aspect: str | None = None  # "16:9" as asked; width/height are resolved from it per model
    seed: int | None = None
    steps: int | None = None
    guidance: float | None = None
    backend: str | None = None  # chosen per turn from the settings; recorded once drawn
    model: str | None = None
    language: str | None = None  # the language the words were in, when not English

    def with_(self, **changes: Any) -> "Scene":
        return self.model_copy(update=changes)

    def phrases(self) -> list[str]:
        """Subject first, then details, then the slots in prompt order."""
        out = [self.subject] if self.subject else []
        out += [d for d in self.details if d]
        out += [v for v in (getattr(self, slot) for slot in SLOTS) if v]
        return out

    def mentions(self, words: str) -> bool:
        low = words.lower()
        return any(low in p.lower() for p in self.phrases())


class SceneRecord(BaseModel):
    """A scene as stored: one per turn that changed or drew a picture, linked to the scene it
    came from so undo walks back along the chain."""

    model_config = ConfigDict(frozen=True)

    id: str
    conversation_id: str
    seq: int  # 1, 2, 3 ... within the conversation
    parent_id: str | None
    scene: Scene
    intent: str
    message_id: str | None = None  # the user message that made it
    task_ids: tuple[str, ...] = Field(default=())
    image_number: int | None = None  # 1-based number of the picture this scene drew, for "the first one"
