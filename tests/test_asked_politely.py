"""A change asked as a polite question with an aside after it, and remarks around it (conversation/asked_politely.py);
a new picture asked after a change of mind; the picture said done; a question about the chat with a remark after it."""

from __future__ import annotations

import pytest

from conversation.actions import Add, Chat, Edit, New, Question, Remove, SetSize, SetSlot
from conversation.asked_politely import plainly
from conversation.rules import _read, understand
from tests.conversation_context import ctx


@pytest.mark.parametrize("sentence, said", [
    ("Could it look a bit more worn, as though it's been in a drawer for a hundred years?", "make it look a bit more worn"),
    ("Could you give him a happy face, like Thomas the Tank Engine?", "give him a happy face"),
    ("I hope I'm not asking too much, but would a jug of flowers on the table be possible?", "add a jug of flowers on the table"),
    ("Though could it have some ducks on the water?", "add some ducks on the water"),
    ("Could the chicks' basket have a yellow ribbon on the handle?", "give the basket a yellow ribbon on the handle"),
    ("And could it be done without any people in it please?", "no people in it"),
    ("Can add cherry blossom tree?", "add cherry blossom tree"),
    ("Might it look better in a storm, do you think?", "make it look better in a storm"),
])
def test_a_polite_question_said_plainly(sentence, said):
    assert plainly(sentence) == said


@pytest.mark.parametrize("sentence", ["would this look ok on a mug?", "could it be printed on a mug?", "What did you write?",
                                      "It's lovely.", "Could you tell me the seed?"])
def test_questions_that_ask_no_change(sentence):
    assert plainly(sentence) is None


@pytest.mark.parametrize("scene, text, op", [
    ("an old postcard of a harbour", "Could it look a bit more worn, as though it's been in a drawer for a hundred years?", Add),
    ("a steam engine in a station", "Could you give him a happy face, like Thomas the Tank Engine?", Add),
    ("a cottage kitchen", "I hope I'm not asking too much, but would a jug of flowers on the table be possible?", Add),
    ("a lake in the hills", "I'll have that one. Though could it have some ducks on the water?", Add),
    ("chicks in a basket", "Could the chicks' basket have a yellow ribbon on the handle?", Add),
    ("a village fete", "And could it be done without any people in it please? I think I can see somebody's arm at the edge.",
     Remove),
    ("a lighthouse on a rock", "That's marvellous. Might it look better in a storm, do you think? With a dark sky.", Add),
    ("a temple in spring", "Very beautiful. Can add cherry blossom tree?", Add),
    ("a jigsaw scene of a harbour", "It's a bit too dark for a jigsaw. Could it be brighter, like in the daytime?", SetSlot),
    ("a window view of fields", "It's beautiful. Could you make it a bit wider? The window is long and low.", SetSize),
])
def test_the_change_asked_politely_is_made(scene, text, op):
    c = ctx(scene)
    action = understand(text, c)[0]
    assert isinstance(action, Edit) and any(isinstance(o, op) for o in action.ops), action


def test_another_picture_asked_after_thanks_is_drawn():
    text = "That's adorable, thank you. I need one more card for my sister: could you do some chicks in a basket with painted eggs?"
    action = understand(text, ctx("lambs in a meadow, a card"))[0]
    assert isinstance(action, New) and action.description == "some chicks in a basket with painted eggs", action


@pytest.mark.parametrize("text, description", [
    ("Oh, now I've changed my mind, I'd like something completely different: a bowl of cherries on a blue tablecloth, "
     "for my kitchen.", "a bowl of cherries on a blue tablecloth"),
    ("Now I'd like something else entirely: a windmill at dawn.", "a windmill at dawn"),
])
def test_something_different_asked_is_a_new_picture(text, description):
    action = understand(text, ctx("a lighthouse on a rock"))[0]
    assert isinstance(action, New) and action.description == description, action


@pytest.mark.parametrize("text", ["You're very good. No more changes, I promise!", "that's all for now, thanks"])
def test_the_picture_said_done_is_talk(text):
    assert isinstance(understand(text, ctx("a bird feeder"))[0], Chat)


def test_a_question_about_the_chat_with_a_remark_after_it_is_answered():
    text = "Good afternoon. Before I start, are you a real person or a computer? My neighbour says it's a computer."
    assert understand(text, ctx(None))[0] == Chat(kind="offtopic")


def test_a_question_mark_inside_a_description_is_no_question():
    action = understand("stars in the sky. lots of stars. or a comet? no, stars.", ctx("a fox on a hill at night"))[0]
    assert isinstance(action, Edit), action


def test_one_more_thing_said_after_and_is_added():
    action = understand("And a little bit of steam coming out of the spout.", ctx("a teapot on a table"))[0]
    assert action == Edit(ops=(Add(thing="a little bit of steam coming out of the spout"),))


def test_the_shape_it_is_not_and_where_it_goes_are_not_drawn():
    action = understand("It needs to be tall rather than wide, it's going on a narrow bit of wall by the door.", ctx("a heron"))[0]
    assert action == Edit(ops=(SetSize(aspect="2:3"),)), action


def test_the_polite_reading_needs_a_picture_on_screen():
    assert not isinstance(understand("Could you give him a happy face?", ctx(None))[0], Edit)
    assert _read("Could you give him a happy face?", ctx("a steam engine"))[0].intent == "edit"


@pytest.mark.parametrize("text", ["hi! how does this work, can i change pictures after they're made?",
                                  "wait can i undo stuff here? what commands are there",
                                  "can you explain what i can do here, like undo and stuff?",
                                  "How do I keep this? Is it saved somewhere?"])
def test_how_the_app_is_used_asked_twice_over_is_help(text):
    assert understand(text, ctx("a paladin in plate armor"))[0].intent == "help"


def test_what_was_written_for_a_picture_is_its_prompt():
    from tests.test_conversation_followups import pictures_of
    c = pictures_of("a sunny cornish harbour", "a cornish harbour in the rain")
    assert understand("Ha, yes, that's the real Cornwall. What did you write for the first sunny one?", c)[0] == \
        Question(topic="prompt", image=1)


@pytest.mark.parametrize("text", ["tx", "yeah much cleaner"])
def test_thanks_and_a_change_liked_are_talk(text):
    assert isinstance(understand(text, ctx("a paladin in plate armor"))[0], Chat)


def test_a_thing_added_as_an_earlier_picture_had_it_is_added_in_its_words():
    from tests.test_conversation_followups import pictures_of
    c = pictures_of("a steampunk inventor with brass goggles on her forehead", "a steampunk inventor", "a steampunk inventor at night")
    assert understand("add goggles like the first one", c)[0] == Edit(ops=(Add(thing="brass goggles"),))


def test_the_one_with_a_thing_then_a_change_is_a_branch_from_it():
    from tests.test_conversation_followups import pictures_of
    c = pictures_of("a paladin with a green cloak", "a paladin with a red cloak", "a paladin with a red cloak at night")
    action = understand("go back to the one with the green cloak but make it spring with flowers", c)[0]
    assert action.intent == "branch" and action.image == 1 and SetSlot(slot="season", value="in spring") in action.ops, action


def test_an_aside_in_brackets_and_what_she_is_not_are_not_removed_too():
    action = understand("no wings, she's not an actual angel (big twist in my campaign lol)", ctx("a woman in white robes with wings"))[0]
    assert action == Edit(ops=(Remove(thing="wings"),)), action
