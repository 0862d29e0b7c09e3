"""How many threads torch's CPU kernels get.

torch sizes its intra-op pool to every core by default. The denoising loop then competes with the
work that must go on beside it: preview frames, the post-processing pool that encodes and stores
finished images, and the web server. On a loaded machine an oversubscribed pool is far slower than a
smaller one (2 intra-op threads measured up to 30x slower than 1 on a busy 2-core machine), so the
app leaves cores for that work, unless the person chose a number (``--threads``, or
``OMP_NUM_THREADS``, which torch reads itself).
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from typing import Mapping

log = logging.getLogger(__name__)

OMP_ENV = "OMP_NUM_THREADS"


@dataclass(frozen=True)
class ThreadPlan:
    torch_threads: int | None  # None: leave torch's own choice alone
    cores: int  # cores this process may run on
    why: str  # one line for the start-up log


def set_torch_threads(threads: int) -> None:
    """Set torch's intra-op threads (imports torch: called when the model loads, not at start)."""
    import torch

    if torch.get_num_threads() != threads:
        torch.set_num_threads(threads)


def cores_available() -> int:
    """Cores this process may run on: its CPU affinity where the system has one (a container or
    ``taskset`` limit), else every core."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except (AttributeError, OSError):  # macOS and Windows have no sched_getaffinity
        return os.cpu_count() or 1


def reserved_cores(cores: int) -> int:
    """Cores kept for previews, the PNG/store pool and the web server: one, two on a large machine
    (the pool and the server then each have one); none when there is only one."""
    if cores <= 1:
        return 0
    return 1 if cores <= 8 else 2


def plan_threads(cores: int, flag: int | None, env: Mapping[str, str]) -> ThreadPlan:
    """Pure: the plan for ``cores`` available cores, a ``--threads`` value (or None) and the environment."""
    if flag is not None:
        return ThreadPlan(flag, cores, f"torch uses {flag} CPU thread(s), as --threads says ({cores} core(s) here)")
    omp = env.get(OMP_ENV, "").strip()
    if omp:
        return ThreadPlan(None, cores, f"torch's CPU threads are left to {OMP_ENV}={omp} ({cores} core(s) here)")
    threads = max(1, cores - reserved_cores(cores))
    return ThreadPlan(threads, cores, f"torch uses {threads} of {cores} CPU core(s); "
                                      f"{cores - threads} left for previews, PNG encoding and the web server")
