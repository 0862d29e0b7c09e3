"""What a turn gives back: the :class:`Turn` (a text reply, or the pictures queued) and one
:class:`TaskInfo` per picture, with the prompt written for it and its settings."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class TaskInfo(BaseModel):
    model_config = ConfigDict(frozen=True)

    task_id: str
    prompt_sent: str
    negative_prompt: str
    seed: int | None
    width: int | None
    height: int | None
    steps: int | None
    guidance: float | None
    style: str
    backend: str
    model: str
    changes: list[str] = []
    warnings: list[str] = []
    source_image_id: str | None = None  # the picture it starts from (image-to-image, inpainting)
    mask_image_id: str | None = None
    strength: float | None = None


class Turn(BaseModel):
    model_config = ConfigDict(frozen=True)

    conversation_id: str
    message_id: str
    intent: str
    reply: str | None = None  # markdown for a text answer; None when pictures are made
    understood: str = ""
    by: str = "rules"
    notes: list[str] = []  # shown once with the turn (a language warning, a fallback note)
    tasks: list[TaskInfo] = []
    refused: str | None = None  # why no picture was made when one was asked for (queue full...)
