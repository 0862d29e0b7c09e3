"""The chat keeps every message and every job, in a real browser: Playwright driving Debian's
Chromium against the launched app (the tiny model, at its most steps, so there is time to act
while a picture forms). Every wait is on the page's own text, with a generous bound."""

from __future__ import annotations

import signal

import pytest

from tests.apprunner import AppProcess
from tests.patience import PATIENCE_MS, PATIENCE_S
from tests.gradio_page import open_accordion

pytestmark = [pytest.mark.browser, pytest.mark.slow]

SLOW_STEPS = "150"  # the most allowed: seconds of forming on 2 cores, time to act meanwhile
BOUND_MS = PATIENCE_MS  # each wait ends as soon as the page shows it
START_S = PATIENCE_S


def start(workdir, model_dir, db) -> AppProcess:
    return AppProcess(workdir, args=["--model", str(model_dir), "--db", str(db)]).start(timeout=START_S)


@pytest.fixture(scope="module")
def app(tmp_path_factory, tiny_model_dir):
    work = tmp_path_factory.mktemp("browser-conversation")
    proc = start(work, tiny_model_dir, work / "c.duckdb")
    try:
        yield proc
    finally:
        proc.stop()


def open_chat(browser, url: str, steps: str | None = None):
    page = browser.new_page(viewport={"width": 1200, "height": 1000})
    page.set_default_timeout(PATIENCE_MS)
    page.goto(url)
    page.locator("#status").get_by_text("backend choice").wait_for(timeout=BOUND_MS)  # loaded
    if steps is not None:
        set_steps(page, steps)
    return page


def set_steps(page, steps: str) -> None:
    open_accordion(page, "settings", "#steps")
    field = page.locator("#steps textarea, #steps input").first
    field.fill(steps)
    field.press("Tab")


def new_chat(page) -> None:
    page.locator("#new-chat").click()
    page.wait_for_function("() => !document.querySelector('#chat .message-row')", timeout=BOUND_MS)


def say(page, text: str) -> None:
    box = page.locator("#prompt textarea")
    box.fill(text)
    box.press("Enter")


def rows(page) -> list[tuple[str, str]]:
    """The chat's messages in order: ("user" | "bot", text)."""
    return page.evaluate("""() => Array.from(document.querySelectorAll('#chat .message-content')).map(
        m => [m.closest('.user-row') ? 'user' : 'bot', m.innerText])""")


def wait_text(page, text: str, *, count: int = 1) -> None:
    """Until the chat shows ``text`` at least ``count`` times."""
    page.wait_for_function(
        "([t, n]) => (document.querySelector('#chat')?.innerText || '').split(t).length - 1 >= n",
        arg=[text, count], timeout=BOUND_MS)


def wait_images(page, count: int) -> None:
    page.wait_for_function(
        "n => document.querySelectorAll(\"#chat img[src*='/api/images/']\").length >= n",
        arg=count, timeout=BOUND_MS)


def forming(page) -> None:
    """Until a picture is visibly forming (its step counter is shown)."""
    page.wait_for_function("() => /Step \\d+\\/\\d+/.test(document.querySelector('#chat')?.innerText || '')",
                           timeout=BOUND_MS)


def step_shown(page) -> int:
    return page.evaluate("() => +((document.querySelector('#chat').innerText.match(/Step (\\d+)\\//) || [])[1] || 0)")


def test_a_message_sent_while_a_picture_forms_stays_and_is_answered_after_it(browser, app):
    page = open_chat(browser, app.url, steps=SLOW_STEPS)
    new_chat(page)
    say(page, "a lighthouse on a cliff at dusk")
    forming(page)
    # from here on, note it if the second message is ever gone from the chat once shown
    page.evaluate("""() => {
        window.lostMessage = false; window.sawMessage = false;
        new MutationObserver(() => {
            const has = (document.querySelector('#chat')?.innerText || '').includes("that's great");
            if (has) window.sawMessage = true; else if (window.sawMessage) window.lostMessage = true;
        }).observe(document.querySelector('#chat'), {subtree: true, childList: true, characterData: true});
    }""")
    say(page, "thanks, that's great")
    wait_text(page, "that's great")
    wait_text(page, "understood: chat")  # stored and answered, while the picture forms on
    wait_images(page, 1)
    wait_text(page, "seed")  # the finished picture with its recipe
    assert page.evaluate("window.sawMessage") and not page.evaluate("window.lostMessage")
    shown = rows(page)
    assert [role for role, _ in shown] == ["user", "bot", "user", "bot"], shown
    assert "lighthouse" in shown[0][1] and "seed" in shown[1][1]
    assert "that's great" in shown[2][1] and "understood: chat" in shown[2][1]
    assert shown[3][1].strip() and "Step" not in shown[3][1]
    # a reload shows the same conversation, in the same order
    page.reload()
    wait_images(page, 1)
    assert [text.split("\n")[0] for _, text in rows(page)] == [text.split("\n")[0] for _, text in shown]
    page.close()


def test_a_reload_mid_generation_shows_progress_again_and_stop_cancels(browser, app):
    page = open_chat(browser, app.url, steps=SLOW_STEPS)
    new_chat(page)
    say(page, "a slow painting of a harbour")
    forming(page)
    page.reload()  # the tab that started it is gone; the picture forms on
    wait_text(page, "harbour")
    forming(page)  # the reloaded page shows it forming...
    seen = step_shown(page)
    page.wait_for_function(  # ...and follows it: the steps go on
        "s => +((document.querySelector('#chat').innerText.match(/Step (\\d+)\\//) || [])[1] || 0) > s",
        arg=seen, timeout=BOUND_MS)
    page.locator("#stop").click()
    wait_text(page, "Cancelled")
    page.wait_for_function("() => !/Step \\d+\\/\\d+/.test(document.querySelector('#chat').innerText)",
                           timeout=BOUND_MS)
    assert page.locator("#chat img[src*='/api/images/']").count() == 0
    # a second tab opened now sees it cancelled too: the store says so
    other = open_chat(browser, app.url)
    wait_text(other, "Cancelled")
    assert "harbour" in other.locator("#chat").inner_text()
    other.close()
    page.close()


def test_the_undo_button_brings_back_the_previous_picture(browser, app):
    page = open_chat(browser, app.url, steps="3")
    new_chat(page)
    say(page, "a red bicycle in a park")
    wait_images(page, 1)
    say(page, "now at night")
    wait_images(page, 2)
    night = rows(page)[-1][1]
    assert "night" in night.split("Prompt sent:")[1].split("\n")[0]
    page.locator("#undo").click()
    wait_images(page, 3)
    shown = rows(page)
    assert shown[-2][0] == "user" and shown[-2][1].startswith("undo") and "understood: undo" in shown[-2][1]
    sent = shown[-1][1].split("Prompt sent:")[1].split("\n")[0]
    first = shown[1][1].split("Prompt sent:")[1].split("\n")[0]
    assert "bicycle" in sent and "night" not in sent and sent == first
    page.close()


def test_a_restart_mid_generation_leaves_a_message_and_retry_makes_the_picture(browser, tmp_path, tiny_model_dir):
    db = tmp_path / "restart.duckdb"
    first = start(tmp_path, tiny_model_dir, db)
    try:
        page = open_chat(browser, first.url, steps=SLOW_STEPS)
        say(page, "a windmill in a tulip field")
        forming(page)
    finally:
        first.stop(signal.SIGKILL)  # the server dies mid-picture
    second = start(tmp_path, tiny_model_dir, db)
    try:
        page.goto(second.url)
        wait_text(page, "server stopped before this picture was finished")
        assert page.locator("#chat img[src*='/api/images/']").count() == 0
        page.locator("#retry").wait_for(state="visible", timeout=BOUND_MS)
        page.locator("#retry").click()
        forming(page)
        wait_images(page, 1)
        wait_text(page, "seed")
        shown = rows(page)
        assert [role for role, _ in shown] == ["user", "bot", "bot"], shown
        assert "windmill" in shown[0][1] and "server stopped" in shown[1][1] and "windmill" in shown[2][1]
        page.locator("#retry").wait_for(state="hidden", timeout=BOUND_MS)  # nothing left to retry
        page.close()
    finally:
        second.stop()
