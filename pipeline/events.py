"""The one vocabulary of job events, shared by the chat, polling, SSE, WebSocket and the Celery wire.

Each event is a frozen pydantic model with a ``type`` literal; :data:`Event` is their discriminated
union and its JSON is the wire format (see ``pipeline.wire`` for the two byte-carrying choices).
The task status each event stands for is declared here (``status``), so no layer spells it again.
Events are built positionally as well as by name (``Progress(3, 20, 1.2)``), as the backends do.
"""

from __future__ import annotations

import base64
import dataclasses
from typing import Annotated, Any, ClassVar, Literal, Union

from pydantic import (BaseModel, BeforeValidator, ConfigDict, Field, InstanceOf, PlainSerializer,
                      TypeAdapter, WithJsonSchema, computed_field)

from pipeline.request import GeneratedImage


def _from_base64(value: Any) -> Any:
    return base64.b64decode(value, validate=True) if isinstance(value, str) else value


# Bytes in Python, Base64 text in JSON (JPEG previews and PNGs cross Redis and SSE as text).
WireBytes = Annotated[
    bytes,
    BeforeValidator(_from_base64),
    PlainSerializer(lambda b: base64.b64encode(b).decode("ascii"), return_type=str, when_used="json"),
    WithJsonSchema({"type": "string", "contentEncoding": "base64"}),
]

# The image's recipe on the wire (never its raw pixels: a Finished on the wire has its PNG encoded).
IMAGE_FIELDS = ("width", "height", "backend", "model", "prompt_sent", "negative_prompt", "seed", "steps",
                "guidance", "timings", "extra")


def _image_from_wire(value: Any) -> Any:
    if not isinstance(value, dict):
        return value
    if "png_b64" not in value:
        raise ValueError("a finished image needs its PNG (png_b64)")
    fields = {name: value[name] for name in IMAGE_FIELDS if name in value}
    return GeneratedImage(png=base64.b64decode(value["png_b64"], validate=True), **fields)


def _image_to_wire(image: GeneratedImage) -> dict[str, Any]:
    out = {name: getattr(image, name) for name in IMAGE_FIELDS}
    out["png_b64"] = base64.b64encode(image.png).decode("ascii")
    return out


WireImage = Annotated[
    InstanceOf[GeneratedImage],
    BeforeValidator(_image_from_wire),
    PlainSerializer(_image_to_wire, return_type=dict, when_used="json"),
    WithJsonSchema({"type": "object", "description": "The image's recipe: width, height, backend, model, "
                                                    "prompt_sent, negative_prompt, seed, steps, guidance, "
                                                    "timings, extra.",
                    "additionalProperties": True}),
]


class _Event(BaseModel):
    """Frozen, and built positionally in field order (``type`` aside) like the dataclasses it replaced."""

    model_config = ConfigDict(frozen=True, validate_by_name=True, validate_by_alias=True,
                              serialize_by_alias=True)
    status: ClassVar[str]  # the task status this event puts a task in

    def __init__(self, /, *args: Any, **kwargs: Any) -> None:
        if args:
            names = [name for name in type(self).model_fields if name != "type"]
            if len(args) > len(names):
                raise TypeError(f"{type(self).__name__} takes at most {len(names)} positional arguments")
            for name, value in zip(names, args):
                if name in kwargs:
                    raise TypeError(f"{type(self).__name__} got {name!r} twice")
                kwargs[name] = value
        super().__init__(**kwargs)


class Queued(_Event):
    type: Literal["queued"] = "queued"
    status: ClassVar[str] = "queued"
    position: int = Field(alias="queue_position")  # 0: next to run
    eta_s: float | None = None  # expected wait before it starts, once run times are known


class Loading(_Event):
    """The model is being loaded for this job (the first image after a start without --preload): no
    longer waiting in the queue, not yet denoising."""

    type: Literal["loading"] = "loading"
    status: ClassVar[str] = "running"
    model: str
    # 0-1 where the loader reports how far it is; None: not known
    fraction: float | None = Field(None, alias="progress")


class Started(_Event):
    type: Literal["started"] = "started"
    status: ClassVar[str] = "running"
    backend: str
    model: str
    total_steps: int | None = Field(None, alias="total")  # None when the backend reports no steps (OpenAI)
    width: int | None = None
    height: int | None = None
    seed: int | None = None
    steps: int | None = None
    guidance: float | None = None


class Progress(_Event):
    type: Literal["progress"] = "progress"
    status: ClassVar[str] = "running"
    step: int  # 1-based: steps done
    total: int
    elapsed_s: float
    eta_s: float | None = None
    # small JPEG of the forming image, throttled; on the wire only where asked for
    preview: WireBytes | None = Field(None, alias="preview_jpeg_b64")

    @computed_field  # type: ignore[prop-decorator]
    @property
    def progress(self) -> float:
        """The fraction done, 0-1 (on the wire as ``progress``)."""
        return round(self.fraction, 4)

    @property
    def fraction(self) -> float:
        return self.step / self.total if self.total else 0.0


class Finished(_Event):
    type: Literal["finished"] = "finished"
    status: ClassVar[str] = "succeeded"
    # None only where a task's end is rebuilt from its stored record (the image is in the store, by id)
    image: WireImage | None = None
    image_id: str | None = None  # set by the job runner once the image is stored

    def with_image(self, image: GeneratedImage) -> "Finished":
        return self.model_copy(update={"image": image})


class Failed(_Event):
    type: Literal["failed"] = "failed"
    status: ClassVar[str] = "failed"
    reason: str  # a short machine-readable code, e.g. "content_policy", "oom"
    user_message: str = Field(alias="error")  # fit for the chat: says what happened and what to do


class Cancelled(_Event):
    type: Literal["cancelled"] = "cancelled"
    status: ClassVar[str] = "cancelled"


class Interrupted(_Event):
    """The server stopped (or restarted) while the task was queued or running: only the store knows
    such a task, and this is how it is told to a subscriber."""

    type: Literal["interrupted"] = "interrupted"
    status: ClassVar[str] = "interrupted"
    user_message: str | None = Field(None, alias="error")


Event = Annotated[
    Union[Queued, Loading, Started, Progress, Finished, Failed, Cancelled, Interrupted],
    Field(discriminator="type"),
]
EVENT_TYPES = (Queued, Loading, Started, Progress, Finished, Failed, Cancelled, Interrupted)
TERMINAL = (Finished, Failed, Cancelled, Interrupted)
EVENTS: TypeAdapter[Event] = TypeAdapter(Event)
# Each event type's status; the ended ones are what a task records as its outcome.
STATUS_BY_EVENT = {kind: kind.status for kind in EVENT_TYPES}


def is_terminal(event: Event) -> bool:
    return isinstance(event, TERMINAL)


def replace_image(event: Finished, **changes: Any) -> Finished:
    """A Finished whose image has ``changes`` (the image stays a frozen dataclass)."""
    return event.with_image(dataclasses.replace(event.image, **changes))
