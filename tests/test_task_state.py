"""A task's state is the fold of its events, the same for polling, snapshots and streams."""

from pipeline.events import (STATUS_BY_EVENT, Cancelled, Failed, Finished, Interrupted, Loading, Progress, Queued,
                             Started)
from pipeline.task_state import TaskState, fold


def test_a_queued_task_waits_with_its_place_and_wait():
    state = fold([Queued(2, 9.0), Queued(1, 4.5)])
    assert (state.status, state.queue_position, state.eta_s, state.progress) == ("queued", 1, 4.5, 0.0)


def test_a_running_task_counts_its_steps():
    state = fold([Queued(0), Loading("m"), Started("local", "m", 8, seed=7), Progress(2, 8, 0.4, 1.2)])
    assert state.status == "running" and state.queue_position is None and not state.loading
    assert (state.step, state.total, state.eta_s, state.seed) == (2, 8, 1.2, 7)
    assert state.progress == 0.25


def test_loading_takes_it_out_of_the_queue():
    state = fold([Queued(0, 3.0), Loading("m", 0.5)])
    assert state.status == "running" and state.loading and state.queue_position is None and state.eta_s is None


def test_the_ends():
    done = fold([Started("local", "m", 4), Progress(4, 4, 1.0), Finished(image_id="img-1")])
    assert (done.status, done.progress, done.image_id, done.eta_s) == ("succeeded", 1.0, "img-1", None)
    failed = fold([Started("openai", "dall-e-3"), Failed("content_policy", "Refused.")])
    assert (failed.status, failed.reason, failed.error, failed.progress) == ("failed", "content_policy", "Refused.", 0.0)
    assert fold([Queued(3), Cancelled()]).status == "cancelled"
    stopped = fold([Progress(1, 4, 0.2), Interrupted("The server stopped.")])
    assert (stopped.status, stopped.error, stopped.step) == ("interrupted", "The server stopped.", 1)


def test_status_names_come_from_the_event_types():
    assert {STATUS_BY_EVENT[kind] for kind in (Finished, Failed, Cancelled, Interrupted)} == {
        "succeeded", "failed", "cancelled", "interrupted"}
    assert STATUS_BY_EVENT[Queued] == "queued" and STATUS_BY_EVENT[Progress] == "running"


def test_fold_starts_from_a_given_state():
    state = fold([Started("local", "m", 4)], TaskState(seed=5))
    assert state.seed == 5  # a start that reports no seed keeps the requested one
    assert fold([]) == TaskState()


def test_the_state_keeps_what_started_said_and_the_newest_preview():
    state = fold([Loading("tiny"), Started("local", "tiny", 4), Progress(1, 4, 0.1, preview=b"\xff\xd8a"),
                  Progress(2, 4, 0.2)])
    assert (state.backend, state.model, state.preview, state.forming) == ("local", "tiny", b"\xff\xd8a", True)
    assert not fold([Queued(0), Loading("tiny")]).forming and not fold([Queued(0)]).forming
