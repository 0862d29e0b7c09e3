"""Server CPU per image: the app's chat against a plain Gradio streaming demo, 8 clients at once.

Two servers run side by side on the same tiny random pipeline, each as its own process:

* the app (``python app.py --preload``), driven as a browser drives it through ``gradio_client``:
  ``/send_message`` then the streamed ``/respond``, which shows the conversation live until the
  picture is stored;
* a plain Gradio demo (this file with ``--serve-plain``): one generator that calls the same pipeline
  on a thread and yields ``Step k/n`` from its step callback, then the image — the usual shape of a
  diffusers demo on a Space (default concurrency limit 1: one picture at a time, like the app's lane).

Each phase starts ``--clients`` ``gradio_client`` clients at once, each asking for ``--images``
pictures in turn, and reads the CPU time (user + system) of the server process being driven
before and after. The phases alternate for ``--rounds`` rounds, so drifting machine load hits both
alike. Printed: server CPU seconds per image and images/s, each side, and their ratios.

    python bench/chat_cpu.py [--clients 8] [--images 2] [--steps 8] [--size 64] [--rounds 3]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


# ---- the plain demo ---------------------------------------------------------------------------------

def serve_plain(model: str, port: int) -> None:
    """A plain Gradio streaming demo over the same pipeline (runs in its own process)."""
    import queue

    import gradio as gr
    import torch
    from diffusers import AutoPipelineForText2Image

    pipe = AutoPipelineForText2Image.from_pretrained(model)
    pipe.set_progress_bar_config(disable=True)

    def generate(prompt: str, steps: float, size: float, seed: float):
        steps, size = int(steps), int(size)
        updates: queue.Queue = queue.Queue()

        def on_step(_pipe, i, _t, kwargs):
            updates.put(i + 1)
            return kwargs

        def run() -> None:
            try:
                image = pipe(prompt, num_inference_steps=steps, width=size, height=size,
                             generator=torch.Generator("cpu").manual_seed(int(seed)),
                             callback_on_step_end=on_step).images[0]
                updates.put(("done", image))
            except BaseException as exc:  # said to the client rather than hanging it
                updates.put(("error", exc))

        threading.Thread(target=run, daemon=True).start()
        while True:
            item = updates.get()
            if isinstance(item, tuple):
                if item[0] == "error":
                    raise gr.Error(str(item[1]))
                yield "Done", item[1]
                return
            yield f"Step {item}/{steps}", None

    demo = gr.Interface(generate, [gr.Textbox(), gr.Number(), gr.Number(), gr.Number()],
                        [gr.Markdown(), gr.Image(type="pil")], api_name="generate", flagging_mode="never")
    demo.queue(default_concurrency_limit=1).launch(server_name="127.0.0.1", server_port=port, quiet=True)


# ---- driving either server ---------------------------------------------------------------------------

CHAT_SETTINGS = dict(backend="auto", style="none", size="Model default", guidance="", negative="",
                     enhance=False, quality="default", llm_rewrite=False, batch=1)


def chat_image(client, prompt: str, steps: int, seed: int) -> None:
    s = CHAT_SETTINGS
    _, shown = client.predict({"text": prompt, "files": []}, [], api_name="/send_message")
    job = client.submit(shown, s["backend"], s["style"], s["size"], str(steps), s["guidance"], str(seed),
                        s["negative"], s["enhance"], s["quality"], s["llm_rewrite"], s["batch"], api_name="/respond")
    history = job.result(timeout=900)
    last = history[-1]["content"]
    text = last if isinstance(last, str) else " ".join(p.get("text", "") for p in last if isinstance(p, dict))
    if "/api/images/" not in text:
        raise RuntimeError(f"the chat did not end with an image: {text[:300]!r}")


def plain_image(client, prompt: str, steps: int, size: int, seed: int) -> None:
    job = client.submit(prompt, steps, size, seed, api_name="/generate")
    status, image = job.result(timeout=900)
    if status != "Done" or not image:
        raise RuntimeError(f"the plain demo did not end with an image: {status!r}")


@dataclass(frozen=True)
class Phase:
    cpu_s: float
    wall_s: float
    images: int


def cpu_seconds(pid: int) -> float:
    import psutil

    proc = psutil.Process(pid)
    times = proc.cpu_times()
    total = times.user + times.system
    for child in proc.children(recursive=True):  # none expected; counted if a server forks helpers
        try:
            t = child.cpu_times()
            total += t.user + t.system
        except psutil.NoSuchProcess:
            pass
    return total


def run_phase(url: str, pid: int, kind: str, clients: int, images: int, steps: int, size: int,
              round_no: int) -> Phase:
    from gradio_client import Client

    connected = [Client(url, verbose=False) for _ in range(clients)]
    errors: list[BaseException] = []
    go = threading.Barrier(clients + 1)

    def one(i: int) -> None:
        go.wait()
        for j in range(images):
            prompt = f"a lighthouse on a cliff, round {round_no} client {i} image {j}"
            seed = round_no * 10_000 + i * 100 + j
            try:
                if kind == "app":
                    chat_image(connected[i], prompt, steps, seed)
                else:
                    plain_image(connected[i], prompt, steps, size, seed)
            except BaseException as exc:
                errors.append(exc)
                return

    threads = [threading.Thread(target=one, args=(i,), daemon=True) for i in range(clients)]
    for t in threads:
        t.start()
    cpu0 = cpu_seconds(pid)
    go.wait()
    t0 = time.perf_counter()
    for t in threads:
        t.join()
    wall = time.perf_counter() - t0
    cpu = cpu_seconds(pid) - cpu0
    for c in connected:
        c.close()
    if errors:
        raise RuntimeError(f"{len(errors)} {kind} client(s) failed; first: {errors[0]!r}")
    return Phase(cpu, wall, clients * images)


def wait_for(url: str, path: str, proc, timeout: float = 180.0) -> None:
    import httpx

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"the server at {url} exited with {proc.returncode}")
        try:
            if httpx.get(url + path, timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.3)
    raise TimeoutError(f"{url}{path} did not answer in {timeout} s")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--clients", type=int, default=8)
    ap.add_argument("--images", type=int, default=2, help="pictures per client, one after another")
    ap.add_argument("--steps", type=int, default=8)
    ap.add_argument("--size", type=int, default=64, help="pixels; the tiny model's native size is 64")
    ap.add_argument("--rounds", type=int, default=3, help="app and plain phases alternate this many times")
    ap.add_argument("--serve-plain", metavar="MODEL", help=argparse.SUPPRESS)
    ap.add_argument("--port", type=int, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.serve_plain:
        serve_plain(args.serve_plain, args.port)
        return

    import subprocess

    from tests.apprunner import AppProcess, free_port
    from tests.tiny_sd import build_tiny_pipeline

    work = Path(tempfile.mkdtemp(prefix="imagechat-chatcpu-"))
    model = build_tiny_pipeline(work / "tiny")
    # One torch thread in both servers: the comparison is of the serving work, and spinning
    # OpenMP threads on a loaded machine would add noise to both sides unevenly.
    env = {**os.environ, "OMP_NUM_THREADS": "1", "PYTHONUNBUFFERED": "1"}
    app = AppProcess(work, args=["--model", str(model), "--db", str(work / "chat.duckdb"), "--preload",
                                 "--threads", "1", "--rate-limit", "0", "--max-queue", "256",
                                 "--max-queued-per-user", "256"], env={"OMP_NUM_THREADS": "1"})
    plain_port = free_port()
    plain_url = f"http://127.0.0.1:{plain_port}"
    plain_log = open(work / "plain.log", "w")
    plain = subprocess.Popen([sys.executable, __file__, "--serve-plain", str(model), "--port", str(plain_port)],
                             env=env, stdout=plain_log, stderr=subprocess.STDOUT, cwd=work)
    results: dict[str, list[Phase]] = {"app": [], "plain": []}
    try:
        app.start(timeout=600)  # imports alone take minutes on a busy machine
        wait_for(plain_url, "/", plain, timeout=600)
        pids = {"app": app.proc.pid, "plain": plain.pid}
        urls = {"app": app.url, "plain": plain_url}
        for kind in ("app", "plain"):  # warm both paths once, not measured
            run_phase(urls[kind], pids[kind], kind, 1, 1, args.steps, args.size, 0)
        for r in range(1, args.rounds + 1):
            for kind in (("app", "plain") if r % 2 else ("plain", "app")):
                phase = run_phase(urls[kind], pids[kind], kind, args.clients, args.images, args.steps, args.size, r)
                results[kind].append(phase)
                print(f"round {r} {kind:5}: {phase.images} images, server CPU {phase.cpu_s:6.2f} s, "
                      f"wall {phase.wall_s:6.2f} s", flush=True)
    finally:
        app.stop()
        plain.terminate()
        try:
            plain.wait(timeout=20)
        except subprocess.TimeoutExpired:
            plain.kill()
        plain_log.close()
        shutil.rmtree(work, ignore_errors=True)

    def per_image(kind: str) -> float:
        return statistics.median(p.cpu_s / p.images for p in results[kind])

    def rate(kind: str) -> float:
        return statistics.median(p.images / p.wall_s for p in results[kind])

    print(f"\n{args.clients} clients x {args.images} images x {args.rounds} rounds, {args.size}x{args.size}, "
          f"{args.steps} steps, 1 torch thread per server; {os.cpu_count()} CPUs")
    print(f"{'':24}{'CPU s/image':>12}{'images/s':>10}")
    for kind, label in (("app", "app chat (gradio_client)"), ("plain", "plain Gradio demo")):
        print(f"{label:24}{per_image(kind):12.3f}{rate(kind):10.3f}")
    print(f"ratio app/plain, server CPU per image (median of rounds): {per_image('app') / per_image('plain'):.3f}")
    print(f"ratio app/plain, images/s (median of rounds):            {rate('app') / rate('plain'):.3f}")


if __name__ == "__main__":
    main()
