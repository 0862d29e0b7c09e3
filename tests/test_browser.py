"""A person in a real browser: Playwright driving Debian's Chromium against the launched app."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.apprunner import AppProcess
from tests.patience import PATIENCE_MS
from tests.gradio_page import open_accordion

pytestmark = [pytest.mark.browser, pytest.mark.slow]

@pytest.fixture(scope="module")
def app(tmp_path_factory, tiny_model_dir):
    work = tmp_path_factory.mktemp("browser")
    with AppProcess(work, args=["--model", str(tiny_model_dir), "--db", str(work / "b.duckdb")]) as proc:
        yield proc


def test_type_a_message_watch_progress_see_the_image(browser, app):
    page = browser.new_page(viewport={"width": 1200, "height": 1000})
    page.set_default_timeout(PATIENCE_MS)
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(app.url)
    # slow enough to be seen forming: many steps at the tiny model's native size
    open_accordion(page, "settings", "#steps")
    steps = page.locator("#steps textarea, #steps input").first
    steps.fill("60")
    steps.press("Tab")
    box = page.locator("#prompt textarea")
    box.fill("a lighthouse on a cliff <script>window.pwned=1</script> <img src=x onerror=alert(1)>")
    box.press("Enter")
    chat = page.locator("#chat")
    # the user's message appears at once, as text
    chat.get_by_text("<script>window.pwned=1</script>", exact=False).first.wait_for(timeout=PATIENCE_MS)
    chat.get_by_text("Step", exact=False).first.wait_for(timeout=PATIENCE_MS)
    chat.locator("img[src*='/api/images/']").first.wait_for(timeout=PATIENCE_MS)
    shot = os.environ.get("IMAGECHAT_SCREENSHOT")
    if shot:
        Path(shot).parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=shot, full_page=False)
    assert page.evaluate("window.pwned === undefined")
    assert dialogs == []
    # no element was made from the typed markup
    assert chat.locator("img[src='x']").count() == 0 and chat.locator("script").count() == 0
    text = chat.inner_text()
    assert "seed" in text
    assert "guidance 7.5" in text  # empty settings mean the model's defaults, not zeros
    page.close()


def test_the_last_conversation_reopens_on_reload(browser, app):
    page = browser.new_page()
    page.set_default_timeout(PATIENCE_MS)
    page.goto(app.url)
    page.locator("#chat img[src*='/api/images/']").first.wait_for(timeout=PATIENCE_MS)
    assert "lighthouse" in page.locator("#chat").inner_text()
    page.close()
