"""A person attaches a picture in a real browser (Playwright + Debian's Chromium) and gets it edited;
then paints a region to redo."""

from __future__ import annotations

import io
import re

import httpx
import pytest
from PIL import Image

from tests.apprunner import AppProcess
from tests.pictures import mean_abs_diff, source_png

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture(scope="module")
def app(tmp_path_factory, tiny_model_dir):
    work = tmp_path_factory.mktemp("browser-picture")
    with AppProcess(work, args=["--model", str(tiny_model_dir), "--db", str(work / "p.duckdb")]) as proc:
        yield proc


def test_a_picture_uploaded_with_a_message_is_edited(browser, app, tmp_path):
    picture = tmp_path / "my-photo.png"
    picture.write_bytes(source_png())
    page = browser.new_page(viewport={"width": 1200, "height": 1000})
    page.goto(app.url)
    page.locator("#settings").get_by_text("Settings").first.click()
    seed = page.locator("#seed textarea, #seed input").first
    seed.fill("21")
    seed.press("Tab")
    # The message box's own file input: what a click on its upload button, a paste or a drop fills.
    page.locator("#prompt input[type=file]").set_input_files(str(picture))
    page.locator("#prompt img").first.wait_for(timeout=30_000)  # the thumbnail of the attached picture
    box = page.locator("#prompt textarea")
    box.fill("turn this into a watercolor painting")
    box.press("Enter")
    chat = page.locator("#chat")
    chat.get_by_text("from your picture", exact=False).first.wait_for(timeout=60_000)
    chat.locator("img[src*='/api/images/']").nth(1).wait_for(timeout=120_000)  # what was sent, then what was made
    sources = [chat.locator("img[src*='/api/images/']").nth(i).get_attribute("src") for i in range(2)]
    ids = [re.search(r"/api/images/([\w-]+)", s).group(1) for s in sources]
    with httpx.Client(base_url=app.url, timeout=60) as http:
        sent, result = (http.get(f"/api/images/{i}").content for i in ids)
        assert Image.open(io.BytesIO(sent)).size == (64, 64)
        assert mean_abs_diff(sent, source_png()) == 0  # the picture sent, pixel for pixel
        assert mean_abs_diff(result, sent) > 1.0
        listed = http.get("/api/images").json()["items"]
        item = next(i for i in listed if i["id"] == ids[1])
        assert item["extra"]["source_image_id"] == ids[0] and item["seed"] == 21
    page.close()
