"""Life told beside a picture, and what a change keeps: stories, plans and facts about the person are answered, not
drawn; counts, sizes compared, things swapped "instead", shapes said last, questions about a picture given or about
what changed. Each in words of its own, not the held-out cases' (which are measured, not tested)."""

from __future__ import annotations

import pytest

from conversation.actions import Add, Chat, Edit, Help, New, Question, Replace, SetSize, SetSubject
from conversation.counts import plural
from conversation.given_picture import SEEN_NOT
from conversation.replies import answer_question
from conversation.rules import understand
from conversation.told import told_of_self
from tests.conversation_context import ctx
from tests.test_conversation_followups import pictures_of

ON_SCREEN = ctx("a heron standing in a marsh at dawn")


@pytest.mark.parametrize("text", [
    "spotted two of these at the lake yesterday!",
    "we moved into our flat last spring, the view is just like this",
    "my students paint these every friday",
    "ok printing it tomorrow morning",
    "the twins are my nephews, they turn five on sunday",
    "she's called Mabel and she hates baths",
    "it's for my mum, she's retiring",
    "the one on mine came out much darker, the clay was wet",
    "the exhibition opens next week, fingers crossed",
    "took me 12 tries to get that shot in real life",
])
def test_life_told_beside_a_picture_is_answered_not_drawn(text):
    assert told_of_self(text), text
    assert isinstance(understand(text, ON_SCREEN)[0], Chat)


@pytest.mark.parametrize("text", [
    "make it dusk", "add two ducks tomorrow-style", "I want it in winter", "we need more reeds", "a frog on the lily pad",
    "my heron should be white", "can you add a rainbow like the one I saw yesterday?",
])
def test_a_request_is_no_story_even_with_a_day_in_it(text):
    assert not told_of_self(text), text


# ---- counts and sizes ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("scene, text, subject", [
    ("a little owl on a branch", "make it four owls", "four little owls on a branch"),
    ("a fox cub in the grass", "can you make it 3", "three fox cubs in the grass"),
    ("a goose by a pond", "make it two geese", "two geese by a pond"),
])
def test_a_count_asked_makes_that_many_of_the_subject(scene, text, subject):
    action = understand(text, ctx(scene))[0]
    assert isinstance(action, Edit) and isinstance(action.ops[0], SetSubject), action
    assert action.ops[0].subject.startswith(subject.split(" on ")[0].split(" in ")[0].split(" by ")[0]), action


def test_plurals():
    assert [plural(n) for n in ("fox", "puppy", "wolf", "bus", "sheep", "key")] == ["foxes", "puppies", "wolves", "buses", "sheep",
                                                                                   "keys"]


def test_one_things_size_said_against_another_keeps_both_words():
    action = understand("the moon should be much bigger than the tower", ctx("a tower under the moon"))[0]
    assert action == Edit(ops=(Replace(old="moon", new="moon much bigger than the tower"),)), action


@pytest.mark.parametrize("scene, text, old", [
    ("a reading nook, a blue armchair, a lamp", "a wicker armchair instead", "blue armchair"),
    ("a desk with a laptop and a ceramic mug", "a glass mug instead", "ceramic mug"),
])
def test_a_thing_said_instead_replaces_the_one_there(scene, text, old):
    action = understand(text, ctx(scene))[0]
    assert isinstance(action, Edit) and action.ops[0] == Replace(old=old, new=text.replace(" instead", "")), action


def test_a_thing_in_a_part_of_what_is_shown_is_added_to_it():
    action = understand("a cat on the porch", ctx("a white farmhouse in a meadow"))[0]
    assert action == Edit(ops=(Add(thing="a cat on the porch"),)), action


# ---- shapes said last -----------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, aspect", [
    ("a harbour at dawn, fishing boats, soft pastel light, wide", "16:9"),
    ("a lighthouse on a rock, storm clouds. portrait please", "2:3"),
    ("a desert highway, heat haze, extra wide", "21:9"),
    ("a menu card with lemons, portrait, leave space at the top", "2:3"),
    ("a canal in Amsterdam with bicycles, wide landscape photo", "16:9"),
])
def test_a_shape_said_as_a_part_of_its_own_is_the_shape(text, aspect):
    action = understand(text, ctx())[0]
    assert isinstance(action, New) and SetSize(aspect=aspect) in action.ops, action
    assert not action.description.lower().endswith(("wide", "please", "portrait")), action


def test_a_paper_size_is_not_read_in_a_name():
    action = understand("make it blue, like an LNER A4", ctx("a steam locomotive"))[0]
    assert not any(isinstance(op, SetSize) for op in action.ops), action


# ---- questions ----------------------------------------------------------------------------------------------------

def test_what_changed_is_answered_from_the_two_pictures():
    two = pictures_of("a heron, a marsh, dawn", "a heron, a marsh, dusk, fog")
    action = understand("what did you change between those two?", two)[0]
    assert action == Question(topic="changes"), action
    said = answer_question(action, two)
    assert "+ dusk" in said and "+ fog" in said and "- dawn" in said, said


@pytest.mark.parametrize("text, topic", [("how does it decide which parts to keep when I ask for changes?", "edits"),
                                         ("what else can you help with?", "general")])
def test_how_the_chat_works_is_help(text, topic):
    assert understand(text, ON_SCREEN)[0] == Help(topic=topic)


@pytest.mark.parametrize("text", ["here's my grandma's old quilt. any idea how old it is?", "is this a real diamond?"])
def test_a_question_about_a_picture_given_is_answered_and_nothing_drawn(text):
    action = understand(text, ctx().model_copy(update={"attached": True}))[0]
    assert action == Question(topic="other", answer=SEEN_NOT), action


@pytest.mark.parametrize("text, what, look", [
    ("my son made this dragon out of clay. could you turn it into a watercolor?", "dragon", None),
    ("here's my ink sketch of my paladin, can you render it as a painted fantasy portrait", "paladin", "portrait"),
])
def test_the_thing_of_a_picture_given_is_kept_and_a_look_stays_a_look(text, what, look):
    action = understand(text, ctx().model_copy(update={"attached": True}))[0]
    assert isinstance(action, New) and what in action.description, action
    assert look is None or any(look in (getattr(op, "value", None) or getattr(op, "said", None) or "") for op in action.ops), action
    assert not any(isinstance(op, SetSubject) for op in action.ops), action
