"""Moving a person's images in and out: Parquet (every byte and every recipe field, for analysis
tools and backups) and zip (PNGs that carry their recipe in a "parameters" text chunk, readable by
other Stable Diffusion tools, plus ``recipes.json`` with the full record).

Exports read through the database's own cursors and the images repository's public methods;
imports go through ``storage.incoming`` (checks, duplicates, batches), a zip's pictures read by
``storage.zipread``. The columns exported are the recipe's (``storage.recipe.COLUMNS``) between
the picture's identity and its bytes' type and size.
"""

from __future__ import annotations

import contextlib
import json
import os
import zipfile
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Iterator

import duckdb

from storage.db import Database, first
from storage.foreign import carries_foreign_recipe
from storage.images import BLOB_FIELDS, Images
from storage.incoming import BATCH, Incoming, add_pictures
from storage.pngtext import embed_parameters, recipe_to_parameters
from storage.query import ImageFilter, image_where
from storage.recipe import COLUMNS, JSON_COLUMNS
from storage.records import ImageRecord, ImportLimits, ImportResult, InvalidValue, StorageError
from storage.zipread import RECIPES, read_recipes, zip_entries

FORMAT = "imagechat-images"
VERSION = 1

# The columns of an export: the picture's identity, its recipe, its bytes' type and size. An import
# reads whichever of them a file has (older exports lack the columns added since).
EXPORT_COLUMNS = ("id", "sha256", "created_at", "conversation_id", "task_id", *COLUMNS, "mime", "bytes_len")


# --- Parquet -------------------------------------------------------------------------------


class Exchange:
    """Exports and imports of one database's images, through the images repository's public
    methods and the database's own transactions."""

    def __init__(self, db: Database, images: Images, limits: ImportLimits):
        self.db = db
        self.images = images
        self.limits = limits

    def export_parquet(self, path: str | Path, user: str | None = None, **filters: Any) -> int:
        """Write ``user``'s images (matching ``filters``, as for ``list_images``) with their
        full bytes and recipes to a Parquet file; return how many."""
        return export_parquet(self.db, path, user, ImageFilter.of(filters))

    def import_parquet(self, path: str | Path, user: str | None = None) -> ImportResult:
        """Add the images of a Parquet file written by ``export_parquet`` to ``user``'s."""
        return import_parquet(self, path, user)

    def export_zip(self, path: str | Path, user: str | None = None, **filters: Any) -> int:
        """Write ``user``'s images as PNGs carrying their recipe in a "parameters" text chunk
        (readable by other Stable Diffusion tools), plus ``recipes.json``; return how many."""
        return export_zip(self, path, user, ImageFilter.of(filters))

    def import_zip(self, path: str | Path, user: str | None = None) -> ImportResult:
        """Add the images of a zip (ours, or PNGs from other tools) to ``user``'s."""
        return import_zip(self, path, user)

    def import_file(self, path: str | Path, user: str | None = None) -> ImportResult:
        """Add the images of a zip or Parquet export (whichever ``path`` is) to ``user``'s."""
        return import_file(self, path, user)


def _export_select(column: str) -> str:
    if column in BLOB_FIELDS:
        return f'b."{column}"'
    if column in JSON_COLUMNS:
        return f'i."{column}"::VARCHAR AS "{column}"'
    return f'i."{column}"'


def export_parquet(db: Database, path: str | Path, user: str | None, f: ImageFilter) -> int:
    where, args = image_where(user, f)
    # Small row groups: a Parquet row group is buffered whole while it is written.
    sql = (
        f"COPY (SELECT {', '.join(_export_select(c) for c in EXPORT_COLUMNS)}, "
        "from_base64(b.image_b64) AS image, from_base64(b.thumbnail_b64) AS thumbnail, b.thumbnail_mime "
        "FROM images i JOIN image_blobs b ON b.blob_key = i.blob_key "
        f"WHERE {where}) TO ? (FORMAT parquet, ROW_GROUP_SIZE 64, "
        f"KV_METADATA {{format: '{FORMAT}', version: '{VERSION}'}})"
    )
    with _atomic(path) as tmp, db.reader() as cur:
        (count,) = first(cur.execute(sql, [*args, str(tmp)]))
    return int(count)


def import_parquet(ex: Exchange, path: str | Path, user: str | None) -> ImportResult:
    path = Path(path)
    with ex.db.reader() as cur:
        try:
            names = [r[0] for r in cur.execute(
                "SELECT name FROM parquet_schema(?) WHERE name <> 'duckdb_schema'", [str(path)]
            ).fetchall()]
        except duckdb.Error:
            raise StorageError(
                f'"{path.name}" could not be read as a Parquet file. Choose a file made by '
                "imagechat's Parquet export."
            ) from None
        if "image" not in names:
            raise StorageError(
                f'"{path.name}" has no "image" column, so it is not an imagechat export. '
                "Choose a file made by imagechat's Parquet export."
            )
        cols = [c for c in (*EXPORT_COLUMNS, "thumbnail", "thumbnail_mime") if c in names]
        select = ", ".join(f'"{c}"' for c in ["image", *cols])
        result = cur.execute(f"SELECT {select} FROM read_parquet(?)", [str(path)])

        def rows() -> Iterator[Incoming]:
            while batch := result.fetchmany(BATCH):
                for row in batch:
                    values = dict(zip(["image", *cols], row))
                    thumb = values.pop("thumbnail", None)
                    thumb_mime = values.pop("thumbnail_mime", None)
                    created = values.pop("created_at", None)
                    if isinstance(created, datetime) and created.tzinfo is None:
                        created = created.replace(tzinfo=timezone.utc)  # stored as naive UTC
                    yield Incoming(
                        name=f"row {values.get('id') or '?'}",
                        data=bytes(values.pop("image") or b""),
                        recipe=values,
                        created_at=created if isinstance(created, datetime) else None,
                        thumbnail=(bytes(thumb), thumb_mime)
                        if thumb and thumb_mime in ("image/webp", "image/jpeg", "image/png")
                        else None,
                    )

        return add_pictures(ex.db, ex.images, ex.limits, user, rows())


# --- zip ---------------------------------------------------------------------------------


def export_zip(ex: Exchange, path: str | Path, user: str | None, f: ImageFilter) -> int:
    where, args = image_where(user, f)
    with ex.db.reader() as cur:
        listed = cur.execute(
            f"SELECT i.id, i.blob_key FROM images i WHERE {where} ORDER BY i.created_at, i.id",
            args,
        ).fetchall()
    entries: list[dict[str, Any]] = []
    names: set[str] = set()
    with _atomic(path) as tmp, zipfile.ZipFile(tmp, "w", allowZip64=True) as zf:
        for image_id, _ in listed:
            record = ex.images.record(image_id)
            found = ex.images.image_bytes(image_id)
            if record is None or found is None:  # deleted while exporting
                continue
            data, mime = found
            text = recipe_to_parameters(record)
            if mime == "image/png" and not carries_foreign_recipe(data):
                # A picture imported from another tool keeps its own chunks byte for byte.
                data = embed_parameters(data, text)
            name = _file_name(record.created_at, image_id, mime, names)
            info = zipfile.ZipInfo(name, date_time=record.created_at.timetuple()[:6])
            zf.writestr(info, data, compress_type=zipfile.ZIP_STORED)  # already compressed
            entries.append({"file": name, **_export_entry(record), "parameters": text})
        doc = {"format": FORMAT, "version": VERSION, "images": entries}
        zf.writestr(RECIPES, json.dumps(doc, ensure_ascii=False, indent=1),
                    compress_type=zipfile.ZIP_DEFLATED)
    return len(entries)


def _export_entry(record: ImageRecord) -> dict[str, Any]:
    """An image's export columns, as recipes.json holds them."""
    entry = {c: getattr(record, c) for c in EXPORT_COLUMNS}
    entry["created_at"] = record.created_at.isoformat()
    return entry


def import_file(ex: Exchange, path: str | Path, user: str | None) -> ImportResult:
    """A zip or a Parquet export (told apart by their first bytes), added to ``user``'s images."""
    with open(path, "rb") as f:
        magic = f.read(4)
    if magic.startswith(b"PK"):
        reader = import_zip
    elif magic == b"PAR1":
        reader = import_parquet
    else:
        raise InvalidValue("file", "That is neither a zip nor a Parquet file exported from imagechat.")
    try:
        return reader(ex, path, user)
    except StorageError:
        raise
    except Exception as exc:  # a damaged file from outside: say so, never a stack trace
        raise InvalidValue("file", f"The file could not be read ({type(exc).__name__}).") from exc


def import_zip(ex: Exchange, path: str | Path, user: str | None) -> ImportResult:
    path = Path(path)
    try:
        zf = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError):
        raise StorageError(
            f'"{path.name}" could not be read as a zip file. Choose a zip made by imagechat\'s '
            "export, or a zip of PNG images."
        ) from None
    with zf:
        by_file = read_recipes(zf, ex.limits)
        return add_pictures(ex.db, ex.images, ex.limits, user, zip_entries(zf, by_file, ex.limits))


# --- small helpers -------------------------------------------------------------------------


@contextlib.contextmanager
def _atomic(path: str | Path) -> Iterator[Path]:
    """A temporary file beside ``path`` that replaces it on success: a failed export never
    leaves a half-written file under the name asked for."""
    path = Path(path).expanduser()
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.part")
    try:
        yield tmp
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise


def _file_name(created: datetime, image_id: str, mime: str, taken: set[str]) -> str:
    ext = {"image/png": "png", "image/jpeg": "jpg", "image/webp": "webp"}.get(mime, "bin")
    name = f"images/{created:%Y%m%d-%H%M%S}-{image_id[:12]}.{ext}"
    if name in taken:
        name = f"images/{created:%Y%m%d-%H%M%S}-{image_id}.{ext}"
    taken.add(name)
    return name


