"""Samplers by their A1111 names and clip skip: on the tiny pipeline, through the PNG recipe and
Restore, and through the HTTP API."""

from __future__ import annotations

import threading
import time
from types import SimpleNamespace

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from pipeline.backends.local_diffusers import LocalDiffusersBackend
from pipeline.backends.local_schedulers import cache_for, name_of
from pipeline.errors import InvalidRequest
from pipeline.events import Finished
from pipeline.request import GenerationRequest
from pipeline.samplers import SAMPLER_NAMES, canonical_name, join_name, split_name
from storage.pngtext import embed_parameters, parameters_to_recipe, read_parameters, recipe_to_parameters
from web.recipe import Recipe, settings_for

# Every name the tiny model's Euler scheduler can be swapped for (LCM needs an LCM model).
SWAPPABLE = [n for n in SAMPLER_NAMES if n != "LCM"]


@pytest.fixture(scope="module")
def backend(tiny_model_dir):
    import torch

    # One intra-op thread: on a busy machine two can make these tiny runs many times slower
    # (torchsde's Brownian interval, behind DPM++ SDE, most of all); ~30 runs follow.
    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    b = LocalDiffusersBackend(str(tiny_model_dir), preview_fps=0)
    b.load()
    yield b
    torch.set_num_threads(threads)


def image(backend, **fields):
    fields = {"prompt": "a photo of a red fox", "steps": 3, "seed": 7, **fields}
    events = list(backend.generate(GenerationRequest(**fields), threading.Event()))
    assert isinstance(events[-1], Finished), events[-1]
    return events[-1].image


# ---- names ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", SAMPLER_NAMES)
def test_each_name_splits_into_a1111_fields_and_joins_back(name):
    sampler, schedule = split_name(name)
    assert join_name(sampler, schedule) == name
    assert join_name(sampler, schedule or "Automatic") == name
    assert canonical_name(name.upper()) == name


def test_an_unknown_name_lists_the_choices():
    with pytest.raises(ValueError, match="DPM\\+\\+ 2M Karras.*Euler a"):
        canonical_name("Euler b")


# ---- PNG -> Restore ---------------------------------------------------------------------------------


@pytest.mark.parametrize("name", SAMPLER_NAMES)
def test_each_name_round_trips_png_to_restore(name, tiny_png):
    text = recipe_to_parameters({"prompt": "a fox", "steps": 20, "sampler": name, "seed": 3, "clip_skip": 2})
    sampler, schedule = split_name(name)
    # As current A1111 writes it: the schedule type in its own field.
    assert f"Sampler: {sampler}," in text
    assert (f"Schedule type: {schedule}," in text) == (schedule is not None)
    recipe = Recipe.from_mapping(parameters_to_recipe(read_parameters(embed_parameters(tiny_png, text))))
    assert (recipe.sampler, recipe.clip_skip) == (name, 2)
    fill = settings_for(recipe)
    assert (fill.sampler, fill.clip_skip) == (name, "2")


@pytest.mark.parametrize("text, name", [
    ("Steps: 20, Sampler: DPM++ 2M Karras, CFG scale: 7", "DPM++ 2M Karras"),  # older A1111
    ("Steps: 20, Sampler: DPM++ 2M, Schedule type: Karras, CFG scale: 7", "DPM++ 2M Karras"),
    ("Steps: 20, Sampler: Euler a, Schedule type: Automatic, CFG scale: 7", "Euler a"),
    ("Steps: 20, Sampler: DPM++ SDE, Schedule type: Karras, CFG scale: 7", "DPM++ SDE Karras"),
    ("Steps: 20, Sampler: EulerDiscreteScheduler, CFG scale: 7", None),  # a class name: the model's own
])
def test_both_a1111_spellings_restore(text, name):
    assert Recipe.from_mapping(parameters_to_recipe("a fox\n" + text)).sampler == name


@pytest.fixture(scope="module")
def tiny_png():
    import io

    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (8, 8), "white").save(buf, format="PNG")
    return buf.getvalue()


# ---- on the pipeline --------------------------------------------------------------------------------


def test_each_scheduler_is_built_from_the_models_own_and_cached(backend):
    pipe = backend._pipe
    cache = cache_for(pipe)
    base = cache.base
    for name in SWAPPABLE:
        built = cache.get(name)
        assert name_of(built) == name
        assert built.config.num_train_timesteps == base.config.num_train_timesteps
        assert built.config.beta_schedule == base.config.beta_schedule  # the model's config carries over
        assert cache.get(name) is built  # cached: no second build
    assert name_of(base) == "Euler"


def test_a_sampler_the_model_cannot_use_is_refused_before_work(backend):
    with pytest.raises(InvalidRequest) as err:
        backend.resolve(GenerationRequest(prompt="a fox", sampler="LCM"))
    assert err.value.field == "sampler" and "cannot be swapped" in err.value.user_message
    with pytest.raises(InvalidRequest) as err:
        backend.resolve(GenerationRequest(prompt="a fox", sampler="Euler b"))
    assert err.value.field == "sampler" and "DPM++ 2M Karras" in err.value.user_message


def test_each_sampler_changes_the_output_where_it_should(backend):
    default = image(backend)
    assert default.extra["sampler"] == "Euler"  # the model's own, by its A1111 name
    assert image(backend, sampler="Euler").png == default.png  # the same scheduler as the model's
    pngs = {}
    for name in SWAPPABLE:
        made = image(backend, sampler=name)
        assert made.extra["sampler"] == name
        pngs[name] = made.png
        if name != "Euler":
            assert made.png != default.png, name
    assert image(backend, sampler="DPM++ 2M Karras").png == pngs["DPM++ 2M Karras"]  # reproducible
    assert image(backend).png == default.png  # the model's own scheduler is back when none is asked


def test_clip_skip_changes_the_text_encoding(backend):
    plain = image(backend)
    assert image(backend, clip_skip=1).png == plain.png  # A1111's 1: the last layer, no skip
    skipped = image(backend, clip_skip=2)
    assert skipped.png != plain.png and skipped.extra["clip_skip"] == 2
    with pytest.raises(InvalidRequest) as err:
        backend.resolve(GenerationRequest(prompt="a fox", clip_skip=9))  # the tiny CLIP has 4 layers
    assert err.value.field == "clip_skip" and "4 text-encoder layers" in err.value.user_message


# ---- the HTTP API and the stored recipe -------------------------------------------------------------


@pytest.fixture
def client(tmp_path, backend):
    from conversation.service import TurnService
    from pipeline.jobs import JobRunner
    from pipeline.router import Router
    from storage import Store
    from web.api import add_routes

    store = Store(tmp_path / "samplers.duckdb")
    router = Router({"local": backend}, default="local")
    jobs = JobRunner(router, store)
    turns = TurnService(store, jobs, router, tokenizer=backend.tokenizer)
    app = FastAPI()
    add_routes(app, SimpleNamespace(config=SimpleNamespace(auth=()), store=store, jobs=jobs, router=router,
                                    local=backend, remote=None, turns=turns))
    try:
        with TestClient(app) as c:
            yield c
    finally:
        jobs.close()
        store.close()


def test_the_api_takes_a_sampler_and_clip_skip_and_the_png_says_them(client):
    r = client.post("/api/generate", json={"prompt": "a fox", "steps": 2, "seed": 1, "enhance": False,
                                           "sampler": "dpm++ 2m karras", "clip_skip": 2})
    assert r.status_code == 202, r.text
    url = r.json()["status_url"]
    while (status := client.get(url).json())["status"] not in ("succeeded", "failed"):
        time.sleep(0.05)  # the job runner always ends a task; pytest's timeout bounds a hang
    assert status["status"] == "succeeded", status
    text = read_parameters(client.get(status["image_url"]).content)
    assert "Sampler: DPM++ 2M, Schedule type: Karras," in text and "Clip skip: 2" in text
    recipe = Recipe.from_mapping(parameters_to_recipe(text))
    assert (recipe.sampler, recipe.clip_skip) == ("DPM++ 2M Karras", 2)


@pytest.mark.parametrize("body, field, says", [
    ({"sampler": "Euler b"}, "sampler", "DPM++ 2M Karras"),
    ({"clip_skip": 0}, "clip_skip", "greater than or equal to 1"),
])
def test_the_api_refuses_a_bad_control_with_the_choices(client, body, field, says):
    r = client.post("/api/generate", json={"prompt": "a fox", **body})
    assert r.status_code == 422, r.text
    assert field in r.text and says in r.text


def test_the_chat_settings_check_the_sampler_and_clip_skip_like_the_api():
    from conversation.turn_input import TurnRefused, TurnSettings
    from web.chat_settings import ChatSettings, to_turn_settings

    settings = to_turn_settings(ChatSettings(sampler="euler A", clip_skip="2"))
    assert (settings.sampler, settings.clip_skip) == ("Euler a", 2)
    default = to_turn_settings(ChatSettings())
    assert (default.sampler, default.clip_skip) == (None, None)  # "": the model's own
    with pytest.raises(TurnRefused, match="Unknown sampler 'Euler b'. Choose one of: DPM\\+\\+ 2M,") as err:
        TurnSettings.checked(sampler="Euler b")
    assert err.value.field == "sampler"
