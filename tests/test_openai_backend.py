"""The OpenAI image backend, through the real ``openai`` SDK, against a loopback server."""

from __future__ import annotations

import io
import socket
import threading
import time
import traceback

import openai
import pytest
from PIL import Image

from pipeline.backends.openai_images import OpenAIImagesBackend
from pipeline.errors import (
    AuthenticationFailed,
    BackendFailure,
    BackendTimeout,
    BackendUnavailable,
    ContentRefused,
    InvalidRequest,
    ModelNotFound,
    RateLimited,
)
from pipeline.events import Cancelled, Finished, Started
from pipeline.request import GenerationRequest
from tests.fake_openai import masked_key

KEY = "sk-test-SECRET123"
# Anything that would reveal the key: itself, OpenAI's masked form, and its distinctive parts.
SECRETS = (KEY, masked_key(KEY), "SECRET", "T123")


def make_backend(fake, **overrides) -> OpenAIImagesBackend:
    options = {"base_url": fake.base_url, "timeout": 5.0, "max_retries": 0}
    options.update(overrides)
    return OpenAIImagesBackend(KEY, **options)


def run(backend, request, cancel=None) -> list:
    return list(backend.generate(request, cancel or threading.Event()))


def assert_no_secret(exc: BaseException) -> None:
    shown = [str(exc), repr(exc), getattr(exc, "user_message", ""),
             "".join(traceback.format_exception(exc))]
    for text in shown:
        for secret in SECRETS:
            assert secret not in text, f"{secret!r} leaked into {text!r}"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# --- success --------------------------------------------------------------------------------


def test_dalle3_success_returns_png_and_sends_the_right_request(fake_openai):
    backend = make_backend(fake_openai)
    request = GenerationRequest(
        prompt="a red fox in the snow", width=1792, height=1024, quality="hd",
        openai_style="natural", negative_prompt="blurry", steps=30, guidance=7.5, seed=42,
    )
    events = run(backend, request)

    assert [type(e) for e in events] == [Started, Finished]
    assert events[0].backend == "openai" and events[0].total_steps is None
    image = events[1].image
    with Image.open(io.BytesIO(image.png)) as decoded:
        assert decoded.format == "PNG"
        assert decoded.size == (1792, 1024)
    assert (image.width, image.height) == (1792, 1024)
    assert image.backend == "openai" and image.model == "dall-e-3"
    assert image.prompt_sent == "A detailed rendering of: a red fox in the snow"
    assert image.extra == {
        "revised_prompt": "A detailed rendering of: a red fox in the snow",
        "quality": "hd",
        "style": "natural",
    }
    assert image.seed is None and image.steps is None and image.guidance is None
    assert image.negative_prompt == ""
    assert set(image.timings) == {"generate_s", "total_s"}
    assert 0 <= image.timings["generate_s"] <= image.timings["total_s"]

    [sent] = fake_openai.requests
    assert sent.path == "/v1/images/generations"
    assert sent.headers["authorization"] == f"Bearer {KEY}"
    assert sent.body == {
        "model": "dall-e-3",
        "prompt": "a red fox in the snow",
        "size": "1792x1024",
        "quality": "hd",
        "style": "natural",
        "n": 1,
        "response_format": "b64_json",
    }


def test_dalle3_defaults(fake_openai):
    events = run(make_backend(fake_openai), GenerationRequest(prompt="  a lighthouse  "))
    assert isinstance(events[-1], Finished)
    body = fake_openai.requests[0].body
    assert (body["size"], body["quality"], body["style"]) == ("1024x1024", "standard", "vivid")
    assert body["prompt"] == "a lighthouse"


def test_gpt_image_request_shape(fake_openai):
    backend = make_backend(fake_openai, model="gpt-image-1")
    events = run(backend, GenerationRequest(prompt="a teapot", width=1536, height=1024, quality="high"))

    image = events[-1].image
    assert image.model == "gpt-image-1"
    assert image.prompt_sent == "a teapot"  # no revised_prompt from gpt-image
    assert image.extra == {"revised_prompt": None, "quality": "high", "style": None}
    assert (image.width, image.height) == (1536, 1024)
    assert fake_openai.requests[0].body == {
        "model": "gpt-image-1", "prompt": "a teapot", "size": "1536x1024", "quality": "high", "n": 1,
    }


def test_model_per_request_overrides_the_configured_one(fake_openai):
    backend = make_backend(fake_openai)
    run(backend, GenerationRequest(prompt="a cat", model="dall-e-2", width=512, height=512))
    assert fake_openai.requests[0].body == {
        "model": "dall-e-2", "prompt": "a cat", "size": "512x512", "n": 1, "response_format": "b64_json",
    }


def test_non_png_image_is_converted_to_png(fake_openai):
    fake_openai.queue("images", "ok_jpeg")
    image = run(make_backend(fake_openai), GenerationRequest(prompt="a boat"))[-1].image
    with Image.open(io.BytesIO(image.png)) as decoded:
        assert decoded.format == "PNG" and decoded.size == (1024, 1024)


# --- errors ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "scenario, error, words",
    [
        ("content_policy", ContentRefused, "rephrase"),
        ("bad_request", InvalidRequest, "Supported values"),
        ("auth", AuthenticationFailed, "OPENAI_API_KEY"),
        ("forbidden", AuthenticationFailed, "refused access"),
        ("not_found", ModelNotFound, "dall-e-3"),
        ("quota", RateLimited, "credit"),
        ("server_error", BackendFailure, "server error"),
        ("malformed", BackendFailure, "could not be read"),
        ("html", BackendFailure, "could not be read"),
        ("bad_base64", BackendFailure, "Base64"),
        ("not_image", BackendFailure, "not a readable image"),
        ("empty_data", BackendFailure, "without an image"),
    ],
)
def test_errors_are_mapped_to_domain_errors(fake_openai, scenario, error, words):
    fake_openai.queue("images", scenario)
    with pytest.raises(error) as caught:
        run(make_backend(fake_openai), GenerationRequest(prompt="a fox"))
    assert type(caught.value) is error
    assert words in caught.value.user_message
    assert_no_secret(caught.value)


def test_bad_request_names_the_providers_field(fake_openai):
    fake_openai.queue("images", "bad_request")
    with pytest.raises(InvalidRequest) as caught:
        run(make_backend(fake_openai), GenerationRequest(prompt="a fox"))
    assert caught.value.field == "size"


def test_fake_401_really_echoes_part_of_the_key(fake_openai):
    # Guards the no-leak assertions above: they can only fail if the provider's text holds the key.
    fake_openai.queue("images", "auth")
    client = openai.OpenAI(api_key=KEY, base_url=fake_openai.base_url, max_retries=0)
    with pytest.raises(openai.AuthenticationError) as caught:
        client.images.generate(model="dall-e-3", prompt="a fox")
    assert masked_key(KEY) in str(caught.value) and "T123" in str(caught.value)


def test_auth_error_chains_nothing_that_holds_the_key(fake_openai):
    fake_openai.queue("images", "auth")
    with pytest.raises(AuthenticationFailed) as caught:
        run(make_backend(fake_openai), GenerationRequest(prompt="a fox"))
    assert caught.value.__cause__ is None and caught.value.__suppress_context__


def test_rate_limit_then_ok_succeeds_through_the_sdk_retry(fake_openai):
    fake_openai.queue("images", "rate_limit", "ok")
    events = run(make_backend(fake_openai, max_retries=2), GenerationRequest(prompt="a fox"))
    assert isinstance(events[-1], Finished)
    sent = fake_openai.requests_to("images")
    assert [r.headers["x-stainless-retry-count"] for r in sent] == ["0", "1"]


def test_server_error_is_retried_by_the_sdk(fake_openai):
    fake_openai.queue("images", "server_error", "server_error", "ok")
    events = run(make_backend(fake_openai, max_retries=2), GenerationRequest(prompt="a fox"))
    assert isinstance(events[-1], Finished)
    assert len(fake_openai.requests) == 3


def test_persistent_rate_limit_gives_rate_limited_after_the_retries(fake_openai):
    fake_openai.queue("images", "rate_limit", "rate_limit", "rate_limit", "ok")
    with pytest.raises(RateLimited) as caught:
        run(make_backend(fake_openai, max_retries=2), GenerationRequest(prompt="a fox"))
    assert len(fake_openai.requests) == 3  # one try and two SDK retries, no more
    assert "3 tries" in caught.value.user_message
    assert_no_secret(caught.value)


def test_slow_answer_gives_backend_timeout(fake_openai):
    fake_openai.queue("images", "slow")
    backend = make_backend(fake_openai, timeout=0.3)
    started = time.perf_counter()
    with pytest.raises(BackendTimeout) as caught:
        run(backend, GenerationRequest(prompt="a fox"))
    assert time.perf_counter() - started < 3
    assert "0.3 seconds" in caught.value.user_message


def test_unreachable_server_gives_backend_unavailable_without_credentials():
    base_url = f"http://someone:hunter2@127.0.0.1:{free_port()}/v1?token=abc"
    backend = OpenAIImagesBackend(KEY, base_url=base_url, timeout=2.0, max_retries=0)
    with pytest.raises(BackendUnavailable) as caught:
        run(backend, GenerationRequest(prompt="a fox"))
    message = caught.value.user_message
    assert "127.0.0.1" in message and "reach" in message
    assert "hunter2" not in message and "token" not in message
    assert_no_secret(caught.value)


def test_dropped_connection_gives_backend_unavailable(fake_openai):
    fake_openai.queue("images", "disconnect")
    with pytest.raises(BackendUnavailable):
        run(make_backend(fake_openai), GenerationRequest(prompt="a fox"))


# --- availability ---------------------------------------------------------------------------


@pytest.mark.parametrize("key", [None, "", "   "])
def test_unavailable_without_a_key(key, fake_openai):
    backend = OpenAIImagesBackend(key, base_url=fake_openai.base_url)
    ok, why = backend.available()
    assert not ok and "OPENAI_API_KEY" in why
    with pytest.raises(BackendUnavailable):
        run(backend, GenerationRequest(prompt="a fox"))
    assert fake_openai.requests == []


def test_available_with_a_key_says_nothing_of_it(fake_openai):
    backend = make_backend(fake_openai)
    ok, why = backend.available()
    assert ok
    for text in (why, repr(backend)):
        assert KEY not in text and "SECRET" not in text


# --- check_inputs ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "model, changes, field, words",
    [
        ("dall-e-3", {"prompt": ""}, "prompt", "empty"),
        ("dall-e-3", {"prompt": "   \n"}, "prompt", "empty"),
        ("dall-e-3", {"prompt": "x" * 4001}, "prompt", "4000"),
        ("dall-e-2", {"prompt": "x" * 1001}, "prompt", "1000"),
        ("gpt-image-1", {"prompt": "x" * 32001}, "prompt", "32000"),
        ("dall-e-3", {"width": 512, "height": 512}, "size", "1024x1024, 1792x1024, 1024x1792"),
        ("dall-e-2", {"width": 1792, "height": 1024}, "size", "256x256"),
        ("gpt-image-1", {"width": 1792, "height": 1024}, "size", "1536x1024"),
        ("dall-e-3", {"width": 1024}, "height", "both"),
        ("dall-e-3", {"quality": "high"}, "quality", "standard, hd"),
        ("gpt-image-1", {"quality": "hd"}, "quality", "low, medium, high"),
        ("dall-e-2", {"quality": "hd"}, "quality", "standard"),
        ("dall-e-3", {"openai_style": "dramatic"}, "openai_style", "vivid, natural"),
        ("gpt-image-1", {"openai_style": "vivid"}, "openai_style", "dall-e-3 only"),
        ("dall-e-2", {"openai_style": "natural"}, "openai_style", "dall-e-3 only"),
        ("dall-e-3", {"model": "dall-e-9"}, "model", "dall-e-3"),
    ],
)
def test_invalid_inputs_name_the_field_and_send_nothing(fake_openai, model, changes, field, words):
    backend = make_backend(fake_openai, model=model)
    request = GenerationRequest(prompt="a fox").with_(**changes)
    with pytest.raises(InvalidRequest) as caught:
        backend.resolve(request)
    assert caught.value.field == field
    assert words in caught.value.user_message
    with pytest.raises(InvalidRequest):
        run(backend, request)
    assert fake_openai.requests == []


@pytest.mark.parametrize(
    "model, size, quality, style",
    [
        ("dall-e-3", (1024, 1024), "standard", "vivid"),
        ("dall-e-2", (1024, 1024), "standard", None),
        ("gpt-image-1", (1024, 1024), "auto", None),
        ("gpt-image-1-mini", (1024, 1024), "auto", None),
    ],
)
def test_resolve_fills_model_defaults_and_drops_what_openai_ignores(model, size, quality, style):
    backend = OpenAIImagesBackend(KEY, model=model)
    resolved = backend.resolve(GenerationRequest(
        prompt="a fox", negative_prompt="blurry", steps=20, guidance=5.0, seed=7,
    ))
    assert resolved.model == model
    assert (resolved.width, resolved.height) == size
    assert (resolved.quality, resolved.openai_style) == (quality, style)
    assert resolved.steps is None and resolved.guidance is None and resolved.seed is None
    assert resolved.negative_prompt == ""
    assert backend.resolve(resolved) == resolved  # idempotent: the job runner may resolve twice


# --- cancelling -----------------------------------------------------------------------------


def test_cancel_during_a_slow_request_returns_cancelled_quickly(fake_openai):
    fake_openai.queue("images", "slow")
    cancel = threading.Event()
    cancelled_at: list[float] = []

    def cancel_later() -> None:
        # By now the HTTP call is in flight: the fake holds "slow" answers for 10 s.
        cancelled_at.append(time.perf_counter())
        cancel.set()

    timer = threading.Timer(0.3, cancel_later)
    timer.start()
    try:
        backend = make_backend(fake_openai, timeout=30.0)
        events = list(backend.generate(GenerationRequest(prompt="a fox"), cancel))
        latency = time.perf_counter() - cancelled_at[0]
    finally:
        timer.cancel()
    assert [type(e) for e in events] == [Started, Cancelled]
    assert latency < 0.25
    assert len(fake_openai.requests) == 1  # the request did go out


def test_cancel_before_the_call_sends_nothing(fake_openai):
    cancel = threading.Event()
    cancel.set()
    events = run(make_backend(fake_openai), GenerationRequest(prompt="a fox"), cancel)
    assert [type(e) for e in events] == [Started, Cancelled]
    assert fake_openai.requests == []


# --- the fake's chat endpoint (used by the optional LLM prompt rewrite) ---------------------


def test_fake_chat_completions(fake_openai):
    client = openai.OpenAI(api_key=KEY, base_url=fake_openai.base_url, max_retries=0, timeout=0.5)
    fake_openai.chat_reply = "a fox, watercolour, soft light"
    reply = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": "fox"}])
    assert reply.choices[0].message.content == "a fox, watercolour, soft light"
    assert fake_openai.requests_to("chat")[0].body["messages"][0]["content"] == "fox"

    fake_openai.queue("chat", "server_error", "slow", "malformed")
    with pytest.raises(openai.InternalServerError):
        client.chat.completions.create(model="gpt-4o-mini", messages=[])
    with pytest.raises(openai.APITimeoutError):
        client.chat.completions.create(model="gpt-4o-mini", messages=[])
    with pytest.raises(ValueError):
        client.chat.completions.create(model="gpt-4o-mini", messages=[])


def test_fake_rejects_unknown_scenarios(fake_openai):
    with pytest.raises(ValueError):
        fake_openai.queue("images", "no_such_thing")
    with pytest.raises(ValueError):
        fake_openai.queue("chat", "content_policy")


def test_provider_text_is_scrubbed_of_key_shapes():
    from pipeline.backends.openai_images import _scrub

    text = _scrub(f"bad key {KEY} or sk-proj-****abcd here", KEY)
    assert KEY not in text and "sk-proj" not in text and "abcd" not in text
    assert text.startswith("bad key [redacted]") and text.endswith("here")
