"""A child process for tests and benchmarks: output to a log file, stopped politely, then firmly."""

from __future__ import annotations

import signal
import subprocess
from pathlib import Path


class LoggedProcess:
    """Subclasses set ``log_path`` and implement ``start()`` (spawn, then wait until ready)."""

    log_path: Path
    proc: subprocess.Popen | None = None
    _log = None

    def _spawn(self, argv: list[str], *, cwd, env: dict[str, str]) -> None:
        self._log = open(self.log_path, "wb")
        self.proc = subprocess.Popen(argv, cwd=cwd, env=env, stdout=self._log, stderr=subprocess.STDOUT)

    def start(self):  # pragma: no cover - every subclass defines it
        raise NotImplementedError

    def log(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""

    def stop(self, sig: int = signal.SIGTERM, timeout: float = 15.0) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(sig)
            try:
                self.proc.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        if self._log is not None:
            self._log.close()
            self._log = None

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()
