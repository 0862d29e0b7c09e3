"""The diffusers scheduler behind each sampler name (``pipeline.samplers``), built for a pipeline.

The mapping follows diffusers' own table of A1111 equivalents (docs: "Schedulers"). Each scheduler is
built ``from_config`` of the model's own scheduler, so the model's beta schedule, prediction type and
timestep spacing carry over and only the listed options change. Built ones are cached per pipeline and
name: switching back and forth costs nothing after the first time, and nothing is reloaded.
"""

from __future__ import annotations

import inspect
import threading
import weakref
from typing import Any

from pipeline.samplers import SAMPLER_SCHEDULES, canonical_name, split_name

# sampler -> (diffusers class, options that make it that sampler)
SCHEDULERS: dict[str, tuple[str, dict[str, Any]]] = {
    "DPM++ 2M": ("DPMSolverMultistepScheduler", {"algorithm_type": "dpmsolver++", "solver_order": 2}),
    "DPM++ 2M SDE": ("DPMSolverMultistepScheduler", {"algorithm_type": "sde-dpmsolver++", "solver_order": 2}),
    "DPM++ SDE": ("DPMSolverSDEScheduler", {}),  # its noise sampler needs torchsde
    "DPM2": ("KDPM2DiscreteScheduler", {}),
    "DPM2 a": ("KDPM2AncestralDiscreteScheduler", {}),
    "Euler a": ("EulerAncestralDiscreteScheduler", {}),
    "Euler": ("EulerDiscreteScheduler", {}),
    "LMS": ("LMSDiscreteScheduler", {}),
    "Heun": ("HeunDiscreteScheduler", {}),
    "DDIM": ("DDIMScheduler", {}),
    "PLMS": ("PNDMScheduler", {"skip_prk_steps": True}),
    "UniPC": ("UniPCMultistepScheduler", {}),
    "DEIS": ("DEISMultistepScheduler", {}),
    "LCM": ("LCMScheduler", {}),
}
assert set(SCHEDULERS) == set(SAMPLER_SCHEDULES)

# schedule type -> the config flag that selects it
SCHEDULE_FLAGS: dict[str, str] = {"Karras": "use_karras_sigmas", "Exponential": "use_exponential_sigmas"}


def config_changes(name: str) -> tuple[str, dict[str, Any]]:
    """The diffusers class and the ``from_config`` overrides for a sampler name: the sampler's options,
    and its schedule's flag on with the other schedule flags off (a model's scheduler may ship with
    one already on)."""
    sampler, schedule = split_name(name)
    cls, options = SCHEDULERS[sampler]
    changes = {flag: False for flag in SCHEDULE_FLAGS.values()}
    changes.update(options)
    if schedule:
        changes[SCHEDULE_FLAGS[schedule]] = True
    return cls, changes


def name_of(scheduler: Any) -> str | None:
    """The sampler name of a scheduler instance (a model's own one), or None when it is none of
    ours: so a recipe says "Euler", which other tools read, rather than a class name."""
    cls, config = type(scheduler).__name__, getattr(scheduler, "config", {}) or {}
    for sampler, (sampler_cls, options) in SCHEDULERS.items():
        if sampler_cls != cls or any(config.get(k, v) != v for k, v in options.items()):
            continue
        on = [s for s, flag in SCHEDULE_FLAGS.items() if config.get(flag)]
        if not on:
            return sampler
        if len(on) == 1 and on[0] in SAMPLER_SCHEDULES[sampler]:
            return f"{sampler} {on[0]}"
    return None


class SchedulerCache:
    """Schedulers built from one pipeline's own, one per sampler name, made on first use."""

    def __init__(self, base: Any):
        self.base = base  # the scheduler the model was loaded with
        self._built: dict[str, Any] = {}
        self._lock = threading.Lock()

    def get(self, name: str | None) -> Any:
        """The scheduler for ``name`` (None: the model's own). ValueError when the model cannot use it,
        e.g. a flow-matching model (SD3, FLUX) asked for a noise-prediction sampler."""
        if name is None:
            return self.base
        canonical = canonical_name(name)
        with self._lock:
            found = self._built.get(canonical)
            if found is not None:
                return found
            import diffusers

            cls_name, changes = config_changes(canonical)
            cls = getattr(diffusers, cls_name)
            usable = {c.__name__ for c in getattr(self.base, "compatibles", ())} | {type(self.base).__name__}
            if cls_name not in usable:
                raise ValueError(
                    f"This model's scheduler ({type(self.base).__name__}) cannot be swapped for "
                    f"{canonical!r}: leave the sampler on the model's default."
                )
            accepted = inspect.signature(cls.__init__).parameters  # from_config warns about the rest
            built = cls.from_config(self.base.config, **{k: v for k, v in changes.items() if k in accepted})
            self._built[canonical] = built
            return built


_CACHES: "weakref.WeakKeyDictionary[Any, SchedulerCache]" = weakref.WeakKeyDictionary()
_CACHES_GUARD = threading.Lock()


def cache_for(pipe: Any) -> SchedulerCache:
    """The pipeline's scheduler cache, made the first time, with the scheduler it was loaded with."""
    with _CACHES_GUARD:
        found = _CACHES.get(pipe)
        if found is None:
            found = _CACHES[pipe] = SchedulerCache(pipe.scheduler)
        return found
