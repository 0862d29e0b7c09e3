"""What the gate in front of every route costs per request, in process (no network): a bare ASGI
app against the same app behind web.gate.Gate, for a browser's visitor cookie, a new visitor, an
API token (one DuckDB lookup) and HTTP Basic.

    python -m bench.gate [--n 5000]
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import tempfile
import time
from pathlib import Path

from storage import Store
from storage.tokens import ApiTokens
from web.gate import Gate
from web.identity import NAMED, PER_BROWSER, People, VISITOR_COOKIE


async def bare(scope, receive, send):
    await send({"type": "http.response.start", "status": 200, "headers": []})
    await send({"type": "http.response.body", "body": b"ok"})


async def call(app, headers: list[tuple[bytes, bytes]]) -> None:
    scope = {"type": "http", "method": "GET", "path": "/api/images", "headers": headers, "client": ("127.0.0.1", 1),
             "query_string": b"", "scheme": "http", "server": ("127.0.0.1", 80), "root_path": ""}

    async def receive():
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message):
        pass

    await app(scope, receive, send)


async def per_call_us(app, headers, n: int) -> float:
    started = time.perf_counter()
    for _ in range(n):
        await call(app, headers)
    return (time.perf_counter() - started) / n * 1e6


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=5000)
    n = parser.parse_args().n
    with tempfile.TemporaryDirectory() as folder, Store(Path(folder) / "b.duckdb") as store:
        tokens = ApiTokens(store)
        _, token = tokens.create("ann")
        browser = People(PER_BROWSER, tokens=tokens)
        named = People(NAMED, [("ann", "pw")], tokens)
        cases = [
            ("no gate", bare, []),
            ("visitor cookie", Gate(bare, people=browser, max_body_bytes=1 << 28),
             [(b"cookie", f"{VISITOR_COOKIE}={'x' * 43}".encode())]),
            ("new visitor (cookie set)", Gate(bare, people=browser, max_body_bytes=1 << 28), []),
            ("API token (owner remembered)", Gate(bare, people=named, max_body_bytes=1 << 28),
             [(b"authorization", f"Bearer {token}".encode())]),
            ("HTTP Basic", Gate(bare, people=named, max_body_bytes=1 << 28),
             [(b"authorization", b"Basic " + base64.b64encode(b"ann:pw"))]),
        ]
        for name, app, headers in cases:
            asyncio.run(per_call_us(app, headers, 200))  # warm
            print(f"{name:28s} {asyncio.run(per_call_us(app, headers, n)):8.1f} µs per request")


if __name__ == "__main__":
    main()
