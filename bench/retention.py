"""Does the file stop growing when anonymous visitors' pictures are pruned? Fill, prune, repeat.

    python bench/retention.py [--cycles 3] [--visitors 10] [--images 8] [--size 384] [--db FILE] [--no-prune]

Each cycle is a day of a public app: ``--visitors`` anonymous visitors each make ``--images``
pictures in a conversation, a named person makes one more (never pruned), then the pruner runs
with a retention of one day at a clock two days later, so every anonymous picture has expired.
Prints the file size after each fill and after each prune. With freed blocks reused, the size
after every prune stays close to the first one; without, it grows by a day's pictures each cycle.
``--no-prune`` shows that baseline (a checkpoint instead of the prune).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import numpy as np  # noqa: E402

from bench.storage import picture  # noqa: E402
from storage import NewImage, Store  # noqa: E402
from storage.people import new_anonymous  # noqa: E402
from storage.retention import RetentionPolicy, checkpoint, measure, prune  # noqa: E402


def fill(store: Store, rng: np.random.Generator, *, visitors: int, images: int, size: int) -> int:
    """One day's pictures; return how many bytes of PNG were stored."""
    stored = 0
    for user in [new_anonymous() for _ in range(visitors)] + ["ana"]:
        conv = store.create_conversation(user=user, title="a day's pictures")
        for n in range(images if user != "ana" else 1):
            store.add_message(conv, "user", f"picture {n}")
            png = picture(rng, size)
            image_id = store.add_image(NewImage(
                png=png, conversation_id=conv, user=user, backend="local", model="bench", prompt_typed="x",
                prompt_sent="x", width=size, height=size))
            store.add_message(conv, "assistant", "", image_id=image_id)
            stored += len(png)
    return stored


def run(db: Path, *, cycles: int, visitors: int, images: int, size: int,
        no_prune: bool = False) -> list[tuple[int, int, int]]:
    """(file bytes after the fill, after the prune, data bytes after the prune) per cycle."""
    rng = np.random.default_rng(7)
    sizes = []
    with Store(db) as store:
        for cycle in range(1, cycles + 1):
            t0 = time.perf_counter()
            png = fill(store, rng, visitors=visitors, images=images, size=size)
            filled = measure(store).file_bytes
            later = datetime.now(timezone.utc) + timedelta(days=2)
            if no_prune:
                checkpoint(store)
                freed = 0
            else:
                freed = prune(store, RetentionPolicy(retention_days=1), now=later).freed.blobs
            after = measure(store)
            sizes.append((filled, after.file_bytes, after.used_bytes))
            print(f"cycle {cycle}: stored {png / 1e6:.1f} MB of PNG; file {filled / 1e6:.1f} MB after the fill, "
                  f"{after.file_bytes / 1e6:.1f} MB after the {'checkpoint' if no_prune else 'prune'} ({after.used_bytes / 1e6:.1f} MB of data); "
                  f"{freed} stored pictures freed "
                  f"({time.perf_counter() - t0:.1f} s)", flush=True)
    return sizes


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--cycles", type=int, default=3)
    p.add_argument("--visitors", type=int, default=10)
    p.add_argument("--images", type=int, default=8, help="pictures per visitor per cycle")
    p.add_argument("--size", type=int, default=384, help="picture side in pixels")
    p.add_argument("--db", type=Path, help="database file (default: a fresh one in a temporary folder)")
    p.add_argument("--no-prune", action="store_true", help="checkpoint only: the file without pruning")
    args = p.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or Path(tmp) / "retention.duckdb"
        sizes = run(db, cycles=args.cycles, visitors=args.visitors, images=args.images, size=args.size,
                    no_prune=args.no_prune)
    first, last = sizes[0][0], sizes[-1][0]
    print(f"file after the last fill / after the first fill: {last / first:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
