"""The daily picture limit of anonymous visitors in the turn path, the chat and ``POST /api/generate``,
with real parts: the tiny pipeline, the job runner, a DuckDB file."""

from __future__ import annotations

import time
from types import SimpleNamespace

import httpx
import pytest

from conversation.rules import RulesInterpreter
from conversation.service import TurnService
from conversation.turn_input import TurnRefused, TurnSettings
from pipeline.jobs import JobRunner
from pipeline.router import Router
from storage import Store
from storage.people import new_anonymous
from storage.quota import ImageQuota
from tests.apprunner import AppProcess
from tests.patience import PATIENCE_S
from web.chat import ChatService
from web.chat_settings import ChatSettings
from web.retention_note import retention_note

FAST = TurnSettings(steps=2)
LIMIT = 2


class CountingRules(RulesInterpreter):
    """The offline rules, counting how often a message was interpreted."""

    calls = 0

    def stream(self, text, ctx):
        CountingRules.calls += 1
        yield from super().stream(text, ctx)


@pytest.fixture
def world(tmp_path, tiny_local):
    store = Store(tmp_path / "quota.duckdb")
    router = Router({"local": tiny_local}, default="local")
    jobs = JobRunner(router, store, rate_limit_per_minute=0)
    turns = TurnService(store, jobs, router, interpreter=CountingRules(), tokenizer=tiny_local.tokenizer,
                        quota=ImageQuota(store, LIMIT))
    chat = ChatService(store, jobs, router, turns, tokenizer=tiny_local.tokenizer, frame_interval_s=0.0)
    yield SimpleNamespace(store=store, jobs=jobs, turns=turns, chat=chat, router=router, local=tiny_local)
    jobs.close()
    store.close()


def draw(world, user, text="a red fox in the snow", settings=FAST):
    conv = world.store.create_conversation(user=user)
    turn = world.turns.start_turn(user, conv, text, settings)
    for task in turn.tasks:
        world.jobs.wait(task.task_id, timeout=PATIENCE_S)
    return conv, turn


def test_a_visitor_over_the_daily_limit_is_refused_before_any_work(world):
    visitor = new_anonymous()
    for _ in range(LIMIT):
        _, turn = draw(world, visitor)
        assert len(turn.tasks) == 1
    conv = world.store.create_conversation(user=visitor)
    interpreted, messages = CountingRules.calls, len(world.store.messages(conv))
    with pytest.raises(TurnRefused) as refused:
        world.turns.start_turn(visitor, conv, "a lighthouse at dusk", FAST)
    assert refused.value.status == 429
    text = str(refused.value)
    assert text.startswith(f"You've made {LIMIT} pictures today; the limit on this app is {LIMIT} a day. It resets in")
    assert "UTC" in text and 0 < refused.value.retry_after_s <= 24 * 3600
    assert CountingRules.calls == interpreted and len(world.store.messages(conv)) == messages  # no work done
    # deleting the pictures does not give the allowance back
    for c in world.store.list_conversations(visitor):
        world.store.delete_conversation(c.id, user=visitor)
    with pytest.raises(TurnRefused):
        world.turns.start_turn(visitor, None, "a lighthouse at dusk", FAST)
    # others are not affected: another visitor, a named person
    assert len(draw(world, new_anonymous())[1].tasks) == 1
    for _ in range(LIMIT + 1):
        assert len(draw(world, "ana")[1].tasks) == 1


def test_a_batch_is_cut_to_what_is_left_with_a_note(world):
    visitor = new_anonymous()
    _, turn = draw(world, visitor, settings=TurnSettings(steps=2, count=4))
    assert len(turn.tasks) == LIMIT
    assert any(f"Only {LIMIT} of 4 pictures were made" in n for n in turn.notes)


def test_the_chat_answers_with_the_limit_and_re_roll_is_held_to_it(world):
    visitor = new_anonymous()
    conv, _ = world.chat.add_user_message(None, "a red fox in the snow", visitor)
    begun = world.chat.begin(conv, "a red fox in the snow", ChatSettings(steps=2), visitor)
    list(world.chat.watch_all(begun, visitor))
    again = world.chat.begin_reroll(conv, visitor)
    list(world.chat.watch_all(again, visitor))
    assert len(again.job_ids) == 1
    refused = world.chat.begin_reroll(conv, visitor)
    assert not refused.job_ids and "the limit on this app is 2 a day" in world.store.messages(conv)[-1].content
    world.chat.add_user_message(conv, "now at night", visitor)
    answered = world.chat.begin(conv, "now at night", ChatSettings(steps=2), visitor)
    assert not answered.job_ids and answered.reply
    asked, answer = world.store.messages(conv)[-2:]
    assert asked.content == "now at night"  # kept, and answered in the conversation
    assert answer.content.startswith("You've made 2 pictures today;") and "It resets in" in answer.content


def test_post_generate_answers_429_to_an_anonymous_caller_over_the_limit(tmp_path, tiny_model_dir):
    """The real app and the real anonymous identity: a caller keeping its visitor cookie is one
    person and meets the limit; a caller without the cookie is another and still gets its picture."""
    args = ["--model", str(tiny_model_dir), "--db", str(tmp_path / "quota.duckdb"), "--history", "per-browser",
            "--max-images-per-visitor", "1"]
    body = {"prompt": "a red fox in the snow", "steps": 2, "width": 64, "height": 64}
    with AppProcess(tmp_path, args=args) as app, httpx.Client(base_url=app.url, timeout=PATIENCE_S) as caller:
        first = caller.post("/api/generate", json=body)
        assert first.status_code == 202, first.text
        assert "imagechat-visitor" in caller.cookies  # who this caller is, from now on
        second = caller.post("/api/generate", json={**body, "prompt": "a lighthouse"})
        assert second.status_code == 429, second.text
        answer = second.json()
        assert answer["reason"] == "daily_limit"
        assert answer["detail"].startswith("You've made 1 pictures today; the limit on this app is 1 a day.")
        assert "It resets in" in answer["detail"]
        assert 1 <= int(second.headers["Retry-After"]) <= 24 * 3600
        other = httpx.post(app.url + "/api/generate", json=body, timeout=PATIENCE_S)  # no cookie: someone else
        assert other.status_code == 202, other.text
        assert wait_done(app.url, first.json()["task_id"], caller.cookies)
        assert wait_done(app.url, other.json()["task_id"], other.cookies)


def wait_done(url: str, task_id: str, cookies) -> bool:
    """Whether the task finished, asked as its owner (each visitor sees only their own tasks)."""
    deadline = time.monotonic() + PATIENCE_S
    while time.monotonic() < deadline:
        state = httpx.get(f"{url}/api/tasks/{task_id}", cookies=cookies, timeout=PATIENCE_S).json()
        if state.get("status") in ("succeeded", "failed", "cancelled"):
            return state["status"] == "succeeded"
        time.sleep(0.3)
    return False


def test_the_visible_note_says_how_long_pictures_are_kept():
    assert retention_note(None, None) is None
    note = retention_note(7, 50)
    assert "Your pictures are kept for 7 days" in note and "50 pictures a day" in note
    assert "kept for 1 day;" in retention_note(1)


def test_the_app_with_retention_shows_the_note_and_prunes_at_start(tmp_path, tiny_model_dir):
    """The real app: the flags reach the page and the pruner, which runs at once and stops with it."""
    db = tmp_path / "public.duckdb"
    visitor = new_anonymous()
    with Store(db) as store:  # a visitor's picture from long ago, and a named person's
        for user in (visitor, "ana"):
            conv = store.create_conversation(user=user)
            store.add_message(conv, "user", "an old lighthouse")
        with store.db.write() as cur:
            cur.execute("UPDATE conversations SET updated_at = updated_at - INTERVAL 30 DAY")
    args = ["--model", str(tiny_model_dir), "--db", str(db), "--retention-days", "7",
            "--max-images-per-visitor", "50", "--prune-interval", "60"]
    with AppProcess(tmp_path, args=args) as app:
        page = httpx.get(app.url + "/", timeout=PATIENCE_S).text
        assert "Your pictures are kept for 7 days" in page and "50 pictures a day" in page
        # at once: the next run would be an interval (60 minutes) away, far beyond this wait
        deadline = time.monotonic() + PATIENCE_S
        while "pruned 1 conversations" not in app.log() and time.monotonic() < deadline:
            time.sleep(0.2)
        assert "pruned 1 conversations, 1 messages" in app.log()
    assert app.proc.returncode is not None and "Traceback" not in app.log()
    with Store(db) as store:
        assert store.list_conversations(visitor) == [] and len(store.list_conversations("ana")) == 1
