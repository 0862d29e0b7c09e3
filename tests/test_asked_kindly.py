"""Another take or an earlier picture asked for kindly, with remarks, courtesy and a purpose around the request
(conversation/asked_kindly.py), and a change named after a doubt (conversation/request_among_talk.py)."""

from __future__ import annotations

import pytest

from conversation.actions import Chat, Edit, Help, New, Question, Repeat, Replace, Revert, Undo
from conversation.asked_kindly import asked_kindly
from conversation.help_asked import how_to_asked
from conversation.rules import _read, understand
from tests.conversation_context import ctx
from tests.test_conversation_followups import pictures_of


@pytest.mark.parametrize("text", [
    "Could I see another one, just to compare?",
    "Very smart. Could I see another one like that, so I have a choice?",
    "He's a bit too fierce. Another go, perhaps?",
    "Hmm. One more, please? Sorry to be fussy.",
    "Could I see a different version of the same picture please, just so I can choose?",
    "Could you do another one like this? Just to see.",
    "Now could you try a different seed, to see what else comes out?",
])
def test_another_take_asked_kindly_is_a_repeat(text):
    assert understand(text, ctx("a teapot on a shelf"))[0] == Repeat()


@pytest.mark.parametrize("text", ["Could I see another one of a cat?", "Could I see another one with a dog?",
                                  "That's lovely. Thank you.", "Sorry to be fussy."])
def test_another_picture_or_remarks_are_not_another_take(text):
    assert asked_kindly(text, ctx("a teapot on a shelf")) is None


def test_no_picture_on_screen_no_take():
    assert asked_kindly("Could I see another one, just to compare?", ctx(None)) is None


BEACH = ("a sunny beach with a red kite", "a beach in a storm with a red kite", "a beach in a storm with a red kite and a dog")


@pytest.mark.parametrize("text, back", [
    ("I think the first one was better, actually. Could we go back?", Revert(image=1)),
    ("I think the first one was the sweetest after all. Could you bring it back?", Revert(image=1)),
    ("I think the very first one is my favourite after all. Sorry for the trouble.", Revert(image=1)),
    ("No, I think the plain one at the start was best. Let's go back to that.", Revert(image=1)),
    ("I'd like the sunny one back for the frame, please.", Revert(image=1)),
    ("I think the second one was better. Could we go back?", Undo()),
])
def test_an_earlier_picture_liked_and_asked_back(text, back):
    assert understand(text, pictures_of(*BEACH))[0] == back


def test_the_one_with_a_thing_is_the_earlier_picture_that_had_it():
    c = pictures_of("a vase of yellow roses on a table", "a vase of red roses on a table",
                    "a vase of red roses on a table with a cat")
    text = "Oh dear, I don't think that suits it. Could I go back to the one with the yellow roses, before the cat?"
    assert understand(text, c)[0] == Revert(image=1)


@pytest.mark.parametrize("text", ["The dog was the best part.", "I think the colour is better now.",
                                  "I think the last one is my favourite.", "I think the stormy one is best."])
def test_praise_of_the_picture_on_screen_goes_nowhere(text):
    assert not isinstance(understand(text, pictures_of(*BEACH))[0], (Revert, Undo))


def test_a_change_after_a_doubt_replaces_the_thing_doubted():
    c = ctx("a birthday cake with confetti on a table")
    action, _ = understand("Hmm, I'm not sure about the confetti. What about some balloons instead?", c)
    assert isinstance(action, Edit) and action.ops == (Replace(old="confetti", new="some balloons"),)
    action, _ = understand("The cake is lovely. What about a pie instead?", c)
    assert isinstance(action, Edit) and action.ops[0].old == "cake"


def test_a_reason_read_as_talk_is_not_drawn_as_words():
    action, _ = understand("ok this is the one. saving it for the captain's intro", ctx("a pirate captain on a ship"))
    assert isinstance(action, Chat) and not isinstance(action, New)


@pytest.mark.parametrize("text, old, new", [
    ("I wonder if the sky could be a touch more pink, the way it was on the evenings we went out.", "sky", "pink"),
    ("It's lovely, it really is. I only wonder whether the cat might be a black one, like our Sooty was.", "cat", "black"),
])
def test_a_change_wondered_about_is_that_change(text, old, new):
    action, _ = understand(text, ctx("a sailboat on a calm sea under a blue sky, a cat on the deck"))
    assert isinstance(action, Edit) and isinstance(action.ops[0], Replace), action
    assert action.ops[0].old == old and new in action.ops[0].new and "way it was" not in str(action)


def test_wondering_about_the_world_changes_nothing():
    action, _ = understand("I wonder if it would rain tomorrow.", ctx("a sailboat on a calm sea"))
    assert not isinstance(action, Edit)


@pytest.mark.parametrize("text, subject", [
    ("When I was a girl we lived near a railway and I loved watching the steam trains go by. Could you make a steam "
     "train crossing a stone viaduct in the countryside?", "viaduct"),
    ("Hello. Our family rabbit Thumper died yesterday and the children are very sad. Could you make a gentle picture "
     "of a brown and white rabbit sitting among flowers?", "rabbit"),
])
def test_a_story_then_a_picture_asked_for_is_that_picture(text, subject):
    action, _ = understand(text, ctx(None))
    assert isinstance(action, New) and subject in action.description
    assert not any(told in action.description for told in ("girl", "railway", "Thumper", "children"))


def test_a_poster_whose_content_follows_a_colon_is_drawn():
    text = ("Hi, I'm making a poster about the water cycle for my class: clouds, rain falling on mountains, a river "
            "flowing to the sea.")
    action, _ = understand(text, ctx(None))
    assert isinstance(action, New) and "clouds" in action.description


@pytest.mark.parametrize("text", ["I'm making a card for my mom's retirement.",
                                  "I'm making a poster for our bake sale. It's on Saturday."])
def test_a_plan_alone_is_answered(text):
    assert isinstance(understand(text, ctx(None))[0], Chat)


@pytest.mark.parametrize("text, topic", [
    ("How do I keep this? Is it saved somewhere?", "files"),
    ("Is there a way to download it so I can get it printed at the chemist?", "files"),
    ("How would I change the size myself if I wanted to, in future?", "settings"),
    ("If I don't like a change, is there a way of getting back to the one before?", "edits"),
    ("Can you change pictures once they're made too, or do I have to start again each time?", "edits"),
    ("Hello, my daughter set this up for me. I'm not really sure what I'm supposed to do. Do I just write what I'd "
     "like to see?", "general"),
])
def test_how_to_asked_with_asides_is_help_on_its_topic(text, topic):
    action, _ = understand(text, pictures_of(*BEACH))
    assert action == Help(topic=topic), action


@pytest.mark.parametrize("text", ["How do I make it bigger? Make it a cat.", "How would the cat look in a hat, exactly?",
                                  "should i describe the dog?"])
def test_a_change_or_a_wondering_beside_a_question_is_not_help(text):
    assert not how_to_asked(text)


def test_a_change_among_remarks_read_whole_as_a_question_is_the_change():
    c = ctx("a garden path with roses")
    text = "That's beautiful. I'd like to hang it in my hallway. Could it be taller?"
    assert isinstance(_read(text, c)[0], Question)
    assert isinstance(understand(text, c)[0], Edit)
    assert isinstance(understand("What seed was that? I want to keep it.", c)[0], Question)


def test_a_different_version_of_the_same_picture_does_not_keep_the_picture():
    from conversation import keep
    assert not keep.read("Could I see a different version of the same picture please?").keep
    assert keep.read("same picture but at night").keep


def test_the_last_change_named_by_what_it_brought_is_undone():
    c = pictures_of("a cosy kitchen", "a cosy kitchen with a cat", "a cosy kitchen with a cat and a mouse")
    assert understand("And undo the mouse as well please, sorry to be a nuisance.", c)[0] == Undo()


def test_a_remark_with_courtesy_around_it_is_not_drawn():
    action, _ = understand("Oh that's lovely, it looks like the winter of '63! Thank you.", ctx("a snowy village street"))
    assert isinstance(action, Chat)


@pytest.mark.parametrize("text", ["cool, can you do one more with a different seed for comparison",
                                  "can you also do one with a totally different layout", "another one, same settings"])
def test_another_take_with_what_it_keeps_or_changes_said_is_a_repeat(text):
    assert understand(text, ctx("a microscope on a lab bench"))[0] == Repeat()


@pytest.mark.parametrize("text, topic", [
    ("hey can you make images in specific sizes? like for a linkedin banner", "settings"),
    ("can you make images in different sizes? like wide for a desktop background", "settings"),
    ("whats a good size for a poster?", "settings"),
    ("can I choose a specific seed?", "settings"),
    ("can you do pie charts?", "limits"),
    ("can you tell me how to get a transparent background? need a logo-ish graphic", "limits"),
    ("how do i start a fresh picture without it editing this one?", "edits"),
    ("how do i use this, do i just type what i want?", "general"),
])
def test_what_the_app_does_asked_in_the_words_of_a_request_is_help(text, topic):
    assert understand(text, ctx("a waxwing in the snow"))[0] == Help(topic=topic)


def test_the_model_asked_before_any_picture_is_the_one_set_to_draw():
    from conversation.replies import answer_question
    c = ctx(None)
    action = understand("just tell me, what model are you using for the images?", c)[0]
    assert action == Question(topic="model")
    assert c.target_label in answer_question(action, c)


@pytest.mark.parametrize("text, ops_kind", [
    ("take the first saturn and make it look like a pencil sketch from an observing log", "style"),
    ("go back to the very first picture of him and make it sunny", "set"),
])
def test_an_earlier_picture_named_by_its_place_then_changed_is_a_branch_from_it(text, ops_kind):
    c = pictures_of("saturn through a small telescope", "saturn through a small telescope, with moons", "jupiter and its moons")
    action = understand(text, c)[0]
    assert action.intent == "branch" and action.image == 1 and [op.op for op in action.ops] == [ops_kind], action


MOON = ("the moon through a telescope", "the moon through a telescope, craters", "the moon, craters, at dusk")


def test_the_seed_of_the_one_before_is_the_picture_before_the_last():
    assert understand("what was the seed of the one before?", pictures_of(*MOON))[0] == Question(topic="seed", image=2)


def test_a_place_in_the_frame_asked_about_is_a_question_about_the_picture():
    assert understand("which crater is the big one near the middle?", pictures_of(*MOON))[0] == Question(topic="describe")


@pytest.mark.parametrize("text", ["what's your recipe for a good victoria sponge? mine always sink in the middle",
                                  "did it in 11 days in 2019 with my sister"])
def test_baking_and_a_trip_told_are_talk_not_the_pictures_recipe(text):
    assert isinstance(understand(text, pictures_of(*MOON))[0], Chat)


@pytest.mark.parametrize("text", ["perf", "babcia would approve", "sigh. one day.", "my nan will be so proud"])
def test_short_remarks_are_talk(text):
    assert isinstance(understand(text, ctx("a plate of pierogi"))[0], Chat)


def test_the_one_with_a_thing_before_another_when_every_picture_since_has_the_first():
    c = pictures_of("a country cottage with roses", "a country cottage with yellow roses",
                    "a country cottage with yellow roses, a little cat on the doorstep",
                    "a country cottage with yellow roses, a little cat on the doorstep, in autumn")
    text = "Oh dear, I don't think that suits it. Could I go back to the one with the yellow roses, before the cat?"
    assert understand(text, c)[0] == Revert(image=2)
