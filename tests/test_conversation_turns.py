"""One home for a turn: ``TurnService.start_turn`` and ``POST /api/conversations/{id}/messages``
with real parts (the tiny pipeline, the job runner, DuckDB files, the openai SDK against loopback
servers for DALL-E and for a chat model)."""

from __future__ import annotations

import time
from types import SimpleNamespace

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from conversation.chat_model import ChatModelConfig, ChatModelInterpreter
from conversation.rules import RulesInterpreter
from conversation.turn_input import TurnRefused, TurnSettings
from pipeline.backends.openai_images import OpenAIImagesBackend
from tests import fake_chat as fc
from web.api import add_routes
from tests.turn_world import FAST, World

@pytest.fixture
def remote(fake_openai):
    return OpenAIImagesBackend("sk-test-SECRET123", base_url=fake_openai.base_url, model="dall-e-3", max_retries=0,
                               timeout=10)


@pytest.fixture
def world(tmp_path, tiny_local, remote):
    w = World(tmp_path / "turns.duckdb", tiny_local, remote)
    yield w
    w.close()


def test_an_edit_keeps_the_subject_the_setting_and_the_seed(world):
    conv = world.store.create_conversation()
    first = world.say(conv, "a ginger cat asleep on a windowsill in a cozy coffee shop")
    assert first.intent == "new" and len(first.tasks) == 1
    edit = world.say(conv, "make the light warmer and more golden")
    assert edit.intent == "edit"
    sent = edit.tasks[0].prompt_sent
    assert "cat" in sent and "coffee shop" in sent and "golden" in sent
    assert edit.tasks[0].seed == first.tasks[0].seed
    assert "seed kept" in edit.understood
    night = world.say(conv, "now at night")
    assert "night" in night.tasks[0].prompt_sent and "cat" in night.tasks[0].prompt_sent
    assert night.tasks[0].seed == first.tasks[0].seed


def test_a_pasted_prompt_naming_a_lora_this_server_lacks_is_drawn_without_it_and_says_so(world):
    conv = world.store.create_conversation()
    turn = world.say(conv, "(best quality:1.3), terraced rice fields, morning mist, <lora:add_detail:0.6>")
    assert turn.intent == "new" and len(turn.tasks) == 1
    task = turn.tasks[0]
    assert "rice fields" in task.prompt_sent and "<lora:" not in task.prompt_sent
    assert any("add_detail" in warning for warning in task.warnings), task.warnings
    assert world.jobs.snapshot(task.task_id).status == "succeeded"
    follow = world.say(conv, "16:9")  # the conversation goes on from it
    assert follow.intent == "edit" and follow.tasks[0].width > follow.tasks[0].height


def test_small_talk_and_questions_are_answered_and_never_drawn(world):
    conv = world.store.create_conversation()
    made = world.say(conv, "a red fox in the snow", TurnSettings(steps=2, seed=1234))
    submitted = len(world.store.list_images(None))
    for text, intent in [("thanks, that's great", "chat"), ("wow that's beautiful", "chat"), ("no", "chat"),
                         ("what is the capital of France?", "chat"), ("help", "help"),
                         ("describe the last image", "question"), ("why is it so blurry?", "question")]:
        turn = world.say(conv, text)
        assert turn.intent == intent, text
        assert turn.tasks == [] and turn.reply, text
    seed = world.say(conv, "what seed was that?")
    assert seed.intent == "question" and "1234" in seed.reply and made.tasks[0].seed == 1234
    assert len(world.store.list_images(None)) == submitted
    roles = [m.role for m in world.store.messages(conv)]
    assert roles.count("assistant") == roles.count("user")  # every message answered, in order


def test_no_x_goes_to_the_negative_prompt_and_aspect_words_change_the_size(world):
    conv = world.store.create_conversation()
    first = world.say(conv, "a poster of a mountain lake")
    turn = world.say(conv, "no text, no watermark")
    task = turn.tasks[0]
    assert "text" in task.negative_prompt and "watermark" in task.negative_prompt
    assert "watermark" not in task.prompt_sent
    wide = world.say(conv, "--ar 16:9")
    assert wide.tasks[0].width > wide.tasks[0].height
    assert wide.tasks[0].seed == first.tasks[0].seed
    tall = world.say(conv, "portrait orientation please")
    assert tall.tasks[0].height > tall.tasks[0].width
    assert "16:9" not in tall.tasks[0].prompt_sent
    seeded = world.say(conv, "use seed 1234")
    assert seeded.tasks[0].seed == 1234


def test_undo_revert_branch_and_repeat(world):
    conv = world.store.create_conversation()
    a = world.say(conv, "a lighthouse on a cliff")
    b = world.say(conv, "make it a watercolor")
    assert b.tasks[0].style == "watercolor"
    undo = world.say(conv, "undo that")
    assert undo.intent == "undo"
    assert undo.tasks[0].prompt_sent == a.tasks[0].prompt_sent and undo.tasks[0].seed == a.tasks[0].seed
    again = world.say(conv, "another one")
    assert again.intent == "repeat" and again.tasks[0].prompt_sent == a.tasks[0].prompt_sent
    assert again.tasks[0].seed != a.tasks[0].seed
    back = world.say(conv, "go back to the second one")
    assert back.intent == "revert" and back.tasks[0].prompt_sent == b.tasks[0].prompt_sent
    branch = world.say(conv, "take the first one and add a red boat")
    assert branch.intent == "branch"
    assert "boat" in branch.tasks[0].prompt_sent and "watercolor" not in branch.tasks[0].prompt_sent
    assert branch.tasks[0].seed == a.tasks[0].seed


def test_nothing_to_change_yet_is_said_not_drawn(world):
    conv = world.store.create_conversation()
    turn = world.say(conv, "undo")
    assert turn.tasks == [] and turn.reply
    assert "nothing" in turn.reply.lower() or "no picture" in turn.reply.lower()
    again = world.say(conv, "another one")
    assert again.tasks == [] and again.reply


def test_the_scene_survives_a_restart(tmp_path, tiny_local, remote):
    path = tmp_path / "restart.duckdb"
    w = World(path, tiny_local, remote)
    conv = w.store.create_conversation()
    first = w.say(conv, "a knight in a forest")
    w.close()
    w = World(path, tiny_local, remote)
    try:
        turn = w.say(conv, "at sunset")
        assert turn.intent == "edit"
        assert "knight" in turn.tasks[0].prompt_sent and "forest" in turn.tasks[0].prompt_sent
        assert turn.tasks[0].seed == first.tasks[0].seed
    finally:
        w.close()


def test_dall_e_gets_prose_no_additions_and_negations_in_words(world):
    conv = world.store.create_conversation()
    turn = world.say(conv, "a quiet beach at dawn without any people", TurnSettings(backend="openai"))
    task = turn.tasks[0]
    assert task.backend == "openai" and task.negative_prompt == ""
    assert "beach" in task.prompt_sent and "no people" in task.prompt_sent.lower()
    assert "highly detailed" not in task.prompt_sent
    assert any("rewrites prompts itself" in n for n in turn.notes)
    wide = world.say(conv, "landscape format", TurnSettings(backend="openai"))
    assert (wide.tasks[0].width, wide.tasks[0].height) == (1792, 1024)


def test_keeping_the_picture_on_dall_e_3_draws_the_change_anew(world):
    """DALL-E 3 cannot start from a picture: "same scene in the evening" is still the same scene, changed,
    drawn from its description with a note, never a refusal or a new picture without the subject."""
    conv = world.store.create_conversation()
    dalle = TurnSettings(backend="openai")
    world.say(conv, "an old grandmother rolling pasta in a rustic kitchen, copper pots on the wall", dalle)
    turn = world.say(conv, "same scene in the evening with candlelight", dalle)
    assert turn.intent == "edit" and len(turn.tasks) == 1, turn
    sent = turn.tasks[0].prompt_sent.lower()
    assert "grandmother" in sent and "copper pots" in sent and "evening" in sent and "candlelight" in sent, sent
    assert turn.tasks[0].source_image_id is None
    assert any("drawn anew" in n for n in turn.notes), turn.notes


def test_bad_input_is_refused_with_a_clear_message(world):
    conv = world.store.create_conversation()
    with pytest.raises(TurnRefused, match="empty"):
        world.turns.start_turn(None, conv, "   ", FAST)
    with pytest.raises(TurnRefused, match="20,000"):
        world.turns.start_turn(None, conv, "x" * 20_001, FAST)
    with pytest.raises(TurnRefused) as missing:
        world.turns.start_turn(None, "nope", "a cat", FAST)
    assert missing.value.status == 404
    assert world.store.messages(conv) == []  # nothing half-recorded


def test_a_chat_model_writes_the_prompt_and_says_who_understood(tmp_path, tiny_local, remote):
    with fc.FakeChat() as server:
        interpreter = ChatModelInterpreter(
            ChatModelConfig(model="tiny-chat", base_url=server.base_url, api_key="sk-chat-SECRET", timeout_s=10,
                            max_retries=0),
            RulesInterpreter())
        w = World(tmp_path / "llm.duckdb", tiny_local, remote, interpreter=interpreter)
        try:
            conv = w.store.create_conversation()
            server.script(fc.tool_call({"action": {"intent": "new", "description": "a fox in the snow",
                                                   "prompt": "a red fox in deep snow, soft light"}}))
            turn = w.say(conv, "un zorro en la nieve")
            assert turn.by == "tiny-chat" and "by tiny-chat" in turn.understood
            assert turn.tasks[0].prompt_sent == "a red fox in deep snow, soft light"
            server.script(fc.error(500))
            fallback = w.say(conv, "now at night")
            assert fallback.by == "rules" and fallback.intent == "edit"
            assert len([n for n in fallback.notes if "tiny-chat" in n]) == 1
            assert all("SECRET" not in n for n in fallback.notes)
        finally:
            w.close()


# ---- the HTTP route ------------------------------------------------------------------------------------

@pytest.fixture
def client(world, tiny_local, remote):
    app = FastAPI()
    services = SimpleNamespace(config=SimpleNamespace(auth=()), store=world.store, jobs=world.jobs,
                               router=world.router, local=tiny_local, remote=remote, turns=world.turns)
    add_routes(app, services)
    with TestClient(app) as c:
        yield c


def _wait(client, url):
    while True:  # the job runner always ends a task; pytest's timeout bounds a hang
        status = client.get(url).json()["status"]
        if status in ("succeeded", "failed", "cancelled", "interrupted"):
            return status
        time.sleep(0.05)


def test_the_route_holds_a_conversation(client):
    conv = client.post("/api/conversations").json()["conversation_id"]
    r = client.post(f"/api/conversations/{conv}/messages", json={"text": "a cabin in the woods", "steps": 2})
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["intent"] == "new" and body["reply"] is None and body["understood"].startswith("new")
    task = body["tasks"][0]
    assert {"task_id", "status_url", "events_url", "prompt_sent", "negative_prompt", "seed", "width", "height",
            "steps", "guidance", "style", "backend", "model", "changes", "warnings"} <= set(task)
    assert _wait(client, task["status_url"]) == "succeeded"
    edit = client.post(f"/api/conversations/{conv}/messages", json={"text": "now in winter", "steps": 2}).json()
    assert edit["intent"] == "edit" and edit["tasks"][0]["seed"] == task["seed"]
    assert "cabin" in edit["tasks"][0]["prompt_sent"] and "winter" in edit["tasks"][0]["prompt_sent"]
    _wait(client, edit["tasks"][0]["status_url"])
    chat = client.post(f"/api/conversations/{conv}/messages", json={"text": "thanks!"}).json()
    assert chat["intent"] == "chat" and chat["tasks"] == [] and chat["reply"]
    messages = client.get(f"/api/conversations/{conv}").json()["messages"]
    assert [m["role"] for m in messages] == ["user", "assistant"] * 3


@pytest.mark.parametrize("body, status, field", [
    ({"text": ""}, 422, "text"),
    ({"text": "a cat", "colour": "red"}, 422, "colour"),
    ({"text": "a cat", "steps": 0}, 422, "steps"),
    ({"text": "a cat", "style": "no-such-style"}, 422, "style"),
])
def test_the_route_names_what_is_wrong(client, body, status, field):
    conv = client.post("/api/conversations").json()["conversation_id"]
    r = client.post(f"/api/conversations/{conv}/messages", json=body)
    assert r.status_code == status, r.text
    assert field in r.text


def test_an_unknown_conversation_is_404(client):
    r = client.post("/api/conversations/missing/messages", json={"text": "a cat"})
    assert r.status_code == 404


def test_a_chat_models_answer_streams_into_the_chat_before_it_ends(tmp_path, tiny_local, remote):
    import threading

    from web.begun import Begun
    from web.chat import ChatService
    from web.chat_settings import ChatSettings

    with fc.FakeChat() as server:
        interpreter = ChatModelInterpreter(
            ChatModelConfig(model="tiny-chat", base_url=server.base_url, api_key="sk-chat-SECRET", timeout_s=60,
                            max_retries=0),
            RulesInterpreter())
        w = World(tmp_path / "stream.duckdb", tiny_local, remote, interpreter=interpreter)
        chat = ChatService(w.store, w.jobs, w.router, w.turns)
        try:
            conv = w.store.create_conversation()
            gate = threading.Event()
            server.script(fc.prose("Paris is the capital of France.", pieces=4, gate=gate))
            stream = chat.begin_stream(conv, "what is the capital of France?", ChatSettings(), None)
            first = next(stream)
            assert isinstance(first, str) and first  # a piece arrived while the rest is held back
            gate.set()
            rest = list(stream)
            assert isinstance(rest[-1], Begun) and rest[-1].job_ids == ()
            assert first + "".join(p for p in rest if isinstance(p, str)) == "Paris is the capital of France."
            assert "Paris" in rest[-1].reply
            assert [m.role for m in w.store.messages(conv)] == ["user", "assistant"]
        finally:
            w.close()


def test_a_count_of_separate_pictures_starts_that_many_with_their_own_seeds(world):
    conv = world.store.create_conversation()
    turn = world.say(conv, "3 different logos for a bakery called Crumb")
    assert turn.intent == "new" and len(turn.tasks) == 3, turn
    assert len({task.seed for task in turn.tasks}) == 3
    assert all("logo" in task.prompt_sent and "logos" not in task.prompt_sent for task in turn.tasks)


def test_one_picture_of_a_batch_named_by_its_place_is_that_picture(world):
    for said, intent, place in (("i like the third one best", "revert", 2), ("take the 2nd one and make it teal", "branch", 1)):
        conv = world.store.create_conversation()
        batch = world.say(conv, "4 different logos for a tea shop called Steep")
        picked = world.say(conv, said)
        assert picked.intent == intent and [t.seed for t in picked.tasks] == [batch.tasks[place].seed], picked
    assert "teal" in picked.tasks[0].prompt_sent


@pytest.mark.parametrize("change", ["can you make them all in pastel pink?", "all of them in pink please", "make them pink"])
def test_a_change_said_of_a_whole_batch_redraws_each_of_its_pictures_with_its_seed(world, change):
    conv = world.store.create_conversation()
    batch = world.say(conv, "3 different logos for a bakery called Crumb")
    changed = world.say(conv, change)
    assert changed.intent == "edit" and len(changed.tasks) == 3, changed
    assert sorted(t.seed for t in changed.tasks) == sorted(t.seed for t in batch.tasks)
    assert all("pink" in t.prompt_sent and "logo" in t.prompt_sent for t in changed.tasks)
    one = world.say(conv, "add a croissant")  # said of one picture: one picture
    assert one.intent == "edit" and len(one.tasks) == 1
