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
- ``POST /v1/images/edits``: multipart/form-data as the SDK sends it, checked as OpenAI checks it
  (``image`` required and readable; DALL-E 2: a square PNG under 4 MB, transparent somewhere when
  there is no mask; ``mask``: a PNG with an alpha channel, the size of the image; ``size`` among the
  model's choices; DALL-E 3 cannot edit); the uploads are recorded in ``RecordedRequest.files``.
  The answer's image has the requested size ("auto": the source's).
- Both image endpoints check the gpt-image options (``background``, ``output_format``,
  ``output_compression``, ``partial_images``) and answer in the requested ``output_format``
  (transparent pixels for ``background: transparent``). With ``stream: true`` they answer as
  Server-Sent Events: ``partial_images`` events ``image_generation.partial_image`` (or
  ``image_edit.partial_image``), then ``image_generation.completed`` (``image_edit.completed``).
  ``hold_final``, when set to a ``threading.Event``, holds the completed event until it is set,
  so a test can watch the previews arrive before the image.
- ``POST /v1/chat/completions``: a ``chat.completion`` object whose
  ``choices[0].message.content`` is ``chat_reply``.
- Any other path: 404 with OpenAI's "Invalid URL" error body.

Each request pops the next scenario queued for its kind ("images" -- generations and edits --
or "chat"); an empty queue
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
- ``slow``: waits ``slow_s`` seconds (default 10) before answering "ok"; for client timeouts,
  deadlines and cancelling (a hung provider: set ``slow_s`` high). Closing the server ends the wait.
- ``stream_error`` (images, streamed): one partial image, then an ``error`` event
  (``moderation_blocked``) instead of the completed one.
- ``malformed``: 200 with ``content-type: application/json`` and a body that is not JSON.
- ``html``: 200 with an HTML page (a proxy's error page, say).
- ``bad_base64`` (images): 200 whose ``b64_json`` is not valid Base64.
- ``not_image`` (images): 200 whose ``b64_json`` is valid Base64 of bytes that are no image.
- ``empty_data`` (images): 200 whose ``data`` list is empty.
- ``disconnect``: the connection is closed without an answer.
"""

from __future__ import annotations

import base64
import email.parser
import email.policy
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

KINDS = {"/v1/images/generations": "images", "/v1/images/edits": "images", "/v1/chat/completions": "chat"}
GPT_SIZES = ("1024x1024", "1536x1024", "1024x1536", "auto")
SIZES = {"dall-e-2": ("256x256", "512x512", "1024x1024"), "dall-e-3": ("1024x1024", "1792x1024", "1024x1792")}
EDIT_MODELS_NOTE = "dall-e-2 or a gpt-image model"

SCENARIOS = {
    "images": {
        "ok", "ok_jpeg", "content_policy", "bad_request", "auth", "forbidden", "not_found",
        "rate_limit", "quota", "server_error", "slow", "malformed", "html", "bad_base64",
        "not_image", "empty_data", "disconnect", "stream_error",
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


def png_bytes(width: int, height: int, fmt: str = "PNG", *, colour=(200, 120, 40), transparent: bool = False,
              quality: int = 95) -> bytes:
    """A real image of the given size (a flat colour compresses to a few kilobytes). With
    ``transparent``, its left half is fully transparent, as a cut-out subject's background is."""
    image = Image.new("RGBA" if transparent else "RGB", (width, height), colour)
    if transparent:
        image.paste((0, 0, 0, 0), (0, 0, width // 2, height))
    buf = io.BytesIO()
    image.save(buf, format=fmt, **({"quality": quality} if fmt in ("JPEG", "WEBP") else {}))
    return buf.getvalue()


@dataclass(frozen=True)
class Upload:
    """One file of a multipart request."""

    filename: str
    content_type: str
    data: bytes


@dataclass(frozen=True)
class RecordedRequest:
    path: str
    body: Any  # the decoded JSON body, the form's text fields, or the raw text when neither
    headers: dict[str, str] = field(default_factory=dict)  # names lower-cased
    files: dict[str, list[Upload]] = field(default_factory=dict)  # multipart uploads by field name


class FakeOpenAI:
    """Context manager: a threaded HTTP server on 127.0.0.1 and a free port."""

    def __init__(self) -> None:
        self.chat_reply = "A detailed, vivid picture."
        self.slow_s = 10.0
        self.retry_after_ms = 10
        self.hold_final: threading.Event | None = None
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
        raw = self.rfile.read(length) if length else b""
        content_type = self.headers.get("content-type", "")
        files: dict[str, list[Upload]] = {}
        if content_type.startswith("multipart/form-data"):
            body, files = _parse_form(content_type, raw)
        else:
            text = raw.decode("utf-8", "replace")
            try:
                body = json.loads(text) if text else None
            except ValueError:
                body = text
        headers = {k.lower(): v for k, v in self.headers.items()}
        path = self.path.split("?", 1)[0]
        scenario = self.owner._record_and_pick(RecordedRequest(path, body, headers, files))
        params = body if isinstance(body, dict) else {}
        try:
            if scenario in ("ok", "ok_jpeg", "slow", "stream_error") and KINDS.get(path) == "images":
                problem = _check_image_request(path, params, files)
                if problem is not None:
                    self._json(400, problem)
                    return
            self._answer(scenario, path, params, headers, files)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (timeout, cancel): nothing to answer

    def _answer(self, scenario: str, path: str, params: dict, headers: dict[str, str],
                files: dict[str, list[Upload]]) -> None:
        owner = self.owner
        kind = KINDS.get(path)
        if scenario == "unknown_path":
            self._json(404, _error(f"Invalid URL ({self.command} {path})", "invalid_request_error"))
        elif scenario == "slow":
            if owner._closing.wait(owner.slow_s):
                return  # the server is closing: the client hears nothing, as from a hung provider
            self._success(kind, path, params, files)
        elif scenario in ("ok", "ok_jpeg", "stream_error"):
            self._success(kind, path, params, files, jpeg=scenario == "ok_jpeg", fail=scenario == "stream_error")
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

    def _success(self, kind: str | None, path: str, params: dict, files: dict[str, list[Upload]], *,
                 jpeg: bool = False, fail: bool = False) -> None:
        if kind == "chat":
            self._json(200, self._chat_completion(params))
        elif _truthy(params.get("stream")):
            self._stream_images(path, params, files, fail=fail)
        else:
            self._json(200, self._images_response(params, files, jpeg=jpeg))

    def _images_response(self, params: dict, files: dict[str, list[Upload]], *, jpeg: bool) -> dict:
        image = _answer_image(params, files, jpeg=jpeg)
        item: dict[str, Any] = {"b64_json": base64.b64encode(image).decode("ascii")}
        model = params.get("model") or "dall-e-2"
        if model == "dall-e-3":  # only DALL-E 3 rewrites prompts
            item["revised_prompt"] = f"A detailed rendering of: {params.get('prompt', '')}"
        return {"created": int(time.time()), "data": [item]}

    def _stream_images(self, path: str, params: dict, files: dict[str, list[Upload]], *, fail: bool) -> None:
        """OpenAI's streamed image answer: partial images, then the completed image, as SSE."""
        prefix = "image_edit" if path.endswith("/edits") else "image_generation"
        width, height = _answer_size(params, files)
        common = {
            "background": params.get("background") or "auto",
            "created_at": int(time.time()),
            "output_format": params.get("output_format") or "png",
            "quality": params.get("quality") or "auto",
            "size": f"{width}x{height}",
        }
        self.send_response(200)
        self.send_header("content-type", "text/event-stream")
        self.send_header("cache-control", "no-cache")
        self.send_header("x-request-id", "req_fake")
        self.end_headers()
        partials = int(params.get("partial_images") or 0)
        for index in range(partials):
            # a partial image is a rougher, smaller frame; its colour says which one it is
            frame = png_bytes(max(width // 4, 1), max(height // 4, 1), colour=(40 * (index + 1), 90, 160))
            self._event(f"{prefix}.partial_image", {
                "type": f"{prefix}.partial_image", "b64_json": base64.b64encode(frame).decode("ascii"),
                "partial_image_index": index, **common})
            if fail:
                self._event("error", {"type": "error", "error": {
                    "message": "Your request was rejected by the safety system.", "type": "image_generation_user_error",
                    "code": "moderation_blocked", "param": None}})
                return
        hold = self.owner.hold_final
        if hold is not None:
            while not hold.wait(0.05):
                if self.owner._closing.is_set():
                    return
        final = _answer_image(params, files, jpeg=False)
        self._event(f"{prefix}.completed", {
            "type": f"{prefix}.completed", "b64_json": base64.b64encode(final).decode("ascii"), **common,
            "usage": {"input_tokens": 50, "input_tokens_details": {"image_tokens": 40, "text_tokens": 10},
                      "output_tokens": 272, "total_tokens": 322}})
        self.close_connection = True

    def _event(self, name: str, data: dict) -> None:
        self.wfile.write(f"event: {name}\ndata: {json.dumps(data)}\n\n".encode())
        self.wfile.flush()

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


# -- requests as OpenAI reads them ---------------------------------------------------------------


def _truthy(value: Any) -> bool:
    return value is True or (isinstance(value, str) and value.lower() == "true")


def _parse_form(content_type: str, raw: bytes) -> tuple[dict[str, Any], dict[str, list[Upload]]]:
    """A multipart/form-data body: its text fields and its files (several per name allowed)."""
    message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(
        f"Content-Type: {content_type}\r\n\r\n".encode() + raw)
    fields: dict[str, Any] = {}
    files: dict[str, list[Upload]] = {}
    for part in message.iter_parts():
        name = part.get_param("name", header="content-disposition") or ""
        data = part.get_payload(decode=True) or b""
        filename = part.get_filename()
        if filename is not None:
            files.setdefault(name.removesuffix("[]"), []).append(
                Upload(filename, part.get_content_type(), data))
        else:
            fields[name] = data.decode("utf-8", "replace")
    return fields, files


def _open_image(data: bytes) -> Image.Image | None:
    try:
        image = Image.open(io.BytesIO(data))
        image.load()
        return image
    except Exception:
        return None


def _has_alpha(image: Image.Image) -> bool:
    return image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info)


def _bad(message: str, param: str, code: str = "invalid_value") -> dict:
    return _error(message, "invalid_request_error", param, code)


def _check_image_request(path: str, params: dict, files: dict[str, list[Upload]]) -> dict | None:
    """OpenAI's 400 body for a request it would refuse, or None."""
    model = params.get("model") or ("dall-e-2" if path.endswith("/edits") else "dall-e-2")
    gpt = model.startswith(("gpt-image-", "chatgpt-image-"))
    if not params.get("prompt"):
        return _bad("Missing required parameter: 'prompt'.", "prompt", "missing_required_parameter")
    size = params.get("size")
    sizes = GPT_SIZES if gpt else SIZES.get(model, ())
    if size is not None and sizes and size not in sizes:
        return _bad(f"Invalid value: '{size}'. Supported values are: "
                    + ", ".join(f"'{v}'" for v in sizes) + ".", "size")
    for name, allowed in (("background", ("transparent", "opaque", "auto")),
                          ("output_format", ("png", "jpeg", "webp"))):
        value = params.get(name)
        if value is not None and (not gpt or value not in allowed):
            return _bad(f"Invalid value for '{name}': '{value}'.", name)
    if params.get("output_compression") is not None:
        compression = int(params["output_compression"])
        if not gpt or not 0 <= compression <= 100 or params.get("output_format") not in ("jpeg", "webp"):
            return _bad("output_compression is only supported for jpeg and webp, from 0 to 100.", "output_compression")
    if params.get("background") == "transparent" and params.get("output_format") not in (None, "png", "webp"):
        return _bad("Transparent background requires output_format png or webp.", "background")
    if params.get("partial_images") is not None:
        if not gpt or not 0 <= int(params["partial_images"]) <= 3:
            return _bad("partial_images must be between 0 and 3.", "partial_images")
        if not _truthy(params.get("stream")):
            return _bad("partial_images requires stream=true.", "partial_images")
    if not path.endswith("/edits"):
        return None
    if model == "dall-e-3":
        return _bad("Invalid model dall-e-3. The model cannot edit images: use " + EDIT_MODELS_NOTE + ".", "model")
    images = files.get("image") or []
    if not images:
        return _bad("Missing required parameter: 'image'.", "image", "missing_required_parameter")
    source = _open_image(images[0].data)
    if source is None:
        return _bad("Invalid image file or mode for image 1, please check your image file.", "image")
    if not gpt:
        if source.format != "PNG" or len(images[0].data) >= 4 * 1024 * 1024 or source.width != source.height:
            return _bad("Uploaded image must be a square PNG and less than 4 MB.", "image")
        if "mask" not in files and not _has_alpha(source):
            return _bad(f"Invalid input image - format must be in ['RGBA', 'LA', 'L'], got {source.mode}.", "image")
    masks = files.get("mask") or []
    if masks:
        mask = _open_image(masks[0].data)
        if mask is None or mask.format != "PNG":
            return _bad("Invalid mask image format - mask must be a PNG.", "mask")
        if not _has_alpha(mask):
            return _bad("Invalid mask image format - mask must have an alpha channel.", "mask")
        if mask.size != source.size:
            return _bad("Invalid mask image format - mask size does not match image size.", "mask")
    return None


def _answer_size(params: dict, files: dict[str, list[Upload]]) -> tuple[int, int]:
    size = params.get("size") or "auto"
    if size != "auto":
        width, height = (int(v) for v in size.split("x"))
        return width, height
    source = _open_image(files["image"][0].data) if files.get("image") else None
    return source.size if source is not None else (1024, 1024)


def _answer_image(params: dict, files: dict[str, list[Upload]], *, jpeg: bool) -> bytes:
    """The final image in the format asked for (``jpeg`` forces a JPEG, as a misbehaving proxy might)."""
    width, height = _answer_size(params, files)
    fmt = "JPEG" if jpeg else {"jpeg": "JPEG", "webp": "WEBP"}.get(params.get("output_format") or "", "PNG")
    transparent = params.get("background") == "transparent" and fmt != "JPEG"
    quality = int(params.get("output_compression") or 95)
    return png_bytes(width, height, fmt, transparent=transparent, quality=quality)
