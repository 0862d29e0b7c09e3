"""What a preview costs per denoising step, for each --preview mode, at real latent sizes.

- latent: the fixed latent->RGB projection (pipeline.preview), 4 channels (SD1.x 512²: 64x64 latents)
  and 16 channels (SD3 1024²: 128x128 latents);
- taesd: AutoencoderTiny with TAESD's real architecture (its default config; random weights cost the
  same arithmetic as trained ones), decoding the same 64x64 latents to a 512² JPEG;
- off: nothing is made (the throttle says no).
Each figure includes the JPEG encode, as the app sends it. One torch thread, median of --runs calls.

    python bench/preview_cost.py [--runs 20]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def timed(fn, runs: int) -> float:
    fn()  # warm-up: first-call allocations and lazy imports are not per-step costs
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times) * 1000


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=20)
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--device", default="cpu")
    args = ap.parse_args()

    import torch
    from diffusers import AutoencoderTiny

    from pipeline.preview import Throttle, latents_to_preview
    from pipeline.preview_taesd import taesd_preview

    torch.set_num_threads(args.threads)
    g = torch.Generator().manual_seed(0)
    sd15 = torch.randn(1, 4, 64, 64, generator=g).to(args.device)
    sd3 = torch.randn(1, 16, 128, 128, generator=g).to(args.device)
    taesd = AutoencoderTiny().to(args.device).eval()
    off = Throttle(0)
    rows = [
        ("off", "any", lambda: off.ready()),
        ("latent", "SD1.x 512² (4×64×64)", lambda: latents_to_preview(sd15, "sd15")),
        ("latent", "SD3 1024² (16×128×128)", lambda: latents_to_preview(sd3, "sd3")),
        ("taesd", "SD1.x 512² (4×64×64 → 512²)", lambda: taesd_preview(taesd, sd15)),
    ]
    print(f"device {args.device}, {args.threads} torch thread(s), median of {args.runs}")
    print("| mode | latents | ms per preview |")
    print("|---|---|---|")
    for mode, what, fn in rows:
        print(f"| {mode} | {what} | {timed(fn, args.runs):.3f} |", flush=True)


if __name__ == "__main__":
    main()
