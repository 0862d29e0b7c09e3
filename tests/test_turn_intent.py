"""The learned reader of the whole turn (conversation/turn_intent.py): what it changes in a turn's reading, what it must
leave to the rules, and that its model is the one its trainer makes from the case files."""

from __future__ import annotations

import hashlib
import json

import pytest

from conversation.actions import INTENTS, Add, Chat, Edit, Likeness, New, Remove, Repeat, Replace, Revert
from conversation.rules import _read, understand
from conversation.turn_intent import (INTENT_MODEL_PATH, SURE, SURE_TO_DRAW, ends_asking, heard, intent_of, new_by_form,
                                      overrides, read_as)
from conversation.talk_or_draw import model_from
from scripts.train_talk_or_draw import CASES, examples, train, write_model
from tests.conversation_context import ctx
from tests.test_conversation_followups import pictures_of
from tests.test_conversation_likeness import given

LIGHTHOUSE = ctx("a lighthouse on a cliff at dusk")


# ---- what it changes ---------------------------------------------------------------------------------------------

def test_a_wish_the_rules_took_for_a_new_picture_changes_the_one_on_screen():
    text = "honestly a little rowing boat out on the water wouldnt hurt"
    assert isinstance(_read(text, LIGHTHOUSE)[0], New)  # the rules alone: a picture of the wish, the lighthouse gone
    action, _ = understand(text, LIGHTHOUSE)
    assert isinstance(action, Edit) and any(isinstance(op, Add) and "rowing boat" in op.thing for op in action.ops), action


def test_a_story_told_before_the_first_request_is_left_out_of_it():
    text = "long day at work today, my feet are killing me. a hammock between two palm trees, turquoise water"
    action = read_as("new", text, ctx(None), _read)
    assert isinstance(action, New) and action.description.startswith("a hammock"), action


def test_a_story_is_not_drawn_when_what_follows_it_asks_nothing():
    action = read_as("new", "I'm making a flyer for the school fair. It's on Saturday.", ctx(None), _read)
    assert action is None  # no sentence of it is a picture: the rules' answer stands


# ---- what it leaves to the rules ---------------------------------------------------------------------------------

def test_a_change_read_by_its_form_stands():
    action, _ = understand("take the lamp out again, too cluttered", LIGHTHOUSE)
    assert isinstance(action, Edit) and Remove(thing="lamp") in action.ops, action


@pytest.mark.parametrize("text", ["change of subject: a koi pond in the rain", "make a cat",
                                  "I wonder if it would rain tomorrow."])  # a musing is not added to the picture as words
def test_a_new_picture_read_by_its_form_is_not_made_a_change(text):
    assert isinstance(_read(text, LIGHTHOUSE)[0], New)
    action, _ = understand(text, LIGHTHOUSE)
    assert not isinstance(action, Edit), action


def test_a_picture_kept_closer_to_the_one_sent_stays_so():
    action, _ = understand("can you make it truer to what i sent", given())
    assert action == Edit(ops=(Likeness(closer=True),)), action


def test_talk_is_taken_only_over_what_drew_the_message_as_said():
    assert heard(New(description="nice it worked"), Chat(), "nice it worked", LIGHTHOUSE, 0.95)
    assert heard(Edit(ops=(Add(thing="very gatsby"),)), Chat(), "love it, very gatsby", LIGHTHOUSE, 0.95)
    # the picture was read from the form of its asking: the poster is drawn, whatever the model says
    assert not heard(New(description="a poster for a jazz night"), Chat(), "can you help me design a poster for a jazz night?",
                     ctx(None), 0.99)
    # a message that ends in a request is not answered instead
    text = "omg no that's too gloomy 😩 make it cheerful"
    assert ends_asking(text) and not heard(Edit(ops=(Add(thing="cheerful"),)), Chat(), text, LIGHTHOUSE, 0.95)
    assert not ends_asking("love it, very gatsby") and not ends_asking("nice it worked")


def test_a_picture_where_the_rules_heard_talk_needs_the_model_surer():
    change = Edit(ops=(Add(thing="a boat on the water"),))
    text = "a boat on the water would be good"
    assert SURE < SURE_TO_DRAW
    assert not heard(Chat(), change, text, LIGHTHOUSE, (SURE + SURE_TO_DRAW) / 2)
    assert heard(Chat(), change, text, LIGHTHOUSE, SURE_TO_DRAW)


def test_the_way_back_or_another_take_is_the_rules_to_say():
    assert not heard(Revert(image=1), Edit(ops=(Add(thing="x"),)), "back to the first, with x", LIGHTHOUSE, 0.99)
    assert not heard(Repeat(), Chat(), "again", LIGHTHOUSE, 0.99)
    assert not overrides("undo", "revert") and not overrides("chat", "question") and overrides("new", "edit")


def test_a_new_picture_by_form_or_in_another_language_is_known():
    assert new_by_form("draw me a fox", LIGHTHOUSE) and new_by_form("start over: a fox", LIGHTHOUSE)
    assert new_by_form("that's not it. I want a log cabin with smoke", LIGHTHOUSE)
    assert new_by_form("un perro en la playa de noche", LIGHTHOUSE)
    assert not new_by_form("make it a bit brighter", LIGHTHOUSE) and not new_by_form("make a little boat appear", LIGHTHOUSE)


def test_the_reader_itself_tells_the_plain_kinds_apart():
    assert intent_of("thank you so much, it's perfect!", picture=True)[0] == "chat"
    assert intent_of("make the sky pink", picture=True)[0] == "edit"
    assert intent_of("a red fox sleeping in the snow", picture=False)[0] == "new"
    assert intent_of("what seed was that?", picture=True)[0] == "question"


# ---- the model and its trainer -----------------------------------------------------------------------------------

def test_the_shipped_reader_was_trained_on_the_case_files_as_they_are():
    data = json.loads(INTENT_MODEL_PATH.read_text(encoding="utf-8"))
    meta = data["meta"]
    assert tuple(data["classes"]) == INTENTS
    assert "heldout_v44.jsonl" in meta["trained_on"] and "heldout_v45.jsonl" not in meta["trained_on"]  # v45 on are held out
    for name, digest in meta["trained_on"].items():  # a case file changed since: retrain (its command is in meta)
        assert hashlib.sha256((CASES / name).read_bytes()).hexdigest()[:16] == digest, name


def test_each_turn_is_labelled_with_the_first_intent_it_expects():
    rows = examples(CASES / "insample.jsonl")
    assert rows and all(r["intent"] is None or r["intent"] in INTENTS for r in rows)
    assert all(r["intent"] == r["intents"][0] for r in rows if r["intents"] and r["intents"][0] in INTENTS)


def test_the_trainer_learns_the_nine_intents_from_a_few_examples():
    rows = [{"text": t, "picture": p, "attached": False, "intent": y} for t, p, y in [
        ("a cat on a sofa", False, "new"), ("a dog in a park", False, "new"), ("make it blue", True, "edit"),
        ("add a hat", True, "edit"), ("another one", True, "repeat"), ("one more", True, "repeat"), ("undo", True, "undo"),
        ("undo that", True, "undo"), ("back to the first", True, "revert"), ("go back to the first one", True, "revert"),
        ("the first one but blue", True, "branch"), ("the second one with a hat", True, "branch"),
        ("what seed was that", True, "question"), ("which seed", True, "question"), ("thanks", True, "chat"),
        ("thank you", True, "chat"), ("how does this work", False, "help"), ("how do i use it", False, "help")]]
    model = model_from(train(rows, l2=10.0, min_count=1, classes=INTENTS, key="intent"))
    assert model.classes == INTENTS
    assert intent_of("undo it", picture=True, model=model)[0] == "undo"
    assert intent_of("thanks a lot", picture=True, model=model)[0] == "chat"


def test_the_written_reader_reads_back_as_trained(tmp_path):
    path = tmp_path / "reader.json"
    meta = write_model(3, l2=1.0, min_count=2, path=path, intents=True)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["meta"] == meta and "--intents" in meta["command"] and set(meta["examples"]) <= set(INTENTS)
    model = model_from(data)
    assert model.classes == INTENTS and len(model.weights) > 1000
    assert intent_of("thank you so much!", picture=True, model=model)[0] == "chat"


# ---- readings mended after v44 was read (in other words than its cases) -------------------------------------------

@pytest.mark.parametrize("text, ops, description", [
    ("--ar 3:2 a foggy harbour at dawn, fishing boats", ("3:2",), "a foggy harbour at dawn, fishing boats"),
    ("--seed 99, an owl on a fence post", (99,), "an owl on a fence post"),
    ("--w 640 --h 960 a knight in the rain", ((640, 960),), "a knight in the rain"),
])
def test_flags_said_before_the_prompt_leave_the_prompt(text, ops, description):
    action, _ = understand(text, ctx(None))
    assert isinstance(action, New) and action.description == description, action
    said = [getattr(op, "aspect", None) or getattr(op, "seed", None) or (op.width, op.height) for op in action.ops]
    assert tuple(said) == ops, action


def test_each_no_is_another_thing_kept_out():
    action, _ = understand("no signs no cars no people", ctx("a quiet street in Lisbon"))
    assert action == Edit(ops=(Remove(thing="signs"), Remove(thing="cars"), Remove(thing="people"))), action


def test_the_negations_of_a_tag_prompt_are_kept_out_of_it():
    action, _ = understand("cozy cabin interior, fireplace, warm light, 35mm, no people, no text", ctx(None))
    assert isinstance(action, New) and action.verbatim and "no " not in action.description, action
    assert set(action.ops) == {Remove(thing="people"), Remove(thing="text")}, action


def test_a_laugh_inside_a_new_picture_is_not_drawn():
    action, _ = understand("a goat lol wearing a tiny crown", ctx(None))
    assert isinstance(action, New) and "lol" not in action.description, action


@pytest.mark.parametrize("text, op", [
    ("i kinda wish the cat was fluffier", Replace),
    ("i really wish there was a rainbow in it", Add),
    ("i wish the moon was in the top corner", Add),
])
def test_a_wish_about_the_picture_changes_it(text, op):
    action, _ = understand(text, ctx("a cat on a windowsill at night, the moon"))
    assert isinstance(action, Edit) and any(isinstance(o, op) for o in action.ops), action
    assert not any(isinstance(o, Add) and "wish" in o.thing for o in action.ops), action


def test_a_picture_named_and_then_gone_back_to():
    pics = pictures_of("a fox in a field", "a fox in a snowy field", "a fox in a snowy field, a blue hat",
                       "a fox in a snowy field, a blue hat, at night")
    action, _ = understand("the first hat one was nicer tbh go back", pics)
    assert action == Revert(image=3), action


def test_a_picture_gone_back_to_by_its_seed():
    pics = pictures_of("a red kite over a hill", "a red kite over a hill")
    pics = pics.model_copy(update={"pictures": (pics.pictures[0].model_copy(update={"seed": 4242}),
                                                pics.pictures[1].model_copy(update={"seed": 777}))})
    assert understand("go back to 4242", pics)[0] == Revert(image=1)


def test_a_sentence_of_a_remark_is_not_a_picture_asked_for():
    kite = pictures_of("a boy flying a kite on a beach", "a boy flying a kite on a beach, at sunset")
    text = "ah that explains everything. I kept forgetting to charge it"
    assert isinstance(_read(text, kite)[0], New)  # the rules alone draw its first sentence
    action, _ = understand(text, kite)
    assert isinstance(action, Chat), action
    # asked in a form, the picture is drawn whatever the readers say
    assert isinstance(understand("can you help me design a poster for a jazz night?", ctx(None))[0], New)
