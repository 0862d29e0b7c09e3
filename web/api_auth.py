"""Who is asking an HTTP route, and what they may see (the person comes from web.identity)."""

from __future__ import annotations

from fastapi import HTTPException
from starlette.requests import HTTPConnection

from web.identity import BadCredentials, People

NOT_LOGGED_IN = "Log in first: use the app's login page, HTTP Basic with the same user and password, or an API token."
_CHALLENGE = {"WWW-Authenticate": 'Basic realm="imagechat"'}


class Authenticator:
    """The routes' view of :class:`web.identity.People`: the person, or 401."""

    def __init__(self, people: People):
        self.people = people

    @property
    def required(self) -> bool:
        return self.people.required

    @property
    def private(self) -> bool:
        """Whether people see only their own things (a login, or per-browser history)."""
        return self.people.private

    def user(self, request: HTTPConnection) -> str | None:
        """The person of a request or WebSocket handshake, else None (also for wrong credentials)."""
        try:
            return self.people.of_http(request)
        except BadCredentials:
            return None

    def ui_user(self, request: HTTPConnection) -> str | None:
        """The Gradio UI's ``auth_dependency``: the person, so that ``gr.Request.username`` is the
        same person the HTTP routes see. None (Gradio answers 401) only where a login is required
        and missing or wrong; without one, nobody in particular is "" (let in)."""
        try:
            user = self.people.of_http(request)
        except BadCredentials:
            return None
        if user is None:
            return None if self.required else ""
        return user

    def require(self, request: HTTPConnection) -> str | None:
        """The person; None in shared mode; 401 when a login is required and missing or wrong."""
        try:
            user = self.people.of_http(request)
        except BadCredentials:
            raise HTTPException(401, "Wrong login or API token.", headers=_CHALLENGE) from None
        if user is None and self.required:
            raise HTTPException(401, NOT_LOGGED_IN, headers=_CHALLENGE)
        return user

    def can_see(self, owner: str | None, user: str | None) -> bool:
        """With shared history everything is everyone's; otherwise people see only their own."""
        return not self.private or owner == user
