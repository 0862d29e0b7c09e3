"""A real ``python -m pipeline.worker`` process, for tests and benchmarks."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import redis

from pipeline.celery_app import worker_key
from tests.apprunner import ROOT
from tests.patience import PATIENCE_S
from tests.processes import LoggedProcess


class WorkerProcess(LoggedProcess):
    """``python -m pipeline.worker`` in its own process, ready once it announces itself in Redis."""

    def __init__(self, workdir: Path, broker: str, model: str, name: str, *, hang_steps: int | None = None,
                 args: tuple[str, ...] = ()):
        """``hang_steps``: jobs with that many steps hang in their second step (tests.hanging_worker);
        ``args``: more of the worker's flags (--lora-dir ...)."""
        self.broker, self.model, self.name = broker, model, name
        self.args = tuple(args)
        self.hang_steps = hang_steps
        self.log_path = Path(workdir) / f"worker-{name}.log"
        self.proc: subprocess.Popen | None = None

    def start(self) -> "WorkerProcess":
        # One torch thread each: several workers share this machine's few cores, and oversubscribed
        # CPU threads make a tiny run tens of times slower. (The bytes do not depend on it.)
        env = {**os.environ, "HF_HUB_OFFLINE": "1", "PYTHONUNBUFFERED": "1", "OMP_NUM_THREADS": "1"}
        env.pop("OPENAI_API_KEY", None)
        module = "pipeline.worker"
        if self.hang_steps is not None:
            module = "tests.hanging_worker"
            env["IMAGECHAT_TEST_HANG_STEPS"] = str(self.hang_steps)
        self._spawn([sys.executable, "-m", module, "--broker", self.broker, "--model", self.model,
                     "--device", "cpu", "--name", self.name, *self.args], cwd=ROOT, env=env)
        return self

    def wait_ready(self, timeout: float = PATIENCE_S) -> "WorkerProcess":
        client = redis.Redis.from_url(self.broker)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"worker exited with {self.proc.returncode}:\n{self.log()}")
            if client.exists(worker_key(self.name)):
                return self
            time.sleep(0.1)
        raise TimeoutError(f"worker {self.name} not ready in {timeout} s:\n{self.log()}")
