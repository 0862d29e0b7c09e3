"""Recipes written by other image tools, read into imagechat's terms.

Other tools' formats (AUTOMATIC1111's ``parameters`` text, ComfyUI's ``prompt``/``workflow``
graphs, Fooocus' JSON, InvokeAI's ``invokeai_metadata``, NovelAI's ``Comment``; in PNG text
chunks or a JPEG/WebP EXIF UserComment) are read by the maintained ``sd-parsers`` library, not
by a parser of our own. imagechat's own reader (``storage.pngtext``) is kept for two cases the
library does not cover:

- imagechat's own text: sd-parsers needs a ``Sampler:`` item, which pictures made with OpenAI
  lack, and it does not know ``Backend``/``Style``/``Typed prompt``;
- A1111-style text without a sampler item (some tools leave it out): sd-parsers rejects it.

What the file says but imagechat cannot apply (a hires pass, a LoRA node, a scheduler type, a
second sampler) is listed in ``not_applied``: a person restoring or importing the recipe sees
what differs, nothing is dropped silently. Pure functions; no Gradio, no database.
"""

from __future__ import annotations

import io
import json
import logging
import re
import threading
from dataclasses import dataclass, field
from typing import Any, Iterable, Mapping

from storage.pngtext import parameters_to_recipe
from storage.recipe import Settings, parameters_of
from storage.recipe import number as _float
from storage.recipe import whole_number as _int

log = logging.getLogger(__name__)

MAX_TEXT_CHARS = 1_000_000  # a pasted recipe; real ones are a few kB (a ComfyUI graph ~100 kB)
MAX_ITEM_CHARS = 200  # one listed value: enough to recognise it, not a whole workflow
MAX_READ_PIXELS = 8192 * 8192  # reading a PNG's trailing text decodes its pixels: bounded

# Text chunks that carry another tool's recipe: a PNG holding any of them is served as it is.
RECIPE_KEYWORDS = frozenset({
    "parameters", "prompt", "workflow", "invokeai_metadata", "invokeai_graph", "sd-metadata",
    "Dream", "Comment", "fooocus_scheme",
})

# Items that describe the file rather than how to make it again: not worth a "not applied" line.
_INFORMATIONAL = frozenset({
    "version", "model_hash", "hashes", "full_prompt", "full_negative_prompt", "metadata_scheme",
    "base_model_hash", "id", "n_samples", "request_type", "signed_hash", "generation_time",
    "app_version", "created_date", "resolution", "width", "height", "size", "model",
    "positive_prompt", "negative_prompt", "prompt", "uc", "ensd",
})
# ComfyUI nodes that only save or show the picture, or whose values are read into the recipe.
_COMFY_PLAIN_NODES = frozenset({"SaveImage", "PreviewImage", "VAEDecode", "EmptyLatentImage",
                                "CheckpointLoaderSimple"})


class ForeignRecipeError(ValueError):
    """Bytes or text that hold no readable recipe; the message says so in plain words."""


@dataclass(frozen=True, kw_only=True)
class ForeignRecipe(Settings):
    """A recipe as another tool (or imagechat) wrote it, in imagechat's terms: the settings of
    imagechat's Recipe (``backend`` only in imagechat's own text), and what else it says.

    ``seed`` is kept as written, even above imagechat's 32-bit range: the caller decides how to
    fit it and says so. ``sampler`` and ``model`` are the names as written (text)."""

    tool: str  # "AUTOMATIC1111", "ComfyUI", "Fooocus", "InvokeAI", "NovelAI", "imagechat"
    prompt: str
    sampler: str = ""
    style: str = ""
    prompt_typed: str = ""
    quality: str = ""
    parameters: str = ""  # the A1111-style text it came from, when it came from one
    not_applied: tuple[str, ...] = field(default=())


# --- reading ---------------------------------------------------------------------------------


def read_image_recipe(data: bytes) -> ForeignRecipe | None:
    """The recipe carried by an image's metadata (PNG text chunks, JPEG/WebP EXIF), or None
    where it carries none. Raises ForeignRecipeError for bytes no image reader accepts, or an
    image too large to open safely (Pillow's decompression-bomb limit)."""
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(data)) as img:
            if img.format == "PNG" and img.width * img.height > MAX_READ_PIXELS:
                # Text after the pixels is reached only by decoding them all.
                raise ForeignRecipeError(f"The picture is too large to read its recipe ({img.width}×{img.height} "
                                         f"pixels; the limit is {MAX_READ_PIXELS:,}).")
            own = _own_text(img)
            if own is not None:
                return own
            found = _library_recipe(img)
            if found is not None:
                return found
            text = _a1111_text(img)
    except ForeignRecipeError:
        raise
    except Image.DecompressionBombError as exc:
        raise ForeignRecipeError(f"The image is too large to open safely ({exc}).") from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
        raise ForeignRecipeError(f"That file is not a readable image ({type(exc).__name__}).") from None
    if not text:
        return None
    if _looks_like_json(text):  # JSON the library did not take (e.g. an older Fooocus): its fields, never the whole text
        try:
            return _from_json_text(text)
        except ForeignRecipeError:
            return None
    return _from_own_reader(text, tool="AUTOMATIC1111")


def read_text_recipe(text: str) -> ForeignRecipe:
    """A recipe pasted as text: A1111-style ``parameters`` (imagechat's or another tool's), or a
    Fooocus / InvokeAI JSON recipe. Raises ForeignRecipeError when no prompt can be found."""
    if len(text) > MAX_TEXT_CHARS:
        raise ForeignRecipeError(f"That text is longer than {MAX_TEXT_CHARS:,} characters; paste one recipe.")
    text = text.strip()
    if not text:
        raise ForeignRecipeError("Paste the parameters text of a picture (prompt, then Steps:, Seed:, …) first.")
    if _looks_like_json(text):
        return _from_json_text(text)
    if _is_own(text):
        return _from_own_reader(text, tool="imagechat")
    from sd_parsers.exceptions import ParserError
    from sd_parsers.parsers import AUTOMATIC1111Parser

    try:
        return _from_prompt_info(AUTOMATIC1111Parser().parse({"parameters": text}))
    except (ParserError, ForeignRecipeError, TypeError, ValueError, AttributeError):
        return _from_own_reader(text, tool="AUTOMATIC1111")


def carries_foreign_recipe(png: bytes) -> bool:
    """Whether a PNG's text chunks hold another tool's recipe (or any ``parameters`` text):
    such a file is served and exported byte for byte, never re-labelled with ours."""
    from storage.pngtext import text_keywords

    try:
        return bool(RECIPE_KEYWORDS & text_keywords(png))
    except ValueError:
        return False


# --- the library and its lock ----------------------------------------------------------------

# sd-parsers caches the last EXIF comment it read in module globals keyed by id(image): two
# threads reading at once would mix their files up, and a new image that Python happens to place
# at a freed image's address would get that image's comment. Reads are serialised, and the last
# image is held until the next read so that its id cannot be reused in between.
_LIBRARY_LOCK = threading.Lock()
_last_image: list[Any] = [None]


def _library_recipe(img: Any) -> ForeignRecipe | None:
    """What sd-parsers reads in ``img``, or None where it finds nothing it can use."""
    from sd_parsers import ParserManager

    with _LIBRARY_LOCK:
        try:
            info = ParserManager().parse(img)
            return None if info is None else _from_prompt_info(info)
        except ForeignRecipeError:
            return None
        except Exception:  # noqa: BLE001
            # The library catches only its own ParserError; metadata shaped in ways it does not
            # expect (a list where a graph should be, a number for a name) raises anything else.
            # A file from outside must never crash a restore or an import: treat it as unreadable
            # by the library, and let imagechat's own reader try its text.
            log.info("sd-parsers could not read this picture's metadata", exc_info=True)
            return None
        finally:
            _last_image[0] = img


def _from_prompt_info(info: Any) -> ForeignRecipe:
    tool = str(getattr(info.generator, "value", info.generator))
    samplers = list(info.samplers)
    if not samplers:
        raise ForeignRecipeError(f"The {tool} metadata names no sampler, so it holds no recipe.")
    first, rest = samplers[0], samplers[1:]
    params = dict(first.parameters)
    meta = dict(info.metadata)
    skipped: list[str] = []
    if rest:
        skipped.append(f"{len(rest)} more sampler(s) in the {tool} workflow: only the first one "
                       f"({first.name}) is used")

    prompt = _join(first.prompts)
    negative = _join(first.negative_prompts)
    if len(first.prompts) > 1:
        skipped.append(f"{len(first.prompts)} prompt parts combined into one prompt")
    # The sampler's own values first; some parsers leave them in the metadata (NovelAI's steps).
    seed = _int(_take(params, meta, "seed", "noise_seed"))  # noise_seed: ComfyUI's KSamplerAdvanced
    steps = _int(_take(params, meta, "steps"))
    guidance = _float(_take(params, meta, "cfg_scale"))
    if _float(params.get("denoise")) == 1.0:
        params.pop("denoise")  # ComfyUI's text-to-image default: nothing to apply
    width, height = _size(tool, meta)
    model = first.model.name if first.model is not None else None
    if not isinstance(model, str):
        # sd-parsers stops at the first node with a "model" input: behind a LoRA loader that is
        # a link, not a name. The checkpoint loader's file name is the model.
        model = _comfy_checkpoint(info.raw_parameters) if tool == "ComfyUI" else ""
    if not model and tool == "InvokeAI":
        model = _invokeai_model(info.raw_parameters)
    if first.model is not None and tool == "ComfyUI":
        skipped += _items(first.model.metadata)  # e.g. a LoRA loader's name and strengths
    skipped += _items(params)
    skipped += _comfy_items(meta) if tool == "ComfyUI" else _items(meta)
    return ForeignRecipe(
        tool=tool,
        prompt=prompt,
        negative_prompt=negative,
        seed=seed,
        steps=steps,
        guidance=guidance,
        width=width,
        height=height,
        sampler=str(first.name or ""),
        model=model,
        parameters=_text_of(info.raw_parameters) if tool == "AUTOMATIC1111" else "",
        not_applied=tuple(skipped),
    )


# --- imagechat's own reader, where the library falls short ----------------------------------


def _is_own(text: str) -> bool:
    # Only imagechat writes "Backend:" in the settings line.
    last = text.rstrip().rsplit("\n", 1)[-1]
    return bool(re.search(r"(?:^|,\s*)Backend:\s*\w", last))


def _own_text(img: Any) -> ForeignRecipe | None:
    text = _a1111_text(img)
    return _from_own_reader(text, tool="imagechat") if text and _is_own(text) else None


def _from_own_reader(text: str, *, tool: str) -> ForeignRecipe:
    parsed = parameters_to_recipe(text)
    other = parsed.get("other") or {}
    return ForeignRecipe(
        tool=tool,
        prompt=parsed["prompt"],
        **{**parameters_of(Settings, parsed),  # the seed as written, even outside imagechat's range
           "seed": parsed.get("seed") if isinstance(parsed.get("seed"), int) else None},
        sampler=str(parsed.get("sampler") or ""),
        style=str(parsed.get("style") or ""),
        prompt_typed=str(parsed.get("prompt_typed") or ""),
        quality=str(parsed.get("quality") or ""),
        parameters=text,
        not_applied=tuple(_items(other)) if tool != "imagechat" else (),
    )


def _a1111_text(img: Any) -> str | None:
    """The ``parameters`` text of a PNG (before or after the pixels), or None."""
    if img.format != "PNG":
        return None
    value = img.info.get("parameters")
    if value is None:
        value = getattr(img, "text", {}).get("parameters")
    return value if isinstance(value, str) else None


# --- JSON recipes pasted as text ------------------------------------------------------------


def _from_json_text(text: str) -> ForeignRecipe:
    try:
        doc = json.loads(text)
    except ValueError:
        raise ForeignRecipeError("That text looks like JSON but does not parse; paste the whole recipe.") from None
    if not isinstance(doc, dict):
        raise ForeignRecipeError("That JSON is not a recipe (it is not an object with a prompt).")
    from sd_parsers.exceptions import ParserError
    from sd_parsers.parsers import FooocusParser, InvokeAIParser

    for parse in (lambda: FooocusParser().parse({"parameters": text}),
                  lambda: InvokeAIParser().parse({"invokeai_metadata": text})):
        try:
            found = _from_prompt_info(parse())
        except (ParserError, ForeignRecipeError, AttributeError, TypeError, ValueError, KeyError):
            continue
        if found.prompt:
            return found
    prompt = doc.get("prompt") or doc.get("positive_prompt")
    if not isinstance(prompt, str) or not prompt.strip():
        raise ForeignRecipeError("No prompt was found in that JSON; it holds no recipe imagechat can read.")
    used = {"prompt", "positive_prompt", "negative_prompt", "seed", "steps", "guidance_scale", "cfg_scale",
            "width", "height", "resolution", "sampler", "base_model"}
    width, height = _size("Fooocus", doc)
    return ForeignRecipe(
        tool="JSON",
        prompt=prompt,
        negative_prompt=str(doc.get("negative_prompt") or ""),
        seed=_int(doc.get("seed")),
        steps=_int(doc.get("steps")),
        guidance=_float(doc.get("guidance_scale", doc.get("cfg_scale"))),
        width=width,
        height=height,
        sampler=str(doc.get("sampler") or ""),
        model=str(doc.get("base_model") or ""),
        not_applied=tuple(_items({k: v for k, v in doc.items() if k not in used})),
    )


# --- small helpers -------------------------------------------------------------------------


def _looks_like_json(text: str) -> bool:
    return text.lstrip().startswith("{")


def _join(prompts: Iterable[Any]) -> str:
    return ", ".join(str(p).strip() for p in prompts if str(p).strip())


def _size(tool: str, meta: Mapping[str, Any]) -> tuple[int | None, int | None]:
    if isinstance(meta.get("Size"), str):  # A1111: "512x768"
        m = re.fullmatch(r"\s*(\d+)\s*x\s*(\d+)\s*", meta["Size"])
        if m:
            return int(m.group(1)), int(m.group(2))
    if isinstance(meta.get("resolution"), str):  # Fooocus: "(1152, 896)"
        m = re.fullmatch(r"\s*\(?\s*(\d+)\s*,\s*(\d+)\s*\)?\s*", meta["resolution"])
        if m:
            return int(m.group(1)), int(m.group(2))
    latents = meta.get("EmptyLatentImage")  # ComfyUI: one list entry per node
    if isinstance(latents, list) and latents and isinstance(latents[0], Mapping):
        return _int(latents[0].get("width")), _int(latents[0].get("height"))
    return _int(meta.get("width")), _int(meta.get("height"))


def _items(values: Mapping[str, Any], prefix: str = "") -> list[str]:
    """``Name: value`` lines for what a recipe says beyond what imagechat applies."""
    out = []
    for key, value in values.items():
        norm = str(key).strip().lower().replace(" ", "_")
        if norm in _INFORMATIONAL or value in (None, "", [], {}):
            continue
        out.append(f"{prefix}{key}: {_short(value)}")
    return out


def _comfy_items(meta: Mapping[str, Any]) -> list[str]:
    out = []
    for node, entries in meta.items():
        for entry in entries if isinstance(entries, list) else [entries]:
            if not isinstance(entry, Mapping):
                continue
            values = {k: v for k, v in entry.items() if k != "id"}
            if node == "EmptyLatentImage":
                if _int(values.get("batch_size")) not in (None, 1):
                    out.append(f"EmptyLatentImage batch_size: {values['batch_size']} (one picture is made)")
                continue
            if node in _COMFY_PLAIN_NODES or not values:
                continue
            out.append(f"{node}: " + _short(", ".join(f"{k}={v}" for k, v in values.items())))
    return out


def _take(first: dict[str, Any], second: dict[str, Any], *keys: str) -> Any:
    for source in (first, second):
        for key in keys:
            if source.get(key) is not None:
                return source.pop(key)
    return None


def _invokeai_model(raw: Mapping[str, Any]) -> str:
    # InvokeAI 4 names the model {"name": …}; sd-parsers 0.6 looks for "model_name" only.
    try:
        model = json.loads(raw["invokeai_metadata"]).get("model")
    except (KeyError, TypeError, ValueError, AttributeError):
        return ""
    if isinstance(model, Mapping):
        name = model.get("name") or model.get("model_name")
        return name if isinstance(name, str) else ""
    return model if isinstance(model, str) else ""


def _comfy_checkpoint(raw: Mapping[str, Any]) -> str:
    try:
        graph = raw["prompt"] if isinstance(raw["prompt"], dict) else json.loads(raw["prompt"])
    except (KeyError, TypeError, ValueError):
        return ""
    for node in graph.values() if isinstance(graph, dict) else ():
        name = node.get("inputs", {}).get("ckpt_name") if isinstance(node, dict) else None
        if isinstance(name, str):
            return name
    return ""


def _short(value: Any) -> str:
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, default=str)
    text = " ".join(text.split())
    return text if len(text) <= MAX_ITEM_CHARS else text[:MAX_ITEM_CHARS - 1] + "…"


def _text_of(raw: Mapping[str, Any]) -> str:
    value = raw.get("parameters") if isinstance(raw, Mapping) else None
    return value if isinstance(value, str) else ""
