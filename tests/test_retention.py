"""Bounded storage on real DuckDB files: anonymous visitors' data pruned by age and by file size,
named people's kept, blobs freed with their last picture, the file no longer growing, and the
daily picture allowance."""

from __future__ import annotations

import io
import logging
import time
from datetime import datetime, timedelta, timezone

import numpy as np
import pytest
from PIL import Image

from storage import NewImage, Store
from storage.people import hugging_face, new_anonymous
from storage.quota import ImageQuota
from storage.records import InvalidValue
from storage.retention import RetentionPolicy, checkpoint, measure, prune, prune_to_size
from tests.patience import PATIENCE_S

TABLES = ("conversations", "messages", "scenes", "tasks", "images", "image_blobs")


def noise_png(seed: int, size: int = 64) -> bytes:
    """A picture that does not compress: its Base64 is about 4/3 of size² × 3 bytes."""
    pixels = np.random.default_rng(seed).integers(0, 256, (size, size, 3), dtype=np.uint8)
    buf = io.BytesIO()
    Image.fromarray(pixels).save(buf, format="PNG", compress_level=1)
    return buf.getvalue()


def make_picture(store: Store, user, conv, png: bytes) -> str:
    return store.add_image(NewImage(png=png, conversation_id=conv, user=user, backend="local", model="m",
                                    prompt_typed="x", prompt_sent="x", width=64, height=64))


def a_day_of(store: Store, user, *, seed: int, images: int = 2, size: int = 64) -> str:
    """What one person leaves after a conversation: messages, a scene, finished tasks, pictures,
    plus a picture made through the API outside any conversation (with its task)."""
    conv = store.create_conversation(user=user)
    for n in range(images):
        mid = store.add_message(conv, "user", f"picture {n}")
        task = f"task-{seed}-{n}"
        store.create_task(task, {"prompt": "x"}, conversation_id=conv, user=user)
        image_id = make_picture(store, user, conv, noise_png(seed * 100 + n, size))
        store.update_task(task, status="succeeded", image_id=image_id)
        store.add_message(conv, "assistant", "", image_id=image_id, task_id=task)
        store.add_scene(conv, scene={"subject": "x"}, intent="new", message_id=mid, task_ids=[task], image_number=n + 1)
    api_task = f"api-{seed}"
    store.create_task(api_task, {"prompt": "y"}, user=user)
    store.update_task(api_task, status="succeeded", image_id=make_picture(store, user, None, noise_png(seed * 100 + 99)))
    return conv


def owned(store: Store, user) -> dict[str, int]:
    """Rows per table belonging to ``user`` (messages and scenes through their conversation)."""
    cur = store.db.cursor()
    counts = {}
    for table in TABLES:
        if table in ("messages", "scenes"):
            sql = (f"SELECT count(*) FROM {table} t JOIN conversations c ON c.id = t.conversation_id "
                   'WHERE c."user" IS NOT DISTINCT FROM ?')
        else:
            sql = f'SELECT count(*) FROM {table} WHERE "user" IS NOT DISTINCT FROM ?'
        counts[table] = cur.execute(sql, [user]).fetchall()[0][0]
    return counts


def orphans(store: Store) -> dict[str, int]:
    """Rows whose conversation is gone: none may be left behind."""
    cur = store.db.cursor()
    return {t: cur.execute(f"SELECT count(*) FROM {t} WHERE conversation_id NOT IN "
                           "(SELECT id FROM conversations)").fetchall()[0][0] for t in ("messages", "scenes")}


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "retention.duckdb") as s:
        yield s


LATER = timedelta(days=31)


def test_anonymous_data_older_than_the_retention_is_gone_from_every_table(store):
    visitor, other = new_anonymous(), new_anonymous()
    people = ["ana", hugging_face("bo"), None]
    for i, user in enumerate([visitor, other, *people]):
        a_day_of(store, user, seed=i)
    kept = {user: owned(store, user) for user in people}
    assert all(n > 0 for n in owned(store, visitor).values())

    report = prune(store, RetentionPolicy(retention_days=30), now=datetime.now(timezone.utc) + LATER)

    for user in (visitor, other):
        assert owned(store, user) == dict.fromkeys(TABLES, 0)
    assert {user: owned(store, user) for user in people} == kept  # named, signed-in, local: untouched
    assert orphans(store) == {"messages": 0, "scenes": 0}
    f = report.freed
    assert (f.conversations, f.messages, f.scenes, f.tasks, f.images, f.blobs) == (2, 8, 4, 6, 6, 6)
    assert f.base64_bytes > 6 * 64 * 64 * 3 * 4 // 3  # the pictures' Base64, at least
    assert "pruned 2 conversations" in report.summary()


def test_nothing_younger_than_the_retention_goes(store):
    visitor = new_anonymous()
    a_day_of(store, visitor, seed=1)
    before = owned(store, visitor)
    report = prune(store, RetentionPolicy(retention_days=30), now=datetime.now(timezone.utc) + timedelta(days=29))
    assert owned(store, visitor) == before and not report.freed.anything


def test_a_stored_picture_stays_while_another_image_still_points_at_it(store):
    visitor = new_anonymous()
    png = noise_png(5)
    old_conv = store.create_conversation(user=visitor)
    old_image = make_picture(store, visitor, old_conv, png)
    time.sleep(0.01)
    cutoff = datetime.now(timezone.utc)
    time.sleep(0.01)
    new_conv = store.create_conversation(user=visitor)
    new_image = make_picture(store, visitor, new_conv, png)  # same bytes: the same blob
    assert owned(store, visitor)["image_blobs"] == 1

    report = prune(store, RetentionPolicy(retention_days=1), now=cutoff + timedelta(days=1))
    assert store.image_record(old_image) is None and store.get_conversation(old_conv) is None
    assert report.freed.images == 1 and report.freed.blobs == 0
    assert store.image_bytes(new_image) == (png, "image/png")  # the bytes are still there, whole

    report = prune(store, RetentionPolicy(retention_days=1), now=datetime.now(timezone.utc) + timedelta(days=2))
    assert report.freed.blobs == 1 and owned(store, visitor)["image_blobs"] == 0


def test_pictures_go_by_their_own_age_even_in_a_conversation_still_in_use(store):
    visitor = new_anonymous()
    conv = store.create_conversation(user=visitor)
    old = make_picture(store, visitor, conv, noise_png(1))
    store.add_message(conv, "assistant", "", image_id=old)
    time.sleep(0.01)
    cutoff = datetime.now(timezone.utc)
    time.sleep(0.01)
    store.add_message(conv, "user", "and another")  # the conversation is active after the cutoff
    prune(store, RetentionPolicy(retention_days=1), now=cutoff + timedelta(days=1))
    assert store.get_conversation(conv) is not None
    shown = store.messages(conv)
    assert shown[0].image_id == old and shown[0].image is None  # shown as deleted, the text kept


def test_pruning_keeps_the_file_from_growing_over_three_cycles(tmp_path):
    """Fill with a day of anonymous pictures, prune them all, three times. Without pruning the
    file would be three days of pictures; the margin is generous (the data alone would be 3x)."""
    sizes = []
    with Store(tmp_path / "cycles.duckdb") as store:
        for cycle in range(3):
            for v in range(4):
                visitor = new_anonymous()
                conv = store.create_conversation(user=visitor)
                for n in range(4):
                    make_picture(store, visitor, conv, noise_png(cycle * 1000 + v * 10 + n, 128))
            checkpoint(store)
            sizes.append(measure(store).file_bytes)
            prune(store, RetentionPolicy(retention_days=1), now=datetime.now(timezone.utc) + timedelta(days=2))
            assert store.db.cursor().execute("SELECT count(*) FROM image_blobs").fetchall()[0][0] == 0
    assert sizes[2] < 1.6 * sizes[0], sizes


def test_the_size_limit_prunes_the_oldest_anonymous_visitor_first(store, caplog):
    oldest, newer = new_anonymous(), new_anonymous()
    for seed, user in enumerate((oldest, newer, "ana")):
        a_day_of(store, user, seed=seed, images=6, size=256)
    checkpoint(store)
    used = measure(store).used_bytes
    limit = used - 6 * 256 * 256 * 3 * 4 // 3 // 4  # a quarter of the oldest conversation's pictures over
    freed, only_named = prune_to_size(store, limit)
    # The oldest conversation went (its pictures, messages, scenes, tasks), down to 90% of the
    # limit; the newer visitor's and the named person's stayed.
    assert owned(store, oldest)["conversations"] == owned(store, oldest)["messages"] == 0
    assert owned(store, newer)["images"] == 7 and owned(store, "ana")["images"] == 7
    assert not only_named and freed.conversations == 1 and freed.images >= 6
    assert measure(store).used_bytes <= 0.9 * limit

    with caplog.at_level(logging.WARNING, logger="imagechat.retention"):
        freed, only_named = prune_to_size(store, 1)  # only named people's data can be left
    assert only_named and owned(store, oldest) == owned(store, newer) == dict.fromkeys(TABLES, 0)
    assert owned(store, "ana")["images"] == 7
    assert "only named and signed-in people's data is left" in caplog.text


def test_a_bad_policy_is_refused_before_any_work():
    with pytest.raises(InvalidValue, match="whole number of days"):
        RetentionPolicy(retention_days=0)
    with pytest.raises(InvalidValue, match="size limit"):
        RetentionPolicy.of(max_db_gb=-1)
    assert RetentionPolicy.of(max_db_gb=0.5).max_db_bytes == 500_000_000
    assert not RetentionPolicy().active


# --- the daily allowance --------------------------------------------------------------------------


def test_the_allowance_counts_a_rolling_day_and_deleting_gives_nothing_back(store):
    quota = ImageQuota(store, per_day=3)
    visitor = new_anonymous()
    start = datetime(2026, 11, 29, 9, 0, tzinfo=timezone.utc)
    quota.record(visitor, 2, now=start)
    quota.record(visitor, 1, now=start + timedelta(hours=2))
    usage = quota.usage(visitor, now=start + timedelta(hours=3))
    assert (usage.used, usage.remaining) == (3, 0)
    assert usage.resets_at == start + timedelta(hours=24)  # when the first two turn a day old
    message = usage.refusal(start + timedelta(hours=3))
    assert message.startswith("You've made 3 pictures today; the limit on this app is 3 a day.")
    assert "It resets in 21 h" in message and "09:00 UTC" in message
    later = quota.usage(visitor, now=start + timedelta(hours=24, minutes=1))
    assert (later.used, later.remaining) == (1, 2)


def test_named_signed_in_and_local_people_have_no_allowance(store):
    quota = ImageQuota(store, per_day=1)
    for user in ("ana", hugging_face("bo"), None):
        quota.record(user, 5)
        assert quota.usage(user) is None
    assert ImageQuota(store, per_day=None).usage(new_anonymous()) is None
    with pytest.raises(InvalidValue, match="at least 1"):
        ImageQuota(store, per_day=0)


def test_old_usage_is_pruned_with_the_rest(store):
    quota = ImageQuota(store, per_day=5)
    visitor = new_anonymous()
    quota.record(visitor, 2)
    prune(store, RetentionPolicy(retention_days=1), now=datetime.now(timezone.utc) + timedelta(days=2))
    assert store.db.cursor().execute("SELECT count(*) FROM image_usage").fetchall()[0][0] == 0


# --- the pruner thread ----------------------------------------------------------------------------


def test_the_pruner_runs_at_start_then_every_interval_and_stops(store, caplog):
    from storage.pruner import Pruner

    first = new_anonymous()
    a_day_of(store, first, seed=1)
    a_day_of(store, "ana", seed=2)
    # A size limit of one byte: every cycle prunes all anonymous data there is (and warns, since
    # the named person's data alone is still over it).
    pruner = Pruner(store, RetentionPolicy(max_db_bytes=1), interval_s=0.2)
    with caplog.at_level(logging.INFO, logger="imagechat.retention"):
        pruner.start()
        deadline = time.monotonic() + PATIENCE_S
        while owned(store, first)["images"] and time.monotonic() < deadline:
            time.sleep(0.05)
        assert owned(store, first) == dict.fromkeys(TABLES, 0)  # at start, without waiting an interval
        second = new_anonymous()  # a picture made outside a conversation, which the pruner can
        make_picture(store, second, None, noise_png(3))  # delete at any moment without a race
        while owned(store, second)["images"] and time.monotonic() < deadline:
            time.sleep(0.05)
        assert owned(store, second) == dict.fromkeys(TABLES, 0)  # and again, an interval later
        pruner.close()
    assert not pruner._thread.is_alive()
    assert owned(store, "ana")["images"] == 3
    assert "pruned 1 conversations" in caplog.text


def test_no_policy_starts_no_thread(store):
    from storage.pruner import Pruner

    assert Pruner(store, RetentionPolicy(), interval_s=60).start()._thread is None
    with pytest.raises(ValueError, match="positive"):
        Pruner(store, RetentionPolicy(retention_days=1), interval_s=0)


def test_a_small_prune_does_not_rewrite_everyone_elses_pictures(store):
    """Vacuuming merges image_blobs' small row groups, rewriting every stored picture; a prune that
    deletes little leaves them as they are (the pruner adds the deletions up for a later one)."""
    for batch in range(8):  # one row group per checkpoint, as a running app writes them
        for n in range(3):
            make_picture(store, "ana", None, noise_png(batch * 10 + n, 96))
        checkpoint(store, vacuum=False)
    visitor = new_anonymous()
    make_picture(store, visitor, None, noise_png(999, 16))
    checkpoint(store, vacuum=False)

    def blocks():
        return {r[0] for r in store.db.cursor().execute(
            "SELECT block_id FROM pragma_storage_info('image_blobs') WHERE column_name = 'image_b64'").fetchall()}

    before = blocks()
    report = prune(store, RetentionPolicy(retention_days=1), now=datetime.now(timezone.utc) + timedelta(days=2))
    assert report.freed.blobs == 1 and not report.vacuumed
    assert before - blocks() <= {max(before)}  # at most the last, shared block changed
    forced = prune(store, RetentionPolicy(retention_days=1), vacuum=True)
    assert forced.vacuumed and "vacuumed" in forced.summary()
