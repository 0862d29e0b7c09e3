"""Pick the backend for a request: an explicit choice is honoured or explained; ``auto`` decides."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Mapping

from pipeline.backends.base import Backend
from pipeline.errors import BackendUnavailable, InvalidRequest
from pipeline.request import GenerationRequest

CHOICES = ("auto", "local", "openai")


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
        default: str = "auto",
        gpu_available: Callable[[], bool] = cuda_available,
    ):
        if default not in CHOICES:
            raise ValueError(f"backend must be one of {', '.join(CHOICES)}, not {default!r}")
        self.backends = dict(backends)
        self.default = default
        self._gpu_available = gpu_available

    def status(self) -> list[BackendStatus]:
        out = []
        for name, backend in self.backends.items():
            ok, why = backend.available()
            out.append(BackendStatus(name, ok, why, backend.model_name()))
        return out

    def pick(self, request: GenerationRequest) -> Backend:
        choice = request.backend if request.backend and request.backend != "auto" else self.default
        if choice not in CHOICES:
            raise InvalidRequest("backend", f"Unknown backend {choice!r}: choose auto, local or openai.")
        if choice != "auto":
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
        """Local when it will be fast (a GPU) or clearly intended (a local folder); else OpenAI
        when a key is set; else local on the CPU, slow but working."""
        local = self.backends.get("local")
        remote = self.backends.get("openai")
        local_ok = local is not None and local.available()[0]
        if local_ok and (self._gpu_available() or getattr(local, "on_disk", False)):
            return local
        if remote is not None and remote.available()[0]:
            return remote
        if local_ok:
            return local
        reasons = "; ".join(f"{s.name}: {s.why}" for s in self.status() if not s.available)
        raise BackendUnavailable(f"No image backend is available ({reasons}).")
