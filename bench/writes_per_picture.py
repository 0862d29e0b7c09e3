"""DuckDB write transactions and their CPU per picture made through the chat, on the tiny pipeline.

One person sends ``--pictures`` messages in turn, each through the chat's own path (the message, the
turn: interpretation, scene, task; the job: running, steps, image, end, the result's message) while
one live view follows the conversation, as a browser tab does. Every outermost ``Database.write``
is counted, with the CPU time of the writing thread spent inside it. The count wraps the
storage's one write entry point from outside, so the same script measures any version of it.

    python bench/writes_per_picture.py [--pictures 10] [--steps 8]
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
import tempfile
import threading
import time
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


class WriteCount:
    """Counts outermost write transactions and the process CPU spent inside them."""

    def __init__(self) -> None:
        self.transactions = 0
        self.cpu_s = 0.0
        self._local = threading.local()
        self._lock = threading.Lock()

    def wrap(self, write):
        count = self

        @contextlib.contextmanager
        def counted(db):
            depth = getattr(count._local, "depth", 0)
            count._local.depth = depth + 1
            started = time.thread_time()
            try:
                with write(db) as cur:
                    yield cur
            finally:
                count._local.depth = depth
                if depth == 0:
                    with count._lock:
                        count.transactions += 1
                        count.cpu_s += time.thread_time() - started

        return counted


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pictures", type=int, default=10)
    ap.add_argument("--steps", type=int, default=8)
    args = ap.parse_args()

    import torch

    torch.set_num_threads(1)
    from pipeline.backends.local_diffusers import LocalDiffusersBackend
    from pipeline.jobs import JobRunner
    from pipeline.router import Router
    from storage import Store
    from storage.db import Database
    from tests.tiny_sd import build_tiny_pipeline
    from web.chat import ChatService, ChatSettings

    count = WriteCount()
    Database.write = count.wrap(Database.write)  # type: ignore[method-assign]

    work = Path(tempfile.mkdtemp(prefix="writes-"))
    backend = LocalDiffusersBackend(str(build_tiny_pipeline(work / "tiny")))
    backend.load()
    store = Store(work / "bench.duckdb")
    router = Router({"local": backend}, default="local")
    jobs = JobRunner(router, store)
    chat = ChatService(store, jobs, router, tokenizer=backend.tokenizer)
    settings = ChatSettings(steps=args.steps, seed=1)
    conv = None
    per_picture: list[int] = []
    cpu: list[float] = []
    try:
        for n in range(args.pictures):
            before, before_cpu = count.transactions, count.cpu_s
            conv, _ = chat.add_user_message(conv, f"a red cube on a table, number {n}", None)
            begun = chat.begin(conv, f"a red cube on a table, number {n}", settings, None)
            for _ in chat.watch_conversation(conv, None):
                pass  # the live view, until the picture is stored
            assert begun.job_id and store.get_task(begun.job_id).status == "succeeded"
            per_picture.append(count.transactions - before)
            cpu.append(count.cpu_s - before_cpu)
    finally:
        jobs.close()
        store.close()
    print(f"pictures: {len(per_picture)} ({args.steps} steps, 64x64, one live view)")
    print(f"write transactions per picture: {per_picture}")
    print(f"mean {sum(per_picture) / len(per_picture):.2f} transactions, "
          f"{1000 * sum(cpu) / len(cpu):.1f} ms of CPU inside them per picture")


if __name__ == "__main__":
    main()
