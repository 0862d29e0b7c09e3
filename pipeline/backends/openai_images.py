"""OpenAI's image API (DALL-E 3 by default) through the ``openai`` SDK.

One blocking HTTP call per image: no steps, no previews. The call runs in a worker thread so a
cancel is honoured at once (the abandoned call finishes or times out on its own), and every SDK
error becomes a domain error whose message a person can act on -- never the API key, nor a
provider message that echoes part of it.
"""

from __future__ import annotations

import base64
import binascii
import io
import re
import threading
import time
from dataclasses import dataclass
from typing import Any, Iterator
from urllib.parse import urlsplit, urlunsplit

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
from pipeline.events import Cancelled, Event, Finished, Started
from pipeline.request import GeneratedImage, GenerationRequest
from pipeline.threaded import iterate_in_thread

DEFAULT_MODEL = "dall-e-3"
DEFAULT_BASE_URL = "https://api.openai.com/v1"


@dataclass(frozen=True)
class ModelRules:
    """What one OpenAI image model accepts (from OpenAI's API reference)."""

    sizes: tuple[str, ...]  # the first is the default
    qualities: tuple[str, ...]  # the first is the default
    styles: tuple[str, ...]  # empty: the model takes no style
    max_prompt_chars: int
    sends_quality: bool  # whether to put quality in the request at all
    sends_response_format: bool  # gpt-image always answers Base64 and rejects the field


DALL_E_3 = ModelRules(
    sizes=("1024x1024", "1792x1024", "1024x1792"),
    qualities=("standard", "hd"),
    styles=("vivid", "natural"),
    max_prompt_chars=4000,
    sends_quality=True,
    sends_response_format=True,
)
DALL_E_2 = ModelRules(
    sizes=("1024x1024", "512x512", "256x256"),
    qualities=("standard",),
    styles=(),
    max_prompt_chars=1000,
    sends_quality=False,
    sends_response_format=True,
)
GPT_IMAGE = ModelRules(
    sizes=("1024x1024", "1536x1024", "1024x1536"),
    qualities=("auto", "low", "medium", "high"),
    styles=(),
    max_prompt_chars=32000,
    sends_quality=True,
    sends_response_format=False,
)
SUPPORTED_MODELS = ("dall-e-3", "dall-e-2", "gpt-image-1")


def rules_for(model: str) -> ModelRules:
    """The rules of a model, or InvalidRequest("model") for one this backend does not know."""
    if model == "dall-e-3":
        return DALL_E_3
    if model == "dall-e-2":
        return DALL_E_2
    if model.startswith(("gpt-image-", "chatgpt-image-")):
        return GPT_IMAGE
    raise InvalidRequest(
        "model",
        f"The OpenAI backend does not know the image model '{model}'. "
        f"Choose one of: {', '.join(SUPPORTED_MODELS)} (or another gpt-image-* model).",
    )


def _choices(values: tuple[str, ...]) -> str:
    return ", ".join(values)


def check_inputs(request: GenerationRequest, model: str) -> GenerationRequest:
    """Validate a request for ``model`` and fill its defaults. Pure: no network."""
    rules = rules_for(model)

    prompt = request.prompt.strip()
    if not prompt:
        raise InvalidRequest("prompt", "The prompt is empty: describe the picture you want.")
    if len(prompt) > rules.max_prompt_chars:
        raise InvalidRequest(
            "prompt",
            f"The prompt is {len(prompt)} characters long; {model} accepts at most "
            f"{rules.max_prompt_chars}. Shorten it and try again.",
        )

    if request.width is None and request.height is None:
        size = rules.sizes[0]
    elif request.width is None or request.height is None:
        missing = "width" if request.width is None else "height"
        raise InvalidRequest(
            missing,
            f"Give both width and height for {model}, as one of: {_choices(rules.sizes)}.",
        )
    else:
        size = f"{request.width}x{request.height}"
        if size not in rules.sizes:
            raise InvalidRequest(
                "size",
                f"{model} cannot make a {size} image. Choose one of: {_choices(rules.sizes)}.",
            )
    width, height = (int(v) for v in size.split("x"))

    quality = request.quality or rules.qualities[0]
    if quality not in rules.qualities:
        raise InvalidRequest(
            "quality",
            f"Quality '{quality}' does not apply to {model}. Choose one of: {_choices(rules.qualities)}.",
        )

    style = request.openai_style
    if style is not None and not rules.styles:
        raise InvalidRequest(
            "openai_style",
            f"{model} takes no style; 'vivid' and 'natural' are for dall-e-3 only. Leave it unset.",
        )
    if rules.styles:
        style = style or rules.styles[0]
        if style not in rules.styles:
            raise InvalidRequest(
                "openai_style",
                f"Style '{style}' does not apply to {model}. Choose one of: {_choices(rules.styles)}.",
            )

    # Steps, guidance, negative prompt and seed mean nothing to OpenAI: clear them so the
    # stored recipe says what was really used.
    return request.with_(
        prompt=prompt,
        model=model,
        width=width,
        height=height,
        quality=quality,
        openai_style=style,
        steps=None,
        guidance=None,
        negative_prompt="",
        seed=None,
    )


def build_params(request: GenerationRequest) -> dict[str, Any]:
    """The keyword arguments for ``images.generate`` of a resolved request."""
    assert request.model is not None
    rules = rules_for(request.model)
    params: dict[str, Any] = {
        "model": request.model,
        "prompt": request.prompt,
        "size": f"{request.width}x{request.height}",
        "n": 1,
    }
    if rules.sends_quality:
        params["quality"] = request.quality
    if rules.styles:
        params["style"] = request.openai_style
    if rules.sends_response_format:
        params["response_format"] = "b64_json"
    return params


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


def _count(n: float, one: str, many: str | None = None) -> str:
    return f"{n:g} {one if n == 1 else (many or one + 's')}"


def _provider_message(exc: openai.APIError) -> str:
    body = exc.body if isinstance(exc.body, dict) else {}
    message = body.get("message")
    return message.strip() if isinstance(message, str) else ""


# --- the backend ----------------------------------------------------------------------------


class OpenAIImagesBackend:
    name = "openai"

    def __init__(
        self,
        api_key: str | None,
        *,
        base_url: str | None = None,
        model: str = DEFAULT_MODEL,
        timeout: float = 120.0,
        max_retries: int = 2,
        cancel_poll_s: float = 0.05,
    ) -> None:
        self._api_key = (api_key or "").strip() or None
        self._base_url = base_url
        self.model = model
        self.timeout = timeout
        self.max_retries = max_retries
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

    def generate(self, request: GenerationRequest, cancel: threading.Event) -> Iterator[Event]:
        started_at = time.perf_counter()
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

        def work(_emit: Any) -> GeneratedImage:
            return self._generate_blocking(request, started_at)

        # The HTTP call cannot be interrupted: on cancel, answer at once and let the thread
        # finish (or time out) unheard.
        for item in iterate_in_thread(
            work, cancel, poll_s=self._cancel_poll_s, on_cancel=Cancelled
        ):
            if isinstance(item, Cancelled):
                yield item
                return
            yield Finished(item)
            return

    # -- the blocking part (worker thread) ---------------------------------------------------

    def _get_client(self) -> openai.OpenAI:
        with self._client_lock:
            if self._client is None:
                self._client = openai.OpenAI(
                    api_key=self._api_key,
                    base_url=self._base_url or DEFAULT_BASE_URL,
                    timeout=self.timeout,
                    max_retries=self.max_retries,  # the SDK backs off and honours Retry-After
                )
            return self._client

    def _generate_blocking(self, request: GenerationRequest, started_at: float) -> GeneratedImage:
        params = build_params(request)
        call_at = time.perf_counter()
        try:
            response = self._get_client().images.generate(**params)
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

        png, width, height, revised = _decode(response)
        extra = {"revised_prompt": revised, "quality": request.quality, "style": request.openai_style}
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
        return BackendFailure("The call to OpenAI failed unexpectedly. Try again in a moment.")


def _decode(response: Any) -> tuple[bytes, int, int, str | None]:
    """PNG bytes, width, height and revised prompt from an images response; BackendFailure
    for anything that is not one real image."""
    unreadable = BackendFailure("OpenAI sent an answer that could not be read. Try again in a moment.")
    if not isinstance(response, openai.types.ImagesResponse):  # e.g. an HTML page from a proxy
        raise unreadable
    if not response.data:
        raise BackendFailure("OpenAI answered without an image. Try again in a moment.")
    item = response.data[0]
    if not item.b64_json:
        raise BackendFailure("OpenAI answered without the image data. Try again in a moment.")
    try:
        raw = base64.b64decode(item.b64_json, validate=True)
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
    revised = item.revised_prompt.strip() if item.revised_prompt else None
    return raw, width, height, revised
