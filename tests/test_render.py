"""Whatever a person types is shown as text: no markup, no HTML, no math."""

import re

import pytest

from web import render

HOSTILE = [
    "<script>alert(1)</script>",
    '<img src=x onerror=alert(1)>',
    "[click](javascript:alert(1))",
    "![x](http://example.invalid/a.png)",
    "**bold** _it_ `code` $x^2$ | a | b |",
    "# heading\n> quote\n- item",
    "&lt;already escaped&gt; & ampersand",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_escaped_text_has_no_live_markup(text):
    out = render.escape_text(text)
    assert "<" not in out and ">" not in out  # no tag can form
    # every markdown metacharacter is backslash-escaped or an entity
    assert not re.search(r"(?<!\\)[*_`\[\]()!#|$]", out)


def _unescape(md: str) -> str:
    """What a CommonMark renderer shows for escaped text."""
    md = re.sub(r"\\(.)", r"\1", md)
    return md.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


@pytest.mark.parametrize("text", HOSTILE + ["مرحبا بالعالم 🌍", "日本語のテキスト", "e\u0301 combining", "tab\tand\nnewline"])
def test_escaping_keeps_every_character(text):
    assert _unescape(render.escape_text(text)) == text


def test_progress_shows_step_percent_eta_and_preview():
    view = render.LiveView(typed="a cat", prompt_sent="a cat, golden hour", started=True, step=3, total=4,
                           eta_s=2.4, preview_jpeg=b"\xff\xd8fakejpeg")
    md = render.progress_markdown(view)
    assert "Step 3/4" in md and "75%" in md and "2 s left" in md
    assert "data:image/jpeg;base64," in md
    assert "golden hour" in md and "You typed" in md


def test_waiting_shows_queue_position():
    view = render.LiveView(typed="x", prompt_sent="x", queue_position=2)
    assert "position 3 in the queue" in render.progress_markdown(view)


def test_remote_progress_shows_elapsed_time():
    view = render.LiveView(typed="x", prompt_sent="x", started=True, model="dall-e-3", elapsed_s=7.2)
    assert "7 s elapsed" in render.progress_markdown(view)
