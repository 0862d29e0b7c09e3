"""The learned second opinion on talk or a picture (conversation/talk_or_draw.py): what it changes in a turn's
reading, what it must leave alone, and that its model is the one its trainer makes from the case files."""

from __future__ import annotations

import hashlib
import json

import pytest

from conversation.actions import Chat, Edit, New, Question, Remove, Repeat, Replace, Revert, Undo
from conversation.rules import _read, understand
from conversation.talk_or_draw import MODEL_PATH, features, last_part_talk, model_from, verdict
from scripts.train_talk_or_draw import CASES, examples, label, train, write_model
from tests.conversation_context import ctx
from tests.test_conversation_followups import pictures_of


# ---- what it changes: the rules would draw a remark's words; the turn is answered instead --------------------------

@pytest.mark.parametrize("text, drawn_by_rules, answered", [
    ("hmm the fence is crooked but honestly whatever", New, Chat),
    ("ah oui, c'est exactement celle-là que je voulais", Edit, Chat),
])
def test_a_remark_the_rules_would_draw_is_answered(text, drawn_by_rules, answered):
    c = ctx("a red barn in a wheat field")
    assert isinstance(_read(text, c)[0], drawn_by_rules)  # what the rules alone make of it
    action, _ = understand(text, c)
    assert isinstance(action, answered), action


def test_a_question_about_the_pictures_is_answered_from_their_recipe_not_gone_back_to():
    c = pictures_of("a red barn in a wheat field", "a red barn in a wheat field, at dusk")
    text = "did you use my photo for the second one as well?"
    assert isinstance(_read(text, c)[0], Revert)
    assert understand(text, c)[0] == Question(topic="recipe")


# ---- what it leaves alone ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, scene, reading", [
    ("what about removing the fence?", "a garden with a fence", Remove),  # an operation the rules found
    ("ooh what about a dog?", "a cat on a sofa", Replace),
])
def test_an_operation_the_rules_found_is_kept_even_when_the_model_reads_talk(text, scene, reading):
    assert verdict(text, picture=True).sure_talk  # the model alone would answer it
    action, _ = understand(text, ctx(scene))
    assert isinstance(action, Edit) and any(isinstance(op, reading) for op in action.ops), action


def test_a_picture_asked_for_in_other_words_than_its_description_is_drawn():
    text = "Can you help me design a poster for a jazz night?"
    assert verdict(text, picture=False).sure_talk
    action, _ = understand(text, ctx())
    assert isinstance(action, New) and action.description == "a poster for a jazz night"


def test_another_one_asked_after_a_laugh_is_drawn_again():
    text = "Ha! Good. Would you do another like it?"
    assert verdict(text, picture=True).sure_talk
    assert isinstance(understand(text, ctx("a red barn in a wheat field"))[0], Repeat)


def test_a_message_that_comes_with_a_picture_is_read_by_the_rules_alone():
    text = "my friend drew this lol, cleaner please?"
    assert verdict(text, picture=True, attached=True).sure_talk
    given = ctx("a red barn in a wheat field").model_copy(update={"attached": True})
    action = understand(text, given)[0]
    assert action == _read(text, given)[0] and isinstance(action, (Edit, New)), action  # drawn from the picture given


def test_a_long_story_must_end_in_talk_to_be_answered():
    told = ("My brother and I spent every summer on our grandfather's farm in Kent when we were small, so I thought a "
            "picture of an old oast house at sunset would make him smile.")
    assert not last_part_talk(told, picture=False)
    thanked = ("Good morning. I lost my old dog last week and my daughter thought this might give me something to do. "
               "Thank you so much.")
    assert last_part_talk(thanked, picture=False)
    assert last_part_talk("lovely, a lighthouse at sunset", picture=True)  # a short one is weighed whole


@pytest.mark.parametrize("text", ["oh wow!! can you add a rainbow over the barn?", "love it. now make it winter"])
def test_a_request_after_praise_is_still_a_request(text):
    assert not verdict(text, picture=True).sure_talk
    assert isinstance(understand(text, ctx("a red barn in a wheat field"))[0], Edit)


# ---- the model and its trainer -----------------------------------------------------------------------------------

def test_the_shipped_model_was_trained_on_the_case_files_as_they_are():
    meta = json.loads(MODEL_PATH.read_text(encoding="utf-8"))["meta"]
    assert "heldout_v44.jsonl" in meta["trained_on"] and "heldout_v45.jsonl" not in meta["trained_on"]  # v45 on are held out
    for name, digest in meta["trained_on"].items():  # a case file changed since: retrain (its command is in meta)
        assert hashlib.sha256((CASES / name).read_bytes()).hexdigest()[:16] == digest, name


def test_a_turn_is_labelled_by_what_it_expects():
    assert label({"intent": "edit", "drawn": True}) == "draw"
    assert label({"intent": "question", "drawn": False}) == "question"
    assert label({"intent_in": ["chat", "question"]}) == "chat"
    assert label({"intent_in": ["new", "edit"]}) == "draw"
    assert label({"prompt_has": ["cat"]}) is None


def test_the_picture_on_screen_is_known_from_the_turns_before():
    rows = examples(CASES / "insample.jsonl")
    first_turns = [r for r in rows if r["turn"] == 0 and not r["attached"]]
    assert first_turns and not any(r["picture"] for r in first_turns)
    assert any(r["picture"] for r in rows if r["turn"] > 0)


def test_the_trainer_learns_talk_from_pictures_in_words_it_never_saw(tmp_path):
    rows = [{"text": t, "picture": True, "attached": False, "label": y} for t, y in [
        ("make it blue", "draw"), ("make the sky red", "draw"), ("add a dog", "draw"), ("add a red hat", "draw"),
        ("thanks a lot", "chat"), ("thanks, love it", "chat"), ("lol love it", "chat"), ("great thanks", "chat"),
        ("what seed was that", "question"), ("what seed did you use", "question"),
        ("how does this work", "help"), ("how do i use this", "help")]]
    model = model_from(train(rows, l2=10.0, min_count=1))
    assert model.probabilities(features("make it red", picture=True, attached=False))["draw"] > 0.5
    assert verdict("thanks!! love it", picture=True, model=model).draw < 0.5
    assert verdict("which seed was that?", picture=True, model=model).talk == "question"


def test_the_written_model_reads_back_as_trained(tmp_path):
    path = tmp_path / "model.json"
    meta = write_model(3, l2=1.0, min_count=2, path=path)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["meta"] == meta and set(meta["trained_on"]) == {"insample.jsonl", "heldout.jsonl", "heldout_v2.jsonl",
                                                                  "heldout_v3.jsonl"}
    model = model_from(data)
    assert model.classes == ("draw", "chat", "question", "help") and len(model.weights) > 1000
    assert verdict("thank you so much!", picture=True, model=model).draw < 0.5


# ---- one request among sentences of talk (conversation/request_among_talk.py) ------------------------------------

@pytest.mark.parametrize("text, aspect", [
    ("Lovely. Could you make it a little taller? It's for the hallway.", "2:3"),
    ("It's beautiful. Could you make it a bit wider? The shelf is long and low.", "3:2"),
])
def test_the_one_request_among_remarks_and_reasons_is_the_change(text, aspect):
    action, _ = understand(text, ctx("a cottage garden with a bird feeder"))
    assert isinstance(action, Edit) and [op.aspect for op in action.ops] == [aspect], action


def test_an_undo_said_with_lets_after_a_remark_is_an_undo():
    assert isinstance(understand("Oh dear, that's rather gloomy now. Let's undo that.", ctx("a cottage garden"))[0], Undo)


def test_remarks_alone_are_still_answered():
    assert isinstance(understand("It's lovely. My grandson will be thrilled.", ctx("a cottage garden"))[0], Chat)


def test_a_change_after_a_doubt_is_drawn_though_the_message_opens_as_talk():
    text = "Hmm, I'm not sure about the ribbons. What about some stars instead?"
    c = ctx("a birthday cake with ribbons on a table")
    assert isinstance(_read(text, c)[0], Chat)  # the rules alone answer the doubt
    action, _ = understand(text, c)
    assert isinstance(action, Edit) and "stars" in str(action.ops), action


@pytest.mark.parametrize("text", ["blue. final answer", "Oh lovely. What seed was that?",
                                  "That's lovely, thank you. My sister will love it."])
def test_a_pick_a_question_or_remarks_alone_stay_talk(text):
    assert isinstance(understand(text, ctx("a birthday cake with ribbons on a table"))[0], (Chat, Question))
