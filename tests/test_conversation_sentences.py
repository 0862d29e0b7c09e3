"""A request said after sentences that only remark, a last word that goes back, a slip of the fingers in thanks,
and several ways people name versions and sizes: "It is lovely. Could there be flowers …?", "hmm the stars ruin
it, undo", "perfct", "version 2: ruined and overgrown", "same visual for instagram feed, 1080x1080"."""

from __future__ import annotations

import pytest

from conversation.actions import Add, Branch, Chat, Edit, Help, Remove, Repeat, Replace, Revert, SetSize, Undo
from conversation.capability import capability_question
from conversation.rules import understand
from tests.conversation_context import ctx
from tests.test_conversation_followups import pictures_of

COTTAGE = pictures_of("a seaside cottage", "a seaside cottage, a sailboat")


@pytest.mark.parametrize("message, op", [
    ("Oh, it is beautiful. He would have loved it. Could you put a lighthouse far away on the left?",
     Add(thing="a lighthouse far away on the left")),
    ("It is lovely. Could there be flowers in the front garden, like my mother used to grow?", Add(thing="flowers in the front garden")),
])
def test_a_request_after_sentences_that_only_remark(message, op):
    assert understand(message, COTTAGE)[0] == Edit(ops=(op,))


@pytest.mark.parametrize("message", ["Oh dear, I preferred it without the lambs. Can we go back?", "hmm the stars ruin it, undo"])
def test_last_words_that_go_back(message):
    assert understand(message, COTTAGE)[0] == Undo()


@pytest.mark.parametrize("message", ["perfct", "thnak you", "awsome!"])
def test_thanks_and_praise_with_a_slip_of_the_fingers(message):
    assert isinstance(understand(message, COTTAGE)[0], Chat)


def test_how_it_really_looks_told_after_the_first_picture():
    assert understand("she is orange", ctx("my cat"))[0] == Edit(ops=(Replace(old="cat", new="orange cat"),))


@pytest.mark.parametrize("message, topic", [
    ("can i undo things?", "variations"), ("any tips for writing good prompts?", "general"),
    ("How many images can I generate per day?", "cost"), ("And how do I keep it? I would like to print it for my sister.", "files"),
])
def test_more_questions_about_the_app(message, topic):
    assert capability_question(message) == Help(topic=topic)


def test_a_question_about_the_world_after_a_remark():
    assert understand("now i'm hungry lol. do you know a good ramen recipe?", COTTAGE)[0] == Chat(kind="offtopic")


@pytest.mark.parametrize("message, count", [("make another with the same text", 1), ("variations pls, 4", 4)])
def test_more_takes_said_shortly(message, count):
    assert understand(message, COTTAGE)[0] == Repeat(count=count)


def test_versions_named_by_number():
    assert understand("version 2: ruined and overgrown", ctx("an isometric low poly tavern"))[0] == \
        Edit(ops=(Add(thing="ruined and overgrown"),))
    assert understand("go back to v1", COTTAGE)[0] == Revert(image=1)


def test_four_more_of_the_one_on_screen_named_by_what_it_has():
    tiles = pictures_of("seamless grass tile", "seamless dirt path tile", "seamless water tile")
    assert understand("can u do 4 of the water one with different seeds so i can pick", tiles)[0] == Repeat(count=4)


@pytest.mark.parametrize("message, size", [
    ("same visual for instagram feed, 1080x1080", SetSize(width=1080, height=1080)),
    ("Make a horizontal version for the website too", SetSize(aspect="3:2")),
])
def test_the_same_picture_for_another_use_is_a_size(message, size):
    assert understand(message, pictures_of("a latte on a wooden table", "a latte on a wooden table"))[0] == Edit(ops=(size,))


def test_things_taken_out_and_added_in_the_words_people_use():
    room = pictures_of("a bedroom, a reading chair by the window", "a bedroom, a reading chair by the window, a lamp")
    assert understand("hmm take the chair out again, it feels cluttered", room)[0] == Edit(ops=(Remove(thing="chair"),))
    me = pictures_of("me as a minecraft character", "me as a minecraft character, a diamond sword")
    assert understand("ok now a creeper next to me", me)[0] == Edit(ops=(Add(thing="a creeper next to me"),))
    band = understand("could you write the band name VOIDHAMMER across the top", COTTAGE)[0]
    assert band == Edit(ops=(Add(thing='the text "VOIDHAMMER" across the top'),))
    brand = understand("a bit more orange accents for our brand color", ctx("abstract blue gradient with geometric shapes"))[0]
    assert brand == Edit(ops=(Add(thing="orange accents"),))


def test_the_original_or_one_without_a_thing_gone_back_to():
    girl = pictures_of("anime girl, magical girl outfit, pink and white", "anime girl, blue hair", "anime girl, blue hair, black outfit")
    action = understand("actually take the pink original and only make the outfit black there", girl)[0]
    assert isinstance(action, Branch) and action.image == 1, action
    hedgehog = pictures_of("a hedgehog with an umbrella", "a hedgehog with a yellow umbrella",
                           "a hedgehog with a yellow umbrella, a red scarf", "a hedgehog with a yellow umbrella, a red scarf")
    assert understand("nah, go back to the yellow umbrella one without the scarf", hedgehog)[0] == Revert(image=2)


def test_the_place_a_picture_is_of_changed_and_changed_again():
    poster = ctx("retro travel poster of the amalfi coast, bold colors, 1950s style")
    assert understand("change it to santorini", poster)[0] == Edit(ops=(Replace(old="the amalfi coast", new="santorini"),))
    assert not isinstance(understand("change it to night", poster)[0].ops[0], Replace)
    then = ctx("retro travel poster of santorini, bold colors").model_copy(
        update={"history": (("user", "change it to santorini"), ("assistant", "…"))})
    assert understand("now kyoto", then)[0] == Edit(ops=(Replace(old="santorini", new="kyoto"),))


def test_going_back_by_the_look_that_was_best_or_wanted_back():
    posters = pictures_of("poster of the amalfi coast", "poster of santorini", "poster of kyoto", "poster of iceland")
    assert understand("honestly santorini was the best, bring that one back", posters)[0] == Revert(image=2)
    moon = pictures_of("a saxophone player against a huge orange moon", "a saxophone player against a huge blue moon")
    assert understand("hmm. put it back to orange", moon)[0] == Undo()
    assert understand("ugh no", moon)[0] == Undo()
    assert isinstance(understand("no", moon)[0], Chat)  # a bare "no" asks nothing to be drawn


def test_an_emoji_in_place_of_a_word_in_a_change():
    assert understand("more 🔥 on the stove", ctx("an octopus cooking on the stove"))[0] == Edit(ops=(Add(thing="more fire on the stove"),))
    assert isinstance(understand("🔥🔥 love it", ctx("an octopus cooking on the stove"))[0], Chat)
