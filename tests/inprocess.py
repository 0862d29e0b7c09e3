"""The app built in the test process with ``create_app`` and driven through Starlette's TestClient:
no server process to start, no port, no Python and torch imports per app. Streaming responses (SSE)
and WebSockets work as they do over a socket; what needs a real server (the process boundary, a
signal, a raw socket, a browser) stays with tests.apprunner.AppProcess.

All clients of one app share one event loop (the first client's, which also ran the app's startup,
so Gradio's queue runs there), as all connections to a server do."""

from __future__ import annotations

import os
from pathlib import Path

from starlette.testclient import TestClient

from tests.patience import PATIENCE_S

URL = "http://testserver"


class Client(TestClient):
    """A client on a running app's loop: ``with`` closes it, and does not start the app again."""

    def __enter__(self) -> "Client":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


class InProcessApp:
    url = URL

    def __init__(self, workdir: Path, *, args: list[str], env: dict[str, str] | None = None):
        from config import parse_config

        self.workdir = Path(workdir)
        environ = {k: v for k, v in os.environ.items() if k != "OPENAI_API_KEY"}
        self.config = parse_config(["--host", "127.0.0.1", *args], env={**environ, **(env or {})})
        self.app = None
        self._loop_client: TestClient | None = None

    def start(self) -> "InProcessApp":
        from app import create_app

        self.app = create_app(self.config)
        self._loop_client = TestClient(self.app, base_url=URL)
        self._loop_client.__enter__()  # the app's startup: Gradio's queue starts on this loop
        return self

    @property
    def services(self):
        return self.app.state.services

    def client(self, *, auth: tuple[str, str] | None = None, headers: dict[str, str] | None = None,
               timeout: float = PATIENCE_S) -> Client:
        """A client of its own (its own cookies, its own login) on the app's event loop."""
        client = Client(self.app, base_url=URL, headers=headers, follow_redirects=False)
        client.portal = self._loop_client.portal
        client.auth = auth
        client.timeout = timeout
        return client

    def stop(self) -> None:
        if self._loop_client is not None:
            try:
                self._loop_client.__exit__(None, None, None)
            finally:
                self._loop_client = None
                self.services.close()

    def __enter__(self) -> "InProcessApp":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()
