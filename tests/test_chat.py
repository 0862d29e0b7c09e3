"""The chat's logic with real parts (prompts, tiny pipeline, job runner, DuckDB), without Gradio."""

from __future__ import annotations

import pytest

from pipeline.backends.openai_images import OpenAIImagesBackend
from pipeline.jobs import JobRunner
from pipeline.router import Router
from storage import Store
from storage.pngtext import embed_parameters, recipe_to_parameters
from web.chat import ChatService
from web.chat_settings import ChatSettings, parse_size
from web.gallery import GalleryInputError, GalleryQuery, GalleryService, recipe_from_png, recipe_from_text
from web.recipe import Recipe, settings_for
from tests.patience import PATIENCE_S


@pytest.fixture
def local(tiny_local):
    return tiny_local


@pytest.fixture
def service(tmp_path, local, fake_openai):
    store = Store(tmp_path / "chat.duckdb")
    remote = OpenAIImagesBackend("sk-test-SECRET123", base_url=fake_openai.base_url, max_retries=0, timeout=PATIENCE_S)
    router = Router({"local": local, "openai": remote}, default="local")
    jobs = JobRunner(router, store)
    yield ChatService(store, jobs, router, tokenizer=local.tokenizer, frame_interval_s=0.0)
    jobs.close()
    store.close()


FAST = ChatSettings(steps=3)


def turn(service, conv, text, settings=FAST, user=None):
    conv, _ = service.add_user_message(conv, text, user)
    begun = service.begin(conv, text, settings, user)
    frames = list(service.watch_all(begun, user)) if begun.job_ids else []
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


def test_a_huge_message_is_refused_clearly_and_kept_whole_in_the_history(service):
    # One validator for the chat and the API: over 20,000 characters is refused, never cut silently.
    text = "a castle " * 3000  # 27,000 characters
    conv, begun, _ = turn(service, None, text, ChatSettings(steps=2))
    assert begun.job_id is None and "20,000" in begun.reply.replace("\\", "")
    stored = service.store.messages(conv)
    assert stored[0].content == text and [m.role for m in stored] == ["user", "assistant"]


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


# ---- batches, re-rolls, conversations, the gallery, and who sees what ---------------------------


def images_of(markdown: str) -> int:
    return markdown.count("](/api/images/")


def test_a_batch_makes_one_image_per_consecutive_seed_shown_side_by_side(service):
    conv, begun, frames = turn(service, None, "a red kite", ChatSettings(steps=2, seed=7, batch=3))
    assert len(begun.job_ids) == 3
    assert images_of(frames[-1]) == 3 and all(f"seed {s}" in frames[-1] for s in (7, 8, 9))
    stored = service.store.messages(conv)
    assert sorted(m.image.seed for m in stored if m.image) == [7, 8, 9]
    shown = service.render_conversation(conv)
    assert len(shown) == 2 and images_of(shown[-1]["content"]) == 3  # one message, three pictures


def test_a_batch_without_a_seed_still_takes_consecutive_seeds(service):
    conv, _, _ = turn(service, None, "a blue kite", ChatSettings(steps=2, batch=2))
    first, second = sorted(m.image.seed for m in service.store.messages(conv) if m.image)
    assert second == first + 1


@pytest.mark.parametrize("batch", [0, 5, "two"])
def test_a_batch_out_of_range_is_explained(service, batch):
    _, begun, _ = turn(service, None, "a cat", ChatSettings(steps=2, batch=batch))
    assert begun.job_id is None and "images per message" in begun.reply.lower()


def test_a_re_roll_keeps_the_earlier_image_beside_the_new_one(service):
    conv, _, first = turn(service, None, "a green kite", ChatSettings(steps=2, seed=11))
    begun = service.begin_reroll(conv, None)
    frames = list(service.watch_all(begun))
    assert images_of(frames[-1]) == 1
    images = [m.image for m in service.store.messages(conv) if m.image]
    assert len(images) == 2 and images[0].prompt_sent == images[1].prompt_sent
    assert images[0].seed == 11 and images[1].seed != 11
    assert images_of(service.render_conversation(conv)[-1]["content"]) == 2


def test_a_re_roll_with_nothing_to_re_roll_says_so(service):
    assert "no picture" in service.begin_reroll(None, None).reply.lower()


def test_part_of_a_batch_over_the_queue_cap_is_refused_with_a_reason(tmp_path, local):
    store = Store(tmp_path / "cap.duckdb")
    jobs = JobRunner(Router({"local": local}, default="local"), store, max_queued_per_user=1)
    chat = ChatService(store, jobs, jobs.router, frame_interval_s=0.0)
    try:
        conv, _ = chat.add_user_message(None, "a red kite", "ann")
        begun = chat.begin(conv, "a red kite", ChatSettings(steps=2, batch=4), "ann")  # four, by the settings
        # one waits; a second may have been taken by the worker already
        assert 1 <= len(begun.job_ids) < 4 and "were queued" in begun.notes[0]
        frames = list(chat.watch_all(begun, "ann"))
        assert "were queued" in frames[-1].replace("\\", "")
        assert images_of(frames[-1]) == len(begun.job_ids)
    finally:
        jobs.close()
        store.close()


def test_the_rate_limit_is_a_clear_chat_message(tmp_path, local):
    store = Store(tmp_path / "rate.duckdb")
    jobs = JobRunner(Router({"local": local}, default="local"), store, rate_limit_per_minute=1)
    chat = ChatService(store, jobs, jobs.router, frame_interval_s=0.0)
    try:
        turn(chat, None, "a cat", ChatSettings(steps=1), user="ann")
        _, begun, _ = turn(chat, None, "a dog", ChatSettings(steps=1), user="ann")
        assert begun.job_id is None and "try again in" in begun.reply.lower()
        _, other, _ = turn(chat, None, "a dog", ChatSettings(steps=1), user="bob")  # a limit per person
        assert other.job_id
    finally:
        jobs.close()
        store.close()


def test_conversations_are_listed_renamed_deleted_and_private(service):
    ann_conv, _, _ = turn(service, None, "a castle on a hill", ChatSettings(steps=1), user="ann")
    bob_conv, _, _ = turn(service, None, "a boat at sea", ChatSettings(steps=1), user="bob")
    assert [c.title for c in service.conversations("ann")] == ["a castle on a hill"]
    assert service.rename_conversation(ann_conv, "  My   castle ", "ann")
    assert service.conversations("ann")[0].title == "My castle"
    # someone else's conversation is not there for them: not listed, not shown, not renamed, not written to
    assert service.render_conversation(ann_conv, "bob") == [] and service.render_conversation(ann_conv) == []
    assert not service.rename_conversation(ann_conv, "mine now", "bob")
    assert not service.delete_conversation(ann_conv, "bob")
    new_conv, _ = service.add_user_message(ann_conv, "hello", "bob")
    assert new_conv != ann_conv
    assert service.conversation(ann_conv, "ann") is not None
    assert service.delete_conversation(ann_conv, "ann")
    assert service.conversations("ann") == [] and service.render_conversation(ann_conv, "ann") == []
    assert service.render_conversation(bob_conv, "bob")


def test_the_gallery_searches_pages_and_keeps_people_apart(service):
    for text, user in [("a red bicycle", "ann"), ("a blue boat", "ann"), ("a red boat", "bob")]:
        turn(service, None, text, ChatSettings(steps=1, enhance=False), user=user)
    gallery = GalleryService(service.store, page_size=1)
    page = gallery.search(GalleryQuery(), "ann")
    assert (page.total, page.pages, len(page.images)) == (2, 2, 1)
    assert page.images[0].prompt_typed == "a blue boat"  # newest first
    assert gallery.search(GalleryQuery(page=2), "ann").images[0].prompt_typed == "a red bicycle"
    assert gallery.search(GalleryQuery(page=99), "ann").page == 2
    red = gallery.search(GalleryQuery(q="RED"), "ann")
    assert [i.prompt_typed for i in red.images] == ["a red bicycle"]
    assert gallery.search(GalleryQuery(backend="openai"), "ann").total == 0
    assert gallery.search(GalleryQuery(q="boat"), "bob").images[0].prompt_typed == "a red boat"
    bobs = gallery.search(GalleryQuery(), "bob").images[0]
    assert gallery.image(bobs.id, "ann") is None and gallery.image(bobs.id, "bob") is not None
    assert not gallery.delete(bobs.id, "ann") and gallery.image(bobs.id, "bob") is not None
    assert gallery.delete(bobs.id, "bob") and gallery.search(GalleryQuery(), "bob").total == 0
    assert gallery.image("not-an-id; drop table images", "bob") is None


def test_a_deleted_image_is_said_in_its_conversation(service):
    conv, _, _ = turn(service, None, "a lamp", ChatSettings(steps=1))
    image_id = next(m.image_id for m in service.store.messages(conv) if m.image_id)
    assert GalleryService(service.store).delete(image_id, None)
    assert "deleted" in service.render_conversation(conv)[-1]["content"]


def test_a_png_with_parameters_restores_the_recipe_that_makes_it_again(service):
    conv, _, _ = turn(service, None, "a small house", ChatSettings(steps=3, seed=99, guidance=6))
    record = next(m.image for m in service.store.messages(conv) if m.image)
    png, _ = service.store.image_bytes(record.id)
    text = recipe_to_parameters({"prompt": record.prompt_sent, "negative_prompt": record.negative_prompt,
                                 "steps": record.steps, "guidance": record.guidance, "seed": record.seed,
                                 "width": record.width, "height": record.height, "model": record.model,
                                 "backend": record.backend})
    recipe = recipe_from_png(embed_parameters(png, text))
    assert recipe == recipe_from_text(text)
    fill = settings_for(recipe)
    assert (fill.prompt, fill.seed, fill.steps, fill.guidance, fill.enhance) == (record.prompt_sent, "99", "3", "6", False)
    # sent with those settings, the same picture comes back
    settings = ChatSettings(backend=fill.backend, style=fill.style, size=fill.size, steps=fill.steps,
                            guidance=fill.guidance, seed=fill.seed, negative=fill.negative, enhance=fill.enhance)
    conv2, _, _ = turn(service, None, fill.prompt, settings)
    again = next(m.image for m in service.store.messages(conv2) if m.image)
    assert again.sha256 == record.sha256 and again.prompt_sent == record.prompt_sent
    assert Recipe.from_image(again).seed == 99
    with pytest.raises(GalleryInputError, match="no recipe"):
        recipe_from_png(png)
    with pytest.raises(GalleryInputError):
        recipe_from_png(b"not a png at all")
    with pytest.raises(GalleryInputError):
        recipe_from_text("   ")
