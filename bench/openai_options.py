"""What the OpenAI backend's own work costs, against the loopback server (no network, no money):
turning a partial image into a preview, converting a mask to OpenAI's alpha convention, and how
soon a job against a hung provider ends with a deadline.

    .venv/bin/python bench/openai_options.py
"""

from __future__ import annotations

import base64
import io
import statistics
import sys
import threading
import time
from pathlib import Path

import numpy as np
from PIL import Image

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from pipeline.backends.openai_images import OpenAIImagesBackend, _preview_jpeg  # noqa: E402
from pipeline.backends.openai_options import openai_mask  # noqa: E402
from pipeline.errors import BackendTimeout  # noqa: E402
from pipeline.request import GenerationRequest  # noqa: E402
from tests.fake_openai import FakeOpenAI  # noqa: E402

ROUNDS = 20


def photo_like(width: int, height: int) -> bytes:
    """A PNG with gradients and noise: compresses like a picture, not like a flat colour."""
    rng = np.random.default_rng(0)
    y, x = np.mgrid[0:height, 0:width]
    rgb = np.stack([x * 255 // width, y * 255 // height, (x + y) * 255 // (width + height)], axis=-1)
    rgb = np.clip(rgb + rng.normal(0, 12, rgb.shape), 0, 255).astype(np.uint8)
    buf = io.BytesIO()
    Image.fromarray(rgb).save(buf, format="PNG")
    return buf.getvalue()


def timed(fn, rounds: int = ROUNDS) -> tuple[float, float]:
    times = []
    for _ in range(rounds):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times) * 1000, max(times) * 1000


def main() -> None:
    partial = base64.b64encode(photo_like(1024, 1024)).decode()
    median, worst = timed(lambda: _preview_jpeg(partial))
    preview = _preview_jpeg(partial) or b""
    print(f"partial image 1024² ({len(partial) * 3 // 4 // 1024} KiB PNG) -> preview JPEG "
          f"({len(preview) // 1024} KiB): median {median:.1f} ms, max {worst:.1f} ms")

    mask = Image.new("L", (1536, 1024), 0)
    mask.paste(255, (200, 200, 900, 800))
    buf = io.BytesIO()
    mask.save(buf, format="PNG")
    median, worst = timed(lambda: openai_mask(buf.getvalue()))
    print(f"mask 1536x1024 -> OpenAI alpha mask: median {median:.1f} ms, max {worst:.1f} ms")

    with FakeOpenAI() as fake:
        fake.slow_s = 600
        fake.queue("images", "slow", "slow", "slow")
        backend = OpenAIImagesBackend("sk-bench", base_url=fake.base_url, timeout=120, max_retries=2, deadline_s=2)
        t0 = time.perf_counter()
        try:
            list(backend.generate(GenerationRequest(prompt="a fox"), threading.Event()))
        except BackendTimeout as exc:
            print(f"hung provider, --openai-deadline 2 (timeout 120 s, 2 retries): job failed after "
                  f"{time.perf_counter() - t0:.2f} s: {exc.user_message}")


if __name__ == "__main__":
    main()
