"""Start the real app (``python app.py``) as a separate process on a free loopback port: for tests
where the process is the point (launch flags, signals, a browser, a crash). Tests that only talk HTTP
build the app in-process instead (tests.inprocess)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx

from tests.patience import PATIENCE_S
from tests.processes import LoggedProcess

ROOT = Path(__file__).resolve().parents[1]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class AppProcess(LoggedProcess):
    def __init__(self, workdir: Path, *, args: list[str], env: dict[str, str] | None = None, port: int | None = None):
        self.workdir = Path(workdir)
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.args = args
        self.env = env or {}
        self.log_path = self.workdir / f"app-{self.port}.log"
        self.proc: subprocess.Popen | None = None

    def start(self, timeout: float = PATIENCE_S) -> "AppProcess":
        env = {**os.environ, "HF_HUB_OFFLINE": "1", "GRADIO_ANALYTICS_ENABLED": "False", "PYTHONUNBUFFERED": "1"}
        env.pop("OPENAI_API_KEY", None)
        env.update(self.env)
        self._spawn([sys.executable, str(ROOT / "app.py"), "--host", "127.0.0.1", "--port", str(self.port),
                     *self.args], cwd=self.workdir, env=env)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"app exited with {self.proc.returncode}:\n{self.log()}")
            try:
                # an API route answers (with a login, 401 from the gate in front of every route),
                # and the log says the app is serving (its startup, Gradio's queue included, is done)
                if (httpx.get(self.url + "/api/images?limit=1", timeout=2).status_code in (200, 401)
                        and "imagechat is running" in self.log()):
                    return self
            except httpx.HTTPError:
                pass
            time.sleep(0.3)
        self.stop()
        raise TimeoutError(f"app did not start in {timeout} s:\n{self.log()}")
