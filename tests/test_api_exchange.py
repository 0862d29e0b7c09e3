"""Export and import through the HTTP API of the app (built in-process), per user."""

from __future__ import annotations

import io
import time
import zipfile

import pytest

from storage.pngtext import parameters_to_recipe, read_parameters
from tests.inprocess import InProcessApp
from tests.patience import PATIENCE_S

pytestmark = pytest.mark.slow
USERS = {"ann": "pw-ann", "bob": "pw-bob"}


@pytest.fixture(scope="module")
def app(tmp_path_factory, tiny_model_dir):
    work = tmp_path_factory.mktemp("exchange")
    args = ["--model", str(tiny_model_dir), "--db", str(work / "x.duckdb"), "--rate-limit", "0",
            "--auth", ",".join(f"{u}:{p}" for u, p in USERS.items())]
    with InProcessApp(work, args=args) as built:
        yield built


def client(app, name):
    return app.client(auth=(name, USERS[name]))


def make(http, prompt, seed):
    task = http.post("/api/generate", json={"prompt": prompt, "steps": 2, "seed": seed, "enhance": False})
    assert task.status_code == 202, task.text
    task_id = task.json()["task_id"]
    deadline = time.monotonic() + PATIENCE_S
    while (state := http.get(f"/api/tasks/{task_id}").json())["status"] != "succeeded":
        assert state["status"] in ("queued", "running") and time.monotonic() < deadline, state
        time.sleep(0.05)
    return state["image_id"]


def test_export_a_search_result_and_import_it_for_another_user(app):
    with client(app, "ann") as ann, client(app, "bob") as bob:
        make(ann, "a teapot on a table", 1)
        make(ann, "a fox in the snow", 2)
        make(ann, "a snowy mountain", 3)
        r = ann.get("/api/export", params={"format": "zip", "q": "snow"})
        assert r.status_code == 200 and r.headers["x-image-count"] == "2"
        with zipfile.ZipFile(io.BytesIO(r.content)) as zf:
            pngs = [n for n in zf.namelist() if n.endswith(".png")]
            assert len(pngs) == 2
            recipes = [parameters_to_recipe(read_parameters(zf.read(n))) for n in pngs]
        assert sorted(x["prompt"] for x in recipes) == ["a fox in the snow", "a snowy mountain"]
        assert bob.get("/api/images").json()["total"] == 0  # bob sees none of ann's
        added = bob.post("/api/import", files={"file": ("ann.zip", r.content, "application/zip")})
        assert added.status_code == 200 and added.json()["added"] == 2
        again = bob.post("/api/import", files={"file": ("ann.zip", r.content, "application/zip")}).json()
        assert again["added"] == 0 and again["skipped_duplicates"] == 2
        assert bob.get("/api/images").json()["total"] == 2
        assert ann.get("/api/images").json()["total"] == 3  # ann's own are untouched


def test_parquet_round_trip_keeps_bytes_and_recipes(app):
    with client(app, "ann") as ann, client(app, "bob") as bob:
        image_id = make(ann, "a lighthouse at dusk", 9)
        original = ann.get(f"/api/images/{image_id}").content
        r = ann.get("/api/export", params={"format": "parquet", "q": "lighthouse"})
        assert r.status_code == 200 and r.content[:4] == b"PAR1"
        assert bob.post("/api/import", files={"file": ("a.parquet", r.content)}).json()["added"] == 1
        mine = bob.get("/api/images", params={"q": "lighthouse"}).json()["items"]
        assert len(mine) == 1 and mine[0]["seed"] == 9
        assert bob.get(f"/api/images/{mine[0]['id']}").content == original


def test_export_needs_a_login_and_bad_files_get_a_message(app):
    with app.client() as nobody:
        assert nobody.get("/api/export").status_code == 401
    with client(app, "bob") as bob:
        r = bob.post("/api/import", files={"file": ("x.txt", b"hello, not an archive")})
        assert r.status_code == 422 and "neither a zip nor a Parquet" in r.text
        broken = bob.post("/api/import", files={"file": ("x.zip", b"PK\x03\x04 broken")})
        assert broken.status_code == 422 and "Traceback" not in broken.text
