"""A message with a lone surrogate or of over a million characters: answered clearly, kept as far as it
can be, in the turn, the chat and the HTTP API (real parts: the tiny pipeline, the job runner, DuckDB)."""

from __future__ import annotations

import json
from types import SimpleNamespace

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from conversation.message_text import MENDED_NOTE, for_record, mend
from conversation.service import TurnService
from conversation.turn_input import TurnSettings
from pipeline.jobs import JobRunner
from pipeline.router import Router
from storage import Store
from storage.store import MAX_TEXT_CHARS
from tests.patience import PATIENCE_S
from web.api import add_routes
from web.chat import ChatService
from web.chat_settings import ChatSettings

BROKEN = "a red fox\ud800 in the snow"
HUGE = "a fox " * 200_000  # 1,200,000 characters: over what the store keeps of any text (1,000,000)


@pytest.fixture
def world(tmp_path, tiny_local):
    store = Store(tmp_path / "limits.duckdb")
    router = Router({"local": tiny_local}, default="local")
    jobs = JobRunner(router, store, rate_limit_per_minute=0)
    turns = TurnService(store, jobs, router, tokenizer=tiny_local.tokenizer)
    chat = ChatService(store, jobs, router, turns, tokenizer=tiny_local.tokenizer, frame_interval_s=0.0)
    yield SimpleNamespace(store=store, jobs=jobs, turns=turns, chat=chat, router=router, local=tiny_local)
    jobs.close()
    store.close()


def test_mending_and_cutting():
    assert mend(BROKEN) == ("a red fox\ufffd in the snow", True)
    assert mend("a fox 🦊") == ("a fox 🦊", False)  # a real pair is one character, left alone
    kept = for_record(HUGE + "\udfff", MAX_TEXT_CHARS)
    assert kept.startswith("a fox a fox") and kept.endswith("[cut here: the message had 1,200,001 characters]")
    assert len(kept) == MAX_TEXT_CHARS
    kept.encode("utf-8")
    assert for_record("a fox", 5) == "a fox"


def test_a_lone_surrogate_is_replaced_with_a_note_and_the_picture_made(world):
    conv = world.store.create_conversation()
    turn = world.turns.start_turn(None, conv, BROKEN, TurnSettings(steps=2))
    assert len(turn.tasks) == 1 and MENDED_NOTE in turn.notes
    world.jobs.wait(turn.tasks[0].task_id, timeout=PATIENCE_S)
    asked = world.store.messages(conv)[0]
    assert asked.content == "a red fox\ufffd in the snow"


def test_the_chat_answers_a_huge_message_and_keeps_its_start(world):
    conv, shown = world.chat.add_user_message(None, HUGE, None)
    assert "cut here" in shown  # what the browser is sent back: what the store can keep
    begun = world.chat.begin(conv, HUGE, ChatSettings(steps=2), None)
    assert not begun.job_ids
    asked, answer = world.store.messages(conv)
    assert asked.content.startswith("a fox a fox") and len(asked.content) == MAX_TEXT_CHARS
    assert asked.content.endswith("[cut here: the message had 1,200,000 characters]")
    assert answer.content == "The message is 1,200,000 characters; the most one message may have is 20,000."


def test_the_chat_draws_a_message_with_a_lone_surrogate(world):
    conv, shown = world.chat.add_user_message(None, BROKEN, None)
    shown.encode("utf-8")
    begun = world.chat.begin(conv, BROKEN, ChatSettings(steps=2), None)
    frames = list(world.chat.watch_all(begun, None))
    assert "/api/images/" in frames[-1]
    for frame in frames:
        frame.encode("utf-8")  # each frame goes to the browser as JSON
    assert MENDED_NOTE.split(";")[0] in " ".join(begun.view.warnings)


def post(client, url: str, body: dict):
    """JSON as a browser or curl sends it: a lone surrogate escaped as \\ud800 (UTF-8 cannot carry it)."""
    return client.post(url, content=json.dumps(body), headers={"content-type": "application/json"})


def test_the_http_api_refuses_a_lone_surrogate_and_a_huge_message_naming_the_field(world):
    app = FastAPI()
    services = SimpleNamespace(config=SimpleNamespace(auth=()), store=world.store, jobs=world.jobs,
                               router=world.router, local=world.local, remote=None, turns=world.turns)
    add_routes(app, services)
    conv = world.store.create_conversation()
    cases = [("/api/generate", "prompt", BROKEN, "unpaired surrogate"),
             (f"/api/conversations/{conv}/messages", "text", BROKEN, "unpaired surrogate"),
             ("/api/generate", "prompt", HUGE, "20"),  # "at most 20000 characters" or "the most ... 20,000"
             (f"/api/conversations/{conv}/messages", "text", HUGE, "20")]
    with TestClient(app) as client:
        for url, field, text, said in cases:
            r = post(client, url, {field: text})
            assert r.status_code == 422, r.text
            (detail,) = r.json()["detail"]
            assert detail["field"] == field and said in detail["message"]
    assert world.store.messages(conv) == [] and world.store.list_images(None) == []


def ui_handler(demo, name: str):
    return next(f.fn for f in demo.fns.values() if getattr(f.fn, "__name__", "") == name)


def test_the_chat_handlers_answer_both_where_they_used_to_fail(world):
    """The Blocks handlers as Gradio calls them, their outputs encoded as Gradio sends them (orjson,
    which refuses a lone surrogate). Before: the handler raised on the store's refusal and the
    browser showed a bare "Error"."""
    import orjson

    from web.ui import build_ui

    demo = build_ui(world.chat, world.router)
    on_submit, respond = ui_handler(demo, "on_submit"), ui_handler(demo, "respond")
    request = SimpleNamespace(username=None, session_hash="tab-1")
    for text, answered in ((BROKEN, "/api/images/"), (HUGE, "the most one message may have is 20,000")):
        box, history, conv, pending = on_submit(text, [], None, request)
        orjson.dumps(history)
        frames = list(respond(pending, history, conv, "auto", "none", "Model default", "2", "", "", "", True,
                              "default", False, 1, request=request))
        for frame in frames:
            orjson.dumps(frame)
        assert answered in str(frames[-1][-1]["content"]).replace("\\", "")
