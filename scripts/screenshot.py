"""Take the README's screenshots: the real app in headless Chromium. The chat (one message, one
image) and the gallery (a few pictures, one opened with its recipe).

    .venv/bin/python scripts/screenshot.py [docs/screenshot-chat.png]   # the gallery's lands beside it

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
from tests.chromium import CHROMIUM, FLAGS  # noqa: E402
from tests.tiny_sd import build_tiny_pipeline  # noqa: E402


def main(out: Path) -> None:
    from playwright.sync_api import sync_playwright

    gallery_out = out.with_name("screenshot-gallery.png")
    work = Path(tempfile.mkdtemp(prefix="imagechat-shot-"))
    build_tiny_pipeline(work / "tiny-sd")
    with AppProcess(work, args=["--model", "tiny-sd", "--db", "shot.duckdb"]) as app, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS, headless=True)
        page = browser.new_page(viewport={"width": 1280, "height": 1050})
        page.goto(app.url)
        page.locator("#settings").get_by_text("Settings").first.click()
        steps = page.locator("#steps textarea, #steps input").first
        # the gallery's pictures first, so the chat shot shows one message, one image
        for prompt in ("a red fox in the snow", "a teapot on a wooden table", "a castle in the clouds"):
            steps.fill("4")
            send(page, prompt)
        page.locator("#new-chat").click()
        page.wait_for_function("!document.querySelector(\"#chat img[src*='/api/images/']\")")
        steps.fill("30")
        send(page, "a lighthouse on a cliff at dusk, watercolor")
        page.locator("#settings").get_by_text("Settings").first.click()  # fold the settings away
        page.wait_for_timeout(500)
        # show the whole turn: the person's message too, not only the end the chat scrolled to
        page.locator("#chat").evaluate("el => el.querySelectorAll('*').forEach(e => { e.scrollTop = 0; })")
        page.wait_for_timeout(300)
        out.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(out))

        page.get_by_role("tab", name="Gallery").click()
        page.locator("#gallery-grid .ic-thumb").first.wait_for(timeout=15_000)
        page.locator("#gallery-grid .ic-thumb").nth(1).click()
        page.wait_for_function("document.querySelector('#gallery-detail img.ic-full')?.naturalWidth > 0")
        page.wait_for_timeout(300)
        page.screenshot(path=str(gallery_out))
        browser.close()
    shutil.rmtree(work, ignore_errors=True)
    print(f"wrote {out} and {gallery_out}")


def send(page, prompt: str) -> None:
    images = page.locator("#chat img[src*='/api/images/']")
    before = images.count()
    box = page.locator("#prompt textarea")
    box.fill(prompt)
    box.press("Enter")
    page.wait_for_function(
        f"document.querySelectorAll(\"#chat img[src*='/api/images/']\").length > {before}", timeout=90_000)


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "screenshot-chat.png")
