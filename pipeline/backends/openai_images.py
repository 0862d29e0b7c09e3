"""OpenAI's image API (DALL-E 3 by default) through the ``openai`` SDK.

One HTTP call per image: ``images.generate``, or ``images.edit`` when the request starts from a
picture. gpt-image models stream their partial images, each shown as a preview; the DALL-E models
answer once. The call runs in a worker thread so a cancel is honoured at once and a total deadline
per job holds whatever the SDK's retries do (the abandoned call finishes or times out on its own).
Every SDK error becomes a domain error whose message a person can act on -- never the API key, nor
a provider message that echoes part of it.
"""

from __future__ import annotations

import base64
import binascii
import io
import re
import threading
import time
from typing import Any, Iterator
from urllib.parse import unquote, urlsplit, urlunsplit

import openai
from PIL import Image, UnidentifiedImageError

from pipeline.errors import (
    AuthenticationFailed,
    BackendFailure,
    BackendTimeout,
    BackendUnavailable,
    ContentRefused,
    GenerationError,
    InvalidRequest,
    ModelNotFound,
    RateLimited,
)
from pipeline.backends import openai_spec
from pipeline.backends.openai_options import (
    DALL_E_2,
    DALL_E_3,
    GPT_IMAGE,
    SUPPORTED_MODELS,
    ModelRules,
    build_params,
    check_inputs,
    openai_mask,
    recipe_extra,
    rules_for,
)
from pipeline.events import Cancelled, Event, Finished, Progress, Started
from pipeline.preview import JPEG_QUALITY
from pipeline.request import GeneratedImage, GenerationRequest
from pipeline.threaded import iterate_in_thread

DEFAULT_MODEL = "dall-e-3"
DEFAULT_BASE_URL = "https://api.openai.com/v1"
DEFAULT_DEADLINE_S = 90.0  # one job's whole time with OpenAI, every retry included
DEFAULT_PARTIAL_IMAGES = 2  # previews streamed by gpt-image models (each costs ~100 output tokens)
PREVIEW_MAX_SIDE = 384  # as the chat shows a forming image; a 1024² PNG per frame would be wasted

__all__ = [
    "DALL_E_2", "DALL_E_3", "GPT_IMAGE", "SUPPORTED_MODELS", "ModelRules", "OpenAIImagesBackend",
    "build_params", "check_inputs", "openai_mask", "rules_for",
]


# --- errors ---------------------------------------------------------------------------------

# A provider message passed on to the chat must not carry a key, whole or masked
# ("sk-proj-****abcd"): anything shaped like one is blanked.
_KEY_LIKE = re.compile(r"\bsk-[A-Za-z0-9_\-*.]{3,}")


def _scrub(text: str, api_key: str | None) -> str:
    if api_key:
        text = text.replace(api_key, "[redacted]")
    return _KEY_LIKE.sub("[redacted]", text)


def _public_url(url: str) -> str:
    """A base URL fit to show: no user info, query or fragment (they may hold credentials)."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    if parts.port:
        host = f"{host}:{parts.port}"
    return urlunsplit((parts.scheme, host, parts.path, "", ""))


def _split_credentials(url: str) -> tuple[str, tuple[str, str] | None]:
    """The URL without its user info, and that user info (decoded) if it had any."""
    parts = urlsplit(url)
    if parts.username is None and parts.password is None:
        return url, None
    host = parts.hostname or ""
    if parts.port:
        host = f"{host}:{parts.port}"
    return urlunsplit(parts._replace(netloc=host)), (unquote(parts.username or ""), unquote(parts.password or ""))


def _count(n: float, one: str, many: str | None = None) -> str:
    return f"{n:g} {one if n == 1 else (many or one + 's')}"


def _provider_message(exc: openai.APIError) -> str:
    body = exc.body if isinstance(exc.body, dict) else {}
    message = body.get("message")
    return message.strip() if isinstance(message, str) else ""


# --- the backend ----------------------------------------------------------------------------


class OpenAIImagesBackend:
    name = openai_spec.NAME

    def __init__(
        self,
        api_key: str | None,
        *,
        base_url: str | None = None,
        model: str = DEFAULT_MODEL,
        timeout: float = 120.0,
        max_retries: int = 2,
        deadline_s: float = DEFAULT_DEADLINE_S,
        partial_images: int = DEFAULT_PARTIAL_IMAGES,
        cancel_poll_s: float = 0.05,
    ) -> None:
        if deadline_s <= 0:
            raise ValueError(f"deadline_s must be positive, not {deadline_s}")
        if not 0 <= partial_images <= 3:
            raise ValueError(f"partial_images must be 0 to 3 (OpenAI's range), not {partial_images}")
        self._api_key = (api_key or "").strip() or None
        self._base_url = base_url
        self.model = model
        # One try never outlasts the job's deadline; the deadline bounds the retries together.
        self.timeout = min(timeout, deadline_s)
        self.max_retries = max_retries
        self.deadline_s = deadline_s
        self.partial_images = partial_images
        self._cancel_poll_s = cancel_poll_s
        self._client: openai.OpenAI | None = None
        self._client_lock = threading.Lock()

    def __repr__(self) -> str:  # the default repr would be harmless, but be explicit: no key
        return f"OpenAIImagesBackend(model={self.model!r}, base_url={self.base_url!r})"

    @property
    def base_url(self) -> str:
        return _public_url(self._base_url or DEFAULT_BASE_URL)

    # -- Backend protocol --------------------------------------------------------------------

    def available(self) -> tuple[bool, str]:
        if not self._api_key:
            return False, (
                "The OpenAI backend needs an API key: set OPENAI_API_KEY and restart the app, "
                "or use the local backend."
            )
        return True, f"OpenAI image API ({self.model}) at {self.base_url}"

    def model_name(self, request: GenerationRequest | None = None) -> str:
        return (request.model if request is not None and request.model else None) or self.model

    def resolve(self, request: GenerationRequest) -> GenerationRequest:
        return check_inputs(request, self.model_name(request))

    # -- for settings panels -----------------------------------------------------------------

    def models(self) -> tuple[str, ...]:
        """The image models a person may choose here, the configured one first."""
        return (self.model, *(m for m in SUPPORTED_MODELS if m != self.model))

    def option_choices(self, model: str | None = None) -> dict[str, tuple[str, ...]]:
        """What each option offers on ``model`` (an empty tuple: the model takes no such option),
        by the request field it fills; ``compression_formats``: the formats compression applies to."""
        rules = rules_for(model or self.model)
        return {
            "quality": rules.qualities,
            "openai_style": rules.styles,
            "background": rules.backgrounds,
            "output_format": rules.output_formats,
            "compression_formats": tuple(f for f in rules.output_formats if f in ("jpeg", "webp")),
        }

    def generate(self, request: GenerationRequest, cancel: threading.Event) -> Iterator[Event]:
        started_at = time.perf_counter()
        stop = _CancelOrDeadline(cancel, time.monotonic() + self.deadline_s)
        request = self.resolve(request)
        ok, why = self.available()
        if not ok:
            raise BackendUnavailable(why)
        assert request.model is not None
        yield Started(
            backend=self.name, model=request.model, total_steps=None,
            width=request.width, height=request.height,
        )
        if cancel.is_set():
            yield Cancelled()
            return

        abandoned = threading.Event()  # tells a streaming call to stop reading and close

        def work(emit: Any) -> GeneratedImage:
            return self._call(request, started_at, emit, abandoned)

        # The HTTP call cannot be interrupted: on cancel or at the deadline, answer at once and let
        # the thread finish (or time out) unheard, so the job's slot is free for the next one.
        for item in iterate_in_thread(work, stop, poll_s=self._cancel_poll_s, on_cancel=lambda: _STOPPED):
            if item is _STOPPED:
                abandoned.set()
                if cancel.is_set():
                    yield Cancelled()
                    return
                raise BackendTimeout(
                    f"OpenAI did not answer within {self.deadline_s:g} s. It may be busy: try again "
                    "in a moment."
                )
            if isinstance(item, Progress):
                yield item
                continue
            yield Finished(item)
            return

    # -- the blocking part (worker thread) ---------------------------------------------------

    def _get_client(self) -> openai.OpenAI:
        with self._client_lock:
            if self._client is None:
                # Credentials in the base URL (a proxy's user:password) travel as HTTP Basic auth,
                # as they would from the URL, but never in the URL the HTTP client logs per request.
                base_url, credentials = _split_credentials(self._base_url or DEFAULT_BASE_URL)
                self._client = openai.OpenAI(
                    api_key=self._api_key,
                    base_url=base_url,
                    timeout=self.timeout,
                    max_retries=self.max_retries,  # the SDK backs off and honours Retry-After
                    http_client=openai.DefaultHttpxClient(auth=credentials) if credentials else None,
                )
            return self._client

    def _call(self, request: GenerationRequest, started_at: float, emit: Any,
              abandoned: threading.Event) -> GeneratedImage:
        params = build_params(request, partial_images=self.partial_images)
        images = self._get_client().images
        call = images.edit if "image" in params else images.generate
        call_at = time.perf_counter()
        try:
            if params.get("stream"):
                item = self._read_stream(call(**params), call_at, emit, abandoned)
            else:
                response = call(**params)
                item = _only_item(response)
        except openai.AuthenticationError:
            # The provider's message echoes part of the key: say nothing of it, chain nothing.
            raise AuthenticationFailed(
                "OpenAI rejected the API key. Check OPENAI_API_KEY (a current key from your "
                "OpenAI account's API keys page) and restart the app."
            ) from None
        except openai.OpenAIError as exc:
            raise self._map_error(exc, request) from exc
        except ValueError as exc:  # a 200 whose JSON body does not parse
            raise BackendFailure(
                "OpenAI sent an answer that could not be read. Try again in a moment."
            ) from exc
        generate_s = time.perf_counter() - call_at

        png, width, height = _decode_image(item.b64_json)
        revised = item.revised_prompt.strip() if getattr(item, "revised_prompt", None) else None
        extra: dict[str, Any] = {"revised_prompt": revised, **recipe_extra(request)}
        if params.get("stream"):
            extra["partial_images"] = self.partial_images
        return GeneratedImage(
            png=png,
            width=width,
            height=height,
            backend=self.name,
            model=request.model or self.model,
            prompt_sent=revised or request.prompt,
            seed=None,
            timings={"generate_s": generate_s, "total_s": time.perf_counter() - started_at},
            extra=extra,
        )

    def _read_stream(self, stream: Any, call_at: float, emit: Any, abandoned: threading.Event) -> Any:
        """Partial images become previews as they come; the completed event is the image."""
        total = self.partial_images + 1  # the final image is the last "step"
        with stream:
            for event in stream:
                if abandoned.is_set():  # cancelled or past the deadline: nobody is listening
                    break
                kind = getattr(event, "type", "")
                if kind.endswith(".partial_image"):
                    preview = _preview_jpeg(event.b64_json)
                    emit(Progress(step=min(event.partial_image_index + 1, total - 1), total=total,
                                  elapsed_s=time.perf_counter() - call_at, preview=preview))
                elif kind.endswith(".completed"):
                    return event
        raise BackendFailure("OpenAI ended the stream without the image. Try again in a moment.")

    def _map_error(self, exc: openai.OpenAIError, request: GenerationRequest) -> GenerationError:
        key = self._api_key
        if isinstance(exc, openai.APITimeoutError):  # before APIConnectionError: a subclass
            return BackendTimeout(
                f"OpenAI did not answer within {_count(self.timeout, 'second')}. "
                "It may be busy: try again in a moment."
            )
        if isinstance(exc, openai.APIConnectionError):
            return BackendUnavailable(
                f"Could not reach the OpenAI server at {self.base_url}. Check the network "
                "connection (and OPENAI_BASE_URL, if set), then try again."
            )
        if isinstance(exc, openai.APIStatusError):
            message = _scrub(_provider_message(exc), key)
            code = exc.code or ""
            if isinstance(exc, openai.BadRequestError):
                if code in ("content_policy_violation", "moderation_blocked"):
                    return ContentRefused(
                        "OpenAI's safety system refused this prompt. Please rephrase it, "
                        "leaving out anything that might be read as harmful, and try again."
                    )
                return InvalidRequest(
                    exc.param or "request",
                    f"OpenAI rejected the request: {message or 'no reason given'}",
                )
            if isinstance(exc, openai.PermissionDeniedError):
                return AuthenticationFailed(
                    "OpenAI refused access with this API key"
                    + (f" ({message})" if message else "")
                    + ". Check the key's project permissions and the model's availability "
                    "for your account."
                )
            if isinstance(exc, openai.NotFoundError):
                return ModelNotFound(
                    f"OpenAI has no image model '{request.model}' available to this key. "
                    f"Choose one of: {', '.join(SUPPORTED_MODELS)}."
                )
            if isinstance(exc, openai.RateLimitError):
                if code == "insufficient_quota":
                    return RateLimited(
                        "The OpenAI account behind this key has run out of credit. Check the "
                        "plan and billing details on OpenAI's site, then try again."
                    )
                return RateLimited(
                    "OpenAI is limiting how fast this key can make images (still refused after "
                    f"{_count(self.max_retries + 1, 'try', 'tries')}). Wait a minute and try again."
                )
            if exc.status_code >= 500:
                return BackendFailure(
                    f"OpenAI had a server error (HTTP {exc.status_code}). Try again in a moment."
                )
            return BackendFailure(
                f"OpenAI answered with HTTP {exc.status_code}"
                + (f": {message}" if message else ".")
            )
        if isinstance(exc, openai.APIResponseValidationError):
            return BackendFailure("OpenAI sent an answer that could not be read. Try again in a moment.")
        if isinstance(exc, openai.APIError):  # an error event inside a streamed answer
            if (exc.code or "") in ("content_policy_violation", "moderation_blocked"):
                return ContentRefused(
                    "OpenAI's safety system refused this picture. Please rephrase the request and try again."
                )
            message = _scrub(_provider_message(exc), key)
            return BackendFailure("OpenAI stopped while making the picture"
                                  + (f": {message}" if message else ".") + " Try again in a moment.")
        return BackendFailure("The call to OpenAI failed unexpectedly. Try again in a moment.")


def _only_item(response: Any) -> Any:
    """The one image of a non-streamed answer; BackendFailure for anything else."""
    if not isinstance(response, openai.types.ImagesResponse):  # e.g. an HTML page from a proxy
        raise BackendFailure("OpenAI sent an answer that could not be read. Try again in a moment.")
    if not response.data:
        raise BackendFailure("OpenAI answered without an image. Try again in a moment.")
    item = response.data[0]
    if not item.b64_json:
        raise BackendFailure("OpenAI answered without the image data. Try again in a moment.")
    return item


def _decode_image(b64: str | None) -> tuple[bytes, int, int]:
    """PNG bytes, width and height of one Base64 image; BackendFailure for anything that is not
    one real image. The stored image is always PNG (alpha kept): the gallery, downloads and the
    recipe's text chunk are PNG; the format OpenAI sent is named in the recipe."""
    if not b64:
        raise BackendFailure("OpenAI answered without the image data. Try again in a moment.")
    try:
        raw = base64.b64decode(b64, validate=True)
    except (binascii.Error, ValueError):
        raise BackendFailure("OpenAI sent image data that is not valid Base64. Try again.") from None
    try:
        with Image.open(io.BytesIO(raw)) as probe:
            probe.verify()  # checks the file's structure without decoding every pixel
        with Image.open(io.BytesIO(raw)) as image:
            image.load()
            width, height, fmt = image.width, image.height, image.format
            if fmt != "PNG":
                buf = io.BytesIO()
                image.save(buf, format="PNG")
                raw = buf.getvalue()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise BackendFailure("OpenAI sent data that is not a readable image. Try again.") from None
    return raw, width, height


def _preview_jpeg(b64: str | None) -> bytes | None:
    """A small JPEG of a partial image, like the local backend's previews; None if unreadable
    (a bad preview is not worth failing the image for)."""
    try:
        with Image.open(io.BytesIO(base64.b64decode(b64 or "", validate=True))) as image:
            image.thumbnail((PREVIEW_MAX_SIDE, PREVIEW_MAX_SIDE))
            rgb = image.convert("RGB")
    except (binascii.Error, ValueError, UnidentifiedImageError, OSError, SyntaxError):
        return None
    buf = io.BytesIO()
    rgb.save(buf, format="JPEG", quality=JPEG_QUALITY)
    return buf.getvalue()


_STOPPED = object()  # what the call's iterator yields once the job is cancelled or out of time


class _CancelOrDeadline:
    """Set once the job is cancelled or its deadline has passed: the stop signal the call's
    iterator polls (it reads only ``is_set``, as on a threading.Event)."""

    def __init__(self, cancel: threading.Event, deadline_at: float) -> None:
        self._cancel = cancel
        self._deadline_at = deadline_at

    def is_set(self) -> bool:
        return self._cancel.is_set() or time.monotonic() >= self._deadline_at
