"""Requests said among asides: a change said after a remark or a question, going back after a complaint, another
colour of what was just recoloured, reactions in slang, questions about the app, lettering told wrong. Each in
words of its own, not the held-out cases' (which are measured, not tested)."""

from __future__ import annotations

import pytest

from conversation.actions import (Add, Chat, Edit, Help, Question, Remove, Replace, Revert, SetSeed, SetSize, SetSlot, SetStyle,
                                  SetSubject, Undo)
from conversation.replies import answer_question, help_text
from conversation.rules import understand
from tests.conversation_context import ctx
from tests.test_conversation_followups import pictures_of

SNOW = ("a cabin by a lake", "a cabin by a lake, snow on the roof", "a cabin by a lake, snow on the roof, a full moon")


# ---- the last sentence asks ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, op", [
    ("why is the sky so flat? make it more dramatic", None),
    ("what lens would that be? zoom in on the boat please", None),
    ("gorgeous, honestly. could you make it wider", SetSize),
    ("is that supposed to be fog? add some birds", Add),
])
def test_a_change_said_after_a_question_or_a_remark_is_that_change(text, op):
    action = understand(text, ctx("a lighthouse on a cliff, a small boat, sky"))[0]
    assert isinstance(action, Edit), action
    assert op is None or any(isinstance(o, op) for o in action.ops), action


def test_the_look_a_question_names_is_the_look_asked_like_that():
    action = understand("is this a bit like monet? make it more like that", ctx("a pond with water lilies"))[0]
    assert isinstance(action, Edit) and "monet" in str(action.ops).lower(), action


@pytest.mark.parametrize("text", ["was that the same seed? just checking", "which model is it? curious"])
def test_a_question_followed_by_no_request_is_still_a_question(text):
    assert isinstance(understand(text, ctx("a pond with water lilies"))[0], Question)


def test_remarks_only_in_several_sentences_are_a_remark():
    action = understand("My grandmother kept bees. She would have loved this.", ctx("a beehive in a meadow"))[0]
    assert isinstance(action, Chat), action


# ---- going back after a remark ------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("hmm no, it's too busy now. go back to the one before the snow", Revert(image=1)),
    ("the second one was nicest tbh. use that one", Revert(image=2)),
    ("nah, that's overdone. go back", Undo()),
    ("lol back to that one pls", Undo()),
])
def test_going_back_said_after_a_remark_is_going_back(text, expected):
    assert understand(text, pictures_of(*SNOW))[0] == expected


# ---- another colour of what was just recoloured -------------------------------------------------------------------

@pytest.mark.parametrize("text, colour", [("now a burnt orange one", "burnt orange"), ("how about a teal one instead", "teal"),
                                         ("maybe a sage green version", "sage green")])
def test_a_colour_one_is_the_thing_just_recoloured(text, colour):
    kitchen = pictures_of("a kitchen, white cabinets, brass taps", "a kitchen, navy blue cabinets, brass taps")
    action = understand(text, kitchen)[0]
    assert action == Edit(ops=(Replace(old="navy blue cabinets", new=f"{colour} cabinets"),)), action


def test_a_colour_one_with_nothing_recoloured_is_read_as_before():
    action = understand("now a red one", pictures_of("a kitchen, white cabinets", "a kitchen, white cabinets, a cat"))[0]
    assert not (isinstance(action, Edit) and any(isinstance(op, Replace) and op.old == "white cabinets" for op in action.ops))


# ---- changes said loosely -----------------------------------------------------------------------------------------

def test_a_background_said_without_a_verb_is_the_setting():
    action = understand("ok and the background a snowy forest please", ctx("a knight on horseback"))[0]
    assert isinstance(action, Edit) and any(isinstance(op, SetSlot) and op.slot == "setting" and "snowy forest" in op.value
                                            for op in action.ops), action


@pytest.mark.parametrize("text", ["give me a pirate hat", "haha give me some round glasses"])
def test_something_worn_given_to_me_on_a_picture_of_a_person_is_added(text):
    action = understand(text, ctx("a cartoon character of a woman, 3d render"))[0]
    assert isinstance(action, Edit) and isinstance(action.ops[0], Add), action


def test_something_given_to_me_with_no_person_in_the_picture_is_read_as_before():
    assert not isinstance(understand("give me a pirate hat", ctx("a harbour at dawn"))[0], Edit)


def test_branching_off_this_one_is_a_change_of_it_and_off_an_earlier_one_a_branch():
    two = pictures_of("a teapot on a table", "a teapot on a table, steam")
    this = understand("branch off this one with a glass teapot", two)[0]
    assert isinstance(this, Edit) and any(isinstance(op, (SetSubject, Replace, Add)) and "glass teapot" in str(op)
                                          for op in this.ops), this
    earlier = understand("branch from the first one and add a lemon", two)[0]
    assert earlier.intent == "branch" and earlier.image == 1 and Add(thing="a lemon") in earlier.ops, earlier


def test_a_complaint_said_after_the_change_is_no_part_of_it():
    action = understand("put watermark and logo in the negative prompt, it keeps adding them", ctx("a cafe menu board"))[0]
    assert action == Edit(ops=(Remove(thing="watermark"), Remove(thing="logo"))), action


def test_what_the_picture_is_for_said_after_a_shape_is_no_part_of_it():
    action = understand("make it tall, the banner is narrow", ctx("a farmers market stall"))[0]
    assert isinstance(action, Edit) and all(isinstance(op, SetSize) for op in action.ops), action


def test_a_question_with_the_askers_plan_after_it_is_the_question():
    action = understand("what steps so i can match it later", ctx("a farmers market stall"))[0]
    assert isinstance(action, Question) and action.topic == "steps", action


# ---- reactions ----------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text", ["bro this is fire", "ooh yes", "yasss", "too funny i cant", "im crying lol", "kinda mid",
                                  "meh", "hmm not sure about the stripes", "woodblock? neat", "that's my sketch but way better",
                                  "the ducks are precious", "the boat is huge haha but fine"])
def test_a_reaction_is_answered_not_drawn(text):
    action = understand(text, ctx("a boat with stripes, ducks in a pond"))[0]
    assert isinstance(action, Chat), action


@pytest.mark.parametrize("text", ["make it cleaner", "now the boat is red", "clean line art please"])
def test_a_change_in_the_same_words_is_still_a_change(text):
    assert isinstance(understand(text, ctx("a boat with stripes, ducks in a pond"))[0], Edit)


# ---- questions about the app and the picture ----------------------------------------------------------------------

@pytest.mark.parametrize("text, topic", [
    ("what sort of art are you best at?", "styles"),
    ("what's the ideal aspect ratio for a youtube thumbnail?", "settings"),
    ("could you turn this into a gif?", "limits"),
    ("can you read prompts in german too?", "languages"),
])
def test_a_question_about_the_app_gets_its_help(text, topic):
    assert understand(text, ctx("a boat"))[0] == Help(topic=topic)


def test_the_common_shapes_and_the_likeness_words_are_in_the_settings_help():
    said = help_text(Help(topic="settings"))
    assert "Instagram" in said and "9:16" in said and "closer to my photo" in said


@pytest.mark.parametrize("text", ["wht model r u on", "wat seed was it"])
def test_a_question_typed_in_shorthand_is_a_question(text):
    assert isinstance(understand(text, ctx("a boat"))[0], Question)


def test_a_watermark_asked_about_is_answered_from_what_the_app_does():
    context = pictures_of("a boat")
    action = understand("does it have a watermark?", context)[0]
    assert action == Question(topic="watermark"), action
    assert "no watermark" in answer_question(action, context)


# ---- lettering told wrong -----------------------------------------------------------------------------------------

def test_a_word_the_picture_spelled_wrong_is_asked_again_on_a_new_seed():
    action = understand("why is it like that? the sign reads BAKREY", ctx("a shop sign that says BAKERY"))[0]
    assert isinstance(action, Edit) and SetSeed(seed=None) in action.ops, action


def test_the_word_said_right_is_no_complaint():
    assert not (isinstance(action := understand("nice, the sign reads BAKERY?", ctx("a shop sign that says BAKERY"))[0], Edit)
                and SetSeed(seed=None) in action.ops), action



# ---- what the change keeps ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, op", [
    ("Put the lighthouse more big in the picture", Replace),
    ("show it wider so the whole bay fits", SetSize),
    ("make it long and wide for the hallway", SetSize),
    ("it's too dark make it sunrise", SetSlot),
])
def test_a_change_said_loosely_is_that_change(text, op):
    action = understand(text, ctx("a lighthouse on a cliff by a bay"))[0]
    assert isinstance(action, Edit) and any(isinstance(o, op) for o in action.ops), action


def test_more_of_two_things_shown_keeps_both():
    action = understand("could you show more of the sails and the fishermen hauling nets", ctx("a harbour with boats"))[0]
    said = " ".join(str(op) for op in action.ops)
    assert isinstance(action, Edit) and "sails" in said and "fishermen" in said, action


@pytest.mark.parametrize("text, subject", [("make it a calico", "a calico cat"), ("can you make it a grey tabby", "a grey tabby cat")])
def test_a_coat_said_as_the_subject_keeps_the_animal(text, subject):
    action = understand(text, ctx("a cat asleep on a rug"))[0]
    assert isinstance(action, Edit) and SetSubject(subject=subject) in action.ops, action


def test_a_picture_gone_back_to_with_a_change_is_a_branch():
    two = pictures_of("a lighthouse at dusk", "a lighthouse at dusk, a storm")
    action = understand("hmm I liked the first more, but with a rainbow", two)[0]
    assert action.intent == "branch" and action.image == 1 and Add(thing="a rainbow") in action.ops, action


def test_the_one_with_a_thing_is_the_latest_that_had_all_its_words():
    three = pictures_of("a barn, a red door, in a field", "a barn, a blue door, in a field", "a barn, a blue door, by a river")
    assert understand("go back to the one with the red door", three)[0] == Revert(image=1)


@pytest.mark.parametrize("text, slot", [("a rainy version too", "weather"), ("and a spring one", "season"), ("a night one", "time")])
def test_a_version_of_a_season_weather_or_time_is_that(text, slot):
    action = understand(text, ctx("a cabin in the woods"))[0]
    assert isinstance(action, Edit) and [op.slot for op in action.ops if isinstance(op, SetSlot)] == [slot], action


def test_the_next_page_of_a_story_keeps_its_character_and_look():
    book = ctx("a small fox with a red scarf walking through a snowy wood, watercolor")
    action = understand("ok now make the next page where she meets an old badger", book)[0]
    assert action.intent == "new" and action.description.startswith("a small fox with a red scarf meets an old badger"), action
    assert book.scene.style == "none" or SetStyle(style=book.scene.style) in action.ops


def test_what_a_picture_is_for_said_first_is_not_what_it_shows():
    action = understand("For our bakery's window: three loaves of sourdough on a wooden board", ctx())[0]
    assert action.intent == "new" and action.description.startswith("three loaves"), action


@pytest.mark.parametrize("text, image, thing", [
    ("take the barn one and put some sheep in front of it", 1, "some sheep in front of the barn"),
    ("the windmill one is lovely, add a swan next to it", 2, "a swan next to the windmill"),
])
def test_it_in_a_change_of_an_earlier_picture_is_what_that_picture_shows(text, image, thing):
    three = pictures_of("a red barn in a field", "a windmill by a canal", "a lighthouse on a rock")
    action = understand(text, three)[0]
    assert action.intent == "branch" and action.image == image and Add(thing=thing) in action.ops, action
