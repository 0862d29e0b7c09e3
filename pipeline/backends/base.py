"""The contract every image backend keeps."""

from __future__ import annotations

import threading
from typing import Iterator, Protocol

from pipeline.events import Event
from pipeline.request import GenerationRequest


class Backend(Protocol):
    name: str  # "local" | "openai"

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
