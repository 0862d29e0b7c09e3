"""A Celery worker takes the local backend's flags (--lora-dir, --model-config, --preview, --taesd,
and their IMAGECHAT_* variables), so a prompt naming a LoRA makes the same picture on a worker as
in the app's own process. Real parts: redis-server, ``python -m pipeline.worker``, the tiny pipeline."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from pipeline.backends.celery_remote import CeleryBackend
from pipeline.backends.local_diffusers import LocalDiffusersBackend
from pipeline.events import Failed, Finished
from pipeline.jobs import JobRunner
from pipeline.request import GenerationRequest
from pipeline.router import Router
from pipeline.worker import parse_args, worker_settings
from pipeline.worker_task import WorkerSettings
from storage import Store
from tests.patience import PATIENCE_S
from tests.pictures import mean_abs_diff
from tests.redis_server import RedisServer
from tests.test_local_lora import build_lora
from tests.worker_process import WorkerProcess

LORA_PROMPT = "<lora:ink:0.8> a red cube"


@pytest.fixture(scope="module")
def lora_dir(tiny_model_dir, tmp_path_factory):
    folder = tmp_path_factory.mktemp("worker-loras")
    build_lora(Path(tiny_model_dir), folder, "ink", seed=3)
    return folder


def test_the_flags_reach_the_workers_backend(tmp_path, monkeypatch):
    taesd = tmp_path / "taesd"
    taesd.mkdir()
    (taesd / "config.json").write_text('{"_class_name": "AutoencoderTiny"}')
    args = parse_args(["--broker", "redis://127.0.0.1:1/0", "--model", "some/model", "--lora-dir", "loras",
                       "--model-config", "cfg", "--preview", "taesd", "--taesd", str(taesd)])
    backend = worker_settings(args, "w").backend()
    assert isinstance(backend, LocalDiffusersBackend)
    assert (backend.lora_dir, backend.preview, backend.taesd) == ("loras", "taesd", str(taesd))
    assert backend._spec.config == "cfg"
    # The same variables as the app's, for a worker started by flags or by Celery's own command.
    for key, value in {"IMAGECHAT_LORA_DIR": "env-loras", "IMAGECHAT_MODEL_CONFIG": "env-cfg",
                       "IMAGECHAT_PREVIEW": "off"}.items():
        monkeypatch.setenv(key, value)
    from_flags = worker_settings(parse_args(["--broker", "redis://127.0.0.1:1/0"]), "w")
    for settings in (from_flags, WorkerSettings.from_env()):
        assert (settings.lora_dir, settings.model_config, settings.preview) == ("env-loras", "env-cfg", "off")


def test_preview_taesd_without_a_folder_is_refused_at_start(capsys):
    with pytest.raises(SystemExit):
        parse_args(["--broker", "redis://127.0.0.1:1/0", "--preview", "taesd"])
    assert "--taesd" in capsys.readouterr().err


@pytest.mark.slow
def test_a_lora_prompt_runs_on_a_worker_as_in_process(tiny_model_dir, lora_dir, tmp_path):
    with RedisServer(tmp_path / "redis") as broker:
        worker = WorkerProcess(tmp_path, broker.url(0), str(tiny_model_dir), "w-lora",
                               args=("--lora-dir", str(lora_dir))).start()
        store = Store(tmp_path / "worker.duckdb")
        runner = None
        try:
            worker.wait_ready(timeout=PATIENCE_S)
            remote = CeleryBackend(broker.url(0), model=str(tiny_model_dir), lora_dir=str(lora_dir))
            runner = JobRunner(Router({"local": remote}, default="local", gpu_available=lambda: True), store)
            job = runner.submit(GenerationRequest(prompt=LORA_PROMPT, prompt_typed=LORA_PROMPT, steps=3, seed=5))
            events = list(runner.events(job))
            done = events[-1]
            assert isinstance(done, Finished), (done, worker.log())
            assert done.image.extra["worker"] == "w-lora"
            assert "ink" in str(done.image.extra.get("loras")), done.image.extra  # the recipe names it
            data, _ = store.image_bytes(done.image_id)
        finally:
            if runner is not None:
                runner.close()
            store.close()
            worker.stop()
    # The picture this process makes with the LoRA, and not the one it makes without. (Pixels, not
    # bytes: the worker runs torch on one thread, and summation order may move a value by a unit.)
    here = LocalDiffusersBackend(str(tiny_model_dir), preview_fps=0, lora_dir=str(lora_dir))
    with_lora, without = _png(here, LORA_PROMPT), _png(here, "a red cube")
    assert mean_abs_diff(data, with_lora) < 0.5
    assert mean_abs_diff(data, without) > 1.0


def test_the_app_side_refuses_a_lora_the_folder_lacks_before_queueing(tiny_model_dir, lora_dir):
    remote = CeleryBackend("redis://127.0.0.1:1/0", model=str(tiny_model_dir), lora_dir=str(lora_dir))
    with pytest.raises(Exception) as refused:
        remote.resolve(GenerationRequest(prompt="<lora:nope:1> a cube", steps=2))
    assert "nope" in str(refused.value) and "ink" in str(refused.value)


def _png(backend: LocalDiffusersBackend, prompt: str) -> bytes:
    events = list(backend.generate(backend.resolve(GenerationRequest(prompt=prompt, prompt_typed=prompt, steps=3,
                                                                     seed=5)), threading.Event()))
    assert isinstance(events[-1], Finished), events[-1]
    return events[-1].image.png
