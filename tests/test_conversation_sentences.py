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


@pytest.mark.parametrize("message, expected", [
    ("ok lunch is over bye", Chat(kind="bye")),
    ("reroll it a couple times", Repeat(count=2)),
    ("whats the best way to describe what I want?", Help(topic="general")),
    ("hmm, back to black and white please", Undo()),
])
def test_goodbyes_rerolls_and_going_back_to_a_look(message, expected):
    flight = pictures_of("the wright brothers first flight, black and white photograph", "the wright brothers first flight, colorized")
    assert understand(message, flight)[0] == expected


def test_changes_said_with_a_laugh_a_reason_or_praise_in_front():
    girl = pictures_of("a pirate girl with a parrot", "a pirate girl with a parrot, a hat")
    assert understand("haha ok now she's holding a treasure map", girl)[0] == Edit(ops=(Add(thing="holding a treasure map"),))
    raccoon = understand("more chaotic 😂 add a shopping cart", ctx("a raccoon in a grocery store, chaotic"))[0]
    assert isinstance(raccoon, Edit) and Add(thing="a shopping cart") in raccoon.ops, raccoon
    assert understand("perfect but portrait", girl)[0] == Edit(ops=(SetSize(aspect="2:3"),))
    assert understand("remove the dragons i changed my mind", ctx("floating islands, dragons"))[0] == Edit(ops=(Remove(thing="dragons"),))
    temple = understand("add the pyramids in the background. wait no, pyramids are too far from there, add a temple instead",
                        ctx("an egyptian marketplace along the nile"))[0]
    assert temple == Edit(ops=(Add(thing="a temple"),))
    spread = understand("keep everything but make it landscape, it's a double-page spread", ctx("a queen on a throne"))[0]
    assert spread == Edit(ops=(SetSize(aspect="3:2"),))


def test_room_a_palette_a_colour_and_a_camera_asked_in_other_words():
    from conversation.actions import Camera, SetSlot

    queen = ctx("a queen on a throne")
    assert understand("can you leave room at the top for the title? like more sky", queen)[0] == \
        Edit(ops=(Add(thing="empty negative space at the top"),))
    assert understand("switch to a color palette of burgundy and deep purple", queen)[0] == \
        Edit(ops=(Add(thing="a burgundy and deep purple color palette"),))
    assert understand("colorize it", ctx("the first flight, black and white photograph"))[0] == \
        Edit(ops=(SetSlot(slot="palette", value="full color"),))
    cafe = pictures_of("a latte and a cake", "a latte and a cake, film look", "a latte and a cake, film look, a window")
    action = understand("take the one with the cake before the film look and make it an overhead shot", cafe)[0]
    assert action == Branch(image=1, ops=(Camera(move="above"),))


@pytest.mark.parametrize("message, expected", [
    ("he says do it again", Repeat()),
    ("prev", Undo()),
    ("try a few diff seeds of that", Repeat(count=3)),
    ("🔥 ok one more with a different seed", Repeat()),
    ("can you do it again? i want to pick between a few", Repeat(count=3)),
    ("can u make it again its funny", Repeat()),
    ("Hmm, actually I think the dark coat read better against the sunset. Let's go back to that.", Undo()),
    ("thank you from both of us :)", Chat(kind="thanks")),
    ("what's your favorite style", Chat(kind="offtopic")),
])
def test_more_ways_of_asking_again_going_back_and_thanking(message, expected):
    assert understand(message, pictures_of("a dinosaur eating ice cream", "a purple dinosaur eating ice cream"))[0] == expected


@pytest.mark.parametrize("message, topic", [
    ("can i undo if i mess up?", "variations"), ("how do i go back to an earlier picture?", "variations"),
    ("do you have preset styles?", "styles"),
])
def test_how_to_questions_about_going_back_and_styles(message, topic):
    assert capability_question(message) == Help(topic=topic)


def test_questions_with_a_lead_or_about_the_model():
    from conversation.actions import Question

    context = pictures_of("a dinosaur", "a dinosaur, a hat")
    assert understand("One more thing: what resolution is it right now?", context)[0] == Question(topic="size")
    assert understand("is this stable diffusion 1.5 or sdxl?", context)[0] == Question(topic="model")


def test_a_face_made_in_the_same_picture_and_changes_no_rule_reads_further():
    emote = pictures_of("twitch emote of a cute axolotl, chibi", "twitch emote of a cute axolotl, chibi")
    assert understand("now one where hes crying", emote)[0] == Edit(ops=(Add(thing="crying"),))
    shop = pictures_of("saturn with its rings", "saturn with its rings, a shop front with window boxes")
    assert understand("can saturn's rings be more visible", shop)[0] == Edit(ops=(Add(thing="saturn's rings more visible"),))
    assert understand("a bit more flowers in the window boxes", shop)[0] == Edit(ops=(Add(thing="more flowers in the window boxes"),))
    assert not isinstance(understand("make a cat", shop)[0], Edit)  # a new picture asked for


@pytest.mark.parametrize("message, expected", [
    ("still 6 fingers 🙄 try another seed", Repeat()),
    ("actually 512 was fine go back", Undo()),
    ("too much. tone it down a bit", Undo()),
    ("undo that, SD can't do text anyway lol", Undo()),
    ("the second one was the best. go back", Revert(image=2)),
    ("more of these pls, like 3", Repeat(count=3)),
])
def test_going_back_or_again_after_a_remark_in_the_same_breath(message, expected):
    assert understand(message, pictures_of("a hand holding a phone", "a hand holding a phone, 512", "a hand, phone"))[0] == expected


def test_leads_and_asides_people_type_around_a_change():
    jacket = ctx("a man in a leather jacket")
    assert understand("fr make the jacket neon green", jacket)[0] == Edit(ops=(Replace(old="jacket", new="neon green jacket"),))
    assert understand("anyway add lime wedges and basil on the side", jacket)[0] == \
        Edit(ops=(Add(thing="lime wedges and basil on the side"),))
    assert understand("I would prefer a blue vase, thank you.", ctx("a red vase of flowers"))[0] == \
        Edit(ops=(Replace(old="vase", new="blue vase"),))
    assert understand("he has a beard and she has short curly hair", ctx("a couple on a bench"))[0] == \
        Edit(ops=(Add(thing="a beard"), Add(thing="short curly hair")))


def test_a_favourite_then_a_change_and_a_thing_before_a_change():
    cats = pictures_of("a cat, studio ghibli", "a cat, watercolor", "a cat, oil painting")
    assert understand("the ghibli one was the cutest. give that one a tiny scarf", cats)[0] == Branch(image=1, ops=(Add(thing="a tiny scarf"),))
    lake = pictures_of("a lake with a dock", "a lake with a dock, autumn leaves")
    assert understand("hmm I liked it better before the autumn thing, the one with the dock", lake)[0] == Undo()


def test_a_request_told_for_someone_before_any_picture():
    from conversation.actions import New

    action = understand("my 5yo wants 'a unicorn that is also a cupcake' 😂", ctx(None))[0]
    assert isinstance(action, New) and "unicorn" in action.description and "cupcake" in action.description, action


@pytest.mark.parametrize("message, topic", [
    ("can I use these pics for my salon's instagram?", "rights"), ("Can you make something that looks like a real photo?", "styles"),
])
def test_whether_pictures_may_be_used_or_can_look_real(message, topic):
    assert capability_question(message) == Help(topic=topic)


def test_changes_that_only_looked_like_another_place_or_praise():
    room = ctx("photo of a modern living room with big windows, a fireplace")
    action = understand("make it evening with warm lamps on", room)[0]
    assert isinstance(action, Edit) and not any(isinstance(op, Replace) for op in action.ops), action
    assert understand("nice but the dog looks weird", pictures_of("a dog in a park", "a dog in a park"))[0] == Repeat()
    assert understand("take the egg out of the bowl", ctx("ramen with a jammy egg in a bowl"))[0] == Edit(ops=(Remove(thing="egg"),))
