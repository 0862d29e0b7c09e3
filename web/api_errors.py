"""Error answers of the HTTP API: one readable JSON shape, the right status for each domain error.

Validation problems answer 422 with ``{"detail": [{"field": ..., "message": ...}]}``; every other
error answers ``{"detail": message, "reason": code}``. Messages are for a person: they say what
happened and what to do, never a stack trace or the input echoed back.
"""

from __future__ import annotations

import math
from typing import Any, Callable, Coroutine, Sequence

from fastapi import Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.routing import APIRoute

from conversation.turn_input import TurnRefused
from pipeline.errors import BackendUnavailable, GenerationError, InvalidRequest, QueueFull, TooManyRequests
from storage import InvalidValue

# How long to suggest waiting when a queue is full: about one short image for a person's own
# queue, longer when the whole server is busy.
RETRY_AFTER_USER_QUEUE_S = 10
RETRY_AFTER_GLOBAL_QUEUE_S = 30


class ApiError(Exception):
    """An answer other than success, raised anywhere inside a route."""

    def __init__(self, status: int, message: str, *, field: str | None = None, reason: str | None = None,
                 headers: dict[str, str] | None = None):
        super().__init__(message)
        self.status = status
        self.message = message
        self.field = field
        self.reason = reason
        self.headers = headers or {}

    def response(self) -> JSONResponse:
        if self.field is not None:
            body: dict[str, Any] = {"detail": [{"field": self.field, "message": self.message}]}
        else:
            body = {"detail": self.message}
        if self.reason:
            body["reason"] = self.reason
        return JSONResponse(body, status_code=self.status, headers=self.headers)


def not_found(what: str) -> ApiError:
    # Someone else's id answers exactly like a missing one, so ids cannot be probed.
    return ApiError(404, f"No such {what}.", reason="not_found")


def from_generation_error(exc: GenerationError) -> ApiError:
    """The HTTP answer for a domain error raised before a job was queued."""
    if isinstance(exc, InvalidRequest):
        return ApiError(422, exc.user_message, field=exc.field, reason=exc.reason)
    if isinstance(exc, QueueFull):
        if exc.scope == "user":
            return ApiError(429, exc.user_message, reason="queue_full",
                            headers={"Retry-After": str(RETRY_AFTER_USER_QUEUE_S)})
        return ApiError(503, exc.user_message, reason="server_busy",
                        headers={"Retry-After": str(RETRY_AFTER_GLOBAL_QUEUE_S)})
    if isinstance(exc, TooManyRequests):
        return ApiError(429, exc.user_message, reason=exc.reason,
                        headers={"Retry-After": str(max(1, math.ceil(exc.retry_after_s)))})
    if isinstance(exc, BackendUnavailable):
        return ApiError(503, exc.user_message, reason=exc.reason)
    return ApiError(400, exc.user_message, reason=exc.reason)


def from_turn_refused(exc: TurnRefused, *, text_field: str = "text") -> ApiError:
    """The HTTP answer for a message refused before any work: the daily picture limit is a 429
    saying when it resets; bad input names its field (``text_field`` for the message itself)."""
    if exc.status == 429:
        wait = exc.retry_after_s
        return ApiError(429, str(exc), reason="daily_limit",
                        headers={"Retry-After": str(max(1, math.ceil(wait)))} if wait else None)
    return ApiError(exc.status, str(exc), field=text_field if exc.field == "text" else exc.field)


def validation_details(errors: Sequence[dict[str, Any]]) -> list[dict[str, str]]:
    """Pydantic's errors as [{field, message}], without echoing the input."""
    out = []
    for err in errors:
        loc = [str(part) for part in err.get("loc", ())]
        if loc and loc[0] in ("body", "query", "path", "header"):
            loc = loc[1:]
        kind = err.get("type", "")
        if kind == "json_invalid":
            out.append({"field": "body", "message": "The request body is not valid JSON. Send a JSON object, "
                                                     'e.g. {"prompt": "a lighthouse at dusk"}.'})
            continue
        field = ".".join(part for part in loc if not part.isdigit()) or "body"
        if kind == "missing":
            message = f"{field} is required."
        elif kind == "string_unicode":  # a lone surrogate (\ud800): JSON can carry it, UTF-8 text cannot
            message = (f"{field} contains a broken character (an unpaired surrogate such as \\ud800) that is not "
                       "text. Remove it and send the text again.")
        elif kind == "extra_forbidden":
            message = f"{field} is not a field this route knows; check the spelling (see /docs)."
        elif field == "body" and kind in ("model_attributes_type", "dict_type"):
            message = "The request body must be a JSON object (Content-Type: application/json)."
        else:
            msg = _strip_prefix(err.get("msg", "invalid value"))
            message = msg[:1].upper() + msg[1:] if field.lower() in msg.lower() else f"{field}: {msg}"
        out.append({"field": field, "message": message})
    return out


def _strip_prefix(msg: str) -> str:
    # Our own validators raise ValueError; pydantic prefixes their text with "Value error, ".
    return msg.removeprefix("Value error, ")


class ApiRoute(APIRoute):
    """A route whose failures all answer in the API's shape; Gradio's routes are left as they are."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def handle(request: Request) -> Response:
            try:
                return await handler(request)
            except RequestValidationError as exc:
                return JSONResponse({"detail": validation_details(exc.errors())}, status_code=422)
            except ApiError as exc:
                return exc.response()
            except GenerationError as exc:
                return from_generation_error(exc).response()
            except InvalidValue as exc:  # a value the store refuses, e.g. a search filter
                return ApiError(422, exc.user_message, field=exc.field).response()

        return handle
