"""Stable Diffusion on this machine through Hugging Face diffusers.

One pipeline per backend, loaded lazily (or at start with ``load()``), shared by every request;
runs are serialised on it because a diffusers pipeline keeps per-call state (guidance,
interrupt flag, scheduler timesteps) on itself. torch and diffusers are imported only when
first needed, so the app starts fast and ``available()``/``resolve()`` stay cheap.

Each run goes through ``run_on_device``, a generator of plain data (``Loaded``, ``Progress``,
``Rendered`` or ``RunFailed``) that takes one picklable ``DeviceJob`` and finds the pipeline in a
module-level table: so on a ZeroGPU Space the same function, decorated at import as ``run_on_gpu``,
runs in ``spaces``' forked GPU worker (see ``pipeline.zerogpu``); elsewhere it runs in this process.

Defaults come from the model (see ``profile_from_configs``):
  - size: ``unet.config.sample_size * vae_scale_factor`` (512 for SD1.5, 1024 for SDXL);
  - few-step models -- name contains turbo / lcm / lightning / schnell / hyper-sd, or the
    scheduler is LCMScheduler, or the UNet takes a guidance embedding (``time_cond_proj_dim``,
    LCM-distilled) -- run 4 steps at guidance 0.0;
  - otherwise 25 steps at guidance 7.5, or 5.0 for SDXL (pipeline class name contains "XL",
    or the UNet has SDXL's ``addition_embed_type == "text_time"``).
"""

from __future__ import annotations

import contextvars
import copy
import functools
import gc
import json
import logging
import math
import os
import re
import queue
import secrets
import socket
import threading
import time
import weakref
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Callable, Iterator
from urllib.parse import urlparse

from pipeline import zerogpu
from pipeline.backends import local_controls, local_edit
from pipeline.backends.local_single_file import is_single_file, load_single_file
from pipeline.backends.local_memory import apply_low_memory, free_accelerator_bytes, low_memory_of, plan_memory
from pipeline.devices import DeviceChoice, pick_device
from pipeline.errors import (
    BackendFailure,
    BackendUnavailable,
    ContentRefused,
    GenerationError,
    InvalidRequest,
    ModelNotFound,
    OutOfMemory,
)
from pipeline.events import Cancelled, Event, Finished, Progress, Started
from pipeline.postprocess import RawImage
from pipeline.preview import Throttle, latents_to_preview, unpack_flux
from pipeline.preview_taesd import PREVIEW_MODES, check_folder, load_decoder, taesd_preview
from pipeline.request import SEED_MAX, GeneratedImage, GenerationRequest
from pipeline.threads import set_torch_threads
from pipeline.threaded import iterate_in_thread

log = logging.getLogger(__name__)

MAX_SIDE = 2048
MAX_STEPS = 150
MAX_GUIDANCE = 30.0
DEFAULT_VAE_SCALE_FACTOR = 8  # every SD-family VAE; used until the model's own is known
FEW_STEP_MARKERS = ("turbo", "lcm", "lightning", "schnell", "hyper-sd")
HUB_CHECK_TIMEOUT_S = 1.0
_FIX_HINT = (
    "Pass a local folder saved with save_pretrained via --model or IMAGECHAT_MODEL, "
    "or run once with network access so it can download into the Hugging Face cache."
)


# ---------------------------------------------------------------------------- model profile


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
    if _looks_like_hub_id(model) and not p.exists():  # "org/name" that is no folder here
        return model
    parts = p.parts
    for i, part in enumerate(parts):  # <cache>/models--org--name/snapshots/<revision>
        if part.startswith("models--") and i + 1 < len(parts) and parts[i + 1] == "snapshots":
            return part[len("models--"):].replace("--", "/")
    name = re.split(r"[\\/]", model.rstrip("/\\"))[-1] or model  # a Windows path too
    stem, dot, suffix = name.rpartition(".")
    return stem if dot and suffix.lower() in ("safetensors", "ckpt", "bin") else name


def _read_json(path: Path) -> dict | None:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


_CONFIG_FILES = {
    "model_index": "model_index.json",
    "unet": "unet/config.json",
    "vae": "vae/config.json",
    "scheduler": "scheduler/scheduler_config.json",
}


def read_model_configs(model: str) -> dict[str, dict | None]:
    """The configs of a local folder, or of a hub model in the local cache; no weights, no
    network."""
    folder = Path(model).expanduser()
    if folder.is_dir():
        return {k: _read_json(folder / f) for k, f in _CONFIG_FILES.items()}
    if not _looks_like_hub_id(model):
        return {}
    try:
        from huggingface_hub import try_to_load_from_cache

        found = {k: try_to_load_from_cache(model, f) for k, f in _CONFIG_FILES.items()}
    except Exception:  # an odd id the hub client refuses: nothing known, not an error here
        return {}
    return {k: _read_json(Path(v)) if isinstance(v, str) else None for k, v in found.items()}


# ---------------------------------------------------------------------------- finding the model


def _looks_like_hub_id(model: str) -> bool:
    parts = model.split("/")
    return (
        0 < len(parts) <= 2
        and all(parts)
        and not model.startswith((".", "~"))
        and "\\" not in model
        and not os.path.isabs(model)
    )


def _hub_offline() -> bool:
    if os.environ.get("HF_HUB_OFFLINE", "").strip().lower() in ("1", "true", "yes", "on"):
        return True
    try:
        from huggingface_hub import constants

        return bool(constants.HF_HUB_OFFLINE)
    except Exception:
        return False


def hub_reachable(timeout_s: float = HUB_CHECK_TIMEOUT_S) -> tuple[bool, str]:
    """Whether a TCP connection to the hub (or the HTTPS proxy) opens within ``timeout_s``.

    Run in a thread with a hard join timeout: name resolution ignores socket timeouts and can
    hang for many seconds on a machine without network."""
    try:
        from huggingface_hub import constants

        endpoint = constants.ENDPOINT
    except Exception:
        endpoint = os.environ.get("HF_ENDPOINT", "https://huggingface.co")
    target = os.environ.get("HTTPS_PROXY") or os.environ.get("https_proxy") or endpoint
    url = urlparse(target if "://" in target else f"http://{target}")
    host, port = url.hostname or "", url.port or (443 if url.scheme == "https" else 80)
    result: list[str] = []

    def probe() -> None:
        try:
            socket.create_connection((host, port), timeout=timeout_s).close()
            result.append("")
        except OSError as exc:
            result.append(exc.__class__.__name__)

    thread = threading.Thread(target=probe, name="hub-check", daemon=True)
    thread.start()
    thread.join(timeout_s)
    if not result:
        return False, f"no answer from {host} within {timeout_s:g} s"
    return (True, "") if result[0] == "" else (False, f"cannot reach {host}")


def _not_a_pipeline(model: str) -> ModelNotFound:
    return ModelNotFound(
        f"The folder {Path(model).name!r} is not a diffusers pipeline (it has no model_index.json). "
        "Point --model or IMAGECHAT_MODEL at a folder saved with save_pretrained, or at a "
        "Hugging Face model id such as stabilityai/sd-turbo."
    )


def _missing(model: str, why: str) -> ModelNotFound:
    return ModelNotFound(
        f"The model {model!r} is not on this machine and cannot be downloaded now ({why}). {_FIX_HINT}"
    )


# ---------------------------------------------------------------------------- loading, once per process


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


@dataclass(frozen=True)
class _Pipeline:
    pipe: Any
    device: DeviceChoice
    profile: ModelProfile
    load_s: float
    counting_tokenizer: Any
    run_lock: threading.Lock  # one denoising loop at a time on the shared pipe


# Module-level, not on the backend: the GPU function receives only a ModelSpec, and a process forked
# from the app (ZeroGPU's worker) inherits this table, so a model loaded before the fork is found there.
_PIPELINES: dict[ModelSpec, _Pipeline] = {}
_LOAD_LOCKS: dict[ModelSpec, threading.Lock] = {}
_LOAD_LOCKS_GUARD = threading.Lock()


def load_model(spec: ModelSpec) -> tuple[_Pipeline, float]:
    """The loaded pipeline for ``spec`` in this process, loading it if needed; and the seconds this
    call spent loading (0.0 when it was loaded already)."""
    found = _PIPELINES.get(spec)
    if found is not None:
        return found, 0.0
    with _LOAD_LOCKS_GUARD:
        lock = _LOAD_LOCKS.setdefault(spec, threading.Lock())
    with lock:
        found = _PIPELINES.get(spec)
        if found is not None:  # another thread loaded it while we waited
            return found, 0.0
        t0 = time.perf_counter()
        oom: GenerationError | None = None
        try:
            pipe, device = _load_pipeline(spec)
        except GenerationError:
            raise
        except Exception as exc:
            if not _is_oom(exc):
                raise _map_error(exc, loading=True) from exc
            oom = _map_error(exc, loading=True)
        if oom is not None:
            _free_accelerator_memory()
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
        entry = _Pipeline(pipe, device, profile, load_s, _counting_copy(getattr(pipe, "tokenizer", None)),
                          threading.Lock())
        _PIPELINES[spec] = entry
        return entry, load_s


def _forget(spec: ModelSpec) -> None:
    _PIPELINES.pop(spec, None)
    with _LOAD_LOCKS_GUARD:
        _LOAD_LOCKS.pop(spec, None)


def _load_pipeline(spec: ModelSpec) -> tuple[Any, DeviceChoice]:
    if spec.threads is not None:  # here, where torch is first imported for the model
        set_torch_threads(spec.threads)
    model = spec.model
    folder = Path(model).expanduser()
    if is_single_file(model):
        device = _pick_device(spec)
        pipe = load_single_file(model, device.torch_dtype, spec.config)
        return _placed(pipe, device, model), device
    if folder.is_dir():
        if not (folder / "model_index.json").is_file():
            raise _not_a_pipeline(model)
        source = str(folder)
    elif not _looks_like_hub_id(model):
        raise ModelNotFound(f"There is no folder {model!r}. {_FIX_HINT}")
    else:
        source = model
        if not read_model_configs(model).get("model_index"):
            _check_can_download(spec)  # before importing torch: fails in milliseconds

    device = _pick_device(spec)
    from diffusers import AutoPipelineForText2Image

    def from_pretrained(**kw: Any) -> Any:
        return AutoPipelineForText2Image.from_pretrained(source, dtype=device.torch_dtype, **kw)

    try:
        pipe = from_pretrained(local_files_only=True)
    except (OSError, ValueError) as exc:
        if folder.is_dir():
            raise ModelNotFound(
                f"The folder {folder.name!r} could not be loaded as a diffusers pipeline "
                f"({_short(exc)}). Save it again with save_pretrained, or point --model elsewhere."
            ) from exc
        _check_can_download(spec)  # only part of it is in the cache
        try:
            pipe = from_pretrained()
        except (OSError, ValueError) as exc2:
            raise ModelNotFound(
                f"The model {model!r} could not be downloaded ({_short(exc2)}). "
                "Check the model id, or log in with `hf auth login` for gated models. " + _FIX_HINT
            ) from exc2
    return _placed(pipe, device, model), device


def _placed(pipe: Any, device: DeviceChoice, model: str) -> Any:
    """The pipeline on its device, or offloaded and/or tiled when the free accelerator memory says the
    model will not fit (low-VRAM operation)."""
    denoiser = getattr(pipe, "unet", None) or getattr(pipe, "transformer", None)
    sample = getattr(getattr(denoiser, "config", None), "sample_size", None)
    sample = sample[0] if isinstance(sample, (list, tuple)) else sample
    native = int(sample) * int(getattr(pipe, "vae_scale_factor", DEFAULT_VAE_SCALE_FACTOR)) if sample else 1024
    plan = plan_memory(free_accelerator_bytes(device.device), _weights_bytes(model), native, native,
                       accelerator=device.device.startswith("cuda"))
    if not plan.offload:
        pipe.to(device.device)  # offload places each model itself
    if plan.offload or plan.vae_tiling:
        log.warning("%s: %s", model, plan.reason)
        apply_low_memory(pipe, device.device, plan)
    pipe.set_progress_bar_config(disable=True)
    return pipe


def _check_can_download(spec: ModelSpec) -> None:
    """Raise ModelNotFound at once when no download can work, instead of sitting through
    the hub client's retries (about 20 s)."""
    if _hub_offline():
        raise _missing(spec.model, "offline mode is on (HF_HUB_OFFLINE)")
    ok, why = hub_reachable(spec.hub_check_timeout_s)
    if not ok:
        raise _missing(spec.model, why)


def _pick_device(spec: ModelSpec) -> DeviceChoice:
    configs = read_model_configs(spec.config if spec.config and is_single_file(spec.model) else spec.model)
    family = profile_from_configs(spec.model, **configs).family
    try:
        return pick_device(spec.device, spec.dtype, family=family)
    except ValueError as exc:
        raise BackendUnavailable(
            f"{exc} Set --device / IMAGECHAT_DEVICE to cpu, "
            "or leave it unset to choose automatically."
        ) from None


_WEIGHT_SUFFIXES = (".safetensors", ".bin", ".ckpt", ".pt", ".pth", ".gguf")


@functools.lru_cache(maxsize=16)
def _weights_bytes(model: str) -> int | None:
    """Bytes of weights on this machine for the model, or None when it is not here (a download)."""
    folder = Path(model).expanduser()
    if is_single_file(model):
        return folder.stat().st_size
    if not folder.is_dir():
        if not _looks_like_hub_id(model):
            return None
        try:
            from huggingface_hub import try_to_load_from_cache

            index = try_to_load_from_cache(model, "model_index.json")
        except Exception:
            return None
        if not isinstance(index, str):
            return None
        folder = Path(index).parent  # the snapshot; its files link to the cache's blobs
    total = 0
    for path in folder.rglob("*"):
        if path.suffix in _WEIGHT_SUFFIXES:
            try:
                total += path.stat().st_size
            except OSError:
                pass
    return total


# ---------------------------------------------------------------------------- the GPU function


@dataclass(frozen=True)
class DeviceJob:
    """One image for ``run_on_device``: plain data only (pickled to a ZeroGPU worker)."""

    spec: ModelSpec
    request: GenerationRequest  # resolved by the backend
    preview_fps: float = 4.0
    ceiling_s: int = 120  # the most seconds to ask ZeroGPU for (--gpu-duration)
    lora_dir: str | None = None  # where <lora:name:w> finds name.safetensors
    preview_mode: str = "latent"  # latent (the fixed projection) | taesd (AutoencoderTiny) | off
    taesd: str | None = None  # the AutoencoderTiny folder for preview_mode "taesd"


@dataclass(frozen=True)
class Loaded:
    """First item of a run: the model is there; where, and what it is."""

    load_s: float  # seconds this run spent loading; 0.0 when it was loaded already
    device: DeviceChoice
    profile: ModelProfile
    scheduler: str
    sampler: str | None = None  # the A1111 name of the model's own scheduler, when it has one


@dataclass(frozen=True)
class Rendered:
    """Last item of a finished run. Raw pixels, not a PNG: encoding is CPU work that would hold the
    device (on ZeroGPU, the visitor's GPU time), and plain bytes cross to the app as well."""

    pixels: RawImage
    generate_s: float
    step_s: float  # mean seconds per denoising step; the rest of generate_s is encoding and decoding
    scheduler: str = ""  # the diffusers class that ran (the sampler asked for, or the model's own)
    memory: str = ""  # low-memory measures in force ("model CPU offload, VAE tiling"), if any


@dataclass(frozen=True)
class RunFailed:
    """A domain error as data. ``spaces`` reports an exception from the worker by its class name only,
    so the message a person can act on (out of memory, refused content) would be lost."""

    kind: str
    reason: str
    user_message: str

    @classmethod
    def of(cls, exc: GenerationError) -> "RunFailed":
        return cls(type(exc).__name__, exc.reason, exc.user_message)

    def error(self) -> GenerationError:
        return _REBUILT.get(self.kind, GenerationError)(self.user_message, reason=self.reason)


_REBUILT: dict[str, type[GenerationError]] = {
    c.__name__: c
    for c in (GenerationError, BackendFailure, BackendUnavailable, ContentRefused, ModelNotFound, OutOfMemory)
}

DeviceItem = Loaded | Progress | Rendered | RunFailed


def run_on_device(job: DeviceJob) -> Iterator[DeviceItem]:
    """Load the model (or find it: loaded earlier in this process, or before a fork), then denoise,
    yielding ``Loaded``, one ``Progress`` per step and ``Rendered``, or ``RunFailed``.

    On a ZeroGPU Space this runs in the GPU worker and its yields are relayed to the app. Closing the
    generator stops the run at its next step: each step waits for the consumer to ask for more."""
    try:
        entry, load_s = load_model(job.spec)
    except GenerationError as exc:
        yield RunFailed.of(exc)
        return
    yield Loaded(load_s, entry.device, entry.profile, type(local_controls.cache_for(entry.pipe).base).__name__,
                 local_controls.default_sampler(entry.pipe))
    yield from _denoise(entry, job)


def _denoise(entry: _Pipeline, job: DeviceJob) -> Iterator[Progress | Rendered | RunFailed]:
    # The pipeline reports steps through a callback, which cannot yield: it runs on its own thread and
    # hands each step over, then waits to be told to go on. Lockstep, so a closed generator stops the
    # very next step, and no step runs on a GPU that ZeroGPU has already taken back.
    handed: queue.SimpleQueue = queue.SimpleQueue()
    go_on: queue.SimpleQueue = queue.SimpleQueue()

    def step_done(progress: Progress) -> bool:
        handed.put(progress)
        return go_on.get()

    def work() -> None:
        result: Rendered | RunFailed | None = None
        for attempt in (1, 2):
            oom: GenerationError | None = None
            try:
                result = _render(entry, job, step_done)
            except _Interrupted:
                result = None
            except GenerationError as exc:
                result = RunFailed.of(exc)
            except Exception as exc:
                if _is_oom(exc):
                    oom = _map_error(exc)
                else:
                    log.exception("the local model failed while generating")
                    result = RunFailed.of(_map_error(exc))
            if oom is None:
                break
            _free_accelerator_memory()  # outside the except block: until then its frames hold the run's tensors
            # Out of memory: once, the low-memory way (offload + VAE tiling, what is not on yet), then the
            # same run again.
            if attempt == 1 and (low := apply_low_memory(entry.pipe, entry.device.device)) is not None:
                log.warning("out of memory; retrying with %s", low.describe())
                continue
            result = RunFailed.of(oom)
        handed.put(_Ended(result))

    thread = threading.Thread(target=work, name="denoise", daemon=True)
    thread.start()
    waiting = False  # whether the run waits for go_on
    try:
        while True:
            item = handed.get()
            if isinstance(item, _Ended):
                if item.result is not None:
                    yield item.result
                return
            waiting = True
            yield item
            waiting = False
            go_on.put(True)
    finally:
        if waiting:
            go_on.put(False)
        thread.join()


@dataclass(frozen=True)
class _Ended:
    result: Rendered | RunFailed | None  # None: stopped by the consumer


def _render(entry: _Pipeline, job: DeviceJob, step_done: Callable[[Progress], bool]) -> Rendered:
    import torch

    req, profile = job.request, entry.profile
    throttle = Throttle(job.preview_fps if job.preview_mode != "off" else 0)
    decoder = None
    if job.preview_mode == "taesd" and job.taesd:
        decoder = load_decoder(job.taesd, entry.device.device, entry.device.torch_dtype)
    with entry.run_lock:
        pipe = local_edit.derived(entry.pipe, local_edit.kind_of(req))  # the loaded one, or one sharing its weights
        start = time.perf_counter()
        step_ends: list[float] = []

        def on_step_end(p: Any, i: int, t: Any, kwargs: dict) -> dict:
            now = time.perf_counter()
            step_ends.append(now)
            step = i + 1
            total = getattr(p, "_num_timesteps", None) or local_edit.effective_steps(req)
            mean = (now - start) / step
            preview = None
            if step < total and throttle.ready():  # the last frame is the image itself
                preview = _safe_preview(kwargs.get("latents"), profile.family, p.scheduler,
                                        (req.height or profile.native_size, req.width or profile.native_size),
                                        profile.vae_scale_factor or DEFAULT_VAE_SCALE_FACTOR, decoder)
            progress = Progress(
                step=step, total=total, elapsed_s=now - start, eta_s=mean * (total - step), preview=preview
            )
            if not step_done(progress):
                # Raising skips the remaining steps and the VAE decode of the half-denoised latents
                # (seconds on CPU), which diffusers' own interrupt would still run.
                raise _Interrupted
            return {}

        out = pipe(
            **local_controls.prepare(pipe, req, job.lora_dir),  # prompt and negative prompt: text or embeddings
            **local_edit.call_arguments(req, native=profile.native_size),  # size, or picture, mask and strength
            num_inference_steps=req.steps,
            guidance_scale=req.guidance,
            # On the CPU so a seed gives the same noise on any device.
            generator=torch.Generator("cpu").manual_seed(req.seed),
            callback_on_step_end=on_step_end,
            callback_on_step_end_tensor_inputs=["latents"],
        )
        generate_s = time.perf_counter() - start
    # The image exists as pixels: the device is free for the next run. Copying the pixels out and
    # encoding them (by whoever receives them) happens without the lock.
    image = out.images[0]
    flagged = getattr(out, "nsfw_content_detected", None)
    if flagged and flagged[0]:
        raise ContentRefused("The model's safety checker blocked this image. Try rewording the prompt.")
    # Steps from the gaps between step ends; the first step also carries the text encoding.
    if len(step_ends) >= 2:
        step_s = (step_ends[-1] - step_ends[0]) / (len(step_ends) - 1)
    else:
        step_s = (step_ends[0] - start) if step_ends else generate_s
    low = low_memory_of(pipe)
    return Rendered(RawImage.of(image), generate_s, step_s, type(pipe.scheduler).__name__,
                    low.describe() if low else "")


def asked_duration(job: DeviceJob) -> int:
    """Seconds to ask ZeroGPU for this run (``spaces.GPU`` calls it with the GPU function's
    arguments): loading unless this process holds the model (the fork inherits it), then the steps
    at the speed measured so far, with a margin, never above ``--gpu-duration``."""
    return zerogpu.ESTIMATES.seconds(
        _work(job.request),
        loaded=job.spec in _PIPELINES,
        weights_bytes=_weights_bytes(job.spec.model),
        ceiling_s=job.ceiling_s,
    )


def _work(req: GenerationRequest) -> zerogpu.Work:
    # diffusers runs classifier-free guidance (two UNet batches) when guidance_scale > 1
    return zerogpu.Work(str(req.model), req.width, req.height, local_edit.effective_steps(req),
                        (req.guidance or 0.0) > 1.0)


# Decorated here, at import, as ZeroGPU requires: spaces.GPU on a ZeroGPU Space, else the function itself.
run_on_gpu = zerogpu.decorate(run_on_device, duration=asked_duration)


# ---------------------------------------------------------------------------- the backend


class LocalDiffusersBackend:
    name = "local"

    def __init__(
        self,
        model: str,
        *,
        device: str | None = None,
        dtype: str | None = None,
        preview_fps: float = 4.0,
        hub_check_timeout_s: float = HUB_CHECK_TIMEOUT_S,
        gpu_call: zerogpu.GpuBudget | None = None,
        lora_dir: str | None = None,
        preview: str = "latent",
        taesd: str | None = None,
        model_config: str | None = None,
        threads: int | None = None,
    ):
        if preview not in PREVIEW_MODES:
            raise ValueError(f"preview is one of {', '.join(PREVIEW_MODES)}, not {preview!r}")
        if preview == "taesd" and (why := check_folder(taesd)):
            raise ValueError(why)
        if gpu_call is not None and not isinstance(gpu_call, zerogpu.GpuBudget):
            raise TypeError(
                "gpu_call is a pipeline.zerogpu.GpuBudget: the GPU function is decorated at import "
                "(pipeline.backends.local_diffusers.run_on_gpu), not per backend"
            )
        self.model = model  # what loads it: a hub id or a local path
        self.public_name = public_model_name(model)  # what recipes and files say
        self.preview_fps = preview_fps
        self.lora_dir = lora_dir
        self.preview, self.taesd = preview, taesd
        self._spec = ModelSpec(model, device, dtype, hub_check_timeout_s, slot=secrets.token_hex(8), config=model_config,
                               threads=threads)
        weakref.finalize(self, _forget, self._spec)  # the copy is this backend's: dropped with it
        # On a ZeroGPU Space: each run goes through run_on_gpu (spaces.GPU) in a worker process.
        self._gpu = gpu_call
        self._worker_report: Loaded | None = None  # what that worker said of the model it loaded
        self._config_profile: ModelProfile | None = None

    # -- Backend protocol --------------------------------------------------------------

    def available(self) -> tuple[bool, str]:
        if self.loaded:
            return True, f"{self.model} is loaded on {self.device.device if self.device else '?'}"
        folder = Path(self.model).expanduser()
        if is_single_file(self.model):
            return True, "a single-file checkpoint; loads on first use"
        if folder.is_dir():
            if not (folder / "model_index.json").is_file():
                return False, _not_a_pipeline(self.model).user_message
            return True, "a local pipeline folder; loads on first use"
        if not _looks_like_hub_id(self.model):
            return False, f"There is no folder {self.model!r}. {_FIX_HINT}"
        if read_model_configs(self.model).get("model_index"):
            return True, "in the local Hugging Face cache; loads on first use"
        if _hub_offline():
            return False, _missing(self.model, "offline mode is on").user_message
        return True, "downloads from the Hugging Face Hub on first use"

    def model_name(self, request: GenerationRequest | None = None) -> str:
        return self.public_name

    @property
    def on_disk(self) -> bool:
        """The model is a folder or checkpoint file here, not a hub id: someone chose it on purpose."""
        return Path(self.model).expanduser().exists()

    def resolve(self, request: GenerationRequest) -> GenerationRequest:
        if request.model not in (None, self.model, self.public_name):
            raise InvalidRequest(
                "model", f"This server's local backend runs {self.model!r}, not {request.model!r}."
            )
        if not isinstance(request.prompt, str) or not request.prompt.strip():
            raise InvalidRequest("prompt", "The prompt is empty: describe the picture you want.")
        profile = self.profile()
        multiple = profile.vae_scale_factor or DEFAULT_VAE_SCALE_FACTOR
        edit = request.init_image is not None  # an edit takes its shape from the source picture
        width = request.width if request.width is not None or edit else profile.native_size
        height = request.height if request.height is not None or edit else profile.native_size
        for field, value in (("width", width), ("height", height)):
            if value is not None:
                _check_side(field, value, multiple)
        steps = request.steps if request.steps is not None else profile.steps
        if not _is_int(steps) or not 1 <= steps <= MAX_STEPS:
            raise InvalidRequest(
                "steps", f"Steps must be a whole number from 1 to {MAX_STEPS}; got {steps!r}."
            )
        guidance = request.guidance if request.guidance is not None else profile.guidance
        if (
            isinstance(guidance, bool)
            or not isinstance(guidance, (int, float))
            or not math.isfinite(guidance)
            or not 0 <= guidance <= MAX_GUIDANCE
        ):
            raise InvalidRequest(
                "guidance", f"Guidance must be a number from 0 to {MAX_GUIDANCE:g}; got {guidance!r}."
            )
        # Chosen here, not in the run, so the job records it and the person can reuse it.
        seed = request.seed if request.seed is not None else secrets.randbelow(SEED_MAX + 1)
        if not _is_int(seed) or not 0 <= seed <= SEED_MAX:
            raise InvalidRequest(
                "seed", f"The seed must be a whole number from 0 to {SEED_MAX}; got {seed!r}."
            )
        # The sampler, clip skip, ...: checked now, and against the model itself once it is loaded.
        request = local_controls.check(request, self._pipe, self.lora_dir)
        resolved = request.with_(
            model=self.model,
            width=width,
            height=height,
            steps=steps,
            guidance=float(guidance),
            seed=seed,
        )
        return local_edit.check_edit(resolved, native=profile.native_size, multiple=multiple)

    # The job runner may take the finished image as pixels and encode it on its post-processing pool.
    defers_encoding = True

    def generate(self, request: GenerationRequest, cancel: threading.Event, *, encode: bool = True
                 ) -> Iterator[Event]:
        """``encode=False``: the Finished image carries ``pixels`` and no PNG yet (see
        ``GeneratedImage.encoded``), so the caller's thread is free as soon as the device is."""
        t0 = time.perf_counter()
        req = self.resolve(request)
        if cancel.is_set():
            yield Cancelled()
            return
        job = DeviceJob(self._spec, req, self.preview_fps, lora_dir=self.lora_dir, preview_mode=self.preview,
                        taesd=self.taesd,
                        **({"ceiling_s": self._gpu.ceiling_s} if self._gpu else {}))
        run = run_on_gpu if self._gpu is not None else run_on_device
        # The runner thread below starts with an empty context; copy this one in, so the GPU call sees
        # the visitor's Gradio request when the job runner set it (pipeline.zerogpu.RequestScope).
        context = contextvars.copy_context()

        def drive(emit: Callable[[DeviceItem], None]) -> None:
            items = run(job)
            try:
                for item in items:
                    emit(item)
                    if cancel.is_set():
                        return  # closing the generator stops the run before its next step
            finally:
                items.close()

        loaded: Loaded | None = None
        try:
            for item in iterate_in_thread(
                lambda emit: context.run(drive, emit),
                cancel,
                on_cancel=Cancelled,  # answer at once; the run stops at its next step
                wait_at_exit=True,
            ):
                if isinstance(item, Cancelled):
                    yield item
                    return
                if isinstance(item, RunFailed):
                    raise item.error()
                if isinstance(item, Loaded):
                    loaded = item
                    zerogpu.ESTIMATES.record_load(self.model, item.load_s)
                    if self._gpu is not None:
                        self._worker_report = item
                    req = self.resolve(req)  # now with the loaded model's native size and vae factor
                    yield Started(
                        backend=self.name,
                        model=self.public_name,
                        total_steps=local_edit.effective_steps(req),
                        width=req.width,
                        height=req.height,
                        seed=req.seed,
                        steps=req.steps,
                        guidance=req.guidance,
                    )
                elif isinstance(item, Progress):
                    # Timed here: a ZeroGPU worker's clock started later, in another process.
                    yield replace(item, elapsed_s=time.perf_counter() - t0)
                elif isinstance(item, Rendered) and loaded is not None:
                    if cancel.is_set():
                        yield Cancelled()
                        return
                    zerogpu.ESTIMATES.record_run(
                        _work(req), item.step_s, item.generate_s - item.step_s * local_edit.effective_steps(req)
                    )
                    yield Finished(self._finish(req, item, loaded, t0, encode))
                    return
        except GenerationError:
            raise
        except Exception as exc:
            if self._gpu is not None:  # spaces.GPU refused or lost the call (quota, no GPU, worker died)
                said = getattr(exc, "message", None)  # gr.Error's text, e.g. the quota left vs. asked
                said = " ".join(said.split()) if isinstance(said, str) and said.strip() else _short(exc)
                raise BackendUnavailable(f"The Space's GPU could not run this image: {said}") from exc
            raise _map_error(exc) from exc
        if cancel.is_set():
            yield Cancelled()
            return
        raise BackendFailure("The local model stopped without returning an image. Try again.")

    # -- loading -----------------------------------------------------------------------

    @property
    def _entry(self) -> _Pipeline | None:
        return _PIPELINES.get(self._spec)

    @property
    def _pipe(self) -> Any:
        entry = self._entry
        return entry.pipe if entry is not None else None

    @property
    def loaded(self) -> bool:
        """Loaded in this process (on ZeroGPU, before the GPU worker forks: then it inherits it)."""
        return self._entry is not None

    @property
    def load_s(self) -> float | None:
        entry = self._entry
        if entry is not None:
            return entry.load_s
        return self._worker_report.load_s if self._worker_report else None

    def load(self) -> None:
        """Load the pipeline now (for --preload) instead of on the first request. On ZeroGPU this is
        the way to load once: each GPU worker is forked from this process and inherits it."""
        self._ensure_loaded()

    def idle(self, timeout_s: float | None = None) -> bool:
        """Whether no run holds this backend's model, waiting up to ``timeout_s`` (None: for good).
        A cancelled run lets go at its next step; one stuck inside a step never does."""
        entry = self._entry
        if entry is None:
            return True
        if not entry.run_lock.acquire(timeout=-1 if timeout_s is None else timeout_s):
            return False
        entry.run_lock.release()
        return True

    def tokenizer(self) -> Any:
        """A private copy of the pipeline's CLIP tokenizer once loaded (for token counting), else None.

        A copy, because the pipeline's own one is not safe to share: each pipeline call sets padding
        and truncation on its Rust backend, from the generating thread, so counting with it would see
        77 padded tokens for every prompt, or change that state under a running generation.
        """
        entry = self._entry
        return entry.counting_tokenizer if entry is not None else None

    def profile(self) -> ModelProfile:
        """The model's defaults: from the loaded pipeline, else from its config files."""
        entry = self._entry
        if entry is not None:
            return entry.profile
        if self._worker_report is not None:
            return self._worker_report.profile
        if self._config_profile is not None:
            return self._config_profile
        single = is_single_file(self.model)
        configs = read_model_configs(self._spec.config) if single and self._spec.config else (
            {} if single else read_model_configs(self.model))
        profile = profile_from_configs(self.model, **configs)
        if any(configs.values()):
            self._config_profile = profile  # configs on disk don't change under us; names alone might
        return profile

    @property
    def device(self) -> DeviceChoice | None:
        entry = self._entry
        if entry is not None:
            return entry.device
        return self._worker_report.device if self._worker_report else None

    def _ensure_loaded(self) -> tuple[Any, float]:
        entry, load_s = load_model(self._spec)
        return entry.pipe, load_s

    # -- finishing ---------------------------------------------------------------------

    def _finish(self, req: GenerationRequest, out: Rendered, loaded: Loaded, t0: float,
                encode: bool) -> GeneratedImage:
        return GeneratedImage(
            png=out.pixels.to_png() if encode else b"",
            pixels=None if encode else out.pixels,
            width=out.pixels.width,
            height=out.pixels.height,
            backend=self.name,
            model=self.public_name,
            prompt_sent=req.prompt,
            negative_prompt=req.negative_prompt,
            seed=req.seed,
            steps=req.steps,
            guidance=req.guidance,
            timings={
                "load_s": round(loaded.load_s, 4),
                "generate_s": round(out.generate_s, 4),
                "total_s": round(time.perf_counter() - t0, 4),
            },
            extra={
                "scheduler": out.scheduler or loaded.scheduler,
                "sampler": req.sampler or loaded.sampler,
                "clip_skip": req.clip_skip,
                "loras": local_controls.loras_used(req),
                **({"memory": out.memory} if out.memory else {}),
                "device": loaded.device.device,
                "dtype": loaded.device.dtype,
                "family": loaded.profile.family,
            },
        )


# ---------------------------------------------------------------------------- helpers


class _Interrupted(Exception):
    """Raised from the step callback to leave the denoising loop at once."""


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


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _check_side(field: str, value: Any, multiple: int) -> None:
    label = field.capitalize()
    if not _is_int(value) or value <= 0:
        raise InvalidRequest(field, f"{label} must be a positive whole number of pixels; got {value!r}.")
    if value > MAX_SIDE:
        raise InvalidRequest(field, f"{label} {value} is too large: at most {MAX_SIDE} pixels.")
    if value % multiple:
        rounded = (value + multiple // 2) // multiple * multiple
        nearest = min(max(multiple, rounded), MAX_SIDE // multiple * multiple)
        raise InvalidRequest(
            field,
            f"{label} {value} is not a multiple of {multiple}, which this model needs. Try {nearest}.",
        )


def _safe_preview(latents: Any, family: str, scheduler: Any, size: tuple[Any, Any] = (None, None),
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


def _is_oom(exc: BaseException) -> bool:
    try:
        import torch

        if isinstance(exc, torch.OutOfMemoryError):
            return True
    except (ImportError, AttributeError):
        pass
    return isinstance(exc, RuntimeError) and "out of memory" in str(exc).lower()  # MPS, older torch


def _free_accelerator_memory() -> None:
    """Return cached blocks to the device so the app keeps serving smaller requests. Called
    outside the ``except`` block: until then the failed run's frames hold its tensors."""
    gc.collect()
    try:
        import torch

        if torch.cuda.is_available():
            torch.cuda.empty_cache()
        if getattr(torch.backends, "mps", None) and torch.backends.mps.is_available():
            torch.mps.empty_cache()
    except Exception:
        pass


def _map_error(exc: BaseException, *, loading: bool = False) -> GenerationError:
    if _is_oom(exc):
        if loading:
            return OutOfMemory(
                "The model does not fit in the GPU's memory. Try a smaller model, or run on the CPU "
                "with --device cpu."
            )
        return OutOfMemory(
            "The GPU ran out of memory for this image. Try a smaller size or fewer steps."
        )
    what = "loading the model" if loading else "generating"
    return BackendFailure(f"The local model failed while {what} ({_short(exc)}). Try again.")


def _short(exc: BaseException, limit: int = 160) -> str:
    text = " ".join(str(exc).split()) or exc.__class__.__name__
    return text if len(text) <= limit else text[: limit - 1] + "…"
