"""A slip put right with a star, plans and habits told, a wish relayed from someone else, an occasion said beside a
change, and an earlier picture named by several of its words: each in words of its own, not the held-out cases'
(which are measured, not tested)."""

from __future__ import annotations

import pytest

from conversation.actions import Add, Branch, Chat, Edit, Help, Remove, Replace, SetSlot
from conversation.rules import understand
from tests.conversation_context import ctx
from tests.test_conversation_followups import pictures_of


@pytest.mark.parametrize("text", ["*lighthouse lol autocorrect", "*lighthouse", "*lighthouse sorry typo"])
def test_a_starred_word_puts_right_the_slip_it_looks_like(text):
    action = understand(text, ctx("a lighthoose on a rocky coast at dusk"))[0]
    assert action == Edit(ops=(Replace(old="lighthoose", new="lighthouse"),))


def test_a_starred_word_already_in_the_picture_changes_nothing_there():
    action = understand("*coast", ctx("a lighthoose on a rocky coast at dusk"))[0]
    assert not (isinstance(action, Edit) and any(isinstance(op, Replace) for op in action.ops))


@pytest.mark.parametrize("text, on_screen", [
    ("I'll do the lettering myself in figma", True), ("ok I'll touch it up in procreate later", True),
    ("we just moved into a new flat!!", False), ("i really can't draw, so here i am", False),
    ("i mostly use midjourney for this stuff", False),
])
def test_what_they_do_themselves_or_usually_is_told_not_drawn(text, on_screen):
    context = ctx("a hand-drawn map of a fantasy island") if on_screen else ctx()
    assert isinstance(understand(text, context)[0], Chat)


def test_a_new_thing_told_with_a_picture_asked_after_it_is_drawn():
    assert understand("we just got a puppy, draw him as a knight", ctx())[0].intent == "new"


@pytest.mark.parametrize("text", ["dont draw anything yet, what would you add?", "please don't change it, just tell me the seed idea"])
def test_asked_not_to_draw_nothing_is_drawn(text):
    assert isinstance(understand(text, ctx("a koi pond"))[0], Chat)


@pytest.mark.parametrize("text, word", [("my daughter wants it purple", "purple"), ("the team voted and they'd prefer it darker", "dark")])
def test_a_wish_relayed_from_someone_is_the_change(text, word):
    action = understand(text, ctx("a dragon on a hill"))[0]
    assert isinstance(action, Edit) and word in repr(action).lower()


def test_the_occasion_said_beside_a_change_is_not_drawn():
    action = understand("give her a crown, it's her birthday", ctx("a girl with a kite"))[0]
    assert isinstance(action, Edit) and "birthday" not in repr(action).lower()


def test_will_the_text_come_out_readable_is_answered_with_what_the_model_can_letter():
    assert understand("do you think the words will come out readable?", ctx("a shop sign"))[0] == Help(topic="limits")


def test_an_earlier_picture_named_by_several_words_then_changed_is_a_branch_from_it():
    context = pictures_of("a bakery, morning light, a dog at the door", "a bakery, morning light, a dog at the door, snow",
                          "a bakery, at night, lanterns, a dog at the door, snow")
    action = understand("actually go back to the one with the dog in the morning and instead make it foggy", context)[0]
    assert isinstance(action, Branch) and action.image == 2 and any(isinstance(op, (SetSlot, Add)) and "fog" in repr(op)
                                                                      for op in action.ops)


@pytest.mark.parametrize("text", ["hmm v1 was nicer. back to that one", "lol the first one was cuter go back", "I liked v1 more, go back"])
def test_a_picture_named_when_going_back_is_that_picture_even_the_one_before(text):
    action = understand(text, pictures_of("a cat", "a cat in a hat"))[0]
    assert action.intent == "revert" and action.image == 1, action


def test_a_correction_with_a_laugh_is_the_correction_and_no_language_is_guessed_from_no_and_a():
    action, notes = understand("no i meant a cricket bat lol", ctx("a bat flying over a castle"))
    assert isinstance(action, Edit) and "cricket bat" in repr(action) and "lol" not in repr(action) and not notes


@pytest.mark.parametrize("text", ["could the style match the first one more? it's less painterly now", "match the style of the first one"])
def test_a_style_asked_to_match_an_earlier_picture_takes_its_look(text):
    action = understand(text, pictures_of("a harbour at dawn, gouache painting", "a harbour at dawn with fishing boats, photo"))[0]
    assert isinstance(action, Edit) and "gouache" in repr(action), action


def test_a_verb_then_a_noun_ending_in_er_is_no_part_compared():
    action = understand("lose the sunflower", ctx("a sprig of lavender, a fern, a sunflower and a poppy, fine line"))[0]
    assert action == Edit(ops=(Remove(thing="sunflower"),))


def test_a_likeness_laughed_at_is_answered_not_drawn():
    assert understand("haha, like a teddy bear. adorable", ctx("a fluffy brown puppy"))[0] == Chat(kind="praise")
