"""The chat draws on change only: a view whose pictures show the same thing yields nothing new and
reads the store seldom, while progress, previews, queue moves and Stop still reach it. Real parts:
the tiny pipeline, the job runner and DuckDB; a slow picture (many steps at a larger size) of
another person holds the single lane so that the watched picture waits, unchanged."""

from __future__ import annotations

import threading
import time

import pytest

from pipeline.events import Progress
from pipeline.jobs import JobRunner
from pipeline.router import Router
from storage import Store
from web import render
from web.chat import ChatService
from web.chat_settings import ChatSettings
from web.chat_watch import STORE_POLL_S

BOUND = 300  # seconds: an outer bound on a loaded machine; every wait ends as soon as its condition holds
WINDOW = 2.0  # seconds watched while nothing visible changes
BLOCKER = ChatSettings(steps=150, size="256x256")  # seconds to minutes on the tiny pipeline: holds the lane
QUICK = ChatSettings(steps=2)


class CountingStore(Store):
    """A real DuckDB store that counts how often live views read a conversation's tasks."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.task_reads = self.stamp_reads = 0

    def conversation_tasks(self, *args, **kwargs):
        self.task_reads += 1
        return super().conversation_tasks(*args, **kwargs)

    def conversation_stamp(self, *args, **kwargs):
        self.stamp_reads += 1
        return super().conversation_stamp(*args, **kwargs)


@pytest.fixture
def world(tmp_path, tiny_local):
    store = CountingStore(tmp_path / "render.duckdb")
    jobs = JobRunner(Router({"local": tiny_local}, default="local"), store)
    yield store, jobs
    jobs.close()
    store.close()


def chat_for(world, frame_interval_s: float) -> ChatService:
    store, jobs = world
    return ChatService(store, jobs, jobs.router, frame_interval_s=frame_interval_s)


def send(chat: ChatService, text: str, settings: ChatSettings, user: str):
    conv, _ = chat.add_user_message(None, text, user)
    return conv, chat.begin(conv, text, settings, user)


def hold_the_lane(chat: ChatService) -> str:
    """Bob's slow picture, running: the lane is busy until it is stopped."""
    _, begun = send(chat, "a slow harbour at dawn", BLOCKER, "bob")
    for event in chat.jobs.events(begun.job_id, heartbeat_s=BOUND):
        assert event is not None, f"bob's picture did not start within {BOUND} s"
        if isinstance(event, Progress):
            return begun.job_id
    raise AssertionError("bob's picture ended before it formed")


class Recorder(threading.Thread):
    """Follows a frame iterator on its own thread, as a browser tab's handler would, noting when
    each frame came."""

    def __init__(self, frames):
        super().__init__(daemon=True)
        self.source = frames
        self.frames: list[tuple[float, object]] = []
        self.lock = threading.Lock()

    def run(self) -> None:
        for frame in self.source:
            with self.lock:
                self.frames.append((time.monotonic(), frame))

    def count(self) -> int:
        with self.lock:
            return len(self.frames)

    def wait_for(self, n: int) -> None:
        deadline = time.monotonic() + BOUND
        while self.count() < n:
            assert time.monotonic() < deadline, f"fewer than {n} frames within {BOUND} s"
            time.sleep(0.02)

    def finish(self) -> list:
        self.join(BOUND)
        assert not self.is_alive(), "the view did not end"
        return [f for _, f in self.frames]


def test_a_waiting_turn_is_drawn_once_until_something_changes(world):
    chat = chat_for(world, frame_interval_s=0.0)  # no throttle: every frame drawn is a change
    blocker = hold_the_lane(chat)
    _, begun = send(chat, "a lighthouse on a cliff", QUICK, "ann")
    watching = Recorder(chat.watch_all(begun, "ann"))
    watching.start()
    watching.wait_for(1)
    time.sleep(WINDOW)  # ann's picture waits behind bob's the whole time: nothing it shows changes
    assert watching.count() == 1, [f for _, f in watching.frames]
    assert "Waiting" in watching.frames[0][1]

    assert chat.cancel_and_wait(blocker)  # the lane frees: ann's picture starts, forms and is shown
    frames = watching.finish()
    assert any("Step" in f for f in frames[1:-1]) and "/api/images/" in frames[-1]
    assert all(a != b for a, b in zip(frames, frames[1:])), "a frame was drawn twice"


def test_a_waiting_conversation_is_neither_redrawn_nor_read_again_and_again(world):
    store, _ = world
    chat = chat_for(world, frame_interval_s=0.05)  # heartbeat 0.1 s: a view wakes ten times a second
    blocker = hold_the_lane(chat)
    conv, _ = send(chat, "a lighthouse on a cliff", QUICK, "ann")
    watching = Recorder(chat.watch_conversation(conv, "ann"))
    watching.start()
    watching.wait_for(1)
    reads_before = store.task_reads + store.stamp_reads
    started = time.monotonic()
    time.sleep(WINDOW)
    reads = store.task_reads + store.stamp_reads - reads_before
    elapsed = time.monotonic() - started
    assert watching.count() == 1  # the frame stands as drawn
    # read about once every STORE_POLL_S (for changes made past the chat), not at every wake-up
    assert reads <= 2 * (elapsed / STORE_POLL_S + 1), f"{reads} reads of the store in {elapsed:.1f} s"

    assert chat.cancel_and_wait(blocker)
    frames = watching.finish()
    assert "/api/images/" in frames[-1][-1]["content"]
    assert frames[-1] == chat.render_conversation(conv, "ann")


def test_a_message_from_another_tab_reaches_a_waiting_view_at_once(world):
    chat = chat_for(world, frame_interval_s=0.05)
    blocker = hold_the_lane(chat)
    conv, _ = send(chat, "a lighthouse on a cliff", QUICK, "ann")
    watching = Recorder(chat.watch_conversation(conv, "ann"))
    watching.start()
    watching.wait_for(1)
    chat.add_user_message(conv, "now at night", "ann")  # sent from a second tab: shown as pending at once
    watching.wait_for(2)
    assert any("now at night" in m["content"] for m in watching.frames[1][1])
    chat.begin(conv, "now at night", QUICK, "ann")
    assert chat.cancel_and_wait(blocker)
    final = watching.finish()[-1]
    assert final == chat.render_conversation(conv, "ann")
    assert sum("/api/images/" in m["content"] for m in final) == 2


def test_progress_frames_are_throttled_per_viewer(world):
    interval = 0.3
    chat = chat_for(world, frame_interval_s=interval)
    _, begun = send(chat, "a red kite over the sea", ChatSettings(steps=60), "ann")
    watching = Recorder(chat.watch_all(begun, "ann"))
    watching.start()
    frames = watching.finish()
    times = [t for t, _ in watching.frames[:-1]]  # the result is drawn at once, whatever the interval
    assert len(frames) >= 2 and "/api/images/" in frames[-1]
    assert all(b - a >= interval * 0.95 for a, b in zip(times, times[1:])), times


def test_what_a_view_shows_decides_whether_it_is_drawn_again():
    view = render.LiveView(typed="a cat", prompt_sent="a cat, detailed")
    before = render.shown_state(view)
    view.queue_position = 0  # None and 0 both read "next in line"
    view.elapsed_s = 3.2  # not shown while waiting
    assert render.shown_state(view) == before
    view.started, view.step, view.total, view.eta_s = True, 1, 4, 2.4
    shown = render.shown_state(view)
    assert shown != before
    view.eta_s = 2.3  # "about 2 s left" either way
    assert render.shown_state(view) == shown and render.progress_markdown(view).count("about 2 s") == 1
    view.preview_jpeg = b"\xff\xd8new"
    assert render.shown_state(view) != shown
