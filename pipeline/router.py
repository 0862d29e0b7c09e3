"""Pick the backend for a request: an explicit choice is honoured or explained; ``auto`` decides.

The names and the ``auto`` ranking come from the backend registry (pipeline.backends.registry): the
router knows no backend by name."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Mapping

from pipeline.backends.base import Backend
from pipeline.backends.registry import AUTO, BACKENDS, Capability, Registry
from pipeline.errors import BackendUnavailable, InvalidRequest
from pipeline.request import GenerationRequest


@dataclass(frozen=True)
class BackendStatus:
    name: str
    available: bool
    why: str
    model: str


def cuda_available() -> bool:
    try:
        import torch
    except ImportError:
        return False
    return bool(torch.cuda.is_available())


class Router:
    def __init__(
        self,
        backends: Mapping[str, Backend],
        *,
        default: str = AUTO,
        gpu_available: Callable[[], bool] = cuda_available,
        registry: Registry = BACKENDS,
    ):
        self.registry = registry
        self.backends = dict(backends)
        if default not in self.choices:
            raise ValueError(registry.unknown_message(default, self.choices))
        self.default = default
        self._gpu_available = gpu_available

    @property
    def choices(self) -> tuple[str, ...]:
        """``auto``, the registered names, and any configured backend the registry lacks."""
        known = self.registry.choices()
        return (*known, *(name for name in self.backends if name not in known))

    def status(self) -> list[BackendStatus]:
        out = []
        for name, backend in self.backends.items():
            ok, why = backend.available()
            out.append(BackendStatus(name, ok, why, backend.model_name()))
        return out

    def offering(self, capability: Capability) -> Backend | None:
        """The first configured backend whose spec declares ``capability``, if any."""
        for name, backend in self.backends.items():
            spec = self.registry.find(name)
            if spec is not None and spec.can(capability):
                return backend
        return None

    def prompt_target(self, backend: Backend) -> str:
        """The prompt target (prompts.targets) that ``backend``'s model reads best."""
        return self.registry.prompt_target(backend.name, backend.model_name())

    def pick(self, request: GenerationRequest) -> Backend:
        choice = request.backend if request.backend and request.backend != AUTO else self.default
        if choice not in self.choices:
            raise InvalidRequest("backend", self.registry.unknown_message(choice, self.choices))
        if choice != AUTO:
            return self._explicit(choice)
        return self._auto()

    def _explicit(self, name: str) -> Backend:
        backend = self.backends.get(name)
        if backend is None:
            raise BackendUnavailable(f"The {name} backend is not configured in this app.")
        ok, why = backend.available()
        if not ok:
            raise BackendUnavailable(f"The {name} backend is not available: {why}")
        return backend

    def _auto(self) -> Backend:
        """The best-ranked available backend, each ranked by its spec (with the built-ins: local
        when it will be fast, a GPU, or clearly intended, a local folder; else OpenAI when a key is
        set; else local on the CPU, slow but working). Ties go to the earlier configured."""
        best: tuple[int, int, Backend] | None = None
        for order, (name, backend) in enumerate(self.backends.items()):
            rank = self.registry.rank(name, backend, self._gpu_available)
            if rank is not None and (best is None or (rank, order) < best[:2]):
                best = (rank, order, backend)
        if best is not None:
            return best[2]
        reasons = "; ".join(f"{s.name}: {s.why}" for s in self.status() if not s.available)
        raise BackendUnavailable(f"No image backend is available ({reasons}).")
