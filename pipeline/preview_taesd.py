"""Sharp previews from TAESD, the tiny distilled VAE decoder (diffusers' ``AutoencoderTiny``), which
A1111 and ComfyUI users know: a real decode of the forming latents at a small fraction of the full
VAE's cost (figures in docs/benchmarks.md).

The decoder folder (``--taesd PATH``: e.g. madebyollin/taesd for SD1.x, taesdxl for SDXL, taesd3,
taef1) is loaded once per process and device and shared by every run. Latents are decoded the way a
pipeline decodes with it: ``latents / scaling_factor + shift_factor``.
"""

from __future__ import annotations

import io
import threading
from pathlib import Path
from typing import Any

from pipeline.preview import JPEG_QUALITY

PREVIEW_MODES = ("latent", "taesd", "off")

_DECODERS: dict[tuple[str, str, str], Any] = {}
_LOCK = threading.Lock()


def check_folder(path: str | None) -> str | None:
    """Why ``path`` cannot be a TAESD decoder, or None when it looks like one (a folder saved with
    ``save_pretrained``: config.json naming AutoencoderTiny)."""
    if not path:
        return "--preview taesd needs --taesd FOLDER: an AutoencoderTiny saved with save_pretrained."
    folder = Path(path).expanduser()
    config = folder / "config.json"
    if not config.is_file():
        return f"The TAESD folder {folder.name!r} has no config.json: save an AutoencoderTiny there."
    if "AutoencoderTiny" not in config.read_text(encoding="utf-8", errors="replace"):
        return f"The folder {folder.name!r} is not an AutoencoderTiny (TAESD) model."
    return None


def load_decoder(path: str, device: Any, dtype: Any) -> Any:
    """The AutoencoderTiny in ``path`` on ``device``, loaded once."""
    key = (str(Path(path).expanduser()), str(device), str(dtype))
    with _LOCK:
        found = _DECODERS.get(key)
        if found is None:
            from diffusers import AutoencoderTiny

            found = AutoencoderTiny.from_pretrained(key[0], torch_dtype=dtype).to(device).eval()
            _DECODERS[key] = found
        return found


def taesd_preview(decoder: Any, latents: Any, *, max_side: int | None = None) -> bytes | None:
    """A JPEG of the first image of ``latents`` decoded by TAESD, or None when its latent channels are
    not the decoder's (a decoder for another model family)."""
    import torch
    from PIL import Image

    shape = tuple(getattr(latents, "shape", ()))
    if len(shape) != 4 or shape[1] != decoder.config.latent_channels:
        return None
    param = next(decoder.parameters())
    with torch.no_grad():
        x = latents[:1].to(device=param.device, dtype=param.dtype)
        x = x / decoder.config.scaling_factor + decoder.config.shift_factor
        image = decoder.decode(x).sample[0].float()  # [-1, 1]
        rgb = ((image + 1.0) * 127.5).clamp(0, 255).nan_to_num(0).to(torch.uint8).permute(1, 2, 0).cpu().numpy()
    img = Image.fromarray(rgb)
    if max_side and max(img.size) > max_side:
        scale = max_side / max(img.size)
        img = img.resize((max(1, round(img.width * scale)), max(1, round(img.height * scale))),
                         Image.Resampling.BILINEAR)
    buf = io.BytesIO()
    img.save(buf, format="JPEG", quality=JPEG_QUALITY)
    return buf.getvalue()
