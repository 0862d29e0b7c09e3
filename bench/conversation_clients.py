"""Talking to the app for the conversation evaluation: over HTTP (the conversation route), or in
process through the turn service itself; one conversation run turn by turn, each turn's pictures
waited for."""

from __future__ import annotations

import math

import contextlib
import os
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.case_files import TARGETS
from bench.conversation_grading import TurnResult, short

TERMINAL = {"succeeded", "failed", "cancelled", "interrupted"}


class Unreachable(Exception):
    """The app cannot be reached: the run cannot go on."""


class Client:
    def __init__(self, url: str, *, auth: tuple[str, str] | None, task_timeout: float, poll_s: float = 0.25):
        import httpx

        self.httpx = httpx
        self.base = url.rstrip("/")
        self.http = httpx.Client(base_url=self.base, timeout=180, auth=auth)
        self.task_timeout = task_timeout
        self.poll_s = poll_s

    def close(self) -> None:
        self.http.close()

    def _call(self, method: str, url: str, **kw):
        try:
            return self.http.request(method, url, **kw)
        except (self.httpx.ConnectError, self.httpx.RemoteProtocolError) as exc:
            raise Unreachable(f"{self.base}: {exc}") from exc

    def ping(self) -> None:
        resp = self._call("GET", "/api/images", params={"limit": 1})
        if resp.status_code not in (200, 401):
            raise Unreachable(f"{self.base}/api/images answered {resp.status_code}: is this imagechat?")

    def create_conversation(self) -> tuple[str | None, str | None]:
        resp = self._call("POST", "/api/conversations")
        if not resp.is_success:
            return None, f"POST /api/conversations: HTTP {resp.status_code} {resp.text[:200]}"
        body = resp.json()
        cid = body.get("conversation_id") or body.get("id")
        return (str(cid), None) if cid else (None, f"POST /api/conversations: no id in {body}")

    def send(self, cid: str, text: str, backend: str, *,
             attach: bool = False) -> tuple[int | None, dict | None, str | None]:
        body: dict[str, Any] = {"text": text, "backend": backend}
        if attach:
            body["init_image"] = attached_picture_b64()
        try:
            resp = self._call("POST", f"/api/conversations/{cid}/messages", json=body)
        except self.httpx.TimeoutException as exc:
            return None, None, f"timed out: {exc!r}"
        if not resp.is_success:
            return resp.status_code, None, f"HTTP {resp.status_code} {resp.text[:300]}"
        try:
            body = resp.json()
        except ValueError:
            return resp.status_code, None, f"HTTP {resp.status_code}, not JSON: {resp.text[:200]}"
        if not isinstance(body, dict):
            return resp.status_code, None, f"HTTP {resp.status_code}, not an object: {short(body)}"
        return resp.status_code, body, None

    def wait(self, tasks: list[dict]) -> tuple[list[str], list[str | None]]:
        """Wait until each task has ended (one deadline for them all); return their last statuses and
        the ids of the images they made."""
        deadline = time.monotonic() + self.task_timeout
        states: list[str] = []
        images: list[str | None] = []
        for task in tasks:
            url = task.get("status_url") or (f"/api/tasks/{task['task_id']}" if task.get("task_id") else None)
            if not url:
                states.append("no status_url")
                images.append(None)
                continue
            status, image_id = "unknown", None
            while True:
                try:
                    resp = self._call("GET", url)
                    if resp.is_success:
                        status = str(resp.json().get("status"))
                        image_id = resp.json().get("image_id")
                    else:
                        status = f"HTTP {resp.status_code}"
                except self.httpx.TimeoutException:
                    status = "poll timed out"
                if status in TERMINAL or status.startswith("HTTP 4"):
                    break
                if time.monotonic() > deadline:
                    with contextlib.suppress(Exception):
                        self._call("DELETE", url)  # free the queue for the next turns
                    status = f"still {status} after {self.task_timeout:.0f} s (cancelled)"
                    break
                time.sleep(self.poll_s)
            states.append(status)
            images.append(image_id)
        return states, images


def attached_picture_b64() -> str:
    """A small picture to attach: 64x64, a gradient with a disc, so it is not blank."""
    import base64
    import io

    from PIL import Image, ImageDraw

    picture = Image.linear_gradient("L").resize((64, 64)).convert("RGB")
    ImageDraw.Draw(picture).ellipse((16, 16, 48, 48), fill=(200, 60, 40))
    buf = io.BytesIO()
    picture.save(buf, format="PNG")
    return base64.b64encode(buf.getvalue()).decode("ascii")


class InProcessClient:
    """The Client's three calls answered by the turn service itself (``--in-process``)."""

    def __init__(self, stack: contextlib.ExitStack):
        for key, value in (("HF_HUB_OFFLINE", "1"), ("TRANSFORMERS_OFFLINE", "1"), ("OMP_NUM_THREADS", "1")):
            os.environ.setdefault(key, value)
        from conversation.service import TurnService
        from conversation.turn_input import TurnRefused
        from pipeline.backends.local_diffusers import LocalDiffusersBackend
        from pipeline.backends.openai_images import OpenAIImagesBackend
        from pipeline.jobs import JobRunner
        from pipeline.router import Router
        from storage import Store
        from tests.fake_openai import FakeOpenAI
        from tests.tiny_sd import build_tiny_pipeline

        work = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="conversation-eval-")))
        print("building the tiny Stable Diffusion pipeline ...", flush=True)
        local = LocalDiffusersBackend(str(build_tiny_pipeline(work / "tiny-sd", vae_scale_factor=8)))
        local.load()
        draw = local.generate
        # one step (see the module docstring), or from a given picture as few as its strength needs to run one
        # (strength 0.7 of 1 step runs none and is refused); the job runner's keywords (encode=...) pass through
        local.generate = lambda request, cancel, **kw: draw(request.with_(steps=_fewest_steps(request)), cancel, **kw)
        fake = stack.enter_context(FakeOpenAI())
        remote = OpenAIImagesBackend("sk-test-conversation-eval", base_url=fake.base_url, model="dall-e-3",
                                     max_retries=0, timeout=30)
        self.store = Store(work / "eval.duckdb")
        stack.callback(self.store.close)
        self.jobs = JobRunner(Router({"local": local, "openai": remote}, default="local"), self.store)
        stack.callback(self.jobs.close)
        self.turns = TurnService(self.store, self.jobs, self.jobs.router, tokenizer=local.tokenizer)
        self.refused = TurnRefused

    def create_conversation(self) -> tuple[str | None, str | None]:
        return self.store.create_conversation(), None

    def send(self, cid: str, text: str, backend: str, *,
             attach: bool = False) -> tuple[int | None, dict | None, str | None]:
        import base64

        from conversation.turn_input import TurnSettings

        try:
            # An attached picture is kept as the route keeps one (TurnService.attach_picture), then named.
            image_id = self.turns.attach_picture(None, base64.b64decode(attached_picture_b64()),
                                                 conversation_id=cid) if attach else None
            turn = self.turns.start_turn(None, cid, text, TurnSettings(backend=backend, image_id=image_id))
        except self.refused as exc:
            return exc.status, None, f"HTTP {exc.status} {exc}"
        return 200, turn.model_dump(mode="json", exclude={"refused"}), None

    def wait(self, tasks: list[dict]) -> tuple[list[str], list[str | None]]:
        """As Client.wait: the last status of each task and the id of the image it made."""
        states: list[str] = []
        images: list[str | None] = []
        for task in tasks:
            event = self.jobs.wait(task["task_id"], timeout=600)
            name = type(event).__name__
            states.append({"Finished": "succeeded", "Failed": "failed", "Cancelled": "cancelled"}.get(name, name.lower()))
            images.append(getattr(event, "image_id", None))
        return states, images


def run_conversation(client: Client, conv: dict) -> list[TurnResult]:
    backend = TARGETS[conv["target"]]
    results = [TurnResult(t["text"], t["expect"], bool(t.get("attach"))) for t in conv["turns"]]
    cid, err = client.create_conversation()
    if cid is None:
        for r in results:
            r.error = err
        return results
    for r in results:
        r.status, r.body, r.error = client.send(cid, r.text, backend, attach=r.attach)
        if r.tasks:
            r.task_states, r.image_ids = client.wait(r.tasks)
    return results


def _fewest_steps(request) -> int:
    """1, or for a picture drawn from another one the fewest steps its strength turns into at least one."""
    strength = getattr(request, "strength", None)
    return 1 if not strength or request.init_image is None else min(50, math.ceil(1 / strength))
