"""A word of how the picture feels before praise or news (conversation/reaction.py), questions about the chat asked in
other words or languages (conversation/capability.py), a fault said with "so", a request asked as a Spanish question,
and "the first one was fine" as a way back."""

from __future__ import annotations

import pytest

from conversation.actions import Chat, Edit, Help, Question, Revert, SetSlot, SetStyle, Undo
from conversation.rules import understand
from tests.conversation_context import ctx

ON_SCREEN = "a lighthouse on a cliff at dusk"


@pytest.mark.parametrize("text", ["spooky. love it", "so peaceful. i've been in meetings all day", "dreamy!! my sister would adore this"])
def test_a_word_of_feeling_then_praise_or_news_is_answered(text):
    assert isinstance(understand(text, ctx(ON_SCREEN, pictures=2))[0], Chat)


@pytest.mark.parametrize("text", ["spookier. love it", "cozy. add a fireplace", "night. make it darker"])
def test_a_change_before_or_after_the_word_is_still_a_change(text):
    assert isinstance(understand(text, ctx(ON_SCREEN, pictures=2))[0], Edit)


@pytest.mark.parametrize("text", ["hmm it's so dark I can barely see anything", "its so dark, i cant make out anything"])
def test_a_fault_said_with_so_is_put_right(text):
    action = understand(text, ctx(ON_SCREEN, pictures=2))[0]
    assert isinstance(action, Edit) and any(isinstance(op, SetSlot) and "bright" in op.value for op in action.ops), action


def test_so_dark_said_with_praise_is_not_brightened():
    action = understand("it's so dark and moody, love it", ctx(ON_SCREEN, pictures=2))[0]
    assert not (isinstance(action, Edit) and any(isinstance(op, SetSlot) and "bright" in op.value for op in action.ops))


@pytest.mark.parametrize("text, topic", [
    ("is a transparent background possible?", "limits"),
    ("is it possible to get a higher resolution version?", "limits"),
    ("Is there a way to add the captions myself later?", "limits"),
    ("How do I credit these pictures in my slides?", "rights"),
    ("how does the --ar flag work?", "settings"),
    ("¿cómo guardo la imagen?", "files"),
    ("hola, cómo cambio el estilo?", "styles"),
    ("comment ça marche ?", "general"),
])
def test_the_chat_asked_about_is_help(text, topic):
    assert understand(text, ctx(ON_SCREEN, pictures=2))[0] == Help(topic=topic)


def test_a_change_asked_politely_as_possible_is_still_a_change():
    assert isinstance(understand("is it possible to make it darker?", ctx(ON_SCREEN))[0], Edit)


def test_a_settings_word_asked_before_any_picture_is_explained():
    assert understand("what's a seed?", ctx())[0] == Help(topic="settings")
    action = understand("what's a seed? my cousin keeps saying 'reuse the seed'", ctx())[0]
    assert isinstance(action, (Help, Question)), action


@pytest.mark.parametrize("text", ["¿le pones un gato en la ventana?", "qué bonito, pero algo vacío... ¿le añades un gato?",
                                  "¿Puede llevar un sombrero?"])
def test_a_request_asked_as_a_spanish_question_is_a_change(text):
    assert isinstance(understand(text, ctx("a dog on a porch", pictures=2))[0], Edit)


def test_can_i_make_it_look_like_a_style_is_a_change():
    action = understand("can i make it look like a watercolor?", ctx(ON_SCREEN))[0]
    assert isinstance(action, Edit) and any(isinstance(op, SetStyle) and op.style == "watercolor" for op in action.ops), action


@pytest.mark.parametrize("text", ["the first one was fine", "honestly the first one was perfect 🙃"])
def test_the_first_one_said_to_be_fine_is_gone_back_to(text):
    assert understand(text, ctx(ON_SCREEN, pictures=3))[0] == Revert(image=1)


def test_the_last_one_said_to_be_good_is_praise_not_a_way_back():
    assert not isinstance(understand("the last one was good", ctx(ON_SCREEN, pictures=3))[0], (Revert, Undo))


def test_a_space_left_in_the_middle_for_the_title_is_kept_clear():
    action = understand("Leave an empty space in the middle for the title", ctx(ON_SCREEN))[0]
    assert isinstance(action, Edit) and "in the middle" in action.ops[0].thing, action


def test_taken_back_out_with_their_own_plan_is_a_removal():
    action = understand("ok take the title back out, I'll add it myself in canva", ctx("a poster with the title Summer Fair"))[0]
    assert isinstance(action, Edit) and action.ops[0].thing == "title", action
