"""The HTTP API's request and response bodies (they are also what /docs shows)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, field_validator

import prompts
from pipeline.backends.registry import AUTO, BACKENDS
from pipeline.request import SEED_MAX
from pipeline.samplers import MAX_CLIP_SKIP, SAMPLER_NAMES, canonical_name

MAX_PROMPT_CHARS = 20_000  # as the chat: longer text is never useful to any model


def _backend_enum(schema: dict[str, Any]) -> None:
    # Read when the schema is made (the first /openapi.json), after every backend has registered.
    schema["enum"] = list(BACKENDS.choices())


# "auto" or a registered backend's name: checked against the registry when a request arrives, so a
# backend registered after import is accepted; anything else is a 422 that lists the names.
BackendChoice = Annotated[str, AfterValidator(BACKENDS.check_choice), Field(
    description="Which backend draws: auto (the server decides) or one of the backends it has.",
    json_schema_extra=_backend_enum)]


class GenerateBody(BaseModel):
    """What to draw. Anything left out takes the model's default (size, steps, guidance) or a random seed."""

    model_config = ConfigDict(extra="forbid")

    prompt: str = Field(max_length=MAX_PROMPT_CHARS, description="The picture, in your words.",
                        examples=["a lighthouse on a cliff at dusk"])
    negative_prompt: str = Field("", max_length=MAX_PROMPT_CHARS, description="What to keep out of the picture.")
    style: str = Field("none", description="A style preset id, e.g. watercolor, anime, photorealistic.")
    backend: BackendChoice = AUTO
    model: str | None = Field(None, description="The model; only the one the server runs is accepted.")
    width: int | None = Field(None, gt=0, description="Pixels; a multiple of what the model needs (8 for most).")
    height: int | None = Field(None, gt=0)
    steps: int | None = Field(None, gt=0, description="Denoising steps (local backend).")
    guidance: float | None = Field(None, ge=0, allow_inf_nan=False)
    seed: int | None = Field(None, ge=0, le=SEED_MAX, description="Leave out for a random seed.")
    quality: Literal["standard", "hd", "auto", "low", "medium", "high"] | None = Field(
        None, description="OpenAI only: standard or hd (DALL-E 3); auto, low, medium or high (gpt-image).")
    openai_style: Literal["vivid", "natural"] | None = Field(None, description="OpenAI DALL-E 3 only.")
    background: Literal["transparent", "opaque", "auto"] | None = Field(
        None, description="OpenAI gpt-image only; transparent needs output_format png or webp.")
    output_format: Literal["png", "jpeg", "webp"] | None = Field(
        None, description="OpenAI gpt-image only: the format OpenAI sends; the stored image is PNG.")
    output_compression: int | None = Field(None, ge=0, le=100,
                                           description="OpenAI gpt-image only, with jpeg or webp: 0-100.")
    conversation_id: str | None = Field(None, description="Record this turn in one of your conversations.")
    enhance: bool = Field(True, description="Let prompt engineering improve the prompt; false sends it as typed.")
    # Local workstation controls, by AUTOMATIC1111's names.
    sampler: str | None = Field(None, description="Local backend: a sampler by its A1111 name, e.g. "
                                "\"DPM++ 2M Karras\", \"Euler a\". Leave out for the model's own.",
                                examples=list(SAMPLER_NAMES[:3]))
    clip_skip: int | None = Field(None, ge=1, le=MAX_CLIP_SKIP,
                                  description="Local backend: A1111's Clip skip (1 = none, 2 = skip the last layer).")

    @field_validator("sampler")
    @classmethod
    def _known_sampler(cls, value: str | None) -> str | None:
        return None if value is None else canonical_name(value)
    # A picture to start from (image-to-image; with a mask, inpainting).
    init_image: str | None = Field(None, description="Base64 picture to start from (PNG, JPEG or WebP).")
    image_id: str | None = Field(None, max_length=200, description="Or one of your images to start from.")
    mask: str | None = Field(None, description="Base64 PNG the size of the picture: white = redo, black = keep.")
    strength: float | None = Field(None, gt=0, le=1, description="How far the picture may change: 0 keeps it, "
                                   "1 ignores it. Left out: chosen by the kind of edit.")

    @field_validator("prompt")
    @classmethod
    def _not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("the prompt is empty: describe the picture you want, e.g. “a lighthouse at dusk”.")
        return value

    @field_validator("style")
    @classmethod
    def _known_style(cls, value: str) -> str:
        try:
            return prompts.get_style(value).id
        except prompts.PromptError:
            raise ValueError(f"unknown style; choose one of: {', '.join(prompts.list_styles())}.") from None


class TaskAccepted(BaseModel):
    task_id: str
    source_image_id: str | None = None
    strength: float | None = None
    status: str
    status_url: str
    events_url: str
    ws_url: str
    backend: str
    model: str
    prompt: str = Field(description="What was typed.")
    prompt_sent: str = Field(description="What goes to the model after prompt engineering.")
    negative_prompt: str
    style: str
    warnings: list[str]
    changes: list[str]
    conversation_id: str | None


class TaskView(BaseModel):
    task_id: str
    status: str = Field(description="queued, running, succeeded, failed, cancelled or interrupted")
    progress: float = Field(ge=0, le=1)
    step: int
    total: int | None
    eta_s: float | None
    queue_position: int | None
    image_id: str | None
    image_url: str | None
    error: str | None = Field(description="Why it failed or was interrupted, for people.")
    reason: str | None = Field(None, description="The same as a short code: content_policy, oom, timeout, "
                                                 "interrupted, ... (null unless it failed or was interrupted).")
    backend: str | None
    model: str | None
    seed: int | None
    prompt: str | None
    prompt_sent: str | None
    conversation_id: str | None
    created_at: datetime
    started_at: datetime | None
    finished_at: datetime | None
    events_url: str


class Cancelled(BaseModel):
    task_id: str
    cancelled: bool
    status: str


class ImageItem(BaseModel):
    id: str
    created_at: datetime
    backend: str
    model: str
    prompt: str = Field(description="What was typed.")
    prompt_sent: str
    negative_prompt: str
    style: str
    seed: int | None
    width: int
    height: int
    steps: int | None
    guidance: float | None
    timings: dict[str, Any]
    extra: dict[str, Any]
    conversation_id: str | None
    task_id: str | None
    mime: str
    bytes: int
    sha256: str
    thumbnail: str = Field(description="A small preview as a data: URL.")
    image_url: str
    download_url: str


class ImagePage(BaseModel):
    items: list[ImageItem]
    total: int
    limit: int
    offset: int


class ConversationCreated(BaseModel):
    conversation_id: str


class MessageView(BaseModel):
    role: str
    content: str
    image_id: str | None
    image_url: str | None
    task_id: str | None
    created_at: datetime


class ConversationView(BaseModel):
    conversation_id: str
    title: str
    messages: list[MessageView]


class ErrorItem(BaseModel):
    field: str
    message: str


class ValidationErrorBody(BaseModel):
    detail: list[ErrorItem]


class ErrorBody(BaseModel):
    detail: str
    reason: str | None = None


