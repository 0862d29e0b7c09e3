"""A loopback HTTP server speaking OpenAI's chat completions, scripted per request, for the
chat-model interpreter's tests with the real ``openai`` SDK.

The SDK rides on its own HTTP stack, so transport mocks do not intercept it; a real server on
127.0.0.1 does, and exercises the SDK's SSE parsing, retries, timeouts and error mapping too.

Usage::

    with FakeChat() as server:
        server.script(tool_call({"action": {"intent": "new", "description": "a fox"}}), prose("Hi!"))
        client = openai.OpenAI(api_key="sk-test", base_url=server.base_url)
        ...
        server.requests[-1].body["tools"]     # what the SDK sent

``POST /v1/chat/completions`` answers ``chat.completion`` JSON, or with ``"stream": true`` a
``text/event-stream`` of ``chat.completion.chunk`` objects (``data: {...}`` blocks) whose
``choices[0].delta`` carries ``content``, ``refusal`` or ``tool_calls`` fragments (the first with
index, id, type and function.name; the rest with index and a piece of function.arguments), a last
chunk with ``finish_reason``, then ``data: [DONE]``: OpenAI's wire format. Any other path: 404.

Each request takes the next scripted :class:`Reply` (an empty script answers ``prose("OK.")``).
Replies are made with the helpers below: :func:`prose`, :func:`tool_call`, :func:`refusal`,
:func:`content_filter`, :func:`empty`, :func:`error` (401 echoes OpenAI's masked form of the key
sent), :func:`stall` (nothing for a while: a client timeout), :func:`malformed`, :func:`disconnect`.
A ``gate`` (a threading.Event) holds a streamed reply after its first piece until the test sets it:
that is how a test sees deltas arrive before the end, and how a mid-stream stall is made.
"""

from __future__ import annotations

import json
import socket
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from tests.fake_openai import RecordedRequest, masked_key
from tests.patience import PATIENCE_S

PATH = "/v1/chat/completions"
# A gate nobody sets still ends, so a failed test cannot hang a server thread (closing the server
# opens every gate at once); a slow test that sets it late still finds the reply held.
GATE_MAX_S = PATIENCE_S


@dataclass(frozen=True)
class Reply:
    """One scripted answer."""

    content: tuple[str, ...] = ()  # prose, one chunk per piece
    tool_name: str | None = None
    arguments: tuple[str, ...] = ()  # the tool call's argument text, in pieces
    refusal: str | None = None
    finish_reason: str | None = None  # default: "tool_calls" with a tool call, else "stop"
    status: int = 200
    error_body: dict | None = None
    delay_s: float = 0.0  # wait this long before answering at all
    gate: threading.Event | None = field(default=None, compare=False)  # hold after the first piece
    raw: bytes | None = None  # a 200 carrying this instead of a valid body
    disconnect: bool = False


def _split(text: str, pieces: int) -> tuple[str, ...]:
    if not text:
        return ()
    size = max(1, -(-len(text) // max(1, pieces)))
    return tuple(text[i:i + size] for i in range(0, len(text), size))


def prose(text: str, pieces: int = 4, gate: threading.Event | None = None) -> Reply:
    return Reply(content=_split(text, pieces), gate=gate)


def tool_call(arguments: dict | str, name: str = "act", pieces: int = 3,
              gate: threading.Event | None = None) -> Reply:
    """A call of tool ``name``; a str is sent as is (malformed JSON, say)."""
    text = arguments if isinstance(arguments, str) else json.dumps(arguments, ensure_ascii=False)
    return Reply(tool_name=name, arguments=_split(text, pieces) or ("",), gate=gate)


def refusal(text: str = "I'm sorry, I can't help with that.") -> Reply:
    return Reply(refusal=text)


def content_filter() -> Reply:
    return Reply(content=("Here is",), finish_reason="content_filter")


def empty() -> Reply:
    return Reply()


def error(status: int) -> Reply:
    """OpenAI's error bodies; 401's message carries the masked key, filled in per request."""
    bodies = {
        400: ("Invalid request.", "invalid_request_error", "invalid_value"),
        401: ("Incorrect API key provided: {key}. You can find your API key at "
              "https://platform.openai.com/account/api-keys.", "invalid_request_error", "invalid_api_key"),
        403: ("Country, region, or territory not supported", "request_forbidden", None),
        404: ("The model does not exist or you do not have access to it.", "invalid_request_error",
              "model_not_found"),
        429: ("Rate limit reached for requests.", "requests", "rate_limit_exceeded"),
        500: ("The server had an error while processing your request.", "server_error", None),
        503: ("The engine is currently overloaded.", "server_error", None),
    }
    message, type_, code = bodies.get(status, ("Error.", "server_error", None))
    return Reply(status=status, error_body={"error": {"message": message, "type": type_,
                                                      "param": None, "code": code}})


def stall(seconds: float) -> Reply:
    """No byte for ``seconds`` (or until the server closes), then "OK."."""
    return Reply(content=("OK.",), delay_s=seconds)


def malformed() -> Reply:
    """A 200 whose body (or, streamed, whose first event) is not JSON."""
    return Reply(raw=b'{"id": "chatcmpl-x", "choices": [{"delta": {"content": "Hel')


def disconnect() -> Reply:
    return Reply(disconnect=True)


class FakeChat:
    """Context manager: a threaded HTTP server on 127.0.0.1 and a free port."""

    def __init__(self) -> None:
        self.requests: list[RecordedRequest] = []
        self.retry_after_ms = 10  # keeps the SDK's own retries fast
        self._script: deque[Reply] = deque()
        self._lock = threading.Lock()
        self._closing = threading.Event()
        self._gates: list[threading.Event] = []
        self._server: ThreadingHTTPServer | None = None

    def __enter__(self) -> "FakeChat":
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
        threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05},
                         daemon=True).start()

    def close(self) -> None:
        self._closing.set()  # ends stalls at once
        with self._lock:
            for gate in self._gates:
                gate.set()
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    @property
    def base_url(self) -> str:
        assert self._server is not None, "server not started"
        return f"http://127.0.0.1:{self._server.server_address[1]}/v1"

    def script(self, *replies: Reply) -> None:
        """Answer the next requests with these replies, in order."""
        with self._lock:
            self._script.extend(replies)
            self._gates.extend(r.gate for r in replies if r.gate is not None)

    def _record_and_pick(self, request: RecordedRequest) -> Reply:
        with self._lock:
            self.requests.append(request)
            return self._script.popleft() if self._script else prose("OK.")


class _Handler(BaseHTTPRequestHandler):
    owner: FakeChat
    server_version = "fake-chat"
    sys_version = ""

    def log_message(self, format: str, *args: Any) -> None:  # keep test output quiet
        pass

    def do_POST(self) -> None:
        length = int(self.headers.get("content-length") or 0)
        raw = self.rfile.read(length).decode("utf-8", "replace") if length else ""
        try:
            body: Any = json.loads(raw) if raw else None
        except ValueError:
            body = raw
        headers = {k.lower(): v for k, v in self.headers.items()}
        path = self.path.split("?", 1)[0]
        reply = self.owner._record_and_pick(RecordedRequest(path, body, headers))
        params = body if isinstance(body, dict) else {}
        try:
            if path != PATH:
                self._json(404, {"error": {"message": f"Invalid URL (POST {path})",
                                           "type": "invalid_request_error", "param": None, "code": None}})
            else:
                self._answer(reply, params, headers)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (timeout, a capped reply): nothing to answer

    def _answer(self, reply: Reply, params: dict, headers: dict[str, str]) -> None:
        if reply.delay_s:
            self.owner._closing.wait(reply.delay_s)
        if reply.disconnect:
            self.close_connection = True
            self.connection.shutdown(socket.SHUT_RDWR)
        elif reply.status != 200:
            self._error(reply, headers)
        elif params.get("stream"):
            self._stream(reply, params)
        elif reply.raw is not None:
            self._raw(200, reply.raw, "application/json")
        else:
            self._json(200, _completion(reply, params))

    def _error(self, reply: Reply, headers: dict[str, str]) -> None:
        body = json.loads(json.dumps(reply.error_body))
        key = headers.get("authorization", "").removeprefix("Bearer ").strip()
        body["error"]["message"] = body["error"]["message"].replace("{key}", masked_key(key))
        retry = {"retry-after-ms": str(self.owner.retry_after_ms)} if reply.status in (429, 500, 503) else {}
        self._json(reply.status, body, retry)

    # -- streaming ------------------------------------------------------------------------------

    def _stream(self, reply: Reply, params: dict) -> None:
        self.send_response(200)
        self.send_header("content-type", "text/event-stream; charset=utf-8")
        self.send_header("cache-control", "no-cache")
        self.end_headers()  # no length: HTTP/1.0, the body ends when the connection closes
        if reply.raw is not None:
            self._event(reply.raw.decode())
            return
        for number, delta in enumerate(_deltas(reply)):
            self._event(json.dumps(_chunk(params, delta, None)))
            if number == 1 and reply.gate is not None:  # after the first real piece
                reply.gate.wait(GATE_MAX_S)
        finish = reply.finish_reason or ("tool_calls" if reply.tool_name else "stop")
        self._event(json.dumps(_chunk(params, {}, finish)))
        self._event("[DONE]")

    def _event(self, data: str) -> None:
        self.wfile.write(f"data: {data}\n\n".encode())
        self.wfile.flush()

    # -- writing --------------------------------------------------------------------------------

    def _json(self, status: int, payload: dict, extra: dict | None = None) -> None:
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


def _deltas(reply: Reply) -> list[dict]:
    """The streamed deltas of a reply, as OpenAI sends them: role first, then the pieces."""
    out: list[dict] = [{"role": "assistant", "content": "" if not reply.tool_name else None}]
    out += [{"content": piece} for piece in reply.content]
    if reply.refusal:
        out += [{"refusal": piece} for piece in _split(reply.refusal, 2)]
    if reply.tool_name:
        out.append({"tool_calls": [{"index": 0, "id": "call_fake1", "type": "function",
                                    "function": {"name": reply.tool_name, "arguments": ""}}]})
        out += [{"tool_calls": [{"index": 0, "function": {"arguments": piece}}]} for piece in reply.arguments]
    return out


def _chunk(params: dict, delta: dict, finish: str | None) -> dict:
    return {
        "id": "chatcmpl-fake0001", "object": "chat.completion.chunk", "created": int(time.time()),
        "model": params.get("model") or "gpt-4o-mini", "system_fingerprint": None,
        "choices": [{"index": 0, "delta": delta, "logprobs": None, "finish_reason": finish}],
    }


def _completion(reply: Reply, params: dict) -> dict:
    message: dict[str, Any] = {"role": "assistant", "content": "".join(reply.content) or None,
                               "refusal": reply.refusal}
    if reply.tool_name:
        message["tool_calls"] = [{"id": "call_fake1", "type": "function", "function": {
            "name": reply.tool_name, "arguments": "".join(reply.arguments)}}]
    finish = reply.finish_reason or ("tool_calls" if reply.tool_name else "stop")
    return {
        "id": "chatcmpl-fake0001", "object": "chat.completion", "created": int(time.time()),
        "model": params.get("model") or "gpt-4o-mini",
        "choices": [{"index": 0, "message": message, "logprobs": None, "finish_reason": finish}],
        "usage": {"prompt_tokens": 10, "completion_tokens": 10, "total_tokens": 20},
    }
