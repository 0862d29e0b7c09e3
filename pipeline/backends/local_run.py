"""One local run on the device: ``run_on_device``, a generator of plain data (``Loaded``,
``Progress``, ``Rendered`` or ``RunFailed``) that takes one picklable ``DeviceJob`` and finds the
pipeline in the loaded table (``local_loading``). On a ZeroGPU Space the same function, decorated at
import as ``run_on_gpu``, runs in ``spaces``' forked GPU worker (see ``pipeline.zerogpu``); elsewhere
it runs in this process.
"""

from __future__ import annotations

import logging
import queue
import threading
import time
from dataclasses import dataclass
from typing import Any, Callable, Iterator

from pipeline import zerogpu
from pipeline.backends import local_controls, local_edit
from pipeline.backends.local_failures import free_accelerator_memory, is_oom, map_error
from pipeline.backends.local_hub import weights_bytes
from pipeline.backends.local_loading import PIPELINES, LoadedPipeline, ModelSpec, load_model
from pipeline.backends.local_memory import apply_low_memory, low_memory_of
from pipeline.backends.local_previews import safe_preview
from pipeline.backends.local_profile import DEFAULT_VAE_SCALE_FACTOR, ModelProfile
from pipeline.devices import DeviceChoice
from pipeline.errors import (
    BackendFailure,
    BackendUnavailable,
    ContentRefused,
    GenerationError,
    ModelNotFound,
    OutOfMemory,
)
from pipeline.events import Progress
from pipeline.postprocess import RawImage
from pipeline.preview import Throttle
from pipeline.preview_taesd import load_decoder
from pipeline.request import GenerationRequest

log = logging.getLogger(__name__)


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


def _denoise(entry: LoadedPipeline, job: DeviceJob) -> Iterator[Progress | Rendered | RunFailed]:
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
                if is_oom(exc):
                    oom = map_error(exc)
                else:
                    log.exception("the local model failed while generating")
                    result = RunFailed.of(map_error(exc))
            if oom is None:
                break
            free_accelerator_memory()  # outside the except block: until then its frames hold the run's tensors
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


def _render(entry: LoadedPipeline, job: DeviceJob, step_done: Callable[[Progress], bool]) -> Rendered:
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
                preview = safe_preview(kwargs.get("latents"), profile.family, p.scheduler,
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
        work_of(job.request),
        loaded=job.spec in PIPELINES,
        weights_bytes=weights_bytes(job.spec.model),
        ceiling_s=job.ceiling_s,
    )


def work_of(req: GenerationRequest) -> zerogpu.Work:
    # diffusers runs classifier-free guidance (two UNet batches) when guidance_scale > 1
    return zerogpu.Work(str(req.model), req.width, req.height, local_edit.effective_steps(req),
                        (req.guidance or 0.0) > 1.0)


# Decorated here, at import, as ZeroGPU requires: spaces.GPU on a ZeroGPU Space, else the function itself.
run_on_gpu = zerogpu.decorate(run_on_device, duration=asked_duration)



class _Interrupted(Exception):
    """Raised from the step callback to leave the denoising loop at once."""


