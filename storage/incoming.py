"""The common path of every import: pictures read from a file (``Incoming``), checked, and added
to the importing person's images in batches.

Imports always land in the importing person's space, whoever exported the file, and never store a
picture twice: a record is a duplicate when that person already has the same bytes made at the same
moment (so importing a file twice, or into the store it came from, adds nothing). A picture from
another tool has no recorded moment; it is a duplicate when the bytes are there. A link to a
conversation or task is kept only where it is the importing person's.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, timezone
from typing import Any, Iterable

from storage.db import Cursor, Database, first
from storage.foreign import ForeignRecipe
from storage.images import Images, Prepared
from storage.imaging import probe
from storage.recipe import Recipe
from storage.records import ImportLimits, ImportNotApplied, ImportResult, ImportSkip, InvalidValue, NewImage

BATCH = 32  # images per read and per write transaction: bounded memory, short lock holds


@dataclass(frozen=True)
class Incoming:
    """One picture read from a file, before validation."""

    data: bytes
    recipe: dict[str, Any]
    created_at: datetime | None  # None: the file does not say when it was made
    thumbnail: tuple[bytes, str] | None = None
    name: str = ""  # the entry's name in the file, for the person's report
    foreign: ForeignRecipe | None = None  # the recipe another tool wrote into the picture


def add_pictures(db: Database, images: Images, limits: ImportLimits, user: str | None,
                 incoming: Iterable[Incoming | ImportSkip]) -> ImportResult:
    """Add what an import read to ``user``'s images, in batches; duplicates and unreadable pictures are
    skipped and counted."""
    added = duplicates = 0
    skipped: list[ImportSkip] = []
    not_applied: list[ImportNotApplied] = []
    batch: list[tuple[Prepared, Incoming]] = []

    def flush() -> None:
        nonlocal added, duplicates
        if not batch:
            return
        with db.write() as cur:
            for prepared, item in batch:
                if _is_duplicate(images, cur, prepared, item.created_at):
                    duplicates += 1
                    continue
                row = dict(prepared.row)
                row["conversation_id"] = _owned(cur, "conversations", row["conversation_id"], user)
                row["task_id"] = _owned(cur, "tasks", row["task_id"], user)
                images.insert(cur, replace(prepared, row=row), created_at=item.created_at or db.now())
                added += 1
                found = item.foreign
                if found is not None and found.tool != "imagechat" and found.not_applied:
                    not_applied.append(ImportNotApplied(item.name, found.tool, found.not_applied))
        batch.clear()

    for item in incoming:
        if isinstance(item, ImportSkip):
            skipped.append(item)
            continue
        prepared = _prepare(images, limits, item, user)
        if isinstance(prepared, ImportSkip):
            skipped.append(prepared)
            continue
        batch.append((prepared, item))
        if len(batch) >= BATCH:
            flush()
    flush()
    return ImportResult(added, duplicates, len(skipped), skipped=tuple(skipped),
                        not_applied=tuple(not_applied))


def _prepare(images: Images, limits: ImportLimits, item: Incoming, user: str | None) -> Prepared | ImportSkip:
    """The checked picture, with the image's own size and type and its thumbnail where its bytes
    are new (decoded now, outside the write lock: this is also what proves a damaged file
    unreadable before anything is written); an ImportSkip saying why where it is not an image or
    its recipe cannot be stored as given."""
    r = item.recipe
    limit = limits.max_image_pixels
    try:
        width, height, mime = probe(item.data)
        if width * height > limit:
            return ImportSkip(item.name, f"{width}×{height} pixels is more than the {limit:,} pixels an "
                              "imported picture may have")
        recipe = Recipe.loose_values(r)
        if "prompt_typed" not in r:  # a file that kept one prompt: it is the one typed too
            recipe["prompt_typed"] = recipe.get("prompt_sent", "")
        links = {k: r.get(k) if isinstance(r.get(k), str) else None for k in ("conversation_id", "task_id")}
        new = NewImage(**{**recipe, "width": width, "height": height}, png=item.data, mime=mime, user=user,
                       **links)
        return images.with_thumbnail(images.prepare(new, thumbnail=item.thumbnail))
    except InvalidValue as exc:
        return ImportSkip(item.name, exc.user_message)


def _is_duplicate(images: Images, cur: Cursor, prepared: Prepared, created: datetime | None) -> bool:
    key = images.find_blob(cur, prepared.user, prepared.sha256)
    if key is None:
        return False
    if created is None:
        return True
    (n,) = first(cur.execute(
        "SELECT count(*) FROM images WHERE blob_key = ? AND created_at = ?",
        [key, _naive_utc(created)],
    ))
    return n > 0


def _owned(cur: Cursor, table: str, row_id: str | None,
           user: str | None) -> str | None:
    """``row_id`` where that conversation or task exists and is ``user``'s, else None: an
    import never links to someone else's conversation."""
    if row_id is None:
        return None
    found = first(cur.execute(
        f'SELECT 1 FROM {table} WHERE id = ? AND "user" IS NOT DISTINCT FROM ?', [row_id, user]
    ))
    return row_id if found else None


def _naive_utc(dt: datetime) -> datetime:
    return dt.astimezone(timezone.utc).replace(tzinfo=None) if dt.tzinfo else dt
