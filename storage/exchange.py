"""Moving a user's images in and out: Parquet (every byte and every recipe field, for
analysis tools and backups) and zip (PNGs that carry their recipe in a "parameters" text
chunk, readable by other Stable Diffusion tools, plus ``recipes.json`` with the full record).

Imports always land in the importing user's space, whoever exported the file, and never
store a picture twice: a record is a duplicate when that user already has the same bytes made
at the same moment (so importing a file twice, or into the store it came from, adds nothing).
A PNG from another tool has no recorded moment; it is a duplicate when the bytes are there.
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
from storage.pngtext import (
    embed_parameters,
    parameters_to_recipe,
    read_parameters,
    recipe_to_parameters,
    remove_parameters,
)
from storage.query import ImageFilter, image_where
from storage.sql import first
from storage.records import ImportResult, InvalidValue, NewImage, StorageError

if TYPE_CHECKING:
    from storage.store import Store

FORMAT = "imagechat-images"
VERSION = 1
RECIPES = "recipes.json"
IMAGE_SUFFIXES = {".png": "png", ".jpg": "jpeg", ".jpeg": "jpeg", ".webp": "webp"}
BATCH = 32  # images per read and per write transaction: bounded memory, short lock holds
MAX_RECIPES_BYTES = 512 * 1024 * 1024
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
            if mime == "image/png" and read_parameters(data) is None:
                data = embed_parameters(data, text)  # a PNG's own parameters are kept as is
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
        by_file = _read_recipes(zf)
        return _import(store, user, _zip_entries(zf, by_file))


def _read_recipes(zf: zipfile.ZipFile) -> dict[str, dict[str, Any]]:
    """recipes.json by file name; {} where there is none or it cannot be read (the PNGs'
    own parameters chunks are then used)."""
    try:
        info = zf.getinfo(RECIPES)
    except KeyError:
        return {}
    if info.file_size > MAX_RECIPES_BYTES:
        return {}
    try:
        doc = json.loads(zf.read(info).decode("utf-8"))
    except (ValueError, UnicodeDecodeError, zipfile.BadZipFile, OSError):
        return {}
    images = doc.get("images") if isinstance(doc, dict) else None
    if not isinstance(images, list):
        return {}
    return {e["file"]: e for e in images if isinstance(e, dict) and isinstance(e.get("file"), str)}


def _zip_entries(
    zf: zipfile.ZipFile, by_file: dict[str, dict[str, Any]]
) -> Iterator[_Incoming | None]:
    """The pictures of a zip in name order; None for an image entry that cannot be read."""
    from storage.store import MAX_IMAGE_BYTES

    for info in sorted(zf.infolist(), key=lambda i: i.filename):
        name = PurePosixPath(info.filename)
        if info.is_dir() or name.suffix.lower() not in IMAGE_SUFFIXES:
            continue
        if name.name.startswith(".") or "__MACOSX" in name.parts:
            continue  # macOS resource forks: not pictures
        if info.file_size > MAX_IMAGE_BYTES:
            yield None
            continue
        try:
            data = zf.read(info)
        except (zipfile.BadZipFile, OSError, ValueError):  # damaged entry, bad CRC
            yield None
            continue
        meta = by_file.get(info.filename)
        if meta is not None:
            data = _original_bytes(data, meta.get("sha256"))
            created = _parse_time(meta.get("created_at"))
            yield _Incoming(data, {k: meta.get(k) for k in _COLUMNS if k in meta}, created)
            continue
        try:
            text = read_parameters(data)
        except ValueError:
            yield None
            continue
        yield _Incoming(data, _foreign_recipe(text), None)


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


def _foreign_recipe(text: str | None) -> dict[str, Any]:
    """A recipe from another tool's parameters text (or none): what it says, kept whole."""
    if not text:
        return {"backend": "", "model": "", "extra": {}}
    parsed = parameters_to_recipe(text)
    extra: dict[str, Any] = {"parameters": text}
    if parsed.get("sampler"):
        extra["sampler"] = parsed["sampler"]
    if parsed.get("quality"):
        extra["quality"] = parsed["quality"]
    return {
        "prompt_sent": parsed["prompt"],
        "prompt_typed": parsed.get("prompt_typed") or parsed["prompt"],
        "negative_prompt": parsed["negative_prompt"],
        "style": parsed.get("style") or "none",
        "seed": parsed.get("seed"),
        "steps": parsed.get("steps"),
        "guidance": parsed.get("guidance"),
        "model": parsed.get("model") or "",
        "backend": parsed.get("backend") or "",
        "extra": extra,
    }


# --- the common import path --------------------------------------------------------------


def _import(
    store: "Store",
    user: str | None,
    incoming: Iterable[_Incoming | None],
) -> ImportResult:
    added = duplicates = unreadable = 0
    batch: list[tuple[Any, datetime | None]] = []

    def flush() -> None:
        nonlocal added, duplicates
        if not batch:
            return
        with store._write() as cur:
            for prepared, created in batch:
                if _is_duplicate(store, cur, prepared, created):
                    duplicates += 1
                    continue
                row = dict(prepared.row)
                row["conversation_id"] = _owned(cur, "conversations", row["conversation_id"], user)
                row["task_id"] = _owned(cur, "tasks", row["task_id"], user)
                store._insert_image(
                    cur, replace(prepared, row=row),
                    created_at=created or store._now(),
                )
                added += 1
        batch.clear()

    for item in incoming:
        prepared = None if item is None else _prepare(store, item, user)
        if prepared is None:
            unreadable += 1
            continue
        batch.append((prepared, item.created_at if item else None))
        if len(batch) >= BATCH:
            flush()
    flush()
    return ImportResult(added, duplicates, unreadable)


def _prepare(store: "Store", item: _Incoming, user: str | None) -> Any:
    """The validated picture, with the image's own size and type; None if it is not an
    image or its recipe cannot be stored as given."""
    r = item.recipe
    try:
        width, height, mime = probe(item.data)
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
    except InvalidValue:
        return None


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

