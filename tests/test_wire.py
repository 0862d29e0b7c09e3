"""Events survive the trip to JSON and back."""

import json

import pytest

from pipeline.events import Cancelled, Failed, Finished, Progress, Queued, Started
from pipeline.request import GeneratedImage
from pipeline.wire import event_from_dict, event_to_dict

IMAGE = GeneratedImage(png=b"\x89PNG fake", width=64, height=64, backend="local", model="m", prompt_sent="a cat",
                       seed=3, steps=4, guidance=7.5, timings={"total_s": 1.5}, extra={"device": "cpu"})


@pytest.mark.parametrize("event", [
    Queued(2, 4.5), Queued(0), Started("local", "m", 20, 64, 64, 7, 20, 7.5),
    Progress(3, 20, 1.25, 6.5, b"\xff\xd8jpeg"), Finished(IMAGE, "abc"), Failed("oom", "Out of memory."), Cancelled(),
])
def test_round_trip_through_json(event):
    data = json.loads(json.dumps(event_to_dict(event, include_preview=True, include_image=True)))
    assert event_from_dict(data) == event


def test_clients_get_no_bytes_unless_asked():
    assert "preview_jpeg_b64" not in event_to_dict(Progress(1, 2, 0.1, None, b"x"))
    out = event_to_dict(Finished(IMAGE, "abc"))
    assert "png_b64" not in out and out["image_id"] == "abc" and out["image"]["seed"] == 3


def test_unknown_type_is_refused():
    with pytest.raises(ValueError):
        event_from_dict({"type": "exploded"})


def test_a_request_with_a_picture_crosses_as_json():
    """Celery sends JSON: the source picture and mask go as Base64 and come back byte for byte."""
    from pipeline.request import GenerationRequest
    from pipeline.wire import request_from_dict, request_to_dict
    from pipeline.worker import request_from_dict as worker_from_dict, request_to_dict as worker_to_dict

    req = GenerationRequest(prompt="same picture at night", init_image=b"\x89PNG\r\n\x1a\nsource\x00\xff",
                            mask=b"\x89PNG\r\n\x1a\nmask", strength=0.55, source_image_id="img-1",
                            mask_image_id="img-2", seed=7, warnings=("w",), changes=("+ at night",))
    data = json.loads(json.dumps(request_to_dict(req)))
    assert isinstance(data["init_image"], str) and isinstance(data["mask"], str)
    assert request_from_dict(data) == req
    assert worker_from_dict(json.loads(json.dumps(worker_to_dict(req)))) == req
    plain = GenerationRequest(prompt="a cat")
    assert request_from_dict(json.loads(json.dumps(request_to_dict(plain)))) == plain


def test_the_wire_is_the_unions_json():
    """Every event validates back through the one discriminated union, from JSON text too."""
    from pipeline.events import EVENTS, Interrupted, Loading

    for event in (Queued(1, 2.0), Loading("m", 0.5), Progress(2, 4, 0.5, 1.0, b"\xff\xd8"),
                  Failed("oom", "Out of memory."), Cancelled(), Interrupted("The server stopped."),
                  Finished(IMAGE, "abc")):
        text = json.dumps(event.model_dump(mode="json"))
        assert EVENTS.validate_json(text) == event
        assert event.model_dump(mode="json")["type"] == type(event).__name__.lower()


def test_events_are_built_positionally_and_by_name_and_stay_frozen():
    from pydantic import ValidationError

    assert Progress(3, 20, 1.0) == Progress(step=3, total=20, elapsed_s=1.0)
    assert Failed("oom", "x").user_message == "x" and Queued(4).position == 4
    with pytest.raises(ValidationError):
        Progress(3, 20, 1.0).step = 4
    with pytest.raises(TypeError):
        Cancelled(1)


def test_a_finished_without_its_png_is_refused_from_the_wire():
    data = event_to_dict(Finished(IMAGE, "abc"))  # what HTTP clients get: the recipe, no PNG
    with pytest.raises(ValueError):
        event_from_dict(data)


def test_worker_signals_share_the_wire_but_are_not_events():
    from pipeline.wire import Accepted, Heartbeat, message_from_dict, message_to_json

    assert message_from_dict(json.loads(message_to_json(Accepted(worker="w1")))) == Accepted(worker="w1")
    assert message_from_dict(json.loads(message_to_json(Heartbeat()))) == Heartbeat()
    with pytest.raises(ValueError):
        event_from_dict({"type": "heartbeat"})
    preview = Progress(1, 2, 0.1, None, b"\xff\xd8")
    assert message_from_dict(json.loads(message_to_json(preview))) == preview  # workers send previews
