""""Sign in with Hugging Face" in a real browser, through Gradio's documented local mock of OAuth.

Off a Space, Gradio's LoginButton routes sign a visitor in as the machine's own Hugging Face login,
which they look up once with ``whoami`` on huggingface.co; here that one call goes to a loopback
stand-in (``HF_ENDPOINT``), and everything else is Gradio's own code path: /login/huggingface,
/login/callback, the signed session cookie. History then follows the account (``hf:<username>``)
into another browser, and a visitor's earlier pictures can be brought along."""

from __future__ import annotations

import pytest

from tests.apprunner import AppProcess
from tests.fake_hub import FakeHub
from tests.patience import PATIENCE_S
from tests.test_browser_privacy import BOUND_MS, Visitor

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.timeout(900)]


@pytest.fixture(scope="module")
def app(tmp_path_factory, tiny_model_dir):
    work = tmp_path_factory.mktemp("hf")
    with FakeHub("ann") as hub:
        env = {"HF_ENDPOINT": hub.url, "HF_TOKEN": "hf_local_stand_in", "HF_HUB_OFFLINE": "0"}
        args = ["--model", str(tiny_model_dir), "--db", str(work / "hf.duckdb"), "--history", "per-browser",
                "--hf-oauth"]
        proc = AppProcess(work, args=args, env=env).start(timeout=PATIENCE_S)
        try:
            yield proc
        finally:
            proc.stop()


def sign_in(visitor: Visitor) -> None:
    visitor.page.get_by_role("tab", name="Access").click()
    assert visitor.page.locator("#hf-login").is_visible()
    visitor.page.goto(visitor.url.rstrip("/") + "/login/huggingface")  # what the button opens
    visitor.page.locator("#status").get_by_text("backend choice").wait_for(timeout=BOUND_MS)


def test_signing_in_follows_the_account_across_browsers_and_brings_a_visitors_pictures(browser, app):
    first = second = None
    try:
        first = Visitor(browser, app.url)
        first.send("a moth at dusk, made before signing in")
        sign_in(first)
        assert "moth" not in first.conversations()  # the account's history, empty so far
        first.page.get_by_role("tab", name="Access").click()
        first.page.locator("#access-account").get_by_text("Signed in as").wait_for(timeout=BOUND_MS)
        assert "ann" in first.page.locator("#access-account").inner_text()
        first.page.locator("#hf-claim").click()
        first.page.locator("#hf-claimed").get_by_text("Moved 1 conversations and 1 pictures").wait_for(
            timeout=BOUND_MS)
        first.open()
        first.page.get_by_text("a moth at dusk").first.wait_for(timeout=BOUND_MS)
        assert [i["prompt"] for i in first.api("/api/images").json()["items"]] == [
            "a moth at dusk, made before signing in"]

        second = Visitor(browser, app.url)  # another browser: anonymous, so nothing yet
        assert "moth" not in second.conversations() and second.api("/api/images").json()["total"] == 0
        sign_in(second)
        second.page.get_by_text("a moth at dusk").first.wait_for(timeout=BOUND_MS)  # the account's history
        assert "moth" in second.gallery()
        second.page.goto(app.url.rstrip("/") + "/logout")
        second.page.locator("#status").get_by_text("backend choice").wait_for(timeout=BOUND_MS)
        assert "moth" not in second.conversations()  # signed out: this browser's own visitor again
    finally:
        for visitor in (first, second):
            if visitor is not None:
                visitor.close()
