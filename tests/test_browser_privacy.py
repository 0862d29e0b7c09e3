"""Private history without a login, in a real browser: each Chromium context is its own visitor.
Two visitors never see each other's conversations, gallery, exports or tasks; a visitor is still
themselves after a restart; an API token made on the Access tab reads only its owner's things and
nothing once revoked; Stop acts only on its owner's pictures. Playwright + Chromium, real app."""

from __future__ import annotations

import io
import re
import time
import zipfile

import httpx
import pytest

from tests.apprunner import AppProcess
from tests.patience import PATIENCE_MS, PATIENCE_S
from tests.gradio_page import open_accordion

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.timeout(900)]

BOUND_MS = PATIENCE_MS  # each wait ends as soon as the page shows it
START_S = PATIENCE_S
SECRET = "visitor A's private idea: a secret garden"


def start(workdir, model_dir, db, *extra: str) -> AppProcess:
    return AppProcess(workdir, args=["--model", str(model_dir), "--db", str(db), "--history", "per-browser",
                                     *extra]).start(timeout=START_S)


class Visitor:
    def __init__(self, browser, url: str):
        self.url = url
        self.context = browser.new_context(viewport={"width": 1280, "height": 1000})
        self.context.set_default_timeout(PATIENCE_MS)
        self.page = self.context.new_page()
        self.session_hashes: list[str] = []
        self.page.on("request", self._note_session)
        self.open()

    def _note_session(self, request) -> None:
        found = re.search(r'"session_hash"\s*:\s*"([^"]+)"', request.post_data or "")
        if found:
            self.session_hashes.append(found.group(1))

    def open(self, url: str | None = None) -> None:
        self.url = url or self.url
        self.page.goto(self.url)
        self.page.locator("#status").get_by_text("backend choice").wait_for(timeout=BOUND_MS)  # loaded

    def settings(self, steps: str) -> None:
        open_accordion(self.page, "settings", "#steps")
        box = self.page.locator("#steps textarea, #steps input").first
        box.fill(steps)
        box.press("Tab")

    def send(self, text: str, *, steps: str = "2", wait: bool = True) -> None:
        self.settings(steps)
        before = self.page.locator("#chat img[src*='/api/images/']").count()
        self.page.locator("#prompt textarea").fill(text)
        self.page.locator("#prompt textarea").press("Enter")
        if wait:
            self.page.wait_for_function(
                f"document.querySelectorAll(\"#chat img[src*='/api/images/']\").length > {before}", timeout=BOUND_MS)

    def conversations(self) -> str:
        return self.page.locator("#conversations").inner_text()

    def gallery(self) -> str:
        self.page.get_by_role("tab", name="Gallery").click()
        grid = self.page.locator("#gallery-grid")
        grid.locator(".ic-thumb, .ic-empty").first.wait_for(timeout=BOUND_MS)
        text = grid.inner_text()
        self.page.get_by_role("tab", name="Chat").click()
        return text

    def api(self, path: str) -> httpx.Response:
        """A request from this browser (its cookies), as an <img> or an export link makes it."""
        r = self.context.request.get(self.url.rstrip("/") + path)
        return httpx.Response(r.status, content=r.body(), headers=r.headers)

    def export_names(self) -> list[str]:
        r = self.api("/api/export?format=zip")
        assert r.status_code == 200
        with zipfile.ZipFile(io.BytesIO(r.content)) as z:
            return [n for n in z.namelist() if n.endswith(".png")]

    def close(self) -> None:
        self.context.close()


def test_two_browsers_never_see_each_other_and_each_keeps_its_own_after_a_restart(browser, tmp_path, tiny_model_dir):
    db = tmp_path / "private.duckdb"
    app = start(tmp_path, tiny_model_dir, db)
    a = b = None
    try:
        a, b = Visitor(browser, app.url), Visitor(browser, app.url)
        a.send(SECRET)
        b.send("a blue rowing boat")
        b.open()  # "open the last conversation": b's own, not the newest of anyone's
        page_text = b.page.locator("#chat").inner_text() + b.conversations()
        assert "boat" in page_text and "secret garden" not in page_text
        assert "secret garden" in a.conversations() and "boat" not in a.conversations()
        assert "boat" in b.gallery() and "secret garden" not in b.gallery()
        assert "secret garden" in a.gallery() and "boat" not in a.gallery()
        a_images, b_images = a.api("/api/images").json()["items"], b.api("/api/images").json()["items"]
        assert [i["prompt"] for i in a_images] == [SECRET] and [i["prompt"] for i in b_images] == ["a blue rowing boat"]
        assert len(a.export_names()) == 1 and len(b.export_names()) == 1
        # Not even by id: b asking for a's image, task or conversation finds nothing.
        mine = a_images[0]
        for path in (f"/api/images/{mine['id']}", f"/api/tasks/{mine['task_id']}",
                     f"/api/conversations/{mine['conversation_id']}"):
            assert a.api(path).status_code == 200 and b.api(path).status_code == 404, path
        # A program with no cookie is a visitor of its own: it sees nobody's pictures.
        assert httpx.get(app.url + "/api/images", timeout=PATIENCE_S).json()["total"] == 0
    finally:
        app.stop()
    again = start(tmp_path, tiny_model_dir, db)  # another process (and port) on the same file
    try:
        a.open(again.url)
        a.page.get_by_text(SECRET).first.wait_for(timeout=BOUND_MS)  # reopened where a left off
        assert "secret garden" in a.gallery() and "boat" not in a.gallery()
        assert [i["prompt"] for i in a.api("/api/images").json()["items"]] == [SECRET]
    finally:
        for visitor in (a, b):
            if visitor is not None:
                visitor.close()
        again.stop()


def make_token(visitor: Visitor, label: str) -> str:
    page = visitor.page
    page.get_by_role("tab", name="Access").click()
    page.locator("#api-token-label input, #api-token-label textarea").first.fill(label)
    page.locator("#api-token-create").click()
    shown = page.locator("#api-token-new input, #api-token-new textarea").first
    shown.wait_for(timeout=BOUND_MS)
    page.wait_for_function("(el) => el.value.startsWith('ict_')", arg=shown.element_handle(), timeout=BOUND_MS)
    return shown.input_value()


def pick_token(page, label: str) -> None:
    """Choose a token in the list (filled when the tab opens: open the list until it shows)."""
    field = page.locator("#api-token-list input").first
    option = page.get_by_role("option", name=re.compile(re.escape(label)))
    deadline = time.monotonic() + PATIENCE_S
    while time.monotonic() < deadline:
        field.click()
        try:
            option.first.wait_for(timeout=5_000)  # then open the list again
            option.first.click()
            return
        except Exception:
            field.press("Escape")
    raise AssertionError(f"no token {label!r} in the list")


def test_an_api_token_reads_only_its_owners_things_and_nothing_once_revoked(browser, tmp_path, tiny_model_dir):
    app = start(tmp_path, tiny_model_dir, tmp_path / "tokens.duckdb")
    a = b = None
    try:
        a, b = Visitor(browser, app.url), Visitor(browser, app.url)
        a.send("a red kite over the dunes")
        b.send("a green tram in the rain")
        token = make_token(a, "my script")
        assert "Copy this token now" in a.page.locator("#api-token-note").inner_text()
        bearer = {"Authorization": f"Bearer {token}"}
        with httpx.Client(base_url=app.url, headers=bearer, timeout=PATIENCE_S) as program:
            items = program.get("/api/images").json()["items"]
            assert [i["prompt"] for i in items] == ["a red kite over the dunes"]
            theirs = b.api("/api/images").json()["items"][0]
            assert program.get(f"/api/tasks/{items[0]['task_id']}").status_code == 200
            assert program.get(f"/api/images/{items[0]['id']}").status_code == 200
            assert program.get(f"/api/tasks/{theirs['task_id']}").status_code == 404
            assert program.get(f"/api/images/{theirs['id']}").status_code == 404
            # What the program makes is a's too: it shows in a's browser.
            made = program.post("/api/generate", json={"prompt": "a paper boat", "steps": 2})
            assert made.status_code == 202, made.text
            assert "paper boat" in a.api(f"/api/tasks/{made.json()['task_id']}").text
            assert b.api(f"/api/tasks/{made.json()['task_id']}").status_code == 404
        # Only its hash is kept: the token is nowhere in the database file or the log.
        app.stop()
        assert token.encode() not in (tmp_path / "tokens.duckdb").read_bytes()
        assert token not in app.log()
        app.start(timeout=START_S)
        a.open(app.url)
        a.page.get_by_role("tab", name="Access").click()
        pick_token(a.page, "my script")
        a.page.locator("#api-token-revoke").click()
        a.page.get_by_text("Revoked").wait_for(timeout=BOUND_MS)
        revoked = httpx.get(app.url + "/api/images", headers=bearer, timeout=PATIENCE_S)
        assert revoked.status_code == 401 and "ict_" not in revoked.text
    finally:
        for visitor in (a, b):
            if visitor is not None:
                visitor.close()
        app.stop()


def step_shown(page) -> int:
    return page.evaluate("() => +((document.querySelector('#chat').innerText.match(/Step (\\d+)\\//) || [])[1] || 0)")


def test_stop_with_someone_elses_session_cancels_nothing(browser, tmp_path, tiny_model_dir):
    """Gradio keeps a tab's conversation under its session hash; one who learns the hash and calls
    Stop with it acts as themselves, and their Stop does not reach the owner's picture."""
    app = start(tmp_path, tiny_model_dir, tmp_path / "stop.duckdb")
    a = b = None
    try:
        a, b = Visitor(browser, app.url), Visitor(browser, app.url)
        a.send("a slow lighthouse in fog", steps="150", wait=False)  # the most allowed: seconds of forming
        a.page.wait_for_function("() => /Step \\d+\\/\\d+/.test(document.querySelector('#chat')?.innerText || '')",
                                 timeout=BOUND_MS)
        assert a.session_hashes
        answer = b.context.request.post(app.url + "/gradio_api/run/stop",
                                        data={"data": [None], "session_hash": a.session_hashes[-1]})
        assert answer.ok, answer.text()  # Stop waits for what it cancels: the picture would be gone now
        seen = step_shown(a.page)
        a.page.wait_for_function(  # ...but it forms on
            "s => +((document.querySelector('#chat').innerText.match(/Step (\\d+)\\//) || [])[1] || 0) > s",
            arg=seen, timeout=BOUND_MS)
        assert "Cancelled" not in a.page.locator("#chat").inner_text()
        a.page.locator("#stop").click()  # its owner's Stop does cancel it
        a.page.get_by_text("Cancelled").first.wait_for(timeout=BOUND_MS)
    finally:
        for visitor in (a, b):
            if visitor is not None:
                visitor.close()
        app.stop()
