"""The contract every image backend keeps."""

from __future__ import annotations

import threading
from typing import Hashable, Iterator, Protocol, Sequence

from pipeline.events import Event
from pipeline.request import GenerationRequest


class Backend(Protocol):
    name: str  # its registered name (pipeline.backends.registry)

    def available(self) -> tuple[bool, str]:
        """Whether it can run now, and if not, why (a sentence for the person)."""

    def model_name(self, request: GenerationRequest | None = None) -> str:
        """The model a request would run on."""

    def resolve(self, request: GenerationRequest) -> GenerationRequest:
        """check_inputs: validate every argument (raising InvalidRequest naming it) and fill
        the defaults that are known without running. Cheap; called before a job is queued."""

    def generate(self, request: GenerationRequest, cancel: threading.Event) -> Iterator[Event]:
        """Yield Started, Progress..., then exactly one Finished / Failed / Cancelled.
        Domain errors may be raised instead of yielding Failed; the job runner maps them."""


def runnable_prompt(backend: Backend, prompt: str) -> tuple[str, tuple[str, ...]]:
    """The prompt as ``backend`` can draw it, and a warning for each thing left out (a backend may offer
    ``runnable_prompt``: the local one leaves out LoRA tags naming no file it has). A turn draws a pasted prompt
    this way, as A1111 does; a backend that offers nothing checks the prompt as it is in ``resolve``."""
    adapt = getattr(backend, "runnable_prompt", None)
    return adapt(prompt) if callable(adapt) else (prompt, ())


class BatchingBackend(Backend, Protocol):
    """A backend that can make several images in one call (the local diffusers pipeline). The job
    runner batches only backends that have these; others run one job per call, as ever."""

    def batch_key(self, request: GenerationRequest) -> Hashable | None:
        """Resolved requests with equal keys can share one call; None: this one runs alone."""

    def max_batch(self, request: GenerationRequest) -> int:
        """How many images one call may take now, for requests like this one."""

    def generate_batch(self, requests: Sequence[GenerationRequest], cancels: Sequence[threading.Event]
                       ) -> Iterator[tuple[int, Event]]:
        """Yield ``(index, event)``: each image's events as ``generate`` gives them. Cancelling one
        image ends it without stopping the others."""
