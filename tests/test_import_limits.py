"""Hostile or oversized imports: limits checked before reading, a clear message, and one bad
picture skipped by name while the rest are imported. The files are built here, for real."""

from __future__ import annotations

import io
import json
import struct
import subprocess
import sys
import zipfile
import zlib
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from storage import ImportLimits, StorageError, Store
from tests import foreign_files as ff
from tests.patience import PATIENCE_S
from web.api_auth import Authenticator
from web.identity import SHARED, People
from web.api_exchange import exchange_router

ROOT = Path(__file__).resolve().parents[1]
SPACES_MB = 400


def write_spaces_zip(path: Path, megabytes: int = SPACES_MB) -> None:
    """A zip of well under a megabyte whose recipes.json unpacks to ``megabytes`` of spaces
    (streamed into the zip: the test never holds it in memory)."""
    block = b" " * (1024 * 1024)
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("images/one.png", ff.a1111_png())
        with zf.open("recipes.json", "w", force_zip64=True) as f:
            for _ in range(megabytes):
                f.write(block)
            f.write(b'{"format": "imagechat-images", "version": 1, "images": []}')


def bomb_png(side: int = 20000) -> bytes:
    """A valid greyscale PNG of side×side zero pixels: ~0.4 MB on disk, 400 MB decoded."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    z = zlib.compressobj(9)
    row = b"\0" * (side + 1)  # filter byte + one byte a pixel
    idat = b"".join(z.compress(row) for _ in range(side)) + z.flush()
    ihdr = struct.pack(">IIBBBBB", side, side, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")


def test_a_zip_whose_recipes_json_unpacks_to_400_mb_is_refused_before_it_is_read(tmp_path):
    hostile = tmp_path / "hostile.zip"
    write_spaces_zip(hostile)
    assert hostile.stat().st_size < 1024 * 1024
    with Store(tmp_path / "x.duckdb") as store:
        with pytest.raises(StorageError, match=r"recipes\.json.* 400\.0 MB unpacked.*nothing was imported"):
            store.import_file(hostile, "ana")
        assert store.count_images("ana") == 0
    # In a process of its own, so the figure is the import's alone: memory stays flat.
    probe = (
        "import resource, sys\n"
        "from storage import Store, StorageError\n"
        "s = Store(sys.argv[2])\n"
        "before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
        "try:\n    s.import_file(sys.argv[1], 'ana')\nexcept StorageError as e:\n    print('refused', file=sys.stderr)\n"
        "print((resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) // 1024)\n"
    )
    out = subprocess.run([sys.executable, "-c", probe, str(hostile), str(tmp_path / "y.duckdb")], cwd=ROOT,
                         capture_output=True, text=True, timeout=PATIENCE_S)
    assert out.returncode == 0, out.stderr
    assert "refused" in out.stderr
    assert int(out.stdout.strip()) < 50  # MB of peak RSS growth; reading it whole costs ~600 MB


def test_the_recipes_limit_scales_with_the_pictures_and_is_configurable(tmp_path):
    src = Store(tmp_path / "src.duckdb")
    from storage import NewImage

    for seed in range(3):
        src.add_image(NewImage(png=ff.png_with({}, size=(8 + seed, 8)), width=8 + seed, height=8, mime="image/png",
                               backend="local", model="tiny-sd", prompt_sent=f"p{seed}", seed=seed))
    export = tmp_path / "mine.zip"
    src.export_zip(export)
    src.close()
    with zipfile.ZipFile(export) as zf:
        size = zf.getinfo("recipes.json").file_size
    tight = ImportLimits(recipes_base_bytes=0, recipes_bytes_per_image=size // 3 - 1)
    with Store(tmp_path / "a.duckdb", import_limits=tight) as store:
        with pytest.raises(StorageError, match="allowed for the pictures it holds"):
            store.import_zip(export)
    with Store(tmp_path / "b.duckdb") as store:  # the defaults take a real export
        assert store.import_zip(export).added == 3


def test_an_oversized_picture_is_skipped_by_name_and_the_rest_are_imported(tmp_path):
    zpath = tmp_path / "mixed.zip"
    with zipfile.ZipFile(zpath, "w") as zf:
        zf.writestr("a-first.png", ff.a1111_png())
        zf.writestr("b-huge.png", bomb_png())
        zf.writestr("c-last.jpg", ff.a1111_jpeg())
    with Store(tmp_path / "x.duckdb") as store:
        result = store.import_file(zpath, "ana")
        assert (result.added, result.skipped_unreadable) == (2, 1)
        (skip,) = result.skipped
        assert skip.file == "b-huge.png" and "pixels" in skip.reason
        assert store.count_images("ana") == 2
    # a smaller limit, set by whoever runs the server, applies before any pixel is decoded
    with Store(tmp_path / "y.duckdb", import_limits=ImportLimits(max_image_pixels=64 * 40)) as store:
        result = store.import_file(zpath, "ana")
        assert result.added == 0 and {s.file for s in result.skipped} == {"a-first.png", "b-huge.png", "c-last.jpg"}
        assert "64×48 pixels is more than the 2,560" in result.skipped[0].reason


def test_the_http_import_answers_the_limits_with_a_clear_message_and_names_skips(tmp_path):
    store = Store(tmp_path / "x.duckdb")
    app = FastAPI()
    app.include_router(exchange_router(Authenticator(People(SHARED)), store))
    hostile = tmp_path / "hostile.zip"
    write_spaces_zip(hostile, megabytes=20)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("ok.png", ff.comfyui_png())
        zf.writestr("huge.png", bomb_png())
        zf.writestr("broken.png", b"\x89PNG\r\n\x1a\n not really")
    with TestClient(app) as client:
        refused = client.post("/api/import", files={"file": ("h.zip", hostile.read_bytes(), "application/zip")})
        assert refused.status_code == 422 and "recipes.json" in json.dumps(refused.json())
        mixed = client.post("/api/import", files={"file": ("m.zip", buf.getvalue(), "application/zip")}).json()
    store.close()
    assert mixed["added"] == 1 and mixed["skipped_unreadable"] == 2
    assert {s["file"] for s in mixed["skipped"]} == {"huge.png", "broken.png"}
    assert all(s["reason"] for s in mixed["skipped"])
    assert mixed["not_applied"][0]["file"] == "ok.png" and mixed["not_applied"][0]["tool"] == "ComfyUI"
