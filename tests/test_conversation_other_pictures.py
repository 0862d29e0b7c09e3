"""A change that names another picture, a craft, a material, a place or a shape in the words people use:
"same style as the warlock one", "take the normal pirate ship (not the ghost one) and …", "now lego",
"make the mane ice instead", "make it a snowy winter scene", "white background pls and square"."""

from __future__ import annotations

import pytest

from conversation.actions import Add, Branch, Chat, Edit, Help, New, Remove, Repeat, Replace, Revert, SetSize, SetSlot, SetStyle, Undo
from conversation.capability import capability_question
from conversation.rules import understand
from conversation.scene import Scene
from tests.conversation_context import ctx
from tests.test_conversation_followups import pictures_of


def test_the_look_of_another_picture_named_by_what_it_showed():
    context = pictures_of("tiefling warlock, purple skin, curled horns, dark fantasy portrait", "dwarf cleric, red beard, plate armor")
    action = understand("same style as the warlock one", context)[0]
    assert action == Edit(ops=(Add(thing="dark fantasy portrait"),))


def test_a_labelled_description_for_someone_else_is_a_new_picture():
    action = understand("now do one for my friends character: dwarf cleric, red beard, heavy plate armor",
                        ctx("tiefling warlock, purple skin, dark fantasy portrait"))[0]
    assert isinstance(action, New) and action.description.startswith("dwarf cleric"), action


def test_the_plain_picture_before_a_look_then_changed():
    context = pictures_of("an old pirate ship at sea", "an old ghost pirate ship, glowing green", "an old ghost pirate ship in a bottle")
    action = understand("take the normal pirate ship (not the ghost one) and put it in a storm", context)[0]
    assert isinstance(action, Branch) and action.image == 1 and action.ops, action


@pytest.mark.parametrize("message, expected", [
    ("i prefered the clay one", Revert(image=2)),
    ("ngl the other hair was better", Undo()),
])
def test_going_back_by_a_look_or_the_other_one(message, expected):
    context = pictures_of("a robot watering flowers", "a robot watering flowers, claymation, plasticine figures",
                          "a robot watering flowers, made of lego, blue hair")
    assert understand(message, context)[0] == expected


def test_a_craft_alone_replaces_the_style():
    context = ctx(Scene(subject="a little robot watering flowers", setting="in a garden", style="claymation"))
    action = understand("now lego", context)[0]
    assert isinstance(action, Edit) and SetStyle(style="none") in action.ops, action
    assert any(isinstance(op, SetSlot) and op.slot == "medium" and "lego" in op.value for op in action.ops), action


def test_what_a_thing_is_made_of_changes_not_its_colour():
    context = ctx("portrait of a lion with a mane made of fire")
    assert understand("make the mane ice instead", context)[0] == Edit(ops=(Replace(old="mane made of fire", new="mane made of ice"),))
    assert understand("make the mane blue", context)[0] == Edit(ops=(Replace(old="mane", new="blue mane"),))


def test_a_scene_asked_for_is_where_the_subject_is():
    action = understand("now make it a snowy winter scene", ctx("a fox sleeping in autumn leaves"))[0]
    assert action == Edit(ops=(SetSlot(slot="setting", value="in a snowy winter scene"),))


@pytest.mark.parametrize("message, aspect", [
    ("white background pls and square", "1:1"),
    ("now a version for stories", "9:16"),
    ("for iphone", "9:16"),
])
def test_a_shape_said_with_other_words(message, aspect):
    action = understand(message, ctx("a coffee mug product photo"))[0]
    assert isinstance(action, Edit) and SetSize(aspect=aspect) in action.ops, action


@pytest.mark.parametrize("message, count", [("can you try a few different versions", 3), ("can you make 3 versions so i can pick", 3)])
def test_versions_to_pick_from_are_new_takes(message, count):
    assert understand(message, ctx("a coffee mug product photo"))[0] == Repeat(count=count)


@pytest.mark.parametrize("message", ["the text came out garbled 😩", "ugh the fingers are all messed up",
                                     "do you know why sloths are so slow?"])
def test_a_fault_said_or_a_question_about_the_world_is_answered_not_drawn(message):
    assert isinstance(understand(message, ctx("a sloth holding a candle jar"))[0], Chat)


def test_a_correction_of_an_adjective_replaces_it():
    action = understand("make the horse black and give the knight a red cape, wait no, blue cape", ctx("a knight on a horse"))[0]
    assert Add(thing="a blue cape") in action.ops and "red" not in repr(action), action
    assert understand("give him a red hat, wait, a blue hat", ctx("a knight on a horse"))[0] == Edit(ops=(Add(thing="a blue hat"),))


def test_going_back_later_is_asked_about():
    assert capability_question("can i go back to an earlier picture later?") == Help(topic="variations")


def test_a_setting_named_before_takes_the_number_said_with_a_remark():
    context = ctx("oil painting of a stormy sea").model_copy(update={"history": (("user", "guidance 12"), ("assistant", "…"))})
    action = understand("too saturated, lower it to 5", context)[0]
    assert isinstance(action, Edit) and any(getattr(op, "guidance", None) == 5 for op in action.ops), action


def test_words_put_in_the_negative_prompt():

    from conversation.flags import extract_settings

    assert extract_settings("add 'text' to the negative too") == ([Remove(thing="text")], "")


def test_undone_then_changed_is_the_one_before_changed():
    context = pictures_of("a beer can, label with a bear", "a beer can, label with a bear, retro 70s style")
    action = understand("undo that, and instead try a minimalist line art label", context)[0]
    assert isinstance(action, Branch) and action.image == 1, action
    assert understand("undo and bring the lamp back", context)[0] == Undo()


def test_the_same_question_of_another_picture():
    from conversation.actions import Question

    context = pictures_of("greek temple ruins", "greek temple ruins").model_copy(
        update={"history": (("user", "whats the seed of this one"), ("assistant", "The last picture used seed 12."))})
    assert understand("and the first one?", context)[0] == Question(topic="seed", image=1)


def test_keeping_what_a_new_look_lost_brings_it_back():
    context = pictures_of("a cyberpunk samurai cat, neon lights, rain-slick streets", "a cyberpunk samurai cat, ukiyo-e woodblock print")
    assert understand("keep the neon tho", context)[0] == Edit(ops=(Add(thing="neon lights"),))


def test_room_for_words_said_with_the_place_first_and_small_settled_remarks():
    action = understand("leave some empty space at the top for text", ctx("a pirate treasure map"))[0]
    assert action == Edit(ops=(Add(thing="empty negative space at the top"),))
    assert understand("close enough lol", ctx("a pirate treasure map"))[0] == Chat(kind="ack")


def test_people_each_given_their_own_change_and_a_doing_word_kept():
    action = understand("make the woman have long brown hair and the man glasses", ctx("a couple holding hands on a bench"))[0]
    assert action == Edit(ops=(Add(thing="the woman with long brown hair"), Add(thing="the man with glasses")))
    assert understand("make him flexing", ctx("shrek as a greek statue"))[0] == Edit(ops=(Add(thing="flexing"),))


def test_a_look_named_with_more_words_than_its_preset_keeps_them():
    action = understand("😂😂 make it look like a corporate stock photo", ctx("a raccoon in a business suit"))[0]
    assert action == Edit(ops=(SetStyle(style="photorealistic", said="corporate stock photo"),))


def test_a_size_past_the_largest_side_keeps_its_shape():
    from conversation.flags import extract_settings
    from conversation.sizes import resolve_size

    assert resolve_size("sd15", aspect=None, width=3440, height=1440, native=(512, 512)) == (2048, 856)
    assert extract_settings("hires, 1024x1024")[0] == [SetSize(width=1024, height=1024)]


def test_going_back_to_a_shape():
    base = pictures_of("a waterfall in a jungle", "a waterfall in a jungle", "a waterfall, a rainbow")
    pics = tuple(p.model_copy(update={"width": 768 if p.number == 1 else 512, "height": 512 if p.number == 1 else 768})
                 for p in base.pictures)
    assert understand("revert to the horizontal one", base.model_copy(update={"pictures": pics}))[0] == Revert(image=1)


def test_a_colour_look_stays_when_a_style_is_set():
    from tests.conversation_context import next_scene

    action = understand("anime pfp of a girl with headphones, lofi vibes, purple aesthetic", ctx(None))[0]
    assert "purple aesthetic" in next_scene(action, None).details


def test_a_plan_told_before_any_picture_is_answered_and_a_picture_in_it_is_drawn():
    told = understand("hey! i'm making a card for my mom's retirement, she was a nurse for 35 years", ctx(None))[0]
    assert isinstance(told, Chat) and told.reply, told
    assert isinstance(understand("i'm making a poster of a tiger", ctx(None))[0], New)


def test_a_picture_given_as_a_sketch_or_a_logo_is_what_is_changed():
    from conversation.given_picture import given_picture

    attached = ctx(None).model_copy(update={"attached": True})
    action, _ = given_picture("here's my rough pencil sketch of a character, can you make it into a finished colored anime illustration",
                              attached, lambda text, c: understand(text, c))
    assert isinstance(action, New) and action.description == "character" and any(isinstance(op, SetStyle) for op in action.ops)
    action, _ = given_picture("here's my current logo, can you make a cleaner vector style version", attached,
                              lambda text, c: understand(text, c))
    assert isinstance(action, New) and action.description == "logo", action


@pytest.mark.parametrize("message", ["show the room from above", "make her fatter lol"])
def test_a_change_of_a_picture_whose_subject_names_no_noun(message):
    context = ctx("my cat pls she's a grey tabby with green eyes, sitting on a windowsill in a room")
    assert isinstance(understand(message, context)[0], Edit)


def test_lettering_taken_off_by_where_it_is_and_what_is_left_said():
    from tests.conversation_context import next_scene

    context = ctx(Scene(subject="a soy candle in an amber glass jar", details=("eucalyptus leaves", 'the label reading "Lumen"')))
    action = understand("ok remove the label text then, plain jar", context)[0]
    assert action == Edit(ops=(Remove(thing="label text"),))
    assert "Lumen" not in repr(next_scene(action, context.scene))


def test_an_earlier_picture_as_another_thing_and_by_a_shape_it_nearly_had():
    fire = pictures_of("a lion with a mane made of fire", "a lion with a mane made of ice")
    action = understand("now the fire one but as a tattoo design", fire)[0]
    assert action == Branch(image=1, ops=(SetSlot(slot="medium", value="tattoo design"),))
    base = pictures_of("a waterfall", "a waterfall", "a waterfall, a rainbow")
    pics = tuple(p.model_copy(update={"width": 512 if p.number == 1 else 448, "height": 512 if p.number == 1 else 640})
                 for p in base.pictures)
    assert understand("revert to the horizontal one", base.model_copy(update={"pictures": pics}))[0] == Revert(image=1)
