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


# ---- several images in one message; the gallery's HTML; recipes ---------------------------------

from datetime import datetime, timezone  # noqa: E402

from storage import ImageRecord, MessageRecord  # noqa: E402
from web import gallery_html  # noqa: E402
from web.gallery import GalleryPage, GalleryQuery, GalleryInputError, filters  # noqa: E402
from web.recipe import Recipe, batch_seeds, settings_for  # noqa: E402

XSS = "<img src=x onerror=alert(1)> ${alert(2)} {{value}} `tick`"


def image(n: int = 1, prompt: str = "a cat", **over) -> ImageRecord:
    values = dict(
        id=f"{n:032x}", sha256="0" * 64, conversation_id="c1", task_id=f"t{n}", user=None,
        created_at=datetime(2025, 1, 2, 3, 4, tzinfo=timezone.utc), backend="local", model="tiny-sd",
        prompt_typed=prompt, prompt_sent=prompt + ", detailed", negative_prompt="blurry", style="none",
        seed=100 + n, width=64, height=64, steps=4, guidance=7.5, timings={"total_s": 0.5},
        extra={"prompt_requested": prompt + ", detailed", "scheduler": "EulerDiscreteScheduler"},
        mime="image/png", bytes_len=10, thumbnail_b64="AAAA", thumbnail_mime="image/webp",
    )
    values.update(over)
    return ImageRecord(**values)


def message(seq: int, role: str, content: str = "", img: ImageRecord | None = None, **meta) -> MessageRecord:
    return MessageRecord(id=f"m{seq}", conversation_id="c1", role=role, content=content,
                         image_id=img.id if img else None, task_id=None, meta=meta,
                         created_at=datetime(2025, 1, 1, tzinfo=timezone.utc), seq=seq, image=img)


def test_a_single_result_reads_as_before():
    md = render.results_markdown([image(1)])
    assert md == render.result_markdown(image(1))
    assert "seed 101" in md and "4 steps" in md and "64×64" in md and "/api/images/" in md


def test_several_images_sit_side_by_side_each_with_its_seed():
    md = render.results_markdown([image(1), image(2), "Only 2 of 3 images were queued."])
    first_paragraph = md.split("\n\n")[0]
    assert first_paragraph.count("](/api/images/") == 2  # one paragraph: side by side
    assert "seed 101" in md and "seed 102" in md
    assert md.count("Prompt sent") == 1
    assert "Only 2 of 3 images were queued" in _unescape(md)


def test_consecutive_assistant_messages_become_one_and_deleted_images_are_said():
    records = [message(1, "user", "a cat"), message(2, "assistant", img=image(1)),
               message(3, "assistant", img=image(2)), message(4, "user", "a dog"),
               message(5, "assistant", "", None, status="succeeded")]
    out = render.conversation_messages(records)
    assert [m["role"] for m in out] == ["user", "assistant", "user", "assistant"]
    assert out[1]["content"].count("](/api/images/") == 2
    assert "deleted" in out[3]["content"]


def test_batch_progress_counts_and_shows_previews_and_results():
    views = [render.LiveView(typed="a cat", prompt_sent="a cat", started=True, step=2, total=4,
                             preview_jpeg=b"\xff\xd8x"), render.LiveView(typed="a cat", prompt_sent="a cat")]
    md = render.batch_progress_markdown(views, [None, None])
    assert "0 of 2 images done" in md and "step 2/4" in md and "data:image/jpeg;base64," in md
    md = render.batch_progress_markdown(views, [image(1), None])
    assert "1 of 2 images done" in md and "/api/images/" in md


def test_markup_in_a_batch_stays_text():
    md = render.results_markdown([image(1, XSS), image(2, XSS)])
    assert "<img src=x" not in md and "&lt;img" in md


def test_gallery_grid_escapes_every_text_and_uses_inline_thumbnails():
    page = GalleryPage((image(1, XSS), image(2, "a dog")), total=2, page=1, pages=1)
    html = gallery_html.grid_html(page)
    assert html.count('data-image-id="') == 2 and html.count('src="data:image/webp;base64,AAAA"') == 2
    assert "<img src=x" not in html and "${" not in html and "{{" not in html and "`" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "/api/images/" not in html  # thumbnails only: the full images are not loaded by the grid
    assert "No picture matches" in gallery_html.grid_html(GalleryPage((), 0, 1, 1), filtered=True)
    assert gallery_html.page_label(GalleryPage((), 25, 2, 2)) == "25 pictures · page 2 of 2"


def test_gallery_detail_shows_the_full_image_recipe_and_download():
    html = gallery_html.detail_html(image(3, XSS))
    assert f'src="/api/images/{image(3).id}"' in html
    assert f'href="/api/images/{image(3).id}?download=1"' in html
    assert "<img src=x" not in html and "${" not in html
    for fact in ("Seed", "103", "Steps", "Guidance", "7.5", "64×64", "tiny-sd", "blurry", "EulerDiscreteScheduler"):
        assert fact in html


def test_gallery_filters_become_store_keywords():
    assert filters(GalleryQuery()) == {}
    found = filters(GalleryQuery(q="  red   bike ", backend="local", model="any", style="anime",
                                 since="2025-01-02", until="2025-01-02"))
    assert found["q"] == "red bike" and found["backend"] == "local" and found["style"] == "anime"
    assert "model" not in found
    assert (found["until"] - found["since"]).days == 1  # "to" includes its whole day
    with pytest.raises(GalleryInputError, match="date like"):
        filters(GalleryQuery(since="yesterday"))
    with pytest.raises(GalleryInputError, match="before"):
        filters(GalleryQuery(since="2025-02-01", until="2025-01-01"))


def test_a_recipe_fills_the_settings_to_send_it_exactly():
    recipe = Recipe.from_image(image(1))
    s = settings_for(recipe)
    assert s.prompt == "a cat, detailed" and s.enhance is False and s.style == "none"
    assert (s.size, s.steps, s.guidance, s.seed, s.negative, s.backend) == ("64x64", "4", "7.5", "101", "blurry", "local")
    assert settings_for(recipe.with_new_seed(), batch=9).seed == "" and settings_for(recipe, batch=9).batch == 4
    assert settings_for(Recipe("x", backend="comfy")).backend == "auto"


def test_a_recipe_reads_from_parameters_keys_of_several_spellings():
    r = Recipe.from_mapping({"prompt": "a fox", "negative_prompt": "ugly", "steps": "20", "cfg_scale": "6.5",
                             "seed": "42", "size": "512x768", "model": "sd15"})
    assert (r.prompt, r.negative_prompt, r.steps, r.guidance, r.seed, r.width, r.height, r.model) == \
        ("a fox", "ugly", 20, 6.5, 42, 512, 768, "sd15")
    assert Recipe.from_mapping({"prompt": "x", "seed": "-1", "steps": "nan"}).seed is None


def test_batch_seeds_are_consecutive_and_wrap():
    assert batch_seeds(5, 3) == [5, 6, 7]
    assert batch_seeds(2**32 - 1, 2) == [2**32 - 1, 0]
