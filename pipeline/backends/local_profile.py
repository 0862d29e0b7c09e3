"""What a model's configs say about how to run it (``profile_from_configs``), and the name a model
goes by in recipes and files (``public_model_name``).

Defaults come from the model:
  - size: ``unet.config.sample_size * vae_scale_factor`` (512 for SD1.5, 1024 for SDXL);
  - few-step models -- name contains turbo / lcm / lightning / schnell / hyper-sd, or the
    scheduler is LCMScheduler, or the UNet takes a guidance embedding (``time_cond_proj_dim``,
    LCM-distilled) -- run 4 steps at guidance 0.0;
  - otherwise 25 steps at guidance 7.5, or 5.0 for SDXL (pipeline class name contains "XL",
    or the UNet has SDXL's ``addition_embed_type == "text_time"``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from pipeline.backends.local_hub import looks_like_hub_id

DEFAULT_VAE_SCALE_FACTOR = 8  # every SD-family VAE; used until the model's own is known
FEW_STEP_MARKERS = ("turbo", "lcm", "lightning", "schnell", "hyper-sd")


@dataclass(frozen=True)
class ModelProfile:
    """What the model's configs say about how to run it."""

    family: str  # latent space for previews: "sd15" | "sdxl" | "sd3" | "flux" | "other"
    few_step: bool
    native_size: int | None  # None: not known until the pipeline is loaded
    vae_scale_factor: int | None
    steps: int
    guidance: float
    rule: str  # which rule chose steps/guidance, for the record


def profile_from_configs(
    model: str,
    model_index: dict | None = None,
    unet: dict | None = None,
    vae: dict | None = None,
    scheduler: dict | None = None,
    default_sample_size: int | None = None,
) -> ModelProfile:
    """Pure: the profile from whatever configs are known (any may be None)."""
    model_index, unet, vae, scheduler = model_index or {}, unet or {}, vae or {}, scheduler or {}
    pipeline_class = str(model_index.get("_class_name", ""))
    label = _model_label(model)

    sdxl = "XL" in pipeline_class or unet.get("addition_embed_type") == "text_time"
    if not (model_index or unet):
        sdxl = "xl" in label  # nothing on disk yet: the name is all there is
    # SD3 and FLUX: 16 latent channels, each with its published 16x3 projection; other transformer
    # models have none.
    if "StableDiffusion3" in pipeline_class:
        family = "sd3"
    elif "Flux" in pipeline_class:
        family = "flux"
    elif vae.get("latent_channels", 4) != 4 or (model_index and "unet" not in model_index):
        family = "other"
    else:
        family = "sdxl" if sdxl else "sd15"

    blocks = vae.get("block_out_channels")
    vae_scale_factor = 2 ** (len(blocks) - 1) if blocks else None
    sample_size = unet.get("sample_size") or default_sample_size
    if isinstance(sample_size, (list, tuple)):
        sample_size = sample_size[0]
    native = int(sample_size) * vae_scale_factor if sample_size and vae_scale_factor else None

    marker = next((m for m in FEW_STEP_MARKERS if m in label), None)
    scheduler_class = str(scheduler.get("_class_name", ""))
    if marker:
        few, rule = True, f"few-step: name contains {marker!r}"
    elif scheduler_class == "LCMScheduler":
        few, rule = True, "few-step: LCMScheduler"
    elif unet.get("time_cond_proj_dim") is not None:
        few, rule = True, "few-step: UNet takes a guidance embedding (LCM-distilled)"
    else:
        few, rule = False, "SDXL defaults" if family == "sdxl" else "SD defaults"
    if few:
        steps, guidance = 4, 0.0
    else:
        steps, guidance = 25, 5.0 if family == "sdxl" else 7.5
    return ModelProfile(family, few, native, vae_scale_factor, steps, guidance, rule)


def _model_label(model: str) -> str:
    """The part of the model's name that describes it: a hub id, or a folder's name."""
    p = Path(model).expanduser()
    return (p.name if p.is_dir() else model).lower()


def public_model_name(model: str) -> str:
    """The model's name as recipes, PNGs and exports give it: a hub id as it is; for a local
    folder or file, its name alone (a hub cache snapshot gives back its hub id). A local path
    would tell whoever receives a shared picture how this machine's folders are laid out, and
    would mean nothing on theirs."""
    p = Path(model).expanduser()
    if looks_like_hub_id(model) and not p.exists():  # "org/name" that is no folder here
        return model
    parts = p.parts
    for i, part in enumerate(parts):  # <cache>/models--org--name/snapshots/<revision>
        if part.startswith("models--") and i + 1 < len(parts) and parts[i + 1] == "snapshots":
            return part[len("models--"):].replace("--", "/")
    name = re.split(r"[\\/]", model.rstrip("/\\"))[-1] or model  # a Windows path too
    stem, dot, suffix = name.rpartition(".")
    return stem if dot and suffix.lower() in ("safetensors", "ckpt", "bin") else name


