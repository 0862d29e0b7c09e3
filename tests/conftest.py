"""Shared fixtures. Everything here is real: a tiny diffusers pipeline built on disk, a
loopback server speaking OpenAI's wire format, DuckDB files under tmp_path."""

from __future__ import annotations

import os

# Before diffusers/transformers/gradio are imported anywhere: no hub traffic, no telemetry.
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")
os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
os.environ.setdefault("DO_NOT_TRACK", "1")
os.environ.pop("OPENAI_API_KEY", None)  # tests pass keys explicitly; never a real one
os.environ.pop("OPENAI_BASE_URL", None)

import pytest  # noqa: E402


@pytest.fixture(scope="session")
def tiny_model_dir(tmp_path_factory):
    """A randomly initialised Stable Diffusion pipeline saved with save_pretrained."""
    from tests.tiny_sd import build_tiny_pipeline

    return build_tiny_pipeline(tmp_path_factory.mktemp("tiny-sd") / "model")


@pytest.fixture(scope="session")
def tiny_local(tiny_model_dir):
    """The local backend on the tiny pipeline, loaded once through the app's own loader."""
    from pipeline.backends.local_diffusers import LocalDiffusersBackend

    backend = LocalDiffusersBackend(str(tiny_model_dir))
    backend.load()
    return backend


@pytest.fixture
def local_world(tmp_path, tiny_local):
    """The turn service on a fresh DuckDB file, the job runner and the tiny local pipeline."""
    from tests.turn_world import World

    w = World(tmp_path / "turns.duckdb", tiny_local)
    yield w
    w.close()


@pytest.fixture
def fake_openai():
    """A loopback HTTP server speaking /v1/images/generations and /v1/chat/completions."""
    from tests.fake_openai import FakeOpenAI

    with FakeOpenAI() as server:
        yield server


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for every browser test."""
    from tests.chromium import CHROMIUM, FLAGS

    if CHROMIUM is None:
        if os.environ.get("CI"):
            pytest.fail("CI must install Debian's chromium for the browser tests (apt-get install chromium)")
        pytest.skip("Chromium is not installed on this machine (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS, headless=True)
        yield b
        b.close()
