"""``python -m storage stats`` and ``prune`` run as an operator would, on real DuckDB files."""

from __future__ import annotations

import subprocess
import sys
from datetime import timedelta

from storage import Store
from storage.people import hugging_face, new_anonymous
from storage.stats import collect
from tests.apprunner import ROOT
from tests.patience import PATIENCE_S
from tests.test_retention import a_day_of, owned


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "storage", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=PATIENCE_S)


def filled(tmp_path):
    db = tmp_path / "ops.duckdb"
    with Store(db) as store:
        for i, user in enumerate([new_anonymous(), new_anonymous(), "ana", hugging_face("bo"), None]):
            a_day_of(store, user, seed=i)
    return db


def test_stats_counts_people_by_kind_and_bytes_per_table(tmp_path):
    db = filled(tmp_path)
    with Store(db) as store:
        stats = collect(store)
    assert (stats.people.named, stats.people.signed_in, stats.people.anonymous, stats.people.local) == (1, 1, 2, True)
    assert (stats.conversations, stats.images, stats.stored_pictures) == (5, 15, 15)
    assert stats.image_base64_bytes > 15 * 64 * 64 * 3 and 0 < stats.thumbnail_base64_bytes < stats.image_base64_bytes
    blobs = next(t for t in stats.tables if t.name == "image_blobs")
    assert blobs.rows == 15 and blobs.text_bytes >= stats.image_base64_bytes + stats.thumbnail_base64_bytes

    done = run("stats", "--db", str(db))
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert "1 named, 1 signed in, 2 anonymous, and the local app's shared history" in out
    assert "conversations  5" in out and "images         15 (15 stored pictures" in out
    assert any(line.split()[:2] == ["image_blobs", "15"] for line in out.splitlines())


def test_prune_deletes_expired_anonymous_data_and_says_what_went(tmp_path):
    db = filled(tmp_path)
    done = run("prune", "--db", str(db), "--retention-days", "1")
    assert done.returncode == 0 and "pruned 0 conversations" in done.stdout  # all of it is younger than a day
    # Made old: the anonymous rows' times moved back two days, as if the file had aged.
    with Store(db) as store:
        with store.db.write() as cur:
            for table, column in (("conversations", "updated_at"), ("images", "created_at"),
                                  ("tasks", "created_at")):
                cur.execute(f"UPDATE {table} SET {column} = {column} - ? WHERE \"user\" LIKE 'anon:%'",
                            [timedelta(days=2)])
    done = run("prune", "--db", str(db), "--retention-days", "1")
    assert done.returncode == 0, done.stderr
    assert "pruned 2 conversations, 8 messages, 4 scenes, 6 tasks, 6 images (6 stored pictures" in done.stdout
    with Store(db) as store:
        assert collect(store).people.anonymous == 0 and owned(store, "ana")["images"] == 3


def test_bad_use_gets_one_line_not_a_traceback(tmp_path):
    missing = run("stats", "--db", str(tmp_path / "nope.duckdb"))
    assert missing.returncode == 2 and "there is no database file at" in missing.stderr
    assert not (tmp_path / "nope.duckdb").exists()
    db = filled(tmp_path)
    assert "needs --retention-days" in run("prune", "--db", str(db)).stderr
    assert "whole number of days" in run("prune", "--db", str(db), "--retention-days", "0").stderr
    with Store(db):  # held by this process, as a running app holds it
        locked = run("stats", "--db", str(db))
    assert locked.returncode == 2 and "is in use by" in locked.stderr and "Traceback" not in locked.stderr
