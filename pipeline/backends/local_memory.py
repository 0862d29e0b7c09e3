"""Low-VRAM operation: model CPU offload and VAE tiling, chosen by free accelerator memory.

``plan_memory`` is a pure decision from numbers (free bytes, weight bytes, image size), so the rule is
tested without a GPU. ``apply_low_memory`` switches a loaded pipeline to the low-memory way, for good; the
backend calls it when the plan says so at load, and when a run runs out of memory, adding what is not on
yet before retrying that run once.

Offload (diffusers' ``enable_model_cpu_offload``) keeps each model on the CPU until its turn: the GPU holds
one model at a time, at the cost of a copy per model per image. Tiling (``vae.enable_tiling``) decodes
the picture in overlapping tiles: the VAE decode, whose activations grow with the pixel count, is what
runs out of memory first at large sizes.
"""

from __future__ import annotations

import threading
import weakref
from dataclasses import dataclass
from typing import Any

# Headroom over the weights for activations, the CUDA context and the allocator's slack: a run at the
# model's native size needs about this much more than its weights.
WEIGHTS_HEADROOM = 1.3
# VAE decode activations per output pixel, in bytes (fp16, SD-family VAE at 1024² uses ~3 GB).
VAE_BYTES_PER_PIXEL = 3 * 1024**3 / (1024 * 1024)
TILE = 512  # pixels a side of diffusers' VAE decode tile (sample_size of the SD-family VAEs)


@dataclass(frozen=True)
class MemoryPlan:
    offload: bool
    vae_tiling: bool
    reason: str  # said in the log and recorded with the image


def plan_memory(free_bytes: int | None, weights_bytes: int | None, width: int, height: int,
                accelerator: bool = True) -> MemoryPlan:
    """Whether to offload the models and tile the VAE, from the accelerator's free memory and the
    model's weight size. Unknown figures (no accelerator, weights not on disk) change nothing."""
    if not accelerator or free_bytes is None or weights_bytes is None:
        return MemoryPlan(False, False, "memory not known: run as loaded")
    vae_need = VAE_BYTES_PER_PIXEL * width * height
    need = weights_bytes * WEIGHTS_HEADROOM + vae_need
    if need <= free_bytes:
        return MemoryPlan(False, False, f"fits: {_gb(need)} needed of {_gb(free_bytes)} free")
    # Tile when the decode alone would take a large share; a tiled decode needs about one tile's worth.
    tiling = vae_need > free_bytes / 4
    vae_after = VAE_BYTES_PER_PIXEL * TILE * TILE if tiling else vae_need
    # Offload when the weights still do not fit beside it; memory that tight tiles the decode too.
    offload = weights_bytes * WEIGHTS_HEADROOM + vae_after > free_bytes
    tiling = tiling or offload
    what = " and ".join(w for w, on in (("model CPU offload", offload), ("VAE tiling", tiling)) if on)
    return MemoryPlan(offload, tiling, f"{what}: {_gb(need)} needed, {_gb(free_bytes)} free")


def free_accelerator_bytes(device: str) -> int | None:
    """Free memory on a CUDA device, or None elsewhere (CPU, MPS: no such figure)."""
    if not str(device).startswith("cuda"):
        return None
    import torch

    free, _total = torch.cuda.mem_get_info(torch.device(device))
    return int(free)


@dataclass(frozen=True)
class LowMemory:
    """What ``apply_low_memory`` did, and what it could not do (and why)."""

    applied: tuple[str, ...]
    skipped: tuple[str, ...]

    def describe(self) -> str:
        parts = list(self.applied) + [f"no {s}" for s in self.skipped]
        return ", ".join(parts)


_LOW: "weakref.WeakKeyDictionary[Any, LowMemory]" = weakref.WeakKeyDictionary()
_LOCK = threading.Lock()


def apply_low_memory(pipe: Any, device: str, plan: MemoryPlan | None = None) -> LowMemory | None:
    """Switch ``pipe`` to offload and/or tiling (both when no plan is given: the out-of-memory retry),
    adding to what an earlier call did. Returns what is in force now, or None when there was nothing
    left to try (a retry would fail the same way). Offload needs a CUDA device: elsewhere it is
    skipped, saying so."""
    with _LOCK:
        before = _LOW.get(pipe) or LowMemory((), ())
        tried = {m.split(" (")[0] for m in before.applied + before.skipped}
        offload = (plan.offload if plan else True) and "model CPU offload" not in tried
        tiling = (plan.vae_tiling if plan else True) and "VAE tiling" not in tried
        if not (offload or tiling):
            return None
        applied: list[str] = list(before.applied)
        skipped: list[str] = list(before.skipped)
        if offload:
            if str(device).startswith("cuda"):
                pipe.enable_model_cpu_offload(device=device)
                applied.append("model CPU offload")
            else:
                skipped.append("model CPU offload (needs a CUDA device)")
        vae = getattr(pipe, "vae", None)
        if tiling:
            if vae is not None and hasattr(vae, "enable_tiling"):
                vae.enable_tiling()
                applied.append("VAE tiling")
            else:
                skipped.append("VAE tiling (this VAE has none)")
        done = LowMemory(tuple(applied), tuple(skipped))
        _LOW[pipe] = done
        return done


def low_memory_of(pipe: Any) -> LowMemory | None:
    with _LOCK:
        return _LOW.get(pipe)


def _gb(n: float) -> str:
    return f"{n / 1024**3:.1f} GB"
