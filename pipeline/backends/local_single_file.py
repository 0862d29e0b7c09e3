"""Single-file checkpoints (``--model some.safetensors``), the way A1111 and civitai share models:
loaded with diffusers' ``from_single_file``.

The file holds weights in the original (LDM) layout but no configs. diffusers takes them from
``config``: a diffusers folder or hub id of the same architecture (``--model-config``), else it fetches
the default one for the detected architecture from the hub, which fails offline: so the message says
to pass ``--model-config``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pipeline.errors import ModelNotFound

SUFFIXES = (".safetensors", ".ckpt")
# A key only SDXL checkpoints have: its second text encoder (OpenCLIP ViT-bigG).
_SDXL_KEY = "conditioner.embedders.1."


def is_single_file(model: str) -> bool:
    path = Path(model).expanduser()
    return path.suffix.lower() in SUFFIXES and path.is_file()


def pipeline_class(path: Path) -> Any:
    """StableDiffusionXLPipeline for an SDXL checkpoint, else StableDiffusionPipeline."""
    import diffusers

    if path.suffix.lower() == ".safetensors":
        from safetensors import safe_open

        with safe_open(str(path), framework="pt") as f:
            if any(k.startswith(_SDXL_KEY) for k in f.keys()):
                return diffusers.StableDiffusionXLPipeline
    return diffusers.StableDiffusionPipeline


def load_single_file(model: str, dtype: Any, config: str | None) -> Any:
    path = Path(model).expanduser()
    cls = pipeline_class(path)
    try:
        return cls.from_single_file(str(path), config=config, torch_dtype=dtype, local_files_only=config is not None
                                    and Path(config).expanduser().is_dir())
    except (OSError, ValueError) as exc:
        hint = ("" if config else " It needs the model's configs: pass --model-config with a diffusers folder or "
                "hub id of the same architecture (e.g. stable-diffusion-v1-5/stable-diffusion-v1-5).")
        text = " ".join(str(exc).split())[:200]
        raise ModelNotFound(f"The checkpoint {path.name!r} could not be loaded ({text}).{hint}") from exc
