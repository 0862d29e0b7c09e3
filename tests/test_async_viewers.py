"""Viewers of a task's events cost no thread: hundreds of SSE and WebSocket viewers of one running
job, in the app built in-process. The job is a gpt-image-1 generation on the loopback OpenAI server,
held before its final image (``hold_final``), so it is running for as long as the test needs."""

from __future__ import annotations

import asyncio
import json
import threading
import time

import httpx
import pytest

from pipeline.events import Finished, Progress, Started
from pipeline.job_feed import INBOX_SIZE, Feed, Inbox, Subscription
from tests.asgi_viewers import SseViewer, WsViewer
from tests.fake_openai import FakeOpenAI
from tests.inprocess import URL, InProcessApp
from tests.patience import PATIENCE_S

KEY = "sk-test-VIEWERS"
VIEWERS = 200
SPARE_THREADS = 4  # the shared pool may start a store-lookup thread or two; never one per viewer


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    work = tmp_path_factory.mktemp("viewers")
    with FakeOpenAI() as fake:
        env = {"OPENAI_API_KEY": KEY, "OPENAI_BASE_URL": fake.base_url}
        args = ["--backend", "openai", "--openai-model", "gpt-image-1", "--openai-partial-images", "2",
                "--db", str(work / "viewers.duckdb"), "--rate-limit", "0"]
        with InProcessApp(work, args=args, env=env) as app:
            yield app, fake


@pytest.fixture
def held(served):
    """A running job whose image is held back: (app, client, task id, release)."""
    app, fake = served
    fake.hold_final = threading.Event()
    with app.client() as http:
        r = http.post("/api/generate", json={"prompt": "a lighthouse at dusk", "backend": "openai"})
        assert r.status_code == 202, r.text
        task_id = r.json()["task_id"]
        # Both partial images are in: from now on the job sends nothing until it is released.
        wait_until(lambda: http.get(f"/api/tasks/{task_id}").json()["step"] >= 2, "the job's partial images")
        try:
            yield app, http, task_id, fake.hold_final.set
        finally:
            fake.hold_final.set()


def wait_until(condition, what: str) -> None:
    deadline = time.monotonic() + PATIENCE_S
    while not condition():
        assert time.monotonic() < deadline, f"no {what} after {PATIENCE_S} s"
        time.sleep(0.02)


def data_lines(body: str) -> list[str]:
    return [line for line in body.splitlines() if line.startswith("data:")]


def test_two_hundred_sse_viewers_cost_no_more_threads_than_one(held):
    app, http, task_id, release = held
    jobs = app.services.jobs

    async def watch(n: int) -> list[httpx.Response]:
        transport = httpx.ASGITransport(app=app.app)
        async with httpx.AsyncClient(transport=transport, base_url=URL, timeout=PATIENCE_S) as client:
            return await asyncio.gather(*(client.get(f"/api/tasks/{task_id}/events") for _ in range(n)))

    first = http.portal.start_task_soon(watch, 1)
    wait_until(lambda: jobs.watchers(task_id) == 1, "first viewer")
    with_one = threading.active_count()
    rest = http.portal.start_task_soon(watch, VIEWERS - 1)
    wait_until(lambda: jobs.watchers(task_id) == VIEWERS, f"{VIEWERS} viewers")
    with_all = threading.active_count()
    assert http.get(f"/api/tasks/{task_id}").json()["status"] == "running"
    release()
    responses = first.result(PATIENCE_S) + rest.result(PATIENCE_S)

    assert with_all <= with_one + SPARE_THREADS, f"{with_one} threads with one viewer, {with_all} with {VIEWERS}"
    assert len(responses) == VIEWERS
    for r in responses:
        assert r.status_code == 200 and r.headers["content-type"].startswith("text/event-stream")
        events = [json.loads(line[5:]) for line in data_lines(r.text)]
        assert events[0]["type"] == "progress" and events[0]["step"] == 2  # the state when it attached
        assert events[-1]["type"] == "finished" and events[-1]["status"] == "succeeded"
        assert events[-1]["task_id"] == task_id and events[-1]["image_id"]
    assert jobs.watchers(task_id) == 0
    assert http.get(f"/api/tasks/{task_id}").json()["status"] == "succeeded"


def test_viewers_that_leave_mid_stream_leave_no_subscriber_behind(held):
    app, http, task_id, release = held
    jobs = app.services.jobs

    async def come_and_go() -> list[int]:
        viewers = [SseViewer(app.app, task_id) for _ in range(3)] + [WsViewer(app.app, task_id) for _ in range(3)]
        runs = [asyncio.ensure_future(v.run()) for v in viewers]
        for v in viewers:
            await v.first.wait()
        counts = [jobs.watchers(task_id)]
        for v in viewers:
            v.leave()
            await v.ended.wait()
            counts.append(jobs.watchers(task_id))  # gone the moment its connection is
        await asyncio.gather(*runs)
        return counts

    counts = http.portal.call(asyncio.wait_for, come_and_go(), PATIENCE_S)
    assert counts == [6, 5, 4, 3, 2, 1, 0]
    # the job itself goes on, unwatched, to its end
    assert http.get(f"/api/tasks/{task_id}").json()["status"] == "running"
    release()
    wait_until(lambda: http.get(f"/api/tasks/{task_id}").json()["status"] == "succeeded", "stored image")


def test_websocket_viewers_receive_the_same_events_as_sse_viewers(held):
    app, http, task_id, release = held
    jobs = app.services.jobs

    async def watch_both() -> tuple[list, list]:
        sse = [SseViewer(app.app, task_id, previews=True) for _ in range(3)]
        ws = [WsViewer(app.app, task_id, previews=True) for _ in range(3)]
        runs = [asyncio.ensure_future(v.run()) for v in sse + ws]
        for v in sse + ws:
            await v.first.wait()
        assert jobs.watchers(task_id) == 6
        release()
        await asyncio.gather(*runs)
        return sse, ws

    sse, ws = http.portal.call(asyncio.wait_for, watch_both(), PATIENCE_S)
    reference = sse[0].events
    assert reference[0]["type"] == "progress" and reference[0]["preview_jpeg_b64"]
    assert reference[-1]["type"] == "finished" and reference[-1]["status"] == "succeeded"
    for viewer in sse + ws:
        assert viewer.events == reference, viewer.kind
    assert all(v.close_code == 1000 for v in ws)
    assert all(v.status == 200 for v in sse)


# ---- the inbox on its own: what a slow viewer keeps -----------------------------------------------


def test_a_slow_viewer_skips_steps_and_previews_never_the_start_or_the_end():
    n_steps = 2 * INBOX_SIZE  # published while the viewer reads nothing

    async def scenario() -> tuple[list, list, int]:
        loop = asyncio.get_running_loop()
        feed = Feed()
        full, latest = Inbox(latest_only=False), Inbox(latest_only=True)
        feed.attach(full, loop)
        feed.attach(latest, loop)
        done = asyncio.Event()

        def publish() -> None:  # from a thread, as the job runner's workers publish
            feed.publish(Started("openai", "m", n_steps))
            for step in range(1, n_steps + 1):
                feed.publish(Progress(step, n_steps, 0.1, preview=b"\xff\xd8\xff"))
            feed.publish(Finished(image_id="img"))
            loop.call_soon_threadsafe(done.set)

        await asyncio.to_thread(publish)
        await done.wait()  # every delivery was queued before this, so it has run
        assert feed.count == 0  # the end lets go of every subscriber
        kept_full = [await full.get(None) for _ in range(len(full.items))]
        kept_latest = [await latest.get(None) for _ in range(len(latest.items))]
        return kept_full, kept_latest, full.dropped

    kept, latest, dropped = asyncio.run(scenario())
    assert isinstance(kept[0], Started) and isinstance(kept[-1], Finished)
    steps = [e.step for e in kept if isinstance(e, Progress)]
    assert steps == sorted(steps) and steps[-1] == n_steps and len(kept) <= INBOX_SIZE + 1
    assert dropped == n_steps + 2 - len(kept)
    assert latest == [Finished(image_id="img")]


def test_a_quiet_subscription_beats_and_ends_when_closed():
    async def scenario() -> tuple[list, int]:
        feed = Feed()
        inbox = Inbox(latest_only=False)
        feed.attach(inbox, asyncio.get_running_loop())
        beats = []
        async with Subscription(feed, inbox, heartbeat_s=0.01) as subscription:
            async for event in subscription:
                beats.append(event)
                if len(beats) == 3:
                    break
        return beats, feed.count

    beats, left = asyncio.run(scenario())
    assert beats == [None, None, None] and left == 0
