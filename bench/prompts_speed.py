"""Speed of engineering one prompt, tokenizer loaded (target: under 5 ms median).

    python bench/prompts_speed.py [--tokenizer DIR] [--runs N]

Without --tokenizer it builds the test suite's small CLIP tokenizer (77-token context, BPE
vocab/merges in CLIP's format); with it, any CLIP tokenizer folder, e.g. a pipeline's
``tokenizer/``. Each scenario runs ``--runs`` times after a warm-up; the seed changes per
run so enhancement is not served from one path.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from prompts import Turn, engineer  # noqa: E402

HISTORY = [Turn("user", "a lighthouse on a cliff"),
           Turn("assistant", "Here it is.", prompt="a lighthouse on a cliff, golden hour, vibrant colors, "
                "serene atmosphere, wide shot, professional photograph, highly detailed, sharp focus")]
LONG = ("a quiet mountain village with wooden houses and a river " * 400)[:20_000]


def load_tokenizer(path: str | None):
    from transformers import CLIPTokenizer

    if path:
        return CLIPTokenizer.from_pretrained(path, local_files_only=True)
    from tests.tiny_sd import build_tiny_tokenizer

    return build_tiny_tokenizer(Path(tempfile.mkdtemp(prefix="clip-tok-")))


def measure(fn, runs: int) -> tuple[float, float]:
    for i in range(5):
        fn(i)
    times = []
    for i in range(runs):
        t = time.perf_counter()
        fn(i)
        times.append((time.perf_counter() - t) * 1000)
    times.sort()
    return statistics.median(times), times[int(len(times) * 0.95) - 1]


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--tokenizer")
    ap.add_argument("--runs", type=int, default=300)
    args = ap.parse_args()
    tok = load_tokenizer(args.tokenizer)
    scenarios = {
        "fresh + style (sd15)": lambda i: engineer(f"a red fox in a snowy forest {i}", style="cinematic",
                                                   tokenizer=tok, seed=i),
        "follow-up edit (sd15)": lambda i: engineer("now at night and add a red boat", HISTORY, tokenizer=tok, seed=i),
        "fresh prose (dall-e-3)": lambda i: engineer(f"a red fox in a snowy forest {i}", style="watercolor",
                                                     target="dall-e-3", seed=i),
        "20,000 characters (sd15)": lambda i: engineer(LONG + str(i), tokenizer=tok, seed=i),
    }
    print(f"{'scenario':28} {'median ms':>10} {'p95 ms':>8}")
    for name, fn in scenarios.items():
        med, p95 = measure(fn, args.runs)
        print(f"{name:28} {med:10.2f} {p95:8.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
