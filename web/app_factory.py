"""One FastAPI app: the HTTP API, the login page, and the Gradio UI mounted at ``/``.

Built without serving (``app.create_app`` builds the services, then this), so tests drive it
in-process and ``app.py`` serves it with uvicorn. One authentication for everything: the API's
routes and the gate ask :class:`web.identity.People` through :class:`web.api_auth.Authenticator`, and
the UI gets the same answer as Gradio's documented ``auth_dependency`` (then ``gr.Request.username``
is that person).
"""

from __future__ import annotations

import hashlib
import os

import gradio as gr
from fastapi import FastAPI

from storage.tokens import ApiTokens
from web.api import add_routes
from web.api_auth import Authenticator
from web.client_address import ProxyTrust
from web.gate import Gate, LoginThrottle
from web.identity import NAMED, People
from web.login import login_router
from web.retention_note import retention_note
from web.page_notes import share_warning
from web.ui import CSS, build_ui

AUTH_MESSAGE = "imagechat: log in to see your conversations."


def build_app(services) -> FastAPI:
    """``services`` is app.Services (config, store, router, jobs, chat, turns, ...)."""
    config = services.config
    people = People.from_config(config, ApiTokens(services.store))
    auth = Authenticator(people)
    demo = build_ui(services.chat, services.router, people=people,
                    warning=share_warning(people) if config.share and not config.auth else None,
                    note=retention_note(config.retention_days, config.max_images_per_visitor))
    demo.queue(default_concurrency_limit=None)

    app = FastAPI(title="imagechat", docs_url=None, redoc_url=None)
    app.state.services = services
    # Routes first: the Gradio app is mounted at "/" and answers every path not matched before it.
    add_routes(app, services, people)
    if people.mode == NAMED:
        app.include_router(login_router(people, AUTH_MESSAGE))
    # In front of every route: body cap, login before body, wrong-password throttle, visitor cookie.
    app.add_middleware(Gate, people=people, max_body_bytes=config.max_body_mb * 1024 * 1024,
                       throttle=LoginThrottle(lock_after=config.lockout_after),
                       proxies=ProxyTrust.of(config.trusted_proxies))
    if people.hf_oauth:
        _read_hugging_face_sessions(app)
    gr.mount_gradio_app(
        app, demo, path="/",
        server_name=config.host, server_port=config.port,
        auth_dependency=auth.ui_user,
        auth_message=AUTH_MESSAGE,
        show_error=False,  # failures are chat messages; tracebacks stay in the server log
        css=CSS,
    )
    return app


def _read_hugging_face_sessions(app: FastAPI) -> None:
    """Let the API and the gate see a "Sign in with Hugging Face" session too.

    Gradio's LoginButton routes keep the signed-in account in a signed session cookie, read by a
    ``SessionMiddleware`` inside the mounted Gradio app only. The same middleware with the same key
    in front of the whole app reads that cookie for the API's routes; the key is derived as
    ``gradio.oauth.attach_oauth`` derives it (tests/test_browser_hf_signin.py notices a change)."""
    from starlette.middleware.sessions import SessionMiddleware

    secret = (os.environ.get("OAUTH_CLIENT_SECRET") or "") + "-v4"
    app.add_middleware(SessionMiddleware, secret_key=hashlib.sha256(secret.encode()).hexdigest(),
                       same_site="none", https_only=True)
