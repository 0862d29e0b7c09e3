"""What a failure of the local model means for the person: out of memory (and freeing what the
failed run held), or a failure while loading or generating, as a domain error with a chat-fit message.
"""

from __future__ import annotations

import gc

from pipeline.errors import BackendFailure, GenerationError, OutOfMemory


def is_oom(exc: BaseException) -> bool:
    try:
        import torch

        if isinstance(exc, torch.OutOfMemoryError):
            return True
    except (ImportError, AttributeError):
        pass
    return isinstance(exc, RuntimeError) and "out of memory" in str(exc).lower()  # MPS, older torch


def free_accelerator_memory() -> None:
    """Return cached blocks to the device so the app keeps serving smaller requests. Called
    outside the ``except`` block: until then the failed run's frames hold its tensors."""
    gc.collect()
    try:
        import torch

        if torch.cuda.is_available():
            torch.cuda.empty_cache()
        if getattr(torch.backends, "mps", None) and torch.backends.mps.is_available():
            torch.mps.empty_cache()
    except Exception:
        pass


def map_error(exc: BaseException, *, loading: bool = False) -> GenerationError:
    if is_oom(exc):
        if loading:
            return OutOfMemory(
                "The model does not fit in the GPU's memory. Try a smaller model, or run on the CPU "
                "with --device cpu."
            )
        return OutOfMemory(
            "The GPU ran out of memory for this image. Try a smaller size or fewer steps."
        )
    what = "loading the model" if loading else "generating"
    return BackendFailure(f"The local model failed while {what} ({short(exc)}). Try again.")


def short(exc: BaseException, limit: int = 160) -> str:
    text = " ".join(str(exc).split()) or exc.__class__.__name__
    return text if len(text) <= limit else text[: limit - 1] + "…"
