"""Events as JSON-safe dicts: the one shape for SSE, WebSocket, polling and worker transport."""

from __future__ import annotations

import base64
import dataclasses
from typing import Any

from pipeline.events import Cancelled, Event, Failed, Finished, Loading, Progress, Queued, Started
from pipeline.request import GeneratedImage, GenerationRequest

_IMAGE_FIELDS = ("width", "height", "backend", "model", "prompt_sent", "negative_prompt", "seed", "steps",
                 "guidance", "timings", "extra")


def event_to_dict(event: Event, *, include_preview: bool = False, include_image: bool = False) -> dict[str, Any]:
    """``include_preview``: the JPEG preview as Base64; ``include_image``: the PNG as Base64 (for
    workers sending results home; HTTP clients fetch images by id instead)."""
    if isinstance(event, Queued):
        return {"type": "queued", "queue_position": event.position, "eta_s": event.eta_s}
    if isinstance(event, Loading):
        return {"type": "loading", "model": event.model,
                "progress": None if event.fraction is None else round(event.fraction, 4)}
    if isinstance(event, Started):
        return {"type": "started", "backend": event.backend, "model": event.model, "total": event.total_steps,
                "width": event.width, "height": event.height, "seed": event.seed, "steps": event.steps,
                "guidance": event.guidance}
    if isinstance(event, Progress):
        out = {"type": "progress", "step": event.step, "total": event.total, "progress": round(event.fraction, 4),
               "elapsed_s": round(event.elapsed_s, 3),
               "eta_s": None if event.eta_s is None else round(event.eta_s, 3)}
        if include_preview and event.preview:
            out["preview_jpeg_b64"] = base64.b64encode(event.preview).decode("ascii")
        return out
    if isinstance(event, Finished):
        image = {name: getattr(event.image, name) for name in _IMAGE_FIELDS}
        out = {"type": "finished", "image_id": event.image_id, "image": image}
        if include_image:
            out["png_b64"] = base64.b64encode(event.image.png).decode("ascii")
        return out
    if isinstance(event, Failed):
        return {"type": "failed", "reason": event.reason, "error": event.user_message}
    if isinstance(event, Cancelled):
        return {"type": "cancelled"}
    raise TypeError(f"not an event: {event!r}")


def event_from_dict(data: dict[str, Any]) -> Event:
    """The inverse of :func:`event_to_dict` (a Finished needs ``png_b64``)."""
    kind = data.get("type")
    if kind == "queued":
        return Queued(int(data["queue_position"]), data.get("eta_s"))
    if kind == "loading":
        fraction = data.get("progress")
        return Loading(str(data.get("model") or ""), None if fraction is None else float(fraction))
    if kind == "started":
        return Started(data["backend"], data["model"], data.get("total"), data.get("width"), data.get("height"),
                       data.get("seed"), data.get("steps"), data.get("guidance"))
    if kind == "progress":
        preview = data.get("preview_jpeg_b64")
        return Progress(int(data["step"]), int(data["total"]), float(data["elapsed_s"]), data.get("eta_s"),
                        base64.b64decode(preview) if preview else None)
    if kind == "finished":
        fields = dict(data["image"])
        return Finished(GeneratedImage(png=base64.b64decode(data["png_b64"]), **fields), data.get("image_id"))
    if kind == "failed":
        return Failed(data["reason"], data["error"])
    if kind == "cancelled":
        return Cancelled()
    raise ValueError(f"unknown event type {kind!r}")


# A request's pictures travel as Base64 text: Celery's JSON serializer takes no bytes.
_BYTES_FIELDS = ("init_image", "mask")


def request_to_dict(request: GenerationRequest) -> dict[str, Any]:
    data = dataclasses.asdict(request)
    for name in _BYTES_FIELDS:
        if data.get(name) is not None:
            data[name] = base64.b64encode(data[name]).decode("ascii")
    return data


def request_from_dict(data: dict[str, Any]) -> GenerationRequest:
    known = {f.name for f in dataclasses.fields(GenerationRequest)}
    fields = {k: v for k, v in data.items() if k in known}  # an app one version ahead: extra fields ignored
    for name in ("warnings", "changes"):
        if name in fields:
            fields[name] = tuple(fields[name] or ())
    for name in _BYTES_FIELDS:
        if fields.get(name) is not None:
            fields[name] = base64.b64decode(fields[name])
    return GenerationRequest(**fields)
