"""Loading the model is its own stage: a job whose run loads the model says so (``Loading``) between
leaving the queue and its first step, in the events, on the wire and in the chat."""

from __future__ import annotations

import threading

import pytest

from pipeline.backends.local_diffusers import LocalDiffusersBackend
from pipeline.events import Finished, Loading, Queued, Started
from pipeline.jobs import JobRunner
from pipeline.request import GenerationRequest
from pipeline.router import Router
from pipeline.wire import event_from_dict, event_to_dict
from storage import Store
from tests.patience import PATIENCE_S
from web.render import LiveView, progress_markdown


def req(**kw) -> GenerationRequest:
    return GenerationRequest(**{"prompt": "a red cube", "steps": 2, "seed": 3, "width": 64, "height": 64, **kw})


def test_the_run_that_loads_the_model_says_so_first(tiny_model_dir):
    backend = LocalDiffusersBackend(str(tiny_model_dir))  # not loaded yet
    events = list(backend.generate(req(), threading.Event()))
    kinds = [type(e) for e in events]
    assert kinds[:2] == [Loading, Started] and kinds[-1] is Finished
    assert events[0].model == backend.public_name
    again = list(backend.generate(req(seed=4), threading.Event()))
    assert Loading not in [type(e) for e in again]  # loaded now: straight to work


def test_the_job_shows_loading_between_the_queue_and_its_first_step(tiny_model_dir, tmp_path):
    backend = LocalDiffusersBackend(str(tiny_model_dir))
    with Store(tmp_path / "loading.duckdb") as store:
        runner = JobRunner(Router({"local": backend}, default="local"), store)
        try:
            seen: list = []
            subscribed = threading.Event()

            def follow() -> None:
                for event in runner.events(job_id, heartbeat_s=0.01):
                    if event is None:  # a quiet heartbeat: following, before the job's first event
                        subscribed.set()
                    else:
                        seen.append(event)

            with runner.together():  # held until the block ends: followed from its first event
                job_id = runner.submit(req())
                follower = threading.Thread(target=follow, daemon=True)
                follower.start()
                assert subscribed.wait(PATIENCE_S)
            follower.join(PATIENCE_S)
            kinds = [type(e) for e in seen]
            assert kinds.index(Queued) < kinds.index(Loading) < kinds.index(Started)
            assert isinstance(seen[-1], Finished)
            assert runner.snapshot(job_id).queue_position is None
        finally:
            runner.close()


@pytest.mark.parametrize("event", [Loading("tiny-sd"), Loading("tiny-sd", 0.25)])
def test_loading_crosses_the_wire(event):
    data = event_to_dict(event)
    assert data["type"] == "loading" and data["model"] == "tiny-sd"
    assert event_from_dict(data) == event


def test_the_chat_says_the_model_is_loading():
    view = LiveView(typed="a cube", prompt_sent="a cube", queue_position=None, loading=True)
    text = progress_markdown(view)
    assert "Loading the model" in text and "Waiting" not in text
    assert "next in line" in progress_markdown(LiveView(typed="a cube", prompt_sent="a cube", queue_position=0))
