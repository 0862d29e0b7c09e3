"""The turn service on real parts, shared by the tests that speak to it turn by turn."""

from __future__ import annotations

import io

from PIL import Image

from conversation.service import TurnService
from conversation.turn_input import TurnSettings
from pipeline.jobs import JobRunner
from pipeline.router import Router
from storage import Store
from storage.quota import ImageQuota
from tests.patience import PATIENCE_S

FAST = TurnSettings(steps=2)


class World:
    """The turn service on real parts: a DuckDB file, the job runner, the tiny local pipeline and, when given,
    DALL-E through the loopback server; ``quota`` pictures a day per person, when set."""

    def __init__(self, path, local, remote=None, interpreter=None, quota: int | None = None):
        self.store = Store(path)
        self.router = Router({"local": local, **({"openai": remote} if remote is not None else {})}, default="local")
        self.jobs = JobRunner(self.router, self.store)
        self.turns = TurnService(self.store, self.jobs, self.router, interpreter=interpreter,
                                 tokenizer=local.tokenizer, quota=ImageQuota(self.store, quota))

    def say(self, conv, text, settings=FAST, user=None, wait=True):
        turn = self.turns.start_turn(user, conv, text, settings)
        if wait:
            for task in turn.tasks:
                self.jobs.wait(task.task_id, timeout=PATIENCE_S)
        return turn

    def close(self):
        self.jobs.close()
        self.store.close()


def png(size: tuple[int, int] = (48, 32), colour: tuple[int, int, int] = (120, 160, 200)) -> bytes:
    """A small plain picture, as a person's photo given with a message."""
    buf = io.BytesIO()
    Image.new("RGB", size, colour).save(buf, format="PNG")
    return buf.getvalue()
