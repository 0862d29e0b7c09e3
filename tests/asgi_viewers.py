"""Viewers of a task's event stream that speak ASGI to the app directly, on the app's event loop.

httpx's ASGI transport hands back a response only once its body is complete; these viewers see each
SSE ``data:`` line or WebSocket message as the app sends it, and can leave mid-stream (the app is
told ``http.disconnect`` / ``websocket.disconnect``, as a server tells it when a socket closes). No
thread of their own: hundreds of them cost the process nothing but coroutines.
"""

from __future__ import annotations

import asyncio
import json
from urllib.parse import urlencode


class Viewer:
    """One stream. ``run()`` drives it to its end; ``events`` fills as they arrive; ``first`` is
    set at the first event and ``ended`` when the app is done with the connection."""

    kind = ""

    def __init__(self, app, task_id: str, *, previews: bool = False):
        self.app = app
        self.task_id = task_id
        self.query = urlencode({"previews": "true"} if previews else {}).encode()
        self.events: list[dict] = []
        self.first = asyncio.Event()
        self.ended = asyncio.Event()
        self._leave = asyncio.Event()

    def leave(self) -> None:
        """Close the connection from the client's side."""
        self._leave.set()

    def _scope(self, scope_type: str, path: str) -> dict:
        return {"type": scope_type, "asgi": {"version": "3.0"}, "http_version": "1.1", "scheme": "http",
                "path": path, "raw_path": path.encode(), "root_path": "", "query_string": self.query,
                "headers": [(b"host", b"testserver")], "server": ("testserver", 80), "client": ("127.0.0.1", 50000)}

    def _got(self, event: dict) -> None:
        self.events.append(event)
        self.first.set()

    async def run(self) -> "Viewer":
        try:
            await self._run()
        finally:
            self.ended.set()
        return self


class SseViewer(Viewer):
    kind = "sse"

    async def _run(self) -> None:
        scope = {**self._scope("http", f"/api/tasks/{self.task_id}/events"), "method": "GET"}
        self.status: int | None = None
        buffer = b""
        sent_request = False

        async def receive() -> dict:
            nonlocal sent_request
            if not sent_request:
                sent_request = True
                return {"type": "http.request", "body": b"", "more_body": False}
            await self._leave.wait()
            return {"type": "http.disconnect"}

        async def send(message: dict) -> None:
            nonlocal buffer
            if message["type"] == "http.response.start":
                self.status = message["status"]
            elif message["type"] == "http.response.body":
                buffer += message.get("body", b"")
                *lines, buffer = buffer.split(b"\n")
                for line in lines:
                    if line.startswith(b"data:"):
                        self._got(json.loads(line[5:].strip()))

        await self.app(scope, receive, send)


class WsViewer(Viewer):
    kind = "ws"

    async def _run(self) -> None:
        scope = {**self._scope("websocket", f"/api/tasks/{self.task_id}/ws"), "subprotocols": []}
        self.close_code: int | None = None
        connected = False

        async def receive() -> dict:
            nonlocal connected
            if not connected:
                connected = True
                return {"type": "websocket.connect"}
            await self._leave.wait()
            return {"type": "websocket.disconnect", "code": 1001}

        async def send(message: dict) -> None:
            if message["type"] == "websocket.send":
                self._got(json.loads(message.get("text") or message["bytes"]))
            elif message["type"] == "websocket.close":
                self.close_code = message.get("code", 1000)
                self._leave.set()  # the server closed: the client's side ends too

        await self.app(scope, receive, send)
