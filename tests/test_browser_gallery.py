"""The gallery in a real browser: two people logged in at once, search, open, "use this recipe",
and markup in a prompt shown as text everywhere. One app for the module; Playwright + Chromium."""

from __future__ import annotations

import re

import pytest

from tests.apprunner import AppProcess
from tests.patience import PATIENCE_MS
from tests.gradio_page import open_accordion

pytestmark = [pytest.mark.browser, pytest.mark.slow]

HOSTILE = "<img src=x onerror=alert(1)>"


@pytest.fixture(scope="module")
def app(tmp_path_factory, tiny_model_dir):
    work = tmp_path_factory.mktemp("gallery")
    args = ["--model", str(tiny_model_dir), "--db", str(work / "g.duckdb"), "--auth", "ann:pw1,bob:pw2"]
    with AppProcess(work, args=args) as proc:
        yield proc


class Person:
    def __init__(self, browser, app, user, password):
        self.context = browser.new_context(viewport={"width": 1280, "height": 1000})
        assert self.context.request.post(app.url + "/login", form={"username": user, "password": password}).ok
        self.context.set_default_timeout(PATIENCE_MS)
        self.page = self.context.new_page()
        self.dialogs: list[str] = []
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        self.page.goto(app.url)
        self.page.locator("#prompt textarea").wait_for()

    def settings(self):
        accordion = self.page.locator("#settings")
        open_accordion(self.page, "settings", "#steps")
        return accordion

    def send(self, text: str, *, steps: str = "2", seed: str = "") -> None:
        self.settings()
        for field, value in (("steps", steps), ("seed", seed)):
            box = self.page.locator(f"#{field} textarea, #{field} input").first
            box.fill(value)
            box.press("Tab")
        images = self.page.locator("#chat img[src*='/api/images/']")
        before = images.count()
        self.page.locator("#prompt textarea").fill(text)
        self.page.locator("#prompt textarea").press("Enter")
        self.page.wait_for_function(
            f"document.querySelectorAll(\"#chat img[src*='/api/images/']\").length > {before}", timeout=PATIENCE_MS)

    def open_gallery(self):
        self.page.get_by_role("tab", name="Gallery").click()
        self.page.locator("#gallery-grid .ic-thumb, #gallery-grid .ic-empty").first.wait_for(timeout=PATIENCE_MS)
        return self.page.locator("#gallery-grid")

    def open_picture(self, index: int) -> str:
        """Open the gallery's picture at ``index`` and wait until the detail shows that one (a picture opened
        before stays on screen until the new one arrives, so waiting for any picture is not enough)."""
        thumb = self.page.locator("#gallery-grid .ic-thumb").nth(index)
        image_id = thumb.get_attribute("data-image-id")
        thumb.click()
        self.page.locator(f"#gallery-detail img.ic-full[src*='{image_id}']").wait_for(timeout=PATIENCE_MS)
        return image_id

    def safe(self) -> bool:
        return self.dialogs == [] and self.page.evaluate("window.pwned === undefined")


@pytest.fixture(scope="module")
def people(browser, app):
    ann, bob = Person(browser, app, "ann", "pw1"), Person(browser, app, "bob", "pw2")
    yield ann, bob
    ann.context.close()
    bob.context.close()


def test_two_people_at_once_see_only_their_own_pictures_and_markup_stays_text(people):
    ann, bob = people
    ann.send(f"a red lighthouse {HOSTILE} <script>window.pwned=1</script>")
    bob.send("a blue rowing boat")
    assert HOSTILE in ann.page.locator("#chat").inner_text()
    ann_grid, bob_grid = ann.open_gallery(), bob.open_gallery()
    assert ann_grid.locator(".ic-thumb").count() == 1 and bob_grid.locator(".ic-thumb").count() == 1
    assert HOSTILE in ann_grid.inner_text() and "boat" not in ann_grid.inner_text()
    assert "boat" in bob_grid.inner_text() and "lighthouse" not in bob_grid.inner_text()
    for person in (ann, bob):
        assert person.page.locator("img[src='x'], #gallery-grid script, #chat script").count() == 0
        assert person.safe()


def test_search_the_gallery_open_a_picture_and_use_its_recipe(people):
    ann, _ = people
    ann.page.get_by_role("tab", name="Chat").click()
    ann.send("a green forest in fog", steps="3", seed="321")
    grid = ann.open_gallery()
    ann.page.locator("#gallery-q textarea, #gallery-q input").first.fill("forest")
    ann.page.locator("#gallery-q textarea, #gallery-q input").first.press("Enter")
    ann.page.wait_for_function("document.querySelectorAll('#gallery-grid .ic-thumb').length === 1 && "
                               "document.querySelector('#gallery-grid .ic-grid').innerText.includes('forest')")
    assert "lighthouse" not in grid.locator(".ic-grid").inner_text()
    ann.open_picture(0)
    ann.page.wait_for_function("document.querySelector('#gallery-detail img.ic-full').naturalWidth > 0")
    detail = ann.page.locator("#gallery-detail").inner_text()
    assert "321" in detail and "forest" in detail
    assert ann.page.locator("#gallery-detail a.ic-download").get_attribute("href").endswith("?download=1")
    ann.page.locator("#gallery-use").click()
    ann.page.locator("#prompt textarea").wait_for(state="visible", timeout=PATIENCE_MS)
    ann.page.wait_for_function("document.querySelector('#prompt textarea').value.includes('green forest')")
    ann.settings()
    value = lambda field: ann.page.locator(f"#{field} textarea, #{field} input").first.input_value()  # noqa: E731
    assert value("seed") == "321" and value("steps") == "3" and value("size") == "64x64"
    assert not ann.page.locator("#enhance input[type=checkbox]").is_checked()
    assert ann.safe()


def test_conversations_are_listed_reopened_renamed_and_deleted(people):
    ann, bob = people
    page = ann.page
    page.get_by_role("tab", name="Chat").click()
    listing = page.locator("#conversations")
    assert listing.locator("label").count() == 1 and HOSTILE in listing.inner_text()  # titled from the first prompt
    page.locator("#new-chat").click()
    page.wait_for_function("!document.querySelector(\"#chat img[src*='/api/images/']\")")
    ann.send("a yellow submarine")
    page.wait_for_function("document.querySelectorAll('#conversations label').length === 2")
    listing.locator("label", has_text="lighthouse").click()
    page.wait_for_function("document.querySelectorAll(\"#chat img[src*='/api/images/']\").length === 2")
    assert "forest" in page.locator("#chat").inner_text() and "submarine" not in page.locator("#chat").inner_text()
    title = page.locator("#conv-title textarea, #conv-title input").first
    title.fill("Lighthouses and forests")
    page.locator("#conv-rename").click()
    listing.get_by_text("Lighthouses and forests").wait_for(timeout=PATIENCE_MS)
    page.locator("#conv-delete").click()
    page.locator("#conv-delete-confirm").click()
    page.wait_for_function("document.querySelectorAll('#conversations label').length === 1")
    assert "submarine" in listing.inner_text() and "Lighthouses" not in listing.inner_text()
    assert page.locator("#chat img[src*='/api/images/']").count() == 0
    bob.page.reload()
    bob.page.locator("#conversations label").first.wait_for(timeout=PATIENCE_MS)
    assert "boat" in bob.page.locator("#conversations").inner_text()
    assert "submarine" not in bob.page.locator("#conversations").inner_text()
    assert ann.safe() and bob.safe()


def test_variations_reuse_seed_and_delete_from_the_gallery(people):
    _, bob = people
    page = bob.page
    bob.open_gallery()
    bob.open_picture(0)
    page.locator("#gallery-variations").click()
    # four new pictures of the same prompt, side by side in one message
    page.wait_for_function("[...document.querySelectorAll('#chat .message-row, #chat [data-testid=bot]')]"
                           ".some(m => m.querySelectorAll(\"img[src*='/api/images/']\").length === 4)",
                           timeout=PATIENCE_MS)
    bob.open_gallery()
    page.wait_for_function("document.querySelectorAll('#gallery-grid .ic-thumb').length === 5")
    bob.open_picture(4)  # the oldest: bob's first picture
    detail = page.locator("#gallery-detail").inner_text()
    page.locator("#gallery-reuse-seed").click()
    page.locator("#prompt textarea").wait_for(state="visible", timeout=PATIENCE_MS)
    bob.settings()
    chosen = page.locator("#seed textarea, #seed input").first.input_value()
    assert chosen == re.search(r"Seed\s+(\d+)", detail).group(1)
    bob.open_gallery()
    bob.open_picture(0)
    page.locator("#gallery-delete").click()
    page.locator("#gallery-delete-confirm").click()
    page.wait_for_function("document.querySelectorAll('#gallery-grid .ic-thumb').length === 4")
    assert "Select a picture" in page.locator("#gallery-detail").inner_text()
    assert bob.safe()
