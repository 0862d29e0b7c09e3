"""Stable Diffusion on this machine through Hugging Face diffusers: the backend the job runner sees.

One pipeline per backend, loaded lazily (or at start with ``load()``), shared by every request;
runs are serialised on it because a diffusers pipeline keeps per-call state (guidance,
interrupt flag, scheduler timesteps) on itself. torch and diffusers are imported only when
first needed, so the app starts fast and ``available()``/``resolve()`` stay cheap.

The parts, one job each: ``local_profile`` (what the model's configs say: defaults, family),
``local_hub`` (finding the model's files; whether the hub can be reached), ``local_loading``
(device choice and loading, once per process), ``local_checks`` (check_inputs), ``local_batching``
(which requests can share one pipeline call, and how many at once), ``local_run`` (one call on the
device, in this process or a ZeroGPU worker).
"""

from __future__ import annotations

import contextvars
import secrets
import threading
import time
import weakref
from pathlib import Path
from typing import Any, Callable, Hashable, Iterator, Sequence

from pipeline import zerogpu
from pipeline.backends import local_batching, local_controls, local_edit, local_lora, local_spec
from pipeline.backends.local_checks import resolve_request
from pipeline.backends.local_failures import map_error, short
from pipeline.backends.local_hub import (
    FIX_HINT,
    HUB_CHECK_TIMEOUT_S,
    hub_offline,
    looks_like_hub_id,
    missing,
    not_a_pipeline,
    read_model_configs,
)
from pipeline.backends.local_speed import SpeedOptions
from pipeline.backends.local_loading import PIPELINES, LoadedPipeline, ModelSpec, forget, load_model
from pipeline.backends.local_profile import ModelProfile, profile_from_configs, public_model_name
from pipeline.backends.local_memory import free_accelerator_bytes
from pipeline.backends.local_run import DeviceItem, DeviceJob, Loaded, Rendered, RunFailed, Stepped, run_on_device, \
    run_on_gpu, work_of
from pipeline.backends.local_single_file import is_single_file
from pipeline.devices import DeviceChoice
from pipeline.errors import BackendFailure, BackendUnavailable, GenerationError
from pipeline.events import Cancelled, Event, Failed, Finished, Loading, Progress, Started
from pipeline.preview_taesd import PREVIEW_MODES, check_folder
from pipeline.request import GeneratedImage, GenerationRequest
from pipeline.threaded import iterate_in_thread


class LocalDiffusersBackend:
    name = local_spec.NAME

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
        max_batch: int | None = None,
        speed: SpeedOptions | None = None,
    ):
        """``max_batch``: images one pipeline call may take (``--max-batch``); None: chosen from the
        device and its free memory (``local_batching.plan_batch``)."""
        if max_batch is not None and (isinstance(max_batch, bool) or not isinstance(max_batch, int) or max_batch < 1):
            raise ValueError(f"max_batch is a whole number of at least 1, not {max_batch!r}")
        self._max_batch = max_batch
        if preview not in PREVIEW_MODES:
            raise ValueError(f"preview is one of {', '.join(PREVIEW_MODES)}, not {preview!r}")
        if preview == "taesd" and (why := check_folder(taesd)):
            raise ValueError(why)
        if gpu_call is not None and not isinstance(gpu_call, zerogpu.GpuBudget):
            raise TypeError(
                "gpu_call is a pipeline.zerogpu.GpuBudget: the GPU function is decorated at import "
                "(pipeline.backends.local_run.run_on_gpu), not per backend"
            )
        self.model = model  # what loads it: a hub id or a local path
        self.public_name = public_model_name(model)  # what recipes and files say
        self.preview_fps = preview_fps
        self.lora_dir = lora_dir
        self.preview, self.taesd = preview, taesd
        self._spec = ModelSpec(model, device, dtype, hub_check_timeout_s, slot=secrets.token_hex(8), config=model_config,
                               threads=threads, speed=speed or SpeedOptions(), adapters=bool(lora_dir))
        weakref.finalize(self, forget, self._spec)  # the copy is this backend's: dropped with it
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
                return False, not_a_pipeline(self.model).user_message
            return True, "a local pipeline folder; loads on first use"
        if not looks_like_hub_id(self.model):
            return False, f"There is no folder {self.model!r}. {FIX_HINT}"
        if read_model_configs(self.model).get("model_index"):
            return True, "in the local Hugging Face cache; loads on first use"
        if hub_offline():
            return False, missing(self.model, "offline mode is on").user_message
        return True, "downloads from the Hugging Face Hub on first use"

    def model_name(self, request: GenerationRequest | None = None) -> str:
        return self.public_name

    @property
    def on_disk(self) -> bool:
        """The model is a folder or checkpoint file here, not a hub id: someone chose it on purpose."""
        return Path(self.model).expanduser().exists()

    def resolve(self, request: GenerationRequest) -> GenerationRequest:
        return resolve_request(request, self.profile(), model=self.model, public_name=self.public_name,
                               pipe=self._pipe, lora_dir=self.lora_dir)

    def runnable_prompt(self, prompt: str) -> tuple[str, tuple[str, ...]]:
        """The prompt as this server can draw it (LoRA tags naming no file here left out), and why."""
        return local_lora.without_missing(prompt, self.lora_dir)

    # The job runner may take the finished image as pixels and encode it on its post-processing pool.
    defers_encoding = True

    def generate(self, request: GenerationRequest, cancel: threading.Event, *, encode: bool = True
                 ) -> Iterator[Event]:
        """``encode=False``: the Finished image carries ``pixels`` and no PNG yet (see
        ``GeneratedImage.encoded``), so the caller's thread is free as soon as the device is."""
        for _, event in self.generate_batch([request], [cancel], encode=encode):
            yield event

    # -- several images in one call (local_batching) -------------------------------------

    def batch_key(self, request: GenerationRequest) -> Hashable | None:
        """Requests (resolved) with equal keys can share one pipeline call; None: this one runs alone."""
        return local_batching.batch_key(request)

    def max_batch(self, request: GenerationRequest) -> int:
        """How many images one call may take now, for requests like ``request`` (see ``plan_batch``).
        One on a ZeroGPU Space: each call there asks for a GPU duration sized for one image."""
        if self._gpu is not None:
            return 1
        entry = self._entry
        if self._max_batch is not None or entry is None:
            return local_batching.plan_batch(self._max_batch, None, None, None, None)
        device = entry.device.device
        return local_batching.plan_batch(None, device, free_accelerator_bytes(device), request.width, request.height)

    def generate_batch(self, requests: Sequence[GenerationRequest], cancels: Sequence[threading.Event], *,
                       encode: bool = True) -> Iterator[tuple[int, Event]]:
        """Make ``requests`` (equal batch keys) in one pipeline call, yielding ``(index, event)``: for each
        image Started, Progress... and exactly one Finished / Failed / Cancelled. Cancelling one image
        ends it at its next event without stopping the others; the call stops when all are cancelled.
        A domain error raised here (rather than yielded) ends every image not ended yet."""
        t0 = time.perf_counter()
        reqs = [self.resolve(r) for r in requests]
        ended: set[int] = set()

        def end(i: int, event: Event) -> tuple[int, Event]:
            ended.add(i)
            return i, event

        def newly_cancelled() -> list[tuple[int, Event]]:
            return [end(i, Cancelled()) for i in range(len(reqs)) if i not in ended and cancels[i].is_set()]

        yield from newly_cancelled()
        order = [i for i in range(len(reqs)) if i not in ended]  # the call's images, by their index here
        if not order:
            return
        job = DeviceJob(self._spec, reqs[order[0]], self.preview_fps, lora_dir=self.lora_dir,
                        preview_mode=self.preview, taesd=self.taesd, batch=tuple(reqs[i] for i in order[1:]),
                        **({"ceiling_s": self._gpu.ceiling_s} if self._gpu else {}))
        run = run_on_gpu if self._gpu is not None else run_on_device
        # Not loaded in this process: this run loads it (here, or in a ZeroGPU worker forked without it).
        if self._entry is None:
            for i in order:
                yield i, Loading(self.public_name)
        every = local_batching.AllSet([cancels[i] for i in order])
        # The runner thread below starts with an empty context; copy this one in, so the GPU call sees
        # the visitor's Gradio request when the job runner set it (pipeline.zerogpu.RequestScope).
        context = contextvars.copy_context()

        def drive(emit: Callable[[DeviceItem], None]) -> None:
            items = run(job)
            try:
                for item in items:
                    emit(item)
                    if every.is_set():
                        return  # closing the generator stops the run before its next step
            finally:
                items.close()

        loaded: Loaded | None = None
        try:
            for item in iterate_in_thread(
                lambda emit: context.run(drive, emit),
                every,  # type: ignore[arg-type]  # is_set() is all iterate_in_thread asks of it
                on_cancel=Cancelled,  # answer at once; the run stops at its next step
                wait_at_exit=True,
            ):
                yield from newly_cancelled()
                live = [(k, i) for k, i in enumerate(order) if i not in ended]
                if isinstance(item, Cancelled):
                    yield from (end(i, Cancelled()) for _, i in live)
                    return
                if isinstance(item, RunFailed):
                    if item.index is None:
                        raise item.error()
                    if order[item.index] not in ended:
                        yield end(order[item.index], Failed(item.reason, item.user_message))
                elif isinstance(item, Loaded):
                    loaded = item
                    zerogpu.ESTIMATES.record_load(self.model, item.load_s)
                    if self._gpu is not None:
                        self._worker_report = item
                    for _, i in live:
                        reqs[i] = self.resolve(reqs[i])  # now with the loaded model's native size and vae factor
                        yield i, self._started(reqs[i])
                elif isinstance(item, (Progress, Stepped)):
                    # Timed here: a ZeroGPU worker's clock started later, in another process.
                    elapsed = time.perf_counter() - t0
                    progress = item if isinstance(item, Progress) else item.progress
                    for k, i in live:
                        preview = progress.preview if isinstance(item, Progress) else item.previews[k]
                        yield i, progress.model_copy(update={"elapsed_s": elapsed, "preview": preview})
                elif isinstance(item, Rendered) and loaded is not None:
                    i = order[item.index]
                    if i in ended:
                        continue
                    if cancels[i].is_set():
                        yield end(i, Cancelled())
                        continue
                    if len(order) == 1:  # the estimate is of one image's steps
                        req = reqs[i]
                        zerogpu.ESTIMATES.record_run(
                            work_of(req), item.step_s, item.generate_s - item.step_s * local_edit.effective_steps(req)
                        )
                    yield end(i, Finished(self._finish(reqs[i], item, loaded, t0, encode)))
                if len(ended) == len(reqs):
                    return
        except GenerationError:
            raise
        except Exception as exc:
            if self._gpu is not None:  # spaces.GPU refused or lost the call (quota, no GPU, worker died)
                said = getattr(exc, "message", None)  # gr.Error's text, e.g. the quota left vs. asked
                said = " ".join(said.split()) if isinstance(said, str) and said.strip() else short(exc)
                raise BackendUnavailable(f"The Space's GPU could not run this image: {said}") from exc
            raise map_error(exc) from exc
        yield from newly_cancelled()
        if len(ended) < len(reqs):
            raise BackendFailure("The local model stopped without returning an image. Try again.")

    def _started(self, req: GenerationRequest) -> Started:
        return Started(
            backend=self.name,
            model=self.public_name,
            total_steps=local_edit.effective_steps(req),
            width=req.width,
            height=req.height,
            seed=req.seed,
            steps=req.steps,
            guidance=req.guidance,
        )


    # -- loading -----------------------------------------------------------------------

    @property
    def _entry(self) -> LoadedPipeline | None:
        return PIPELINES.get(self._spec)

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
