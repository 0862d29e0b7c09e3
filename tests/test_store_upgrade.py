"""A database file made before the requested prompt had a column (migrations up to 0007, rows as the
store and the job recorder wrote them then) opens with today's code and is upgraded in place."""

from __future__ import annotations

import base64
import hashlib
import json
import zipfile
from datetime import datetime, timedelta

import duckdb

from storage import Store
from storage.imaging import make_thumbnail
from storage.migrations import MIGRATIONS, applied_migrations, migrate
from tests.test_store import noise_png
from web.recipe import Recipe as ChatRecipe

UPGRADE = "0008_requested_prompt"
BEFORE = MIGRATIONS[: [m.name for m in MIGRATIONS].index(UPGRADE)]
T0 = datetime(2026, 3, 4, 5, 6, 7)
# What the recorder put in ``extra`` before: the backend's own keys, the notes, the requested prompt.
OPENAI_EXTRA = {"revised_prompt": "A lighthouse, rendered in oil", "quality": "hd", "style": "vivid",
                "warnings": [], "changes": ["+ at dusk"], "prompt_requested": "a lighthouse at dusk"}


def _old_file(path, pngs: list[bytes]) -> None:
    """Rows as the store of migration 0007 wrote them: one blob per picture, one images row each."""
    with duckdb.connect(str(path)) as conn:
        assert migrate(conn, BEFORE)[-1] == "0007_model_names_not_paths"
        conn.execute("INSERT INTO conversations VALUES (?, NULL, 'Lighthouses', ?, ?)", ["c" * 32, T0, T0])
        extras = [OPENAI_EXTRA, {"scheduler": "EulerDiscreteScheduler"},  # an import: nothing requested
                  {"prompt_requested": 7, "device": "cpu"}]  # not text: never the app's, left alone
        for n, (png, extra) in enumerate(zip(pngs, extras), 1):
            thumb, thumb_mime = make_thumbnail(png)
            at = T0 + timedelta(seconds=n)
            conn.execute(
                'INSERT INTO image_blobs (blob_key, "user", sha256, mime, bytes_len, thumbnail_b64, '
                "thumbnail_mime, created_at, image_b64) VALUES (?, NULL, ?, 'image/png', ?, ?, ?, ?, ?)",
                [n, hashlib.sha256(png).hexdigest(), len(png), base64.b64encode(thumb).decode(), thumb_mime, at,
                 base64.b64encode(png).decode()])
            conn.execute(
                'INSERT INTO images (id, blob_key, conversation_id, task_id, "user", created_at, backend, model, '
                "prompt_typed, prompt_sent, negative_prompt, style, seed, width, height, steps, guidance, timings, "
                "extra) VALUES (?, ?, ?, NULL, NULL, ?, 'openai', 'dall-e-3', 'lighthouse', ?, '', 'none', ?, "
                "64, 64, NULL, NULL, '{}', ?)",
                [f"{n:032x}", n, "c" * 32, at, f"sent {n}", n, json.dumps(extra)])


def test_a_file_from_before_the_requested_prompt_column_upgrades_in_place(tmp_path):
    path = tmp_path / "old.duckdb"
    pngs = [noise_png(64, 64, n) for n in range(3)]
    _old_file(path, pngs)

    with Store(path) as store:
        assert UPGRADE in [n for n, _ in applied_migrations(store.db.cursor())]
        made, imported, odd = (store.image_record(f"{n:032x}") for n in (1, 2, 3))
        assert made.prompt_requested == "a lighthouse at dusk"
        assert made.extra == {k: v for k, v in OPENAI_EXTRA.items() if k != "prompt_requested"}
        assert (imported.prompt_requested, imported.extra) == ("", {"scheduler": "EulerDiscreteScheduler"})
        assert (odd.prompt_requested, odd.extra) == ("", {"prompt_requested": 7, "device": "cpu"})
        # Nothing else moved: bytes, recipe, conversation.
        assert store.image_bytes(made.id) == (pngs[0], "image/png")
        assert (made.prompt_sent, made.seed, made.conversation_id) == ("sent 1", 1, "c" * 32)
        assert store.get_conversation("c" * 32).image_count == 3
        # "Use this recipe" asks for what was requested, not OpenAI's revision of it.
        assert ChatRecipe.from_image(made).prompt == "a lighthouse at dusk"
        assert ChatRecipe.from_image(imported).prompt == "sent 2"
        # Exports carry it as a column of its own.
        store.export_zip(tmp_path / "out.zip")
        store.export_parquet(tmp_path / "out.parquet")
    with zipfile.ZipFile(tmp_path / "out.zip") as zf:
        entries = {e["id"]: e for e in json.loads(zf.read("recipes.json"))["images"]}
    assert entries[made.id]["prompt_requested"] == "a lighthouse at dusk"
    assert "prompt_requested" not in entries[made.id]["extra"]
    with duckdb.connect() as conn:
        (requested,) = conn.execute("SELECT prompt_requested FROM read_parquet(?) WHERE id = ?",
                                    [str(tmp_path / "out.parquet"), made.id]).fetchall()[0]
    assert requested == "a lighthouse at dusk"

    with Store(path) as store:  # reopening applies nothing more
        assert [n for n, _ in applied_migrations(store.db.cursor())].count(UPGRADE) == 1
        (nullable,) = store.db.cursor().execute(
            "SELECT is_nullable FROM information_schema.columns WHERE table_name = 'images' "
            "AND column_name = 'prompt_requested'").fetchall()[0]
        assert nullable == "NO"


def test_an_export_made_before_the_column_imports_with_the_requested_prompt_in_it(tmp_path):
    """A Parquet export written by the 0007 code (its column list, the prompt inside extra)."""
    old = tmp_path / "old.duckdb"
    _old_file(old, [noise_png(64, 64, n) for n in range(3)])
    export = tmp_path / "old.parquet"
    with duckdb.connect(str(old)) as conn:
        conn.execute(
            "COPY (SELECT i.id, b.sha256, i.created_at, i.conversation_id, i.task_id, i.backend, "
            "i.model, i.prompt_typed, i.prompt_sent, i.negative_prompt, i.style, i.seed, i.width, "
            "i.height, i.steps, i.guidance, i.timings::VARCHAR AS timings, "
            "i.extra::VARCHAR AS extra, b.mime, b.bytes_len, from_base64(b.image_b64) AS image, "
            "from_base64(b.thumbnail_b64) AS thumbnail, b.thumbnail_mime "
            "FROM images i JOIN image_blobs b ON b.blob_key = i.blob_key) TO ? (FORMAT parquet)",
            [str(export)])

    with Store(tmp_path / "new.duckdb") as store:
        assert store.import_file(export, user="ana").added == 3
        by_prompt = {r.prompt_sent: r for r in store.list_images("ana")}
        assert by_prompt["sent 1"].prompt_requested == "a lighthouse at dusk"
        assert "prompt_requested" not in by_prompt["sent 1"].extra
        assert by_prompt["sent 2"].prompt_requested == ""


REASON_UPGRADE = "0009_task_failure_reason"


def test_a_file_from_before_the_reason_column_takes_each_failed_tasks_reason_from_its_message(tmp_path):
    """Before 0009 a task kept only the failure's message for people; the code was in the meta of the
    assistant message that reported it (as the recorder wrote it then)."""
    path = tmp_path / "old.duckdb"
    with duckdb.connect(str(path)) as conn:
        migrate(conn, MIGRATIONS[: [m.name for m in MIGRATIONS].index(REASON_UPGRADE)])
        conn.execute("INSERT INTO conversations VALUES (?, NULL, 'Boats', ?, ?)", ["c" * 32, T0, T0])
        tasks = [("refused", "failed", "OpenAI's safety system refused this picture.", "content_policy"),
                 ("stopped", "interrupted", "imagechat stopped before this picture was finished.", "interrupted"),
                 ("unsaid", "interrupted", "imagechat stopped before this picture was finished.", None),
                 ("silent", "failed", "Out of memory.", None),  # no message for it: no reason to be had
                 ("made", "succeeded", None, None)]
        for n, (task_id, status, error, reason) in enumerate(tasks, 1):
            at = T0 + timedelta(seconds=n)
            conn.execute('INSERT INTO tasks (id, conversation_id, "user", status, request, created_at, finished_at, '
                         "error) VALUES (?, ?, NULL, ?, '{}', ?, ?, ?)", [task_id, "c" * 32, status, at, at, error])
            if task_id != "silent":
                conn.execute("INSERT INTO messages VALUES (?, ?, ?, 'assistant', ?, NULL, ?, ?, ?)",
                             [f"m{n}", "c" * 32, n, error or "", task_id,
                              json.dumps({"status": status, "reason": reason}), at])

    with Store(path) as store:
        assert REASON_UPGRADE in [n for n, _ in applied_migrations(store.db.cursor())]
        got = {t: (store.get_task(t).reason, store.get_task(t).error) for t, *_ in tasks}
    assert got == {"refused": ("content_policy", "OpenAI's safety system refused this picture."),
                   "stopped": ("interrupted", "imagechat stopped before this picture was finished."),
                   "unsaid": ("interrupted", "imagechat stopped before this picture was finished."),
                   "silent": (None, "Out of memory."),
                   "made": (None, None)}
