"""Operators' commands on a database file (with the app stopped: DuckDB allows one process).

    python -m storage stats [--db PATH]
    python -m storage prune --db PATH --retention-days N [--max-db-gb X]
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from pathlib import Path
from typing import Sequence

from storage.records import StorageError
from storage.retention import RetentionPolicy, prune
from storage.stats import collect, render
from storage.store import Store

DEFAULT_DB = "data/imagechat.duckdb"  # the app's default (config.py), unless IMAGECHAT_DB says otherwise


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m storage", description="Inspect or prune an imagechat database.")
    sub = p.add_subparsers(dest="command", required=True)
    default = os.environ.get("IMAGECHAT_DB") or DEFAULT_DB
    stats = sub.add_parser("stats", help="people, conversations, images and bytes per table")
    stats.add_argument("--db", default=default, help=f"database file (default: {default}; env IMAGECHAT_DB)")
    pr = sub.add_parser("prune", help="delete anonymous visitors' old data now, as the app's pruner does")
    pr.add_argument("--db", required=True, help="database file")
    pr.add_argument("--retention-days", type=int, metavar="N", help="delete anonymous data older than N days")
    pr.add_argument("--max-db-gb", type=float, metavar="X",
                    help="then delete the oldest anonymous data until the data is under X GB")
    return p


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    path = Path(args.db).expanduser()
    # Checked before opening: opening would create an empty database where none was.
    if not path.is_file():
        print(f'python -m storage: there is no database file at "{path}"; pass --db with the app\'s file.',
              file=sys.stderr)
        return 2
    policy = None
    if args.command == "prune":
        if args.retention_days is None and args.max_db_gb is None:
            parser.error("prune needs --retention-days N, --max-db-gb X, or both")
        try:
            policy = RetentionPolicy.of(args.retention_days, args.max_db_gb)
        except StorageError as exc:
            parser.error(exc.user_message)
    try:
        with Store(path) as store:
            if policy is None:
                print(render(collect(store), str(path)))
            else:
                logging.basicConfig(level=logging.WARNING, format="%(levelname)s: %(message)s")
                # an operator's prune reclaims the space now, whatever it costs
                print(prune(store, policy, vacuum=True).summary())
    except StorageError as exc:
        print(f"python -m storage: {exc.user_message}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
