"""Threads and time per event-stream viewer: 1 against N SSE (or WebSocket) viewers of one job.

The app is built in this process (``create_app``) on a gpt-image-1 backend against the loopback
OpenAI server, which holds the job's final image until told (``hold_final``), so the job is running
while the viewers attach. Viewers speak ASGI to the app on its event loop (tests/asgi_viewers.py),
so every thread counted is the app's. Printed: the process's threads with no viewer, with one, and
with N attached (each has received its first event), the time for N to attach, and the time from
releasing the image until every viewer has its terminal event.

    python bench/viewers.py [--viewers 200] [--ws]
"""

from __future__ import annotations

import argparse
import asyncio
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

from tests.asgi_viewers import SseViewer, WsViewer  # noqa: E402
from tests.fake_openai import FakeOpenAI  # noqa: E402
from tests.inprocess import InProcessApp  # noqa: E402

PATIENCE_S = 600.0


def wait_until(condition, what: str) -> None:
    deadline = time.monotonic() + PATIENCE_S
    while not condition():
        if time.monotonic() > deadline:
            raise SystemExit(f"no {what} after {PATIENCE_S} s")
        time.sleep(0.02)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--viewers", type=int, default=200)
    parser.add_argument("--ws", action="store_true", help="WebSocket viewers instead of SSE")
    args = parser.parse_args()
    kind = WsViewer if args.ws else SseViewer

    with tempfile.TemporaryDirectory() as tmp, FakeOpenAI() as fake:
        env = {"OPENAI_API_KEY": "sk-bench", "OPENAI_BASE_URL": fake.base_url}
        cli = ["--backend", "openai", "--openai-model", "gpt-image-1", "--openai-partial-images", "2",
               "--db", str(Path(tmp) / "viewers.duckdb"), "--rate-limit", "0"]
        fake.hold_final = threading.Event()
        with InProcessApp(Path(tmp), args=cli, env=env) as app, app.client() as http:
            task_id = http.post("/api/generate", json={"prompt": "a lighthouse", "backend": "openai"}).json()["task_id"]
            wait_until(lambda: http.get(f"/api/tasks/{task_id}").json()["step"] >= 2, "partial images")
            time.sleep(1.0)  # let the request's pool threads settle
            threads = {"none": threading.active_count()}
            viewers: list = []
            runs: list = []

            async def attach(n: int) -> None:
                new = [kind(app.app, task_id) for _ in range(n)]
                viewers.extend(new)
                runs.extend(asyncio.ensure_future(v.run()) for v in new)
                await asyncio.gather(*(v.first.wait() for v in new))

            async def finish() -> None:
                await asyncio.gather(*runs)

            http.portal.call(attach, 1)
            threads["one"] = threading.active_count()
            started = time.perf_counter()
            http.portal.call(attach, args.viewers - 1)
            attach_s = time.perf_counter() - started
            threads["all"] = threading.active_count()
            started = time.perf_counter()
            fake.hold_final.set()
            http.portal.call(asyncio.wait_for, finish(), PATIENCE_S)
            end_s = time.perf_counter() - started
            ended = sum(v.events[-1]["type"] == "finished" for v in viewers)
    print(f"{kind.kind} viewers: {args.viewers}")
    print(f"threads: {threads['none']} with none, {threads['one']} with 1, {threads['all']} with {args.viewers}"
          f" (+{threads['all'] - threads['one']})")
    print(f"attach {args.viewers - 1} more: {attach_s:.2f} s; release to all ended: {end_s:.2f} s; "
          f"terminal event received by {ended}/{args.viewers}")


if __name__ == "__main__":
    main()
