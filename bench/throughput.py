"""Images per second when many images are wanted at once: the app with dynamic batching against bare
batched pipeline calls of the same images; and one image's latency with batching on and off.

App: one JobRunner (queue, round-robin per person, batching, progress events, PNG + Base64 + thumbnail
+ DuckDB on the post-processing pool) on the local backend with ``--max-batch``; ``--clients`` client
threads each ask for ``--images`` images in turn (submit, then wait for the stored result), while one
more person sends a message asking for ``--message`` images at once (submitted together, as the chat
does). Bare: ``AutoPipelineForText2Image(...)(prompt=[...], generator=[...])`` over the same model
folder, the same images in calls of ``--max-batch``, returning PIL images, nothing stored. The phases
alternate for ``--rounds`` rounds, so changing machine load hits both alike.

Latency: one image alone (nothing else queued), through a runner whose backend batches (it waits a few
milliseconds for company) and one whose backend does not, alternated.

    python bench/throughput.py [--clients 8] [--images 3] [--message 4] [--size 64] [--steps 8]
                               [--max-batch 8] [--rounds 5] [--threads 1]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bench.together import timed_together  # noqa: E402

PROMPTS = ("a lighthouse on a cliff at dusk", "a red fox in snow", "a bowl of ramen, studio light",
           "a sailing boat at sea", "a city street in the rain", "a cat asleep on a windowsill")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--clients", type=int, default=8)
    ap.add_argument("--images", type=int, default=3, help="images each client asks for, one after another")
    ap.add_argument("--message", type=int, default=4, help="images of the one message asking for several")
    ap.add_argument("--size", type=int, default=64)
    ap.add_argument("--steps", type=int, default=8)
    ap.add_argument("--max-batch", type=int, default=8)
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--threads", type=int, default=1, help="torch CPU threads (set deliberately on a shared machine)")
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

    torch.set_num_threads(args.threads)
    work = Path(tempfile.mkdtemp(prefix="imagechat-throughput-"))
    model = str(build_tiny_pipeline(work / "tiny"))
    bare = AutoPipelineForText2Image.from_pretrained(model)
    bare.set_progress_bar_config(disable=True)
    calls: Counter[int] = Counter()

    class Counted(LocalDiffusersBackend):
        def generate_batch(self, requests, cancels, **kw):
            calls[len(requests)] += 1
            yield from super().generate_batch(requests, cancels, **kw)

    batching = Counted(model, max_batch=args.max_batch)
    single = LocalDiffusersBackend(model, max_batch=1)
    batching.load(), single.load()
    store = Store(work / "bench.duckdb")
    on = JobRunner(Router({"local": batching}, default="local"), store, max_queued=1000, max_queued_per_user=100)
    off = JobRunner(Router({"local": single}, default="local"), store, max_queued=1000, max_queued_per_user=100)

    def request(i: int, user: str) -> GenerationRequest:
        return GenerationRequest(prompt=PROMPTS[i % len(PROMPTS)], width=args.size, height=args.size,
                                 steps=args.steps, seed=i, user=user)

    total = args.clients * args.images + args.message

    def run_app(round_no: int) -> float:
        start = threading.Barrier(args.clients + 2)
        failures: list[str] = []

        def client(c: int) -> None:
            start.wait()
            for k in range(args.images):
                end = on.wait(on.submit(request(round_no * 1000 + c * 10 + k, f"client-{c}")))
                if not isinstance(end, Finished):
                    failures.append(repr(end))

        def message() -> None:
            start.wait()
            with on.together():  # as the chat submits the images of one message
                ids = [on.submit(request(round_no * 1000 + 900 + k, "message")) for k in range(args.message)]
            for job_id in ids:
                end = on.wait(job_id)
                if not isinstance(end, Finished):
                    failures.append(repr(end))

        threads = [threading.Thread(target=client, args=(c,)) for c in range(args.clients)]
        threads.append(threading.Thread(target=message))
        elapsed = timed_together(threads, start)
        if failures:
            raise SystemExit(f"app images failed: {failures[:3]}")
        return total / elapsed

    def run_bare(round_no: int) -> float:
        seeds = list(range(total))
        t0 = time.perf_counter()
        for at in range(0, total, args.max_batch):
            chunk = seeds[at:at + args.max_batch]
            bare(prompt=[PROMPTS[s % len(PROMPTS)] for s in chunk], width=args.size, height=args.size,
                 num_inference_steps=args.steps, generator=[torch.Generator("cpu").manual_seed(s) for s in chunk])
        return total / (time.perf_counter() - t0)

    def latency(runner: JobRunner, seed: int) -> float:
        t0 = time.perf_counter()
        end = runner.wait(runner.submit(request(seed, "alone")))
        assert isinstance(end, Finished), end
        return time.perf_counter() - t0

    run_bare(0), run_app(0), latency(on, 0), latency(off, 0)  # warm every path
    calls.clear()
    app_ips, bare_ips, ratios, cpu = [], [], [], {run_app: [], run_bare: []}
    for r in range(1, args.rounds + 1):
        order = (run_app, run_bare) if r % 2 else (run_bare, run_app)
        got = {}
        for phase in order:
            c0 = time.process_time()  # CPU of every thread of this process: the work done, whatever the load
            got[phase] = phase(r)
            cpu[phase].append((time.process_time() - c0) / total)
        app_ips.append(got[run_app]), bare_ips.append(got[run_bare]), ratios.append(got[run_app] / got[run_bare])
        print(f"round {r}: app {got[run_app]:.2f} img/s  bare {got[run_bare]:.2f} img/s  "
              f"ratio {ratios[-1]:.3f}  CPU per image app {cpu[run_app][-1]:.3f} s bare {cpu[run_bare][-1]:.3f} s",
              flush=True)
    app_calls = dict(sorted(calls.items()))  # before the latency runs add their calls of one
    lat_on, lat_off, lat_ratio = [], [], []
    for r in range(1, args.rounds + 1):
        a, b = (latency(on, r), latency(off, r)) if r % 2 else (latency(off, r), latency(on, r))[::-1]
        lat_on.append(a), lat_off.append(b), lat_ratio.append(a / b)
    on.close(), off.close()
    store.close()

    print(f"\n{args.size}x{args.size}, {args.steps} steps, {args.clients} clients x {args.images} images + one "
          f"{args.message}-image message = {total} images per round, --max-batch {args.max_batch}, "
          f"{args.rounds} alternated rounds, torch threads {torch.get_num_threads()}, {os.cpu_count()} CPUs, "
          f"load average {os.getloadavg()[0]:.1f}")
    print(f"app:  median {statistics.median(app_ips):.2f} images/s")
    print(f"bare: median {statistics.median(bare_ips):.2f} images/s (calls of {args.max_batch})")
    print(f"median ratio app/bare: {statistics.median(ratios):.3f}  (target >= 0.95)")
    cpu_ratio = statistics.median(a / b for a, b in zip(cpu[run_app], cpu[run_bare]))
    print(f"CPU per image: app median {statistics.median(cpu[run_app]):.3f} s, bare {statistics.median(cpu[run_bare]):.3f} s; "
          f"median ratio bare/app {1 / cpu_ratio:.3f} (images per CPU-second, app relative to bare)")
    print(f"app calls by size over the measured rounds: {app_calls}")
    print(f"one image alone: batching on median {statistics.median(lat_on):.3f} s, off {statistics.median(lat_off):.3f} s, "
          f"median ratio {statistics.median(lat_ratio):.3f}  (target <= 1.05)")


if __name__ == "__main__":
    main()
