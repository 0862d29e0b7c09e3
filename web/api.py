"""The HTTP API, served beside the Gradio app in the same FastAPI app (see web.app_factory).

Routes live in one module per concern (``api_tasks``, ``api_images``, ``api_conversations``,
``api_exchange``);
this module puts them together and documents them at /docs.
"""

from __future__ import annotations

from fastapi import FastAPI

from web.api_auth import Authenticator
from web.api_conversations import conversations_router
from web.api_docs import install_docs
from web.api_exchange import exchange_router
from web.api_generate import Generator
from web.identity import NAMED, SHARED, People
from web.api_images import images_router
from web.api_tasks import tasks_router

__all__ = ["Authenticator", "add_routes"]


def add_routes(app: FastAPI, services, people: People | None = None) -> None:
    """Serve the HTTP API beside the Gradio app. ``services`` is app.Services (store, jobs, chat,
    router, config, local, ...); ``people`` says who is asking (by default: --auth logins, or one
    shared history)."""
    if people is None:
        people = People(NAMED if services.config.auth else SHARED, services.config.auth)
    auth = Authenticator(people)
    generator = Generator(services.store, services.turns)
    routers = [
        tasks_router(auth, services.store, services.jobs, generator),
        images_router(auth, services.store),
        conversations_router(auth, services.store, services.turns),
        exchange_router(auth, services.store),
    ]
    for router in routers:
        app.include_router(router)
    install_docs(app, routers, auth)
