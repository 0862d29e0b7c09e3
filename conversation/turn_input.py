"""What a turn takes: the message, checked (:func:`check_text`), and the settings that may come with
it (:class:`TurnSettings`, one validator for the chat, the HTTP API and the tests); what cannot make
a turn raises :class:`TurnRefused` with a clear message."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from pipeline.request import SEED_MAX
from pipeline.samplers import MAX_CLIP_SKIP, canonical_name
from prompts.errors import PromptError
from prompts.styles import get_style
from prompts.text import is_blank

MAX_MESSAGE_CHARS = 20_000
MAX_IMAGES = 4


class TurnSettings(BaseModel):
    """What may come with a message, from the chat's settings or the HTTP body. ``None``: not set
    (the scene's or the model's value stands)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    backend: str = "auto"
    style: str | None = None  # a preset id; "none" or None leave the conversation's style alone
    enhance: bool = True
    width: int | None = Field(default=None, ge=1, le=8192)  # the backend says which sizes it takes
    height: int | None = Field(default=None, ge=1, le=8192)
    steps: int | None = Field(default=None, ge=1, le=500)
    guidance: float | None = Field(default=None, ge=0, le=50)
    seed: int | None = Field(default=None, ge=0, le=SEED_MAX)
    negative_prompt: str = Field(default="", max_length=4000)
    quality: Literal["standard", "hd", "auto", "low", "medium", "high"] | None = None
    model: str | None = Field(default=None, max_length=500)  # None: the backend's model (only it is accepted)
    count: int = Field(default=1, ge=1, le=MAX_IMAGES)
    # OpenAI's options: the values any model takes are checked here; which model takes which, by the
    # backend before any call (quality: standard|hd for DALL-E 3, auto|low|medium|high for gpt-image).
    openai_style: Literal["vivid", "natural"] | None = None  # DALL-E 3
    background: Literal["transparent", "opaque", "auto"] | None = None  # gpt-image
    output_format: Literal["png", "jpeg", "webp"] | None = None  # gpt-image; the stored image stays PNG
    output_compression: int | None = Field(default=None, ge=0, le=100)  # gpt-image, jpeg/webp
    # Local workstation controls, by A1111's names and counts; None: the model's own.
    sampler: str | None = None
    clip_skip: int | None = Field(default=None, ge=1, le=MAX_CLIP_SKIP)

    @field_validator("sampler")
    @classmethod
    def _known_sampler(cls, value: str | None) -> str | None:
        return None if value in (None, "") else canonical_name(value)
    # A picture to start from: one of this person's stored images (an upload, see
    # TurnService.attach_picture, or a picture made here); with a mask, only its white part is redone.
    # ``strength``: how far it may move (0 keeps it, 1 ignores it); None lets the kind of edit decide.
    image_id: str | None = Field(default=None, max_length=200)
    mask_id: str | None = Field(default=None, max_length=200)
    strength: float | None = Field(default=None, gt=0, le=1)

    @field_validator("style")
    @classmethod
    def _known_style(cls, value: str | None) -> str | None:
        if value in (None, "", "none"):
            return None
        try:
            return get_style(value).id
        except PromptError as exc:
            raise ValueError(str(exc)) from None

    @classmethod
    def checked(cls, **values: Any) -> "TurnSettings":
        """Settings from raw values; TurnRefused names the first field that is wrong."""
        try:
            return cls(**values)
        except ValidationError as exc:
            first = exc.errors()[0]
            field = str(first["loc"][0]) if first.get("loc") else "settings"
            raise TurnRefused(f"{field.capitalize()}: {first['msg']}.", field=field) from None


class TurnRefused(Exception):
    """Input that cannot make a turn (empty, too long, a missing conversation): a clear message."""

    def __init__(self, message: str, *, field: str = "text", status: int = 422, retry_after_s: float | None = None):
        super().__init__(message)
        self.field = field
        self.status = status
        self.retry_after_s = retry_after_s  # when trying again can succeed (the daily limit)


def check_text(text: object) -> str:
    """The message, checked before any work (a lone surrogate is mended by the turn, with a note)."""
    if not isinstance(text, str) or is_blank(text):
        raise TurnRefused('The message is empty: describe a picture, for example "a red fox in the snow".')
    if len(text) > MAX_MESSAGE_CHARS:
        raise TurnRefused(f"The message is {len(text):,} characters; the most one message may have is "
                          f"{MAX_MESSAGE_CHARS:,}.")
    return text
