"""Routes for generating and following a task: submit, poll, SSE, WebSocket, cancel."""

from __future__ import annotations

import asyncio
import json
from contextlib import aclosing

from fastapi import APIRouter, Query, Request, WebSocket
from fastapi.responses import JSONResponse
from sse_starlette import EventSourceResponse, ServerSentEvent
from starlette.websockets import WebSocketDisconnect

from pipeline.events import TERMINAL
from pipeline.jobs import JobRunner, JobSnapshot
from storage import Store, TaskRecord
from web.api_auth import NOT_LOGGED_IN, Authenticator
from web.api_errors import ApiError, ApiRoute, not_found
from web.api_generate import Generator
from web.api_schemas import Cancelled, ErrorBody, GenerateBody, TaskAccepted, TaskView, ValidationErrorBody
from pipeline.task_state import TaskState
from web.api_stream import lookup, recorded_state, task_events


SSE_PING_S = 15  # a comment line this often keeps proxies from closing a quiet stream
CANCEL_WAIT_S = 10.0  # a running step is finished before the cancel takes hold
END_RECORD_WAIT_S = 2.0  # one database write
_ENDED = tuple(kind.status for kind in TERMINAL)

_ERRORS = {
    404: {"model": ErrorBody, "description": "No such task (or not yours)."},
    401: {"model": ErrorBody, "description": "Log in first (when the server requires a login)."},
}


def tasks_router(auth: Authenticator, store: Store, jobs: JobRunner, generator: Generator) -> APIRouter:
    router = APIRouter(prefix="/api", route_class=ApiRoute)

    def visible_task(task_id: str, user: str | None) -> TaskRecord:
        record = store.get_task(task_id)
        if record is None or not auth.can_see(record.user, user):
            raise not_found("task")
        return record

    @router.post(
        "/generate", status_code=202, response_model=TaskAccepted, tags=["generate"],
        summary="Start making an image",
        description="Runs the chat's prompt engineering, queues the image and answers at once with the "
                    "task's id and where to follow it: `status_url` (poll), `events_url` (Server-Sent "
                    "Events) or `ws_url` (a WebSocket sending the same events as JSON, then closing).",
        responses={
            422: {"model": ValidationErrorBody, "description": "A field is invalid; `field` names it."},
            429: {"model": ErrorBody, "description": "Too many of your images waiting, or too many "
                                                     "requests this minute; see Retry-After."},
            503: {"model": ErrorBody, "description": "The server's queue is full or the backend is unavailable."},
            **_ERRORS,
        },
    )
    def generate(body: GenerateBody, request: Request) -> JSONResponse:
        user = auth.require(request)
        accepted = generator.start(body, user, check_owner=auth.private, http_request=request)
        urls = task_urls(request, accepted.task_id)
        payload = TaskAccepted(
            task_id=accepted.task_id, status="queued", **urls,
            backend=accepted.backend, model=accepted.model, prompt=accepted.prompt,
            prompt_sent=accepted.prompt_sent, negative_prompt=accepted.negative_prompt, style=accepted.style,
            warnings=list(accepted.warnings), changes=list(accepted.changes),
            conversation_id=accepted.conversation_id, source_image_id=accepted.source_image_id,
            strength=accepted.strength,
        )
        return JSONResponse(payload.model_dump(mode="json"), status_code=202,
                            headers={"Location": urls["status_url"]})

    @router.get("/tasks/{task_id}", response_model=TaskView, tags=["tasks"], name="task_status",
                summary="A task's state (poll this)", responses=_ERRORS)
    def task_status(task_id: str, request: Request) -> TaskView:
        user = auth.require(request)
        record = visible_task(task_id, user)
        snap = jobs.snapshot(task_id)
        if snap is not None and snap.status in _ENDED and not record.finished:
            # The runner sets a job's status a moment before it records the end; answer with the
            # end as recorded (its terminal event is published only after that write).
            try:
                jobs.wait(task_id, timeout=END_RECORD_WAIT_S)
            except (TimeoutError, KeyError):
                pass
            record = store.get_task(task_id) or record
        return _view(request, record, snap)

    @router.delete("/tasks/{task_id}", response_model=Cancelled, tags=["tasks"], summary="Cancel a task",
                   description="Cancels a queued or running task; nothing is stored for it. "
                               "409 when it has already ended.",
                   responses={409: {"model": ErrorBody, "description": "The task already ended."}, **_ERRORS})
    def cancel_task(task_id: str, request: Request) -> Cancelled:
        user = auth.require(request)
        record = visible_task(task_id, user)
        if not jobs.cancel(task_id):
            snap = jobs.snapshot(task_id)
            status = snap.status if snap else record.status
            raise ApiError(409, f"This task has already ended ({status}); there is nothing to cancel.",
                           reason="already_finished")
        try:
            jobs.wait(task_id, timeout=CANCEL_WAIT_S)
        except (TimeoutError, KeyError):
            pass
        snap = jobs.snapshot(task_id)
        status = snap.status if snap else "cancelled"
        if status not in ("cancelled", "queued", "running"):
            raise ApiError(409, f"This task ended ({status}) before it could be cancelled.",
                           reason="already_finished")
        return Cancelled(task_id=task_id, cancelled=True, status=status)

    @router.get(
        "/tasks/{task_id}/events", tags=["tasks"], name="task_events", summary="A task's events (Server-Sent Events)",
        description="One `data:` line of JSON per state change and per denoising step (`type`: queued, "
                    "loading (the model loads for it), started, progress, then finished, failed, cancelled or interrupted; "
                    "`status`: the task's status after it, as polling says), starting with "
                    "the current state and ending with the terminal one. `previews=true` adds each "
                    "progress frame's JPEG preview as Base64. A client that falls far behind skips "
                    "intermediate queued/loading/progress messages (each later one says more), never "
                    "`started` or the end.",
        responses={200: {"content": {"text/event-stream": {"schema": {"$ref": "#/components/schemas/TaskEvent"}}},
                         "description": "The event stream: each `data:` line is one `TaskEvent` as JSON "
                                        "(the WebSocket at `/ws` sends the same messages)."}, **_ERRORS},
    )
    async def task_events_sse(task_id: str, request: Request, previews: bool = False) -> EventSourceResponse:
        user = auth.require(request)
        await lookup(visible_task, task_id, user)

        async def stream():
            seq = 0
            async with aclosing(task_events(jobs, store, task_id, previews=previews)) as events:
                async for data in events:
                    if data is None:
                        if await request.is_disconnected():
                            return
                        continue
                    seq += 1
                    yield ServerSentEvent(data=json.dumps(data), id=str(seq))

        return EventSourceResponse(stream(), ping=SSE_PING_S, headers={"Cache-Control": "no-store"})

    @router.websocket("/tasks/{task_id}/ws", name="task_ws")
    async def task_events_ws(websocket: WebSocket, task_id: str, previews: bool = Query(False)) -> None:
        user = auth.user(websocket)
        if auth.required and user is None:
            await _deny(websocket, 401, NOT_LOGGED_IN)
            return
        record = await lookup(store.get_task, task_id)
        if record is None or not auth.can_see(record.user, user):
            await _deny(websocket, 404, "No such task.")
            return
        await websocket.accept()

        async def send_events() -> None:
            async with aclosing(task_events(jobs, store, task_id, previews=previews)) as events:
                async for data in events:
                    if data is not None:
                        await websocket.send_json(data)
            await websocket.close(code=1000)

        async def until_client_leaves() -> None:
            # Read until the client leaves, so a departure ends the stream even while no event is due.
            while (await websocket.receive())["type"] != "websocket.disconnect":
                pass

        sender = asyncio.ensure_future(send_events())
        reader = asyncio.ensure_future(until_client_leaves())
        try:
            # Whichever ends first (the task's end was sent, or the client left) ends the other.
            await asyncio.wait((sender, reader), return_when=asyncio.FIRST_COMPLETED)
        finally:
            for part in (sender, reader):
                part.cancel()
            for part in (sender, reader):
                try:
                    await part
                except (asyncio.CancelledError, WebSocketDisconnect, RuntimeError, OSError):
                    pass  # cancelled, or the client left mid-send

    return router


async def _deny(websocket: WebSocket, status: int, message: str) -> None:
    """Refuse the handshake with a real HTTP status where the server can, else a close code."""
    if "websocket.http.response" in websocket.scope.get("extensions", {}):
        headers = {"WWW-Authenticate": 'Basic realm="imagechat"'} if status == 401 else None
        await websocket.send_denial_response(JSONResponse({"detail": message}, status_code=status, headers=headers))
    else:
        await websocket.close(code=4000 + status, reason=message)


def task_urls(request: Request, task_id: str) -> dict[str, str]:
    ws = request.url_for("task_ws", task_id=task_id)
    return {
        "status_url": str(request.url_for("task_status", task_id=task_id)),
        "events_url": str(request.url_for("task_events", task_id=task_id)),
        "ws_url": str(ws.replace(scheme="wss" if request.url.scheme == "https" else "ws")),
    }


def _view(request: Request, record: TaskRecord, snap: JobSnapshot | None) -> TaskView:
    """The live state when the runner still holds the task, else what the store recorded."""
    req = record.request or {}
    if snap is not None:
        state: TaskState = snap
        backend, model, seed = snap.backend, snap.model, snap.seed
    else:
        state = recorded_state(record)
        backend, model, seed = req.get("backend"), req.get("model"), req.get("seed")
    image_id = state.image_id
    return TaskView(
        task_id=record.id,
        status=state.status,
        progress=state.progress,
        step=state.step,
        total=state.total,
        eta_s=state.eta_s,
        queue_position=state.queue_position,
        image_id=image_id,
        image_url=str(request.url_for("get_image", image_id=image_id)) if image_id else None,
        error=state.error,
        reason=state.reason,
        backend=backend,
        model=model,
        seed=seed,
        prompt=req.get("prompt_typed") or req.get("prompt"),
        prompt_sent=req.get("prompt"),
        conversation_id=record.conversation_id,
        created_at=record.created_at,
        started_at=record.started_at,
        finished_at=record.finished_at,
        events_url=str(request.url_for("task_events", task_id=record.id)),
    )
