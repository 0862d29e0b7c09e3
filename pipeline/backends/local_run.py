"""One local run on the device: ``run_on_device``, a generator of plain data (``Loaded``,
``Progress`` or ``Stepped``, ``Rendered`` or ``RunFailed``) that takes one picklable ``DeviceJob`` (one
image, or several sharing one pipeline call: ``local_batching``) and finds the
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
from pipeline.backends import local_batching, local_controls, local_edit
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
    """One call of ``run_on_device``: plain data only (pickled to a ZeroGPU worker)."""

    spec: ModelSpec
    request: GenerationRequest  # resolved by the backend
    preview_fps: float = 4.0
    ceiling_s: int = 120  # the most seconds to ask ZeroGPU for (--gpu-duration)
    lora_dir: str | None = None  # where <lora:name:w> finds name.safetensors
    preview_mode: str = "latent"  # latent (the fixed projection) | taesd (AutoencoderTiny) | off
    taesd: str | None = None  # the AutoencoderTiny folder for preview_mode "taesd"
    # Further images made in the same pipeline call (resolved, with the first's batch key); their
    # items carry their index: 1, 2, ...
    batch: tuple[GenerationRequest, ...] = ()

    @property
    def requests(self) -> tuple[GenerationRequest, ...]:
        return (self.request, *self.batch)


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
    index: int = 0  # which image of the call


@dataclass(frozen=True)
class Stepped:
    """A step of a call of several images: the shared progress and each image's preview (or None)."""

    progress: Progress  # its preview is None
    previews: tuple[bytes | None, ...]


@dataclass(frozen=True)
class RunFailed:
    """A domain error as data. ``spaces`` reports an exception from the worker by its class name only,
    so the message a person can act on (out of memory, refused content) would be lost."""

    kind: str
    reason: str
    user_message: str
    index: int | None = None  # None: the whole call failed; else the one image of it that did

    @classmethod
    def of(cls, exc: GenerationError, index: int | None = None) -> "RunFailed":
        return cls(type(exc).__name__, exc.reason, exc.user_message, index)

    def error(self) -> GenerationError:
        return _REBUILT.get(self.kind, GenerationError)(self.user_message, reason=self.reason)


_REBUILT: dict[str, type[GenerationError]] = {
    c.__name__: c
    for c in (GenerationError, BackendFailure, BackendUnavailable, ContentRefused, ModelNotFound, OutOfMemory)
}

DeviceItem = Loaded | Progress | Stepped | Rendered | RunFailed


def run_on_device(job: DeviceJob) -> Iterator[DeviceItem]:
    """Load the model (or find it: loaded earlier in this process, or before a fork), then denoise,
    yielding ``Loaded``, one ``Progress`` per step (``Stepped`` for several images) and one ``Rendered``
    per image, or ``RunFailed``.

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


def _denoise(entry: LoadedPipeline, job: DeviceJob) -> Iterator[Progress | Stepped | Rendered | RunFailed]:
    # The pipeline reports steps through a callback, which cannot yield: it runs on its own thread and
    # hands each step over, then waits to be told to go on. Lockstep, so a closed generator stops the
    # very next step, and no step runs on a GPU that ZeroGPU has already taken back.
    handed: queue.SimpleQueue = queue.SimpleQueue()
    go_on: queue.SimpleQueue = queue.SimpleQueue()

    def step_done(progress: Progress | Stepped) -> bool:
        handed.put(progress)
        return go_on.get()

    def work() -> None:
        result: list[Rendered | RunFailed] | RunFailed | None = None
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
                if isinstance(item.result, list):
                    yield from item.result
                elif item.result is not None:
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
    result: list[Rendered | RunFailed] | RunFailed | None  # None: stopped by the consumer


def _render(entry: LoadedPipeline, job: DeviceJob, step_done: Callable[[Progress | Stepped], bool]
            ) -> list[Rendered | RunFailed]:
    reqs, profile = job.requests, entry.profile
    req, count = reqs[0], len(reqs)
    throttle = Throttle(job.preview_fps if job.preview_mode != "off" else 0)
    decoder = None
    if job.preview_mode == "taesd" and job.taesd:
        decoder = load_decoder(job.taesd, entry.device.device, entry.device.torch_dtype)
    size = (req.height or profile.native_size, req.width or profile.native_size)
    with entry.run_lock:
        pipe = local_edit.derived(entry.pipe, local_edit.kind_of(req))  # the loaded one, or one sharing its weights
        start = time.perf_counter()
        step_ends: list[float] = []

        def preview_of(latents: Any, scheduler: Any) -> bytes | None:
            return safe_preview(latents, profile.family, scheduler, size,
                                profile.vae_scale_factor or DEFAULT_VAE_SCALE_FACTOR, decoder)

        def on_step_end(p: Any, i: int, t: Any, kwargs: dict) -> dict:
            now = time.perf_counter()
            step_ends.append(now)
            step = i + 1
            total = getattr(p, "_num_timesteps", None) or local_edit.effective_steps(req)
            mean = (now - start) / step
            previews: tuple[bytes | None, ...] = ()
            if step < total and throttle.ready():  # the last frame is the image itself
                latents = kwargs.get("latents")
                if count == 1 or latents is None:
                    previews = (preview_of(latents, p.scheduler),) * count
                else:
                    previews = tuple(preview_of(latents[k:k + 1], p.scheduler) for k in range(count))
            progress = Progress(step=step, total=total, elapsed_s=now - start, eta_s=mean * (total - step),
                                preview=previews[0] if count == 1 and previews else None)
            if not step_done(progress if count == 1 else Stepped(progress, previews or (None,) * count)):
                # Raising skips the remaining steps and the VAE decode of the half-denoised latents
                # (seconds on CPU), which diffusers' own interrupt would still run.
                raise _Interrupted
            return {}

        out = pipe(
            # prompts and negative prompts: text or embeddings; sets the sampler and LoRAs on the pipe
            **local_batching.text_call_arguments(pipe, reqs, job.lora_dir),
            **local_batching.image_call_arguments(reqs, profile.native_size),  # size, or pictures, mask, strength
            num_inference_steps=req.steps,
            guidance_scale=req.guidance,
            generator=local_batching.generators([r.seed for r in reqs]),
            callback_on_step_end=on_step_end,
            callback_on_step_end_tensor_inputs=["latents"],
        )
        generate_s = time.perf_counter() - start
    # The images exist as pixels: the device is free for the next run. Copying the pixels out and
    # encoding them (by whoever receives them) happens without the lock.
    flagged = getattr(out, "nsfw_content_detected", None) or [False] * count
    # Steps from the gaps between step ends; the first step also carries the text encoding.
    if len(step_ends) >= 2:
        step_s = (step_ends[-1] - step_ends[0]) / (len(step_ends) - 1)
    else:
        step_s = (step_ends[0] - start) if step_ends else generate_s
    low = low_memory_of(pipe)
    results: list[Rendered | RunFailed] = []
    for k, image in enumerate(out.images[:count]):
        if flagged[k]:
            refused = ContentRefused("The model's safety checker blocked this image. Try rewording the prompt.")
            results.append(RunFailed.of(refused, index=k))
        else:
            results.append(Rendered(RawImage.of(image), generate_s, step_s, type(pipe.scheduler).__name__,
                                    low.describe() if low else "", index=k))
    return results


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


