"""The chat keeps every message and every job: one live view of a conversation, rendered from the
store, that any number of viewers (the sender, a second message, a reload, a second tab) follow and
agree on; Stop by conversation; interrupted pictures said at start-up, and Retry. Real parts: the
tiny pipeline, the job runner, DuckDB, the OpenAI SDK against a loopback server."""

from __future__ import annotations

import re
import threading
import time

import pytest

import app as app_module
from config import parse_config
from pipeline.backends.openai_images import OpenAIImagesBackend
from pipeline.events import Progress
from pipeline.jobs import JobRunner
from pipeline.router import Router
from storage import Store
from web.chat import INTERRUPTED_MESSAGE, ChatService
from web.chat_settings import ChatSettings
from tests.patience import PATIENCE_S

SLOW = ChatSettings(steps=150)  # the most steps allowed: time to act while it forms (seconds on 2 cores)
FAST = ChatSettings(steps=2)
BOUND = PATIENCE_S  # generous bounds on a loaded 2-core machine; waits end as soon as the condition holds
STEP = re.compile(r"Step (\d+)/(\d+)")


@pytest.fixture
def parts(tmp_path, tiny_local, fake_openai):
    store = Store(tmp_path / "live.duckdb")
    remote = OpenAIImagesBackend("sk-test-SECRET123", base_url=fake_openai.base_url, max_retries=0, timeout=PATIENCE_S)
    router = Router({"local": tiny_local, "openai": remote}, default="local")
    jobs = JobRunner(router, store)
    chat = ChatService(store, jobs, router, tokenizer=tiny_local.tokenizer, frame_interval_s=0.05)
    yield chat
    jobs.close()
    store.close()


def send(chat: ChatService, conv, text, settings=FAST, user=None):
    conv, _ = chat.add_user_message(conv, text, user)
    return conv, chat.begin(conv, text, settings, user)


def contents(frame) -> list[str]:
    return [m["content"] for m in frame]


def plain(markdown: str) -> str:
    return re.sub(r"\\(.)", r"\1", markdown)


def forming(frame) -> bool:
    return any(STEP.search(c) for c in contents(frame))


def until(frames, condition, what: str):
    """Frames of a live view up to the first that meets ``condition``."""
    deadline = time.monotonic() + BOUND
    for frame in frames:
        if condition(frame):
            return frame
        assert time.monotonic() < deadline, f"no frame showed {what} within {BOUND} s"
    raise AssertionError(f"the view ended before it showed {what}")


class Viewer(threading.Thread):
    """A live view followed to its end on a thread of its own, as a browser tab would."""

    def __init__(self, frames):
        super().__init__(daemon=True)
        self.frames_iter = frames
        self.frames: list[list[dict]] = []

    def run(self) -> None:
        for frame in self.frames_iter:
            self.frames.append(frame)

    def last(self) -> list[dict]:
        self.join(BOUND)
        assert not self.is_alive(), "the live view did not end"
        return self.frames[-1]


def test_a_message_sent_while_a_picture_forms_stays_and_every_view_converges(parts):
    chat = parts
    conv, first = send(chat, None, "a lighthouse on a cliff", SLOW)
    assert first.job_ids
    sender = chat.watch_conversation(conv, None)
    until(sender, forming, "the first picture's progress")

    # a message sent while it forms shows at once in the view already open, and stays
    _, shown = chat.add_user_message(conv, "now at night", None)
    frame = until(sender, lambda f: any("now at night" in c for c in contents(f)), "the second message")
    assert frame[-1]["role"] == "user" and forming(frame)
    second = chat.begin(conv, "now at night", FAST, None)  # an edit: a second picture, queued behind the first
    assert second.job_ids
    third_conv, third = send(chat, conv, "thanks, that's great")  # small talk: answered at once, nothing drawn
    assert third_conv == conv and third.reply and not third.job_ids

    # the first sender's view, a second message's view and a reload's all follow it to the end
    views = [Viewer(sender), Viewer(chat.watch_conversation(conv, None)), Viewer(chat.watch_conversation(conv, None))]
    for v in views:
        v.start()
    finals = [v.last() for v in views]
    assert finals[0] == finals[1] == finals[2] == chat.render_conversation(conv, None)
    for v in views:  # once sent, the messages never left any view
        sent_at = next(i for i, f in enumerate(v.frames) if any("now at night" in c for c in contents(f)))
        assert all(any("now at night" in c for c in contents(f)) for f in v.frames[sent_at:])
        assert all(any("that's great" in plain(c) for c in contents(f)) for f in v.frames[1:])

    # each answer sits under its message, in the order they were sent
    final = finals[0]
    assert [m["role"] for m in final] == ["user", "assistant"] * 3
    assert "lighthouse" in final[0]["content"] and "/api/images/" in final[1]["content"]
    assert "now at night" in final[2]["content"] and "understood: edit" in plain(final[2]["content"])
    assert "/api/images/" in final[3]["content"] and "night" in final[3]["content"]
    assert "that's great" in plain(final[4]["content"]) and "/api/images/" not in final[5]["content"]
    # stored as they happened: the reply to the third message before the pictures of the first two
    roles = [(m.role, bool(m.image_id)) for m in chat.store.messages(conv)]
    assert roles.index(("assistant", False)) < roles.index(("assistant", True))


def test_a_reattached_view_resumes_a_running_job(parts):
    chat = parts
    conv, begun = send(chat, None, "a red kite over the sea", SLOW, user="ann")
    # the tab that sent it is gone: nobody watched. A reload opens the latest conversation...
    for event in chat.jobs.events(begun.job_id, heartbeat_s=BOUND):
        assert event is not None, f"the job did not start within {BOUND} s"
        if isinstance(event, Progress):
            break
    opened, shown = chat.open_latest("ann")
    assert opened == conv and "kite" in shown[0]["content"]
    assert shown[-1]["role"] == "assistant" and ("Step" in shown[-1]["content"] or "Generating" in shown[-1]["content"])
    # ...and the live view picks the progress up where it is, then ends with the stored picture
    assert chat.has_unfinished(conv, "ann") and not chat.has_unfinished(conv, "bob")
    frames = list(chat.watch_conversation(conv, "ann"))
    steps = [int(m.group(1)) for f in frames for m in [STEP.search(f[-1]["content"])] if m]
    assert steps and steps == sorted(steps) and steps[-1] > steps[0]
    assert "/api/images/" in frames[-1][-1]["content"]
    assert any("data:image/jpeg;base64," in f[-1]["content"] for f in frames)  # previews resume too
    assert frames[-1] == chat.render_conversation(conv, "ann")
    assert chat.watch_conversation(conv, "bob").__next__() == []  # someone else's: nothing


def test_stop_by_conversation_after_the_session_is_lost(parts):
    chat = parts
    conv, begun = send(chat, None, "a slow painting of a harbour", SLOW, user="ann")
    view = chat.watch_conversation(conv, "ann")
    until(view, forming, "progress")
    view.close()  # the tab reloads: its view (and anything it knew) is gone; the job runs on
    assert chat.stop(conv, "bob") == 0  # not theirs
    assert chat.store.get_task(begun.job_id).status == "running"
    reloaded = chat.watch_conversation(conv, "ann")
    until(reloaded, forming, "progress after the reload")
    assert chat.stop(conv, "ann") == 1
    assert chat.store.get_task(begun.job_id).status == "cancelled"
    final = list(reloaded)[-1]  # the reattached view shows it cancelled, and ends
    assert "Cancelled" in final[-1]["content"] and "/api/images/" not in final[-1]["content"]
    assert final == chat.render_conversation(conv, "ann")
    assert not chat.can_retry(conv, "ann")  # cancelled on purpose: nothing to retry


def test_a_failed_picture_can_be_retried(parts, fake_openai):
    chat = parts
    fake_openai.queue("images", "server_error")
    settings = ChatSettings(backend="openai", size="1024x1024")
    conv, begun = send(chat, None, "a paper boat on a pond", settings)
    final = list(chat.watch_conversation(conv, None))[-1]
    assert "/api/images/" not in final[-1]["content"] and chat.can_retry(conv, None)
    failed = chat.store.get_task(begun.job_id)
    retried = chat.begin_retry(conv, None)
    assert retried.job_ids and retried.job_ids[0] != begun.job_id
    final = list(chat.watch_conversation(conv, None))[-1]
    assert "/api/images/" in final[-1]["content"]
    task = chat.store.get_task(retried.job_ids[0])
    assert task.status == "succeeded" and task.conversation_id == conv
    assert task.request["prompt"] == failed.request["prompt"] and task.request["backend"] == "openai"
    assert not chat.can_retry(conv, None)


def test_an_interrupted_picture_is_said_at_start_up_and_retry_makes_it(tmp_path, tiny_local, tiny_model_dir):
    path = tmp_path / "restart.duckdb"
    store = Store(path)
    jobs = JobRunner(Router({"local": tiny_local}, default="local"), store)
    chat = ChatService(store, jobs, jobs.router, frame_interval_s=0.05)
    conv, begun = send(chat, None, "a windmill in a tulip field", ChatSettings(steps=150, seed=77), user=None)
    until(chat.watch_conversation(conv, None), forming, "progress")
    # The server stops mid-picture: the database goes away under the running job, which can record
    # nothing more, so the file is left with the task 'running', as after a crash.
    store.close()
    jobs.close()
    with Store(path) as check:
        assert check.get_task(begun.job_id).status == "running"

    # the next start-up marks it interrupted and says so in its conversation, once
    config = parse_config(["--model", str(tiny_model_dir), "--db", str(path), "--backend", "local"])
    services = app_module.build_services(config)
    try:
        chat = services.chat
        assert services.store.get_task(begun.job_id).status == "interrupted"
        assert services.store.note_interrupted_tasks(INTERRUPTED_MESSAGE) == 0  # already said
        opened, shown = chat.open_latest(None)
        assert opened == conv
        assert [m["role"] for m in shown] == ["user", "assistant"]
        assert "server stopped before" in plain(shown[-1]["content"]) and chat.can_retry(conv, None)

        retried = chat.begin_retry(conv, None)
        assert len(retried.job_ids) == 1
        final = list(chat.watch_conversation(conv, None))[-1]
        assert "server stopped before" in plain(final[-2]["content"])  # the note stays, on its own
        assert "/api/images/" in final[-1]["content"] and "seed 77" in final[-1]["content"]
        assert "windmill" in final[-1]["content"] and not chat.can_retry(conv, None)
    finally:
        services.close()
