"""Hugging Face ZeroGPU, done the way the `spaces` package works.

On a ZeroGPU Space no GPU is attached to the app's process. ``spaces.GPU`` wraps a function so that each
call asks the Space's scheduler for a GPU for an asked duration, checked against the visitor's daily
quota, which it finds from the Gradio request in context (``gradio.context.LocalContext.request``). It
then runs the function in a process forked from the app, sends the arguments there with
``multiprocessing``'s pickler, and relays a generator's yields back one by one (``spaces/zero/wrappers.py``).
So the function it wraps must exist when the app starts, take only picklable arguments, load the model
or find the copy the fork inherited, and it must be called where the visitor's request is in context.

This module holds what that needs and knows nothing of diffusers:
  - ``enabled()``: ``SPACES_ZERO_GPU`` read as ``spaces`` itself reads it ("true", "1", "t" are on);
  - ``decorate()``: ``spaces.GPU(duration=...)`` applied at import time, or the function unchanged;
  - ``DurationEstimator``: the seconds to ask for one image, from what this process has measured;
  - ``RequestScope``: the visitor's Gradio request carried from the thread that submits a job to the
    thread that runs it (``capture_request()`` where the job is submitted, ``scope.run(events)`` where
    it runs), and ``bind_request()`` for HTTP routes, which have no Gradio request of their own.
"""

from __future__ import annotations

import contextlib
import contextvars
import importlib.util
import logging
import math
import os
import sys
import threading
from collections import deque
from dataclasses import dataclass
from typing import Any, Callable, Iterator, Mapping, TypeVar

log = logging.getLogger(__name__)
T = TypeVar("T")

ENV = "SPACES_ZERO_GPU"


def enabled(environ: Mapping[str, str] | None = None) -> bool:
    """Whether this is a ZeroGPU Space. The same reading as ``spaces.config.boolean``: if the two
    disagreed, the app would plan for a GPU that ``spaces.GPU`` never asks for, or the reverse."""
    value = (os.environ if environ is None else environ).get(ENV)
    return value is not None and value.lower() in ("1", "t", "true")


def spaces_installed() -> bool:
    return importlib.util.find_spec("spaces") is not None


@dataclass(frozen=True)
class GpuBudget:
    """How the local backend asks ZeroGPU for the GPU: at most ``ceiling_s`` seconds per image
    (``--gpu-duration``); each call asks for less when less is expected."""

    ceiling_s: int = 120


def decorate(fn: Callable[..., Iterator[T]], *, duration: Callable[..., int]) -> Callable[..., Iterator[T]]:
    """``spaces.GPU(duration=duration)(fn)`` on a ZeroGPU Space with ``spaces`` installed, else ``fn``.

    Call it at module import: ``spaces`` reports its GPU functions to the Space when the app launches,
    and a function decorated later is unknown to it. ``duration`` receives ``fn``'s own arguments.
    """
    if not enabled():
        return fn
    if not spaces_installed():
        log.warning("%s is on but the 'spaces' package is missing; running without ZeroGPU", ENV)
        return fn
    import spaces  # before torch initialises CUDA, which spaces checks for

    return spaces.GPU(duration=duration)(fn)


def run_launch_start_up() -> bool:
    """Run what ``spaces`` does when a ZeroGPU app launches; True when it ran.

    ``spaces`` packs the loaded weights for its GPU worker and reports the decorated GPU functions to
    the Space (``spaces.zero.startup``) from a wrapper it puts around ``gr.Blocks.launch``. This app is
    built with ``create_app`` and served by uvicorn, so that launch never happens: without this call
    the Space knows no GPU function and every image fails. Call it once, after any preload and just
    before serving; the wrapper is taken off so that nothing runs it twice."""
    if not enabled() or not spaces_installed():
        return False
    import gradio as gr
    import spaces

    start_up = getattr(getattr(spaces, "zero", None), "startup", None)
    if start_up is None:
        log.warning("this 'spaces' package has no start-up to run (spaces.zero.startup); ZeroGPU may refuse "
                    "the GPU functions")
        return False
    start_up()
    original = getattr(gr.Blocks.launch, "__wrapped__", None)
    if original is not None:
        gr.Blocks.launch = original
    log.info("ZeroGPU start-up done: the GPU functions are reported to the Space")
    return True


# ---------------------------------------------------------------------------- how long to ask for


@dataclass(frozen=True)
class Work:
    """One image's work, as far as its duration goes."""

    model: str
    width: int | None  # None: the model's native size, not known yet (assumed 1024)
    height: int | None
    steps: int
    cfg: bool  # classifier-free guidance runs the UNet on two batches

    @property
    def megapixels(self) -> float:
        return (self.width or 1024) * (self.height or 1024) / 1e6


class DurationEstimator:
    """Seconds to ask ZeroGPU for: overhead + margin x (load if not loaded + fixed + steps x step).

    ZeroGPU refuses a call whose asked duration exceeds the visitor's remaining quota (about two
    minutes a day for anonymous visitors), and queues shorter asks sooner; asking the ceiling for a
    one-second image refuses a visitor after one picture. An ask that is too short is worse: the task
    is stopped when it runs out. So the priors are generous and every measurement replaces them; the
    largest of the last few measurements is used, so one fast run does not shrink the next ask.
    """

    def __init__(
        self,
        *,
        margin: float = 1.5,
        overhead_s: float = 3.0,  # scheduling, forking the worker, moving the weights to the GPU
        prior_step_s_per_mpx: float = 0.25,  # with guidance; SD1.5/SDXL on an A100-class GPU: ~0.1
        prior_fixed_s: float = 1.0,  # text encoding and the VAE decode ...
        prior_fixed_s_per_mpx: float = 2.0,  # ... which grows with the image
        prior_load_s: float = 2.0,
        disk_bytes_per_s: float = 250e6,
        prior_download_s: float = 60.0,
        keep: int = 5,
    ):
        self.margin = margin
        self.overhead_s = overhead_s
        self.prior_step_s_per_mpx = prior_step_s_per_mpx
        self.prior_fixed_s = prior_fixed_s
        self.prior_fixed_s_per_mpx = prior_fixed_s_per_mpx
        self.prior_load_s = prior_load_s
        self.disk_bytes_per_s = disk_bytes_per_s
        self.prior_download_s = prior_download_s
        self._keep = keep
        self._lock = threading.Lock()
        self._step_rate: dict[str, deque[float]] = {}  # model -> seconds per step per Mpx (with cfg)
        self._step_exact: dict[tuple[str, float, bool], deque[float]] = {}
        self._fixed: dict[tuple[str, float], deque[float]] = {}
        self._load: dict[str, deque[float]] = {}

    # -- measurements -------------------------------------------------------------------

    def record_run(self, work: Work, step_s: float, fixed_s: float) -> None:
        """One finished image: its mean seconds per denoising step and the rest of its run."""
        if not (math.isfinite(step_s) and step_s >= 0 and math.isfinite(fixed_s)):
            return
        with self._lock:
            self._push(self._step_exact, (work.model, work.megapixels, work.cfg), step_s)
            self._push(self._step_rate, work.model, step_s / (work.megapixels * _cfg_factor(work.cfg)))
            self._push(self._fixed, (work.model, work.megapixels), max(0.0, fixed_s))

    def record_load(self, model: str, load_s: float) -> None:
        if math.isfinite(load_s) and load_s > 0:
            with self._lock:
                self._push(self._load, model, load_s)

    def _push(self, table: dict, key: Any, value: float) -> None:
        table.setdefault(key, deque(maxlen=self._keep)).append(value)

    # -- estimates ----------------------------------------------------------------------

    def step_s(self, work: Work) -> float:
        with self._lock:
            exact = self._step_exact.get((work.model, work.megapixels, work.cfg))
            if exact:
                return max(exact)
            rates = self._step_rate.get(work.model)
        rate = max(rates) if rates else self.prior_step_s_per_mpx
        return rate * work.megapixels * _cfg_factor(work.cfg)

    def fixed_s(self, work: Work) -> float:
        with self._lock:
            seen = self._fixed.get((work.model, work.megapixels))
        if seen:
            return max(seen)
        return self.prior_fixed_s + self.prior_fixed_s_per_mpx * work.megapixels

    def load_s(self, model: str, weights_bytes: int | None) -> float:
        """Measured, else guessed from the weights on disk; None bytes: not on disk, a download."""
        with self._lock:
            seen = self._load.get(model)
        if seen:
            return max(seen)
        if weights_bytes is None:
            return self.prior_download_s
        return self.prior_load_s + weights_bytes / self.disk_bytes_per_s

    def seconds(self, work: Work, *, loaded: bool, weights_bytes: int | None, ceiling_s: int) -> int:
        """Whole seconds to ask for, from 1 up to ``ceiling_s``."""
        load = 0.0 if loaded else self.load_s(work.model, weights_bytes)
        expected = load + self.fixed_s(work) + work.steps * self.step_s(work)
        asked = math.ceil(self.overhead_s + self.margin * expected)
        return max(1, min(int(ceiling_s), asked))


def _cfg_factor(cfg: bool) -> float:
    return 2.0 if cfg else 1.0


ESTIMATES = DurationEstimator()  # one per process: measurements outlive a backend, like the model


# ---------------------------------------------------------------------------- the visitor's request

# The request-scoped variables Gradio sets for an event handler that `spaces` reads: the request (the
# visitor's quota), the event and Blocks (whether the visitor is still connected while a GPU is awaited;
# the server's sockets, closed in the forked worker), and the progress tracker it relays.
_GRADIO_VARS = ("request", "event_id", "blocks", "in_event_listener", "progress")


@dataclass(frozen=True)
class RequestScope:
    """The Gradio request-scoped values of the thread that submitted a job, to be set again where the
    job runs. Only these cross: the rest of the submitting thread's context (the web server's event
    loop state, for one) must not leak into a worker thread."""

    values: tuple[tuple[contextvars.ContextVar, Any], ...] = ()

    @property
    def request(self) -> Any:
        """The ``gr.Request``, or None."""
        return next((v for var, v in self.values if var.name == "request"), None)

    def run(self, events: Iterator[T]) -> Iterator[T]:
        """Advance ``events`` (a backend's ``generate(...)``) with these values in context, in a copy
        of the caller's context, so each step and anything it starts sees the visitor's request."""
        if not self.values:
            yield from events
            return
        context = contextvars.copy_context()
        for var, value in self.values:
            context.run(var.set, value)
        try:
            while True:
                try:
                    item = context.run(next, events)
                except StopIteration:
                    return
                yield item
        finally:
            close = getattr(events, "close", None)
            if close is not None:
                context.run(close)


def capture_request() -> RequestScope:
    """Call where a job is submitted (in a Gradio event handler, or inside ``bind_request``): the
    visitor's request and its companions, to be set again by ``RequestScope.run`` where the job runs.
    Costs nothing where Gradio is not imported (a worker process, the HTTP API alone)."""
    gradio_context = sys.modules.get("gradio.context")
    if gradio_context is None:
        return RequestScope()
    local = gradio_context.LocalContext
    values = []
    for name in _GRADIO_VARS:
        var = getattr(local, name, None)
        if isinstance(var, contextvars.ContextVar):
            value = var.get(_UNSET)
            if value is not _UNSET:
                values.append((var, value))
    if not any(var.name == "request" and value is not None for var, value in values):
        return RequestScope()  # nothing to charge a quota to: nothing worth carrying
    return RequestScope(tuple(values))


@contextlib.contextmanager
def bind_request(request: Any) -> Iterator[None]:
    """Make ``request`` (a ``gr.Request``, e.g. ``gr.Request(request=fastapi_request)`` in an HTTP
    route) the Gradio request in context for the block, so a job submitted inside it is charged to
    that caller's ZeroGPU quota."""
    from gradio.context import LocalContext

    token = LocalContext.request.set(request)
    try:
        yield
    finally:
        LocalContext.request.reset(token)


@contextlib.contextmanager
def bind_http_request(http_request: Any) -> Iterator[None]:
    """For an HTTP route: on ZeroGPU, its caller becomes the Gradio request a submitted job is
    charged to (``gr.Request(request=...)``); elsewhere, and without a request, nothing."""
    if http_request is None or not enabled():
        yield
        return
    import gradio as gr

    with bind_request(gr.Request(request=http_request)):
        yield


_UNSET = object()
