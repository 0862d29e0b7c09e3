"""The one vocabulary of job events, shared by the chat, polling, SSE and WebSocket."""

from __future__ import annotations

from dataclasses import dataclass

from pipeline.request import GeneratedImage


@dataclass(frozen=True)
class Queued:
    position: int  # 0: next to run
    eta_s: float | None = None  # expected wait before it starts, once run times are known


@dataclass(frozen=True)
class Loading:
    """The model is being loaded for this job (the first image after a start without --preload): no
    longer waiting in the queue, not yet denoising."""

    model: str
    fraction: float | None = None  # 0-1 where the loader reports how far it is; None: not known


@dataclass(frozen=True)
class Started:
    backend: str
    model: str
    total_steps: int | None = None  # None when the backend reports no steps (OpenAI)
    width: int | None = None
    height: int | None = None
    seed: int | None = None
    steps: int | None = None
    guidance: float | None = None


@dataclass(frozen=True)
class Progress:
    step: int  # 1-based: steps done
    total: int
    elapsed_s: float
    eta_s: float | None = None
    preview: bytes | None = None  # small JPEG of the forming image, throttled

    @property
    def fraction(self) -> float:
        return self.step / self.total if self.total else 0.0


@dataclass(frozen=True)
class Finished:
    image: GeneratedImage
    image_id: str | None = None  # set by the job runner once the image is stored


@dataclass(frozen=True)
class Failed:
    reason: str  # a short machine-readable code, e.g. "content_policy", "oom"
    user_message: str  # fit for the chat: says what happened and what to do


@dataclass(frozen=True)
class Cancelled:
    pass


Event = Queued | Loading | Started | Progress | Finished | Failed | Cancelled
TERMINAL = (Finished, Failed, Cancelled)


def is_terminal(event: Event) -> bool:
    return isinstance(event, TERMINAL)
