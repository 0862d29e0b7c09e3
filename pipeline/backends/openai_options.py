"""What each OpenAI image model accepts, and a request checked against it before any paid call.

Pure functions, no network: ``check_inputs`` validates a request for one model and fills the
defaults the recipe should show; ``build_params`` turns a checked request into the keyword
arguments of ``images.generate`` or ``images.edit``. Values follow OpenAI's API reference.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Any

from PIL import Image, UnidentifiedImageError

from pipeline.backends.openai_spec import OpenAIOptions, options_of
from pipeline.errors import InvalidRequest
from pipeline.request import GenerationRequest

MB = 1024 * 1024


@dataclass(frozen=True)
class ModelRules:
    """What one OpenAI image model accepts. An empty tuple: the model takes no such option."""

    sizes: tuple[str, ...]  # the first is the default
    qualities: tuple[str, ...]  # the first is the default
    styles: tuple[str, ...]
    max_prompt_chars: int
    sends_quality: bool  # whether to put quality in the request at all
    sends_response_format: bool  # gpt-image always answers Base64 and rejects the field
    backgrounds: tuple[str, ...] = ()
    output_formats: tuple[str, ...] = ()  # the first is the default
    edits: bool = False  # images.edit accepts it
    edit_max_bytes: int = 0
    edit_square_png: bool = False  # DALL-E 2: a square PNG, transparent where to edit if no mask
    streams: bool = False  # stream=True with partial_images


DALL_E_3 = ModelRules(
    sizes=("1024x1024", "1792x1024", "1024x1792"),
    qualities=("standard", "hd"),
    styles=("vivid", "natural"),
    max_prompt_chars=4000,
    sends_quality=True,
    sends_response_format=True,
)
DALL_E_2 = ModelRules(
    sizes=("1024x1024", "512x512", "256x256"),
    qualities=("standard",),
    styles=(),
    max_prompt_chars=1000,
    sends_quality=False,
    sends_response_format=True,
    edits=True,
    edit_max_bytes=4 * MB,
    edit_square_png=True,
)
GPT_IMAGE = ModelRules(
    sizes=("1024x1024", "1536x1024", "1024x1536"),
    qualities=("auto", "low", "medium", "high"),
    styles=(),
    max_prompt_chars=32000,
    sends_quality=True,
    sends_response_format=False,
    backgrounds=("auto", "transparent", "opaque"),
    output_formats=("png", "jpeg", "webp"),
    edits=True,
    edit_max_bytes=50 * MB,
    streams=True,
)
SUPPORTED_MODELS = ("dall-e-3", "dall-e-2", "gpt-image-1")
MASK_MAX_BYTES = 4 * MB  # OpenAI: the mask is a PNG under 4 MB, for every model that edits
ALPHA_FORMATS = ("png", "webp")  # a transparent background needs a format that keeps alpha


def rules_for(model: str) -> ModelRules:
    """The rules of a model, or InvalidRequest("model") for one this backend does not know."""
    if model == "dall-e-3":
        return DALL_E_3
    if model == "dall-e-2":
        return DALL_E_2
    if model.startswith(("gpt-image-", "chatgpt-image-")):
        return GPT_IMAGE
    raise InvalidRequest(
        "model",
        f"The OpenAI backend does not know the image model '{model}'. "
        f"Choose one of: {', '.join(SUPPORTED_MODELS)} (or another gpt-image-* model).",
    )


def _choices(values: tuple[str, ...]) -> str:
    return ", ".join(values)


def _pick(field: str, value: str | None, allowed: tuple[str, ...], model: str, what: str) -> str | None:
    """``value`` checked against ``allowed`` (None stays None); a model with no choices takes none."""
    if value is None:
        return None
    if not allowed:
        raise InvalidRequest(field, f"{model} takes no {what}; it is for the gpt-image models. Leave it unset.")
    if value not in allowed:
        raise InvalidRequest(field, f"{what.capitalize()} '{value}' does not apply to {model}. "
                                    f"Choose one of: {_choices(allowed)}.")
    return value


def check_inputs(request: GenerationRequest, model: str) -> GenerationRequest:
    """Validate a request for ``model`` and fill its defaults. Pure: no network."""
    rules = rules_for(model)

    prompt = request.prompt.strip()
    if not prompt:
        raise InvalidRequest("prompt", "The prompt is empty: describe the picture you want.")
    if len(prompt) > rules.max_prompt_chars:
        raise InvalidRequest(
            "prompt",
            f"The prompt is {len(prompt)} characters long; {model} accepts at most "
            f"{rules.max_prompt_chars}. Shorten it and try again.",
        )

    source = _check_source(request, model, rules) if request.init_image is not None else None
    if request.mask is not None and source is None:
        raise InvalidRequest("mask", "A mask needs the picture it applies to: send the picture as well.")

    if request.width is None and request.height is None:
        # An edit keeps the source's shape as far as the model's sizes allow.
        size = _closest_size(rules.sizes, source) if source else rules.sizes[0]
    elif request.width is None or request.height is None:
        missing = "width" if request.width is None else "height"
        raise InvalidRequest(
            missing,
            f"Give both width and height for {model}, as one of: {_choices(rules.sizes)}.",
        )
    else:
        size = f"{request.width}x{request.height}"
        if size not in rules.sizes:
            raise InvalidRequest(
                "size",
                f"{model} cannot make a {size} image. Choose one of: {_choices(rules.sizes)}.",
            )
    width, height = (int(v) for v in size.split("x"))

    chosen = options_of(request)
    quality = chosen.quality or rules.qualities[0]
    if quality not in rules.qualities:
        raise InvalidRequest(
            "quality",
            f"Quality '{quality}' does not apply to {model}. Choose one of: {_choices(rules.qualities)}.",
        )

    style = chosen.openai_style
    if style is not None and not rules.styles:
        raise InvalidRequest(
            "openai_style",
            f"{model} takes no style; 'vivid' and 'natural' are for dall-e-3 only. Leave it unset.",
        )
    if rules.styles:
        style = style or rules.styles[0]
        if style not in rules.styles:
            raise InvalidRequest(
                "openai_style",
                f"Style '{style}' does not apply to {model}. Choose one of: {_choices(rules.styles)}.",
            )

    background = _pick("background", chosen.background, rules.backgrounds, model, "background")
    output_format = _pick("output_format", chosen.output_format, rules.output_formats, model, "output format")
    compression = chosen.output_compression
    if compression is not None:
        if not rules.output_formats:
            raise InvalidRequest("output_compression", f"{model} takes no output compression; it is for the "
                                                       "gpt-image models with jpeg or webp. Leave it unset.")
        if not 0 <= compression <= 100:
            raise InvalidRequest("output_compression",
                                 f"Output compression is a percentage from 0 to 100, not {compression}.")
        if (output_format or rules.output_formats[0]) not in ("jpeg", "webp"):
            raise InvalidRequest("output_compression", "Output compression applies to jpeg and webp only: "
                                                       "choose one of those formats, or leave compression unset.")
    if background == "transparent" and (output_format or rules.output_formats[0]) not in ALPHA_FORMATS:
        raise InvalidRequest("background", "A transparent background needs the png or webp format; "
                                           f"'{output_format}' has no transparency.")

    # Steps, guidance, negative prompt, seed and strength mean nothing to OpenAI: clear them so the
    # stored recipe says what was really used.
    return request.with_(
        prompt=prompt,
        model=model,
        width=width,
        height=height,
        options=OpenAIOptions(quality=quality, openai_style=style, background=background,
                              output_format=output_format, output_compression=compression),
        steps=None,
        guidance=None,
        negative_prompt="",
        seed=None,
        strength=None,
    )


def _open(data: bytes, field: str, what: str) -> Image.Image:
    try:
        image = Image.open(io.BytesIO(data))
        image.load()
        return image
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise InvalidRequest(field, f"The {what} could not be read as an image: send a PNG, JPEG or WebP.") from None


def _has_transparency(image: Image.Image) -> bool:
    if image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info):
        alpha = image.convert("RGBA").getchannel("A")
        return alpha.getextrema()[0] < 255
    return False


def _check_source(request: GenerationRequest, model: str, rules: ModelRules) -> tuple[int, int]:
    """The source picture (and mask) checked for what ``model`` accepts; its (width, height)."""
    if not rules.edits:
        raise InvalidRequest(
            "init_image",
            f"{'DALL-E 3' if model == 'dall-e-3' else model} can't edit a picture; "
            "switch to gpt-image-1 or the local model.",
        )
    data = request.init_image or b""
    if len(data) >= rules.edit_max_bytes:
        raise InvalidRequest("init_image", f"The picture is {len(data) / MB:.1f} MB; {model} edits pictures "
                                           f"under {rules.edit_max_bytes // MB} MB.")
    source = _open(data, "init_image", "picture")
    if rules.edit_square_png:
        if source.format != "PNG" or source.width != source.height:
            raise InvalidRequest("init_image", f"{model} edits only square PNG pictures; this one is a "
                                               f"{source.width}×{source.height} {source.format or 'image'}. "
                                               "Use gpt-image-1 or the local model for other shapes.")
        if request.mask is None and not _has_transparency(source):
            raise InvalidRequest("mask", f"{model} needs a mask (or transparent areas in the picture) "
                                         "to know what to repaint.")
    if request.mask is not None:
        if len(request.mask) >= MASK_MAX_BYTES:
            raise InvalidRequest("mask", f"The mask is {len(request.mask) / MB:.1f} MB; OpenAI takes masks under 4 MB.")
        mask = _open(request.mask, "mask", "mask")
        if mask.size != source.size:
            raise InvalidRequest("mask", f"The mask is {mask.width}×{mask.height} but the picture is "
                                         f"{source.width}×{source.height}: they must be the same size.")
    return source.size


def _closest_size(sizes: tuple[str, ...], source: tuple[int, int]) -> str:
    aspect = source[0] / source[1]

    def distance(size: str) -> float:
        w, h = (int(v) for v in size.split("x"))
        return abs(w / h - aspect)

    return min(sizes, key=distance)  # ties keep the earlier (default) size


def openai_mask(mask_png: bytes) -> bytes:
    """The mask in OpenAI's convention: an RGBA PNG, fully transparent where to repaint.

    A mask here says what to repaint in white (or, if it has transparent pixels, with those, as
    OpenAI's own masks do); black or opaque keeps."""
    with Image.open(io.BytesIO(mask_png)) as mask:
        if _has_transparency(mask):
            repaint = mask.convert("RGBA").getchannel("A").point(lambda a: 255 if a < 128 else 0)
        else:
            repaint = mask.convert("L").point(lambda v: 255 if v >= 128 else 0)
        out = Image.new("RGBA", mask.size, (0, 0, 0, 255))
        out.putalpha(repaint.point(lambda r: 0 if r else 255))
    buf = io.BytesIO()
    out.save(buf, format="PNG")
    return buf.getvalue()


def _source_file(data: bytes) -> tuple[str, bytes, str]:
    """The picture as a named upload, its type from its bytes (OpenAI checks the type)."""
    with Image.open(io.BytesIO(data)) as probe:
        fmt = (probe.format or "PNG").lower()
    ext = {"jpeg": "jpg"}.get(fmt, fmt)
    return f"image.{ext}", data, f"image/{fmt}"


def build_params(request: GenerationRequest, *, partial_images: int = 0) -> dict[str, Any]:
    """The keyword arguments for ``images.generate`` (or ``images.edit`` when the request has a
    source picture) of a checked request. ``partial_images`` > 0 streams, where the model can."""
    assert request.model is not None
    rules = rules_for(request.model)
    params: dict[str, Any] = {
        "model": request.model,
        "prompt": request.prompt,
        "size": f"{request.width}x{request.height}",
        "n": 1,
    }
    chosen = options_of(request)
    if rules.sends_quality:
        params["quality"] = chosen.quality
    if rules.styles:
        params["style"] = chosen.openai_style
    if rules.sends_response_format:
        params["response_format"] = "b64_json"
    # Only what was chosen is sent: OpenAI's defaults (auto background, png) stand otherwise.
    for name in ("background", "output_format", "output_compression"):
        if getattr(chosen, name) is not None:
            params[name] = getattr(chosen, name)
    if rules.streams and partial_images > 0:
        params["stream"] = True
        params["partial_images"] = partial_images
    if request.init_image is not None:
        params["image"] = _source_file(request.init_image)
        if request.mask is not None:
            params["mask"] = ("mask.png", openai_mask(request.mask), "image/png")
    return params


def recipe_extra(request: GenerationRequest) -> dict[str, Any]:
    """The options a checked request was made with, as the stored recipe keeps them (OpenAI's
    defaults named, so the recipe says what was used)."""
    rules = rules_for(request.model or "")
    chosen = options_of(request)
    extra: dict[str, Any] = {"quality": chosen.quality, "style": chosen.openai_style}
    if rules.output_formats:
        extra["background"] = chosen.background or "auto"
        extra["output_format"] = chosen.output_format or rules.output_formats[0]
        if extra["output_format"] in ("jpeg", "webp"):
            extra["output_compression"] = 100 if chosen.output_compression is None else chosen.output_compression
    return extra
