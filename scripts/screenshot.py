"""Take the README's screenshot: the real app in headless Chromium, one message, one image.

    .venv/bin/python scripts/screenshot.py [docs/screenshot-chat.png]

Runs the tiny random test pipeline (so the picture itself is noise), from a folder named
``tiny-sd`` so no machine path shows on the page.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("HF_HUB_OFFLINE", "1")

from tests.apprunner import AppProcess  # noqa: E402
from tests.test_browser import FLAGS  # noqa: E402
from tests.tiny_sd import build_tiny_pipeline  # noqa: E402


def main(out: Path) -> None:
    from playwright.sync_api import sync_playwright

    work = Path(tempfile.mkdtemp(prefix="imagechat-shot-"))
    build_tiny_pipeline(work / "tiny-sd")
    with AppProcess(work, args=["--model", "tiny-sd", "--db", "shot.duckdb"]) as app, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=shutil.which("chromium"), args=FLAGS, headless=True)
        page = browser.new_page(viewport={"width": 1100, "height": 1050})
        page.goto(app.url)
        page.locator("#settings").get_by_text("Settings").first.click()
        page.locator("#steps textarea, #steps input").first.fill("30")
        box = page.locator("#prompt textarea")
        box.fill("a lighthouse on a cliff at dusk, watercolor")
        box.press("Enter")
        page.locator("#chat img[src*='/api/images/']").first.wait_for(timeout=90_000)
        page.locator("#settings").get_by_text("Settings").first.click()  # fold the settings away
        page.wait_for_timeout(500)
        # show the whole turn: the person's message too, not only the end the chat scrolled to
        page.locator("#chat").evaluate("el => el.querySelectorAll('*').forEach(e => { e.scrollTop = 0; })")
        page.wait_for_timeout(300)
        out.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(out))
        browser.close()
    shutil.rmtree(work, ignore_errors=True)
    print(f"wrote {out}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "screenshot-chat.png")
