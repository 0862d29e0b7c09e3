"""Run the whole test suite several times in a row while busy loops keep every core loaded, and say
how each run went: the suite must hold on a shared CI machine, not only on an idle one.

    python scripts/suite_under_load.py                 # 3 runs, one busy loop per core
    python scripts/suite_under_load.py --runs 1 --busy 0 -- -x tests/test_store.py
    python scripts/suite_under_load.py --log-dir load-logs      # each run's whole output kept

Each run's wall time, exit status and pytest's summary line are printed as a Markdown table (for
docs/benchmarks.md). Exit status: 0 when every run passed.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import re
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SUMMARY = re.compile(r"=+ (.*(?:passed|failed|error).*) in [\d.]+s")


def busy_loop() -> None:
    """Spin one core until terminated."""
    x = 0
    while True:
        x = (x + 1) % 1_000_003


def run_suite(pytest_args: list[str], log: Path | None = None) -> tuple[float, int, str]:
    started = time.monotonic()
    proc = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *pytest_args],
                          cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    wall = time.monotonic() - started
    if log is not None:  # the whole output, so a failure under load can be read afterwards
        log.write_text(proc.stdout)
    found = SUMMARY.findall(proc.stdout)
    summary = found[-1] if found else proc.stdout.strip().splitlines()[-1] if proc.stdout.strip() else ""
    if proc.returncode != 0:
        failed = [line for line in proc.stdout.splitlines() if line.startswith(("FAILED", "ERROR"))]
        sys.stderr.write("\n".join(failed[:40]) + "\n")
    return wall, proc.returncode, summary


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="consecutive runs of the suite")
    parser.add_argument("--busy", type=int, default=os.cpu_count() or 2,
                        help="busy-loop processes kept running throughout (default: one per core)")
    parser.add_argument("--log-dir", type=Path, default=None,
                        help="write each run's whole pytest output there (run-1.log, run-2.log, ...)")
    parser.add_argument("pytest_args", nargs="*", help="passed to pytest (after --)")
    args = parser.parse_args()

    loops = [multiprocessing.Process(target=busy_loop, daemon=True) for _ in range(args.busy)]
    for loop in loops:
        loop.start()
    rows = []
    try:
        for number in range(1, args.runs + 1):
            log = None
            if args.log_dir is not None:
                args.log_dir.mkdir(parents=True, exist_ok=True)
                log = args.log_dir / f"run-{number}.log"
            wall, code, summary = run_suite(args.pytest_args, log)
            rows.append((number, wall, code, summary))
            print(f"run {number}: {'green' if code == 0 else 'RED'} in {wall:.0f} s: {summary}", flush=True)
    finally:
        for loop in loops:
            loop.terminate()
    print(f"\n{args.busy} busy loops on {os.cpu_count()} cores; pytest {' '.join(args.pytest_args) or '(whole suite)'}\n")
    print("| run | result | wall time | pytest |")
    print("|---|---|---|---|")
    for number, wall, code, summary in rows:
        print(f"| {number} | {'green' if code == 0 else f'red (exit {code})'} | {wall:.0f} s | {summary} |")
    return 0 if all(code == 0 for _, _, code, _ in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
