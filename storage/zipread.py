"""Reading the pictures of a zip: an imagechat export (with ``recipes.json``, the full record of
each picture) or PNG, JPEG and WebP files from other tools, whose recipe comes from their own
metadata (``storage.foreign``). What is read is bounded (``ImportLimits``) before it is read; a
picture that cannot be read is named with the reason, and the rest are read."""

from __future__ import annotations

import hashlib
import json
import zipfile
from datetime import datetime, timezone
from pathlib import PurePosixPath
from typing import Any, Iterator

from storage.foreign import ForeignRecipe, ForeignRecipeError, read_image_recipe
from storage.imaging import probe
from storage.incoming import Incoming
from storage.pngtext import remove_parameters
from storage.records import ImportLimits, ImportSkip, InvalidValue, StorageError
from storage.values import MAX_IMAGE_BYTES

RECIPES = "recipes.json"
IMAGE_SUFFIXES = {".png": "png", ".jpg": "jpeg", ".jpeg": "jpeg", ".webp": "webp"}


def image_infos(zf: zipfile.ZipFile) -> list[zipfile.ZipInfo]:
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


def read_recipes(zf: zipfile.ZipFile, limits: ImportLimits) -> dict[str, dict[str, Any]]:
    """recipes.json by file name; {} where there is none or it cannot be parsed (the pictures'
    own metadata is then used). One larger than the limits allow for the pictures the zip holds
    refuses the import before it is read: json.loads of a 400 MB document costs gigabytes."""
    try:
        info = zf.getinfo(RECIPES)
    except KeyError:
        return {}
    limit = limits.recipes_limit(len(image_infos(zf)))
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


def zip_entries(
    zf: zipfile.ZipFile, by_file: dict[str, dict[str, Any]], limits: ImportLimits
) -> Iterator[Incoming | ImportSkip]:
    """The pictures of a zip in name order; an ImportSkip naming each one that cannot be read."""
    for info in image_infos(zf):
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
            yield Incoming(data, meta, created, name=name)
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
        yield Incoming(data, _foreign_recipe(found), None, name=name, foreign=found)


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
        **found.settings(),
        "prompt_sent": found.prompt,
        "prompt_typed": found.prompt_typed or found.prompt,
        "style": found.style,
        "extra": extra,
    }


def _parse_time(value: Any) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        dt = datetime.fromisoformat(value)
    except ValueError:
        return None
    return dt if dt.tzinfo else dt.replace(tzinfo=timezone.utc)
