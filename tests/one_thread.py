"""A local backend loaded for a module of tests, with torch on one thread while they run: on a busy
machine two intra-op threads make the tiny pipelines' runs far slower, not faster."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Iterator


def loaded_on_one_thread(model_dir: Path | str, **options: Any) -> Iterator[Any]:
    """For a fixture to ``yield from``: the loaded LocalDiffusersBackend; torch's thread count is put
    back afterwards."""
    import torch

    from pipeline.backends.local_diffusers import LocalDiffusersBackend

    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    try:
        backend = LocalDiffusersBackend(str(model_dir), **options)
        backend.load()
        yield backend
    finally:
        torch.set_num_threads(threads)
