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
from pipeline.backends.openai_spec import OpenAIOptions
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
from pipeline.events import Cancelled, Finished, Progress, Started
from pipeline.request import GenerationRequest
from tests.fake_openai import masked_key
from tests.patience import PATIENCE_S

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


def request(prompt: str, **fields) -> GenerationRequest:
    """A request with OpenAI's options among its fields, as the HTTP API spells them."""
    options = {name: fields.pop(name) for name in list(fields) if name in OpenAIOptions.model_fields}
    return GenerationRequest(prompt=prompt, options=OpenAIOptions(**options) if options else None, **fields)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# --- success --------------------------------------------------------------------------------


def test_dalle3_success_returns_png_and_sends_the_right_request(fake_openai):
    backend = make_backend(fake_openai)
    events = run(backend, request(
        "a red fox in the snow", width=1792, height=1024, quality="hd",
        openai_style="natural", negative_prompt="blurry", steps=30, guidance=7.5, seed=42,
    ))

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
    backend = make_backend(fake_openai, model="gpt-image-1", partial_images=0)
    events = run(backend, request("a teapot", width=1536, height=1024, quality="high"))

    image = events[-1].image
    assert image.model == "gpt-image-1"
    assert image.prompt_sent == "a teapot"  # no revised_prompt from gpt-image
    assert image.extra == {"revised_prompt": None, "quality": "high", "style": None,
                           "background": "auto", "output_format": "png"}
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
    bad = request(**{"prompt": "a fox", **changes})
    with pytest.raises(InvalidRequest) as caught:
        backend.resolve(bad)
    assert caught.value.field == field
    assert words in caught.value.user_message
    with pytest.raises(InvalidRequest):
        run(backend, bad)
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
    assert (resolved.options.quality, resolved.options.openai_style) == (quality, style)
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


# --- partial images: streamed previews --------------------------------------------------------


def is_jpeg(data: bytes | None) -> bool:
    return bool(data) and data[:3] == b"\xff\xd8\xff"


def test_gpt_image_streams_partial_images_as_previews_before_the_image(fake_openai):
    backend = make_backend(fake_openai, model="gpt-image-1", partial_images=3)
    events = run(backend, GenerationRequest(prompt="a teapot"))

    assert [type(e) for e in events] == [Started, Progress, Progress, Progress, Finished]
    previews = events[1:4]
    assert [(p.step, p.total) for p in previews] == [(1, 4), (2, 4), (3, 4)]
    assert all(is_jpeg(p.preview) for p in previews)
    with Image.open(io.BytesIO(previews[0].preview)) as first:
        assert max(first.size) <= 384  # a preview, not the picture
    image = events[-1].image
    with Image.open(io.BytesIO(image.png)) as decoded:
        assert decoded.format == "PNG" and decoded.size == (1024, 1024)
    assert image.extra["partial_images"] == 3
    [sent] = fake_openai.requests
    assert sent.body["stream"] is True and sent.body["partial_images"] == 3


def test_dalle_models_answer_at_once_without_streaming(fake_openai):
    backend = make_backend(fake_openai, partial_images=3)
    events = run(backend, GenerationRequest(prompt="a teapot"))
    assert [type(e) for e in events] == [Started, Finished]
    assert "stream" not in fake_openai.requests[0].body and "partial_images" not in fake_openai.requests[0].body


def test_an_error_inside_the_stream_becomes_a_domain_error(fake_openai):
    fake_openai.queue("images", "stream_error")
    backend = make_backend(fake_openai, model="gpt-image-1", partial_images=2)
    seen = []
    with pytest.raises(ContentRefused) as caught:
        for event in backend.generate(GenerationRequest(prompt="a teapot"), threading.Event()):
            seen.append(event)
    assert [type(e) for e in seen] == [Started, Progress]  # the preview came before the refusal
    assert_no_secret(caught.value)


def test_cancel_while_the_final_image_is_held_stops_at_once(fake_openai):
    fake_openai.hold_final = threading.Event()  # never set: the provider sends previews, then stalls
    cancel = threading.Event()
    events = []
    for event in make_backend(fake_openai, model="gpt-image-1", timeout=PATIENCE_S).generate(
            GenerationRequest(prompt="a teapot"), cancel):
        events.append(event)
        if isinstance(event, Progress) and event.step == 2:
            cancel.set()
    assert [type(e) for e in events] == [Started, Progress, Progress, Cancelled]


# --- options per model ----------------------------------------------------------------------


def test_gpt_image_options_are_sent_and_kept_in_the_recipe(fake_openai):
    backend = make_backend(fake_openai, model="gpt-image-1", partial_images=0)
    sticker = request("a sticker of a fox", quality="low", background="transparent",
                      output_format="webp", output_compression=60)
    image = run(backend, sticker)[-1].image

    assert fake_openai.requests[0].body == {
        "model": "gpt-image-1", "prompt": "a sticker of a fox", "size": "1024x1024", "quality": "low",
        "n": 1, "background": "transparent", "output_format": "webp", "output_compression": 60,
    }
    assert image.extra == {"revised_prompt": None, "quality": "low", "style": None, "background": "transparent",
                           "output_format": "webp", "output_compression": 60}
    with Image.open(io.BytesIO(image.png)) as decoded:  # stored as PNG, its transparency kept
        assert decoded.format == "PNG" and decoded.mode == "RGBA"
        assert decoded.getpixel((0, 0))[3] == 0 and decoded.getpixel((1023, 0))[3] == 255


def test_jpeg_output_is_stored_as_png_with_its_format_in_the_recipe(fake_openai):
    backend = make_backend(fake_openai, model="gpt-image-1", partial_images=0)
    image = run(backend, request("a fox", output_format="jpeg", output_compression=30))[-1].image
    with Image.open(io.BytesIO(image.png)) as decoded:
        assert decoded.format == "PNG"
    assert (image.extra["output_format"], image.extra["output_compression"]) == ("jpeg", 30)


def test_dalle3_style_and_hd_quality_are_sent(fake_openai):
    image = run(make_backend(fake_openai), request("a fox", quality="hd", openai_style="natural"))[-1].image
    body = fake_openai.requests[0].body
    assert (body["quality"], body["style"]) == ("hd", "natural")
    assert (image.extra["quality"], image.extra["style"]) == ("hd", "natural")
    assert "background" not in image.extra and "output_format" not in image.extra


@pytest.mark.parametrize(
    "model, changes, field, words",
    [
        ("dall-e-3", {"background": "transparent"}, "background", "gpt-image"),
        ("dall-e-3", {"output_format": "webp"}, "output_format", "gpt-image"),
        ("dall-e-2", {"output_compression": 50}, "output_compression", "gpt-image"),
        ("gpt-image-1", {"background": "clear"}, "background", "transparent, opaque"),
        ("gpt-image-1", {"output_format": "gif"}, "output_format", "png, jpeg, webp"),
        ("gpt-image-1", {"output_compression": 50}, "output_compression", "jpeg and webp"),
        ("gpt-image-1", {"output_format": "jpeg", "output_compression": 101}, "output_compression", "0 to 100"),
        ("gpt-image-1", {"background": "transparent", "output_format": "jpeg"}, "background", "png or webp"),
        ("gpt-image-1", {"quality": "standard"}, "quality", "auto, low, medium, high"),
        ("dall-e-3", {"quality": "low"}, "quality", "standard, hd"),
    ],
)
def test_invalid_options_name_the_field_and_send_nothing(fake_openai, model, changes, field, words):
    backend = make_backend(fake_openai, model=model)
    with pytest.raises(InvalidRequest) as caught:
        run(backend, request(**{"prompt": "a fox", **changes}))
    assert caught.value.field == field and words in caught.value.user_message
    assert fake_openai.requests == []


# --- edits ----------------------------------------------------------------------------------


def picture(width: int, height: int, *, transparent: bool = False) -> bytes:
    from tests.fake_openai import png_bytes

    return png_bytes(width, height, transparent=transparent)


def white_box_mask(width: int, height: int, box: tuple[int, int, int, int]) -> bytes:
    """This app's mask convention: white repaints, black keeps."""
    mask = Image.new("L", (width, height), 0)
    mask.paste(255, box)
    buf = io.BytesIO()
    mask.save(buf, format="PNG")
    return buf.getvalue()


def test_gpt_image_edit_sends_the_picture_and_an_alpha_mask(fake_openai):
    source = picture(1200, 800)
    mask = white_box_mask(1200, 800, (100, 100, 300, 300))
    backend = make_backend(fake_openai, model="gpt-image-1", partial_images=2)
    events = run(backend, GenerationRequest(prompt="make the coat red", init_image=source, mask=mask, strength=0.6))

    assert [type(e) for e in events] == [Started, Progress, Progress, Finished]
    assert all(is_jpeg(e.preview) for e in events[1:3])
    [sent] = fake_openai.requests
    assert sent.path == "/v1/images/edits"
    assert sent.headers["content-type"].startswith("multipart/form-data")
    # the source's 3:2 shape picks the 3:2 size; no strength (OpenAI has none)
    assert sent.body == {"model": "gpt-image-1", "prompt": "make the coat red", "size": "1536x1024",
                         "quality": "auto", "n": "1", "stream": "true", "partial_images": "2"}
    [image_file] = sent.files["image"]
    assert image_file.data == source and image_file.content_type == "image/png"
    [mask_file] = sent.files["mask"]
    with Image.open(io.BytesIO(mask_file.data)) as sent_mask:
        assert sent_mask.format == "PNG" and sent_mask.mode == "RGBA" and sent_mask.size == (1200, 800)
        assert sent_mask.getpixel((200, 200))[3] == 0  # white here: OpenAI repaints where transparent
        assert sent_mask.getpixel((600, 600))[3] == 255  # black here: kept
    image = events[-1].image
    assert (image.width, image.height) == (1536, 1024)


def test_a_mask_with_transparency_keeps_its_meaning(fake_openai):
    mask = Image.new("RGBA", (1024, 1024), (255, 255, 255, 255))
    mask.paste((0, 0, 0, 0), (0, 0, 10, 10))  # transparent: repaint, as OpenAI reads it
    buf = io.BytesIO()
    mask.save(buf, format="PNG")
    backend = make_backend(fake_openai, model="gpt-image-1", partial_images=0)
    run(backend, GenerationRequest(prompt="a hat", init_image=picture(1024, 1024), mask=buf.getvalue()))
    with Image.open(io.BytesIO(fake_openai.requests[0].files["mask"][0].data)) as sent:
        assert sent.getpixel((5, 5))[3] == 0 and sent.getpixel((500, 500))[3] == 255


def test_dalle2_edits_a_square_png_with_transparent_areas(fake_openai):
    backend = make_backend(fake_openai, model="dall-e-2")
    events = run(backend, GenerationRequest(prompt="fill the gap", init_image=picture(512, 512, transparent=True),
                                            width=512, height=512))
    assert isinstance(events[-1], Finished)
    [sent] = fake_openai.requests
    assert sent.path == "/v1/images/edits" and "mask" not in sent.files
    assert sent.body["model"] == "dall-e-2" and sent.body["response_format"] == "b64_json"


def test_dalle3_cannot_edit_and_says_what_to_use_before_any_call(fake_openai):
    backend = make_backend(fake_openai, model="dall-e-3")
    with pytest.raises(InvalidRequest) as caught:
        run(backend, GenerationRequest(prompt="make it red", init_image=picture(64, 64)))
    assert caught.value.user_message == "DALL-E 3 can't edit a picture; switch to gpt-image-1 or the local model."
    assert caught.value.field == "init_image"
    assert fake_openai.requests == []


@pytest.mark.parametrize(
    "model, changes, field, words",
    [
        ("dall-e-2", {"init_image": "rect"}, "init_image", "square PNG"),
        ("dall-e-2", {"init_image": "opaque"}, "mask", "needs a mask"),
        ("gpt-image-1", {"init_image": "junk"}, "init_image", "could not be read"),
        ("gpt-image-1", {"init_image": "square", "mask": "small"}, "mask", "same size"),
        ("gpt-image-1", {"mask": "small"}, "mask", "needs the picture"),
    ],
)
def test_bad_pictures_are_refused_before_any_call(fake_openai, model, changes, field, words):
    values = {"rect": picture(300, 200), "opaque": picture(256, 256), "junk": b"not a picture at all",
              "square": picture(256, 256), "small": white_box_mask(64, 64, (0, 0, 8, 8))}
    request = GenerationRequest(prompt="edit it").with_(**{k: values[v] for k, v in changes.items()})
    with pytest.raises(InvalidRequest) as caught:
        run(make_backend(fake_openai, model=model), request)
    assert caught.value.field == field and words in caught.value.user_message
    assert fake_openai.requests == []


def test_the_fake_refuses_edits_as_openai_does(fake_openai):
    # Guards the tests above: the loopback server checks what the SDK sends.
    client = openai.OpenAI(api_key=KEY, base_url=fake_openai.base_url, max_retries=0)
    with pytest.raises(openai.BadRequestError) as missing:
        client.images.edit(model="gpt-image-1", prompt="x", image=[])
    with pytest.raises(openai.BadRequestError) as rgb_mask:
        client.images.edit(model="gpt-image-1", prompt="x", image=("a.png", picture(64, 64), "image/png"),
                           mask=("m.png", white_box_mask(64, 64, (0, 0, 8, 8)), "image/png"))
    with pytest.raises(openai.BadRequestError) as dalle3:
        client.images.edit(model="dall-e-3", prompt="x", image=("a.png", picture(64, 64), "image/png"))
    assert missing.value.param == "image" and rgb_mask.value.param == "mask" and dalle3.value.param == "model"


# --- a deadline for the whole job -------------------------------------------------------------


def test_a_hung_provider_fails_the_job_at_its_deadline_whatever_the_retries(fake_openai):
    fake_openai.slow_s = 600  # hangs: without a deadline, 3 tries x 120 s
    fake_openai.queue("images", "slow", "slow", "slow")
    backend = make_backend(fake_openai, timeout=120.0, max_retries=2, deadline_s=2)
    started = time.monotonic()
    with pytest.raises(BackendTimeout) as caught:
        run(backend, GenerationRequest(prompt="a fox"))
    elapsed = time.monotonic() - started
    assert caught.value.user_message.startswith("OpenAI did not answer within 2 s")
    assert 1.5 <= elapsed < 60  # generous: a loaded machine; far below the 6 minutes of tries
    assert backend.timeout == 2  # and no single try may outlast it either


def test_a_stream_that_stalls_after_its_previews_fails_at_the_deadline(fake_openai):
    fake_openai.hold_final = threading.Event()  # never set
    backend = make_backend(fake_openai, model="gpt-image-1", timeout=120.0, deadline_s=2)
    seen = []
    with pytest.raises(BackendTimeout):
        for event in backend.generate(GenerationRequest(prompt="a fox"), threading.Event()):
            seen.append(event)
    assert [type(e) for e in seen] == [Started, Progress, Progress]


@pytest.mark.parametrize("options", [{"deadline_s": 0}, {"partial_images": 4}, {"partial_images": -1}])
def test_backend_options_out_of_range_are_refused(options):
    with pytest.raises(ValueError):
        OpenAIImagesBackend(KEY, **options)
