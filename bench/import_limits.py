"""Hostile imports: peak memory and time of importing (1) a 0.4 MB zip whose recipes.json
unpacks to 400 MB of spaces, (2) a zip holding one 20000×20000 PNG between two good pictures.
Each import runs in a fresh process, so the peak RSS growth is the import's alone.

    python bench/import_limits.py [--megabytes 400]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests import foreign_files as ff  # noqa: E402
from tests.test_import_limits import bomb_png, write_spaces_zip  # noqa: E402

PROBE = """
import resource, sys, time
from storage import Store
store = Store(sys.argv[2])
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
t = time.perf_counter()
try:
    r = store.import_file(sys.argv[1], "bench")
    said = f"added {r.added}, skipped {[s.file for s in getattr(r, 'skipped', ())] or r.skipped_unreadable}"
except Exception as exc:
    said = f"{type(exc).__name__}: {str(exc)[:90]}"
grew = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) // 1024
print(f"{grew} MB | {time.perf_counter() - t:.2f} s | {said}")
"""


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--megabytes", type=int, default=400)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        spaces = Path(tmp) / "spaces.zip"
        write_spaces_zip(spaces, args.megabytes)
        bomb = Path(tmp) / "bomb.zip"
        with zipfile.ZipFile(bomb, "w") as zf:
            zf.writestr("a.png", ff.a1111_png())
            zf.writestr("b-huge.png", bomb_png())
            zf.writestr("c.jpg", ff.a1111_jpeg())
        print("| file | zip size | peak RSS growth | time | outcome |\n|---|---|---|---|---|")
        for n, path in enumerate((spaces, bomb)):
            out = subprocess.run([sys.executable, "-c", PROBE, str(path), str(Path(tmp) / f"{n}.duckdb")],
                                 cwd=ROOT, capture_output=True, text=True, check=True)
            print(f"| {path.name} | {path.stat().st_size / 1e6:.2f} MB | {out.stdout.strip()} |")


if __name__ == "__main__":
    main()
