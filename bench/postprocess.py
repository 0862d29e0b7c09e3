"""Post-processing: PNG compression levels, and what moving encode + store off the lane buys.

1. PNG: encode CPU time (this thread's, median of --repeats, levels alternated) and bytes at compress_level 1, 3, 6 (Pillow's default)
   and 9, at 512² and 1024². Content: a photo-like synthetic image (smooth colour gradients, a few
   soft blobs, Gaussian grain of sigma 4, seeded), since noise-free gradients compress unrealistically
   well and pure noise not at all.
2. Throughput: --jobs back-to-back jobs through the JobRunner on the tiny random pipeline (real DuckDB
   file), images/s from the first submit to the last Finished, in two modes alternated per round:
     before: PNG level 6, encoded and stored on the lane's worker before it takes the next job
             (the old path; the old run lock also covered the encoding, which changes nothing with one lane);
     after:  PNG level 1, pixels handed to the post-processing pool, the lane takes its next job at once.
   CPU only, torch on one thread (what pipeline.threads picks on a 2-core machine).

    python bench/postprocess.py [--repeats 7] [--size 512] [--steps 4] [--jobs 8] [--rounds 3]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

LEVELS = (1, 3, 6, 9)


def photo_like(side: int, seed: int = 0):
    import numpy as np
    from PIL import Image

    rng = np.random.default_rng(seed)
    y, x = np.mgrid[0:side, 0:side] / side
    img = np.stack([0.5 + 0.4 * np.sin(2.1 * x + 0.7), 0.4 + 0.3 * np.cos(1.7 * y + 1.1 * x),
                    0.3 + 0.35 * y], axis=-1)
    for _ in range(6):  # soft blobs: objects out of focus
        cx, cy, r = rng.random(), rng.random(), 0.05 + 0.2 * rng.random()
        weight = np.exp(-((x - cx) ** 2 + (y - cy) ** 2) / (2 * r * r))[..., None]
        img = img * (1 - 0.6 * weight) + 0.6 * weight * rng.random(3)
    pixels = np.clip(img * 255 + rng.normal(0, 4, img.shape), 0, 255).astype(np.uint8)
    return Image.fromarray(pixels, "RGB")


def png_levels(repeats: int) -> None:
    from pipeline.postprocess import encode_png

    print("## PNG compress_level (photo-like content)")
    print("| size | level | encode CPU ms (median) | KiB | time vs 6 | bytes vs 6 |")
    print("|---|---|---|---|---|---|")
    for side in (512, 1024):
        image = photo_like(side)
        times: dict[int, list[float]] = {level: [] for level in LEVELS}
        sizes: dict[int, int] = {}
        for _ in range(repeats):  # levels alternated, so load on a shared machine hits each alike
            for level in LEVELS:
                t0 = time.thread_time()  # CPU time of this thread: what encoding costs, not queueing for a core
                sizes[level] = len(encode_png(image, level))
                times[level].append(time.thread_time() - t0)
        rows = {level: (statistics.median(times[level]), sizes[level]) for level in LEVELS}
        for level, (t, n) in rows.items():
            print(f"| {side}² | {level} | {t * 1000:.1f} | {n / 1024:.0f} | {t / rows[6][0]:.2f}× "
                  f"| {n / rows[6][1]:.3f}× |")


def throughput(size: int, steps: int, jobs: int, rounds: int) -> None:
    import torch

    import pipeline.postprocess as post
    from pipeline.backends.local_diffusers import LocalDiffusersBackend
    from pipeline.events import Finished
    from pipeline.jobs import JobRunner
    from pipeline.request import GenerationRequest
    from pipeline.router import Router
    from storage import Store
    from tests.tiny_sd import build_tiny_pipeline

    torch.set_num_threads(1)
    tmp = Path(tempfile.mkdtemp())
    backend = LocalDiffusersBackend(str(build_tiny_pipeline(tmp / "model")), preview_fps=4.0)
    backend.load()
    modes = {"before": (6, 0), "after": (1, 1)}  # PNG level, post-processing threads
    results: dict[str, list[float]] = {m: [] for m in modes}
    with Store(tmp / "bench.duckdb") as store:
        for r in range(rounds + 1):  # round 0 warms up
            for mode, (level, post_workers) in modes.items():
                post.PNG_COMPRESS_LEVEL = level
                runner = JobRunner(Router({"local": backend}, default="local"), store, post_workers=post_workers,
                                   max_queued=jobs + 1, max_queued_per_user=jobs + 1)
                try:
                    t0 = time.perf_counter()
                    ids = [runner.submit(GenerationRequest(prompt="a lighthouse at dusk", width=size, height=size,
                                                           steps=steps, seed=1000 * r + i)) for i in range(jobs)]
                    ends = [runner.wait(i, timeout=3600) for i in ids]
                    elapsed = time.perf_counter() - t0
                finally:
                    runner.close()
                assert all(isinstance(e, Finished) for e in ends), ends
                print(f"round {r}{' (warm-up)' if not r else ''}: {mode} {jobs / elapsed:.3f} images/s", flush=True)
                if r:
                    results[mode].append(jobs / elapsed)
    print(f"\n## {jobs} back-to-back jobs, tiny pipeline {size}², {steps} steps, CPU, 1 torch thread")
    print("| mode | images/s per round | median |")
    print("|---|---|---|")
    for mode, rates in results.items():
        print(f"| {mode} | {', '.join(f'{x:.2f}' for x in rates)} | {statistics.median(rates):.2f} |")
    ratio = statistics.median(results["after"]) / statistics.median(results["before"])
    print(f"\nafter / before: {ratio:.2f}×")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--repeats", type=int, default=7)
    ap.add_argument("--size", type=int, default=512)
    ap.add_argument("--steps", type=int, default=4)
    ap.add_argument("--jobs", type=int, default=8)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--skip-png", action="store_true")
    ap.add_argument("--skip-jobs", action="store_true")
    args = ap.parse_args()
    if not args.skip_png:
        png_levels(args.repeats)
    if not args.skip_jobs:
        throughput(args.size, args.steps, args.jobs, args.rounds)


if __name__ == "__main__":
    main()
