"""A remark or a laugh said with a request, and what "that" points back to: the request is read, the remark
answered only when nothing is asked; going back by what a picture had, by what the last reply named, after a
removal; help that says how, then "ok do that"."""

from __future__ import annotations

import pytest

from conversation.actions import Add, Branch, Chat, Edit, Help, Question, Remove, Repeat, Replace, Revert, SetSize, SetStyle, Undo
from conversation.capability import capability_question
from conversation.keep import read as keep_read
from conversation.replies import HOW_TO_VARY, help_text
from conversation.rules import understand
from tests.conversation_context import ctx
from tests.test_conversation_followups import pictures_of


def said_after(context, *turns: tuple[str, str]):
    return context.model_copy(update={"history": tuple(turns)})


@pytest.mark.parametrize("message, op", [
    ("now pixel art lol", SetStyle(style="pixel-art")),
    ("😂😂 more bubbles", Add(thing="bubbles")),
])
def test_a_laugh_around_a_change_is_not_the_message(message, op):
    action = understand(message, ctx("an octopus playing drums underwater, oil painting"))[0]
    assert isinstance(action, Edit) and op in action.ops, action


@pytest.mark.parametrize("message", ["😂😂 drummer octopus", "lol", "lmao his little face 😂"])
def test_a_laugh_with_nothing_asked_is_still_answered(message):
    assert isinstance(understand(message, ctx("an octopus playing drums underwater"))[0], Chat)


@pytest.mark.parametrize("message", ["lol that's terrifying, go back", "ugh that's terrifying, undo"])
def test_a_remark_then_going_back_goes_back(message):
    context = pictures_of("cartoon dinosaur eating ice cream", "realistic dinosaur eating ice cream")
    assert understand(message, context)[0] == Undo()


def test_a_look_preferred_brings_back_the_picture_that_had_it():
    context = pictures_of("a diner at night, neon", "a diner at night, neon, a red cadillac", "a diner at dawn, neon, a red cadillac")
    assert understand("hmm i preferred night", context)[0] == Undo()
    assert understand("i preferred it at night tbh", context)[0] == Undo()
    assert isinstance(understand("i preferred the first one", context)[0], Revert)
    # nothing on screen lost it: a remark
    assert isinstance(understand("i preferred neon", context)[0], Chat)


def test_putting_back_what_was_just_removed_is_an_undo():
    context = said_after(pictures_of("a street food stall, people", "a street food stall"),
                         ("user", "a street food stall"), ("assistant", "…"), ("user", "remove the people"), ("assistant", "…"))
    assert understand("nvm put them back", context)[0] == Undo()
    assert understand("bring back the people", context)[0] == Undo()
    assert not isinstance(understand("put the lamp back", context)[0], Undo)  # no lamp was removed


def test_how_to_get_another_version_is_answered_and_then_done():
    asked = understand("how do i get a different version of the same thing", ctx("a dragon made of clouds"))[0]
    assert asked == Help(topic="variations")
    reply = help_text(asked)
    assert reply.startswith(HOW_TO_VARY)
    context = said_after(ctx("a dragon made of clouds"), ("user", "how do i get a different version of the same thing"),
                         ("assistant", reply))
    assert understand("ok do that", context)[0] == Repeat()
    # without that answer before it, "ok do that" asks for nothing in particular
    assert isinstance(understand("ok do that", ctx("a dragon made of clouds"))[0], Chat)


def test_going_back_to_the_picture_the_last_reply_named():
    context = pictures_of("a polar bear on an ice floe", "a penguin colony")
    asked = understand("what did i ask for first?", context)[0]
    assert asked == Question(topic="prompt", image=1)
    context = said_after(context, ("user", "what did i ask for first?"),
                         ("assistant", "Picture 1's prompt, sent to tiny-sd, was:\n\na polar bear on an ice floe"))
    assert understand("ok go back to that one", context)[0] == Revert(image=1)


@pytest.mark.parametrize("message, topic", [
    ("lol ok. can you remember it for later?", "files"),
    ("does this support midjourney params like --ar?", "settings"),
    ("does it support negative prompts?", "settings"),
])
def test_questions_about_keeping_and_flags_are_answered(message, topic):
    assert capability_question(message) == Help(topic=topic)


def test_pictures_named_by_what_they_had_or_by_their_seed():
    fruit = pictures_of("a bowl of fruit, oil painting", "a bowl of fruit, a wine bottle, oil painting",
                        "a bowl of fruit, a wine bottle, dark, low-key light", "a bowl of fruit, red background, a wine bottle, dark")
    assert understand("go back to the one with the wine bottle before it got dark", fruit)[0] == Revert(image=2)
    island = pictures_of("a watercolor map of a fantasy island", "a watercolor map of a fantasy island, a sea monster")
    assert understand("go back to the one without the monster", island)[0] == Undo()
    robots = pictures_of("a robot chef flipping pancakes", "a robot chef flipping pancakes")
    action = understand("use the seed from the first one but make the robot gold", robots)[0]
    assert isinstance(action, Branch) and action.image == 1 and action.ops, action
    assert understand("ok go back to the 2nd one, that was the best", robots)[0] == Revert(image=2)
    lions = pictures_of("a lion portrait", "a lion portrait, black and white", "a lion portrait, a crown, black and white")
    action = understand("take the very first one and give it a crown but keep it in color", lions)[0]
    assert isinstance(action, Branch) and action.image == 1 and Add(thing="a crown") in action.ops, action
    tulips = pictures_of("a vase of tulips", "a vase of red tulips", "a vase of yellow tulips")
    action = understand("actually the red one but with a cat next to it", tulips)[0]
    assert isinstance(action, Branch) and action.image == 2, action
    rides = pictures_of("an astronaut riding a horse on mars", "an astronaut riding a camel on mars")
    action = understand("go back to the horse one and make it a zebra instead", rides)[0]
    assert isinstance(action, Branch) and action.image == 1 and Replace(old="horse", new="a zebra") in action.ops, action


@pytest.mark.parametrize("message, fault", [("it's kinda blurry", "blurry"), ("its a bit grainy tbh", "grainy")])
def test_a_picture_said_to_be_unsharp_is_drawn_sharper(message, fault):
    action = understand(message, ctx("a harbor with fishing boats"))[0]
    assert isinstance(action, Edit) and Remove(thing=fault) in action.ops, action
    assert isinstance(understand("why is it so blurry?", ctx("a harbor with fishing boats"))[0], Question)


def test_a_fault_named_then_fixed_fixes_that_part():
    action = understand("ugh her hands look weird, can u fix them", ctx("a girl reading a book in a library, anime style"))[0]
    assert action == Edit(ops=(Add(thing="well-formed hands"),))


def test_a_request_taken_back_in_the_same_message_is_the_one_meant():
    action = understand("make it a wolf, no wait, a red panda", ctx("a fox sleeping under a tree"))[0]
    assert isinstance(action, Edit) and "wolf" not in repr(action) and "red panda" in repr(action), action
    action = understand("make it a yellow bird. wait no keep it blue but add flowers", ctx("a blue bird on a branch"))[0]
    assert action == Edit(ops=(Add(thing="flowers"),))
    assert not keep_read("wait no keep it blue but add flowers").keep  # a colour kept is not the picture kept
    assert keep_read("keep it as is but add a hat").keep


def test_another_colour_or_look_tried_for_the_one_just_changed():
    tulips = said_after(ctx("a vase of red tulips, on a windowsill"), ("user", "make the tulips red"), ("assistant", "…"))
    assert understand("now yellow", tulips)[0] == Edit(ops=(Replace(old="red", new="yellow"),))
    logo = ctx("a logo of an orange mountain, flat design, blue and white")
    assert understand("try green", logo)[0] == Edit(ops=(Replace(old="orange", new="green"),))
    rustic = said_after(ctx("logo for a coffee shop, minimal, rustic"), ("user", "more rustic"), ("assistant", "…"))
    assert understand("try vintage instead", rustic)[0] == Edit(ops=(Replace(old="rustic", new="vintage"),))


@pytest.mark.parametrize("message, aspect", [
    ("I need a header image for my blog about sourdough baking, warm and rustic", "16:9"),
    ("a wide shot of the grand canyon at sunrise", "3:2"),
])
def test_a_header_or_a_wide_shot_is_drawn_wide(message, aspect):
    action = understand(message, ctx(None))[0]
    assert SetSize(aspect=aspect) in action.ops, action



def test_a_thing_opened_and_what_it_shows_are_both_drawn():
    from tests.conversation_context import next_scene

    context = ctx("a mysterious door in the middle of a desert")
    action = understand("open the door and show a jungle behind it", context)[0]
    scene = next_scene(action, context.scene)
    assert {"the door open", "a jungle behind the door"} <= set(scene.details), scene


def test_flags_typed_with_a_phone_dash_are_flags():
    from conversation.flags import extract_settings

    ops, rest = extract_settings("a fox —ar 2:3 —v 6")
    assert ops == [SetSize(aspect="2:3")] and rest == "a fox"
    assert extract_settings("a cat – a dog") == ([], "a cat – a dog")  # a dash in words stays
