"""Cheap previews of a forming image: project the 4 latent channels straight to RGB.

A full VAE decode per denoising step costs more than the step itself; a fixed 4x3 linear
projection of the latent costs a few microseconds per pixel and looks close enough to watch
the picture form. The factors are the published ones from ComfyUI's
``comfy/latent_formats.py`` (``latent_rgb_factors`` / ``latent_rgb_factors_bias`` of the SD15
and SDXL formats); A1111's ``modules/sd_vae_approx.py`` "cheap approximation" uses the same
SD1.x matrix. They apply to latents in the model's (scaled) space, as the UNet sees them.
"""

from __future__ import annotations

import io
import time
from typing import Any, Callable

# rows: latent channels 0..3; columns: R, G, B
LATENT_RGB_FACTORS: dict[str, tuple[tuple[float, float, float], ...]] = {
    "sd15": (  # also SD2.x and SD-Turbo: same VAE latent space
        (0.3512, 0.2297, 0.3227),
        (0.3250, 0.4974, 0.2350),
        (-0.2829, 0.1762, 0.2721),
        (-0.2120, -0.2616, -0.7177),
    ),
    "sdxl": (
        (0.3651, 0.4232, 0.4341),
        (-0.2533, -0.0042, 0.1068),
        (0.1076, 0.1111, -0.0362),
        (-0.3165, -0.2492, -0.2188),
    ),
}
LATENT_RGB_BIAS: dict[str, tuple[float, float, float]] = {
    "sd15": (0.0, 0.0, 0.0),
    "sdxl": (0.1084, -0.0175, -0.0011),
}
JPEG_QUALITY = 70  # previews are looked at for a fraction of a second


def latents_to_preview(latents: Any, family: str, *, max_side: int | None = None) -> bytes | None:
    """A small JPEG of ``latents`` ((B, 4, H, W) or (4, H, W) tensor; the first image of a
    batch), or None when there is no projection for this family / channel count."""
    factors = LATENT_RGB_FACTORS.get(family)
    shape = tuple(getattr(latents, "shape", ()))
    if factors is None or len(shape) not in (3, 4):
        return None
    x = latents[0] if len(shape) == 4 else latents
    if x.shape[0] != len(factors) or x.shape[1] < 1 or x.shape[2] < 1:
        return None

    import torch
    from PIL import Image

    with torch.no_grad():
        x = x.detach().float()  # fp16/bf16 latents: project in fp32
        m = torch.tensor(factors, dtype=torch.float32, device=x.device)
        b = torch.tensor(LATENT_RGB_BIAS[family], dtype=torch.float32, device=x.device)
        rgb = torch.einsum("chw,cr->hwr", x, m) + b  # [-1, 1]-ish
        rgb = ((rgb + 1.0) * 127.5).clamp(0, 255).nan_to_num(0).to(torch.uint8).cpu().numpy()
    img = Image.fromarray(rgb)  # (H, W, 3) uint8 -> RGB
    if max_side and max(img.size) != max_side:
        scale = max_side / max(img.size)
        size = (max(1, round(img.width * scale)), max(1, round(img.height * scale)))
        img = img.resize(size, Image.Resampling.BILINEAR)
    buf = io.BytesIO()
    img.save(buf, format="JPEG", quality=JPEG_QUALITY)
    return buf.getvalue()


class Throttle:
    """Lets at most ``max_fps`` events a second through; ``max_fps <= 0`` lets none through.

    The first call is always let through, so even a short run shows one preview.
    """

    def __init__(self, max_fps: float, clock: Callable[[], float] = time.monotonic):
        self.max_fps = max_fps
        self._interval = 1.0 / max_fps if max_fps > 0 else None
        self._clock = clock
        self._last: float | None = None

    def ready(self) -> bool:
        if self._interval is None:
            return False
        now = self._clock()
        if self._last is not None and now - self._last < self._interval:
            return False
        self._last = now
        return True
