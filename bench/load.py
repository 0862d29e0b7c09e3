"""Many API clients at once against the real app, compared with a bare ``pipe(...)`` loop.

The app is launched as its own process (``python app.py`` on the tiny random pipeline, a fresh
DuckDB file, no rate limit) and driven over HTTP: each of N client threads asks for several images
in turn with ``POST /api/generate`` and follows each over Server-Sent Events to the stored result.
With the app idle, the same number of images is made by a bare sequential loop of
``AutoPipelineForText2Image(...)(prompt, ...)`` over the same model folder, in this process; the two
phases alternate for ``--rounds`` rounds so that changing machine load hits both alike.

Printed: throughput (images/s), p50/p95 of time to first progress and of queue wait (submit →
the job's `started` event), and the ratio of the app's images/s to the bare loop's.

    python bench/load.py [--clients 8] [--images 3] [--steps 10] [--size 64] [--rounds 2]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bench.together import timed_together  # noqa: E402


@dataclass(frozen=True)
class Sample:
    queue_wait_s: float  # submit → started
    first_progress_s: float  # submit → first progress event
    total_s: float  # submit → finished (image stored)


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    k = (len(ordered) - 1) * p / 100
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


def one_image(client, prompt: str, steps: int, size: int, seed: int) -> Sample:
    t0 = time.perf_counter()
    r = client.post("/api/generate", json={"prompt": prompt, "steps": steps, "width": size, "height": size,
                                           "seed": seed, "enhance": False})
    r.raise_for_status()
    task_id = r.json()["task_id"]
    started = first = None
    with client.stream("GET", f"/api/tasks/{task_id}/events") as stream:
        for line in stream.iter_lines():
            if not line.startswith("data:"):
                continue
            event = json.loads(line[5:])
            now = time.perf_counter() - t0
            if event["type"] == "started" and started is None:
                started = now
            elif event["type"] == "progress" and first is None:
                first = now
            elif event["type"] == "finished":
                return Sample(started if started is not None else now, first if first is not None else now, now)
            elif event["type"] in ("failed", "cancelled", "interrupted"):
                raise RuntimeError(f"task {task_id} ended {event['type']}: {event.get('error')}")
    raise RuntimeError(f"the event stream of {task_id} ended without a result")


def run_clients(url: str, clients: int, images: int, steps: int, size: int) -> tuple[list[Sample], float]:
    import httpx

    samples: list[Sample] = []
    errors: list[BaseException] = []
    lock = threading.Lock()
    go = threading.Barrier(clients + 1)

    def client(i: int) -> None:
        with httpx.Client(base_url=url, timeout=600) as c:
            go.wait()
            for j in range(images):
                try:
                    s = one_image(c, f"a lighthouse on a cliff, client {i} image {j}", steps, size, i * 1000 + j)
                except BaseException as exc:
                    with lock:
                        errors.append(exc)
                    return
                with lock:
                    samples.append(s)

    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    wall = timed_together(threads, go)
    if errors:
        raise RuntimeError(f"{len(errors)} client(s) failed; first: {errors[0]!r}")
    return samples, wall


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--clients", type=int, default=8)
    ap.add_argument("--images", type=int, default=3, help="images per client, one after another")
    ap.add_argument("--steps", type=int, default=10)
    ap.add_argument("--size", type=int, default=64, help="pixels (the tiny model needs multiples of 2)")
    ap.add_argument("--rounds", type=int, default=2,
                    help="app and bare phases alternate this many times, so load drift hits both alike")
    args = ap.parse_args()

    import httpx
    import torch
    from diffusers import AutoPipelineForText2Image

    from tests.apprunner import AppProcess
    from tests.tiny_sd import build_tiny_pipeline

    work = Path(tempfile.mkdtemp(prefix="imagechat-load-"))
    model = build_tiny_pipeline(work / "tiny")
    n = args.clients * args.images
    bare = AutoPipelineForText2Image.from_pretrained(str(model))
    bare.set_progress_bar_config(disable=True)
    bare("warm-up", num_inference_steps=args.steps, width=args.size, height=args.size)

    def bare_loop() -> float:
        t0 = time.perf_counter()
        for i in range(n):
            bare(f"a lighthouse on a cliff, image {i}", num_inference_steps=args.steps, width=args.size,
                 height=args.size, generator=torch.Generator("cpu").manual_seed(i))
        return time.perf_counter() - t0

    app = AppProcess(work, args=["--model", str(model), "--db", str(work / "load.duckdb"), "--preload",
                                 "--rate-limit", "0", "--max-queue", str(max(64, n)),
                                 "--max-queued-per-user", str(max(8, n))])
    app.start()
    samples: list[Sample] = []
    app_s = bare_s = 0.0
    try:
        deadline = time.monotonic() + 60  # the API routes are added just after Gradio starts
        while httpx.get(app.url + "/api/images?limit=1").status_code != 200:
            if time.monotonic() > deadline:
                raise TimeoutError("the API routes never appeared")
            time.sleep(0.1)
        with httpx.Client(base_url=app.url, timeout=600) as c:  # warm the app's path once
            one_image(c, "warm-up", args.steps, args.size, 0)
        for r in range(args.rounds):
            phases = ("app", "bare") if r % 2 == 0 else ("bare", "app")
            for phase in phases:
                if phase == "app":
                    got, wall = run_clients(app.url, args.clients, args.images, args.steps, args.size)
                    samples += got
                    app_s += wall
                else:
                    wall = bare_loop()
                    bare_s += wall
                print(f"round {r + 1} {phase}: {n} images in {wall:.2f} s", flush=True)
    finally:
        app.stop()
        shutil.rmtree(work, ignore_errors=True)

    total = n * args.rounds
    app_ips, bare_ips = total / app_s, total / bare_s
    first = [s.first_progress_s for s in samples]
    wait = [s.queue_wait_s for s in samples]
    print(f"\n{args.clients} clients x {args.images} images x {args.rounds} rounds, {args.size}x{args.size}, "
          f"{args.steps} steps; app: 1 local lane; {os.cpu_count()} CPUs, torch threads {torch.get_num_threads()}")
    print(f"app over HTTP:  {total} images in {app_s:.2f} s = {app_ips:.3f} images/s")
    print(f"bare pipe loop: {total} images in {bare_s:.2f} s = {bare_ips:.3f} images/s")
    print(f"ratio app/bare images/s: {app_ips / bare_ips:.3f}")
    print(f"time to first progress: p50 {percentile(first, 50):.3f} s  p95 {percentile(first, 95):.3f} s")
    print(f"queue wait (to started): p50 {percentile(wait, 50):.3f} s  p95 {percentile(wait, 95):.3f} s")
    print(f"submit to stored image:  p50 {statistics.median(s.total_s for s in samples):.3f} s")


if __name__ == "__main__":
    main()
