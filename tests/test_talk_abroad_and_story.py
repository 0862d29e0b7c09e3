"""Remarks in another language with a picture on screen (conversation/talk_abroad.py), the story told around a first
request (conversation/story_told.py), and two learned readings agreeing on talk (conversation/turn_intent.py)."""

from __future__ import annotations

import pytest

from conversation.actions import Chat, Edit, New, Revert, Undo
from conversation.rules import understand
from conversation.story_told import asked_after_story
from conversation.talk_abroad import talk_abroad
from tests.conversation_context import ctx

SCENE = "a cozy cabin in the snowy woods at night"


@pytest.mark.parametrize("text", [
    "Me recuerda a la casa de mis abuelos en Asturias",
    "Mon père avait une cabane comme ça, j'y allais tous les étés",
    "Wir waren letzten Winter in Norwegen, genau so sah es aus",
    "Mio nonno costruiva case di legno così",
    "Eu passava as férias numa casa assim com a minha família",
    "Mijn opa had precies zo'n huisje in de Ardennen",
])
def test_a_remark_of_ones_own_in_another_language_is_answered(text):
    action, _ = understand(text, ctx(SCENE))
    assert isinstance(action, Chat), (text, action)


@pytest.mark.parametrize("text", [
    "ahora de noche", "más nieve, por favor", "jetzt bei Nacht", "mets un chat sur la chaise", "je voudrais un chien à côté",
    "ich hätte gern mehr Schnee", "mi fai un gatto", "quiero que sea de noche", "sin gente", "me lo haces más oscuro?",
    "Que tenga un lago al lado", "maak er een winterlandschap van", "mi piace ma vorrei più luce", "coloca um gato na janela",
])
def test_a_request_in_another_language_is_no_remark(text):
    assert talk_abroad(text, ctx(SCENE)) is None


@pytest.mark.parametrize("text", ["la primera era mejor", "je préfère la première", "me gusta más la primera"])
def test_which_picture_said_in_another_language_is_no_remark(text):
    assert talk_abroad(text, ctx(SCENE, pictures=2)) is None


def test_a_remark_abroad_needs_a_picture_on_screen_and_none_given():
    assert talk_abroad("Me recuerda a la casa de mis abuelos", ctx()) is None
    given = ctx(SCENE).model_copy(update={"attached": True})
    assert talk_abroad("Me recuerda a la casa de mis abuelos", given) is None


@pytest.mark.parametrize("text, kept, left", [
    ("My dog died last month. He loved the beach. Could you paint a golden retriever running on a beach at sunset?",
     ["golden retriever", "beach"], ["died", "loved", "My dog"]),
    ("can you draw a knight on a horse? my nephew is turning 7 on friday and he loves knights",
     ["knight", "horse"], ["nephew", "friday"]),
    ("Dear assistant, I would be very grateful if you could draw a thatched cottage with a rose garden. Best regards, Margaret",
     ["thatched cottage", "rose garden"], ["Dear", "grateful", "Margaret", "regards"]),
    ("had the worst day at work 😩 draw a sleepy otter floating on its back", ["sleepy otter"], ["worst day", "work"]),
    ("Could you paint a lake with a wooden jetty, like the one where we spent every summer as kids?",
     ["lake", "wooden jetty"], ["summer", "kids"]),
])
def test_a_story_around_the_request_is_not_drawn(text, kept, left):
    action, _ = understand(text, ctx())
    assert isinstance(action, New), action
    for words in kept:
        assert words in action.description, (words, action.description)
    for words in left:
        assert words not in action.description, (words, action.description)


def test_a_request_that_points_back_keeps_who_it_points_at():
    said = asked_after_story("I'm writing a comic. My hero, Tobias, is a lighthouse keeper with a grey beard and a yellow "
                             "raincoat. Could you draw him climbing the stairs?")
    assert said is not None and "lighthouse keeper" in said and "grey beard" in said and "climbing the stairs" in said
    assert "writing a comic" not in said


@pytest.mark.parametrize("text", ["a red fox in the snow", "draw a cat. it should be orange", "a fox in the snow. make it at night",
                                  "draw my dog. he is a brown labrador"])
def test_a_request_with_no_story_is_left_as_it_is(text):
    assert asked_after_story(text) is None or asked_after_story(text).rstrip(".") == text.rstrip(".")


@pytest.mark.parametrize("text", ["brr it looks so cold there", "ok bed. for real this time"])
def test_a_remark_both_readings_hear_as_talk_is_answered(text):
    action, _ = understand(text, ctx(SCENE))
    assert isinstance(action, Chat), (text, action)


@pytest.mark.parametrize("text", ["the dog should be bigger", "give him a tiny umbrella", "it feels a bit cold, warmer please"])
def test_a_change_asked_in_words_stays_a_change(text):
    action, _ = understand(text, ctx("a man with a dog in the park"))
    assert isinstance(action, (Edit, Undo, Revert)), (text, action)


@pytest.mark.parametrize("text, picture", [
    ("hola! quiero un dibujo de un faro en una isla", "un faro en una isla"),
    ("bonjour, pouvez-vous dessiner un chat roux sur un toit ?", "un chat roux sur un toit"),
    ("Kannst du einen Leuchtturm malen, der im Sturm steht?", "einen Leuchtturm, der im Sturm steht"),
    ("ciao! mi disegni un gatto sul tetto?", "un gatto sul tetto"),
    ("necesito una imagen de un castillo en la niebla, por favor", "un castillo en la niebla"),
    ("ik wil een tekening van een molen bij zonsondergang", "een molen bij zonsondergang"),
])
def test_the_asking_around_a_picture_in_another_language_is_left_out(text, picture):
    action, notes = understand(text, ctx())
    assert isinstance(action, New) and action.description == picture, action
    assert notes, "a model that reads English only is still warned of the language"


@pytest.mark.parametrize("text, picture", [
    ("then one last one: a lantern festival over a river at night", "a lantern festival over a river at night"),
    ("ok good. draw my dream house: a glass cabin on a fjord", "a glass cabin on a fjord"),
])
def test_an_introduction_before_a_colon_asks_for_a_new_picture(text, picture):
    action, _ = understand(text, ctx(SCENE))
    assert isinstance(action, New) and action.description == picture, action


def test_a_kind_of_picture_before_a_colon_is_kept():
    action, _ = understand("a poster for my bakery: a croissant with a smiling sun", ctx())
    assert isinstance(action, New) and "poster" in action.description, action


def test_a_story_and_a_request_in_one_sentence_keep_only_the_request():
    action, _ = understand("my daughter turns 5 tomorrow and she loves horses, can you draw a pony with a birthday cake", ctx())
    assert isinstance(action, New) and action.description == "a pony with a birthday cake", action


@pytest.mark.parametrize("text, left", [
    ("need a dungeon entrance for my D&D session tonight, torches on the walls", "session"),
    ("a steaming mug of cocoa on a wooden table, cozy, for an instagram ad", "instagram"),
])
def test_where_a_first_picture_is_used_is_not_drawn(text, left):
    action, _ = understand(text, ctx())
    assert isinstance(action, New) and left not in action.description.lower(), action


def test_a_story_told_with_a_picture_given_leaves_the_request_about_it():
    given = ctx().model_copy(update={"attached": True})
    action, _ = understand("my 6 year old drew this, it's supposed to be a dragon. can you make it look like a real one but keep her "
                           "colors?", given)
    assert isinstance(action, (New, Edit)), action


def test_what_was_meant_in_another_language_is_no_remark():
    assert talk_abroad("desculpa, eu quis dizer um cachorro, não um gato", ctx("um gato no sofá")) is None
