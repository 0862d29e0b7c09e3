"""Speed options for a loaded diffusers pipeline: channels_last, fused QKV projections,
``torch.compile`` of the denoiser and the VAE decoder (with a warm-up), and feature caching.

``apply(pipe, SpeedOptions(...))`` changes the pipeline in place and says what it did. Published
anchors for SD1.5 at 512², 50 steps on an A100: eager 1.59 s, compiled + channels_last 1.07 s;
DeepCache 2.3× on SD1.5 at 50 steps.

Feature caching. diffusers' own caching hooks (``enable_cache`` with ``FirstBlockCacheConfig`` and
friends) exist for transformer denoisers only: a ``UNet2DConditionModel`` has no ``enable_cache``.
The ``DeepCache`` package on PyPI (0.1.1, 2023) wraps a UNet's blocks by hand and keeps the first
timestep it ever saw across calls, which breaks an image-to-image call after a text-to-image one.
So a UNet gets DeepCache's scheme here (uniform interval, shallowest branch), written on diffusers'
maintained ``ModelHook`` mechanism: on a full step every block runs and the outputs of the deep
ones are kept; on the steps between, only ``conv_in``, the last layer of the last up block and
``conv_out`` run, reusing the kept deep features. A transformer gets diffusers' First Block Cache.

Compilation. The denoiser and the VAE decoder are compiled in place (``module.compile``) with the
default mode (no CUDA graphs: batch sizes and sizes vary from call to call) and ``dynamic=None``:
the first shape is compiled static, and the first *different* size or batch size makes that
dimension dynamic (one more compile), after which new values reuse the graph. :func:`warm_up`
pays those compiles at load for the default size and the batch sizes the queue will use, and
:func:`compile_note` says in advance when a request would still trigger one, so nobody waits a
minute unannounced. With feature caching on a UNet, only its transformer blocks are compiled
(diffusers' regional compilation), so that the cache's per-step decisions stay outside the graphs.
"""

from __future__ import annotations

import logging
import time
import weakref
from dataclasses import dataclass, field
from typing import Any, Iterable, Literal, Sequence

log = logging.getLogger(__name__)

DEEPCACHE_INTERVAL = 3  # a full UNet pass every 3 steps: DeepCache's usual setting for SD1.5
DEEPCACHE_MIN_STEPS = 10  # below this (Turbo, LCM: 1-8 steps) every step matters: no caching
FIRST_BLOCK_CACHE_THRESHOLD = 0.12  # diffusers' First Block Cache: residual change that forces a full pass
_HOOK = "imagechat_deepcache"


@dataclass(frozen=True)
class SpeedOptions:
    """What to do to a pipeline. ``compile`` brings channels_last and fused QKV projections with it
    (both help the compiled kernels; fused QKV is left out when LoRA adapters may be loaded later,
    since an adapter on ``to_q``/``to_k``/``to_v`` would be bypassed by the fused projection)."""

    compile: bool = False
    # "full": the whole denoiser and the VAE decoder; "blocks": only the denoiser's repeated
    # transformer blocks (diffusers' regional compilation): a fraction of the compile time, less
    # of the gain on a UNet, whose convolutions stay eager.
    compile_scope: Literal["full", "blocks"] = "full"
    deepcache: bool = False
    deepcache_interval: int = DEEPCACHE_INTERVAL
    deepcache_min_steps: int = DEEPCACHE_MIN_STEPS

    def __post_init__(self) -> None:
        if self.compile_scope not in ("full", "blocks"):
            raise ValueError(f"The compile scope is full or blocks, not {self.compile_scope!r}.")
        if not 2 <= self.deepcache_interval <= 10:
            raise ValueError(f"The DeepCache interval must be 2 to 10 steps (1 would cache nothing), "
                             f"not {self.deepcache_interval}.")
        if self.deepcache_min_steps < 2:
            raise ValueError(f"DeepCache's minimum step count must be at least 2, not {self.deepcache_min_steps}.")

    @property
    def any(self) -> bool:
        return self.compile or self.deepcache


@dataclass(frozen=True)
class Applied:
    """What :func:`apply` did to a pipeline, and why it left anything out (for the start-up log)."""

    channels_last: bool = False
    fused_qkv: bool = False
    compiled: tuple[str, ...] = ()  # module paths, e.g. ("unet", "vae.decoder")
    cache: str | None = None  # e.g. "deepcache every 3 steps"
    notes: tuple[str, ...] = ()

    def summary(self) -> str:
        done = [name for name, on in (("channels_last", self.channels_last), ("fused QKV", self.fused_qkv)) if on]
        done += [f"compiled {', '.join(self.compiled)}"] if self.compiled else []
        done += [self.cache] if self.cache else []
        return "; ".join(done + list(self.notes)) or "nothing"


def apply(pipe: Any, options: SpeedOptions, *, adapters_possible: bool = False) -> Applied:
    """Apply ``options`` to a loaded pipeline (on its device, in its dtype) and return what was done.
    ``adapters_possible``: LoRA adapters may be loaded into it later (no QKV fusion then)."""
    if not options.any:
        return Applied()
    denoiser, name = _denoiser(pipe)
    notes: list[str] = []
    channels_last = fused = False
    cache = None
    if options.compile:
        channels_last = _channels_last(pipe, denoiser)
        if adapters_possible:
            notes.append("QKV projections not fused: LoRA adapters may be loaded")
        else:
            fused, why = _fuse_qkv(pipe, denoiser)
            if why:
                notes.append(why)
    if options.deepcache:
        cache, why = _enable_cache(pipe, denoiser, options)
        if why:
            notes.append(why)
    compiled: tuple[str, ...] = ()
    if options.compile:
        blocks_only = options.compile_scope == "blocks"
        regional = blocks_only or (cache is not None and name == "unet")
        compiled = _compile(pipe, denoiser, name, regional=regional, vae=not blocks_only, notes=notes)
        _COMPILED[pipe] = _Shapes()
    applied = Applied(channels_last, fused, compiled, cache, tuple(notes))
    log.info("speed options: %s", applied.summary())
    return applied


def options_from(settings: Any) -> SpeedOptions:
    """The options from the parsed flags (the app's Config or the worker's arguments: both carry
    ``compile``, ``deepcache`` and ``deepcache_interval`` from ``config.add_local_backend_flags``)."""
    return SpeedOptions(compile=bool(getattr(settings, "compile", False)),
                        deepcache=bool(getattr(settings, "deepcache", False)),
                        deepcache_interval=int(getattr(settings, "deepcache_interval", DEEPCACHE_INTERVAL)))


def prepare(pipe: Any, options: SpeedOptions, *, width: int, height: int, batch_sizes: Sequence[int] = (1,),
            adapters_possible: bool = False) -> Applied:
    """What a loader calls once the pipeline is on its device: :func:`apply`, then with ``compile``
    the warm-up at the default size for ``batch_sizes`` (logged with its duration)."""
    applied = apply(pipe, options, adapters_possible=adapters_possible)
    if applied.compiled:
        took = warm_up(pipe, width, height, batch_sizes)
        log.info("compiled for %dx%d, batch sizes %s, in %.0f s", width, height, list(batch_sizes), took)
    return applied


# ---- compile warm-up and notice --------------------------------------------------------------------


@dataclass
class _Shapes:
    """The sizes and batch sizes a compiled pipeline has run: a dimension with two values seen is
    dynamic from then on (torch's automatic dynamic shapes), so new values reuse the graph."""

    sizes: set[tuple[int, int]] = field(default_factory=set)
    batches: set[int] = field(default_factory=set)

    def new(self, size: tuple[int, int], batch: int) -> bool:
        return ((size not in self.sizes and len(self.sizes) < 2)
                or (batch not in self.batches and len(self.batches) < 2))

    def note(self, size: tuple[int, int], batch: int) -> None:
        self.sizes.add(size)
        self.batches.add(batch)


_COMPILED: "weakref.WeakKeyDictionary[Any, _Shapes]" = weakref.WeakKeyDictionary()


def compile_note(pipe: Any, width: int, height: int, batch: int = 1) -> str | None:
    """What to tell the person before a call that will compile first (a size or batch size the
    compiled graphs have not met yet), or None when it runs at compiled speed at once."""
    shapes = _COMPILED.get(pipe)
    if shapes is None or not shapes.new((width, height), batch):
        return None
    return (f"First picture at {width}×{height} (batch of {batch}) since the server started: the model is "
            "compiled for it first, which can take a minute; later ones are fast.")


def record_run(pipe: Any, width: int, height: int, batch: int = 1) -> None:
    """Note a finished call's shape, so :func:`compile_note` stops announcing it."""
    shapes = _COMPILED.get(pipe)
    if shapes is not None:
        shapes.note((width, height), batch)


def warm_up(pipe: Any, width: int, height: int, batch_sizes: Sequence[int] = (1,), *, steps: int = 2,
            sizes: Iterable[tuple[int, int]] = ()) -> float:
    """Run the pipeline once per batch size at the default size (and once at each of ``sizes``),
    so the compiles happen now and not in front of a person; returns the seconds it took.
    Two batch sizes (or two sizes) make that dimension dynamic for every later value."""
    import torch

    started = time.perf_counter()
    runs = [((width, height), b) for b in dict.fromkeys(batch_sizes)]
    runs += [(s, min(batch_sizes)) for s in sizes if s != (width, height)]
    for (w, h), batch in runs:
        with torch.inference_mode():
            pipe(["warm-up"] * batch, num_inference_steps=steps, width=w, height=h, output_type="np",
                 generator=[torch.Generator("cpu").manual_seed(i) for i in range(batch)])
        record_run(pipe, w, h, batch)
    return time.perf_counter() - started


# ---- the parts -------------------------------------------------------------------------------------


def _denoiser(pipe: Any) -> tuple[Any, str]:
    for name in ("unet", "transformer"):
        module = getattr(pipe, name, None)
        if module is not None:
            return module, name
    raise ValueError(f"{type(pipe).__name__} has neither a UNet nor a transformer to speed up.")


def _channels_last(pipe: Any, denoiser: Any) -> bool:
    """Convolution-heavy modules (a UNet, the VAE) run faster with NHWC tensors on GPUs."""
    import torch

    done = False
    for module in (getattr(pipe, "unet", None), getattr(pipe, "vae", None)):
        if module is not None:
            module.to(memory_format=torch.channels_last)
            done = True
    return done


def _fuse_qkv(pipe: Any, denoiser: Any) -> tuple[bool, str | None]:
    from diffusers import AutoencoderKL

    try:
        if getattr(pipe, "unet", None) is not None and isinstance(getattr(pipe, "vae", None), AutoencoderKL):
            pipe.fuse_qkv_projections()  # the UNet's and the VAE's, with diffusers' fused processor
            return True, None
        if hasattr(denoiser, "fuse_qkv_projections"):
            denoiser.fuse_qkv_projections()
            return True, None
    except (AttributeError, ValueError, NotImplementedError) as exc:  # an attention diffusers cannot fuse
        return False, f"QKV projections not fused: {exc}"
    return False, f"QKV projections not fused: {type(denoiser).__name__} does not offer it"


def _compile(pipe: Any, denoiser: Any, name: str, *, regional: bool, vae: bool, notes: list[str]) -> tuple[str, ...]:
    kwargs = dict(mode="default", dynamic=None, fullgraph=False)
    compiled = []
    if regional:
        try:
            denoiser.compile_repeated_blocks(**kwargs)
            compiled.append(f"{name} (transformer blocks)")
        except ValueError as exc:  # no repeated blocks declared for this model
            notes.append(f"{name} not compiled beside its feature cache: {exc}")
    else:
        denoiser.compile(**kwargs)
        compiled.append(name)
    decoder = getattr(getattr(pipe, "vae", None), "decoder", None)
    if vae and decoder is not None:
        decoder.compile(**kwargs)
        compiled.append("vae.decoder")
    return tuple(compiled)


def _enable_cache(pipe: Any, denoiser: Any, options: SpeedOptions) -> tuple[str | None, str | None]:
    if hasattr(denoiser, "down_blocks") and hasattr(denoiser, "up_blocks"):
        _DeepCache(pipe, denoiser, options.deepcache_interval, options.deepcache_min_steps).install()
        return f"deepcache every {options.deepcache_interval} steps (from {options.deepcache_min_steps} steps)", None
    if hasattr(denoiser, "enable_cache"):
        from diffusers.hooks import FirstBlockCacheConfig

        try:
            denoiser.enable_cache(FirstBlockCacheConfig(threshold=FIRST_BLOCK_CACHE_THRESHOLD))
            return f"first-block cache (threshold {FIRST_BLOCK_CACHE_THRESHOLD})", None
        except (ValueError, KeyError, AttributeError) as exc:
            return None, f"no feature cache: diffusers cannot cache {type(denoiser).__name__} ({exc})"
    return None, f"no feature cache: {type(denoiser).__name__} has neither UNet blocks nor diffusers' caching hooks"


def remove_cache(pipe: Any) -> None:
    """Undo the UNet feature cache of :func:`apply` (every block runs at every step again)."""
    from diffusers.hooks import HookRegistry

    denoiser, _ = _denoiser(pipe)
    for module in denoiser.modules():
        registry = getattr(module, "_diffusers_hook", None)
        if isinstance(registry, HookRegistry) and registry.get_hook(_HOOK) is not None:
            registry.remove_hook(_HOOK, recurse=False)


class _DeepCacheState:
    """Shared by the hooks of one UNet: where the current call is, and the deep features kept."""

    def __init__(self, pipe: Any, interval: int, min_steps: int):
        self.pipe = weakref.ref(pipe)
        self.interval, self.min_steps = interval, min_steps
        self.embeddings: Any = None  # the prompt embeddings of the call in progress (held: identity)
        self.shape: tuple | None = None
        self.step = 0
        self.full = True
        self.kept: dict[int, Any] = {}

    def begin_step(self, sample: Any, embeddings: Any) -> None:
        # A pipeline call passes one prompt-embedding tensor to every step, so another tensor (or
        # another latent shape) is another call: start over with a full pass. Starting over is
        # always safe; reusing features across calls never is.
        if embeddings is not self.embeddings or tuple(sample.shape) != self.shape:
            self.embeddings, self.shape, self.step = embeddings, tuple(sample.shape), 0
            self.kept.clear()
        else:
            self.step += 1
        self.full = self.step % self.interval == 0 or self._steps() < self.min_steps

    def _steps(self) -> int:
        pipe = self.pipe()
        timesteps = getattr(getattr(pipe, "scheduler", None), "timesteps", None)
        return len(timesteps) if timesteps is not None else 0


def _deepcache_hooks():
    from diffusers.hooks import ModelHook

    class StepHook(ModelHook):
        """On the UNet itself: tells the shared state which step this call is."""

        def __init__(self, state: _DeepCacheState):
            super().__init__()
            self.state = state

        def pre_forward(self, module, *args, **kwargs):
            sample = args[0] if args else kwargs["sample"]
            embeddings = args[2] if len(args) > 2 else kwargs.get("encoder_hidden_states")
            self.state.begin_step(sample, embeddings)
            return args, kwargs

    class KeepHook(ModelHook):
        """On a deep block: runs and keeps its output on full steps, returns the kept one between."""

        def __init__(self, state: _DeepCacheState):
            super().__init__()
            self.state = state

        def new_forward(self, module, *args, **kwargs):
            key = id(module)
            if not self.state.full and key in self.state.kept:
                return self.state.kept[key]
            output = self.fn_ref.original_forward(*args, **kwargs)
            self.state.kept[key] = output
            return output

    return StepHook, KeepHook


class _DeepCache:
    def __init__(self, pipe: Any, unet: Any, interval: int, min_steps: int):
        self.unet = unet
        self.state = _DeepCacheState(pipe, interval, min_steps)

    def deep_modules(self) -> list[Any]:
        """DeepCache's shallowest branch: everything but conv_in, the last layer of the last up
        block (which takes conv_in's features as its skip input) and conv_out."""
        unet = self.unet
        modules = [*unet.down_blocks, *([unet.mid_block] if unet.mid_block is not None else []),
                   *unet.up_blocks[:-1]]
        last = unet.up_blocks[-1]
        modules += list(last.resnets[:-1])
        modules += list(getattr(last, "attentions", None) or [])[:-1]
        return modules

    def install(self) -> None:
        from diffusers.hooks import HookRegistry

        StepHook, KeepHook = _deepcache_hooks()
        for module in self.deep_modules():
            HookRegistry.check_if_exists_or_initialize(module).register_hook(KeepHook(self.state), _HOOK)
        HookRegistry.check_if_exists_or_initialize(self.unet).register_hook(StepHook(self.state), _HOOK)
