"""Who is asking an HTTP route, and what they may see."""

from __future__ import annotations

import base64
import binascii
import hmac
from typing import Sequence

from fastapi import FastAPI, HTTPException
from starlette.requests import HTTPConnection

NOT_LOGGED_IN = "Log in first: use the app's login page, or HTTP Basic with the same user and password."


class Authenticator:
    """Who is asking: Gradio's login cookie (the browser) or HTTP Basic (programs)."""

    def __init__(self, app: FastAPI, credentials: Sequence[tuple[str, str]]):
        self._app = app
        self._credentials = tuple(credentials)

    @property
    def required(self) -> bool:
        return bool(self._credentials)

    def user(self, request: HTTPConnection) -> str | None:
        """The logged-in user of a request or WebSocket handshake, else None."""
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

    def require(self, request: HTTPConnection) -> str | None:
        """The user, or None when no login is configured; 401 when one is and it is missing."""
        if not self.required:
            return None
        user = self.user(request)
        if user is None:
            raise HTTPException(401, NOT_LOGGED_IN, headers={"WWW-Authenticate": 'Basic realm="imagechat"'})
        return user

    def can_see(self, owner: str | None, user: str | None) -> bool:
        """Without a login everything is shared; with one, people see only their own things."""
        return not self.required or owner == user
