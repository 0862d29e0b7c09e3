"""How much of the person's own picture is kept, said in words: read by the rules, decided by ``keep.decide``,
and drawn by the turn service from that picture (real DuckDB file, job runner and tiny pipeline)."""

from __future__ import annotations


import pytest

from conversation import keep
from conversation.actions import ACTION, Add, Edit, Likeness, Replace
from conversation.rules import understand
from conversation.service import NOTHING_GIVEN
from conversation.turn_input import TurnSettings
from storage.people import new_anonymous
from tests.conversation_context import ctx
from tests.turn_world import FAST, png


def given(scene: str = "a dog, oil painting"):
    return ctx(scene).model_copy(update={"given": True})


@pytest.mark.parametrize("text", [
    "keep it closer to my photo",
    "it doesn't look like my cat anymore",
    "the house doesn't look like ours",
    "hmm, you changed too much",
    "more like my drawing please",
    "stick to the original",
    "even closer to the reference",
    "can you make it truer to what i sent",
])
def test_closer_to_the_picture_given_is_read_as_such(text):
    action = understand(text, given())[0]
    assert isinstance(action, Edit) and action.ops == (Likeness(closer=True),), action


@pytest.mark.parametrize("text", [
    "be more creative with it",
    "it barely changed",
    "it still looks exactly like my photo",
    "take more liberties",
    "go further from the original",
])
def test_further_from_the_picture_given_is_read_as_such(text):
    action = understand(text, given())[0]
    assert isinstance(action, Edit) and action.ops == (Likeness(closer=False),), action


def test_a_strength_said_as_a_number_is_that_strength():
    action = understand("drop the strength to 0.35", given())[0]
    assert isinstance(action, Edit) and action.ops == (Likeness(closer=True, strength=0.35),), action


def test_another_change_said_with_it_is_kept_too():
    action = understand("closer to my photo, and give him a blue collar", given())[0]
    assert isinstance(action, Edit) and action.ops[0] == Likeness(closer=True), action
    assert any(isinstance(op, (Add, Replace)) and "collar" in str(op) for op in action.ops[1:]), action


@pytest.mark.parametrize("text", ["change it less", "be more creative", "more like the original"])
def test_without_a_picture_given_only_words_naming_one_are_read_so(text):
    action = understand(text, ctx("a cat on a sofa"))[0]
    assert not (isinstance(action, Edit) and any(isinstance(op, Likeness) for op in action.ops)), action
    named = understand("keep it closer to my photo", ctx("a cat on a sofa"))[0]
    assert isinstance(named, Edit) and named.ops == (Likeness(closer=True),)  # read, so that it can be answered


def test_the_chat_models_tool_takes_a_likeness():
    assert ACTION.validate_python({"intent": "edit", "ops": [{"op": "likeness", "closer": False}]}) == \
        Edit(ops=(Likeness(closer=False),))


@pytest.mark.parametrize("op, drawn_at, strength", [
    (Likeness(closer=True), 0.65, 0.45), (Likeness(closer=True), 0.2, 0.15),
    (Likeness(closer=False), 0.65, 0.85), (Likeness(closer=False), 0.85, 0.9),
    (Likeness(closer=True), None, 0.45), (Likeness(closer=True, strength=0.3), 0.65, 0.3),
])
def test_the_strength_moves_from_the_one_the_picture_was_drawn_with(op, drawn_at, strength):
    decision = keep.decide(Edit(ops=(op,)), keep.read("x"), attached=False, has_previous=True, from_picture=True,
                           drawn_at=drawn_at)
    assert decision.source == "given" and decision.strength == strength


EIGHT = TurnSettings(steps=8)  # a strength of 0.15 still runs a step



def test_closer_to_my_photo_is_drawn_again_from_the_photo_with_less_strength(local_world):
    user = new_anonymous()
    conv = local_world.store.create_conversation(user=user)
    photo = local_world.turns.attach_picture(user, png(), conversation_id=conv)
    first = local_world.say(conv, "turn this photo of my dog into an oil painting", TurnSettings(steps=4, image_id=photo),
                            user=user).tasks[0]
    assert first.source_image_id == photo and first.strength == pytest.approx(0.65)
    closer = local_world.say(conv, "it doesn't look like my dog anymore, keep it closer to my photo", EIGHT, user=user)
    assert closer.tasks, (closer.reply, closer.understood)
    task = closer.tasks[0]
    assert closer.intent == "edit" and "closer to your picture" in closer.understood, closer.understood
    assert task.source_image_id == photo and task.strength == pytest.approx(0.45)
    assert task.prompt_sent == first.prompt_sent and task.seed == first.seed  # the same picture, more of the photo
    scarf = local_world.say(conv, "add a red scarf", EIGHT, user=user).tasks[0]  # from the picture on screen
    assert scarf.source_image_id not in (None, photo) and "scarf" in scarf.prompt_sent
    still = local_world.say(conv, "closer still to my photo", EIGHT, user=user).tasks[0]
    assert still.source_image_id == photo and "scarf" in still.prompt_sent  # the photo, with every change since
    assert still.strength == pytest.approx(scarf.strength - keep.LIKENESS_STEP)
    looser = local_world.say(conv, "now be more creative with it", EIGHT, user=user).tasks[0]
    assert looser.source_image_id == photo and looser.strength == pytest.approx(still.strength + keep.LIKENESS_STEP)
    assert local_world.jobs.snapshot(looser.task_id).status == "succeeded"


def test_closer_to_my_photo_without_a_photo_says_so_and_draws_nothing(local_world):
    conv = local_world.store.create_conversation()
    local_world.say(conv, "a cat on a sofa", FAST)
    turn = local_world.say(conv, "keep it closer to my photo", FAST)
    assert turn.tasks == [] or not turn.tasks
    assert turn.reply == NOTHING_GIVEN
