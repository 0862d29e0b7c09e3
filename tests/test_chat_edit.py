"""Edits that keep the picture, through the chat's handler, with real parts (tiny pipeline, job runner,
DuckDB, the fake OpenAI server)."""

from __future__ import annotations

import pytest

from pipeline.backends.openai_images import OpenAIImagesBackend
from pipeline.jobs import JobRunner
from pipeline.request import GenerationRequest
from pipeline.router import Router
from storage import Store
from storage.pngtext import recipe_to_parameters
from web.chat import ChatService
from web.chat_settings import ChatSettings
from tests.patience import PATIENCE_S
from tests.pictures import mask_png, mean_abs_diff, source_png


def make_service(tmp_path, local, fake_openai, openai_model=None):
    store = Store(tmp_path / "chat.duckdb")
    remote = OpenAIImagesBackend("sk-test-SECRET123", base_url=fake_openai.base_url, max_retries=0, timeout=PATIENCE_S,
                                 **({"model": openai_model} if openai_model else {}))
    router = Router({"local": local, "openai": remote}, default="local")
    jobs = JobRunner(router, store)
    return ChatService(store, jobs, router, tokenizer=local.tokenizer, frame_interval_s=0.0), jobs, store


@pytest.fixture
def service(tmp_path, tiny_local, fake_openai):
    svc, jobs, store = make_service(tmp_path, tiny_local, fake_openai)
    yield svc
    jobs.close()
    store.close()


def turn(service, conv, text, user=None, **settings):
    settings.setdefault("steps", 4)
    settings.setdefault("seed", 5)
    settings.setdefault("backend", "local")
    conv, _ = service.add_user_message(conv, text, user)
    begun = service.begin(conv, text, ChatSettings(**settings), user)
    frames = list(service.watch_all(begun, user)) if begun.job_ids else []
    return conv, begun, frames


def last_image(service, conv):
    message = [m for m in service.store.messages(conv) if m.role == "assistant"][-1]
    assert message.image is not None, message.content
    return message.image, service.store.image_bytes(message.image.id)[0]


def test_a_picture_sent_with_a_message_is_edited_and_its_recipe_names_it(service):
    source = source_png()
    conv, begun, frames = turn(service, None, "make this a watercolor painting", picture=source)
    assert begun.job_ids and "from your picture, strength 0.65" in begun.view.changes[0]
    record, png = last_image(service, conv)
    assert mean_abs_diff(png, source) > 1.0
    source_id = record.extra["source_image_id"]
    assert service.store.image_bytes(source_id)[0] == source  # the upload, stored once as given
    assert record.extra["strength"] == 0.65 and record.extra["edit"] == "image-to-image"
    assert "edited from a picture, strength 0.65" in frames[-1].replace("\\", "")  # shown under the picture
    assert "Denoising strength: 0.65" in recipe_to_parameters(record.recipe)
    assert f"Source image: {source_id}" in recipe_to_parameters(record.recipe)
    user_message = [m for m in service.store.messages(conv) if m.role == "user"][-1]
    assert user_message.image_id == source_id  # the person's message shows what they sent
    # The upload is theirs to reuse, but no gallery lists it as a picture made here.
    assert [i.id for i in service.store.list_images(None)] == [record.id]
    # Same picture, same seed: the same result.
    conv2, _, _ = turn(service, None, "make this a watercolor painting", picture=source)
    assert mean_abs_diff(last_image(service, conv2)[1], png) <= 1.0


def test_asking_to_keep_the_picture_edits_the_last_one_and_a_plain_edit_re_renders(service):
    conv, _, _ = turn(service, None, "a red bicycle in a park")
    first, first_png = last_image(service, conv)
    conv, begun, _ = turn(service, conv, "same picture, but at night")
    assert "kept the picture, strength 0.5" in begun.view.changes[0] and "night" in begun.view.prompt_sent
    kept, kept_png = last_image(service, conv)
    assert kept.extra["source_image_id"] == first.id and kept.extra["strength"] == 0.5
    assert mean_abs_diff(kept_png, first_png) > 1.0
    conv, begun, _ = turn(service, conv, "now in the snow")
    plain, _ = last_image(service, conv)
    assert "source_image_id" not in plain.extra and "kept the picture" not in begun.view.changes[0]
    assert plain.seed == first.seed  # as before: the scene again, with the same seed


def test_strength_comes_from_the_message_or_the_slider(service):
    conv, _, _ = turn(service, None, "a lighthouse")
    conv, begun, _ = turn(service, conv, "keep it but make the sky purple --strength 0.4")
    assert "strength 0.4" in begun.view.changes[0] and "--strength" not in begun.view.prompt_sent
    assert last_image(service, conv)[0].extra["strength"] == 0.4
    conv, begun, _ = turn(service, conv, "same picture, but in autumn", strength=0.75)
    assert last_image(service, conv)[0].extra["strength"] == 0.75


def test_a_mask_repaints_only_its_region(service):
    conv, begun, _ = turn(service, None, "a red hat", picture=source_png(), mask=mask_png(), strength=0.9)
    assert "painted region only" in begun.view.changes[0]
    record, png = last_image(service, conv)
    assert record.extra["edit"] == "inpainting" and record.extra["mask_image_id"]
    assert mean_abs_diff(png, source_png()) > 1.0


@pytest.mark.parametrize("settings, words", [
    ({"picture": b"definitely not a picture"}, "not a picture"),
    ({"picture": source_png(), "mask": mask_png((32, 32))}, "same picture"),
    ({"picture": source_png(), "strength": "2"}, "Strength"),
])
def test_bad_pictures_are_answered_in_the_chat(service, settings, words):
    conv, begun, _ = turn(service, None, "make it blue", **settings)
    assert not begun.job_ids and words in begun.reply
    assert service.store.messages(conv)[-1].role == "assistant"


def test_a_retry_of_an_edit_starts_from_the_same_picture(service):
    conv, _, _ = turn(service, None, "make this a watercolor painting", picture=source_png())
    task = service.store.conversation_tasks(conv)[-1]
    again = service.request_from_task(task, conv, None)
    assert again.init_image is not None and again.source_image_id and again.strength == 0.65


def test_dall_e_3_cannot_edit_and_the_chat_says_what_can(tmp_path, tiny_local, fake_openai):
    svc, jobs, store = make_service(tmp_path, tiny_local, fake_openai, openai_model="dall-e-3")
    try:
        conv, begun, _ = turn(svc, None, "make this a watercolor painting", picture=source_png(), backend="openai")
        assert not begun.job_ids and ("gpt-image-1" in begun.reply or "local" in begun.reply)
    finally:
        jobs.close()
        store.close()
