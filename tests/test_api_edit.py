"""Image-to-image and inpainting over HTTP (both routes; Base64 and image_id), in-process with the real
routes, job runner, tiny pipeline and DuckDB file."""

from __future__ import annotations

import base64
from types import SimpleNamespace

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from pipeline.backends.openai_images import OpenAIImagesBackend
from pipeline.jobs import JobRunner
from pipeline.router import Router
from pipeline.source_image import MAX_INPUT_BYTES
from conversation.service import TurnService
from storage import NewImage, Store
from storage.pngtext import read_parameters
from tests.pictures import mask_png, mean_abs_diff, source_png
from tests.patience import PATIENCE_S
from tests.task_polling import wait_for_task
from web.api import add_routes



def b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


@pytest.fixture
def world(tmp_path, tiny_local, fake_openai):
    store = Store(tmp_path / "api-edit.duckdb")
    remote = OpenAIImagesBackend("sk-test-SECRET123", base_url=fake_openai.base_url, max_retries=0, timeout=PATIENCE_S)
    router = Router({"local": tiny_local, "openai": remote}, default="local")
    jobs = JobRunner(router, store)
    turns = TurnService(store, jobs, router, tokenizer=tiny_local.tokenizer)
    app = FastAPI()
    add_routes(app, SimpleNamespace(config=SimpleNamespace(auth=()), store=store, jobs=jobs, router=router,
                                    local=tiny_local, remote=remote, turns=turns))
    with TestClient(app) as client:
        yield SimpleNamespace(client=client, store=store)
    jobs.close()
    store.close()


def finished(client, task_id):
    task = wait_for_task(client, task_id)
    assert task["status"] == "succeeded", task
    return task



def generate(client, **body):
    body.setdefault("prompt", "the same place at night")
    body.setdefault("steps", 4)
    body.setdefault("seed", 9)
    body.setdefault("backend", "local")
    return client.post("/api/generate", json=body)


def test_generate_edits_a_base64_picture_reproducibly_and_the_recipe_names_it(world):
    c, source = world.client, source_png()
    r = generate(c, init_image=b64(source), strength=0.5)
    assert r.status_code == 202, r.text
    accepted = r.json()
    assert accepted["source_image_id"] and accepted["strength"] == 0.5
    task = finished(c, accepted["task_id"])
    png = c.get(f"/api/images/{task['image_id']}").content
    assert mean_abs_diff(png, source) > 1.0
    listed = c.get("/api/images").json()["items"]
    item = next(i for i in listed if i["id"] == task["image_id"])
    assert item["extra"]["source_image_id"] == accepted["source_image_id"]
    assert item["extra"]["strength"] == 0.5 and item["extra"]["edit"] == "image-to-image"
    assert all(i["backend"] != "upload" for i in listed)  # the upload is not a picture made here
    download = c.get(item["download_url"]).content
    assert "Denoising strength: 0.5" in read_parameters(download)
    # The same picture by id, with the same seed: the same result; uploading it again stores nothing new.
    again = finished(c, generate(c, image_id=accepted["source_image_id"], strength=0.5).json()["task_id"])
    assert mean_abs_diff(c.get(f"/api/images/{again['image_id']}").content, png) <= 1.0
    data_url = generate(c, init_image="data:image/png;base64," + b64(source), strength=0.5).json()
    assert data_url["source_image_id"] == accepted["source_image_id"] or \
        world.store.image_record(data_url["source_image_id"]).sha256 == \
        world.store.image_record(accepted["source_image_id"]).sha256


def test_the_turn_route_edits_by_image_id_and_by_base64_with_a_mask(world):
    c = world.client
    conv = c.post("/api/conversations").json()["conversation_id"]
    first = c.post(f"/api/conversations/{conv}/messages", json={"text": "a fox in a field", "steps": 4, "seed": 3,
                                                                  "backend": "local"}).json()
    made = finished(c, first["tasks"][0]["task_id"])["image_id"]
    r = c.post(f"/api/conversations/{conv}/messages",
               json={"text": "a fox in a field in autumn", "image_id": made, "strength": 0.75, "steps": 4,
                     "backend": "local"})
    assert r.status_code == 200, r.text
    turn = r.json()
    assert turn["tasks"][0]["source_image_id"] == made and "strength 0.75" in turn["understood"]
    finished(c, turn["tasks"][0]["task_id"])
    r = c.post(f"/api/conversations/{conv}/messages",
               json={"text": "a red hat", "init_image": b64(source_png()), "mask": b64(mask_png()), "steps": 4,
                     "backend": "local"})
    assert r.status_code == 200, r.text
    task = finished(c, r.json()["tasks"][0]["task_id"])
    record = world.store.image_record(task["image_id"])
    assert record.extra["edit"] == "inpainting" and record.extra["mask_image_id"]
    # the conversation shows what was sent, then what was made
    messages = c.get(f"/api/conversations/{conv}").json()["messages"]
    assert messages[-2]["role"] == "user" and messages[-2]["image_id"] == record.extra["source_image_id"]


def test_keep_words_over_http_start_from_the_last_picture(world):
    c = world.client
    conv = c.post("/api/conversations").json()["conversation_id"]
    first = c.post(f"/api/conversations/{conv}/messages", json={"text": "a castle", "steps": 4,
                                                                  "backend": "local"}).json()
    made = finished(c, first["tasks"][0]["task_id"])["image_id"]
    turn = c.post(f"/api/conversations/{conv}/messages", json={"text": "keep it but make it winter", "steps": 4,
                                                                 "backend": "local"}).json()
    assert turn["tasks"][0]["source_image_id"] == made and "kept the picture" in turn["understood"]


def test_an_edit_of_a_picture_made_from_a_photo_goes_on_from_it(world):
    """A conversation that starts from the person's photo keeps working on it: "add some lights" after
    it starts from the picture on screen, not from its description alone (which would lose the photo)."""
    c = world.client
    conv = c.post("/api/conversations").json()["conversation_id"]
    first = c.post(f"/api/conversations/{conv}/messages",
                   json={"text": "make it snowy", "init_image": b64(source_png()), "steps": 4, "backend": "local"}).json()
    made = finished(c, first["tasks"][0]["task_id"])["image_id"]
    assert first["tasks"][0]["source_image_id"]
    turn = c.post(f"/api/conversations/{conv}/messages", json={"text": "add some christmas lights", "steps": 4,
                                                                 "backend": "local"}).json()
    assert turn["intent"] == "edit" and turn["tasks"][0]["source_image_id"] == made
    lit = finished(c, turn["tasks"][0]["task_id"])["image_id"]
    later = c.post(f"/api/conversations/{conv}/messages", json={"text": "now at night", "steps": 4,
                                                                  "backend": "local"}).json()
    assert later["tasks"][0]["source_image_id"] == lit  # edits of edits of the photo go on from the last one
    fresh = c.post("/api/conversations").json()["conversation_id"]  # a picture drawn from words: edits re-render
    drawn = c.post(f"/api/conversations/{fresh}/messages", json={"text": "a cabin", "steps": 4, "backend": "local"}).json()
    finished(c, drawn["tasks"][0]["task_id"])
    plain = c.post(f"/api/conversations/{fresh}/messages", json={"text": "add some christmas lights", "steps": 4,
                                                                   "backend": "local"}).json()
    assert plain["tasks"][0]["source_image_id"] is None


@pytest.mark.parametrize("body, status, field, words", [
    ({"init_image": "@@not base64@@"}, 422, "init_image", "Base64"),
    ({"init_image": b64(b"hello, not a picture")}, 422, "init_image", "not a picture"),
    ({"init_image": "A" * int(MAX_INPUT_BYTES * 1.4)}, 413, "init_image", "MB"),
    ({"init_image": b64(source_png()), "mask": b64(mask_png((16, 16)))}, 422, "mask", "same picture"),
    ({"mask": b64(mask_png())}, 422, "mask", "needs the picture"),
    ({"init_image": b64(source_png()), "image_id": "x"}, 422, "init_image", "not both"),
    ({"init_image": b64(source_png()), "strength": 0}, 422, "strength", ""),
    ({"image_id": "no-such-image"}, 404, None, "no such image"),
])
def test_bad_pictures_get_a_clear_4xx_before_any_work(world, body, status, field, words):
    r = generate(world.client, **body)
    assert r.status_code == status, r.text
    text = r.text
    assert words.lower() in text.lower()
    if field:
        assert field in text
    assert world.client.get("/api/images").json()["total"] == 0  # nothing was drawn


def test_another_persons_image_is_not_found(world):
    theirs = world.store.add_image(NewImage(png=source_png(), width=64, height=64, backend="upload", model="",
                                            user="someone-else"))
    r = generate(world.client, image_id=theirs)
    assert r.status_code == 404, r.text
    conv = world.client.post("/api/conversations").json()["conversation_id"]
    r = world.client.post(f"/api/conversations/{conv}/messages", json={"text": "make it blue", "image_id": theirs})
    assert r.status_code == 404, r.text
