"""Loading the local model once per process: the device it runs on, where its weights go (on the
device, or offloaded when memory says so), and the table of loaded pipelines that runs look up.

The table is module-level, not on the backend: the GPU function receives only a ``ModelSpec``, and a
process forked from the app (ZeroGPU's worker) inherits it, so a model loaded before the fork is
found there.
"""

from __future__ import annotations

import copy
import logging
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pipeline.backends.local_failures import free_accelerator_memory, is_oom, map_error, short
from pipeline.backends.local_hub import (
    FIX_HINT,
    HUB_CHECK_TIMEOUT_S,
    check_can_download,
    looks_like_hub_id,
    not_a_pipeline,
    read_model_configs,
    weights_bytes,
)
from pipeline.backends.local_memory import apply_low_memory, free_accelerator_bytes, plan_memory
from pipeline.backends.local_speed import SpeedOptions
from pipeline.backends.local_speed import prepare as prepare_speed
from pipeline.backends.local_profile import DEFAULT_VAE_SCALE_FACTOR, ModelProfile, profile_from_configs
from pipeline.backends.local_single_file import is_single_file, load_single_file
from pipeline.devices import DeviceChoice, pick_device
from pipeline.errors import BackendUnavailable, GenerationError, ModelNotFound
from pipeline.threads import set_torch_threads

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ModelSpec:
    """What a process needs to load the model; plain data, so it can travel to a ZeroGPU worker."""

    model: str
    device: str | None = None
    dtype: str | None = None
    hub_check_timeout_s: float = HUB_CHECK_TIMEOUT_S
    slot: str = ""  # whose copy: each backend loads its own, as a pipe keeps per-call state on itself
    config: str | None = None  # a single-file checkpoint's configs: a diffusers folder or hub id
    threads: int | None = None  # torch's CPU threads, set when loading (pipeline.threads); None: torch's own
    speed: SpeedOptions = SpeedOptions()  # --compile / --deepcache, applied once the model is placed
    adapters: bool = False  # LoRAs may be loaded later (a --lora-dir): QKV projections stay unfused


@dataclass(frozen=True)
class LoadedPipeline:
    pipe: Any
    device: DeviceChoice
    profile: ModelProfile
    load_s: float
    counting_tokenizer: Any
    run_lock: threading.Lock  # one denoising loop at a time on the shared pipe


PIPELINES: dict[ModelSpec, LoadedPipeline] = {}
_LOAD_LOCKS: dict[ModelSpec, threading.Lock] = {}
_LOAD_LOCKS_GUARD = threading.Lock()


def load_model(spec: ModelSpec) -> tuple[LoadedPipeline, float]:
    """The loaded pipeline for ``spec`` in this process, loading it if needed; and the seconds this
    call spent loading (0.0 when it was loaded already)."""
    found = PIPELINES.get(spec)
    if found is not None:
        return found, 0.0
    with _LOAD_LOCKS_GUARD:
        lock = _LOAD_LOCKS.setdefault(spec, threading.Lock())
    with lock:
        found = PIPELINES.get(spec)
        if found is not None:  # another thread loaded it while we waited
            return found, 0.0
        t0 = time.perf_counter()
        oom: GenerationError | None = None
        try:
            pipe, device = _load_pipeline(spec)
        except GenerationError:
            raise
        except Exception as exc:
            if not is_oom(exc):
                raise map_error(exc, loading=True) from exc
            oom = map_error(exc, loading=True)
        if oom is not None:
            free_accelerator_memory()
            raise oom
        profile = profile_from_configs(
            spec.model,
            model_index=dict(pipe.config),
            unet=dict(pipe.unet.config) if getattr(pipe, "unet", None) is not None else None,
            vae=dict(pipe.vae.config) if getattr(pipe, "vae", None) is not None else None,
            scheduler={**pipe.scheduler.config, "_class_name": type(pipe.scheduler).__name__},
            default_sample_size=getattr(pipe, "default_sample_size", None),
        )
        load_s = time.perf_counter() - t0
        entry = LoadedPipeline(pipe, device, profile, load_s, _counting_copy(getattr(pipe, "tokenizer", None)),
                          threading.Lock())
        PIPELINES[spec] = entry
        return entry, load_s


def forget(spec: ModelSpec) -> None:
    PIPELINES.pop(spec, None)
    with _LOAD_LOCKS_GUARD:
        _LOAD_LOCKS.pop(spec, None)


def _load_pipeline(spec: ModelSpec) -> tuple[Any, DeviceChoice]:
    if spec.threads is not None:  # here, where torch is first imported for the model
        set_torch_threads(spec.threads)
    model = spec.model
    folder = Path(model).expanduser()
    if is_single_file(model):
        device = pick_model_device(spec)
        pipe = load_single_file(model, device.torch_dtype, spec.config)
        return _placed(pipe, device, spec), device
    if folder.is_dir():
        if not (folder / "model_index.json").is_file():
            raise not_a_pipeline(model)
        source = str(folder)
    elif not looks_like_hub_id(model):
        raise ModelNotFound(f"There is no folder {model!r}. {FIX_HINT}")
    else:
        source = model
        if not read_model_configs(model).get("model_index"):
            check_can_download(spec.model, spec.hub_check_timeout_s)  # before importing torch: fails in milliseconds

    device = pick_model_device(spec)
    from diffusers import AutoPipelineForText2Image

    def from_pretrained(**kw: Any) -> Any:
        return AutoPipelineForText2Image.from_pretrained(source, dtype=device.torch_dtype, **kw)

    try:
        pipe = from_pretrained(local_files_only=True)
    except (OSError, ValueError) as exc:
        if folder.is_dir():
            raise ModelNotFound(
                f"The folder {folder.name!r} could not be loaded as a diffusers pipeline "
                f"({short(exc)}). Save it again with save_pretrained, or point --model elsewhere."
            ) from exc
        check_can_download(spec.model, spec.hub_check_timeout_s)  # only part of it is in the cache
        try:
            pipe = from_pretrained()
        except (OSError, ValueError) as exc2:
            raise ModelNotFound(
                f"The model {model!r} could not be downloaded ({short(exc2)}). "
                "Check the model id, or log in with `hf auth login` for gated models. " + FIX_HINT
            ) from exc2
    return _placed(pipe, device, spec), device


def _placed(pipe: Any, device: DeviceChoice, spec: ModelSpec) -> Any:
    """The pipeline on its device, or offloaded and/or tiled when the free accelerator memory says the
    model will not fit (low-VRAM operation); then made faster as ``spec.speed`` asks, unless offloaded
    (a compiled model moved between devices at every call would gain nothing)."""
    model = spec.model
    denoiser = getattr(pipe, "unet", None) or getattr(pipe, "transformer", None)
    sample = getattr(getattr(denoiser, "config", None), "sample_size", None)
    sample = sample[0] if isinstance(sample, (list, tuple)) else sample
    native = int(sample) * int(getattr(pipe, "vae_scale_factor", DEFAULT_VAE_SCALE_FACTOR)) if sample else 1024
    plan = plan_memory(free_accelerator_bytes(device.device), weights_bytes(model), native, native,
                       accelerator=device.device.startswith("cuda"))
    if not plan.offload:
        pipe.to(device.device)  # offload places each model itself
    if plan.offload or plan.vae_tiling:
        log.warning("%s: %s", model, plan.reason)
        apply_low_memory(pipe, device.device, plan)
    elif spec.speed.compile or spec.speed.deepcache:
        prepare_speed(pipe, spec.speed, width=native, height=native, adapters_possible=spec.adapters)
    pipe.set_progress_bar_config(disable=True)
    return pipe



def pick_model_device(spec: ModelSpec) -> DeviceChoice:
    configs = read_model_configs(spec.config if spec.config and is_single_file(spec.model) else spec.model)
    family = profile_from_configs(spec.model, **configs).family
    try:
        return pick_device(spec.device, spec.dtype, family=family)
    except ValueError as exc:
        raise BackendUnavailable(
            f"{exc} Set --device / IMAGECHAT_DEVICE to cpu, "
            "or leave it unset to choose automatically."
        ) from None



def _counting_copy(tokenizer: Any) -> Any:
    """A copy made before any pipeline call, with padding and truncation off, for counting alone."""
    if tokenizer is None:
        return None
    clone = copy.deepcopy(tokenizer)
    backend = getattr(clone, "backend_tokenizer", None)
    if backend is not None:
        backend.no_padding()
        backend.no_truncation()
    return clone


