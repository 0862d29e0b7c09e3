"""Messages that mix intents, and mistakes put right: a question about the app beside a request, corrections of what
was drawn, flaws to try again, pictures named best with a change, which picture showed what. Each in words of its
own, not the held-out cases' (which are measured, not tested)."""

from __future__ import annotations

import pytest

from conversation.actions import Branch, Chat, Edit, Help, Question, Remove, Repeat, Replace, Revert, SetSeed, SetSlot
from conversation.replies import help_text
from conversation.rules import understand
from tests.conversation_context import ctx
from tests.test_conversation_followups import pictures_of

SHOP = ctx("a florist shop front with buckets of tulips, a blue door, a wooden bench")


@pytest.mark.parametrize("text, topic", [
    ("is there a cap on how many I can generate per day?", "cost"),
    ("can we sell these at the craft fair without any issues?", "rights"),
    ("do I own the pictures I make here?", "rights"),
    ("is it okay if we post this on our facebook page?", "rights"),
    ("could I get it printed on a canvas?", "files"),
    ("where can I find my older pictures?", "manage"),
    ("does anybody else see what I make here?", "privacy"),
    ("is my prompt sent anywhere?", "privacy"),
    ("will it work without wifi? the shop's signal is bad", "offline"),
    ("could you keep the shopkeeper looking the same across all of these?", "consistency"),
])
def test_a_question_about_the_app_is_help(text, topic):
    assert understand(text, SHOP)[0] == Help(topic=topic)


def test_the_privacy_and_consistency_help_say_what_the_app_does():
    assert "only their own" in help_text(Help(topic="privacy")) and "OpenAI" in help_text(Help(topic="privacy"))
    assert "seed" in help_text(Help(topic="consistency"))


@pytest.mark.parametrize("text", [
    "so pretty! can I print it for the counter? also could the door be yellow",
    "love this. do you keep copies of what I make? and could you add a cat on the bench",
    "oh nice, did you use a preset for that? also could it be evening",
])
def test_a_request_said_after_a_question_about_the_app_is_the_request(text):
    assert isinstance(understand(text, SHOP)[0], Edit), text


@pytest.mark.parametrize("text", [
    "the customers are going to love these", "my boss says the colours are perfect", "the printer wants these by thursday",
    "ugh, rough week", "just got home from work, my feet are killing me", "that's the one!! exactly it",
    "my nan had a shop just like this", "reminds me of Amsterdam", "the tulips look just like our garden",
    "ok the flyers are done", "the bench is still my favourite part", "same blue door right?",
])
def test_remarks_and_reactions_are_answered_not_drawn(text):
    assert isinstance(understand(text, SHOP)[0], Chat), text


# ---- corrections --------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, op", [
    ("that's not what I asked, I wanted it in the rain", SetSlot),
    ("no, that's not what I meant. I wanted the door green", Replace),
    ("the door came out blue, I asked for yellow", Replace),
])
def test_what_was_wanted_after_a_mistake_is_the_change(text, op):
    action = understand(text, SHOP)[0]
    assert isinstance(action, Edit) and any(isinstance(o, op) for o in action.ops), action


def test_a_change_made_to_the_wrong_thing_is_moved_to_the_right_one():
    room = ctx("a kitchen with green cabinets and stools")
    action = understand("you changed the wrong thing, the cabinets turned green, only the stools should be", room)[0]
    assert action == Edit(ops=(Replace(old="green cabinets", new="cabinets"), Replace(old="stools", new="green stools"))), action


def test_the_kind_said_right_replaces_the_one_drawn():
    action = understand("he's a golden retriever not a labrador", ctx("a labrador on a porch"))[0]
    assert action == Edit(ops=(Replace(old="labrador", new="golden retriever"),)), action


def test_miscounted_fingers_are_drawn_right_on_a_new_seed():
    action = understand("it has six fingers again, try again", ctx("a pianist at a grand piano"))[0]
    assert isinstance(action, Edit) and SetSeed(seed=None) in action.ops and Remove(thing="extra fingers") in action.ops, action


@pytest.mark.parametrize("text", ["ok just take the words out completely", "forget the lettering, just the flowers"])
def test_words_taken_out_are_removed(text):
    action = understand(text, ctx("a poster of tulips with the words SPRING SALE"))[0]
    assert action == Edit(ops=(Remove(thing="text"),)) or isinstance(action, Edit) and any(isinstance(o, Remove) for o in action.ops)


# ---- pictures named ------------------------------------------------------------------------------------------------

THREE = pictures_of("a tulip shop at dawn", "a tulip shop, a bicycle", "a tulip shop, rain")


@pytest.mark.parametrize("text, image, op", [
    ("the first one was nicest, use that and add a cat", 1, None),
    ("the bicycle one was the best, give me another version of it", 2, SetSeed),
    ("keep it, but also show me a winter version of the first one", 1, SetSlot),
])
def test_a_picture_named_best_with_a_change_is_a_branch_from_it(text, image, op):
    action = understand(text, THREE)[0]
    assert isinstance(action, Branch) and action.image == image, action
    assert op is None or any(isinstance(o, op) for o in action.ops), action


def test_a_seed_of_a_picture_named_is_that_seed():
    action = understand("try it with the same seed as the second one", THREE)[0]
    assert action == Edit(ops=(SetSeed(seed=THREE.pictures[1].seed),)), action


@pytest.mark.parametrize("text", ["give me another tulip shop", "ok one more shop please", "another one, different angle"])
def test_another_of_the_subject_is_another_take(text):
    assert understand(text, THREE)[0] == Repeat()


def test_which_picture_showed_a_thing_is_answered_from_the_prompts():
    action = understand("which one had the bicycle?", THREE)[0]
    assert isinstance(action, Question) and "picture 2" in action.answer, action
    missing = understand("was the cat in all three pictures?", THREE)[0]
    assert isinstance(missing, Question) and "No picture" in missing.answer, missing
    assert understand("do you remember what the first picture was?", THREE)[0] == Question(topic="describe", image=1)


def test_a_picture_named_best_alone_is_still_that_picture():
    assert understand("the second card was the best", THREE)[0] == Revert(image=2)


def test_a_standing_wish_before_the_first_picture_is_that_picture_in_that_shape():
    action = understand("always do them in portrait from now on. first one: a lighthouse in a storm", ctx())[0]
    assert action.intent == "new" and action.description == "a lighthouse in a storm", action
    assert any(getattr(op, "aspect", None) == "2:3" for op in action.ops), action


def test_a_favourite_named_and_gone_back_to_is_that_picture():
    assert understand("the first one is my favourite, go back to it", THREE)[0] == Revert(image=1)


def test_what_a_given_sketch_shows_said_after_a_dash_is_kept():
    action = understand("here's my quick sketch of our logo — a fox holding a coffee cup. make it a clean vector illustration",
                        ctx().model_copy(update={"attached": True}))[0]
    assert action.intent == "new" and "fox" in action.description and "logo" in action.description, action


# ---- turns of earlier sets that rules of these rounds had broken, in other words ---------------------------------

def test_a_dislike_said_with_a_change_after_it_keeps_the_change():
    action = understand("they hate gravel, make it flagstones", ctx("a garden with a gravel path and a bench"))[0]
    assert isinstance(action, Edit) and Remove(thing="gravel") in action.ops and "flagstones" in str(action.ops), action


def test_bored_with_a_surprise_asked_is_a_picture():
    assert understand("so bored lol, surprise me", ctx())[0].intent == "new"


def test_a_thing_said_in_pieces_with_an_alternative_weighed_is_still_the_change():
    action = understand("stars in the sky. lots of stars. or a comet? no, stars.", ctx("a fox on a hill at night"))[0]
    assert isinstance(action, Edit), action


def test_a_setting_needed_is_where_it_goes():
    action = understand("I want it on a marble countertop instead", ctx("a jar of honey on a white background"))[0]
    assert action == Edit(ops=(SetSlot(slot="setting", value="on a marble countertop"),)), action


def test_a_fix_said_then_what_fixes_it_is_that():
    action = understand("let's fix that: put 'extra fingers' in the negative", ctx("a pianist at a piano"))[0]
    assert isinstance(action, Edit) and Remove(thing="extra fingers") in action.ops, action


def test_a_new_one_after_a_complaint_is_another_take():
    assert understand("meh. ok, give me a new one", THREE)[0] == Repeat()


@pytest.mark.parametrize("text, part, quality", [("the bench a touch more weathered", "bench", "weathered"),
                                                  ("door a bit more faded", "door", "faded"),
                                                  ("could the awning be a little more striped", "awning", "striped"),
                                                  ("the background a bit more pastel", "background", "pastel")])
def test_a_part_said_without_make_then_a_degree_is_that_part_changed(text, part, quality):
    """ "the background a bit more pastel": the part, changed by a degree; not a new picture, nor a place made of the degree."""
    action = understand(text, SHOP)[0]
    assert isinstance(action, Edit) and len(action.ops) == 1
    said = " ".join(str(v) for v in action.ops[0].model_dump().values()).lower()
    assert part in said and quality in said and " in a bit" not in f" {said}"


@pytest.mark.parametrize("text, count", [("can you do 3 at once", 3), ("could u make two of them?", 2),
                                         ("can you please give me four versions", 4)])
def test_a_count_asked_as_a_question_with_a_picture_on_screen_is_that_many_more(text, count):
    assert understand(text, SHOP)[0] == Repeat(count=count)
