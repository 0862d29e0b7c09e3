"""A picture put right by someone who knows the thing (conversation/set_right.py), and other changes said in more
words than the rules read before: a list given to "give it", a person added and described, a look named after
"in the style of", one colour swapped for another, "no text on it", a colour meant rather than another."""

from __future__ import annotations

import pytest

from conversation.actions import Add, Chat, Edit, New, Remove, Replace, SetSize, SetSlot
from conversation.rules import understand
from conversation.scene import Scene
from conversation.set_right import put_right
from tests.conversation_context import ctx


@pytest.mark.parametrize("scene, text, added", [
    ("a sourdough loaf on a board",
     "the ear isn't right. a proper sourdough has a raised ear along the score, can you show the whole loaf with a nice ear",
     "a raised ear along the score"),
    ("cafe au lait dahlias in a vase", "they're too pink, cafe au lait are more a blush cream, almost beige",
     "cafe au lait, blush cream, almost beige"),
    ("heirloom tomatoes on a table", "they look a bit like cherry tomatoes though, heirlooms are big and ribbed and ugly",
     "heirlooms, big and ribbed and ugly"),
    ("a plate of pastel macarons", "they need feet! macarons have that little ruffled foot at the bottom of each shell",
     "little ruffled foot at the bottom of each shell"),
    ("a red kite soaring over a valley", "the tail isn't forked, it's kind of square. red kites have a deep forked tail",
     "a deep forked tail"),
    ("a double fairlie locomotive on a narrow gauge line",
     "a double fairlie has the cab in the middle and two boilers facing opposite ways, here it looks like a normal engine",
     "the cab in the middle and two boilers facing opposite ways"),
    ("my border terrier on a summit", "he's more wiry, and grizzle and tan colour", "wiry, grizzle and tan colour"),
])
def test_what_the_real_thing_is_like_goes_into_the_picture(scene, text, added):
    assert put_right(text, Scene(subject=scene)) == Edit(ops=(Add(thing=added),))
    action = understand(text, ctx(scene))[0]
    assert isinstance(action, Edit), action  # the composition kept: a change, not a new picture
    assert [op for op in action.ops if isinstance(op, Add)] == [Add(thing=added)], action  # the fault itself not drawn


def test_a_thing_that_does_not_belong_is_taken_out():
    action = understand("no fish, there shouldnt be any fish in a wildlife pond", ctx("a wildlife pond with frogs"))[0]
    assert isinstance(action, Edit) and Remove(thing="fish") in action.ops, action


@pytest.mark.parametrize("scene, text", [
    ("a wheel of cheddar", "tbh clothbound cheddar is my favourite to make, 9 months minimum"),  # nothing wrong said
    ("a bugatti royale", "only 4 were ever made, I saw the Ralph Lauren one once at pebble beach"),
    ("a bowl of paella", "fun fact real valencians will fight you if you put chorizo in it"),
    ("a cat on a sofa", "cats are the best, mine is asleep right now"),
    ("a cat on a sofa", "he's more of a dog person lol"),
    ("a cat on a sofa", "the tail is wrong, dogs have long tails"),  # a kind not in the picture
    ("a red kite", "the tail is wrong? red kites have a forked tail, right?"),  # asked, not told
    ("a red kite", "perfect! red kites have that exact forked tail"),  # praise
])
def test_talk_and_questions_are_not_corrections(scene, text):
    assert put_right(text, Scene(subject=scene)) is None


def test_no_picture_nothing_to_put_right():
    assert put_right("red kites have a deep forked tail, the tail is wrong", None) is None


@pytest.mark.parametrize("scene, text, ops", [
    ("a juniper bonsai in a ceramic pot", "give it more deadwood, a jin at the apex and a shari running down the trunk",
     (Add(thing="more deadwood"), Add(thing="a jin at the apex"), Add(thing="a shari running down the trunk"))),
    ("a barn owl on a post", "now in the style of a Victorian natural history plate",
     (SetSlot(slot="medium", value="Victorian natural history plate"),)),
    ("a jazz band silhouette on a red background", "swap red for blue", (Replace(old="red", new="blue"),)),
    ("a hiker by a summit cairn", "can you do it as one of those old vintage railway posters",
     (SetSlot(slot="medium", value="old vintage railway poster"),)),
    ("a travel poster of kyoto", "no text on it, we'll add our own", (Remove(thing="text"),)),
    ("a kitchen clock", "no numbers on it please", (Remove(thing="numbers"),)),
    ("a scarf in mustard and navy around a snowman", "sorry, teal not navy", (Replace(old="navy", new="teal"),)),
])
def test_changes_said_in_more_words(scene, text, ops):
    assert understand(text, ctx(scene))[0] == Edit(ops=ops)


def test_a_person_added_is_the_one_described():
    action = understand("add me, a bald guy in his sixties with a controller in his hand, leaning over the layout",
                        ctx("a model railway layout in a loft"))[0]
    assert isinstance(action, Edit) and Add(thing="a bald guy in his sixties with a controller in his hand") in action.ops
    assert Add(thing="me") not in action.ops, action


@pytest.mark.parametrize("text", ["number 37 on the doors", "earlier in the morning, alpenglow on the peaks"])
def test_a_number_or_an_hour_is_no_earlier_picture(text):
    action = understand(text, ctx("a red mini parked outside a house by snowy peaks"))[0]
    assert isinstance(action, Edit), action


def test_a_picture_number_that_exists_is_still_one():
    from tests.test_conversation_followups import pictures_of
    c = pictures_of("a red barn", "a red barn at night", "a red barn at night in snow")
    for text in ("take number 2 and add a tractor", "number 2 but with a tractor"):
        action = understand(text, c)[0]
        assert getattr(action, "image", None) == 2, action


@pytest.mark.parametrize("text", ["tbh clothbound cheddar is my favourite to make, 9 months minimum",
                                  "fun fact real valencians will fight you if you put chorizo in it"])
def test_a_fact_told_with_no_fault_is_talk(text):
    assert isinstance(understand(text, ctx("a wheel of cheddar next to a bowl of paella"))[0], Chat)


def test_a_correction_is_not_a_new_picture_and_keeps_its_shape():
    action = understand("they need feet! macarons have that little ruffled foot at the bottom of each shell",
                        ctx("a plate of pastel macarons"))[0]
    assert not isinstance(action, New) and not any(isinstance(op, SetSize) for op in action.ops)


def test_no_people_takes_out_the_people_drawn_by_what_they_do():
    from conversation.describe import scene_from_description
    from conversation.edits import apply_ops
    scene = scene_from_description("via ferrata in the dolomites, climbers clipped to the steel cable, the Tre Cime behind")
    changed, _ = apply_ops(scene, [Remove(thing="people")])
    assert "climbers" not in " ".join(changed.phrases()) and "climbers" in changed.negatives
    market = scene_from_description("a busy market street with people and stalls")
    assert "people" not in " ".join(apply_ops(market, [Remove(thing="people")])[0].phrases())
