"""What the app adds on top of the model: the whole job path against a bare ``pipe(...)`` call.

App path: JobRunner.submit → queue → LocalDiffusersBackend (callbacks, progress events, throttled
previews) → PNG → Base64 + thumbnail → DuckDB, with a subscriber reading every event, as the chat does.
Bare: ``AutoPipelineForText2Image.from_pretrained(same folder)(prompt, ...)`` returning a PIL image.
Both run in one process on the same tiny pipeline, alternated, so machine noise hits both alike.

    python bench/overhead.py [--size 256] [--steps 20] [--runs 7]
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


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--size", type=int, default=256)
    ap.add_argument("--steps", type=int, default=20)
    ap.add_argument("--runs", type=int, default=7)
    args = ap.parse_args()

    import torch
    from diffusers import AutoPipelineForText2Image

    from pipeline.backends.local_diffusers import LocalDiffusersBackend
    from pipeline.events import Finished
    from pipeline.jobs import JobRunner
    from pipeline.request import GenerationRequest
    from pipeline.router import Router
    from storage import Store
    from tests.tiny_sd import build_tiny_pipeline

    work = Path(tempfile.mkdtemp(prefix="imagechat-bench-"))
    model = build_tiny_pipeline(work / "tiny")
    bare = AutoPipelineForText2Image.from_pretrained(str(model))
    bare.set_progress_bar_config(disable=True)
    backend = LocalDiffusersBackend(str(model))
    backend.load()
    store = Store(work / "bench.duckdb")
    runner = JobRunner(Router({"local": backend}, default="local"), store)
    prompt = "a lighthouse on a cliff at dusk, oil painting"

    def run_bare(seed: int) -> float:
        t = time.perf_counter()
        bare(prompt, width=args.size, height=args.size, num_inference_steps=args.steps,
             generator=torch.Generator("cpu").manual_seed(seed))
        return time.perf_counter() - t

    def run_app(seed: int) -> float:
        t = time.perf_counter()
        job = runner.submit(GenerationRequest(prompt=prompt, width=args.size, height=args.size,
                                              steps=args.steps, seed=seed))
        events = list(runner.events(job))
        assert isinstance(events[-1], Finished) and events[-1].image_id
        return time.perf_counter() - t

    run_bare(0), run_app(0)  # warm both paths (allocator, first-call costs)
    bare_s, app_s, ratios = [], [], []
    for i in range(1, args.runs + 1):
        first, second = (run_bare, run_app) if i % 2 else (run_app, run_bare)
        a, b = first(i), second(i)
        b_s, a_s = (a, b) if first is run_bare else (b, a)
        bare_s.append(b_s), app_s.append(a_s), ratios.append(a_s / b_s)
        print(f"run {i}: bare {b_s:.3f} s  app {a_s:.3f} s  ratio {a_s / b_s:.3f}", flush=True)
    runner.close()
    store.close()
    print(f"\n{args.size}x{args.size}, {args.steps} steps, {args.runs} alternated runs, torch threads {torch.get_num_threads()}")
    print(f"bare pipe(): median {statistics.median(bare_s):.3f} s")
    print(f"app job path: median {statistics.median(app_s):.3f} s")
    print(f"median ratio app/bare: {statistics.median(ratios):.3f}  (target <= 1.10)")


if __name__ == "__main__":
    main()
