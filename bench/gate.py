"""What the gate in front of every route costs per request, in process (no network): a bare ASGI
app against the same app behind web.gate.Gate, for a browser's visitor cookie, a new visitor, an
API token (one DuckDB lookup) and HTTP Basic.

    python -m bench.gate [--n 5000]

With ``--port P`` it also times, against an app already running there with ``--auth ann:pw1
--max-body-mb 8``, how soon oversized or unauthenticated bodies are answered while only their
first megabyte has been sent.

    python -m bench.gate --port 7912
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
    parser.add_argument("--port", type=int, default=None)
    args = parser.parse_args()
    n = args.n
    if args.port:
        answers(args.port)
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


def answers(port: int) -> None:
    from tests.test_gate import MB, basic, first_answer

    login = basic("ann", "pw1")
    multipart = {"Content-Type": "multipart/form-data; boundary=b", "Content-Length": str(300 * MB)}
    cases = [
        ("100 MB JSON to /api/generate, no login", "/api/generate",
         {"Content-Type": "application/json", "Content-Length": str(100 * MB)}),
        ("300 MB multipart to /api/import, no login", "/api/import", multipart),
        ("300 MB multipart to /api/import, logged in", "/api/import", {**multipart, "Authorization": login}),
    ]
    for name, path, headers in cases:
        status, took = first_answer(port, "POST", path, headers, b"\0" * MB)
        print(f"{name:45s} {status} after {took * 1000:6.1f} ms (1 MB sent)")


if __name__ == "__main__":
    main()
