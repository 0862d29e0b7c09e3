"""Talk around a picture made with others: wishes relayed from children and partners, their news, a verdict on the
last change with its reason, a version chosen among several, and questions about what the app can do, in words of
its own, not the held-out cases' (which are measured, not tested)."""

from __future__ import annotations

import pytest

from conversation.actions import Add, Chat, Edit, Help, Question, Repeat, Revert
from conversation.rules import understand
from tests.conversation_context import ctx
from tests.test_conversation_followups import pictures_of

PARTY = ctx("a cartoon dragon named Ember at a birthday party, a purple balloon, a chocolate cake")


@pytest.mark.parametrize("text, thing", [
    ("my son says the dragon needs a party hat", "party hat"), ("the twins say he needs a cape too", "cape"),
    ("my niece insists on a unicorn in the corner", "unicorn"), ("ok now she wants Ember to be dancing", "dancing"),
    ("he says a piñata has to be in it", "piñata"), ("ok she changed her mind, green balloon", "green balloon"),
])
def test_a_wish_relayed_from_a_child_is_the_change(text, thing):
    action = understand(text, PARTY)[0]
    assert isinstance(action, Edit) and thing in repr(action), action


@pytest.mark.parametrize("text", ["she says happy birthday Ember 🎂", "my dad says hi", "he says it's perfect"])
def test_something_only_said_by_them_is_answered(text):
    assert isinstance(understand(text, PARTY)[0], Chat)


@pytest.mark.parametrize("text", [
    "much better, the fog made it dull", "better! faces are tricky I suppose", "yeah tidier without him",
    "blue. final answer", "grandma approves", "fits the card perfectly", "making me thirsty ngl",
    "party's ready for sunday", "she's due in april!", "it's a girl! we just found out", "ok bedtime, dragons included",
    "toddlers man", "he turns five on friday, time flies", "the one with the big ears is me apparently",
    "yesterday my daughter asked for a dragon made of cake and I lost it", "back to school is monday and my son is nervous",
    "if only I could undo the mess the party left haha", "My brother would disagree with you.", "honestly both are lovely",
    "it's a cat! he'll be thrilled you tried", "I wish I could draw like this",
])
def test_a_remark_or_their_news_after_a_picture_is_answered_not_drawn(text):
    assert isinstance(understand(text, PARTY)[0], Chat), understand(text, PARTY)[0]


@pytest.mark.parametrize("text", ["better, but make the cake bigger", "much better lighting"])
def test_a_verdict_with_a_change_is_the_change(text):
    assert isinstance(understand(text, PARTY)[0], Edit)


VERSIONS = pictures_of("a red bicycle by a canal", "a blue bicycle by a canal", "a plain white bicycle by a canal, at dusk")


@pytest.mark.parametrize("text, image", [("ok she picked the red one", 1), ("we decided: the blue one", 2),
                                         ("I'll take the red one", 1), ("the blue one is the winner", 2)])
def test_a_version_chosen_is_gone_back_to(text, image):
    assert understand(text, VERSIONS)[0] == Revert(image=image)


@pytest.mark.parametrize("text, count", [("same again pls, I'd like options", 1), ("just give me a couple more of that", 2),
                                         ("can I see a different version of it", 1), ("give me another take on this", 1)])
def test_another_take_said_in_more_words_is_another(text, count):
    assert understand(text, VERSIONS)[0] == Repeat(count=count)


@pytest.mark.parametrize("text, topic", [
    ("how would I go about saving this? I'm hopeless with phones", "files"), ("could I download them all?", "files"),
    ("what exactly does this app do?", "general"), ("can you turn these into a little picture book?", "limits"),
    ("can it be drawn to scale?", "limits"), ("could you animate it?", "limits"),
    ("are there things it can't draw?", "limits"), ("what's the difference between undo and going back to the first one?", "edits"),
    ("are they always square or can they be other shapes?", "settings"), ("how can I delete the pictures I don't need?", "manage"),
    ("how would you keep her looking the same?", "consistency"),
])
def test_a_question_about_the_app_is_help(text, topic):
    assert understand(text, PARTY)[0] == Help(topic=topic)


@pytest.mark.parametrize("text, topic", [
    ("is it landscape? the banner is wide", "size"), ("why does the dragon have three arms 😅", "quality"),
    ("are those candles or sparklers on the cake?", "describe"), ("did you change my words or use them exactly?", "prompt"),
    ("did you change his wings at all?", "changes"),
])
def test_a_question_about_the_picture_is_answered(text, topic):
    assert understand(text, PARTY)[0] == Question(topic=topic)


def test_a_wish_for_a_thing_said_as_a_description_is_added():
    assert understand("my kids say a bouncy castle", PARTY)[0] == Edit(ops=(Add(thing="a bouncy castle"),))


GIVEN = ctx().model_copy(update={"attached": True})


@pytest.mark.parametrize("text, what", [
    ("this is my cat Mochi 🐱 can you turn her into an oil painting?", "cat Mochi"),
    ("my horse Pepper — can you make her look like a storybook drawing?", "horse Pepper"),
    ("this is a photo of my garden. what would it look like with a fountain?", "garden"),
    ("esta es mi casa, ¿la puedes poner en la nieve?", "casa"),
    ("Das ist mein Auto. Kannst du es im Schnee zeigen?", "Auto"),
])
def test_a_given_picture_named_then_changed_is_drawn_from_it(text, what):
    action = understand(text, GIVEN)[0]
    assert action.intent == "new" and action.description == what and action.ops, action


def test_a_question_about_a_given_picture_with_a_remark_after_it_is_answered():
    assert isinstance(understand("what style is this drawing? my uncle made it", GIVEN)[0], Question)


@pytest.mark.parametrize("text, word", [("what would it look like if the walls were navy?", "navy"),
                                        ("what would it look like at dawn?", "dawn")])
def test_what_it_would_look_like_is_that_change_drawn(text, word):
    action = understand(text, ctx("a reading nook with white walls"))[0]
    assert isinstance(action, Edit) and word in repr(action), action


@pytest.mark.parametrize("text, thing", [("go back to the one before the pond and put a fountain in instead", "fountain"),
                                         ("Let us return to the version before the pond, and instead add a sundial.", "sundial")])
def test_the_picture_before_a_thing_with_a_change_is_a_branch_from_it(text, thing):
    context = pictures_of("a cottage garden", "a cottage garden, a pond", "a cottage garden, a pond, a wooden bench")
    action = understand(text, context)[0]
    assert action.intent == "branch" and action.image == 1 and thing in repr(action.ops), action


@pytest.mark.parametrize("text", ["my tutor says we must draw our own, this is only a reference", "my team will vote on which is best",
                                  "my daughter says unicorns should have wings, are they in there?"])
def test_what_someone_says_that_asks_no_change_is_not_a_relayed_wish(text):
    action = understand(text, PARTY)[0]
    assert action.intent not in ("edit", "new"), action
