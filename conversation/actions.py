"""What a turn means: one typed action on the conversation's scene.

The offline rules (``conversation.rules``) and a chat model (``conversation.chat_model``) both
return an :data:`Action`; the chat model's tool call is validated straight into this union, so
there is one definition of what can be asked for. Edits are lists of typed operations.
"""

from __future__ import annotations

from typing import Annotated, Literal, Union

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, model_validator

_FROZEN = ConfigDict(frozen=True, extra="forbid")

SlotName = Literal["setting", "time", "weather", "season", "lighting", "mood", "palette", "framing", "medium"]
CameraMove = Literal["closer", "wider", "above", "below", "side", "front", "behind"]


class Add(BaseModel):
    model_config = _FROZEN
    op: Literal["add"] = "add"
    thing: str = Field(min_length=1, max_length=300)  # "a red umbrella"


class Remove(BaseModel):
    """Take something out of the picture; for Stable Diffusion it also goes to the negative prompt."""

    model_config = _FROZEN
    op: Literal["remove"] = "remove"
    thing: str = Field(min_length=1, max_length=300)


class Allow(BaseModel):
    """Take something out of the negative prompt ("remove lowres from the negative"): no longer avoided, not added."""

    model_config = _FROZEN
    op: Literal["allow"] = "allow"
    thing: str = Field(min_length=1, max_length=300)


class Replace(BaseModel):
    """X becomes Y ("make the dog a cat"); when X is not in the scene, Y is added."""

    model_config = _FROZEN
    op: Literal["replace"] = "replace"
    old: str = Field(min_length=1, max_length=300)
    new: str = Field(min_length=1, max_length=300)


class SetSubject(BaseModel):
    """A new main subject, the rest of the scene kept ("a dog instead")."""

    model_config = _FROZEN
    op: Literal["subject"] = "subject"
    subject: str = Field(min_length=1, max_length=1000)


class SetSlot(BaseModel):
    """One slot of the scene: where, when, weather, season, light, mood, colours, framing, medium."""

    model_config = _FROZEN
    op: Literal["set"] = "set"
    slot: SlotName
    value: str | None = Field(default=None, max_length=300)  # None clears it


class SetStyle(BaseModel):
    model_config = _FROZEN
    op: Literal["style"] = "style"
    style: str = Field(min_length=1, max_length=60)  # a style preset id, or "none"
    said: str | None = Field(default=None, max_length=60,  # "ghibli" for anime: the person's name for it stays in the prompt
                             description="the person's own words for the style, when they name more than the preset")


class SetSize(BaseModel):
    """An aspect ("16:9", "portrait") or an exact size; resolved to the nearest valid size for the model."""

    model_config = _FROZEN
    op: Literal["size"] = "size"
    aspect: str | None = Field(default=None, max_length=12)  # "16:9"; "2:3" for portrait; "1:1"
    width: int | None = Field(default=None, ge=8, le=8192)
    height: int | None = Field(default=None, ge=8, le=8192)
    scale: float | None = Field(default=None, gt=0, le=4)  # "bigger": 1.5; "smaller": 0.75


class SetSeed(BaseModel):
    model_config = _FROZEN
    op: Literal["seed"] = "seed"
    seed: int | None = Field(default=None, ge=0, le=2**32 - 1)  # None: a new random seed (unless keep)
    keep: bool = False  # "same seed": keep the picture's seed (what edits do anyway)


class SetSteps(BaseModel):
    model_config = _FROZEN
    op: Literal["steps"] = "steps"
    steps: int = Field(ge=1, le=500)


class SetGuidance(BaseModel):
    model_config = _FROZEN
    op: Literal["guidance"] = "guidance"
    guidance: float = Field(ge=0, le=50)


class Camera(BaseModel):
    model_config = _FROZEN
    op: Literal["camera"] = "camera"
    move: CameraMove
    on: str | None = Field(default=None, max_length=200)  # "zoom in on the man"


class Likeness(BaseModel):
    """Draw the picture on screen again from the picture the person gave, closer to it ("keep it closer to my
    photo", "it doesn't look like my dog anymore") or further from it ("be more creative with it")."""

    model_config = _FROZEN
    op: Literal["likeness"] = "likeness"
    closer: bool = True
    strength: float | None = Field(default=None, gt=0, le=1,  # "lower the strength to 0.3"
                                   description="the image-to-image strength, when said as a number")


Op = Annotated[
    Union[Add, Remove, Allow, Replace, SetSubject, SetSlot, SetStyle, SetSize, SetSeed, SetSteps, SetGuidance, Camera,
          Likeness],
    Field(discriminator="op"),
]


class Variant(BaseModel):
    """One of several different pictures asked for in one message ("in all four seasons", "one at dawn and one
    at dusk", "two pics: a sunflower field and a lavender field"): drawn as a picture of its own, with its own
    prompt, so it can be gone back to or branched from by what it has."""

    model_config = _FROZEN
    label: str = Field(min_length=1, max_length=80,  # shown in the understood line: "4 versions: spring, summer, ..."
                       description="what tells this picture apart, in a word or two: 'spring', 'red', 'lavender field'")
    description: str | None = Field(default=None, min_length=1, max_length=20_000,
                                    description="new only: this picture's own description, in place of the shared one")
    ops: tuple[Op, ...] = Field(default=(), description="this picture's own changes, after the shared ops")
    prompt: str | None = None  # the image prompt a chat model wrote for this picture


# Several different pictures in one message, at most as many as a message may draw.
Variants = Annotated[tuple[Variant, ...], Field(
    max_length=4,
    description="several different pictures asked for in one message, one per variant (2-4); count is then not used")]


class New(BaseModel):
    """A new picture. ``description`` is what to draw in the person's words (cleaned of
    "draw me"); ``ops`` carry what came with it (style, size, seed, negatives)."""

    model_config = _FROZEN
    intent: Literal["new"] = "new"
    description: str = Field(min_length=1, max_length=20_000)
    ops: tuple[Op, ...] = ()
    verbatim: bool = False  # a hand-written SD prompt (weights, tags): sent as written
    prompt: str | None = None  # the image prompt a chat model wrote for the target model
    count: int = Field(default=1, ge=1, le=4,  # "3 different logos for a bakery": that many pictures of it
                       description="how many separate pictures of the description were asked for")
    variants: Variants = ()  # "two pics: a sunflower field and a lavender field": each its own picture


class Edit(BaseModel):
    """Change the current picture (or, with ``image``, an earlier one: a branch)."""

    model_config = _FROZEN
    intent: Literal["edit"] = "edit"
    ops: tuple[Op, ...] = ()  # at least one, unless the variants carry the changes
    prompt: str | None = None
    count: int = Field(default=1, ge=1, le=4,  # "make them all pink" after a batch of 3: each of the 3, own seed
                       description="how many pictures of the last batch the change applies to")
    variants: Variants = ()  # "show me it in all four seasons": the picture four times, each changed its own way

    @model_validator(mode="after")
    def _changes_something(self) -> "Edit":
        """An edit says a change: in its ops, or in each of its variants."""
        if not self.ops and not self.variants:
            raise ValueError("an edit needs at least one op or variant")
        return self


class Branch(BaseModel):
    """Edit an earlier picture: "take the second one and make it blue"."""

    model_config = _FROZEN
    intent: Literal["branch"] = "branch"
    image: int  # 1-based picture number in the conversation; negative counts from the end
    ops: tuple[Op, ...] = ()
    prompt: str | None = None
    pick: int | None = Field(default=None, ge=1, le=4,  # "the third one" right after 4 pictures in one turn
                             description="which picture of that turn's batch (1-based), when it drew several")


class Repeat(BaseModel):
    """The same picture again with a new seed ("another one")."""

    model_config = _FROZEN
    intent: Literal["repeat"] = "repeat"
    count: int = Field(default=1, ge=1, le=4)


class Undo(BaseModel):
    model_config = _FROZEN
    intent: Literal["undo"] = "undo"
    steps: int = Field(default=1, ge=1, le=50)


class Revert(BaseModel):
    """Back to picture N ("the first one"): its scene becomes the current one and is drawn again."""

    model_config = _FROZEN
    intent: Literal["revert"] = "revert"
    image: int  # 1-based; negative counts from the end (-2: the one before the last)
    pick: int | None = Field(default=None, ge=1, le=4,  # "the third one" right after 4 pictures in one turn
                             description="which picture of that turn's batch (1-based), when it drew several")


QuestionTopic = Literal["seed", "steps", "guidance", "prompt", "negative", "model", "backend", "size", "style",
                        "time", "describe", "changes", "quality", "watermark", "recipe", "other"]


class Question(BaseModel):
    """A question about a picture, answered from its stored recipe; nothing is drawn."""

    model_config = _FROZEN
    intent: Literal["question"] = "question"
    topic: QuestionTopic = "recipe"
    image: int | None = None  # None: the latest picture
    answer: str | None = Field(default=None, max_length=4000)  # a chat model's own answer
    pick: int | None = Field(default=None, ge=1, le=4,  # "the third one" right after 4 pictures in one turn
                             description="which picture of that turn's batch (1-based), when it drew several")


class Chat(BaseModel):
    """Small talk, thanks, off-topic questions: answered in text, never drawn."""

    model_config = _FROZEN
    intent: Literal["chat"] = "chat"
    reply: str | None = Field(default=None, max_length=4000)
    kind: Literal["greeting", "thanks", "praise", "bye", "ack", "negative", "offtopic", "other"] = "other"


class Help(BaseModel):
    model_config = _FROZEN
    intent: Literal["help"] = "help"
    topic: Literal["general", "styles", "edits", "settings", "files", "rights", "limits", "uploads", "languages", "speed",
                   "offline", "manage", "cost", "variations", "privacy", "consistency"] = "general"


Action = Annotated[
    Union[New, Edit, Branch, Repeat, Undo, Revert, Question, Chat, Help],
    Field(discriminator="intent"),
]
ACTION = TypeAdapter(Action)
INTENTS = ("new", "edit", "repeat", "undo", "revert", "branch", "question", "chat", "help")
DRAWING = frozenset({"new", "edit", "repeat", "undo", "revert", "branch"})


def parse_action(data: object) -> Action:
    """Validate a dict (a chat model's tool-call arguments) into an action; raises pydantic.ValidationError."""
    return ACTION.validate_python(data)
