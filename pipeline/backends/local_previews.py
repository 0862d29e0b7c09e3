"""The preview of a forming image from the latents of one denoising step: the fixed latent-to-RGB
projection, or the TAESD decoder when one is loaded. A preview never breaks the run."""

from __future__ import annotations

import math
from typing import Any

from pipeline.backends.local_profile import DEFAULT_VAE_SCALE_FACTOR
from pipeline.preview import latents_to_preview, unpack_flux
from pipeline.preview_taesd import taesd_preview


def safe_preview(latents: Any, family: str, scheduler: Any, size: tuple[Any, Any] = (None, None),
                  vae_scale_factor: int = DEFAULT_VAE_SCALE_FACTOR, decoder: Any = None) -> bytes | None:
    """A preview (by the TAESD ``decoder`` when given, else the latent projection), or None; a preview
    must never break the run."""
    if latents is None:
        return None
    try:
        if family == "flux" and latents.ndim == 3 and size[0] and size[1]:
            latents = unpack_flux(latents, size[0], size[1], vae_scale_factor)
        # Sigma-parameterised schedulers (Euler, DPM++ ...) carry x0 + sigma*noise; bring it
        # back to unit scale so the projection's colours stay in range. Flow matching (SD3, FLUX)
        # interpolates between the two instead: already at unit scale.
        sigmas, index = getattr(scheduler, "sigmas", None), getattr(scheduler, "step_index", None)
        flow = type(scheduler).__name__.startswith("FlowMatch")
        if not flow and sigmas is not None and index is not None and index < len(sigmas):
            latents = latents / math.sqrt(float(sigmas[index]) ** 2 + 1.0)
        if decoder is not None:
            return taesd_preview(decoder, latents)
        return latents_to_preview(latents, family)
    except Exception:
        return None


