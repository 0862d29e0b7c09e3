"""The OpenAI backend inside the app: streamed previews through the job runner and over SSE,
options from the HTTP API into the stored recipe, the per-job deadline said in the chat, and
credentials in OPENAI_BASE_URL kept out of every log. Real parts: the ``openai`` SDK against the
loopback server, the job runner, DuckDB, and (for the HTTP tests) the app launched as a process."""

from __future__ import annotations

import base64
import io
import json
import logging
import re
import threading
import time

import httpx
import openai
import pytest
from PIL import Image

from config import parse_config
from pipeline.backends.openai_images import OpenAIImagesBackend
from pipeline.errors import InvalidRequest
from pipeline.events import Failed, Finished, Progress
from pipeline.jobs import JobRunner
from pipeline.request import GenerationRequest
from pipeline.router import Router
from redaction import redact_http_logs, redact_url
from storage import Store
from tests.apprunner import AppProcess
from tests.fake_openai import FakeOpenAI, png_bytes
from tests.patience import PATIENCE_MS, PATIENCE_S
from tests.task_polling import wait_for_task
from tests.gradio_page import open_accordion
from web.chat import ChatService
from web.chat_settings import ChatSettings
from web.settings_openai import turn_options

KEY = "sk-test-SECRET123"
PROXY_SECRET = "sk-proxy-SECRET99"  # a proxy's password inside OPENAI_BASE_URL
BOUND = PATIENCE_S  # every wait ends as soon as its condition holds


def shown(frame: list[dict]) -> str:
    """A chat frame's text as a person reads it (markdown escapes removed)."""
    return re.sub(r"\\(.)", r"\1", "\n".join(str(m["content"]) for m in frame))


def credentialed(fake: FakeOpenAI) -> str:
    return f"http://proxyuser:{PROXY_SECRET}@127.0.0.1:{fake.port}/v1"


@pytest.fixture
def parts(tmp_path, fake_openai):
    """A job runner and a chat over a gpt-image-1 backend on the loopback server."""
    store = Store(tmp_path / "openai.duckdb")
    remote = OpenAIImagesBackend(KEY, base_url=fake_openai.base_url, model="gpt-image-1", max_retries=0,
                                 timeout=PATIENCE_S, deadline_s=PATIENCE_S, partial_images=2)
    router = Router({"openai": remote}, default="openai")
    jobs = JobRunner(router, store)
    chat = ChatService(store, jobs, router, tokenizer=lambda: None, frame_interval_s=0.05)
    yield chat
    jobs.close()
    store.close()


# --- streamed previews through the job runner ---------------------------------------------------


def test_a_streamed_generation_shows_previews_before_the_image_through_the_job_runner(parts, fake_openai):
    jobs = parts.jobs
    fake_openai.hold_final = threading.Event()  # the image waits until a preview has been seen
    job_id = jobs.submit(GenerationRequest(prompt="a teapot", backend="openai"))
    seen = []
    for event in jobs.events(job_id, heartbeat_s=0.5):
        if event is None:
            continue
        seen.append(event)
        if isinstance(event, Progress) and event.preview:
            fake_openai.hold_final.set()
    previews = [e for e in seen if isinstance(e, Progress) and e.preview]
    assert previews and isinstance(seen[-1], Finished)
    assert seen.index(previews[0]) < len(seen) - 1
    assert previews[0].preview[:3] == b"\xff\xd8\xff" and previews[0].total == 3
    record = parts.store.image_record(seen[-1].image_id)
    assert record.extra["partial_images"] == 2 and record.extra["output_format"] == "png"


def test_the_chat_bubble_shows_a_partial_image_while_it_forms(parts, fake_openai):
    fake_openai.hold_final = threading.Event()
    conv, _ = parts.add_user_message(None, "a teapot", None)
    parts.begin(conv, "a teapot", ChatSettings(backend="openai"), None)
    started = time.monotonic()
    for frame in parts.watch_conversation(conv, None):
        text = "\n".join(str(m["content"]) for m in frame)
        if "data:image/jpeg;base64," in text:  # the partial image, inline in the bubble
            fake_openai.hold_final.set()
            break
        assert time.monotonic() - started < BOUND, "no preview in the chat"
    fake_openai.hold_final.set()


# --- options, from the chat's panel to the request ---------------------------------------------


def test_the_panels_values_become_turn_settings():
    assert turn_options("openai", "gpt-image-1", "dall-e-3", "default", "transparent", "webp", 55.0,
                        owner="openai") == {
        "openai_style": None, "background": "transparent", "output_format": "webp", "output_compression": 55,
        "model": "gpt-image-1"}
    # compression only with a format it applies to; the model only when OpenAI is chosen outright
    assert turn_options("auto", "gpt-image-1", "dall-e-3", None, None, "png", 55.0, owner="openai") == {
        "openai_style": None, "background": None, "output_format": "png", "output_compression": None}
    chosen = turn_options("openai", "dall-e-3", "dall-e-3", "natural", "default", "default", 100, owner="openai")
    assert chosen["openai_style"] == "natural"


def test_chat_settings_carry_the_options_to_openai(parts, fake_openai):
    conv, _ = parts.add_user_message(None, "a fox sticker", None)
    settings = ChatSettings(backend="openai", quality="low",
                            openai=turn_options("openai", "gpt-image-1", "gpt-image-1", None, "transparent", "webp", 40,
                                               owner="openai"))
    begun = parts.begin(conv, "a fox sticker", settings, None)
    [job_id] = begun.job_ids
    assert isinstance(parts.jobs.wait(job_id, timeout=BOUND), Finished)
    body = fake_openai.requests_to("images")[-1].body
    assert (body["quality"], body["background"], body["output_format"], body["output_compression"]) == \
        ("low", "transparent", "webp", 40)
    text = shown(parts.render_conversation(conv))
    assert "quality low" in text and "transparent background" in text and "sent as webp 40%" in text


def test_reroll_and_restore_keep_the_options(parts, fake_openai):
    from web.recipe import Recipe, settings_for

    conv, _ = parts.add_user_message(None, "a fox sticker", None)
    settings = ChatSettings(backend="openai", quality="high",
                            openai=turn_options("openai", "gpt-image-1", "gpt-image-1", None, "opaque", "jpeg", 35,
                                               owner="openai"))
    [job_id] = parts.begin(conv, "a fox sticker", settings, None).job_ids
    first = parts.jobs.wait(job_id, timeout=BOUND)
    [again] = parts.begin_reroll(conv, None).job_ids
    assert isinstance(parts.jobs.wait(again, timeout=BOUND), Finished)
    first_body, again_body = (r.body for r in fake_openai.requests_to("images")[-2:])
    for key in ("quality", "background", "output_format", "output_compression"):
        assert first_body[key] == again_body[key], key
    recipe = Recipe.from_image(parts.store.image_record(first.image_id))
    assert (recipe.quality, recipe.background, recipe.output_format, recipe.output_compression) == \
        ("high", "opaque", "jpeg", 35)
    assert settings_for(recipe).quality == "high"  # Restore fills gpt-image qualities too


def test_a_wrong_option_is_a_chat_message_and_nothing_is_sent(parts, fake_openai):
    conv, _ = parts.add_user_message(None, "a fox", None)
    begun = parts.begin(conv, "a fox", ChatSettings(backend="openai", quality="hd"), None)
    assert not begun.job_ids
    text = shown(parts.render_conversation(conv))
    assert "Quality" in text and "auto, low, medium, high" in text
    assert fake_openai.requests == []


def test_dalle3_refuses_an_edit_before_it_is_queued(tmp_path, fake_openai):
    store = Store(tmp_path / "d3.duckdb")
    remote = OpenAIImagesBackend(KEY, base_url=fake_openai.base_url, model="dall-e-3", max_retries=0)
    jobs = JobRunner(Router({"openai": remote}, default="openai"), store)
    try:
        with pytest.raises(InvalidRequest) as caught:
            jobs.submit(GenerationRequest(prompt="make it red", backend="openai", init_image=png_bytes(64, 64)))
        assert "DALL-E 3 can't edit a picture; switch to gpt-image-1 or the local model" in caught.value.user_message
        assert fake_openai.requests == []
    finally:
        jobs.close()
        store.close()


# --- the deadline, said in the chat ------------------------------------------------------------


def test_a_hung_provider_fails_the_job_at_the_deadline_with_a_message_in_the_chat(tmp_path, fake_openai):
    fake_openai.slow_s = 2 * PATIENCE_S  # hung: longer than any wait here
    fake_openai.queue("images", "slow", "slow", "slow")
    store = Store(tmp_path / "hang.duckdb")
    remote = OpenAIImagesBackend(KEY, base_url=fake_openai.base_url, model="dall-e-3", max_retries=2,
                                 timeout=PATIENCE_S, deadline_s=2)
    router = Router({"openai": remote}, default="openai")
    jobs = JobRunner(router, store)
    chat = ChatService(store, jobs, router, tokenizer=lambda: None)
    try:
        conv, _ = chat.add_user_message(None, "a fox", None)
        started = time.monotonic()
        [job_id] = chat.begin(conv, "a fox", ChatSettings(backend="openai"), None).job_ids
        end = jobs.wait(job_id, timeout=BOUND)
        assert isinstance(end, Failed) and end.reason == "timeout"
        assert time.monotonic() - started < PATIENCE_S  # ended by the deadline, not by 3 tries x their timeout
        text = shown(chat.render_conversation(conv))
        assert "OpenAI did not answer within 2 s" in text
    finally:
        jobs.close()
        store.close()


# --- flags and credentials ---------------------------------------------------------------------


def test_openai_flags():
    c = parse_config([], env={})
    assert (c.openai_deadline, c.openai_partial_images) == (90.0, 2)
    c = parse_config(["--openai-deadline", "2.5", "--openai-partial-images", "0"], env={})
    assert (c.openai_deadline, c.openai_partial_images) == (2.5, 0)
    env = {"IMAGECHAT_OPENAI_DEADLINE": "30", "IMAGECHAT_OPENAI_PARTIAL_IMAGES": "3"}
    assert parse_config([], env=env).openai_deadline == 30
    for bad in (["--openai-deadline", "0"], ["--openai-partial-images", "4"]):
        with pytest.raises(SystemExit):
            parse_config(bad, env={})


def test_base_url_credentials_stay_out_of_the_config_repr():
    c = parse_config([], env={"OPENAI_BASE_URL": f"http://proxyuser:{PROXY_SECRET}@proxy.example/v1"})
    assert PROXY_SECRET not in repr(c) and "proxy.example" in repr(c)
    assert redact_url("https://sk-token-SECRET@host/v1") == "https://***@host/v1"


def test_base_url_credentials_never_reach_the_logs_and_still_authenticate(fake_openai, caplog):
    caplog.set_level(logging.DEBUG)
    backend = OpenAIImagesBackend(KEY, base_url=credentialed(fake_openai), max_retries=0, timeout=PATIENCE_S)
    events = list(backend.generate(GenerationRequest(prompt="a fox"), threading.Event()))
    assert isinstance(events[-1], Finished)
    assert "HTTP Request: POST http://127.0.0.1" in caplog.text  # the line is there, without them
    assert PROXY_SECRET not in caplog.text
    # the proxy gets what the URL's user info always gave it: HTTP Basic auth
    expected = base64.b64encode(f"proxyuser:{PROXY_SECRET}".encode()).decode()
    assert fake_openai.requests[0].headers["authorization"] == f"Basic {expected}"


def test_any_sdk_client_on_such_a_url_is_redacted_in_the_logs(fake_openai, caplog):
    # The prompt rewriter and the chat model make their own clients; the app redacts their lines too.
    redact_http_logs()
    caplog.set_level(logging.DEBUG)
    client = openai.OpenAI(api_key=KEY, base_url=credentialed(fake_openai), max_retries=0, timeout=PATIENCE_S)
    client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": "hi"}])
    assert "HTTP Request: POST" in caplog.text and PROXY_SECRET not in caplog.text
    logging.getLogger("httpx2").info("odd %s", "http://a:b@host:notaport/x")  # never raises


# --- the launched app: SSE, the HTTP API, the start-up log ------------------------------------


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """The app on gpt-image-1 through a credentialed OPENAI_BASE_URL, and its loopback server."""
    work = tmp_path_factory.mktemp("openai-app")
    with FakeOpenAI() as fake:
        env = {"OPENAI_API_KEY": KEY, "OPENAI_BASE_URL": credentialed(fake)}
        args = ["--backend", "openai", "--openai-model", "gpt-image-1", "--db", str(work / "app.duckdb"),
                "--rate-limit", "0", "--openai-partial-images", "2"]
        with AppProcess(work, args=args, env=env) as app:
            yield app, fake


@pytest.fixture
def http(served):
    app, fake = served
    fake.hold_final = None
    with httpx.Client(base_url=app.url, timeout=PATIENCE_S) as client:
        yield client


@pytest.mark.slow
def test_sse_sends_partial_images_before_the_result(served, http):
    _, fake = served
    fake.hold_final = threading.Event()
    r = http.post("/api/generate", json={"prompt": "a teapot", "backend": "openai"})
    assert r.status_code == 202, r.text
    task_id = r.json()["task_id"]
    events: list[dict] = []

    def read() -> None:
        with http.stream("GET", f"/api/tasks/{task_id}/events", params={"previews": "true"}) as stream:
            for line in stream.iter_lines():
                if line.startswith("data:"):
                    event = json.loads(line[5:].strip())
                    events.append(event)
                    if event.get("preview_jpeg_b64"):
                        fake.hold_final.set()  # a preview arrived: let the image come

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    reader.join(BOUND)
    fake.hold_final.set()
    assert not reader.is_alive()
    kinds = [e["type"] for e in events]
    first_preview = next(i for i, e in enumerate(events) if e.get("preview_jpeg_b64"))
    assert kinds[-1] == "finished" and first_preview < len(events) - 1
    preview = base64.b64decode(events[first_preview]["preview_jpeg_b64"])
    assert Image.open(io.BytesIO(preview)).format == "JPEG"


@pytest.mark.slow
def test_the_websocket_sends_partial_images_before_the_result(served, http):
    from websockets.exceptions import ConnectionClosedOK
    from websockets.sync.client import connect

    app, fake = served
    fake.hold_final = threading.Event()
    task_id = http.post("/api/generate", json={"prompt": "a kettle", "backend": "openai"}).json()["task_id"]
    events = []
    try:
        with connect(f"ws://127.0.0.1:{app.port}/api/tasks/{task_id}/ws?previews=true", open_timeout=PATIENCE_S) as ws:
            try:
                while True:
                    events.append(json.loads(ws.recv(timeout=BOUND)))
                    if events[-1].get("preview_jpeg_b64"):
                        fake.hold_final.set()
            except ConnectionClosedOK:
                pass
    finally:
        fake.hold_final.set()
    first_preview = next(i for i, e in enumerate(events) if e.get("preview_jpeg_b64"))
    assert events[-1]["type"] == "finished" and first_preview < len(events) - 1


@pytest.mark.slow
def test_api_options_are_checked_sent_and_kept_in_the_recipe(served, http):
    _, fake = served
    r = http.post("/api/generate", json={"prompt": "a fox sticker", "backend": "openai", "quality": "low",
                                         "background": "transparent", "output_format": "webp",
                                         "output_compression": 70})
    assert r.status_code == 202, r.text
    task = wait_for_task(http, r.json()["task_id"])
    assert task["status"] == "succeeded", task
    sent = fake.requests_to("images")[-1].body
    assert (sent["background"], sent["output_format"], sent["output_compression"]) == ("transparent", "webp", 70)
    [item] = [i for i in http.get("/api/images", params={"limit": 50}).json()["items"] if i["id"] == task["image_id"]]
    assert {k: item["extra"][k] for k in ("quality", "background", "output_format", "output_compression")} == \
        {"quality": "low", "background": "transparent", "output_format": "webp", "output_compression": 70}
    png = http.get(task["image_url"])
    assert png.headers["content-type"] == "image/png" and Image.open(io.BytesIO(png.content)).mode == "RGBA"

    sent_before = len(fake.requests)
    for body, field in (({"quality": "hd"}, "quality"),  # a DALL-E 3 quality, on gpt-image-1
                        ({"openai_style": "vivid"}, "openai_style"),
                        ({"output_compression": 150, "output_format": "jpeg"}, "output_compression"),
                        ({"background": "clear"}, "background"),
                        ({"background": "transparent", "output_format": "jpeg"}, "background")):
        r = http.post("/api/generate", json={"prompt": "a fox", "backend": "openai", **body})
        assert r.status_code == 422, (body, r.text)
        assert field in r.text, r.text
    assert len(fake.requests) == sent_before  # refused before any paid call


@pytest.mark.slow
def test_the_start_up_and_request_logs_hold_no_base_url_credentials(served, http):
    app, fake = served
    r = http.post("/api/generate", json={"prompt": "a lighthouse", "backend": "openai"})
    assert wait_for_task(http, r.json()["task_id"])["status"] == "succeeded"
    log = app.log()
    assert "starting with Config(" in log and "HTTP Request: POST http://127.0.0.1" in log
    assert PROXY_SECRET not in log and KEY not in log


def choose(page, elem_id: str, value: str) -> None:
    """Pick a value in a Gradio dropdown as a person does: open it, click the option."""
    page.locator(f"#{elem_id} input").first.click()
    page.get_by_role("option", name=value, exact=True).first.click()


@pytest.mark.slow
@pytest.mark.browser
def test_the_settings_show_only_the_chosen_models_options_and_send_them(browser, served):
    app, fake = served
    page = browser.new_page(viewport={"width": 1300, "height": 1100})
    page.set_default_timeout(PATIENCE_MS)
    try:
        page.goto(app.url)
        open_accordion(page, "settings", "#backend")
        visible = lambda elem_id: page.locator(f"#{elem_id}").first.is_visible()  # noqa: E731
        page.locator("#openai-background").first.wait_for(state="visible", timeout=PATIENCE_MS)
        # gpt-image-1 (the server's model): background and format, no DALL-E style
        assert visible("openai-format") and not visible("openai-style")
        choose(page, "openai-model", "dall-e-3")
        page.locator("#openai-style").first.wait_for(state="visible", timeout=PATIENCE_MS)
        page.locator("#openai-background").first.wait_for(state="hidden", timeout=PATIENCE_MS)
        assert not visible("openai-format")
        choose(page, "openai-model", "gpt-image-1")
        page.locator("#openai-style").first.wait_for(state="hidden", timeout=PATIENCE_MS)
        choose(page, "openai-format", "jpeg")
        page.locator("#openai-compression").first.wait_for(state="visible", timeout=PATIENCE_MS)
        choose(page, "openai-format", "webp")
        choose(page, "openai-background", "transparent")
        choose(page, "quality", "low")
        sent = len(fake.requests_to("images"))
        box = page.locator("#prompt textarea")
        box.fill("a fox sticker")
        box.press("Enter")
        page.locator("#chat img[src*='/api/images/']").first.wait_for(timeout=PATIENCE_MS)
        body = fake.requests_to("images")[sent].body
        assert (body["quality"], body["background"], body["output_format"]) == ("low", "transparent", "webp")
        assert "transparent background" in page.locator("#chat").inner_text()
    finally:
        page.close()
