"""Images live once, in DuckDB: making, listing and showing them must not leave a growing copy
of each in Gradio's cache folder (GRADIO_TEMP_DIR)."""

from __future__ import annotations

import io
import re

import httpx
import pytest
from gradio_client import Client, handle_file
from PIL import Image

from storage.pngtext import embed_parameters
from tests.apprunner import AppProcess
from tests.patience import PATIENCE_S
from tests.test_app import IMAGE_URL, chat, gallery, last_text

pytestmark = pytest.mark.slow


def cache_files(folder):
    return sorted(p for p in folder.rglob("*") if p.is_file())


def test_thirty_images_leave_the_gradio_cache_bounded(tmp_path, tiny_model_dir):
    cache = tmp_path / "gradio-cache"
    cache.mkdir()
    args = ["--model", str(tiny_model_dir), "--db", str(tmp_path / "c.duckdb"), "--rate-limit", "0"]
    with AppProcess(tmp_path, args=args, env={"GRADIO_TEMP_DIR": str(cache)}) as app:
        client = Client(app.url, verbose=False)
        ids: list[str] = []
        sizes_after_turn = []
        for n in range(8):  # 8 messages × 4 images = 32, streamed with previews
            final = last_text(chat(client, f"a lantern number {n}", steps="3", batch=4)[-1])
            ids += IMAGE_URL.findall(final)
            sizes_after_turn.append(sum(p.stat().st_size for p in cache_files(cache)))
        assert len(set(ids)) == 32
        # every way the UI shows them: the gallery pages, the reopened conversation
        for page_query in ("", "lantern"):
            assert "data-image-id=" in gallery(client, page_query)[0]
        history, _ = client.predict(api_name="/open_latest")
        assert len(set(IMAGE_URL.findall(str(history)))) == 32  # one conversation, reopened
        # a PNG dropped in to restore its recipe is read, then removed from the cache
        png = httpx.get(f"{app.url}/api/images/{ids[0]}", timeout=PATIENCE_S).content
        dropped = tmp_path / "dropped.png"
        dropped.write_bytes(embed_parameters(png, "a lantern\nSteps: 3, Seed: 5, Size: 64x64"))
        values = client.predict(handle_file(str(dropped)), api_name="/restore_from_png")
        assert values[0]["text"] == "a lantern" and values[6] == "5"  # the message box, and the seed

        left = cache_files(cache)
        image_like = [p for p in left if p.suffix.lower() in (".png", ".jpg", ".jpeg", ".webp")
                      or _is_image(p)]
        assert image_like == [], f"images copied into Gradio's cache: {image_like[:5]}"
        assert sizes_after_turn[-1] <= sizes_after_turn[0] + 64 * 1024, sizes_after_turn  # no growth per image
        assert sum(p.stat().st_size for p in left) < 1024 * 1024


def _is_image(path) -> bool:
    try:
        with Image.open(io.BytesIO(path.read_bytes())):
            return True
    except Exception:
        return False


def test_the_cache_test_would_notice_a_copied_image(tmp_path):
    # the same checks, on a folder holding what a cached copy would be: they must fail
    (tmp_path / "abc").mkdir()
    buf = io.BytesIO()
    Image.new("RGB", (8, 8)).save(buf, format="PNG")
    (tmp_path / "abc" / "image").write_bytes(buf.getvalue())
    assert [p for p in cache_files(tmp_path) if _is_image(p)]
    assert re.search("image", str(cache_files(tmp_path)[0]))
