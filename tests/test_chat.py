"""The chat's logic with real parts (prompts, tiny pipeline, job runner, DuckDB), without Gradio."""

from __future__ import annotations

import pytest

from pipeline.backends.openai_images import OpenAIImagesBackend
from pipeline.jobs import JobRunner
from pipeline.router import Router
from storage import Store
from web.chat import ChatService, ChatSettings, parse_size


@pytest.fixture
def local(tiny_local):
    return tiny_local


@pytest.fixture
def service(tmp_path, local, fake_openai):
    store = Store(tmp_path / "chat.duckdb")
    remote = OpenAIImagesBackend("sk-test-SECRET123", base_url=fake_openai.base_url, max_retries=0, timeout=5)
    router = Router({"local": local, "openai": remote}, default="local")
    jobs = JobRunner(router, store)
    yield ChatService(store, jobs, router, tokenizer=local.tokenizer, frame_interval_s=0.0)
    jobs.close()
    store.close()


FAST = ChatSettings(steps=3)


def turn(service, conv, text, settings=FAST, user=None):
    conv, _ = service.add_user_message(conv, text, user)
    begun = service.begin(conv, text, settings, user)
    frames = list(service.watch(begun.job_id, begun.view)) if begun.job_id else []
    return conv, begun, frames


def test_a_turn_streams_frames_and_ends_with_the_stored_image(service):
    conv, begun, frames = turn(service, None, "a lighthouse on a cliff", ChatSettings(steps=4, seed=42))
    assert begun.job_id and "lighthouse" in begun.view.prompt_sent
    assert any("Step" in f for f in frames[:-1])
    assert "/api/images/" in frames[-1] and "seed 42" in frames[-1]
    messages = service.store.messages(conv)
    assert [m.role for m in messages] == ["user", "assistant"] and messages[1].image.seed == 42
    assert service.render_conversation(conv)[-1]["content"] == frames[-1]


def test_the_prompt_sent_is_shown_and_enhancement_can_be_switched_off(service):
    _, begun, _ = turn(service, None, "a cat", ChatSettings(steps=2, enhance=False))
    assert begun.view.prompt_sent.strip() == "a cat"
    _, begun, _ = turn(service, None, "a cat", ChatSettings(steps=2, enhance=True))
    assert begun.view.prompt_sent != "a cat" and "cat" in begun.view.prompt_sent


def test_a_greeting_gets_a_text_reply_and_is_stored(service):
    conv, begun, _ = turn(service, None, "hi")
    assert begun.job_id is None and begun.reply
    assert service.store.messages(conv)[-1].role == "assistant"


def test_same_seed_follow_up_reuses_the_previous_seed(service):
    conv, _, first = turn(service, None, "a red bicycle in a park", ChatSettings(steps=2))
    first_seed = service.store.messages(conv)[-1].image.seed
    conv, begun, _ = turn(service, conv, "same seed", ChatSettings(steps=2))
    assert service.store.messages(conv)[-1].image.seed == first_seed


def test_a_follow_up_edits_the_previous_prompt(service):
    conv, _, _ = turn(service, None, "a red bicycle in a park", ChatSettings(steps=2))
    conv, begun, _ = turn(service, conv, "now at night", ChatSettings(steps=2))
    assert "bicycle" in begun.view.prompt_sent and "night" in begun.view.prompt_sent


@pytest.mark.parametrize(
    "settings, field",
    [
        (ChatSettings(steps=1000), "steps"),
        (ChatSettings(steps=3.5), "steps"),
        (ChatSettings(seed=-5), "seed"),
        (ChatSettings(seed=2**33), "seed"),
        (ChatSettings(size="63x64"), "width"),
        (ChatSettings(size="0x64"), "width"),
        (ChatSettings(size="64 by 64"), "size"),
        (ChatSettings(guidance=float("nan")), "guidance"),
        (ChatSettings(backend="quantum"), "backend"),
    ],
)
def test_bad_settings_become_a_stored_assistant_message(service, settings, field):
    conv, begun, _ = turn(service, None, "a cat", settings)
    assert begun.job_id is None
    assert field in begun.reply.lower() or (field == "width" and "multiple" in begun.reply.lower())
    stored = service.store.messages(conv)
    assert [m.role for m in stored] == ["user", "assistant"]  # nothing lost: the message and the answer


def test_openai_size_limits_are_explained(service):
    _, begun, _ = turn(service, None, "a cat", ChatSettings(backend="openai", size="512x512"))
    assert "1024x1024" in begun.reply and begun.job_id is None


def test_a_huge_prompt_is_cut_with_a_warning_and_kept_whole_in_the_history(service):
    text = "a castle " * 3000  # 27,000 characters
    conv, begun, frames = turn(service, None, text, ChatSettings(steps=2))
    assert begun.job_id and any("characters" in w for w in begun.view.warnings)
    assert service.store.messages(conv)[0].content == text
    assert "/api/images/" in frames[-1]


def test_markup_is_inert_everywhere(service):
    text = "<script>alert(1)</script> a cat <img src=x onerror=alert(1)>"
    conv, _, frames = turn(service, None, text, ChatSettings(steps=2))
    for message in service.render_conversation(conv):
        assert "<script" not in message["content"] and "<img src=x" not in message["content"]
    assert "&lt;script&gt;" in frames[-1]


def test_cancel_and_wait_ends_with_a_cancelled_message(service):
    conv, _ = service.add_user_message(None, "a slow one", None)
    begun = service.begin(conv, "a slow one", ChatSettings(steps=150), None)
    frames = service.watch(begun.job_id, begun.view)
    next(frames)
    assert service.cancel_and_wait(begun.job_id)
    assert "Cancelled" in list(frames)[-1]
    assert "Cancelled" in service.render_conversation(conv)[-1]["content"]


@pytest.mark.parametrize("text, expected", [("Model default", (None, None)), ("512x768", (512, 768)),
                                            ("1024 × 1024", (1024, 1024)), ("", (None, None))])
def test_parse_size(text, expected):
    assert parse_size(text) == expected
