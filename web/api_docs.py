"""/docs and /openapi.json for the imagechat API.

Gradio's FastAPI app hides /docs, and its /openapi.json would list Gradio's internal routes; the
schema served here describes only the API's own routes (Gradio documents its endpoints itself at
/gradio_api/openapi.json).
"""

from __future__ import annotations

from typing import Sequence

from fastapi import APIRouter, FastAPI, Request
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.openapi.utils import get_openapi
from fastapi.responses import HTMLResponse, JSONResponse
from starlette.routing import BaseRoute

from web.api_auth import Authenticator
from web.api_stream import event_schemas
from web.identity import who_sees_what

TITLE = "imagechat API"
VERSION = "1"
DESCRIPTION = """Describe a picture, get it, and watch it form.

`POST /api/generate` queues an image and answers with its task. Follow the task by polling
`GET /api/tasks/{task_id}`, by Server-Sent Events at `/api/tasks/{task_id}/events`, or by a WebSocket
at `/api/tasks/{task_id}/ws` (the same JSON events, then a normal close). Images and their recipes are
at `/api/images`.

Logging in: with `--auth`, every route needs the same login as the app (the browser's login cookie or
HTTP Basic) or an API token; without it, each caller is a private visitor (the browser's visitor cookie,
or a fresh one for a program without cookies) unless the server keeps one shared history. An API token,
made on the app's Access tab and sent as `Authorization: Bearer <token>`, acts as the person who made it.
Requests over the server's body limit get 413; repeated wrong passwords from one address get slower
answers, then 429 for a while.
"""
TAGS = [
    {"name": "generate", "description": "Start an image."},
    {"name": "tasks", "description": "Follow or cancel an image being made."},
    {"name": "images", "description": "Stored images and their recipes."},
    {"name": "conversations", "description": "Turns and follow-ups, as in the chat."},
]


def install_docs(app: FastAPI, routers: Sequence[APIRouter], auth: Authenticator) -> None:
    routes: list[BaseRoute] = [route for router in routers for route in router.routes]
    schema: dict | None = None

    def openapi() -> dict:
        nonlocal schema
        if schema is None:
            here = "**Who sees what on this server:** " + who_sees_what(auth.people.mode, hf_oauth=auth.people.hf_oauth)
            schema = get_openapi(title=TITLE, version=VERSION, description=DESCRIPTION + "\n" + here, routes=routes,
                                 tags=TAGS)
            # The stream routes' messages are not response models: their schemas are added here.
            schema.setdefault("components", {}).setdefault("schemas", {}).update(event_schemas())
        return schema

    app.openapi = openapi  # type: ignore[method-assign]
    app.openapi_schema = None
    openapi_path = app.openapi_url or "/openapi.json"
    # FastAPI's own /openapi.json route answers anyone; ours asks for the login like every route.
    app.router.routes[:] = [r for r in app.router.routes if getattr(r, "path", None) != openapi_path]

    @app.get(openapi_path, include_in_schema=False)
    def openapi_json(request: Request) -> JSONResponse:
        auth.require(request)
        return JSONResponse(openapi())

    @app.get("/docs", include_in_schema=False)
    def docs(request: Request) -> HTMLResponse:
        auth.require(request)
        root = request.scope.get("root_path", "").rstrip("/")
        return get_swagger_ui_html(openapi_url=root + openapi_path, title=TITLE)
