"""Export and import: Parquet and zip round trips, duplicates, isolation, other tools' files."""

from __future__ import annotations

import io
import json
import zipfile

import duckdb
import pytest
from PIL import Image, PngImagePlugin

from storage import ImportResult, StorageError, Store
from storage.pngtext import embed_parameters, parameters_to_recipe, read_parameters
from tests.test_store import new_image, noise_png

RECIPE_FIELDS = ("backend", "model", "prompt_typed", "prompt_sent", "negative_prompt", "style",
                 "seed", "width", "height", "steps", "guidance", "timings", "extra", "sha256",
                 "mime", "bytes_len", "thumbnail_b64", "created_at")


def recipe_of(rec) -> tuple:
    return tuple(getattr(rec, f) for f in RECIPE_FIELDS)


@pytest.fixture
def source(tmp_path):
    """ana's three images (one with odd text, one made twice), and bo's one."""
    with Store(tmp_path / "source.duckdb") as s:
        conv = s.create_conversation(user="ana")
        s.add_image(new_image(noise_png(40, 30, 1), width=40, height=30, user="ana",
                              conversation_id=conv, task_id="job-1", seed=2**64 - 1))
        s.add_image(new_image(noise_png(40, 30, 2), width=40, height=30, user="ana",
                              prompt_typed="odd, text: 🦊\nsecond line", guidance=None,
                              prompt_sent='"quoted", with commas', negative_prompt="a\nb",
                              backend="openai", model="dall-e-3", steps=None, seed=None,
                              extra={"revised_prompt": "🦊", "quality": "hd"}))
        s.add_image(new_image(noise_png(40, 30, 2), width=40, height=30, user="ana", seed=9))
        s.add_image(new_image(noise_png(40, 30, 3), width=40, height=30, user="bo"))
        yield s


def images_of(store: Store, user: str | None) -> list:
    return sorted(store.list_images(user, limit=1000), key=lambda r: (r.created_at, r.id))


@pytest.mark.parametrize("kind", ["parquet", "zip"])
def test_round_trip_into_another_store_keeps_bytes_and_recipes(source, tmp_path, kind):
    out = tmp_path / f"ana.{kind}"
    assert getattr(source, f"export_{kind}")(out, "ana") == 3
    with Store(tmp_path / "target.duckdb") as target:
        result = getattr(target, f"import_{kind}")(out, "cy")  # lands in the importer's space
        assert result == ImportResult(added=3, skipped_duplicates=0)
        before, after = images_of(source, "ana"), images_of(target, "cy")
        assert [recipe_of(r) for r in after] == [recipe_of(r) for r in before]
        for old, new in zip(before, after):
            assert target.image_bytes(new.id) == source.image_bytes(old.id)  # byte identical
            assert new.user == "cy" and new.id != old.id
            # Links to conversations and tasks that are not the importer's are dropped.
            assert new.conversation_id is None and new.task_id is None
        # The two records of one picture share one stored copy there too.
        (blobs,) = target.db.cursor().execute("SELECT count(*) FROM image_blobs").fetchall()[0]
        assert blobs == 2
        # Importing the same file again adds nothing.
        again = getattr(target, f"import_{kind}")(out, "cy")
        assert again == ImportResult(added=0, skipped_duplicates=3)
        assert target.count_images("cy") == 3
        assert target.count_images(None) == 0 and target.count_images("ana") == 0


@pytest.mark.parametrize("kind", ["parquet", "zip"])
def test_importing_into_the_store_it_came_from_adds_nothing(source, tmp_path, kind):
    out = tmp_path / f"ana.{kind}"
    getattr(source, f"export_{kind}")(out, "ana")
    assert getattr(source, f"import_{kind}")(out, "ana") == ImportResult(0, 3)
    # Another user importing it gets their own copies; conversation links are not theirs.
    assert getattr(source, f"import_{kind}")(out, "bo") == ImportResult(3, 0)
    assert all(r.conversation_id is None for r in source.list_images("bo"))
    assert source.count_images("ana") == 3 and source.count_images("bo") == 4


def test_reimport_into_the_same_user_keeps_links_it_owns(source, tmp_path):
    out = tmp_path / "ana.parquet"
    source.export_parquet(out, "ana")
    first = images_of(source, "ana")[0]
    assert source.delete_image(first.id, user="ana")
    assert source.import_parquet(out, "ana") == ImportResult(1, 2)  # only the deleted one
    restored = images_of(source, "ana")[0]
    assert restored.conversation_id == first.conversation_id is not None
    assert recipe_of(restored) == recipe_of(first)


def test_exports_hold_only_that_users_images_and_honour_filters(source, tmp_path):
    out = tmp_path / "bo.parquet"
    assert source.export_parquet(out, "bo") == 1
    assert source.export_parquet(tmp_path / "anon.parquet", None) == 0
    assert source.export_parquet(tmp_path / "openai.parquet", "ana", backend="openai") == 1
    assert source.export_zip(tmp_path / "fox.zip", "ana", q="🦊") == 1
    rows = duckdb.sql(f"SELECT prompt_typed FROM read_parquet('{out}')").fetchall()
    assert rows == [("a red fox",)]
    with zipfile.ZipFile(tmp_path / "fox.zip") as zf:
        doc = json.loads(zf.read("recipes.json"))
        assert [e["prompt_typed"] for e in doc["images"]] == ["odd, text: 🦊\nsecond line"]


def test_the_parquet_file_is_plain_for_other_tools(source, tmp_path):
    out = tmp_path / "ana.parquet"
    source.export_parquet(out, "ana")
    rows = duckdb.sql(
        f"SELECT image, sha256, seed, prompt_sent, extra FROM read_parquet('{out}') "
        "ORDER BY created_at").fetchall()
    first_id = images_of(source, "ana")[0].id
    assert rows[0][0] == source.image_bytes(first_id)[0]  # the PNG bytes, not Base64
    assert rows[0][2] == 2**64 - 1
    assert json.loads(rows[1][4]) == {"revised_prompt": "🦊", "quality": "hd"}
    meta = dict(duckdb.sql(
        f"SELECT key::VARCHAR, value::VARCHAR FROM parquet_kv_metadata('{out}')").fetchall())
    assert meta["format"] == "imagechat-images"


def test_zip_pngs_carry_their_recipe_for_other_tools(source, tmp_path):
    out = tmp_path / "ana.zip"
    source.export_zip(out, "ana")
    with zipfile.ZipFile(out) as zf:
        doc = json.loads(zf.read("recipes.json"))
        assert doc["format"] == "imagechat-images" and len(doc["images"]) == 3
        for entry in doc["images"]:
            png = zf.read(entry["file"])
            text = read_parameters(png)
            assert text == entry["parameters"]
            parsed = parameters_to_recipe(text)
            assert parsed["prompt"] == entry["prompt_sent"]
            assert parsed.get("seed") == entry["seed"]
            assert (parsed["width"], parsed["height"]) == (40, 30)
            assert parsed["backend"] == entry["backend"]
            with Image.open(io.BytesIO(png)) as img:  # other tools see the same text
                assert img.info["parameters"] == text


def test_a_png_that_already_had_parameters_round_trips_byte_identical(tmp_path):
    info = PngImagePlugin.PngInfo()
    info.add_text("parameters", "from another tool\nSteps: 5, Seed: 1, Size: 8x8")
    buf = io.BytesIO()
    Image.new("RGB", (8, 8), "teal").save(buf, format="PNG", pnginfo=info)
    original = buf.getvalue()
    with Store(tmp_path / "a.duckdb") as a, Store(tmp_path / "b.duckdb") as b:
        image_id = a.add_image(new_image(original, width=8, height=8, user="ana"))
        a.export_zip(tmp_path / "x.zip", "ana")
        assert b.import_zip(tmp_path / "x.zip", "ana") == ImportResult(1, 0)
        (rec,) = b.list_images("ana")
        assert b.image_bytes(rec.id)[0] == original == a.image_bytes(image_id)[0]


def a1111_png(prompt: str, seed: int, color: str) -> bytes:
    info = PngImagePlugin.PngInfo()
    info.add_text("parameters", f"{prompt}\nNegative prompt: lowres\nSteps: 28, Sampler: "
                  f"DPM++ 2M Karras, CFG scale: 7, Seed: {seed}, Size: 24x16, Model hash: "
                  "6ce0161689, Model: v1-5-pruned-emaonly, Version: v1.6.0")
    buf = io.BytesIO()
    Image.new("RGB", (24, 16), color).save(buf, format="PNG", pnginfo=info)
    return buf.getvalue()


def test_a_zip_of_other_tools_pngs_imports_with_their_recipes(tmp_path):
    path = tmp_path / "a1111.zip"
    fox, cat = a1111_png("a fox, (masterpiece:1.2)", 77, "red"), a1111_png("a cat", 78, "blue")
    plain = io.BytesIO()
    Image.new("RGB", (10, 10), "green").save(plain, format="JPEG")
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("outputs/00001-77.png", fox)
        zf.writestr("outputs/00002-78.png", cat)
        zf.writestr("outputs/00002-78-copy.png", cat)  # the same picture twice
        zf.writestr("photo.jpg", plain.getvalue())
        zf.writestr("broken.png", b"\x89PNG\r\n\x1a\n not really")
        zf.writestr("notes.txt", "not a picture")
        zf.writestr("__MACOSX/._00001-77.png", b"resource fork")
    with Store(tmp_path / "s.duckdb") as s:
        result = s.import_zip(path, "ana")
        assert result == ImportResult(added=3, skipped_duplicates=1, skipped_unreadable=1)
        by_prompt = {r.prompt_sent: r for r in s.list_images("ana")}
        rec = by_prompt["a fox, (masterpiece:1.2)"]
        assert (rec.seed, rec.steps, rec.guidance, rec.model) == (77, 28, 7.0,
                                                                  "v1-5-pruned-emaonly")
        assert (rec.width, rec.height, rec.negative_prompt) == (24, 16, "lowres")
        assert rec.extra["sampler"] == "DPM++ 2M Karras"
        assert "Model hash: 6ce0161689" in rec.extra["parameters"]
        assert s.image_bytes(rec.id)[0] == fox  # stored as it came
        jpg = by_prompt[""]
        assert jpg.mime == "image/jpeg" and (jpg.width, jpg.height) == (10, 10)
        assert s.import_zip(path, "ana") == ImportResult(0, 4, 1)


def test_files_that_are_not_exports_are_refused_with_a_message(source, tmp_path):
    junk = tmp_path / "junk.bin"
    junk.write_bytes(b"definitely not a zip or parquet file")
    for method in (source.import_zip, source.import_parquet):
        with pytest.raises(StorageError) as err:
            method(junk, "ana")
        assert "junk.bin" in err.value.user_message and "Traceback" not in err.value.user_message
    other = tmp_path / "other.parquet"
    duckdb.sql(f"COPY (SELECT 1 AS x) TO '{other}' (FORMAT parquet)")
    with pytest.raises(StorageError, match="not an imagechat export"):
        source.import_parquet(other, "ana")
    assert source.count_images("ana") == 3


def test_a_failed_export_leaves_no_file_behind(source, tmp_path):
    out = tmp_path / "ana.zip"
    out.write_bytes(b"an older export")
    with pytest.raises(TypeError):
        source.export_zip(out, "ana", colour="red")  # an unknown filter: nothing written
    assert out.read_bytes() == b"an older export"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_parameters_embedded_by_export_do_not_change_a_second_export(source, tmp_path):
    # Export, import elsewhere, export again: the PNGs in both zips are identical.
    source.export_zip(tmp_path / "one.zip", "ana")
    with Store(tmp_path / "t.duckdb") as t:
        t.import_zip(tmp_path / "one.zip", "ana")
        t.export_zip(tmp_path / "two.zip", "ana")
    with zipfile.ZipFile(tmp_path / "one.zip") as a, zipfile.ZipFile(tmp_path / "two.zip") as b:
        pngs_a = sorted(a.read(n) for n in a.namelist() if n.endswith(".png"))
        pngs_b = sorted(b.read(n) for n in b.namelist() if n.endswith(".png"))
    assert pngs_a == pngs_b and len(pngs_a) == 3
    assert embed_parameters(pngs_a[0], read_parameters(pngs_a[0])) == pngs_a[0]
