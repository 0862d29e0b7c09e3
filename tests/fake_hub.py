"""A loopback stand-in for huggingface.co's ``/api/whoami-v2``, the one call Gradio's local OAuth
mock makes (``gradio.oauth._get_mocked_oauth_info``: the signed-in profile is the machine's own HF
login). Point ``HF_ENDPOINT`` at it and set any ``HF_TOKEN``."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class FakeHub:
    def __init__(self, username: str = "ann"):
        self.username = username
        self.calls = 0
        hub = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802 - http.server's naming
                hub.calls += 1
                if self.path.split("?")[0] != "/api/whoami-v2":
                    self.send_error(404)
                    return
                body = json.dumps({"type": "user", "name": hub.username, "fullname": hub.username.title(),
                                   "avatarUrl": "/avatar.png", "orgs": []}).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def __enter__(self) -> "FakeHub":
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._server.shutdown()
        self._server.server_close()
