"""A loopback HTTP server that speaks OpenAI's wire format, for tests with the real SDK.

The ``openai`` SDK rides on its own HTTP stack, so transport mocks do not intercept it; a real
server on 127.0.0.1 does, and exercises the SDK's retries, timeouts and error parsing too.

Usage::

    with FakeOpenAI() as server:
        client = openai.OpenAI(api_key="sk-test-...", base_url=server.base_url)
        server.queue("images", "rate_limit", "ok")   # first request 429, the retry succeeds
        server.chat_reply = "a watercolour fox"       # content of chat completions
        ...
        server.requests[-1].body["model"]             # what the SDK sent

Endpoints:

- ``POST /v1/images/generations``: answers like OpenAI with ``{"created", "data": [{"b64_json",
  "revised_prompt"}]}``; the image is a real PNG of the requested ``size`` (1024x1024 for
  "auto" or none). ``revised_prompt`` is returned for dall-e-3 only, as OpenAI does.
- ``POST /v1/chat/completions``: a ``chat.completion`` object whose
  ``choices[0].message.content`` is ``chat_reply``.
- Any other path: 404 with OpenAI's "Invalid URL" error body.

Each request pops the next scenario queued for its kind ("images" or "chat"); an empty queue
means "ok". Scenarios (both kinds unless marked):

- ``ok``: success.
- ``ok_jpeg`` (images): success, but the Base64 holds a JPEG instead of a PNG.
- ``content_policy`` (images): 400, code ``content_policy_violation``.
- ``bad_request``: 400 ``invalid_request_error`` with ``param`` "size".
- ``auth``: 401 ``invalid_api_key``; like OpenAI's, the message echoes part of the key sent
  (see ``masked_key``), so a backend that passes it on leaks it.
- ``forbidden``: 403 ``unsupported_country_region_territory``.
- ``not_found``: 404 ``model_not_found``, naming the model sent.
- ``rate_limit``: 429 ``rate_limit_exceeded``; ``quota``: 429 ``insufficient_quota``.
- ``server_error``: 500 ``server_error``.
  429 and 5xx answers carry ``retry-after-ms: <retry_after_ms>`` (default 10) so the SDK's own
  retries are fast in tests.
- ``slow``: waits ``slow_s`` seconds (default 10) before answering "ok"; for client timeouts
  and cancelling. Closing the server ends the wait.
- ``malformed``: 200 with ``content-type: application/json`` and a body that is not JSON.
- ``html``: 200 with an HTML page (a proxy's error page, say).
- ``bad_base64`` (images): 200 whose ``b64_json`` is not valid Base64.
- ``not_image`` (images): 200 whose ``b64_json`` is valid Base64 of bytes that are no image.
- ``empty_data`` (images): 200 whose ``data`` list is empty.
- ``disconnect``: the connection is closed without an answer.
"""

from __future__ import annotations

import base64
import io
import json
import socket
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from PIL import Image

KINDS = {"/v1/images/generations": "images", "/v1/chat/completions": "chat"}

SCENARIOS = {
    "images": {
        "ok", "ok_jpeg", "content_policy", "bad_request", "auth", "forbidden", "not_found",
        "rate_limit", "quota", "server_error", "slow", "malformed", "html", "bad_base64",
        "not_image", "empty_data", "disconnect",
    },
    "chat": {
        "ok", "bad_request", "auth", "forbidden", "not_found", "rate_limit", "quota",
        "server_error", "slow", "malformed", "html", "disconnect",
    },
}


def masked_key(key: str) -> str:
    """The key as OpenAI's 401 message shows it: the first 8 and last 4 characters kept."""
    if len(key) <= 12:
        return key[:3] + "*" * max(len(key) - 3, 0)
    return key[:8] + "*" * (len(key) - 12) + key[-4:]


def png_bytes(width: int, height: int, fmt: str = "PNG") -> bytes:
    """A real image of the given size (a flat colour compresses to a few kilobytes)."""
    buf = io.BytesIO()
    Image.new("RGB", (width, height), (200, 120, 40)).save(buf, format=fmt)
    return buf.getvalue()


@dataclass(frozen=True)
class RecordedRequest:
    path: str
    body: Any  # the decoded JSON body, or the raw text when it was not JSON
    headers: dict[str, str] = field(default_factory=dict)  # names lower-cased


class FakeOpenAI:
    """Context manager: a threaded HTTP server on 127.0.0.1 and a free port."""

    def __init__(self) -> None:
        self.chat_reply = "A detailed, vivid picture."
        self.slow_s = 10.0
        self.retry_after_ms = 10
        self.requests: list[RecordedRequest] = []
        self._queues: dict[str, deque[str]] = {kind: deque() for kind in SCENARIOS}
        self._lock = threading.Lock()
        self._closing = threading.Event()
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # -- lifecycle ---------------------------------------------------------------------------

    def __enter__(self) -> "FakeOpenAI":
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def start(self) -> None:
        fake = self

        class Handler(_Handler):
            owner = fake

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        self._thread.start()

    def close(self) -> None:
        self._closing.set()  # ends "slow" waits at once
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    # -- test API ----------------------------------------------------------------------------

    @property
    def port(self) -> int:
        assert self._server is not None, "server not started"
        return self._server.server_address[1]

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"

    def queue(self, kind: str, *scenarios: str) -> None:
        """Answer the next requests of ``kind`` ("images" or "chat") with these scenarios."""
        if kind not in SCENARIOS:
            raise ValueError(f"kind must be one of {sorted(SCENARIOS)}, not {kind!r}")
        unknown = [s for s in scenarios if s not in SCENARIOS[kind]]
        if unknown:
            raise ValueError(f"unknown {kind} scenarios {unknown}; known: {sorted(SCENARIOS[kind])}")
        with self._lock:
            self._queues[kind].extend(scenarios)

    def requests_to(self, kind: str) -> list[RecordedRequest]:
        """The recorded requests of one kind, in order."""
        with self._lock:
            return [r for r in self.requests if KINDS.get(r.path) == kind]

    # -- used by the handler -----------------------------------------------------------------

    def _record_and_pick(self, request: RecordedRequest) -> str:
        with self._lock:
            self.requests.append(request)
            kind = KINDS.get(request.path)
            if kind is None:
                return "unknown_path"
            pending = self._queues[kind]
            return pending.popleft() if pending else "ok"


def _error(message: str, type_: str, param: str | None = None, code: str | None = None) -> dict:
    return {"error": {"message": message, "type": type_, "param": param, "code": code}}


class _Handler(BaseHTTPRequestHandler):
    owner: FakeOpenAI
    server_version = "fake-openai"
    sys_version = ""

    def log_message(self, format: str, *args: Any) -> None:  # keep test output quiet
        pass

    def do_GET(self) -> None:
        self._handle()

    def do_POST(self) -> None:
        self._handle()

    # -- dispatch ----------------------------------------------------------------------------

    def _handle(self) -> None:
        length = int(self.headers.get("content-length") or 0)
        raw = self.rfile.read(length).decode("utf-8", "replace") if length else ""
        try:
            body: Any = json.loads(raw) if raw else None
        except ValueError:
            body = raw
        headers = {k.lower(): v for k, v in self.headers.items()}
        path = self.path.split("?", 1)[0]
        scenario = self.owner._record_and_pick(RecordedRequest(path, body, headers))
        params = body if isinstance(body, dict) else {}
        try:
            self._answer(scenario, path, params, headers)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (timeout, cancel): nothing to answer

    def _answer(self, scenario: str, path: str, params: dict, headers: dict[str, str]) -> None:
        owner = self.owner
        kind = KINDS.get(path)
        if scenario == "unknown_path":
            self._json(404, _error(f"Invalid URL ({self.command} {path})", "invalid_request_error"))
        elif scenario == "slow":
            owner._closing.wait(owner.slow_s)
            self._success(kind, params)
        elif scenario in ("ok", "ok_jpeg"):
            self._success(kind, params, jpeg=scenario == "ok_jpeg")
        elif scenario == "content_policy":
            self._json(400, _error(
                "Your request was rejected as a result of our safety system. Your prompt may "
                "contain text that is not allowed by our safety system.",
                "invalid_request_error", None, "content_policy_violation"))
        elif scenario == "bad_request":
            self._json(400, _error(
                "Invalid value: '999x999'. Supported values are: '1024x1024', '1024x1792', "
                "and '1792x1024'.", "invalid_request_error", "size", "invalid_value"))
        elif scenario == "auth":
            key = headers.get("authorization", "").removeprefix("Bearer ").strip()
            self._json(401, _error(
                f"Incorrect API key provided: {masked_key(key)}. You can find your API key at "
                "https://platform.openai.com/account/api-keys.",
                "invalid_request_error", None, "invalid_api_key"))
        elif scenario == "forbidden":
            self._json(403, _error(
                "Country, region, or territory not supported", "request_forbidden", None,
                "unsupported_country_region_territory"))
        elif scenario == "not_found":
            model = params.get("model")
            self._json(404, _error(
                f"The model `{model}` does not exist or you do not have access to it.",
                "invalid_request_error", None, "model_not_found"))
        elif scenario == "rate_limit":
            self._json(429, _error(
                "Rate limit reached for images per minute. Limit: 5/1min. Please try again "
                "in 12s.", "requests", None, "rate_limit_exceeded"), retry=True)
        elif scenario == "quota":
            self._json(429, _error(
                "You exceeded your current quota, please check your plan and billing details.",
                "insufficient_quota", None, "insufficient_quota"), retry=True)
        elif scenario == "server_error":
            self._json(500, _error(
                "The server had an error while processing your request. Sorry about that!",
                "server_error"), retry=True)
        elif scenario == "malformed":
            self._raw(200, b'{"created": 1700000000, "data": [{"b64_json": "iVBO', "application/json")
        elif scenario == "html":
            self._raw(200, b"<html><body><h1>502 Bad Gateway</h1></body></html>", "text/html")
        elif scenario == "bad_base64":
            self._json(200, {"created": int(time.time()), "data": [{"b64_json": "@@not base64!!"}]})
        elif scenario == "not_image":
            junk = base64.b64encode(b"this is certainly not an image" * 4).decode()
            self._json(200, {"created": int(time.time()), "data": [{"b64_json": junk}]})
        elif scenario == "empty_data":
            self._json(200, {"created": int(time.time()), "data": []})
        elif scenario == "disconnect":
            self.close_connection = True
            self.connection.shutdown(socket.SHUT_RDWR)
        else:  # unreachable: queue() validates names
            self._json(500, _error(f"fake: unknown scenario {scenario!r}", "server_error"))

    # -- successful answers ------------------------------------------------------------------

    def _success(self, kind: str | None, params: dict, *, jpeg: bool = False) -> None:
        if kind == "chat":
            self._json(200, self._chat_completion(params))
        else:
            self._json(200, self._images_response(params, jpeg=jpeg))

    def _images_response(self, params: dict, *, jpeg: bool) -> dict:
        size = params.get("size") or "auto"
        width, height = (1024, 1024) if size == "auto" else (int(v) for v in size.split("x"))
        image = png_bytes(width, height, "JPEG" if jpeg else "PNG")
        item: dict[str, Any] = {"b64_json": base64.b64encode(image).decode("ascii")}
        model = params.get("model") or "dall-e-2"
        if model == "dall-e-3":  # only DALL-E 3 rewrites prompts
            item["revised_prompt"] = f"A detailed rendering of: {params.get('prompt', '')}"
        return {"created": int(time.time()), "data": [item]}

    def _chat_completion(self, params: dict) -> dict:
        return {
            "id": "chatcmpl-fake0001",
            "object": "chat.completion",
            "created": int(time.time()),
            "model": params.get("model") or "gpt-4o-mini",
            "choices": [{
                "index": 0,
                "message": {"role": "assistant", "content": self.owner.chat_reply, "refusal": None},
                "logprobs": None,
                "finish_reason": "stop",
            }],
            "usage": {"prompt_tokens": 10, "completion_tokens": 10, "total_tokens": 20},
        }

    # -- writing -----------------------------------------------------------------------------

    def _json(self, status: int, payload: dict, *, retry: bool = False) -> None:
        extra = {"retry-after-ms": str(self.owner.retry_after_ms)} if retry else {}
        self._raw(status, json.dumps(payload).encode(), "application/json", extra)

    def _raw(self, status: int, data: bytes, content_type: str, extra: dict | None = None) -> None:
        self.send_response(status)
        self.send_header("content-type", content_type)
        self.send_header("content-length", str(len(data)))
        self.send_header("x-request-id", "req_fake")
        for name, value in (extra or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(data)
