"""Generation on a stand-in ZeroGPU Space, in a fresh interpreter; run by tests/test_zerogpu.py.

Started as a Space starts: SPACES_ZERO_GPU=true and ``spaces`` (here tests/fake_spaces.py) importable
before the app's modules are imported, so the GPU function is decorated at import. Each case submits
from one thread, where a Gradio request is in context as in a chat handler, and runs the backend on
another, as the job runner does, carried across with ``pipeline.zerogpu``. Prints one JSON report.
On the CPU even where CUDA is present: a process forked after its parent used CUDA cannot use it, and
the torch patching that lets ZeroGPU's parent "load to cuda" is what the stand-in leaves out.

    SPACES_ZERO_GPU=true python -m tests.zerogpu_scenario MODEL_DIR
"""

from __future__ import annotations

import importlib
import io
import json
import os
import sys
import threading
from typing import Any, Callable

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
sys.modules["spaces"] = fake_spaces = importlib.import_module("tests.fake_spaces")

import gradio as gr  # noqa: E402
from gradio.context import LocalContext  # noqa: E402
from PIL import Image  # noqa: E402

import app  # noqa: E402
from config import Config  # noqa: E402
from pipeline import zerogpu  # noqa: E402
from pipeline.backends import local_diffusers, local_hub, local_run  # noqa: E402
from pipeline.events import Cancelled, Finished, Progress  # noqa: E402
from pipeline.request import GenerationRequest  # noqa: E402
from tests.patience import PATIENCE_S  # noqa: E402


def on_thread(fn: Callable[[], Any]) -> Any:
    """``fn()`` on a new thread, which starts with an empty context like the job runner's threads."""
    box: list = []

    def run() -> None:
        try:
            box.append(("ok", fn()))
        except BaseException as exc:  # reported, not raised: each case says what happened
            box.append(("raised", exc))

    thread = threading.Thread(target=run)
    thread.start()
    thread.join()
    return box[0]


def visitor_scope(token: str) -> zerogpu.RequestScope:
    """What a chat handler's thread holds: Gradio has set the visitor's request in its context."""

    def handler() -> zerogpu.RequestScope:
        LocalContext.request.set(gr.Request(headers={"x-ip-token": token}))
        return zerogpu.capture_request()

    return on_thread(handler)[1]


def generate(backend, scope: zerogpu.RequestScope | None, *, cancel_at: int | None = None, **fields) -> dict:
    cancel = threading.Event()
    request = GenerationRequest(prompt="a photo of a red fox", **fields)
    calls_before = len(fake_spaces.CALLS)

    def job() -> list:
        events = backend.generate(request, cancel)
        seen = []
        for event in scope.run(events) if scope is not None else events:
            seen.append(event)
            if cancel_at is not None and isinstance(event, Progress) and event.step == cancel_at:
                cancel.set()
        return seen

    outcome, value = on_thread(job)
    report: dict[str, Any] = {}
    if outcome == "raised":
        report["error"] = {"type": type(value).__name__, "message": getattr(value, "user_message", str(value))}
    else:
        report["events"] = [type(e).__name__ for e in value]
        progress = [e for e in value if isinstance(e, Progress)]
        report["steps"] = [p.step for p in progress]
        report["previews"] = sum(p.preview is not None for p in progress)
        if value and isinstance(value[-1], Finished):
            image = value[-1].image
            report["image"] = {"size": list(Image.open(io.BytesIO(image.png)).size), "format": "PNG"
                               if image.png.startswith(b"\x89PNG") else "?", "timings": image.timings,
                               "device": image.extra.get("device")}
        report["cancelled"] = bool(value) and isinstance(value[-1], Cancelled)
    if len(fake_spaces.CALLS) > calls_before:
        call = fake_spaces.CALLS[-1]
        call.done.wait(PATIENCE_S)  # the worker process has exited
        report["call"] = {
            "function": call.function, "duration_s": call.duration_s, "headers": call.request_headers,
            "app_pid": call.app_pid, "worker_pid": call.worker_pid, "pickled_bytes": call.pickled_bytes,
            "yields": call.yields, "closed_early": call.closed_early, "worker_exit": call.worker_exit,
        }
    return report


def main(model_dir: str) -> dict:
    from diffusers import AutoPipelineForText2Image  # noqa: F401  # a Space imports torch at start-up too

    budget = app.zero_gpu_decorator(Config(gpu_duration=60))
    report: dict[str, Any] = {
        "enabled": zerogpu.enabled(),
        "decorated_at_import": local_run.run_on_gpu is not local_run.run_on_device,
        "budget": None if budget is None else budget.ceiling_s,
    }
    backend = local_diffusers.LocalDiffusersBackend(model_dir, device="cpu", preview_fps=1000.0, gpu_call=budget)
    fox = {"steps": 4, "seed": 1}
    report["first"] = generate(backend, visitor_scope("visitor-1"), **fox)
    report["second"] = generate(backend, visitor_scope("visitor-1"), **fox)
    report["no_request"] = generate(backend, None, **fox)
    report["cancel"] = generate(backend, visitor_scope("visitor-2"), cancel_at=2, steps=50, seed=2)
    capped = local_diffusers.LocalDiffusersBackend(model_dir, device="cpu", gpu_call=zerogpu.GpuBudget(ceiling_s=2))
    report["ceiling"] = generate(capped, visitor_scope("visitor-3"), **fox)
    preloaded = local_diffusers.LocalDiffusersBackend(model_dir, device="cpu", gpu_call=budget)
    preloaded.load()  # before the fork, as --preload does at start-up: the worker inherits it
    # A load that would take half a minute (a real model's), so an ask that counted it could not round
    # to the same whole second as one that leaves it out, however fast this machine loads the tiny one.
    work = local_run.work_of(preloaded.resolve(GenerationRequest(prompt="a photo of a red fox", **fox)))
    zerogpu.ESTIMATES.record_load(work.model, 30.0)
    report["preloaded"] = generate(preloaded, visitor_scope("visitor-4"), **fox)
    # What the same image would have asked for had it loaded the model, from the same measurements: the
    # ask above must leave the loading out (speeds measured on a loaded machine move both alike).
    resolved = preloaded.resolve(GenerationRequest(prompt="a photo of a red fox", **fox))
    report["preloaded"]["ask_if_loading_s"] = zerogpu.ESTIMATES.seconds(
        local_run.work_of(resolved), loaded=False, weights_bytes=local_hub.weights_bytes(model_dir), ceiling_s=60)
    # An edit crosses into the GPU process as plain data too: the picture and mask as PNG bytes.
    from tests.pictures import mask_png, source_png

    report["edit"] = generate(backend, visitor_scope("visitor-5"), init_image=source_png(), strength=0.5, **fox)
    report["inpaint"] = generate(backend, visitor_scope("visitor-5"), init_image=source_png(), mask=mask_png(),
                                 strength=0.5, **fox)
    return report


if __name__ == "__main__":
    print(json.dumps(main(sys.argv[1])))
