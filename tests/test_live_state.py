"""The chat's live view follows the one fold of a task's events: what it shows at each event is
what polling's state says."""

from pipeline.events import Finished, Loading, Progress, Queued, Started
from pipeline.task_state import TaskState, apply, fold
from web.live_state import show
from web.render import LiveView, progress_markdown

JPEG = b"\xff\xd8\xff\xe0tiny"


def view() -> LiveView:
    return LiveView(typed="a red kite", prompt_sent="a red kite, detailed", model="sd-turbo")


def test_a_view_follows_the_fold_event_by_event():
    shown, state = view(), TaskState()
    seen = []
    for event in [Queued(1, 4.0), Queued(0, 2.0), Loading("sd-turbo"), Started("local", "sd-turbo", 4, seed=11),
                  Progress(1, 4, 0.2, 0.6, preview=JPEG), Progress(2, 4, 0.4, 0.4)]:
        state = apply(state, event)
        show(shown, state)
        seen.append((shown.started, shown.loading, shown.queue_position, shown.step))
    assert seen == [(False, False, 1, 0), (False, False, 0, 0), (False, True, None, 0), (True, False, None, 0),
                    (True, False, None, 1), (True, False, None, 2)]
    assert (shown.backend, shown.model, shown.seed, shown.total, shown.eta_s) == ("local", "sd-turbo", 11, 4, 0.4)
    assert shown.preview_jpeg == JPEG  # the newest frame stays until a newer one comes
    assert "2/4" in progress_markdown(shown) or "2 / 4" in progress_markdown(shown)


def test_a_late_view_from_a_snapshot_matches_one_that_saw_every_event():
    events = [Queued(0), Started("local", "sd-turbo", 8, seed=3), Progress(5, 8, 1.0, 0.6, preview=JPEG)]
    every, late = view(), view()
    state = TaskState()
    for event in events:
        state = apply(state, event)
        show(every, state)
    show(late, fold(events))
    assert late == every


def test_loading_shows_as_loading_not_as_forming():
    shown = view()
    show(shown, fold([Queued(0), Loading("sd-turbo", 0.5)]))
    assert not shown.started and shown.loading and "Loading the model" in progress_markdown(shown)


def test_an_end_keeps_the_last_picture_of_the_run():
    shown = view()
    show(shown, fold([Started("openai", "gpt-image-1"), Progress(1, 3, 2.0, preview=JPEG), Finished(image_id="i")]))
    assert shown.started and shown.preview_jpeg == JPEG and shown.backend == "openai"
