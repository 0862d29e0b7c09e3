"""Storage at gallery scale: fill a fresh database through ``Store.add_image`` and time what
the gallery, the image route and search do.

    python bench/storage.py [--count 10000] [--distinct 200] [--size 512] [--db FILE] [--keep]

Images are realistic PNGs: smooth gradients plus noise, which compress about as well as
generated pictures (~60% of raw at 512x512). A few hundred distinct pictures are encoded once;
each stored image is one of them with its own A1111 "parameters" chunk (prompt, seed ...), so
every content hash differs, as it would, without encoding 10,000 PNGs.

Targets: gallery page < 50 ms, image by id < 5 ms, prompt search < 200 ms, database bytes per
raw image byte <= 1.4 (Base64 alone is 1.333).
"""

from __future__ import annotations

import argparse
import io
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import numpy as np  # noqa: E402
from PIL import Image  # noqa: E402

from storage import NewImage, Store  # noqa: E402
from storage.pngtext import embed_parameters, recipe_to_parameters  # noqa: E402

SUBJECTS = ["a lighthouse", "a red fox", "a city street", "a mountain lake", "an old robot",
            "a bowl of ramen", "a sailing ship", "a cat on a windowsill", "a desert canyon",
            "a forest cabin", "a jazz trio", "a paper crane", "a steam train", "a koi pond"]
SETTINGS = ["at dusk", "in the rain", "in winter", "at night", "under neon lights",
            "in spring", "at sunrise", "in fog", "on a summer afternoon"]
STYLES = ["photo", "anime", "watercolor", "oil painting", "none", "pixel art"]
DETAILS = ["highly detailed", "soft light", "wide angle", "35mm", "dramatic shadows",
           "pastel colours", "sharp focus", "volumetric light"]
MODELS = [("local", "stabilityai/sd-turbo"), ("local", "runwayml/stable-diffusion-v1-5"),
          ("openai", "dall-e-3")]
USERS = ["ana"] * 8 + ["bo", None]  # most images are one person's; others keep it honest


def picture(rng: np.random.Generator, size: int) -> bytes:
    """A smooth colour field plus sensor-like noise, PNG-encoded."""
    y, x = np.mgrid[0:size, 0:size].astype(np.float32) / size
    channels = []
    for _ in range(3):
        a, b, phase = rng.uniform(-1, 1, 3)
        freq = rng.uniform(0.5, 2.5)
        channels.append(128 + 90 * np.sin(2 * np.pi * freq * (a * x + b * y) + 3 * phase))
    img = np.stack(channels, -1) + rng.normal(0, rng.uniform(3, 8), (size, size, 3))
    buf = io.BytesIO()
    Image.fromarray(np.clip(img, 0, 255).astype(np.uint8)).save(buf, format="PNG")
    return buf.getvalue()


def ms(samples: list[float]) -> str:
    samples = sorted(samples)
    p95 = samples[min(len(samples) - 1, int(len(samples) * 0.95))]
    return f"{statistics.median(samples):8.2f} {p95:8.2f}"


def timed(fn, repeat: int) -> list[float]:
    out = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        out.append((time.perf_counter() - t0) * 1000)
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--count", type=int, default=10_000, help="images to store")
    ap.add_argument("--distinct", type=int, default=200, help="distinct pictures to encode")
    ap.add_argument("--size", type=int, default=512, help="image side in pixels")
    ap.add_argument("--db", type=Path, help="database file (default: a temporary one)")
    ap.add_argument("--keep", action="store_true", help="keep the temporary database")
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args(argv)

    tmp = None
    if args.db is None:
        tmp = Path(tempfile.mkdtemp(prefix="imagechat-bench-"))
        args.db = tmp / "bench.duckdb"
    elif args.db.exists():
        ap.error(f"{args.db} exists; the benchmark needs a fresh file")
    rng = np.random.default_rng(args.seed)
    pick = random.Random(args.seed)

    t0 = time.perf_counter()
    bases = [picture(rng, args.size) for _ in range(args.distinct)]
    encode_s = time.perf_counter() - t0
    print(f"encoded {args.distinct} distinct {args.size}x{args.size} PNGs in {encode_s:.1f} s "
          f"(mean {statistics.mean(map(len, bases)) / 1024:.0f} KiB, raw "
          f"{args.size * args.size * 3 / 1024:.0f} KiB)", flush=True)

    raw_bytes = 0
    ids: list[str] = []
    ana_ids: list[str] = []
    rates: list[float] = []
    try:
        store = Store(args.db)
        convs = {u: [store.create_conversation(user=u) for _ in range(max(1, args.count // 50))]
                 for u in set(USERS)}
        t_fill = time.perf_counter()
        t_chunk = t_fill
        chunk = max(1, args.count // 10)
        for n in range(args.count):
            user = pick.choice(USERS)
            backend, model = pick.choice(MODELS)
            typed = f"{pick.choice(SUBJECTS)} {pick.choice(SETTINGS)}"
            sent = f"{typed}, {pick.choice(DETAILS)}, {pick.choice(DETAILS)}"
            seed = pick.randrange(2**32)
            recipe = {"prompt": sent, "seed": seed, "steps": 4, "guidance": 0.0,
                      "width": args.size, "height": args.size, "model": model,
                      "backend": backend}
            png = embed_parameters(bases[n % len(bases)], recipe_to_parameters(recipe))
            raw_bytes += len(png)
            image_id = store.add_image(NewImage(
                png=png, width=args.size, height=args.size, backend=backend, model=model,
                prompt_typed=typed, prompt_sent=sent, negative_prompt="blurry, lowres",
                style=pick.choice(STYLES), seed=seed, steps=4, guidance=0.0,
                timings={"generate_s": round(pick.uniform(0.3, 3), 3)},
                extra={"scheduler": "EulerAncestralDiscreteScheduler"},
                conversation_id=pick.choice(convs[user]), task_id=f"job-{n}", user=user,
            ))
            ids.append(image_id)
            if user == "ana":
                ana_ids.append(image_id)
            if (n + 1) % chunk == 0:
                now = time.perf_counter()
                rates.append(chunk / (now - t_chunk))
                t_chunk = now
                print(f"  {n + 1:>6} stored, {rates[-1]:6.1f} images/s", flush=True)
        fill_s = time.perf_counter() - t_fill
        t_close = time.perf_counter()
        store.close()  # checkpoints: the file now holds everything
        close_s = time.perf_counter() - t_close
        wal = args.db.with_name(args.db.name + ".wal")
        db_bytes = args.db.stat().st_size + (wal.stat().st_size if wal.exists() else 0)

        t_open = time.perf_counter()
        store = Store(args.db)
        open_s = time.perf_counter() - t_open
        total = store.count_images("ana")
        deep = max(0, total - 50)
        sample = random.Random(1).sample(ana_ids, min(200, len(ana_ids)))
        rows = [
            ("gallery page 1 (50 + count)", timed(
                lambda: (store.list_images("ana", limit=50), store.count_images("ana")), 30)),
            (f"gallery deep page (offset {deep})", timed(
                lambda: store.list_images("ana", limit=50, offset=deep), 30)),
            ("image bytes by id", [t for i in sample for t in timed(
                lambda i=i: store.image_bytes(i, user="ana"), 1)]),
            ("image record by id", [t for i in sample for t in timed(
                lambda i=i: store.image_record(i, user="ana"), 1)]),
            ("search 'fox winter' (page+count)", timed(
                lambda: (store.list_images("ana", q="fox winter"),
                         store.count_images("ana", q="fox winter")), 30)),
            ("search, no match", timed(lambda: store.list_images("ana", q="zebra"), 30)),
            ("search + filters", timed(lambda: store.list_images(
                "ana", q="lighthouse", backend="local", style="photo"), 30)),
            ("conversation list (50)", timed(lambda: store.list_conversations("ana"), 30)),
        ]
        store.close()
    finally:
        if tmp is not None and not args.keep:
            shutil.rmtree(tmp, ignore_errors=True)

    print()
    print("command:", " ".join([os.path.basename(sys.executable), *sys.argv]))
    print(f"images: {args.count} ({args.size}x{args.size}, {args.distinct} distinct pictures), "
          f"{total} of them the measured user's; {os.cpu_count()} CPUs")
    print()
    print(f"{'what':<36} {'median':>8} {'p95':>8}  (ms)")
    for name, samples in rows:
        print(f"{name:<36} {ms(samples)}")
    print()
    print(f"insert rate: {args.count / fill_s:.1f} images/s overall; first tenth "
          f"{rates[0]:.1f}/s, last tenth {rates[-1]:.1f}/s ({fill_s:.0f} s)")
    print(f"close (checkpoint) {close_s:.2f} s, reopen {open_s:.2f} s")
    print(f"database {db_bytes / 2**20:,.0f} MiB for {raw_bytes / 2**20:,.0f} MiB of PNGs: "
          f"{db_bytes / raw_bytes:.3f} bytes per image byte (Base64 alone: 1.333)")
    if args.keep and tmp is not None:
        print(f"kept: {args.db}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
