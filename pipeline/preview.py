"""Cheap previews of a forming image: project the latent channels straight to RGB.

A full VAE decode per denoising step costs more than the step itself; a fixed 4x3 linear
projection of the latent costs a few microseconds per pixel and looks close enough to watch
the picture form. The factors are the published ones from ComfyUI's
``comfy/latent_formats.py`` (``latent_rgb_factors`` / ``latent_rgb_factors_bias`` of the SD15
and SDXL formats); A1111's ``modules/sd_vae_approx.py`` "cheap approximation" uses the same
SD1.x matrix. They apply to latents in the model's (scaled) space, as the UNet sees them. SD3 and
FLUX have 16 latent channels; their 16x3 matrices come from the same file (its SD3 and Flux formats),
for latents in the transformer's space ((vae latent - shift) * scale), which is what diffusers'
callback hands over. FLUX's pipeline packs 2x2 latent patches into tokens: ``unpack_flux`` undoes it.
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
    "sd3": (
        (-0.0922, -0.0175, 0.0749), (0.0311, 0.0633, 0.0954), (0.1994, 0.0927, 0.0458),
        (0.0856, 0.0339, 0.0902), (0.0587, 0.0272, -0.0496), (-0.0006, 0.1104, 0.0309),
        (0.0978, 0.0306, 0.0427), (-0.0042, 0.1038, 0.1358), (-0.0194, 0.0020, 0.0669),
        (-0.0488, 0.0130, -0.0268), (0.0922, 0.0988, 0.0951), (-0.0278, 0.0524, -0.0542),
        (0.0332, 0.0456, 0.0895), (-0.0069, -0.0030, -0.0810), (-0.0596, -0.0465, -0.0293),
        (-0.1448, -0.1463, -0.1189),
    ),
    "flux": (
        (-0.0346, 0.0244, 0.0681), (0.0034, 0.0210, 0.0687), (0.0275, -0.0668, -0.0433),
        (-0.0174, 0.0160, 0.0617), (0.0859, 0.0721, 0.0329), (0.0004, 0.0383, 0.0115),
        (0.0405, 0.0861, 0.0915), (-0.0236, -0.0185, -0.0259), (-0.0245, 0.0250, 0.1180),
        (0.1008, 0.0755, -0.0421), (-0.0515, 0.0201, 0.0011), (0.0428, -0.0012, -0.0036),
        (0.0817, 0.0765, 0.0749), (-0.1264, -0.0522, -0.1103), (-0.0280, -0.0881, -0.0499),
        (-0.1262, -0.0982, -0.0778),
    ),
}
LATENT_RGB_BIAS: dict[str, tuple[float, float, float]] = {
    "sd15": (0.0, 0.0, 0.0),
    "sdxl": (0.1084, -0.0175, -0.0011),
    "sd3": (0.2394, 0.2135, 0.1925),
    "flux": (-0.0329, -0.0718, -0.0851),
}
FLUX_PATCH = 2  # FLUX packs 2x2 latent patches of 16 channels into one 64-wide token


def unpack_flux(latents: Any, height: int, width: int, vae_scale_factor: int = 8) -> Any:
    """(B, tokens, 64) packed FLUX latents -> (B, 16, H/8, W/8), as diffusers' FluxPipeline unpacks them
    before decoding."""
    b, _, c = latents.shape
    h = FLUX_PATCH * (int(height) // (vae_scale_factor * FLUX_PATCH))
    w = FLUX_PATCH * (int(width) // (vae_scale_factor * FLUX_PATCH))
    x = latents.view(b, h // FLUX_PATCH, w // FLUX_PATCH, c // 4, FLUX_PATCH, FLUX_PATCH)
    return x.permute(0, 3, 1, 4, 2, 5).reshape(b, c // 4, h, w)
JPEG_QUALITY = 70  # previews are looked at for a fraction of a second


def latents_to_preview(latents: Any, family: str, *, max_side: int | None = None) -> bytes | None:
    """A small JPEG of ``latents`` ((B, C, H, W) or (C, H, W) tensor, C = 4, or 16 for SD3/FLUX; the
    first image of a batch), or None when there is no projection for this family / channel count."""
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
