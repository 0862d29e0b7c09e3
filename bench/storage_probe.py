"""Point-lookup time for one Base64 image by id, DuckDB's default string compression vs
``USING COMPRESSION uncompressed`` (the choice made in storage/migrations.py).

    python bench/storage_probe.py [--rows 300] [--kib 400] [--lookups 50]

Images are random bytes (like PNG, they do not compress), Base64-encoded as the store does.
"""

from __future__ import annotations

import argparse
import base64
import os
import random
import statistics
import tempfile
import time
import uuid
from pathlib import Path

import duckdb

VARIANTS = {
    "compressed (default)": "VARCHAR NOT NULL",
    "uncompressed": "VARCHAR NOT NULL USING COMPRESSION uncompressed",
}


def build(conn: duckdb.DuckDBPyConnection, table: str, column: str, ids: list[str], kib: int):
    conn.execute(
        f"CREATE TABLE {table} (id VARCHAR PRIMARY KEY, mime VARCHAR, image_b64 {column})"
    )
    rng = random.Random(0)
    for image_id in ids:
        b64 = base64.b64encode(rng.randbytes(kib * 1024)).decode("ascii")
        conn.execute(f"INSERT INTO {table} VALUES (?, 'image/png', ?)", [image_id, b64])
    conn.execute("CHECKPOINT")  # lookups must read what is on disk, not the WAL


def compression_of(conn: duckdb.DuckDBPyConnection, table: str) -> str:
    rows = conn.execute(
        "SELECT DISTINCT compression FROM pragma_storage_info(?) "
        "WHERE column_name = 'image_b64' AND segment_type = 'VARCHAR'",
        [table],
    ).fetchall()
    return ",".join(sorted(r[0] for r in rows))


def lookup_ms(conn, table: str, ids: list[str], lookups: int) -> list[float]:
    rng = random.Random(1)
    times = []
    for _ in range(lookups):
        image_id = rng.choice(ids)
        start = time.perf_counter()
        sql = f"SELECT image_b64, mime FROM {table} WHERE id = ?"
        row = conn.execute(sql, [image_id]).fetchone()
        times.append((time.perf_counter() - start) * 1000)
        assert row is not None
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=300)
    parser.add_argument("--kib", type=int, default=400, help="raw image size before Base64")
    parser.add_argument("--lookups", type=int, default=50)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "probe.duckdb"
        ids = [uuid.uuid4().hex for _ in range(args.rows)]
        with duckdb.connect(str(path)) as conn:
            for i, (name, column) in enumerate(VARIANTS.items()):
                build(conn, f"t{i}", column, ids, args.kib)
        size_mib = os.path.getsize(path) / 2**20
        # Re-open so the first lookups start cold, as after a restart.
        with duckdb.connect(str(path), read_only=True) as conn:
            print(f"{args.rows} rows, {args.kib} KiB images (Base64), file {size_mib:.0f} MiB, "
                  f"duckdb {duckdb.__version__}")
            print(f"{'column':<22}{'storage':<14}{'first ms':>10}{'median ms':>11}{'p90 ms':>9}")
            for i, name in enumerate(VARIANTS):
                times = lookup_ms(conn, f"t{i}", ids, args.lookups)
                p90 = sorted(times)[int(0.9 * (len(times) - 1))]
                print(f"{name:<22}{compression_of(conn, f't{i}'):<14}{times[0]:>10.2f}"
                      f"{statistics.median(times):>11.2f}{p90:>9.2f}")


if __name__ == "__main__":
    main()
