"""HTTP routes served beside the Gradio app on the same server."""

from __future__ import annotations

import base64
import binascii
import hmac
from typing import Sequence

from fastapi import FastAPI, HTTPException, Request, Response

from storage import Store


class Authenticator:
    """Who is asking: Gradio's login cookie (the browser) or HTTP Basic (programs)."""

    def __init__(self, app: FastAPI, credentials: Sequence[tuple[str, str]]):
        self._app = app
        self._credentials = tuple(credentials)

    @property
    def required(self) -> bool:
        return bool(self._credentials)

    def user(self, request: Request) -> str | None:
        cookie_id = getattr(self._app, "cookie_id", None)
        tokens = getattr(self._app, "tokens", {}) or {}
        for name in (f"access-token-{cookie_id}", f"access-token-unsecure-{cookie_id}"):
            token = request.cookies.get(name)
            if token and token in tokens:
                return tokens[token]
        return self._basic(request.headers.get("authorization", ""))

    def _basic(self, header: str) -> str | None:
        scheme, _, value = header.partition(" ")
        if scheme.lower() != "basic" or not value:
            return None
        try:
            user, _, password = base64.b64decode(value, validate=True).decode("utf-8").partition(":")
        except (binascii.Error, UnicodeDecodeError):
            return None
        for known_user, known_password in self._credentials:
            # compare_digest on both parts: no timing hint about which was wrong
            if hmac.compare_digest(user, known_user) & hmac.compare_digest(password, known_password):
                return user
        return None

    def require(self, request: Request) -> str | None:
        """The user, or None when no login is configured; 401 when one is and it is missing."""
        if not self.required:
            return None
        user = self.user(request)
        if user is None:
            raise HTTPException(401, "Log in first.", headers={"WWW-Authenticate": 'Basic realm="imagechat"'})
        return user


def add_routes(app: FastAPI, services) -> None:
    """Serve the HTTP API beside the Gradio app. ``services`` is app.Services (store, jobs, chat,
    router, config, ...)."""
    store: Store = services.store
    auth = Authenticator(app, services.config.auth)

    @app.get("/api/images/{image_id}", tags=["images"], summary="The image bytes, decoded from the store")
    def get_image(image_id: str, request: Request) -> Response:
        user = auth.require(request)
        record = store.image_record(image_id)
        # Someone else's image answers exactly like a missing one.
        if record is None or (auth.required and record.user != user):
            raise HTTPException(404, "No such image.")
        found = store.image_bytes(image_id)
        if found is None:
            raise HTTPException(404, "No such image.")
        data, mime = found
        etag = f'"{record.sha256}"'
        if request.headers.get("if-none-match") == etag:
            return Response(status_code=304, headers={"ETag": etag})
        return Response(
            data,
            media_type=mime,
            headers={
                # An image id never changes content; private: it may belong to a logged-in user.
                "Cache-Control": "private, max-age=31536000, immutable",
                "ETag": etag,
                "Content-Disposition": f'inline; filename="imagechat-{image_id[:12]}.png"',
            },
        )
