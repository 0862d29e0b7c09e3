"""The gallery side of storage: per-user isolation, search and filters, paging, content
addressing, deleting images and conversations. Real DuckDB files under tmp_path."""

from __future__ import annotations

import base64
import io
from datetime import date, datetime, timedelta, timezone

import duckdb
import pytest
from PIL import Image

from storage import ANY_USER, InvalidValue, Store
from tests.patience import PATIENCE_S
from tests.test_store import new_image, noise_png


def png(seed: int, size: int = 48) -> bytes:
    return noise_png(size, size, seed=seed)


def add(store: Store, picture: int, user: str | None = "ana", **changes) -> str:
    """Store picture number ``picture`` (the same number: the same bytes)."""
    return store.add_image(new_image(png(picture), width=48, height=48, user=user, **changes))


def blob_count(store: Store) -> int:
    return store.db.cursor().execute("SELECT count(*) FROM image_blobs").fetchone()[0]


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "gallery.duckdb") as s:
        yield s


# --- isolation ----------------------------------------------------------------------------


def test_one_user_never_sees_fetches_deletes_renames_or_exports_anothers_things(store, tmp_path):
    a_conv = store.create_conversation(user="ana")
    a_img = add(store, 1, "ana", conversation_id=a_conv, prompt_typed="secret fox")
    store.add_message(a_conv, "assistant", "here", image_id=a_img)
    store.create_task("a-job", {"prompt": "secret fox"}, conversation_id=a_conv, user="ana")
    b_img = add(store, 2, "bo")
    anon_img = add(store, 3, None)

    for user in ("bo", None, "ANA", "ana "):  # other users, the anonymous one, near-misses
        assert a_img not in [r.id for r in store.list_images(user)]
        assert store.count_images(user, q="secret") == 0
        assert store.image_record(a_img, user=user) is None
        assert store.image_bytes(a_img, user=user) is None
        assert store.get_conversation(a_conv, user=user) is None
        assert store.messages(a_conv, user=user) == []
        assert store.get_task("a-job", user=user) is None
        assert a_conv not in [c.id for c in store.list_conversations(user)]
        assert store.rename_conversation(a_conv, "mine now", user=user) is False
        assert store.delete_image(a_img, user=user) is False
        assert store.delete_conversation(a_conv, user=user) is False
        out = tmp_path / f"{user}.parquet"
        store.export_parquet(out, user)
        exported = duckdb.sql(f"SELECT id FROM read_parquet('{out}')").fetchall()
        assert (a_img,) not in exported
    # Nothing above changed ana's things.
    assert store.get_conversation(a_conv, user="ana").title == ""
    assert store.image_bytes(a_img, user="ana")[0] == png(1)
    assert [m.image_id for m in store.messages(a_conv, user="ana")] == [a_img]

    # None is the anonymous user only, never "everyone".
    assert [r.id for r in store.list_images(None)] == [anon_img]
    assert [r.id for r in store.list_images("bo")] == [b_img]
    # Without a user, internal lookups (the job runner's) still work: ANY_USER is the default.
    assert store.image_record(a_img).id == a_img
    assert store.image_record(a_img, user=ANY_USER).id == a_img
    assert store.get_conversation(a_conv).id == a_conv


def test_the_same_bytes_are_kept_separately_per_user(store):
    a = add(store, 7, "ana")
    b = add(store, 7, "bo")
    assert blob_count(store) == 2  # isolation over saving bytes
    assert store.delete_image(a, user="ana")
    assert store.image_bytes(b, user="bo")[0] == png(7)


# --- content addressing ------------------------------------------------------------------


def test_identical_bytes_are_stored_once_and_each_add_gets_its_own_record(store):
    first = add(store, 5, seed=11, prompt_typed="first roll")
    again = add(store, 5, seed=12, prompt_typed="identical re-roll")
    assert first != again and blob_count(store) == 1
    r1, r2 = store.image_record(first), store.image_record(again)
    assert r1.sha256 == r2.sha256 and r1.thumbnail_b64 == r2.thumbnail_b64
    assert (r1.seed, r2.seed) == (11, 12)
    assert store.count_images("ana") == 2

    # Deleting one record keeps the bytes for the other; deleting both frees them.
    assert store.delete_image(first, user="ana")
    assert blob_count(store) == 1 and store.image_bytes(again)[0] == png(5)
    assert store.delete_image(again, user="ana")
    assert blob_count(store) == 0 and store.image_bytes(again) is None


def test_bad_bytes_are_refused_even_when_other_bytes_exist(store):
    add(store, 1)
    with pytest.raises(InvalidValue) as err:
        store.add_image(new_image(b"\x89PNG but not really", user="ana"))
    assert err.value.field == "png"
    assert blob_count(store) == 1 and store.count_images("ana") == 1


# --- search, filters, paging --------------------------------------------------------------


@pytest.fixture
def gallery(store):
    """ana's images, oldest first, with varied recipes; plus bo's decoy."""
    specs = [
        dict(prompt_typed="a red fox", prompt_sent="a red fox, highly detailed", seed=42,
             backend="local", model="sd-turbo", style="photo"),
        dict(prompt_typed="Fox in SNOW", prompt_sent="fox in snow, winter", seed=7,
             backend="openai", model="dall-e-3", style="none"),
        dict(prompt_typed="a cat", prompt_sent="a cat, 100% cute_face", seed=4242,
             backend="local", model="sd-turbo", style="anime"),
        dict(prompt_typed="lighthouse", prompt_sent="lighthouse at dusk, 42 boats", seed=1,
             backend="local", model="sdxl", style="photo"),
        dict(prompt_typed="Ünïcode Straße", prompt_sent="über café", seed=None,
             backend="openai", model="dall-e-3", style="photo"),
    ]
    ids = [add(store, i, **spec) for i, spec in enumerate(specs)]
    add(store, 99, "bo", prompt_typed="a red fox", seed=42)
    return ids


def ids_for(store: Store, **filters) -> list[str]:
    found = [r.id for r in store.list_images("ana", **filters)]
    assert store.count_images("ana", **filters) == len(found)
    return found


def test_search_words_in_either_prompt_case_insensitively(store, gallery):
    fox1, fox2, cat, house, uni = gallery
    assert ids_for(store, q="fox") == [fox2, fox1]
    assert ids_for(store, q="FOX snow") == [fox2]  # every word must appear
    assert ids_for(store, q="detailed") == [fox1]  # only in the prompt as sent
    assert ids_for(store, q="WINTER fox") == [fox2]
    assert ids_for(store, q='"red fox"') == [fox1]  # a quoted phrase
    assert ids_for(store, q='"fox red"') == []
    assert ids_for(store, q="ünïcode") == [uni] and ids_for(store, q="CAFÉ") == [uni]
    assert ids_for(store, q="zebra") == []
    assert ids_for(store, q="   ") == ids_for(store)  # blank is no condition
    # LIKE's wildcards are matched literally.
    assert ids_for(store, q="100%") == [cat] and ids_for(store, q="cute_face") == [cat]
    assert ids_for(store, q="%") == [cat] and ids_for(store, q="_") == [cat]


def test_an_all_digit_search_also_matches_the_seed(store, gallery):
    fox1, fox2, cat, house, uni = gallery
    assert ids_for(store, q="42") == [house, fox1]  # "42 boats" in the text; seed 42
    assert ids_for(store, q="4242") == [cat]  # the seed, whole: 4242 is not found by "42"
    assert ids_for(store, q="7") == [fox2]
    assert ids_for(store, q="1") == [house, cat]  # seed 1; "100%" in the cat's prompt
    assert ids_for(store, q="99999999999999999999999") == []  # beyond any seed: text only


def test_exact_filters_and_time_ranges_combine(store, gallery):
    fox1, fox2, cat, house, uni = gallery
    assert ids_for(store, backend="openai") == [uni, fox2]
    assert ids_for(store, model="sd-turbo") == [cat, fox1]
    assert ids_for(store, model="sd") == []  # exact, not a prefix
    assert ids_for(store, style="photo", backend="local") == [house, fox1]
    assert ids_for(store, q="fox", backend="local") == [fox1]

    times = {i: store.image_record(i).created_at for i in gallery}
    assert ids_for(store, since=times[cat]) == [uni, house, cat]  # inclusive
    assert ids_for(store, until=times[cat]) == [fox2, fox1]  # exclusive
    assert ids_for(store, since=times[fox2], until=times[house]) == [cat, fox2]
    # Naive datetimes are UTC; another zone is converted; a date is its midnight UTC.
    naive = times[cat].astimezone(timezone.utc).replace(tzinfo=None)
    assert ids_for(store, since=naive) == [uni, house, cat]
    plus2 = times[cat].astimezone(timezone(timedelta(hours=2)))
    assert ids_for(store, since=plus2) == [uni, house, cat]
    today = datetime.now(timezone.utc).date()
    assert ids_for(store, since=today + timedelta(days=1)) == []
    assert len(ids_for(store, since=today - timedelta(days=1), until=today + timedelta(days=1))) == 5

    with pytest.raises(TypeError):
        store.list_images("ana", colour="red")
    with pytest.raises(InvalidValue):
        store.list_images("ana", since="yesterday")


def test_conversation_filter(store):
    conv = store.create_conversation(user="ana")
    inside = add(store, 1, conversation_id=conv)
    add(store, 2)
    assert ids_for(store, conversation_id=conv) == [inside]


def test_pages_are_newest_first_stable_and_complete(store):
    ids = [add(store, i) for i in range(23)]
    newest_first = ids[::-1]
    pages = [ids_for_page(store, offset) for offset in range(0, 30, 10)]
    assert pages[0] == newest_first[:10] and pages[1] == newest_first[10:20]
    assert pages[2] == newest_first[20:]
    assert store.list_images("ana", limit=10, offset=100) == []
    assert store.count_images("ana") == 23
    assert all(r.thumbnail_b64 for r in store.list_images("ana", limit=5))


def ids_for_page(store: Store, offset: int) -> list[str]:
    return [r.id for r in store.list_images("ana", limit=10, offset=offset)]


# --- conversations ------------------------------------------------------------------------


def test_conversation_list_has_counts_first_thumbnails_and_pages(store):
    a = store.create_conversation(user="ana")
    b = store.create_conversation(user="ana")
    empty = store.create_conversation(user="ana")
    first = add(store, 1, conversation_id=a)
    add(store, 2, conversation_id=a)
    add(store, 3, conversation_id=b)
    store.add_message(a, "user", "latest activity")  # a is now the most recent

    convs = store.list_conversations("ana")
    assert [c.id for c in convs] == [a, empty, b]
    by_id = {c.id: c for c in convs}
    assert (by_id[a].image_count, by_id[b].image_count, by_id[empty].image_count) == (2, 1, 0)
    assert by_id[a].thumbnail_b64 == store.image_record(first).thumbnail_b64
    assert by_id[a].thumbnail_data_url.startswith("data:image/")
    assert by_id[empty].thumbnail_b64 is None and by_id[empty].thumbnail_data_url is None
    assert store.get_conversation(a, user="ana").image_count == 2
    assert [c.id for c in store.list_conversations("ana", limit=1, offset=1)] == [empty]
    assert store.list_conversations("ana", limit=5, offset=3) == []


def test_rename_sets_the_title_without_reordering(store):
    older = store.create_conversation(user="ana")
    newer = store.create_conversation(user="ana")
    assert store.rename_conversation(older, "  Foxes \n at   night ", user="ana")
    assert store.get_conversation(older).title == "Foxes at night"
    assert [c.id for c in store.list_conversations("ana")] == [newer, older]
    store.add_message(older, "user", "a new message does not overwrite a set title")
    assert store.get_conversation(older).title == "Foxes at night"
    assert store.rename_conversation("0" * 32, "nothing", user="ana") is False


def test_deleting_an_image_leaves_messages_saying_so(store):
    conv = store.create_conversation(user="ana")
    image_id = add(store, 1, conversation_id=conv)
    store.add_message(conv, "user", "a fox")
    store.add_message(conv, "assistant", "Here it is.", image_id=image_id)
    assert store.delete_image(image_id, user="ana") is True
    assert store.delete_image(image_id, user="ana") is False  # already gone
    msgs = store.messages(conv, user="ana")
    assert [m.content for m in msgs] == ["a fox", "Here it is."]
    assert msgs[1].image_id == image_id and msgs[1].image is None and msgs[1].image_deleted
    assert not msgs[0].image_deleted
    assert store.image_record(image_id) is None and store.image_bytes(image_id) is None
    assert store.get_conversation(conv).image_count == 0


def test_deleting_a_conversation_takes_its_messages_tasks_and_unshared_images(store):
    conv = store.create_conversation(user="ana")
    other = store.create_conversation(user="ana")
    own = add(store, 1, conversation_id=conv)
    shared = add(store, 2, conversation_id=conv)
    same_bytes_elsewhere = add(store, 3, conversation_id=conv)
    kept_record = add(store, 3, conversation_id=other)  # same bytes, other conversation
    store.add_message(conv, "assistant", "one", image_id=own)
    store.add_message(conv, "assistant", "two", image_id=shared)
    store.add_message(other, "assistant", "shown here too", image_id=shared)
    store.create_task("done", {}, conversation_id=conv, user="ana")
    store.update_task("done", status="succeeded")
    store.create_task("running", {}, conversation_id=conv, user="ana")
    store.update_task("running", status="running")

    assert store.delete_conversation(conv, user="ana") is True
    assert store.get_conversation(conv) is None and store.messages(conv) == []
    assert store.image_record(own) is None and store.image_record(same_bytes_elsewhere) is None
    kept = store.image_record(shared)
    assert kept is not None and kept.conversation_id is None  # shown elsewhere: kept, unlinked
    assert store.image_bytes(kept_record)[0] == png(3)  # the other record's bytes survive
    assert store.get_task("done") is None
    assert store.get_task("running").status == "running"  # its job still owns it
    assert [m.content for m in store.messages(other)] == ["shown here too"]
    assert store.delete_conversation(conv, user="ana") is False


def test_deleted_bytes_are_reclaimed_in_the_file(tmp_path):
    path = tmp_path / "reclaim.duckdb"
    big = [noise_png(256, 256, seed=i) for i in range(24)]  # ~200 KB each

    def used_blocks(store: Store) -> int:
        store.db.cursor().execute("CHECKPOINT")
        return store.db.cursor().execute(
            "SELECT used_blocks FROM pragma_database_size()").fetchone()[0]

    with Store(path) as s:
        ids = [s.add_image(new_image(p, width=256, height=256, user="ana")) for p in big]
        full = used_blocks(s)
        for image_id in ids:
            s.delete_image(image_id, user="ana")
        emptied = used_blocks(s)
    assert emptied < full / 3, (full, emptied)


def test_an_idle_threads_read_does_not_block_checkpoints(store):
    """A read left open on a thread's cursor used to hold its transaction open, so after any
    delete every checkpoint failed and the WAL grew without end."""
    import threading

    image_id = add(store, 1)
    store.create_task("t", {}, user="ana")
    read, finish = threading.Event(), threading.Event()

    def reader() -> None:  # a worker that reads, then idles
        store.get_task("t")
        store.image_record(image_id)
        store.list_conversations("ana")
        read.set()
        finish.wait(PATIENCE_S)

    thread = threading.Thread(target=reader)
    thread.start()
    try:
        assert read.wait(PATIENCE_S)
        assert store.delete_image(image_id, user="ana")
        store.db.cursor().execute("CHECKPOINT")  # raised TransactionException before
    finally:
        finish.set()
        thread.join()


def test_thumbnails_are_small_images_of_the_picture(store):
    image_id = add(store, 1)
    rec = store.list_images("ana")[0]
    assert rec.id == image_id
    with Image.open(io.BytesIO(base64.b64decode(rec.thumbnail_b64))) as img:
        assert img.size == (48, 48) and Image.MIME[img.format] == rec.thumbnail_mime


def test_filters_reject_wrong_types_naming_the_filter(store):
    with pytest.raises(InvalidValue) as err:
        store.count_images("ana", backend=3)
    assert err.value.field == "backend"
    assert store.count_images("ana", since=date(2000, 1, 1)) == 0
