"""The Celery wire and HTTP streams carry events as their JSON (``pipeline.events``); this adds only
the two choices of what bytes travel, and a request's pictures as Base64 text."""

from __future__ import annotations

import base64
import json
from typing import Annotated, Any, Literal, Union

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, ValidationError

from pipeline.events import (EVENT_TYPES, Cancelled, Event, Failed, Finished, Interrupted, Loading, Progress, Queued,
                             Started)
from pipeline.remake import request_from
from pipeline.request import GenerationRequest


def event_to_dict(event: Event, *, include_preview: bool = False, include_image: bool = False) -> dict[str, Any]:
    """``include_preview``: the JPEG preview as Base64; ``include_image``: the PNG as Base64 (for
    workers sending results home; HTTP clients fetch images by id instead)."""
    if not isinstance(event, EVENT_TYPES):
        raise TypeError(f"not an event: {event!r}")
    exclude = None
    if isinstance(event, Progress) and not (include_preview and event.preview):
        exclude = {"preview"}
    data = event.model_dump(mode="json", exclude=exclude)
    if isinstance(event, Finished) and data.get("image") is not None and not include_image:
        data["image"].pop("png_b64", None)
    return data


def event_from_dict(data: dict[str, Any]) -> Event:
    """The inverse of :func:`event_to_dict` (a Finished needs its PNG). ValueError when ``data`` is
    not an event this version knows."""
    message = message_from_dict(data)
    if not isinstance(message, EVENT_TYPES):
        raise ValueError(f"not an event: {data.get('type')!r}")
    return message


# What only the Celery wire carries besides the events: a worker took the job; it is still alive.
class Accepted(BaseModel):
    model_config = ConfigDict(frozen=True)
    type: Literal["accepted"] = "accepted"
    worker: str = ""


class Heartbeat(BaseModel):
    model_config = ConfigDict(frozen=True)
    type: Literal["heartbeat"] = "heartbeat"


WireMessage = Annotated[
    Union[Queued, Loading, Started, Progress, Finished, Failed, Cancelled, Interrupted, Accepted, Heartbeat],
    Field(discriminator="type"),
]
_MESSAGES: TypeAdapter[WireMessage] = TypeAdapter(WireMessage)


def message_to_json(message: Event | Accepted | Heartbeat) -> str:
    """One message for the worker's Redis channel: events with their preview and PNG."""
    if isinstance(message, EVENT_TYPES):
        return json.dumps(event_to_dict(message, include_preview=True, include_image=True))
    return message.model_dump_json()


def message_from_dict(data: Any) -> Event | Accepted | Heartbeat:
    """ValueError when ``data`` is not a message this version knows."""
    try:
        return _MESSAGES.validate_python(data)
    except ValidationError as exc:
        first = exc.errors(include_url=False)[0]
        raise ValueError(f"not a wire message: {first['msg']} at {first['loc']}") from None


# A request's pictures travel as Base64 text: Celery's JSON serializer takes no bytes.
_BYTES_FIELDS = ("init_image", "mask")


def request_to_dict(request: GenerationRequest) -> dict[str, Any]:
    data = request.record()  # a backend's options travel flat, by their names
    for name in _BYTES_FIELDS:
        if data.get(name) is not None:
            data[name] = base64.b64encode(data[name]).decode("ascii")
    return data


def request_from_dict(data: dict[str, Any]) -> GenerationRequest:
    """The inverse of :func:`request_to_dict`; an app one version ahead may send fields this one
    ignores."""
    pictures = {name: base64.b64decode(data[name]) for name in _BYTES_FIELDS if data.get(name) is not None}
    return request_from({**data, **pictures})
