"""Storage against real DuckDB files under tmp_path."""

from __future__ import annotations

import base64
import dataclasses
import hashlib
import io
import os
import random
import subprocess
import sys
import threading
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

import duckdb
import pytest
from PIL import Image

from storage import (
    DatabaseLocked,
    ImageRecord,
    InvalidValue,
    NewImage,
    NotFound,
    StorageError,
    Store,
)
from storage.migrations import MIGRATIONS, Migration, applied_migrations, migrate
from storage.imaging import make_thumbnail
from storage.pngtext import embed_parameters
from tests.patience import PATIENCE_S

REPO = Path(__file__).resolve().parents[1]
TABLES = {"_migrations", "conversations", "messages", "tasks", "images", "image_blobs", "scenes", "image_usage",
          "api_tokens"}


def noise_png(width: int = 320, height: int = 200, seed: int = 0) -> bytes:
    """A PNG that does not compress, like a real generated picture."""
    rng = random.Random(seed)
    img = Image.frombytes("RGB", (width, height), rng.randbytes(width * height * 3))
    buf = io.BytesIO()
    img.save(buf, format="PNG")
    return buf.getvalue()


def new_image(png: bytes | None = None, **changes) -> NewImage:
    fields = dict(
        png=png if png is not None else noise_png(),
        width=320,
        height=200,
        backend="local",
        model="tiny-sd",
        prompt_typed="a red fox",
        prompt_sent="a red fox, highly detailed",
        negative_prompt="blurry",
        style="photo",
        seed=42,
        steps=4,
        guidance=7.5,
        timings={"generate_s": 0.2, "total_s": 0.25},
        extra={"scheduler": "EulerDiscreteScheduler"},
    )
    fields.update(changes)
    return NewImage(**fields)


@pytest.fixture
def db_path(tmp_path) -> Path:
    return tmp_path / "data" / "nested" / "imagechat.duckdb"


@pytest.fixture
def store(db_path):
    with Store(db_path) as s:
        yield s


def tables_in(path: Path) -> set[str]:
    with duckdb.connect(str(path), read_only=True) as conn:
        return {r[0] for r in conn.execute("SELECT table_name FROM duckdb_tables()").fetchall()}


# --- migrations ---------------------------------------------------------------------------


def test_opening_an_empty_file_creates_folders_and_migrates(db_path):
    assert not db_path.parent.exists()
    Store(db_path).close()
    assert db_path.is_file()
    assert tables_in(db_path) == TABLES
    with duckdb.connect(str(db_path), read_only=True) as conn:
        applied = applied_migrations(conn)
    assert [name for name, _ in applied] == [m.name for m in MIGRATIONS]
    assert all(at.tzinfo is not None for _, at in applied)


def test_reopening_is_a_no_op(db_path):
    Store(db_path).close()
    with duckdb.connect(str(db_path)) as conn:
        first = applied_migrations(conn)
    with Store(db_path) as s:
        cid = s.create_conversation(title="kept")
    Store(db_path).close()
    with duckdb.connect(str(db_path)) as conn:
        assert applied_migrations(conn) == first  # same names, same applied_at
        assert migrate(conn) == []
    with Store(db_path) as s:
        assert s.get_conversation(cid).title == "kept"


def test_migrations_apply_in_order_once_and_roll_back_on_failure(tmp_path):
    calls = []

    def add_column(conn):
        calls.append("b")
        conn.execute("ALTER TABLE t ADD COLUMN extra VARCHAR")

    first = [Migration("0001_a", "CREATE TABLE t (id INTEGER); INSERT INTO t VALUES (1)"),
             Migration("0002_b", add_column)]
    path = str(tmp_path / "m.duckdb")
    with duckdb.connect(path) as conn:
        assert migrate(conn, first) == ["0001_a", "0002_b"]
        assert migrate(conn, first) == []
        assert calls == ["b"]

        broken = [*first, Migration("0003_c", "CREATE TABLE u (id INTEGER); SELECT nope FROM t")]
        with pytest.raises(duckdb.Error):
            migrate(conn, broken)
        # The failed migration left nothing behind: no record, no half-made table.
        assert [n for n, _ in applied_migrations(conn)] == ["0001_a", "0002_b"]
        tables = conn.execute("SELECT table_name FROM duckdb_tables()").fetchall()
        assert ("u",) not in tables

        fixed = [*first, Migration("0003_c", "CREATE TABLE u (id INTEGER)")]
        assert migrate(conn, fixed) == ["0003_c"]
        assert [n for n, _ in applied_migrations(conn)] == ["0001_a", "0002_b", "0003_c"]

        # A file migrated by a newer version is refused, not silently used.
        with pytest.raises(StorageError, match="newer imagechat"):
            migrate(conn, first)


def _old_image_row(image_id: str, png: bytes, user: str | None, at: datetime, **recipe):
    """An images row exactly as the store wrote it under 0001_initial (Base64 in the row)."""
    thumb, thumb_mime = make_thumbnail(png)
    row = dict(id=image_id, sha256=hashlib.sha256(png).hexdigest(), conversation_id=None,
               task_id=None, user=user, created_at=at, backend="local", model="tiny-sd",
               prompt_typed="a red fox", prompt_sent="a red fox, detailed", negative_prompt="",
               style="photo", seed=42, width=64, height=64, steps=4, guidance=7.5,
               timings='{"total_s": 0.25}', extra='{"scheduler": "Euler"}', mime="image/png",
               bytes_len=len(png), thumbnail_b64=base64.b64encode(thumb).decode(),
               thumbnail_mime=thumb_mime, image_b64=base64.b64encode(png).decode())
    row.update(recipe)
    return row


def test_a_file_written_by_the_first_schema_upgrades_in_place(tmp_path):
    path = tmp_path / "old.duckdb"
    same, other, theirs = noise_png(64, 64, 1), noise_png(64, 64, 2), noise_png(64, 64, 3)
    t0 = datetime(2025, 1, 2, 3, 4, 5)
    rows = [  # ana re-rolled the same picture; bo has the same bytes; one anonymous image
        _old_image_row("a1" * 16, same, "ana", t0, conversation_id="c" * 32, seed=1),
        _old_image_row("a2" * 16, same, "ana", t0 + timedelta(seconds=1), seed=2),
        _old_image_row("a3" * 16, other, "ana", t0 + timedelta(seconds=2), prompt_typed="cat"),
        _old_image_row("b1" * 16, same, "bo", t0 + timedelta(seconds=3)),
        _old_image_row("n1" * 16, theirs, None, t0 + timedelta(seconds=4)),
    ]
    with duckdb.connect(str(path)) as conn:
        assert migrate(conn, MIGRATIONS[:1]) == ["0001_initial"]
        conn.execute('INSERT INTO conversations VALUES (?, ?, ?, ?, ?)',
                     ["c" * 32, "ana", "Foxes", t0, t0])
        conn.execute("INSERT INTO messages (id, conversation_id, seq, role, content, image_id, "
                     "created_at) VALUES (?, ?, 1, 'assistant', 'Here it is.', ?, ?)",
                     ["m" * 32, "c" * 32, "a1" * 16, t0])
        for row in rows:
            cols = ", ".join(f'"{c}"' for c in row)
            conn.execute(f"INSERT INTO images ({cols}) VALUES ({', '.join('?' for _ in row)})",
                         list(row.values()))

    with Store(path) as s:
        assert [n for n, _ in applied_migrations(s.db.cursor())] == [m.name for m in MIGRATIONS]
        # Every image keeps its id, bytes, recipe and thumbnail.
        for row in rows:
            rec = s.image_record(row["id"])
            assert s.image_bytes(row["id"]) == (base64.b64decode(row["image_b64"]), "image/png")
            assert (rec.user, rec.seed, rec.prompt_typed, rec.sha256, rec.thumbnail_b64) == (
                row["user"], row["seed"], row["prompt_typed"], row["sha256"],
                row["thumbnail_b64"])
            assert rec.created_at == row["created_at"].replace(tzinfo=timezone.utc)
            assert rec.timings == {"total_s": 0.25} and rec.conversation_id == row["conversation_id"]
        # The duplicate bytes are now stored once per user.
        (blobs,) = s.db.cursor().execute("SELECT count(*) FROM image_blobs").fetchall()[0]
        assert blobs == 4
        assert [r.id for r in s.list_images("ana")] == ["a3" * 16, "a2" * 16, "a1" * 16]
        assert s.messages("c" * 32)[0].image.id == "a1" * 16
        assert s.get_conversation("c" * 32).image_count == 1
        # New images after the upgrade: new keys, and dedupe against the migrated bytes.
        again = s.add_image(new_image(same, width=64, height=64, user="ana"))
        fresh = s.add_image(new_image(noise_png(64, 64, 9), width=64, height=64, user="ana"))
        (blobs,) = s.db.cursor().execute("SELECT count(*) FROM image_blobs").fetchall()[0]
        assert blobs == 5
        assert s.image_bytes(again)[0] == same and s.image_bytes(fresh)[0] == noise_png(64, 64, 9)
        assert s.delete_image("a1" * 16, user="ana")
        assert s.image_bytes("a2" * 16)[0] == same  # still used by a2 and the new re-roll
        assert s.messages("c" * 32)[0].image_deleted
    with Store(path) as s:  # reopening applies nothing more
        assert s.count_images("ana") == 4


# --- images -------------------------------------------------------------------------------


def test_image_round_trip_is_byte_identical_with_recipe_and_thumbnail(store):
    png = noise_png(640, 400)
    cid = store.create_conversation(user="ana")
    image_id = store.add_image(new_image(png, width=640, height=400, seed=2**32 - 1,
                                         conversation_id=cid, task_id="job1", user="ana"))
    assert len(image_id) == 32 and int(image_id, 16) >= 0  # uuid4 hex

    data, mime = store.image_bytes(image_id)
    assert data == png and mime == "image/png"

    rec = store.image_record(image_id)
    assert rec.sha256 == hashlib.sha256(png).hexdigest()
    assert rec.bytes_len == len(png)
    assert (rec.width, rec.height, rec.seed) == (640, 400, 2**32 - 1)
    assert (rec.steps, rec.guidance) == (4, 7.5)
    assert (rec.backend, rec.model, rec.style) == ("local", "tiny-sd", "photo")
    assert (rec.prompt_typed, rec.prompt_sent, rec.negative_prompt) == (
        "a red fox", "a red fox, highly detailed", "blurry")
    assert rec.timings == {"generate_s": 0.2, "total_s": 0.25}
    assert rec.extra == {"scheduler": "EulerDiscreteScheduler"}
    assert (rec.conversation_id, rec.task_id, rec.user) == (cid, "job1", "ana")
    assert rec.created_at.tzinfo is not None

    thumb = base64.b64decode(rec.thumbnail_b64)
    assert len(thumb) < len(png) / 10
    with Image.open(io.BytesIO(thumb)) as img:
        assert max(img.size) == 256 and img.size == (256, 160)
        assert Image.MIME[img.format] == rec.thumbnail_mime
    assert rec.thumbnail_data_url.startswith(f"data:{rec.thumbnail_mime};base64,")

    assert store.image_bytes("0" * 32) is None
    assert store.image_record("0" * 32) is None


def test_image_records_never_carry_the_full_image():
    names = {f.name for f in dataclasses.fields(ImageRecord)}
    assert not names & {"image_b64", "png", "data", "image"}


def test_seed_range_is_unsigned_64_bit(store):
    big = store.add_image(new_image(seed=2**64 - 1))
    none = store.add_image(new_image(seed=None))
    assert store.image_record(big).seed == 2**64 - 1
    assert store.image_record(none).seed is None
    with pytest.raises(InvalidValue) as err:
        store.add_image(new_image(seed=-1))
    assert err.value.field == "seed"


def test_unreadable_or_wrong_images_are_rejected_and_nothing_is_stored(store):
    for bad, field in [(new_image(b"not a png"), "png"), (new_image(b""), "png"),
                       (new_image(mime="text/html"), "mime"), (new_image(width=0), "width"),
                       (new_image(extra={"x": float("nan")}), "extra"),
                       (new_image(timings={"t": object()}), "timings")]:
        with pytest.raises(InvalidValue) as err:
            store.add_image(bad)
        assert err.value.field == field
        assert err.value.user_message and "Traceback" not in err.value.user_message
    assert store.list_images() == []


def test_list_images_newest_first_per_user_with_paging(store):
    ids = [store.add_image(new_image(noise_png(64, 64, seed=i), width=64, height=64, user="ana"))
           for i in range(5)]
    other = store.add_image(new_image(user="bo"))
    anon = store.add_image(new_image())

    assert [r.id for r in store.list_images("ana")] == ids[::-1]
    assert [r.id for r in store.list_images("ana", limit=2, offset=1)] == [ids[3], ids[2]]
    assert [r.id for r in store.list_images("bo")] == [other]
    assert [r.id for r in store.list_images()] == [anon]  # None is the anonymous user only
    assert all(r.thumbnail_b64 for r in store.list_images("ana"))


# --- restart ------------------------------------------------------------------------------


def test_everything_survives_close_and_reopen(db_path):
    png = noise_png()
    with Store(db_path) as s:
        cid = s.create_conversation(user="ana")
        s.add_message(cid, "user", "a lighthouse at dusk")
        s.create_task("job1", {"prompt": "a lighthouse at dusk", "seed": 7}, conversation_id=cid,
                      user="ana")
        image_id = s.add_image(new_image(png, conversation_id=cid, task_id="job1", user="ana"))
        s.update_task("job1", status="succeeded", image_id=image_id)
        s.add_message(cid, "assistant", "Here it is.", image_id=image_id, task_id="job1",
                      meta={"seconds": 1.5})
        before = (s.get_conversation(cid), s.messages(cid), s.get_task("job1"),
                  s.image_record(image_id))

    with Store(db_path) as s:
        after = (s.get_conversation(cid), s.messages(cid), s.get_task("job1"),
                 s.image_record(image_id))
        assert after == before
        assert s.image_bytes(image_id) == (png, "image/png")
        assert s.latest_conversation("ana") == cid


# --- conversations and messages -----------------------------------------------------------


def test_latest_conversation_is_per_user(store):
    assert store.latest_conversation("ana") is None
    a1 = store.create_conversation(user="ana")
    a2 = store.create_conversation(user="ana")
    b1 = store.create_conversation(user="bo")
    anon = store.create_conversation()

    assert store.latest_conversation("ana") == a2
    store.add_message(a1, "user", "back to the first one")
    assert store.latest_conversation("ana") == a1
    assert store.latest_conversation("bo") == b1
    assert store.latest_conversation(None) == anon
    assert store.latest_conversation("nobody") is None
    assert [c.id for c in store.list_conversations("ana")] == [a1, a2]
    assert [c.id for c in store.list_conversations("ana", limit=1)] == [a1]


def test_messages_keep_order_join_their_image_and_title_the_conversation(store):
    cid = store.create_conversation(user="ana")
    assert store.get_conversation(cid).title == ""
    long_first = "  A   watercolour of a heron standing in reeds at sunrise, soft mist over the " \
                 "water, pale gold light  "
    image_id = store.add_image(new_image(conversation_id=cid))
    ids = [
        store.add_message(cid, "user", long_first),
        store.add_message(cid, "assistant", "Here it is.", image_id=image_id, task_id="job1",
                          meta={"warnings": ["cut"], "n": 1}),
        store.add_message(cid, "user", "make it night"),
        store.add_message(cid, "assistant", "Could not draw that.", meta={"reason": "oom"}),
    ]
    msgs = store.messages(cid)
    assert [m.id for m in msgs] == ids
    assert [m.seq for m in msgs] == [1, 2, 3, 4]
    assert [m.role for m in msgs] == ["user", "assistant", "user", "assistant"]
    assert msgs[0].content == long_first  # content is stored as typed
    assert msgs[1].image is not None and msgs[1].image.id == image_id
    assert msgs[1].image.thumbnail_b64 and msgs[1].image.prompt_sent == "a red fox, highly detailed"
    assert (msgs[1].task_id, msgs[1].meta) == ("job1", {"warnings": ["cut"], "n": 1})
    assert msgs[0].image is None and msgs[3].image is None and msgs[3].meta == {"reason": "oom"}

    conv = store.get_conversation(cid)
    assert conv.title.startswith("A watercolour of a heron") and conv.title.endswith("…")
    assert len(conv.title) <= 60 and "  " not in conv.title
    assert conv.updated_at > conv.created_at
    assert msgs[-1].created_at == conv.updated_at

    store.set_conversation_title(cid, "Herons")
    store.add_message(cid, "user", "another")
    assert store.get_conversation(cid).title == "Herons"  # a set title is not overwritten


def test_message_to_a_missing_conversation_or_with_a_bad_role_is_refused(store):
    with pytest.raises(NotFound) as err:
        store.add_message("0" * 32, "user", "hello")
    assert "Start a new conversation" in err.value.user_message
    cid = store.create_conversation()
    with pytest.raises(InvalidValue) as err:
        store.add_message(cid, "system", "hello")
    assert err.value.field == "role"
    assert store.messages(cid) == []
    assert store.get_conversation("0" * 32) is None


ODD_TEXT = [
    "👩🏽‍🚀 an astronaut 🧑‍🤝‍🧑 with 🇯🇵 flags",
    "שלום עולם — مرحبا بالعالم \u202eevil\u202c mixed",
    "e\u0301 combining, zero\u200bwidth, \ufeffBOM",
    "nul\x00inside",
    "<script>alert('x')</script> **bold** [link](javascript:alert(1))",
    "'; DROP TABLE images; -- \" ? $1 %s",
    "line\r\nbreaks\ttabs\x1b[31m",
    "𝔘𝔫𝔦𝔠𝔬𝔡𝔢 astral \U0010ffff",
    "x" * 20_000,
]


@pytest.mark.parametrize("text", ODD_TEXT, ids=range(len(ODD_TEXT)))
def test_odd_text_round_trips_exactly_across_a_restart(db_path, text):
    with Store(db_path) as s:
        cid = s.create_conversation(user=text[:200])
        s.add_message(cid, "user", text, meta={"typed": text, text[:50]: [text]})
        s.create_task("job", {"prompt": text}, user=text[:200])
        s.update_task("job", status="failed", error=text)
        image_id = s.add_image(new_image(prompt_typed=text, prompt_sent=text, negative_prompt=text,
                                         extra={"revised_prompt": text}))
    with Store(db_path) as s:
        (msg,) = s.messages(cid)
        assert msg.content == text
        assert msg.meta == {"typed": text, text[:50]: [text]}
        assert s.latest_conversation(text[:200]) == cid
        assert s.get_conversation(cid).title == " ".join(text.split())[:60] or len(text) > 60
        task = s.get_task("job")
        assert (task.request, task.error, task.user) == ({"prompt": text}, text, text[:200])
        rec = s.image_record(image_id)
        assert rec.prompt_typed == rec.prompt_sent == rec.negative_prompt == text
        assert rec.extra == {"revised_prompt": text}


def test_text_that_cannot_be_stored_is_rejected_with_the_field_named(store):
    cid = store.create_conversation()
    broken = "half a pair \ud83d here"
    with pytest.raises(InvalidValue) as err:
        store.add_message(cid, "user", broken)
    assert err.value.field == "content" and "unpaired surrogate" in err.value.user_message
    with pytest.raises(InvalidValue) as err:
        store.add_message(cid, "user", "ok", meta={"k": broken})
    assert err.value.field == "meta"
    with pytest.raises(InvalidValue) as err:
        store.add_image(new_image(prompt_sent=broken))
    assert err.value.field == "prompt_sent"
    with pytest.raises(InvalidValue) as err:
        store.add_message(cid, "user", 12)  # type: ignore[arg-type]
    assert err.value.field == "content"
    assert store.messages(cid) == [] and store.get_conversation(cid).title == ""


# --- tasks --------------------------------------------------------------------------------


def test_task_lifecycle_sets_timestamps(store):
    store.create_task("job1", {"prompt": "a fox", "steps": 4, "warnings": []}, user="ana")
    t = store.get_task("job1")
    assert (t.status, t.started_at, t.finished_at, t.finished) == ("queued", None, None, False)
    assert t.request == {"prompt": "a fox", "steps": 4, "warnings": []}
    assert t.created_at.tzinfo is not None

    running = store.update_task("job1", status="running", total=4)
    assert running.started_at > t.created_at and running.finished_at is None
    progressed = store.update_task("job1", step=2)
    assert (progressed.step, progressed.total, progressed.status) == (2, 4, "running")
    again = store.update_task("job1", status="running")
    assert again.started_at == running.started_at  # started once

    image_id = store.add_image(new_image(task_id="job1"))
    done = store.update_task("job1", status="succeeded", step=4, image_id=image_id)
    assert done.finished and done.finished_at > done.started_at
    assert (done.image_id, done.step, done.error) == (image_id, 4, None)
    assert store.get_task("job1") == done

    store.create_task("job2", {})
    failed = store.update_task("job2", status="failed", error="Out of memory. Try a smaller size.")
    assert failed.started_at is None and failed.finished_at is not None
    assert failed.error == "Out of memory. Try a smaller size."

    with pytest.raises(InvalidValue):
        store.update_task("job1", status="exploded")
    with pytest.raises(NotFound):
        store.update_task("nope", status="running")
    with pytest.raises(InvalidValue):
        store.create_task("job1", {})
    assert store.get_task("nope") is None


def test_interrupt_unfinished_after_a_crash(db_path):
    with Store(db_path) as s:
        s.create_task("queued", {})
        s.create_task("running", {})
        s.update_task("running", status="running", step=3, total=30)
        s.create_task("done", {})
        s.update_task("done", status="succeeded")
        s.create_task("cancelled", {})
        s.update_task("cancelled", status="cancelled")
        done_before = s.get_task("done")
    with Store(db_path) as s:  # the restart
        assert s.interrupt_unfinished() == 2
        for tid in ("queued", "running"):
            t = s.get_task(tid)
            assert t.status == "interrupted" and t.finished_at is not None and t.error
        assert s.get_task("running").step == 3
        assert s.get_task("done") == done_before
        assert s.get_task("cancelled").status == "cancelled"
        assert s.interrupt_unfinished() == 0


# --- concurrency and locking --------------------------------------------------------------


def test_concurrent_writes_from_threads_all_land(store):
    shared = store.create_conversation(user="shared")
    n_threads, n_each = 8, 20
    errors: list[BaseException] = []
    own: dict[int, str] = {}
    start = threading.Barrier(n_threads)

    def work(k: int) -> None:
        try:
            start.wait()
            own[k] = cid = store.create_conversation(user=f"u{k}")
            for i in range(n_each):
                store.add_message(cid, "user", f"{k}-{i}")
                store.add_message(shared, "assistant", f"{k}-{i}")
                store.create_task(f"t{k}-{i}", {"i": i}, conversation_id=cid)
                store.update_task(f"t{k}-{i}", status="running")
                store.update_task(f"t{k}-{i}", status="succeeded")
                store.messages(shared)  # reads interleave with writes
            store.add_image(new_image(noise_png(32, 32, seed=k), width=32, height=32,
                                      user=f"u{k}"))
        except BaseException as exc:  # collected and re-raised by the main thread
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(k,)) for k in range(n_threads)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=PATIENCE_S)
    assert not errors, errors
    shared_msgs = store.messages(shared)
    assert [m.seq for m in shared_msgs] == list(range(1, n_threads * n_each + 1))
    assert sorted(m.content for m in shared_msgs) == sorted(
        f"{k}-{i}" for k in range(n_threads) for i in range(n_each))
    for k, cid in own.items():
        assert [m.content for m in store.messages(cid)] == [f"{k}-{i}" for i in range(n_each)]
        assert len(store.list_images(f"u{k}")) == 1
        assert all(store.get_task(f"t{k}-{i}").status == "succeeded" for i in range(n_each))


HOLDER = """
import sys
from storage import Store
store = Store(sys.argv[1])
print("ready", flush=True)
sys.stdin.read()
store.close()
"""


def test_a_file_held_by_another_process_raises_database_locked(db_path):
    Store(db_path).close()
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(db_path)], cwd=REPO, env=env,
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "ready"
        with pytest.raises(DatabaseLocked) as err:
            Store(db_path)
        message = err.value.user_message
        assert str(db_path) in message
        assert "another imagechat" in message and "--db" in message
        assert err.value.path == str(db_path)
        if sys.platform.startswith("linux") or err.value.pid is not None:
            # DuckDB names the holder where the OS tells it (Linux does).
            assert err.value.pid == holder.pid and f"PID {holder.pid}" in message
    finally:
        holder.communicate(input="", timeout=PATIENCE_S)
    assert holder.returncode == 0
    with Store(db_path) as s:  # free again once the holder is gone
        assert s.latest_conversation() is None


def test_a_file_that_is_not_a_database_is_named_in_the_error(tmp_path):
    path = tmp_path / "notes.duckdb"
    path.write_text("these are not the bytes you are looking for\n" * 200)
    with pytest.raises(StorageError) as err:
        Store(path)
    assert str(path) in err.value.user_message and "--db" in err.value.user_message


def test_a_closed_store_says_so(db_path):
    s = Store(db_path)
    s.close()
    s.close()  # twice is fine
    with pytest.raises(StorageError, match="closed"):
        s.latest_conversation()


def test_threads_that_end_do_not_leave_cursors_behind(store):
    cid = store.create_conversation()
    for i in range(20):  # a pool that replaces its threads
        t = threading.Thread(target=store.add_message, args=(cid, "user", str(i)))
        t.start()
        t.join()
    # Each new thread's cursor closes those of threads that have ended: this one's + the last.
    assert store.db.open_cursors <= 2
    assert [m.content for m in store.messages(cid)] == [str(i) for i in range(20)]


# --- the image column's storage -----------------------------------------------------------


def test_image_column_is_uncompressed_and_point_lookups_are_fast(db_path):
    png = noise_png(320, 320)  # ~300 KB, incompressible like a generated image
    # 300 distinct pictures, cheaply: the same pixels with a different text chunk each.
    pngs = [embed_parameters(png, f"seed {i}") for i in range(300)]
    with Store(db_path) as s:
        ids = [s.add_image(new_image(p, width=320, height=320, seed=i)) for i, p in
               enumerate(pngs)]
    # Closing checkpoints, so what follows reads the file's real column segments.
    with duckdb.connect(str(db_path), read_only=True) as conn:
        kinds = {r[0] for r in conn.execute(
            "SELECT compression FROM pragma_storage_info('image_blobs') "
            "WHERE column_name = 'image_b64' AND segment_type = 'VARCHAR'").fetchall()}
        assert kinds == {"Uncompressed"}
        (sql,) = conn.execute(
            "SELECT sql FROM duckdb_tables() WHERE table_name = 'image_blobs'").fetchone()
        assert "image_b64" in sql
        (n,) = conn.execute("SELECT count(*) FROM image_blobs").fetchone()
        assert n == 300

    with Store(db_path) as s:
        rng = random.Random(0)
        times = []
        for i in rng.sample(range(300), 50):
            t0 = time.perf_counter()
            data, _ = s.image_bytes(ids[i])
            times.append((time.perf_counter() - t0) * 1000)
            assert data == pngs[i]
        times.sort()
        print(f"\npoint lookup of one image by id, 300 rows of {len(png) // 1024} KiB: "
              f"median {times[len(times) // 2]:.2f} ms, max {times[-1]:.2f} ms")
