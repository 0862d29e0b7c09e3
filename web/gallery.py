"""The gallery's logic, free of Gradio: search a person's images page by page, show one with its
recipe, delete one, and read a recipe back from a PNG or its ``parameters`` text.

Every call names the person; storage filters by them in SQL, so nobody's images reach another.
Lists carry thumbnails only; the full image is fetched by the browser from the image route.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone

from storage import ImageRecord, Store
from web import restore
from web.recipe import Recipe
from web.restore import Restored

PAGE_SIZE = 24
ANY = "any"


class GalleryInputError(ValueError):
    """A filter a person typed that cannot be used; the message says which and how."""


@dataclass(frozen=True)
class GalleryQuery:
    q: str = ""  # words of the prompt, typed or sent
    backend: str = ANY
    model: str = ANY
    style: str = ANY
    since: str = ""  # YYYY-MM-DD, inclusive
    until: str = ""  # YYYY-MM-DD, inclusive
    page: int = 1


@dataclass(frozen=True)
class GalleryPage:
    images: tuple[ImageRecord, ...]
    total: int
    page: int
    pages: int


def parse_day(text: str | None, field: str) -> date | None:
    text = (text or "").strip()
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise GalleryInputError(f"{field} must be a date like 2025-01-31, not {text!r}.") from None


def filters(query: GalleryQuery) -> dict:
    """The store's filter keywords for ``query`` (empty or "any" fields are left out). Days are
    whole UTC days: ``until`` 2025-01-31 includes all of that day."""
    out: dict = {}
    words = " ".join((query.q or "").split())
    if words:
        out["q"] = words
    for name in ("backend", "model", "style"):
        value = (getattr(query, name) or "").strip()
        if value and value != ANY:
            out[name] = value
    since = parse_day(query.since, "From")
    until = parse_day(query.until, "To")
    if since and until and until < since:
        raise GalleryInputError("The “To” date is before the “From” date.")
    if since:
        out["since"] = datetime.combine(since, time.min, tzinfo=timezone.utc)
    if until:
        out["until"] = datetime.combine(until + timedelta(days=1), time.min, tzinfo=timezone.utc)
    return out


class GalleryService:
    def __init__(self, store: Store, *, page_size: int = PAGE_SIZE):
        self.store = store
        self.page_size = page_size

    def search(self, query: GalleryQuery, user: str | None) -> GalleryPage:
        found = filters(query)
        total = self.store.count_images(user, **found)
        pages = max(1, math.ceil(total / self.page_size))
        page = min(max(1, int(query.page or 1)), pages)
        images = self.store.list_images(user, limit=self.page_size, offset=(page - 1) * self.page_size, **found)
        return GalleryPage(tuple(images), total, page, pages)

    def image(self, image_id: str | None, user: str | None) -> ImageRecord | None:
        """``user``'s image, or None (missing, or someone else's: the same answer)."""
        if not image_id or not _ID.fullmatch(image_id):
            return None
        return self.store.image_record(image_id, user=user)

    def delete(self, image_id: str | None, user: str | None) -> bool:
        if not image_id or not _ID.fullmatch(image_id):
            return False
        return self.store.delete_image(image_id, user=user)

    def models(self, user: str | None, limit: int = 500) -> list[str]:
        """The models of ``user``'s recent images, for the model filter's choices."""
        return sorted({r.model for r in self.store.list_images(user, limit=limit) if r.model})


_ID = re.compile(r"[0-9a-f]{8,64}")


def restore_from_text(text: str | None) -> Restored:
    """A recipe from pasted text: A1111-style ``parameters`` (ours or another tool's) or a
    Fooocus / InvokeAI JSON recipe, with what the settings cannot take listed."""
    from storage.foreign import ForeignRecipeError, read_text_recipe

    try:
        found = read_text_recipe(text or "")
    except ForeignRecipeError as exc:
        raise GalleryInputError(str(exc)) from None
    return _usable(restore.from_foreign(found))


def restore_from_image(data: bytes) -> Restored:
    """A recipe from a picture's metadata: a PNG, JPEG or WebP made here or by another Stable
    Diffusion tool (A1111, ComfyUI, Fooocus, InvokeAI, NovelAI)."""
    from storage.foreign import ForeignRecipeError, read_image_recipe

    try:
        found = read_image_recipe(data)
    except ForeignRecipeError as exc:
        raise GalleryInputError(f"{exc} Drop a PNG, JPEG or WebP picture.") from None
    if found is None:
        raise GalleryInputError("That file carries no recipe: only pictures saved with their parameters "
                                "(by imagechat or another Stable Diffusion tool) can be read back.")
    return _usable(restore.from_foreign(found))


def recipe_from_text(text: str | None) -> Recipe:
    return restore_from_text(text).recipe


def recipe_from_png(data: bytes) -> Recipe:
    return restore_from_image(data).recipe


def _usable(restored: Restored) -> Restored:
    if not restored.recipe.prompt.strip():
        raise GalleryInputError("No prompt was found in that recipe; it should start with the prompt.")
    return restored
