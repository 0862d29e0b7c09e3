"""What browser tests do on the app's Gradio page that Playwright alone does not say: open an accordion."""

from __future__ import annotations

from playwright.sync_api import TimeoutError as PlaywrightTimeout


def open_accordion(page, elem_id: str, inside: str) -> None:
    """Open the accordion ``#elem_id`` if it is closed and wait until ``inside`` shows (a closed accordion renders
    nothing inside it). On a loaded machine a click on a header once opened nothing; a person would click again,
    and so does this, whenever the header says the accordion is closed."""
    header = page.locator(f"#{elem_id} > button.label-wrap")
    shown = page.locator(inside).first
    while True:
        if "open" not in (header.get_attribute("class") or "").split():
            header.click()
        try:
            shown.wait_for(state="visible", timeout=30_000)  # then look at the header again
            return
        except PlaywrightTimeout:
            continue
