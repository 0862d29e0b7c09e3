"""Moving a user's images in and out: Parquet (every byte and every recipe field, for
analysis tools and backups) and zip (PNGs that carry their recipe in a "parameters" text
chunk, readable by other Stable Diffusion tools, plus ``recipes.json`` with the full record).

Imports always land in the importing user's space, whoever exported the file, and never
store a picture twice: a record is a duplicate when that user already has the same bytes made
at the same moment (so importing a file twice, or into the store it came from, adds nothing).
A PNG from another tool has no recorded moment; it is a duplicate when the bytes are there.

Pictures from other tools (PNG, JPEG, WebP) bring their recipe from their own metadata
(``storage.foreign``); what it says beyond imagechat's recipe is kept in the record and listed
in the result, by file. Their bytes are stored as they came, so their chunks go out unchanged.
What an import reads is bounded (``ImportLimits``) before it is read; a picture that cannot be
read is skipped and named, and the rest are imported.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import math
import os
import zipfile
from dataclasses import dataclass, replace
from datetime import datetime, timezone
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any, Iterable, Iterator

import duckdb

from storage.imaging import make_thumbnail, probe
from storage.foreign import ForeignRecipe, ForeignRecipeError, carries_foreign_recipe, read_image_recipe
from storage.pngtext import (
    embed_parameters,
    recipe_to_parameters,
    remove_parameters,
)
from storage.query import ImageFilter, image_where
from storage.sql import first
from storage.records import (
    ImportLimits,
    ImportNotApplied,
    ImportResult,
    ImportSkip,
    InvalidValue,
    NewImage,
    StorageError,
)

if TYPE_CHECKING:
    from storage.store import Store

FORMAT = "imagechat-images"
VERSION = 1
RECIPES = "recipes.json"
IMAGE_SUFFIXES = {".png": "png", ".jpg": "jpeg", ".jpeg": "jpeg", ".webp": "webp"}
BATCH = 32  # images per read and per write transaction: bounded memory, short lock holds
_UBIGINT_MAX = 2**64 - 1

# The recipe columns, as exported; an import reads whichever of them a file has.
_COLUMNS = (
    "id", "sha256", "created_at", "conversation_id", "task_id", "backend", "model",
    "prompt_typed", "prompt_sent", "negative_prompt", "style", "seed", "width", "height",
    "steps", "guidance", "timings", "extra", "mime", "bytes_len",
)


@dataclass(frozen=True)
class _Incoming:
    """One picture read from a file, before validation."""

    data: bytes
    recipe: dict[str, Any]
    created_at: datetime | None  # None: the file does not say when it was made
    thumbnail: tuple[bytes, str] | None = None
    name: str = ""  # the entry's name in the file, for the person's report
    foreign: ForeignRecipe | None = None  # the recipe another tool wrote into the picture


# --- Parquet -------------------------------------------------------------------------------


def export_parquet(store: "Store", path: str | Path, user: str | None, f: ImageFilter) -> int:
    where, args = image_where(user, f)
    # Small row groups: a Parquet row group is buffered whole while it is written.
    sql = (
        "COPY (SELECT i.id, b.sha256, i.created_at, i.conversation_id, i.task_id, i.backend, "
        "i.model, i.prompt_typed, i.prompt_sent, i.negative_prompt, i.style, i.seed, i.width, "
        "i.height, i.steps, i.guidance, i.timings::VARCHAR AS timings, "
        "i.extra::VARCHAR AS extra, b.mime, b.bytes_len, from_base64(b.image_b64) AS image, "
        "from_base64(b.thumbnail_b64) AS thumbnail, b.thumbnail_mime "
        "FROM images i JOIN image_blobs b ON b.blob_key = i.blob_key "
        f"WHERE {where}) TO ? (FORMAT parquet, ROW_GROUP_SIZE 64, "
        f"KV_METADATA {{format: '{FORMAT}', version: '{VERSION}'}})"
    )
    with _atomic(path) as tmp, store._reader() as cur:
        (count,) = first(cur.execute(sql, [*args, str(tmp)]))
    return int(count)


def import_parquet(store: "Store", path: str | Path, user: str | None) -> ImportResult:
    path = Path(path)
    with store._reader() as cur:
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
        cols = [c for c in (*_COLUMNS, "thumbnail", "thumbnail_mime") if c in names]
        select = ", ".join(f'"{c}"' for c in ["image", *cols])
        result = cur.execute(f"SELECT {select} FROM read_parquet(?)", [str(path)])

        def rows() -> Iterator[_Incoming]:
            while batch := result.fetchmany(BATCH):
                for row in batch:
                    values = dict(zip(["image", *cols], row))
                    thumb = values.pop("thumbnail", None)
                    thumb_mime = values.pop("thumbnail_mime", None)
                    created = values.pop("created_at", None)
                    if isinstance(created, datetime) and created.tzinfo is None:
                        created = created.replace(tzinfo=timezone.utc)  # stored as naive UTC
                    yield _Incoming(
                        name=f"row {values.get('id') or '?'}",
                        data=bytes(values.pop("image") or b""),
                        recipe=values,
                        created_at=created if isinstance(created, datetime) else None,
                        thumbnail=(bytes(thumb), thumb_mime)
                        if thumb and thumb_mime in ("image/webp", "image/jpeg", "image/png")
                        else None,
                    )

        return _import(store, user, rows())


# --- zip ---------------------------------------------------------------------------------


def export_zip(store: "Store", path: str | Path, user: str | None, f: ImageFilter) -> int:
    where, args = image_where(user, f)
    with store._reader() as cur:
        listed = cur.execute(
            f"SELECT i.id, i.blob_key FROM images i WHERE {where} ORDER BY i.created_at, i.id",
            args,
        ).fetchall()
    entries: list[dict[str, Any]] = []
    names: set[str] = set()
    with _atomic(path) as tmp, zipfile.ZipFile(tmp, "w", allowZip64=True) as zf:
        for image_id, _ in listed:
            record = store.image_record(image_id)
            found = store.image_bytes(image_id)
            if record is None or found is None:  # deleted while exporting
                continue
            data, mime = found
            text = recipe_to_parameters(record.recipe)
            if mime == "image/png" and not carries_foreign_recipe(data):
                # A picture imported from another tool keeps its own chunks byte for byte.
                data = embed_parameters(data, text)
            name = _file_name(record.created_at, image_id, mime, names)
            info = zipfile.ZipInfo(name, date_time=record.created_at.timetuple()[:6])
            zf.writestr(info, data, compress_type=zipfile.ZIP_STORED)  # already compressed
            entries.append({
                "file": name,
                "id": record.id,
                "sha256": record.sha256,
                "created_at": record.created_at.isoformat(),
                "conversation_id": record.conversation_id,
                "task_id": record.task_id,
                "mime": record.mime,
                "bytes_len": record.bytes_len,
                "backend": record.backend,
                "model": record.model,
                "prompt_typed": record.prompt_typed,
                "prompt_sent": record.prompt_sent,
                "negative_prompt": record.negative_prompt,
                "style": record.style,
                "seed": record.seed,
                "width": record.width,
                "height": record.height,
                "steps": record.steps,
                "guidance": record.guidance,
                "timings": record.timings,
                "extra": record.extra,
                "parameters": text,
            })
        doc = {"format": FORMAT, "version": VERSION, "images": entries}
        zf.writestr(RECIPES, json.dumps(doc, ensure_ascii=False, indent=1),
                    compress_type=zipfile.ZIP_DEFLATED)
    return len(entries)


def import_file(store: "Store", path: str | Path, user: str | None) -> ImportResult:
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
        return reader(store, path, user)
    except StorageError:
        raise
    except Exception as exc:  # a damaged file from outside: say so, never a stack trace
        raise InvalidValue("file", f"The file could not be read ({type(exc).__name__}).") from exc


def import_zip(store: "Store", path: str | Path, user: str | None) -> ImportResult:
    path = Path(path)
    try:
        zf = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError):
        raise StorageError(
            f'"{path.name}" could not be read as a zip file. Choose a zip made by imagechat\'s '
            "export, or a zip of PNG images."
        ) from None
    with zf:
        limits = store.import_limits
        by_file = _read_recipes(zf, limits)
        return _import(store, user, _zip_entries(zf, by_file, limits))


def _image_infos(zf: zipfile.ZipFile) -> list[zipfile.ZipInfo]:
    """The picture entries of a zip, in name order (folders and macOS resource forks left out)."""
    found = []
    for info in zf.infolist():
        name = PurePosixPath(info.filename)
        if info.is_dir() or name.suffix.lower() not in IMAGE_SUFFIXES:
            continue
        if name.name.startswith(".") or "__MACOSX" in name.parts:
            continue
        found.append(info)
    return sorted(found, key=lambda i: i.filename)


def _read_recipes(zf: zipfile.ZipFile, limits: ImportLimits) -> dict[str, dict[str, Any]]:
    """recipes.json by file name; {} where there is none or it cannot be parsed (the pictures'
    own metadata is then used). One larger than the limits allow for the pictures the zip holds
    refuses the import before it is read: json.loads of a 400 MB document costs gigabytes."""
    try:
        info = zf.getinfo(RECIPES)
    except KeyError:
        return {}
    limit = limits.recipes_limit(len(_image_infos(zf)))
    too_big = StorageError(
        f'The zip\'s "{RECIPES}" is {_mb(info.file_size)} unpacked, more than the {_mb(limit)} allowed '
        "for the pictures it holds, so nothing was imported. An export from imagechat is far "
        f'smaller; remove "{RECIPES}" to import the pictures with the recipes in their own files.'
    )
    if info.file_size > limit:
        raise too_big
    try:
        with zf.open(info) as f:
            raw = f.read(limit + 1)  # bounded even when the entry's header understates its size
    except (zipfile.BadZipFile, OSError, ValueError):
        return {}
    if len(raw) > limit:
        raise too_big
    try:
        doc = json.loads(raw.decode("utf-8"))
    except (ValueError, UnicodeDecodeError):
        return {}
    images = doc.get("images") if isinstance(doc, dict) else None
    if not isinstance(images, list):
        return {}
    return {e["file"]: e for e in images if isinstance(e, dict) and isinstance(e.get("file"), str)}


def _zip_entries(
    zf: zipfile.ZipFile, by_file: dict[str, dict[str, Any]], limits: ImportLimits
) -> Iterator[_Incoming | ImportSkip]:
    """The pictures of a zip in name order; an ImportSkip naming each one that cannot be read."""
    from storage.store import MAX_IMAGE_BYTES

    for info in _image_infos(zf):
        name = info.filename
        if info.file_size > MAX_IMAGE_BYTES:
            yield ImportSkip(name, f"larger than {_mb(MAX_IMAGE_BYTES)} unpacked")
            continue
        try:
            data = zf.read(info)
        except (zipfile.BadZipFile, OSError, ValueError) as exc:  # damaged entry, bad CRC
            yield ImportSkip(name, f"damaged in the zip ({type(exc).__name__})")
            continue
        meta = by_file.get(name)
        if meta is not None:
            data = _original_bytes(data, meta.get("sha256"))
            created = _parse_time(meta.get("created_at"))
            yield _Incoming(data, {k: meta.get(k) for k in _COLUMNS if k in meta}, created, name=name)
            continue
        too_big = _too_many_pixels(data, limits)
        if too_big:
            yield ImportSkip(name, too_big)
            continue
        try:
            found = read_image_recipe(data)
        except ForeignRecipeError as exc:
            yield ImportSkip(name, str(exc))
            continue
        yield _Incoming(data, _foreign_recipe(found), None, name=name, foreign=found)


def _too_many_pixels(data: bytes, limits: ImportLimits) -> str | None:
    """Why a picture is too large to decode, read from its header alone; None if it is not."""
    try:
        width, height, _ = probe(data)
    except InvalidValue as exc:
        return exc.user_message
    if width * height > limits.max_image_pixels:
        return (f"{width}×{height} pixels is more than the {limits.max_image_pixels:,} pixels "
                "an imported picture may have")
    return None


def _mb(n: int) -> str:
    return f"{n / 1024 / 1024:.1f} MB"


def _original_bytes(data: bytes, sha256: Any) -> bytes:
    """The stored bytes of an exported PNG: the export added a "parameters" chunk to PNGs
    that had none; removing it gives back exactly what was stored (checked by hash)."""
    if not isinstance(sha256, str) or hashlib.sha256(data).hexdigest() == sha256:
        return data
    try:
        stripped = remove_parameters(data)
    except ValueError:
        return data
    return stripped if hashlib.sha256(stripped).hexdigest() == sha256 else data


def _foreign_recipe(found: ForeignRecipe | None) -> dict[str, Any]:
    """The columns for a picture from another tool: what its recipe says, kept whole. The seed
    is kept as written (up to 64 bits); Restore fits it to imagechat's range and says how. What
    the recipe says beyond the columns is kept in ``extra`` with the list of what cannot be
    applied, so "Use this recipe" can show it later."""
    if found is None:
        return {"backend": "", "model": "", "extra": {}}
    extra: dict[str, Any] = {"source_tool": found.tool}
    if found.parameters:
        extra["parameters"] = found.parameters
    if found.sampler:
        extra["sampler"] = found.sampler
    if found.quality:
        extra["quality"] = found.quality
    if found.not_applied:
        extra["not_applied"] = list(found.not_applied)
    if found.tool == "imagechat":  # our own file without recipes.json: nothing foreign about it
        extra.pop("source_tool")
    return {
        "prompt_sent": found.prompt,
        "prompt_typed": found.prompt_typed or found.prompt,
        "negative_prompt": found.negative_prompt,
        "style": found.style or "none",
        "seed": found.seed,
        "steps": found.steps,
        "guidance": found.guidance,
        "model": found.model,
        "backend": found.backend,
        "extra": extra,
    }


# --- the common import path --------------------------------------------------------------


def _import(
    store: "Store",
    user: str | None,
    incoming: Iterable[_Incoming | ImportSkip],
) -> ImportResult:
    added = duplicates = 0
    skipped: list[ImportSkip] = []
    not_applied: list[ImportNotApplied] = []
    batch: list[tuple[Any, _Incoming]] = []

    def flush() -> None:
        nonlocal added, duplicates
        if not batch:
            return
        with store._write() as cur:
            for prepared, item in batch:
                if _is_duplicate(store, cur, prepared, item.created_at):
                    duplicates += 1
                    continue
                row = dict(prepared.row)
                row["conversation_id"] = _owned(cur, "conversations", row["conversation_id"], user)
                row["task_id"] = _owned(cur, "tasks", row["task_id"], user)
                store._insert_image(
                    cur, replace(prepared, row=row),
                    created_at=item.created_at or store._now(),
                )
                added += 1
                found = item.foreign
                if found is not None and found.tool != "imagechat" and found.not_applied:
                    not_applied.append(ImportNotApplied(item.name, found.tool, found.not_applied))
        batch.clear()

    for item in incoming:
        if isinstance(item, ImportSkip):
            skipped.append(item)
            continue
        prepared = _prepare(store, item, user)
        if isinstance(prepared, ImportSkip):
            skipped.append(prepared)
            continue
        batch.append((prepared, item))
        if len(batch) >= BATCH:
            flush()
    flush()
    return ImportResult(added, duplicates, len(skipped), skipped=tuple(skipped),
                        not_applied=tuple(not_applied))


def _prepare(store: "Store", item: _Incoming, user: str | None) -> Any:
    """The validated picture, with the image's own size and type; an ImportSkip saying why
    where it is not an image or its recipe cannot be stored as given."""
    r = item.recipe
    try:
        width, height, mime = probe(item.data)
        if width * height > store.import_limits.max_image_pixels:
            return ImportSkip(item.name, f"{width}×{height} pixels is more than the "
                              f"{store.import_limits.max_image_pixels:,} pixels an imported picture may have")
        new = NewImage(
            png=item.data,
            width=width,
            height=height,
            mime=mime,
            backend=_str(r.get("backend")),
            model=_str(r.get("model")),
            prompt_typed=_str(r.get("prompt_typed", r.get("prompt_sent"))),
            prompt_sent=_str(r.get("prompt_sent")),
            negative_prompt=_str(r.get("negative_prompt")),
            style=_str(r.get("style")) or "none",
            seed=_int_or_none(r.get("seed"), 0, _UBIGINT_MAX),
            steps=_int_or_none(r.get("steps"), 0, 2**31 - 1),
            guidance=_float_or_none(r.get("guidance")),
            timings=_dict(r.get("timings")),
            extra=_dict(r.get("extra")),
            conversation_id=r.get("conversation_id") if isinstance(r.get("conversation_id"), str)
            else None,
            task_id=r.get("task_id") if isinstance(r.get("task_id"), str) else None,
            user=user,
        )
        prepared = store._prepare(new, thumbnail=item.thumbnail)
        if prepared.thumbnail is None and store._find_blob(
            store._cur(), user, prepared.sha256
        ) is None:
            # New bytes: decode them for the thumbnail now, outside the write lock; this is
            # also what proves a damaged file unreadable before anything is written.
            prepared = replace(prepared, thumbnail=make_thumbnail(prepared.data))
        return prepared
    except InvalidValue as exc:
        return ImportSkip(item.name, exc.user_message)


def _is_duplicate(store: "Store", cur: duckdb.DuckDBPyConnection, prepared: Any,
                  created: datetime | None) -> bool:
    key = store._find_blob(cur, prepared.row["user"], prepared.sha256)
    if key is None:
        return False
    if created is None:
        return True
    (n,) = first(cur.execute(
        "SELECT count(*) FROM images WHERE blob_key = ? AND created_at = ?",
        [key, _naive_utc(created)],
    ))
    return n > 0


def _owned(cur: duckdb.DuckDBPyConnection, table: str, row_id: str | None,
           user: str | None) -> str | None:
    """``row_id`` where that conversation or task exists and is ``user``'s, else None: an
    import never links to someone else's conversation."""
    if row_id is None:
        return None
    found = first(cur.execute(
        f'SELECT 1 FROM {table} WHERE id = ? AND "user" IS NOT DISTINCT FROM ?', [row_id, user]
    ))
    return row_id if found else None


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


def _parse_time(value: Any) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        dt = datetime.fromisoformat(value)
    except ValueError:
        return None
    return dt if dt.tzinfo else dt.replace(tzinfo=timezone.utc)


def _naive_utc(dt: datetime) -> datetime:
    return dt.astimezone(timezone.utc).replace(tzinfo=None) if dt.tzinfo else dt


def _str(value: Any) -> str:
    return value if isinstance(value, str) else ""


def _dict(value: Any) -> dict[str, Any]:
    if isinstance(value, str):  # JSON text, as Parquet carries it
        try:
            value = json.loads(value)
        except ValueError:
            return {}
    return value if isinstance(value, dict) else {}


def _int_or_none(value: Any, low: int, high: int) -> int | None:
    if isinstance(value, bool) or not isinstance(value, int):
        return None
    return value if low <= value <= high else None


def _float_or_none(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return float(value) if math.isfinite(value) else None

