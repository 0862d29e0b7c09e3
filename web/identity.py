"""Who is asking: one answer for the Blocks handlers and the HTTP routes alike.

Three modes (``config.history`` and ``--auth``):

- ``named``: ``--auth`` logins; a person is the login name (the login page's cookie, HTTP Basic, or an
  API token of theirs). Nothing is served without one.
- ``per-browser``: no login; each browser is its own anonymous person, kept in a cookie, and a
  visitor who signs in with Hugging Face is ``hf:<username>``. A program is a person by an API
  token, or else by the visitor cookie its first answer set (a fresh anonymous person otherwise).
- ``shared``: one history for everyone (``None``): one person on 127.0.0.1.

Why a cookie and not ``gr.BrowserState``: the chat and the gallery show images and export links
that the browser fetches from the HTTP API itself (``<img src=/api/images/…>``); only a cookie
travels with those requests. BrowserState lives in localStorage, which the Blocks handlers see and
an image request never does.

The cookie holds a 256-bit secret, and the person is ``anon:`` + the first 32 hex digits of its
SHA-256: the id stored with every row (and visible in the database or a log) is not the
credential, and no server key is needed, so a visitor stays themselves across restarts.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import re
import secrets
import threading
import time
from collections import OrderedDict
from typing import Any, Sequence

from starlette.requests import HTTPConnection

from storage.people import ANONYMOUS_PREFIX, hugging_face
from storage.tokens import ApiTokens

VISITOR_COOKIE = "imagechat-visitor"
LOGIN_COOKIE = "imagechat-login"
_VISITOR_SECRET = re.compile(r"[A-Za-z0-9_-]{43}")  # secrets.token_urlsafe(32)
NAMED, PER_BROWSER, SHARED = "named", "per-browser", "shared"


def visitor_from_secret(secret: str | None) -> str | None:
    """The anonymous person a visitor cookie stands for, or None when it is not one of ours."""
    if not secret or not _VISITOR_SECRET.fullmatch(secret):
        return None
    return ANONYMOUS_PREFIX + hashlib.sha256(secret.encode("ascii")).hexdigest()[:32]


class BadCredentials(Exception):
    """An Authorization header was given and is wrong (not: none was given)."""

    def __init__(self, scheme: str, name: str | None = None):
        super().__init__(scheme)
        self.scheme = scheme
        self.name = name  # the login name tried, for the log line (never the password)


class LoginSessions:
    """The login page's sessions: a random cookie value per login, held in memory (a restart logs
    everyone out, as Gradio's own login did). Bounded: the oldest sessions go first."""

    def __init__(self, limit: int = 100_000):
        self._by_token: OrderedDict[str, str] = OrderedDict()
        self._lock = threading.Lock()
        self._limit = limit

    def open(self, user: str) -> str:
        token = secrets.token_urlsafe(32)
        with self._lock:
            self._by_token[token] = user
            while len(self._by_token) > self._limit:
                self._by_token.popitem(last=False)
        return token

    def user(self, token: str | None) -> str | None:
        if not token:
            return None
        with self._lock:
            return self._by_token.get(token)

    def close(self, token: str | None) -> None:
        with self._lock:
            self._by_token.pop(token or "", None)


class People:
    def __init__(self, mode: str, credentials: Sequence[tuple[str, str]] = (), tokens: ApiTokens | None = None,
                 *, hf_oauth: bool = False):
        if mode not in (NAMED, PER_BROWSER, SHARED):
            raise ValueError(f"unknown history mode {mode!r}")
        self.mode = mode
        self.hf_oauth = hf_oauth and mode == PER_BROWSER
        self._credentials = tuple(credentials)
        self._tokens = tokens
        self.sessions = LoginSessions()

    @classmethod
    def from_config(cls, config, tokens: ApiTokens | None) -> "People":
        mode = NAMED if config.auth else config.history
        return cls(mode, config.auth, tokens, hf_oauth=config.hf_oauth)

    @property
    def required(self) -> bool:
        """Whether a request with no person is refused (401)."""
        return self.mode == NAMED

    @property
    def private(self) -> bool:
        """Whether people see only their own things."""
        return self.mode != SHARED

    @property
    def tokens(self) -> ApiTokens | None:
        return self._tokens if self.private else None

    # ---- HTTP ------------------------------------------------------------------------------

    def of_http(self, conn: HTTPConnection) -> str | None:
        """The person of a request or WebSocket handshake; None: nobody (or, shared, everybody).
        Raises BadCredentials for a wrong token or password."""
        header = conn.headers.get("authorization", "")
        scheme, _, value = header.partition(" ")
        scheme = scheme.lower()
        if scheme == "bearer" and self.tokens is not None:
            owner = self.tokens.owner(value.strip())
            if owner is None:
                raise BadCredentials("bearer")
            return owner
        if self.mode == NAMED:
            named = self.sessions.user(conn.cookies.get(LOGIN_COOKIE))
            if named is not None:
                return named
            if scheme == "basic":
                return self._basic(value)
            return None
        if self.mode == SHARED:
            return None
        return self.signed_in(_session(conn)) or visitor_from_secret(conn.cookies.get(VISITOR_COOKIE))

    def _basic(self, value: str) -> str:
        try:
            user, _, password = base64.b64decode(value, validate=True).decode("utf-8").partition(":")
        except (binascii.Error, UnicodeDecodeError, ValueError):
            raise BadCredentials("basic") from None
        if self.check_password(user, password):
            return user
        raise BadCredentials("basic", name=user[:100])

    def check_password(self, user: str, password: str) -> bool:
        """Whether this is one of the ``--auth`` logins (for HTTP Basic and the login page alike)."""
        found = False
        for known_user, known_password in self._credentials:
            # compare_digest on both parts, and every login tried: no timing hint about which was wrong
            found |= bool(hmac.compare_digest(user.encode(), known_user.encode()) & hmac.compare_digest(
                password.encode(), known_password.encode()))
        return found

    # ---- the Blocks UI -----------------------------------------------------------------------

    def of_ui(self, request: Any) -> str | None:
        """The person of a Blocks event (its ``gr.Request``)."""
        if request is None or self.mode == SHARED:
            return None
        if self.mode == NAMED:
            return getattr(request, "username", None)
        return (self.signed_in(_session(request)) if self.hf_oauth else None) or self.visitor(request)

    def visitor(self, request: Any) -> str | None:
        """The anonymous person of this browser (its cookie), signed in or not."""
        if request is None or self.mode != PER_BROWSER:
            return None
        cookies = getattr(request, "cookies", None) or {}
        return visitor_from_secret(cookies.get(VISITOR_COOKIE))

    def signed_in(self, session: Any) -> str | None:
        """``hf:<username>`` of a valid "Sign in with Hugging Face" session, else None.
        The session is the one Gradio's login routes write (``oauth_info`` with OpenID userinfo)."""
        if not self.hf_oauth or not session:
            return None
        info = _get(session, "oauth_info")
        if not info:
            return None
        expires = _get(info, "expires_at")
        if expires is not None and float(expires) < time.time():
            return None
        username = _get(_get(info, "userinfo") or {}, "preferred_username")
        return hugging_face(str(username)) if username else None


def _session(conn: Any) -> Any:
    """The request's cookie session when one is installed (Gradio adds it with a LoginButton)."""
    if isinstance(conn, HTTPConnection):
        return conn.scope.get("session")
    try:
        return conn.session  # a gr.Request forwards to the request it wraps
    except (AssertionError, AttributeError, KeyError, TypeError):
        return None


def _get(obj: Any, key: str) -> Any:
    if isinstance(obj, dict):
        return obj.get(key)
    return getattr(obj, key, None)


def who_sees_what(mode: str, *, hf_oauth: bool = False) -> str:
    """One paragraph, in markdown, on who can see what in this mode: for the page, the log and /docs."""
    if mode == NAMED:
        return ("Everyone must log in. Each login sees only its own conversations, pictures, tasks and "
                "exports; programs use the same login (HTTP Basic) or an API token made on the Access tab.")
    if mode == PER_BROWSER:
        signed = (" Signing in with Hugging Face keeps your history with your account, in any browser, and "
                  "can bring this browser's pictures along." if hf_oauth else "")
        return ("No login: each browser is its own private visitor, kept in a cookie. A browser sees only "
                "its own conversations, pictures, tasks and exports; clearing cookies or another browser "
                "starts afresh. Programs act as their own visitor, or as you with an API token made on the "
                "Access tab." + signed + " Anyone who can open the app can use its GPU.")
    return ("One shared history: everyone who can open this app sees and changes the same conversations "
            "and pictures. Start it with `--history per-browser` to give each browser its own, or "
            "`--auth user:password` to require a login.")
