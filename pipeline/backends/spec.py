"""What a backend declares about itself, in the manner of ``llm``'s model plugins: its name, what it
can do, its own options, how many jobs it runs at once, how it is built from the app's settings, how
``auto`` ranks it and which prompt wording its models read.

This module stays light (no torch, no openai): the command line's ``--backend`` choices and the
HTTP API's validators read the registry before anything heavy is imported; each factory imports
its backend when it is called.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Callable

from pydantic import BaseModel, ConfigDict

if TYPE_CHECKING:
    from pipeline.backends.base import Backend

AUTO = "auto"  # not a backend: the router's choice among the configured ones


class Capability(str, enum.Enum):
    """What a backend can do; the UI and the router ask these instead of naming backends."""

    TEXT_TO_IMAGE = "text_to_image"
    IMAGE_TO_IMAGE = "image_to_image"
    INPAINT = "inpaint"
    PARTIAL_PREVIEWS = "partial_previews"  # previews while a picture forms
    BATCHING = "batching"  # several images in one call
    NEGATIVE_PROMPT = "negative_prompt"
    SEED = "seed"  # the same seed gives the same picture
    MODEL_CHOICE = "model_choice"  # a person may pick the model and its options per request


class BackendOptions(BaseModel):
    """The base of every backend's options model: the options only that backend takes, carried on
    the request as one typed value (``GenerationRequest.options``) instead of fields every backend
    would see. Their names are the HTTP API's and the stored recipe's."""

    model_config = ConfigDict(frozen=True, extra="forbid")


class NoOptions(BackendOptions):
    """The options model of a backend that takes none beyond the shared request."""


@dataclass(frozen=True)
class BuildContext:
    """What the composition root works out once for the whole process and a factory may use:
    torch's thread count for this machine, and on a ZeroGPU Space how a run asks for the GPU."""

    torch_threads: int | None = None
    gpu_call: Any = None  # pipeline.zerogpu.GpuBudget on a ZeroGPU Space, else None


# ``auto`` ranks: lower wins; None: not a candidate now. The figures leave room between the
# built-ins for a backend registered later.
RANK_PREFERRED = 0  # clearly the one to use (a GPU, a model chosen on disk)
RANK_HOSTED = 10  # a hosted API that is set up
RANK_FALLBACK = 20  # works, but slowly
RANK_UNDECLARED = 30  # a configured backend that has no spec

GpuProbe = Callable[[], bool]


@dataclass(frozen=True)
class BackendSpec:
    """One kind of backend. ``build(config, context)`` makes it from the app's settings (config.Config);
    ``rank(backend, gpu_available)`` says how ``auto`` ranks a built one (RANK_*; None: pass it over);
    ``prompt_target(model)`` names the prompt target (prompts.targets) its model reads best."""

    name: str
    label: str
    capabilities: frozenset[Capability]
    build: Callable[[Any, BuildContext], "Backend"]
    rank: Callable[["Backend", GpuProbe], int | None]
    prompt_target: Callable[[str | None], str]
    options: type[BackendOptions] = NoOptions
    default_lanes: int = 1  # jobs at once on this backend (one per GPU)
    lanes_from: Callable[[Any], int] | None = None  # the lanes a config asks for, when it has a flag

    def __post_init__(self) -> None:
        if not self.name or not self.name.isidentifier() or self.name != self.name.lower():
            raise ValueError(f"a backend name is one lower-case word, not {self.name!r}")
        if self.name == AUTO:
            raise ValueError(f"{AUTO!r} is the router's choice, not a backend name")
        if self.default_lanes < 1:
            raise ValueError(f"default_lanes is at least 1, not {self.default_lanes}")
        object.__setattr__(self, "capabilities", frozenset(Capability(c) for c in self.capabilities))

    def can(self, capability: Capability) -> bool:
        return capability in self.capabilities

    def lanes(self, config: Any) -> int:
        return self.lanes_from(config) if self.lanes_from is not None else self.default_lanes


def available_rank(rank: int) -> Callable[["Backend", GpuProbe], int | None]:
    """A rank rule for a backend that is a candidate whenever it is available."""

    def rule(backend: "Backend", gpu_available: GpuProbe) -> int | None:
        return rank if backend.available()[0] else None

    return rule
