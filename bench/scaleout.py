"""The broker path against in-process: what sending a job through Redis to a Celery worker adds.

One `redis-server` on loopback and one `python -m pipeline.worker` on the tiny random pipeline; the same
request is generated through `CeleryBackend` and through an in-process `LocalDiffusersBackend`,
alternated, both pinned to one torch thread so they compete for the CPU alike.

    python bench/scaleout.py [--runs 20] [--steps 4] [--size 64]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def timed(backend, request) -> tuple[float, float]:
    """(total seconds, seconds to the Started event)."""
    from pipeline.events import Finished, Started

    t0 = time.perf_counter()
    to_started = None
    last = None
    for event in backend.generate(request, threading.Event()):
        if isinstance(event, Started) and to_started is None:
            to_started = time.perf_counter() - t0
        last = event
    assert isinstance(last, Finished), last
    return time.perf_counter() - t0, to_started or 0.0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=20)
    ap.add_argument("--steps", type=int, default=4)
    ap.add_argument("--size", type=int, default=64)
    args = ap.parse_args()

    import torch

    torch.set_num_threads(1)
    from pipeline.backends.celery_remote import CeleryBackend
    from pipeline.backends.local_diffusers import LocalDiffusersBackend
    from pipeline.request import GenerationRequest
    from tests.redis_server import RedisServer
    from tests.tiny_sd import build_tiny_pipeline
    from tests.worker_process import WorkerProcess

    work = Path(tempfile.mkdtemp(prefix="imagechat-scaleout-"))
    model = str(build_tiny_pipeline(work / "tiny"))
    local = LocalDiffusersBackend(model)
    local.load()
    with RedisServer(work) as broker:
        worker = WorkerProcess(work, broker.url(0), model, "bench").start()
        try:
            worker.wait_ready()
            remote = CeleryBackend(broker.url(0), model=model)
            request = local.resolve(GenerationRequest(prompt="a lighthouse", width=args.size, height=args.size,
                                                      steps=args.steps, seed=7))
            for _ in range(3):  # warm both paths
                timed(local, request), timed(remote, request)
            results = {"in-process": [], "through the broker": []}
            for i in range(args.runs):
                pair = [("in-process", local), ("through the broker", remote)]
                for name, backend in (pair if i % 2 == 0 else pair[::-1]):
                    results[name].append(timed(backend, request))
        finally:
            worker.stop()

    print(f"{args.size}x{args.size}, {args.steps} steps, {args.runs} alternated runs each, one torch thread")
    print(f"{'path':<20} {'median ms':>10} {'p90 ms':>8} {'to Started ms':>14}")
    medians = {}
    for name, runs in results.items():
        totals = sorted(t for t, _ in runs)
        medians[name] = statistics.median(totals)
        p90 = totals[int(0.9 * (len(totals) - 1))]
        print(f"{name:<20} {1000 * medians[name]:>10.1f} {1000 * p90:>8.1f} "
              f"{1000 * statistics.median(s for _, s in runs):>14.1f}")
    extra = medians["through the broker"] - medians["in-process"]
    print(f"the broker path adds {1000 * extra:.1f} ms per image "
          f"(ratio {medians['through the broker'] / medians['in-process']:.3f})")


if __name__ == "__main__":
    main()
