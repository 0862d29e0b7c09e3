"""HTML for the gallery: pure functions. Thumbnails are inline data URLs from the stored Base64
(no file is written anywhere to show them); the full image comes from the image route. Every
piece of text is escaped, so a prompt is always shown as text."""

from __future__ import annotations

import html
from typing import Any
from urllib.parse import urlencode

from web.gallery import GalleryPage
from web.render import image_url

# Also neutralise what a template engine might read ($ { } `), so text stays text even if the
# component's template processing ever reached it.
_EXTRA = str.maketrans({"$": "&#36;", "{": "&#123;", "}": "&#125;", "`": "&#96;"})

# Clicking a thumbnail tells the server which image: one listener on the grid's root element,
# so it keeps working when the grid's HTML is replaced page by page.
GRID_JS = """
element.addEventListener('click', (event) => {
  const card = event.target.closest('[data-image-id]');
  if (card) trigger('pick', {image_id: card.dataset.imageId});
});
"""

CSS = """
#gallery-grid .ic-grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(150px, 1fr)); gap: 10px; }
#gallery-grid .ic-thumb { display: flex; flex-direction: column; gap: 4px; padding: 4px; border-radius: 8px;
  border: 1px solid var(--border-color-primary); background: var(--background-fill-secondary); cursor: pointer;
  text-align: left; font: inherit; color: inherit; }
#gallery-grid .ic-thumb:hover, #gallery-grid .ic-thumb:focus-visible { outline: 2px solid var(--color-accent); }
#gallery-grid .ic-thumb img { width: 100%; aspect-ratio: 1; object-fit: cover; border-radius: 6px; }
#gallery-grid .ic-caption { font-size: 0.8em; overflow: hidden; display: -webkit-box; -webkit-line-clamp: 2;
  -webkit-box-orient: vertical; overflow-wrap: anywhere; }
#gallery-detail .ic-full { width: 100%; max-height: 400px; object-fit: contain; border-radius: 8px; }
#gallery-detail dl { display: grid; grid-template-columns: max-content 1fr; gap: 4px 12px; margin-top: 8px; }
#gallery-detail dt { font-weight: 600; }
#gallery-detail dd { margin: 0; overflow-wrap: anywhere; white-space: pre-wrap; }
"""


LOADING = '<p class="ic-loading">Loading your pictures…</p>'


def escape(text: Any) -> str:
    return html.escape(str(text), quote=True).translate(_EXTRA)


def grid_html(page: GalleryPage, *, filtered: bool = False) -> str:
    if not page.images:
        if filtered:
            return '<p class="ic-empty">No picture matches. Try fewer words or clear the filters.</p>'
        return '<p class="ic-empty">No pictures yet: describe one in the chat and it appears here.</p>'
    cards = []
    for image in page.images:
        prompt = image.prompt_typed or image.prompt_sent
        caption = _short(prompt, 90)
        cards.append(
            f'<button type="button" class="ic-thumb" data-image-id="{escape(image.id)}" title="{escape(_short(prompt, 300))}">'
            f'<img src="{escape(image.thumbnail_data_url)}" alt="{escape(caption)}" loading="lazy" '
            f'width="{min(image.width, 256)}">'
            f'<span class="ic-caption">{escape(caption)}</span></button>'
        )
    return f'<div class="ic-grid">{"".join(cards)}</div>'


def page_label(page: GalleryPage) -> str:
    noun = "picture" if page.total == 1 else "pictures"
    return f"{page.total} {noun} · page {page.page} of {page.pages}"


def detail_html(image: Any | None) -> str:
    if image is None:
        return '<p class="ic-empty">Select a picture to see it full size with its recipe.</p>'
    rows = [("You typed", image.prompt_typed)]
    if image.prompt_sent.strip() != image.prompt_typed.strip():
        rows.append(("Prompt sent", image.prompt_sent))
    if image.negative_prompt:
        rows.append(("Negative prompt", image.negative_prompt))
    if image.style and image.style != "none":
        rows.append(("Style", image.style))
    rows += [("Backend", image.backend), ("Model", image.model), ("Size", f"{image.width}×{image.height}")]
    if image.seed is not None:
        rows.append(("Seed", image.seed))
    if image.steps is not None:
        rows.append(("Steps", image.steps))
    if image.guidance is not None:
        rows.append(("Guidance", f"{image.guidance:g}"))
    sampler = (image.extra or {}).get("sampler") or (image.extra or {}).get("scheduler")
    if sampler:
        rows.append(("Sampler", sampler))
    rows.append(("Made", image.created_at.strftime("%Y-%m-%d %H:%M UTC")))
    recipe = "".join(f"<dt>{escape(k)}</dt><dd>{escape(v)}</dd>" for k, v in rows)
    url = image_url(image.id)
    return (
        f'<div class="ic-detail" data-image-id="{escape(image.id)}">'
        f'<img class="ic-full" src="{escape(url)}" alt="{escape(_short(image.prompt_typed, 120))}">'
        f"<dl>{recipe}</dl>"
        f'<p><a class="ic-download" id="gallery-download" href="{escape(url)}?download=1" '
        f'download="imagechat-{escape(image.id[:12])}.png">⬇ Download PNG (with its recipe)</a></p>'
        "</div>"
    )


def _short(text: str, limit: int) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def export_links(chosen: dict) -> str:
    """Download links for the pictures the gallery shows now (``chosen``: the store's filters)."""
    params = {key: (value.isoformat() if hasattr(value, "isoformat") else str(value)) for key, value in chosen.items()}
    what = "these search results" if params else "all your pictures"
    links = []
    for fmt, label in (("zip", "a zip of PNGs with their recipes"), ("parquet", "a Parquet file")):
        query = urlencode({"format": fmt, **params})
        links.append(f'<a href="/api/export?{escape(query)}" download id="gallery-export-{fmt}">{escape(label)}</a>')
    return f"<p>Download {escape(what)} as {links[0]} or {links[1]}.</p>"
