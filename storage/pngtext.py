"""A picture's recipe as the "parameters" text that Stable Diffusion tools write into a PNG
(AUTOMATIC1111's format, read by most galleries and by the tools themselves):

    a lighthouse at dusk, oil painting
    Negative prompt: blurry, text
    Steps: 20, Sampler: Euler, CFG scale: 7.5, Seed: 123, Size: 512x512, Model: sd-turbo, Backend: local

The prompt may span lines; the negative prompt line is left out when there is none; a value
holding a comma, colon, newline or leading quote is written as a JSON string, as A1111 does.

Pure functions only. ``embed_parameters`` splices one text chunk into the PNG's bytes rather
than re-encoding it through Pillow: the pixel data stays byte for byte what it was (so the
original can be recovered exactly by ``remove_parameters``), and it costs microseconds, not the
tens of milliseconds of a re-encode. Reading goes through Pillow, the way other tools read it.
"""

from __future__ import annotations

import io
import json
import math
import re
import struct
import zlib
from typing import Any, Mapping

from storage.recipe import Recipe

KEYWORD = "parameters"
NEGATIVE = "Negative prompt:"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"

# recipe key -> A1111 name, in the order A1111 writes them; then ours.
_NAMES: tuple[tuple[str, str], ...] = (
    ("steps", "Steps"),
    ("sampler", "Sampler"),
    ("schedule_type", "Schedule type"),
    ("guidance", "CFG scale"),
    ("seed", "Seed"),
    ("size", "Size"),
    ("model", "Model"),
    ("clip_skip", "Clip skip"),
    ("backend", "Backend"),
    ("style", "Style"),
    ("quality", "Quality"),
    ("prompt_typed", "Typed prompt"),
)
_KEY_OF = {name.lower(): key for key, name in _NAMES}

# A1111's own pattern for one "Key: value" item of the last line (modules/infotext_utils.py).
_PARAM = re.compile(r'\s*(\w[\w \-/]+):\s*("(?:\\.|[^\\"])+"|[^,]*)(?:,|$)')
_SIZE = re.compile(r"^(\d+)\s*x\s*(\d+)$")
# A1111's schedule types (modules/sd_schedulers.py). Older versions wrote one into the sampler's name
# ("DPM++ 2M Karras"); current ones write "Sampler: DPM++ 2M, Schedule type: Karras".
SCHEDULE_TYPES = ("Uniform", "Karras", "Exponential", "Polyexponential", "SGM Uniform", "KL Optimal",
                  "Align Your Steps", "Simple", "Normal", "DDIM", "Beta")
AUTOMATIC_SCHEDULE = "Automatic"


# --- text <-> recipe ---------------------------------------------------------------------


def recipe_to_parameters(recipe: Mapping[str, Any] | Recipe) -> str:
    """The A1111 "parameters" text of ``recipe`` (a Recipe, or a mapping in the keys below).

    Keys read: ``prompt`` (or ``prompt_sent``: the prompt the model was given),
    ``negative_prompt``, ``steps``, ``sampler`` (one string, "DPM++ 2M Karras": written as A1111
    does now, ``Sampler: DPM++ 2M, Schedule type: Karras``), ``guidance``, ``seed``, ``width`` +
    ``height``, ``model``, ``clip_skip``, ``backend``, ``style``, ``quality``, ``prompt_typed``
    (written only where it differs from the prompt), and ``other``: a dict of further ``Name: value`` items.
    Missing, ``None`` and empty values are left out.
    """
    if isinstance(recipe, Recipe):
        recipe = recipe.as_parameters()
    prompt = _str(recipe.get("prompt", recipe.get("prompt_sent")))
    negative = _str(recipe.get("negative_prompt"))
    values = dict(recipe)
    if values.get("sampler") and not values.get("schedule_type"):
        values["sampler"], values["schedule_type"] = split_sampler(str(values["sampler"]))
    width, height = recipe.get("width"), recipe.get("height")
    values["size"] = f"{int(width)}x{int(height)}" if width and height else None
    if values.get("prompt_typed") == prompt:
        values["prompt_typed"] = None
    items = [(name, values.get(key)) for key, name in _NAMES]
    items += list((recipe.get("other") or {}).items())
    line = ", ".join(
        f"{_name(name)}: {_quote(_format(value))}"
        for name, value in items
        if value is not None and _format(value) != ""
    )
    lines = [prompt]
    if negative:
        lines.append(f"{NEGATIVE} {negative}")
    lines.append(line)
    return "\n".join(lines)


def parameters_to_recipe(text: str) -> dict[str, Any]:
    """The recipe in a "parameters" text, ours or another tool's.

    Returns ``prompt`` and ``negative_prompt`` (always), then whichever of ``steps`` (int),
    ``sampler`` (one string: a ``Schedule type`` other than Automatic joins it, "DPM++ 2M Karras"),
    ``guidance`` (float), ``seed`` (int), ``width``/``height`` (int), ``model``, ``clip_skip`` (int),
    ``backend``, ``style``, ``quality``, ``prompt_typed`` the text names, and ``other``: every
    further item as text (``Model hash``, ``Version``, ...), in the order written.
    """
    lines = text.split("\n")
    while len(lines) > 1 and not lines[-1].strip():
        lines.pop()  # trailing blank lines from tools that end the text with a newline
    params: list[tuple[str, str]] = []
    last = lines[-1].strip()
    found = _PARAM.findall(last)
    # A1111's rule: the last line holds the settings when it has at least three items;
    # "Steps:" first is also taken as settings, since every such line starts with it.
    if len(found) >= 3 or (found and last.startswith("Steps:")):
        params = found
        lines = lines[:-1]
    prompt_lines: list[str] = []
    negative_lines: list[str] = []
    for line in lines:
        if not negative_lines and line.lstrip().startswith(NEGATIVE):
            rest = line.lstrip()[len(NEGATIVE):]
            negative_lines.append(rest[1:] if rest.startswith(" ") else rest)
        elif negative_lines:
            negative_lines.append(line)
        else:
            prompt_lines.append(line)
    recipe: dict[str, Any] = {
        "prompt": "\n".join(prompt_lines),
        "negative_prompt": "\n".join(negative_lines),
    }
    other: dict[str, str] = {}
    for name, raw in params:
        name = name.strip()
        value = _unquote(raw.strip())
        key = _KEY_OF.get(name.lower())
        parsed = _parse(key, value) if key else None
        if key == "size" and parsed:
            recipe["width"], recipe["height"] = parsed
        elif key and parsed is not None:
            recipe[key] = parsed
        else:
            other[name] = value
    schedule = recipe.pop("schedule_type", None)
    if recipe.get("sampler"):
        recipe["sampler"] = join_sampler(recipe["sampler"], schedule)
    recipe["other"] = other
    return recipe


def split_sampler(name: str) -> tuple[str, str | None]:
    """("DPM++ 2M", "Karras") for the one-string "DPM++ 2M Karras"; (name, None) when it names no
    schedule type after a sampler."""
    for schedule in SCHEDULE_TYPES:
        if name.lower().endswith(" " + schedule.lower()) and len(name) > len(schedule) + 1:
            return name[: -len(schedule) - 1].rstrip(), schedule
    return name, None


def join_sampler(sampler: str, schedule: str | None) -> str:
    """The one-string sampler name for A1111's two fields: "Automatic" (or none) is the sampler's own
    schedule; a sampler already named with its schedule (older A1111) stays as it is."""
    schedule = (schedule or "").strip()
    if not schedule or schedule.lower() == AUTOMATIC_SCHEDULE.lower():
        return sampler
    if sampler.lower().endswith(" " + schedule.lower()):
        return sampler
    return f"{sampler} {schedule}"


def _parse(key: str, value: str) -> Any:
    """The typed value of a known item, or None where it does not parse (kept as text)."""
    try:
        if key in ("steps", "seed", "clip_skip"):
            return int(value)
        if key == "guidance":
            return float(value)
    except ValueError:
        return None
    if key == "size":
        m = _SIZE.match(value)
        return (int(m.group(1)), int(m.group(2))) if m else None
    return value


def _str(value: Any) -> str:
    return "" if value is None else str(value)


def _format(value: Any) -> str:
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, float) and math.isfinite(value) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return str(value)


def _name(name: Any) -> str:
    # A name cannot hold the separators the line is split on; keep it readable, drop those.
    return re.sub(r"[^\w \-/]", "", str(name)).strip() or "Key"


def _quote(value: str) -> str:
    if any(c in value for c in ",:\n\r") or value.startswith('"') or value != value.strip():
        return json.dumps(value, ensure_ascii=False)
    return value


def _unquote(value: str) -> str:
    if len(value) >= 2 and value[0] == '"' and value[-1] == '"':
        try:
            decoded = json.loads(value)
        except ValueError:
            return value
        return decoded if isinstance(decoded, str) else value
    return value


# --- PNG chunks ----------------------------------------------------------------------------


def embed_parameters(png: bytes, text: str) -> bytes:
    """``png`` with ``text`` as its one "parameters" chunk, placed right after IHDR where
    every reader looks (tEXt when the text is Latin-1, as Pillow and A1111 write it; else
    uncompressed UTF-8 iTXt). Any "parameters" chunk it had is replaced; nothing else changes.
    Raises ValueError for bytes that are not a PNG."""
    chunks, tail = _split(png)
    try:
        kind, data = b"tEXt", b"parameters\0" + text.encode("latin-1")
    except UnicodeEncodeError:
        # keyword, compression flag 0 and method 0, empty language tag, empty translated keyword
        kind, data = b"iTXt", b"parameters\0\0\0\0\0" + text.encode("utf-8")
    out = [PNG_SIGNATURE, chunks[0][2], _chunk(kind, data)]  # IHDR is always first
    out += [raw for ctype, body, raw in chunks[1:] if not _is_parameters(ctype, body)]
    return b"".join(out) + tail


def remove_parameters(png: bytes) -> bytes:
    """``png`` without its "parameters" chunks: the exact bytes it had before
    ``embed_parameters``, where it had none then. Raises ValueError for non-PNG bytes."""
    chunks, tail = _split(png)
    kept = [raw for ctype, body, raw in chunks if not _is_parameters(ctype, body)]
    return PNG_SIGNATURE + b"".join(kept) + tail


def read_parameters(png_bytes: bytes) -> str | None:
    """The "parameters" text of a PNG (tEXt, zTXt or iTXt; ours or another tool's), or None
    where it has none or is not a PNG. Raises ValueError for bytes no image reader accepts."""
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(png_bytes)) as img:
            if img.format != "PNG":
                return None
            value = img.info.get(KEYWORD)
            if value is None and _text_after_data(png_bytes):
                value = img.text.get(KEYWORD)  # loads the image to reach the trailing chunks
    except (UnidentifiedImageError, OSError, SyntaxError) as exc:
        raise ValueError(f"not a readable image ({exc.__class__.__name__})") from None
    return None if value is None else str(value)


def text_keywords(png: bytes) -> set[str]:
    """The keywords of a PNG's text chunks (tEXt, zTXt, iTXt), before or after the pixels,
    read from the chunk headers without decoding anything. Raises ValueError for non-PNG bytes."""
    chunks, _ = _split(png)
    return {
        body.split(b"\0", 1)[0].decode("latin-1")
        for ctype, body, _ in chunks
        if ctype in (b"tEXt", b"zTXt", b"iTXt")
    }


def _chunk(ctype: bytes, data: bytes) -> bytes:
    crc = zlib.crc32(ctype + data) & 0xFFFFFFFF
    return struct.pack(">I", len(data)) + ctype + data + struct.pack(">I", crc)


def _split(png: bytes) -> tuple[list[tuple[bytes, bytes, bytes]], bytes]:
    """The (type, data, raw bytes) of each chunk up to IEND, and whatever follows IEND (kept,
    so that splicing never changes a byte it was not asked to)."""
    if not png.startswith(PNG_SIGNATURE):
        raise ValueError("not a PNG (no PNG signature)")
    chunks: list[tuple[bytes, bytes, bytes]] = []
    pos, end = len(PNG_SIGNATURE), len(png)
    while pos < end:
        if pos + 12 > end:
            raise ValueError("truncated PNG chunk")
        (length,) = struct.unpack(">I", png[pos:pos + 4])
        stop = pos + 12 + length
        if stop > end:
            raise ValueError("truncated PNG chunk")
        ctype = png[pos + 4:pos + 8]
        chunks.append((ctype, png[pos + 8:pos + 8 + length], png[pos:stop]))
        pos = stop
        if ctype == b"IEND":
            break
    if not chunks or chunks[0][0] != b"IHDR":
        raise ValueError("not a PNG (no IHDR chunk first)")
    return chunks, png[pos:]


def _is_parameters(ctype: bytes, body: bytes) -> bool:
    return ctype in (b"tEXt", b"zTXt", b"iTXt") and body.split(b"\0", 1)[0] == b"parameters"


def _text_after_data(png: bytes) -> bool:
    try:
        chunks, _ = _split(png)
    except ValueError:
        return False
    seen_data = False
    for ctype, _, _ in chunks:
        seen_data = seen_data or ctype == b"IDAT"
        if seen_data and ctype in (b"tEXt", b"zTXt", b"iTXt"):
            return True
    return False
