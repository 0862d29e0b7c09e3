"""Recipes from other tools, read by sd-parsers, through Restore, import and the HTTP API:
what cannot be applied is listed, imported pictures keep their own chunks byte for byte, the
model is named (never a local path), and a 64-bit seed is fitted to imagechat's range aloud."""

from __future__ import annotations

import io
import json
import zipfile

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from storage import Store
from storage.pngtext import text_keywords
from tests import foreign_files as ff
from tests.patience import PATIENCE_S
from web.api_auth import Authenticator
from web.identity import SHARED, People
from web.api_exchange import exchange_router
from web.api_images import images_router
from web.gallery import GalleryInputError, restore_from_image, restore_from_text
from web.recipe import settings_for
from web.restore import SEED_RANGE, fit_seed, from_image, summary

FOREIGN = {
    "a1111.png": ff.a1111_png, "a1111.jpg": ff.a1111_jpeg, "a1111.webp": ff.a1111_webp,
    "comfyui.png": ff.comfyui_png, "fooocus.png": ff.fooocus_png, "invokeai.png": ff.invokeai_png,
    "novelai.png": ff.novelai_png,
}


# --- Restore: each format into the settings, with what is not applied ------------------------


@pytest.mark.parametrize("make", [ff.a1111_png, ff.a1111_jpeg, ff.a1111_webp], ids=["png", "jpeg", "webp"])
def test_an_a1111_picture_restores_in_each_format(make):
    restored = restore_from_image(make())
    r = restored.recipe
    assert (r.prompt, r.negative_prompt) == ("a lighthouse on a cliff, (storm:1.2), oil painting", "blurry, text")
    assert (r.steps, r.guidance, r.width, r.height, r.model) == (28, 6.5, 512, 768, "dreamshaper_8")
    assert r.seed == ff.BIG_SEED % SEED_RANGE and restored.source == "AUTOMATIC1111"
    # Sampler and schedule type are two fields in current A1111: together, a sampler imagechat runs.
    assert r.sampler == "DPM++ 2M Karras"
    assert not any(n.startswith(("Sampler:", "scheduler:")) for n in restored.not_applied)
    for item in ("Hires upscale: 2", "Denoising strength: 0.4"):
        assert item in restored.not_applied
    note = summary(restored)
    assert "Not applied" in note and "Hires upscale: 2" in note and str(ff.BIG_SEED) in note


@pytest.mark.parametrize("make, expect, listed", [
    (ff.comfyui_png, dict(prompt="a red fox in snow", negative_prompt="watermark", seed=123456789, steps=20,
                          guidance=8.0, width=512, height=640, model="v1-5-pruned-emaonly.safetensors"),
     ["lora_name: fox_style.safetensors"]),
    (ff.fooocus_png, dict(prompt="a cabin in the woods", negative_prompt="lowres", seed=1234567, steps=30,
                          guidance=4.0, width=1152, height=896, model="juggernautXL_v8Rundiffusion"),
     ["Sampler: dpmpp_2m_sde_gpu", "sharpness: 2", "performance: Speed"]),
    (ff.invokeai_png, dict(prompt="a castle at dawn", negative_prompt="fog", seed=987654321, steps=30,
                           guidance=7.5, width=768, height=512, model="stable-diffusion-v1-5"),
     ["Sampler: dpmpp_2m_k", 'loras: [{"model": {"name": "castle_lora"}, "weight": 0.75}]']),
    (ff.novelai_png, dict(prompt="1girl, reading a book, library", negative_prompt="lowres, bad anatomy",
                          seed=2718281, steps=28, guidance=5.0, width=1216, height=832, model="Stable Diffusion XL"),
     ["Sampler: k_euler_ancestral", "noise_schedule: native"]),
], ids=["comfyui", "fooocus", "invokeai", "novelai"])
def test_each_foreign_format_restores_its_recipe_and_lists_the_rest(make, expect, listed):
    restored = restore_from_image(make())
    if make is ff.comfyui_png:  # euler on karras: one of imagechat's samplers, so applied, not listed
        assert restored.recipe.sampler == "Euler Karras"
    got = {k: getattr(restored.recipe, k) for k in expect}
    assert got == expect
    for item in listed:  # each listed, perhaps with a word on why
        assert any(n.startswith(item) for n in restored.not_applied), item
    assert any(n.startswith("Model: ") for n in restored.not_applied)


def test_a_fooocus_json_never_lands_whole_in_the_prompt_box():
    fill = settings_for(restore_from_image(ff.fooocus_png()).recipe)
    assert fill.prompt == "a cabin in the woods" and "{" not in fill.prompt
    pasted = restore_from_text(json.dumps(ff.FOOOCUS, indent=2))
    assert pasted.recipe.prompt == "a cabin in the woods" and pasted.source == "Fooocus"
    # A Fooocus-like JSON the library rejects (no model hash) still gives its prompt, not the JSON.
    partial = {k: v for k, v in ff.FOOOCUS.items() if k != "base_model_hash"}
    from_png = restore_from_image(ff.png_with({"parameters": json.dumps(partial)}))
    assert from_png.recipe.prompt == "a cabin in the woods"
    with pytest.raises(GalleryInputError, match="no recipe|No prompt"):
        restore_from_text('{"just": "data"}')


def test_imagechats_own_text_restores_without_notes():
    text = "a small house\nNegative prompt: fog\nSteps: 3, CFG scale: 6, Seed: 99, Size: 64x64, Model: tiny-sd, Backend: local"
    restored = restore_from_text(text)
    assert restored.source == "imagechat" and restored.not_applied == () and restored.changed == ()
    assert (restored.recipe.seed, restored.recipe.backend, restored.recipe.negative_prompt) == (99, "local", "fog")


def test_a_sampler_this_server_does_not_run_is_named_even_in_imagechats_own_text():
    text = ("a small house\nSteps: 3, Sampler: Restart, CFG scale: 6, Seed: 99, Size: 64x64, Model: tiny-sd, "
            "Backend: local")
    restored = restore_from_text(text)
    assert restored.source == "imagechat" and restored.recipe.sampler is None
    assert any("Restart" in note and "model's own" in note for note in restored.not_applied)
    assert "Not applied: Sampler: Restart" in summary(restored)
    known = restore_from_text(text.replace("Restart", "DPM++ 2M Karras"))
    assert known.recipe.sampler == "DPM++ 2M Karras" and known.not_applied == ()


def test_a_seed_above_32_bits_is_reduced_with_a_note_and_gives_the_same_noise():
    import torch

    seed, note = fit_seed(ff.BIG_SEED)
    assert seed == ff.BIG_SEED - 2**32 and "modulo 2³²" in note and str(ff.BIG_SEED) in note
    # why modulo: torch's CPU generator, which the local backend seeds, keeps the low 32 bits
    big = torch.randn(16, generator=torch.Generator("cpu").manual_seed(ff.BIG_SEED))
    assert torch.equal(big, torch.randn(16, generator=torch.Generator("cpu").manual_seed(seed)))
    assert fit_seed(-1)[0] is None and "random" in fit_seed(-1)[1]
    assert fit_seed(42) == (42, None)
    pasted = restore_from_text(ff.A1111_TEXT)
    assert settings_for(pasted.recipe).seed == str(seed) and pasted.changed == (note,)


def test_unreadable_and_recipe_less_files_say_so():
    with pytest.raises(GalleryInputError, match="no recipe"):
        restore_from_image(ff.png_with({}))
    with pytest.raises(GalleryInputError, match="not a readable image"):
        restore_from_image(b"GIF89a not really")
    with pytest.raises(GalleryInputError, match="longer than"):
        restore_from_text("x" * 1_000_001)


# --- import and download: recipes mapped, the rest listed, chunks kept byte for byte ----------


def foreign_zip() -> tuple[bytes, dict[str, bytes]]:
    files = {f"pics/{name}": make() for name, make in FOREIGN.items()}
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for name, data in files.items():
            zf.writestr(name, data)
    return buf.getvalue(), files


@pytest.fixture
def api(tmp_path):
    store = Store(tmp_path / "x.duckdb")
    app = FastAPI()
    auth = Authenticator(People(SHARED))
    app.include_router(images_router(auth, store))
    app.include_router(exchange_router(auth, store))
    with TestClient(app) as client:
        yield store, client
    store.close()


def test_importing_foreign_pictures_maps_recipes_lists_the_rest_and_keeps_their_bytes(api, tmp_path):
    store, client = api
    body, files = foreign_zip()
    answer = client.post("/api/import", files={"file": ("theirs.zip", body, "application/zip")})
    assert answer.status_code == 200, answer.text
    result = answer.json()
    assert result["added"] == len(files) and result["skipped"] == []
    listed = {n["file"]: n for n in result["not_applied"]}
    assert listed["pics/a1111.jpg"]["tool"] == "AUTOMATIC1111"
    assert "Hires upscale: 2" in listed["pics/a1111.webp"]["items"]
    assert "lora_name: fox_style.safetensors" in listed["pics/comfyui.png"]["items"]
    assert listed["pics/fooocus.png"]["tool"] == "Fooocus"

    images = {i["sha256"]: i for i in client.get("/api/images", params={"limit": 100}).json()["items"]}
    import hashlib
    for name, data in files.items():
        item = images[hashlib.sha256(data).hexdigest()]
        downloaded = client.get(item["download_url"]).content
        assert downloaded == data, name  # the original chunks (parameters, prompt, workflow, EXIF) as they were
        record = store.image_record(item["id"])
        assert record.prompt_sent and "{" not in record.prompt_sent
        restored = from_image(record)  # "Use this recipe" in the gallery
        assert restored.source != "imagechat" and restored.not_applied
    a1111 = images[hashlib.sha256(files["pics/a1111.png"]).hexdigest()]
    assert a1111["seed"] == ff.BIG_SEED  # the record keeps the seed as written
    assert from_image(store.image_record(a1111["id"])).recipe.seed == ff.BIG_SEED % SEED_RANGE

    # an export keeps them byte for byte too, and imports back as duplicates
    out = tmp_path / "again.zip"
    store.export_zip(out)
    with zipfile.ZipFile(out) as zf:
        exported = {hashlib.sha256(zf.read(n)).hexdigest() for n in zf.namelist() if n != "recipes.json"}
    assert exported == {hashlib.sha256(d).hexdigest() for d in files.values()}
    assert store.import_zip(out).skipped_duplicates == len(files)


def test_a_comfyui_picture_keeps_its_prompt_and_workflow_chunks_on_download(api):
    store, client = api
    original = ff.comfyui_png()
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("one.png", original)
    assert client.post("/api/import", files={"file": ("c.zip", buf.getvalue(), "application/zip")}).json()["added"] == 1
    item = client.get("/api/images").json()["items"][0]
    served = client.get(item["image_url"]).content
    assert text_keywords(served) == {"prompt", "workflow"} and served == original  # no "parameters" added


# --- what imagechat writes: the model's name, never a path; readable by sd-parsers -----------


@pytest.mark.slow
def test_a_local_image_names_its_model_never_a_path_and_other_readers_read_its_png(tmp_path, tiny_local,
                                                                                   tiny_model_dir):
    import hashlib

    import duckdb
    from sd_parsers import ParserManager

    from pipeline.jobs import JobRunner
    from pipeline.request import GenerationRequest
    from pipeline.router import Router

    folder = str(tiny_model_dir.parent)  # the part of the path that must never leave this machine
    store = Store(tmp_path / "x.duckdb")
    jobs = JobRunner(Router({"local": tiny_local}, default="local"), store)
    try:
        job = jobs.submit(GenerationRequest(prompt="a red kite over hills", negative_prompt="blurry", steps=2,
                                            guidance=6.5, seed=4242, width=64, height=64))
        jobs.wait(job, timeout=PATIENCE_S)
    finally:
        jobs.close()
    (record,) = store.list_images(None)
    assert record.model == tiny_model_dir.name and tiny_local.model_name() == tiny_model_dir.name

    app = FastAPI()
    auth = Authenticator(People(SHARED))
    app.include_router(images_router(auth, store))
    app.include_router(exchange_router(auth, store))
    with TestClient(app) as client:
        listed = client.get("/api/images").text
        png = client.get(f"/api/images/{record.id}?download=1").content
        exported = client.get("/api/export", params={"format": "zip"}).content
        parquet = client.get("/api/export", params={"format": "parquet"}).content
    store.close()
    (tmp_path / "x.parquet").write_bytes(parquet)
    models = duckdb.sql(f"SELECT model FROM read_parquet('{tmp_path / 'x.parquet'}')").fetchall()
    assert models == [(tiny_model_dir.name,)]
    with zipfile.ZipFile(io.BytesIO(exported)) as zf:
        exported_files = b"".join(zf.read(n) for n in zf.namelist())
    for shared in (listed.encode(), png, exported_files):
        assert folder.encode() not in shared

    info = ParserManager().parse(io.BytesIO(png))  # a maintained third-party reader
    assert info is not None and info.generator.value == "AUTOMATIC1111"
    (sampler,) = info.samplers
    assert str(sampler.prompts[0]) == "a red kite over hills" and str(sampler.negative_prompts[0]) == "blurry"
    assert sampler.parameters["seed"] == "4242" and sampler.parameters["steps"] == "2"
    assert float(sampler.parameters["cfg_scale"]) == 6.5 and info.metadata["Size"] == "64x64"
    assert sampler.name and str(sampler.model) == tiny_model_dir.name
    assert hashlib.sha256(png).hexdigest() != record.sha256  # our own picture gets its recipe chunk

    from sd_prompt_reader.image_data_reader import ImageDataReader  # the other maintained reader

    (tmp_path / "kite.png").write_bytes(png)
    with open(tmp_path / "kite.png", "rb") as f:
        read = ImageDataReader(f)
    assert read.status.name == "READ_SUCCESS" and read.tool == "A1111 webUI"
    assert read.positive == "a red kite over hills" and read.negative == "blurry"
    assert (read.parameter["seed"], read.parameter["steps"], read.parameter["cfg"]) == ("4242", "2", "6.5")
    assert read.parameter["size"] == "64x64" and read.parameter["model"] == tiny_model_dir.name


def test_an_older_database_has_its_model_paths_replaced_by_names(tmp_path):
    import duckdb

    from storage import NewImage

    recorded = {
        "/home/ann/models/tiny-sd": "tiny-sd",
        "/srv/cache/hub/models--stabilityai--sd-turbo/snapshots/0123abcd": "stabilityai/sd-turbo",
        "C:\\models\\dreamshaper_8.safetensors": "dreamshaper_8",
        "~/ckpt/v1-5/": "v1-5",
        "stabilityai/sd-turbo": "stabilityai/sd-turbo",
        "dall-e-3": "dall-e-3",
    }
    path = tmp_path / "old.duckdb"
    with Store(path) as store:  # rows as the previous version recorded them (the schema is the same)
        for n, model in enumerate(recorded):
            store.add_image(NewImage(png=ff.png_with({}, size=(8 + n, 8)), width=8 + n, height=8, mime="image/png",
                                     backend="local", model=model, prompt_sent=f"p{n}", seed=n))
    conn = duckdb.connect(str(path))
    conn.execute("DELETE FROM _migrations WHERE name = '0007_model_names_not_paths'")  # not yet applied there
    conn.close()
    with Store(path) as store:  # opening it applies the migration
        assert sorted(r.model for r in store.list_images(None, limit=50)) == sorted(recorded.values())


@pytest.mark.parametrize("texts", [
    {"prompt": "[1, 2, 3]", "workflow": "{}"},
    {"prompt": json.dumps(ff.COMFY_PROMPT), "workflow": json.dumps({"links": [[1, 2]]})},
    {"prompt": json.dumps({"3": {"class_type": "KSampler", "inputs": {"steps": [], "cfg": {}, "sampler_name": 5,
                                                                       "seed": "x", "positive": 7}}}),
     "workflow": json.dumps({"links": []})},
    {"invokeai_metadata": "42"},
    {"invokeai_metadata": json.dumps({"scheduler": "x", "positive_prompt": ["a"], "model": "m"})},
    {"Description": "x", "Software": "NovelAI", "Source": "y", "Comment": "not json"},
    {"parameters": json.dumps({**ff.FOOOCUS, "seed": {"a": 1}, "resolution": [1, 2]})},
    {"parameters": "only a prompt\nSteps: many, Sampler: , CFG scale: high, Seed: -5"},
    {"parameters": '{"prompt": 5}'},
], ids=["comfy-list", "comfy-links", "comfy-types", "invoke-number", "invoke-types", "novelai-text",
        "fooocus-types", "a1111-words", "json-number-prompt"])
def test_metadata_shaped_unexpectedly_is_read_or_refused_never_a_crash(texts):
    try:
        restored = restore_from_image(ff.png_with(texts))
    except GalleryInputError as exc:
        assert str(exc)  # a sentence for the person
    else:
        assert isinstance(restored.recipe.prompt, str) and not restored.recipe.prompt.lstrip().startswith("{")
        assert restored.recipe.seed is None or 0 <= restored.recipe.seed < SEED_RANGE


def test_a_huge_png_is_refused_before_its_pixels_are_decoded():
    from tests.test_import_limits import bomb_png

    with pytest.raises(GalleryInputError, match="too large"):
        restore_from_image(bomb_png(9000))  # 81 M pixels: under Pillow's bomb limit, over ours
