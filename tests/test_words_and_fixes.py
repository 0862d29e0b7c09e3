"""Words lettered on the picture without quotes (conversation/words_on_it.py), a print's size said beside its shape,
a picture put right by where or which it should be, a fault named then "fix it", an earlier look liked better, and
the small talk of a week of people."""

from __future__ import annotations

import pytest

from conversation.actions import Add, Chat, Edit, New, Remove, Replace, SetSeed, SetSize, SetSlot, Undo
from conversation.cues import NEW_TOPIC
from conversation.rules import understand
from conversation.words_on_it import words_asked
from tests.conversation_context import ctx
from tests.test_conversation_followups import pictures_of


@pytest.mark.parametrize("text, added", [
    ("can you write Happy 60th Dad along the top in gold", 'the text "Happy 60th Dad" along the top in gold'),
    ("put THE LOW TIDES in big letters at the top", 'the text "THE LOW TIDES" in big letters at the top'),
    ("can it say Welcome Baby Amara in the middle", 'the text "Welcome Baby Amara" in the middle'),
    ("please write Thank you Miss Patel at the bottom", 'the text "Thank you Miss Patel" at the bottom'),
    ("write Isla in the balloon in a nice script", 'the text "Isla" in the balloon in a nice script'),
])
def test_words_asked_on_the_picture_are_lettered_where_said(text, added):
    assert words_asked(text) == [Add(thing=added)]
    assert understand(text, ctx("a man fishing on a river at dawn"))[0] == Edit(ops=(Add(thing=added),))


@pytest.mark.parametrize("text", ["put a dog in the middle", "write it in the sky", "can it say Hello?", "write a poem about the sea"])
def test_things_and_other_writing_are_not_lettering(text):
    assert words_asked(text) is None


@pytest.mark.parametrize("text, aspect", [("square, 30x30", "1:1"), ("tall, 50x70", "2:3"), ("portrait please, 5x7", "2:3"),
                                          ("make it wider still, like really long for over the table", "3:2"),
                                          ("It must be wide, the sofa is long", "3:2"), ("can be vertical? for print in the card", "2:3")])
def test_a_shape_with_its_print_size_or_its_reason_is_the_shape(text, aspect):
    assert understand(text, ctx("a family tree with handprints"))[0] == Edit(ops=(SetSize(aspect=aspect),))


def test_the_colours_matched_to_a_theme_are_the_palette():
    assert understand("match the colours to terracotta and sage", ctx("a nursery print of a moon"))[0] == \
        Edit(ops=(SetSlot(slot="palette", value="terracotta and sage colors"),))


def test_a_thing_named_with_its_article_is_a_picture_though_its_word_is_praise():
    assert understand("a wizard", ctx(None))[0] == New(description="a wizard")
    assert isinstance(understand("you're a wizard", ctx("a cat"))[0], Chat)


@pytest.mark.parametrize("text", ["perfect x", "ok peace", "purrfect", "she deserves it", "tx", "x",
                                  "can you be faster next time lol i have a meeting in 5", "hello? is this a real person?",
                                  "its our 3 year anniversary tmrw she calls me her otter", "They met rowing on that lake in 1975",
                                  "we met in Kyoto in 2019", "dad still dances with her every night while the kettle boils"])
def test_the_talk_of_a_week_of_people_is_talk(text):
    assert isinstance(understand(text, ctx("two otters holding hands on a lake"))[0], Chat)


@pytest.mark.parametrize("scene, text, ops", [
    ("a stork standing in a marsh", "a heron, not a stork!", (Replace(old="stork", new="heron"),)),
    ("a cat on the floor by a window seat", "the cat's supposed to be on the window seat, not the floor",
     (Add(thing="cat on the window seat"),)),
    ("a lighthouse at night with the moon", "you drew the moon in the wrong place, it should be low over the sea on the left",
     (Add(thing="moon low over the sea on the left"),)),
    ("a duck on a bridge over a pond", "not ON the bridge lol, on the water", (Replace(old="on a bridge", new="on the water"),)),
    ("a woman with red lipstick", "ok take the lipstick off", (Remove(thing="lipstick"),)),
    ("an owl on a branch", "Could the owl face left instead? It will go on the left-hand page.", (Add(thing="the owl facing left"),)),
])
def test_a_picture_put_right_by_where_or_which_it_should_be(scene, text, ops):
    assert understand(text, ctx(scene))[0] == Edit(ops=ops)


def test_a_place_put_right_is_replaced_where_it_was_said():
    from conversation.describe import scene_from_description
    from conversation.edits import apply_ops
    scene = scene_from_description("a duck on a bridge over a pond")
    assert apply_ops(scene, [Replace(old="on a bridge", new="on the water")])[0].subject == "a duck on the water"


def test_a_count_put_right_keeps_the_rest():
    action = understand("I count four, I asked for three", ctx("four kittens in a basket"))[0]
    assert isinstance(action, Edit) and "three kittens" in str(action.ops), action


def test_what_was_wanted_after_not_what_i_asked_is_drawn():
    text = "that's not what I asked for, it looks like a shed. I want a log cabin with smoke coming from the chimney"
    action = understand(text, ctx("a small wooden shed in the snow"))[0]
    assert isinstance(action, New) and action.description.startswith("a log cabin"), action


@pytest.mark.parametrize("text", ["the tower is crooked 😂 fix it", "the tower is crooked, fix it"])
def test_a_fault_named_then_fix_it_is_drawn_again_without_it(text):
    assert understand(text, ctx("a leaning tower in a piazza"))[0] == \
        Edit(ops=(Add(thing="well-formed tower"), Remove(thing="crooked tower"), SetSeed(seed=None)))


@pytest.mark.parametrize("pictures, text", [
    (("a dog on a sofa, oil painting", "a dog on a sofa, photo"), "no, I liked the painting better"),
    (("a beach at sunset", "a beach at noon"), "no wait sunset was better"),
    (("a giraffe, tall", "a giraffe, square"), "hmm no, it was better tall, now its head is cut off"),
    (("a garden with a hummingbird", "a garden"), "nah, bring the hummingbird back"),
])
def test_an_earlier_look_liked_better_is_gone_back_to(pictures, text):
    assert understand(text, pictures_of(*pictures))[0] == Undo()


@pytest.mark.parametrize("text, said", [("nah something cooler. a samurai cat", "nah something cooler. "),
                                        ("ok, different idea: robots playing chess", "ok, different idea: "),
                                        ("next: a teacup", "next: ")])
def test_a_new_topic_opened_in_more_ways(text, said):
    m = NEW_TOPIC.match(text)
    assert m is not None and text[:m.end()] == said
    assert understand(text, ctx("a cat on a sofa"))[0].intent == "new"
