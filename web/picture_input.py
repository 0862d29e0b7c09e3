"""A picture given with a message, as the HTTP API and the chat's widgets deliver it, turned into
stored images named by id (``TurnSettings.image_id`` / ``mask_id``). Adapters only: the checks live in
``pipeline.source_image`` and the storing in ``TurnService.attach_picture``."""

from __future__ import annotations

import io
import os
from dataclasses import dataclass
from typing import Any

from conversation.service import TurnService
from pipeline.errors import GenerationError
from pipeline.source_image import MAX_INPUT_BYTES, PictureTooLarge, decode_base64
from web.api_errors import ApiError, not_found


@dataclass(frozen=True)
class Attached:
    image_id: str | None = None
    mask_id: str | None = None


def attach_from_api(turns: TurnService, user: str | None, conversation_id: str | None, *,
                    init_image: str | None, image_id: str | None, mask: str | None) -> Attached:
    """``init_image`` (Base64) or ``image_id`` (one of this person's images) and an optional ``mask``
    (Base64 PNG), checked before any work: 413 over a limit, 422 for what is not a picture, 404 for an
    image that is not theirs."""
    if init_image is not None and image_id is not None:
        raise ApiError(422, "Send the picture either as init_image or as image_id, not both.", field="init_image")
    try:
        if image_id is not None:
            if turns.store.image_record(image_id, user=user) is None:
                raise not_found("image")
        elif init_image is not None:
            image_id = turns.attach_picture(user, decode_base64(init_image, "init_image"),
                                            conversation_id=conversation_id)
        mask_id = None
        if mask is not None:
            if image_id is None:
                raise ApiError(422, "A mask needs the picture it belongs to: send init_image or image_id too.",
                               field="mask")
            mask_id = turns.attach_picture(user, decode_base64(mask, "mask"), role="mask",
                                           conversation_id=conversation_id)
    except PictureTooLarge as exc:
        raise ApiError(413, exc.user_message, field=exc.field, reason=exc.reason) from None
    except GenerationError as exc:
        raise ApiError(422, exc.user_message, field=getattr(exc, "field", None), reason=exc.reason) from None
    return Attached(image_id, mask_id)


# ---- the chat's widgets ------------------------------------------------------------------------------


def message_parts(value: Any) -> tuple[str, str | None]:
    """(text, path of the first attached file) of a MultimodalTextbox value (or plain text)."""
    if isinstance(value, dict):
        files = value.get("files") or []
        first = files[0] if files else None
        path = first.get("path") if isinstance(first, dict) else first
        return str(value.get("text") or ""), (str(path) if path else None)
    return str(value or ""), None


def read_upload(path: str | None) -> bytes | None:
    """The bytes of an uploaded file, its size checked before it is read."""
    if not path:
        return None
    try:
        size = os.path.getsize(path)
    except OSError:
        return None
    if size > MAX_INPUT_BYTES:
        raise PictureTooLarge("init_image", f"The picture is {size / 1e6:.1f} MB; the most a picture may be is "
                                            f"{MAX_INPUT_BYTES // (1024 * 1024)} MB.")
    with open(path, "rb") as f:
        return f.read()


def editor_parts(value: Any) -> tuple[bytes | None, bytes | None]:
    """(picture, mask) of a gr.ImageEditor value (type "pil"): the background is the picture, the
    strokes painted on its layers are the mask (white = redo). (None, None) when nothing is loaded;
    no mask when nothing was painted."""
    if not isinstance(value, dict) or value.get("background") is None:
        return None, None
    from PIL import Image

    background = value["background"]
    picture = _png(background.convert("RGB"))
    painted = Image.new("L", background.size, 0)
    for layer in value.get("layers") or []:
        if layer is None:
            continue
        alpha = layer.convert("RGBA").getchannel("A")
        if alpha.size != painted.size:
            alpha = alpha.resize(painted.size)
        painted.paste(255, mask=alpha.point(lambda v: 255 if v > 0 else 0))
    if painted.getextrema()[1] == 0:
        return picture, None
    return picture, _png(painted)


def _coarse_difference(a: Any, b: Any) -> float:
    """Mean absolute difference (0-255) of two pictures' 8 x 8 box averages."""
    from PIL import Image, ImageChops, ImageStat

    small = [p.resize((8, 8), Image.Resampling.BOX) for p in (a, b)]
    return sum(ImageStat.Stat(ImageChops.difference(*small)).mean) / 3


def _png(image: Any) -> bytes:
    buf = io.BytesIO()
    image.save(buf, format="PNG")
    return buf.getvalue()


# ---- the chat's widgets: building them -------------------------------------------------------------

STRENGTH_INFO = ("How far an edit of a picture may move from it: 0 = let the kind of edit decide (about 0.5 for "
                 "light and colour, 0.65 for a style, 0.7 to add or replace a thing); 1 ignores the picture.")


def message_box() -> Any:
    """The message box: text, plus one picture (upload, paste or drag) to edit. Enter sends."""
    import gradio as gr

    return gr.MultimodalTextbox(elem_id="prompt", placeholder="Describe a picture, or attach one to change…",
                                show_label=False, scale=8, autofocus=True, max_lines=6, submit_btn=False,
                                sources=["upload"], file_types=["image"], file_count="single")


def strength_slider() -> Any:
    import gradio as gr

    return gr.Slider(0, 1, value=0, step=0.05, label="Strength (edits of a picture)", info=STRENGTH_INFO,
                     elem_id="strength")


def region_editor(chat: Any, conv: Any, user_of: Any) -> Any:
    """The "Edit a region" accordion: the last picture (or one dropped here), painted over where it
    should change; the next messages redo only that region until the editor is cleared."""
    import gradio as gr

    with gr.Accordion("Edit a region", open=False, elem_id="edit-region"):
        gr.Markdown("Load the picture, paint over the part to change, then say what it should become. "
                    "Clear the editor to go back to whole pictures.")
        editor = gr.ImageEditor(type="pil", label="Paint the region to redo", elem_id="region-editor",
                                sources=["upload", "clipboard"], layers=False, height=360,
                                brush=gr.Brush(colors=["#ffffff"], color_mode="fixed"))
        load = gr.Button("Load the last picture", elem_id="region-load", size="sm")
        note = gr.Markdown("", elem_id="region-note")

        loaded = gr.State(None)  # the id of the stored picture the editor holds, if it holds one

    def load_last(conv_id: str | None, request: gr.Request):
        found = _last_picture(chat.store, conv_id, user_of(request))
        if found is None:
            gr.Info("There is no finished picture in this conversation yet.")
            return gr.skip(), gr.skip()
        from PIL import Image

        picture = Image.open(io.BytesIO(found[1])).convert("RGB")
        return {"background": picture, "layers": [], "composite": picture}, found[0]

    # Says what the next message will do, once the server has the picture and the painted strokes.
    described = dict(queue=False, api_visibility="private", show_progress="hidden")
    load.click(load_last, [conv], [editor, loaded], queue=False, api_visibility="private").then(
        region_note, [editor], [note], **described)
    editor.change(region_note, [editor], [note], trigger_mode="always_last", **described)
    return editor, loaded


def region_note(value: Any) -> str:
    """What the next message does with the editor as it is: redo the painted part, or nothing."""
    picture, mask = editor_parts(value)
    if picture is None:
        return ""
    if mask is None:
        return "Nothing painted yet: paint over the part to change."
    from PIL import Image

    painted = Image.open(io.BytesIO(mask)).histogram()[255] / max(1, _area(value["background"]))
    return f"The next message redoes the painted region ({painted:.0%} of the picture)."


def _area(image: Any) -> int:
    return image.width * image.height


def last_picture(store: Any, conv_id: str | None, user: str | None) -> Any:
    """The conversation's latest picture, as a PIL image, or None."""
    found = _last_picture(store, conv_id, user)
    if found is None:
        return None
    from PIL import Image

    return Image.open(io.BytesIO(found[1])).convert("RGB")


def _last_picture(store: Any, conv_id: str | None, user: str | None) -> tuple[str, bytes] | None:
    if not conv_id:
        return None
    for message in reversed(store.messages(conv_id, user=user)):
        if message.role == "assistant" and message.image is not None:
            found = store.image_bytes(message.image.id, user=user)
            if found is not None:
                return message.image.id, found[0]
    return None


@dataclass(frozen=True)
class RegionSource:
    """What a painted region edits: a stored picture by id where the editor was loaded with one (so the
    recipe names it, not the editor's resampled copy), else the editor's picture, to be stored."""
    image_id: str | None
    picture: bytes | None
    mask: bytes


# The editor's canvas resamples what it shows (a 64 px picture comes back 20/255 off on average), so
# whether it still holds the loaded picture is judged on 8 x 8 averages, where that blur is gone and
# another picture is far off.
SAME_PICTURE_MAD = 12.0


def region_source(store: Any, user: str | None, loaded_id: str | None, picture: bytes, mask: bytes) -> RegionSource:
    """The editor's (picture, mask), and the id of the stored picture "Load the last picture" last put
    in it. The edit starts from that stored original, the mask scaled to it, while the editor still
    holds it: not cropped to another shape, and not replaced by a picture dropped in since."""
    from PIL import Image

    found = store.image_bytes(loaded_id, user=user) if loaded_id else None
    if found is None:
        return RegionSource(None, picture, mask)
    stored = Image.open(io.BytesIO(found[0])).convert("RGB")
    shown = Image.open(io.BytesIO(picture)).convert("RGB")
    painted = Image.open(io.BytesIO(mask)).convert("L")
    if abs(shown.width * stored.height - shown.height * stored.width) > max(stored.width, stored.height):
        return RegionSource(None, picture, mask)
    if _coarse_difference(shown, stored) > SAME_PICTURE_MAD:
        return RegionSource(None, picture, mask)
    if painted.size != stored.size:
        painted = painted.resize(stored.size, Image.Resampling.NEAREST)
    return RegionSource(loaded_id, None, _png(painted.point(lambda v: 255 if v >= 128 else 0)))


def pending_parts(pending: Any) -> tuple[str | None, str | None]:
    """(text, attached picture's path) of what on_submit left for respond: text, or a dict with both."""
    if isinstance(pending, dict):
        return pending.get("text"), pending.get("picture")
    return pending, None
