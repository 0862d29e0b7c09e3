"""The ASGI middleware in front of every route, Gradio's and the API's.

- Caps request bodies: a Content-Length over ``--max-body-mb`` is answered 413 before a byte is
  read, and a body sent without one (chunked) is counted as it streams and cut at the cap.
- Checks the login of an API request before its body is read: FastAPI parses (and spools to
  disk) a body before the route's own dependencies run, so a 100 MB JSON without a login would
  cost its parse and answer 422; here it is 401 at once.
- Throttles wrong passwords per address (HTTP Basic, API tokens and Gradio's login form): slower
  answers after a few, then a lock-out, each logged with the address and never the password.
  Behind a trusted proxy the address is the client's from X-Forwarded-For (see web.client_address).
- Per-browser history: gives a browser without one its visitor cookie (see web.identity).
- With ``--auth``, sends a browser that opens the page without a login to the login page (Gradio,
  mounted with an ``auth_dependency``, would answer 401).
"""

from __future__ import annotations

import asyncio
import json
import logging
import secrets
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass

from starlette.requests import HTTPConnection

from web.client_address import ProxyTrust
from web.identity import NAMED, PER_BROWSER, VISITOR_COOKIE, BadCredentials, People, visitor_from_secret

log = logging.getLogger("imagechat.gate")

# Routes whose login this middleware checks before the body (the API's own; Gradio checks its own).
API_PATHS = ("/api/", "/docs", "/openapi.json")
LOGIN_PATHS = ("/login", "/login/")
PAGE_PATHS = ("/", "")  # the chat's page; its assets and Gradio's routes answer 401 on their own
VISITOR_COOKIE_MAX_AGE = 400 * 24 * 3600  # the longest a browser keeps a cookie


@dataclass
class _Failures:
    count: int = 0
    first: float = 0.0
    locked_until: float = 0.0


class LoginThrottle:
    """Wrong passwords per address: after ``slow_after`` failures each further one is answered
    ``delay_s`` later; at ``lock_after`` the address is locked out for ``lock_s``. A success, or
    ``window_s`` without failures, starts the count afresh. ``lock_after=0``: never locked out."""

    def __init__(self, *, slow_after: int = 3, delay_s: float = 0.5, lock_after: int = 10, lock_s: float = 300.0,
                 window_s: float = 900.0, max_addresses: int = 100_000):
        self.slow_after, self.delay_s = slow_after, delay_s
        self.lock_after, self.lock_s, self.window_s = lock_after, lock_s, window_s
        self._by_address: OrderedDict[str, _Failures] = OrderedDict()
        self._lock = threading.Lock()
        self._max = max_addresses

    def locked_for(self, address: str) -> float:
        """Seconds this address stays locked out (0: not locked)."""
        with self._lock:
            entry = self._by_address.get(address)
            return max(0.0, entry.locked_until - time.monotonic()) if entry else 0.0

    def failed(self, address: str, what: str) -> float:
        """Count a failure; the delay to answer it with."""
        now = time.monotonic()
        with self._lock:
            entry = self._by_address.pop(address, None) or _Failures(first=now)
            if now - entry.first > self.window_s:
                entry = _Failures(first=now)
            entry.count += 1
            self._by_address[address] = entry
            while len(self._by_address) > self._max:
                self._by_address.popitem(last=False)
            count = entry.count
            locks = 0 < self.lock_after <= count
            if locks:
                entry.locked_until = now + self.lock_s
        if locks:
            log.warning("login: %d wrong %s from %s; locked out for %d s", count, what, address, self.lock_s)
        elif count >= self.slow_after:
            log.warning("login: %d wrong %s from %s; answering slower", count, what, address)
        return self.delay_s if count >= self.slow_after else 0.0

    def succeeded(self, address: str) -> None:
        with self._lock:
            entry = self._by_address.get(address)
            if entry is not None and entry.locked_until <= time.monotonic():
                del self._by_address[address]


class Gate:
    """Pure ASGI (it must see a body before the app reads it, and stream it after)."""

    def __init__(self, app, *, people: People, max_body_bytes: int, throttle: LoginThrottle | None = None,
                 proxies: ProxyTrust | None = None):
        self.app = app
        self.proxies = proxies or ProxyTrust()
        self.people = people
        self.max_body = max_body_bytes
        self.throttle = throttle or LoginThrottle()

    async def __call__(self, scope, receive, send):
        if scope["type"] not in ("http", "websocket"):
            return await self.app(scope, receive, send)
        conn = HTTPConnection(scope)
        address = self.proxies.client(conn.client.host if conn.client else "unknown",
                                      conn.headers.getlist("x-forwarded-for"))
        path = scope.get("path", "")
        new_visitor = None
        if self.people.mode == PER_BROWSER and visitor_from_secret(conn.cookies.get(VISITOR_COOKIE)) is None:
            # Seen by this request too (its handlers read the cookie), and set for the next ones.
            new_visitor = secrets.token_urlsafe(32)
            scope = _with_cookie(scope, VISITOR_COOKIE, new_visitor)
            conn = HTTPConnection(scope)
        if scope["type"] == "websocket":
            return await self.app(scope, receive, send)

        if (self.people.mode == NAMED and path in PAGE_PATHS and scope.get("method") in ("GET", "HEAD")
                and _nobody(self.people, conn)):
            root = scope.get("root_path", "").rstrip("/")
            return await _answer(send, 303, "Log in first.", {"location": root + "/login"})

        locked = self.throttle.locked_for(address)
        is_login = scope.get("method") == "POST" and path in LOGIN_PATHS
        is_api = path.startswith(API_PATHS)
        if locked and (is_login or (is_api and "authorization" in conn.headers)):
            return await _answer(send, 429, "Too many wrong passwords from this address; try again later.",
                                 {"retry-after": str(int(locked) + 1)})
        if is_api:
            try:
                person = self.people.of_http(conn)
            except BadCredentials as exc:
                delay = self.throttle.failed(address, "API token" if exc.scheme == "bearer" else "passwords")
                if delay:
                    await asyncio.sleep(delay)
                return await _answer(send, 401, "Wrong login or API token.", _CHALLENGE)
            if person is None and self.people.required:
                return await _answer(send, 401, "Log in first: use the app's login page, HTTP Basic with the "
                                                "same user and password, or an API token.", _CHALLENGE)
            if "authorization" in conn.headers:
                self.throttle.succeeded(address)

        length = conn.headers.get("content-length")
        if length is not None and (not length.isdigit() or int(length) > self.max_body):
            return await _answer(send, 413, self._too_large())

        counted = 0
        over = False

        async def limited_receive():
            nonlocal counted, over
            message = await receive()
            if message["type"] == "http.request":
                counted += len(message.get("body", b""))
                if counted > self.max_body:
                    over = True
                    return {"type": "http.disconnect"}  # the app stops reading; the answer is ours
            return message

        started = False
        status_seen = 0

        async def guarded_send(message):
            nonlocal started, status_seen
            if over:
                return  # whatever the app makes of a cut body, the client gets the 413 below
            if message["type"] == "http.response.start":
                started, status_seen = True, message["status"]
                if new_visitor is not None:
                    cookie = cookie_header(VISITOR_COOKIE, new_visitor, scope, max_age=VISITOR_COOKIE_MAX_AGE)
                    message = dict(message, headers=[*message.get("headers", []), (b"set-cookie", cookie)])
            await send(message)

        try:
            await self.app(scope, limited_receive if scope.get("method") not in ("GET", "HEAD") else receive,
                           guarded_send)
        except Exception:
            if not over:
                raise
        if over and not started:
            await _answer(send, 413, self._too_large())
            return
        if is_login:
            if status_seen in (400, 401):
                delay = self.throttle.failed(address, "passwords")
                if delay:
                    await asyncio.sleep(delay)  # the answer is sent; this holds the connection only
            elif 200 <= status_seen < 400:
                self.throttle.succeeded(address)

    def _too_large(self) -> str:
        return f"The request is larger than this server accepts ({self.max_body // (1024 * 1024)} MB, --max-body-mb)."


_CHALLENGE = {"www-authenticate": 'Basic realm="imagechat"'}


async def _answer(send, status: int, detail: str, headers: dict[str, str] | None = None) -> None:
    body = json.dumps({"detail": detail}).encode()
    raw = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    raw += [(k.encode(), v.encode()) for k, v in (headers or {}).items()]
    raw.append((b"connection", b"close"))  # answered before the body: it is not drained
    await send({"type": "http.response.start", "status": status, "headers": raw})
    await send({"type": "http.response.body", "body": body})


def _with_cookie(scope, name: str, value: str):
    headers = [(k, v) for k, v in scope.get("headers", []) if k != b"cookie"]
    cookies = [v.decode("latin-1") for k, v in scope.get("headers", []) if k == b"cookie"]
    cookies.append(f"{name}={value}")
    return dict(scope, headers=[*headers, (b"cookie", "; ".join(cookies).encode("latin-1"))])


def _nobody(people: People, conn: HTTPConnection) -> bool:
    try:
        return people.of_http(conn) is None
    except BadCredentials:
        return True


def cookie_header(name: str, value: str, scope, *, max_age: int) -> bytes:
    """A Set-Cookie value, HttpOnly (scripts never see it). Over HTTPS SameSite=None; Secure, so it
    also works in the Hugging Face Space page's iframe; over plain HTTP (127.0.0.1, a LAN) Lax.
    ``max_age=0`` removes the cookie."""
    conn = HTTPConnection(scope)
    https = scope.get("scheme") == "https" or conn.headers.get("x-forwarded-proto", "").startswith("https")
    flags = "SameSite=None; Secure; Partitioned" if https else "SameSite=Lax"
    return f"{name}={value}; Path=/; Max-Age={max_age}; HttpOnly; {flags}".encode("latin-1")
