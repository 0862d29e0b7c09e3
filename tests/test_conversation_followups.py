"""Follow-ups read by the offline rules: questions about what the chat can do, going back in more words,
"one" and "version" for the picture on screen, praise in another language before a request, short
qualifiers, a change of text on a sign, and a change taken back. Each wording here differs from the
held-out sets'; the behaviour is what a person expects of the chat."""

from __future__ import annotations

import pytest

from conversation.actions import Add, Chat, Edit, Help, New, Question, Remove, Repeat, Replace, Revert, SetSize, SetSlot, Undo
from conversation.interpreter import Context, Picture
from conversation.replies import help_text, shown_model
from conversation.rules import understand
from tests.conversation_context import ctx, next_scene, scene_of

LAKE = "a wooden cabin by a frozen lake under the northern lights"


def act(text: str, context: Context):
    return understand(text, context)[0]


def after(previous: str, scene: str = LAKE) -> Context:
    """A context whose last message from the person was ``previous``."""
    return ctx(scene, pictures=2).model_copy(update={"history": (("user", previous), ("assistant", "Done."))})


def pictures_of(*prompts: str, seeds: tuple[int, ...] = (11, 12, 13, 14)) -> Context:
    pics = tuple(Picture(number=i + 1, seed=seeds[i], steps=25, guidance=7.5, width=512, height=512, backend="local",
                         model="m", prompt_sent=p) for i, p in enumerate(prompts))
    return Context(scene=scene_of(prompts[-1], seed=seeds[len(prompts) - 1]), pictures=pics, can_undo=True)


@pytest.mark.parametrize("text, topic", [
    ("can you do watercolor?", "styles"),
    ("could you make pixel art stuff?", "styles"),
    ("do you do claymation too?", "styles"),
    ("so what can't you make?", "limits"),
    ("is there anything you can not draw?", "limits"),
    ("can you do realistic hands?", "limits"),
    ("can this app make gifs?", "limits"),
    ("could you frame it and ship it to me?", "limits"),
    ("can you make music or only pictures?", "limits"),
    ("am I allowed to put these on t-shirts I sell?", "rights"),
    ("could my band use this on our album?", "rights"),
    ("how do I give you my own drawing?", "uploads"),
    ("will you share my pictures with anyone?", "privacy"),
    ("which languages can you read?", "languages"),
    ("can i type in german?", "languages"),
    ("how long will each image take?", "speed"),
    ("does it work without internet?", "offline"),
    ("could i run this on my own laptop?", "offline"),
    ("what does the cfg scale do?", "settings"),
    ("how big can the pictures be?", "settings"),
    ("can I download this as a jpg?", "files"),
    ("could you save it as a vector file?", "files"),
    ("am I allowed to sell prints of these commercially?", "rights"),
    ("who owns the copyright?", "rights"),
])
def test_a_question_about_what_the_chat_can_do_is_answered_not_drawn(text, topic):
    for context in (ctx(None), ctx(LAKE)):
        action = act(text, context)
        assert isinstance(action, Help) and action.topic == topic, (text, action)
    assert help_text(Help(topic=topic))


@pytest.mark.parametrize("text", ["can you make it watercolor?", "can you do a watercolor fox?", "can you draw a castle?"])
def test_a_request_phrased_as_can_you_still_draws(text):
    assert isinstance(act(text, ctx(LAKE)), (Edit, New)), text


@pytest.mark.parametrize("topic, words", [("settings", ("steps", "guidance", "seed")), ("uploads", ("Attach", "only you")),
                                          ("languages", ("English", "chat model")), ("speed", ("steps", "GPU")),
                                          ("offline", ("internet",)), ("edits", ("undo",))])
def test_each_help_topic_has_its_own_answer(topic, words):
    said = help_text(Help(topic=topic))
    assert said != help_text(Help()) and all(word in said for word in words), said


def test_the_answer_about_limits_says_what_is_made_and_what_helps():
    said = help_text(Help(topic="limits"))
    assert "video" in said and "hands" in said and "seed" in said


@pytest.mark.parametrize("text, kind", [("brb getting snacks", "bye"), ("gtg, dinner", "bye"), ("okay i'm back", "greeting")])
def test_away_and_back_is_small_talk(text, kind):
    action = act(text, ctx(LAKE))
    assert isinstance(action, Chat) and action.kind == kind, action


def test_the_answers_about_files_and_rights_say_what_the_app_does():
    assert "PNG" in help_text(Help(topic="files")) and "SVG" in help_text(Help(topic="files"))
    assert "licence" in help_text(Help(topic="rights"))


@pytest.mark.parametrize("text", ["so much better!", "way better now", "ooh better"])
def test_better_alone_is_a_remark(text):
    assert isinstance(act(text, ctx(LAKE)), Chat), text


@pytest.mark.parametrize("text, topic", [("haha what's that in the corner", "describe"), ("lmao which seed was it", "seed"),
                                         ("what did you change there?", "changes"), ("what's different?", "changes")])
def test_a_laugh_before_a_question_leaves_the_question(text, topic):
    action = act(text, ctx(LAKE))
    assert isinstance(action, Question) and action.topic == topic, (text, action)


@pytest.mark.parametrize("text, steps", [("hmm go back 3", 3), ("back two", 2), ("ok back one", 1), ("oops undo twice", 2)])
def test_going_back_a_number_of_steps_in_few_words(text, steps):
    action = act(text, ctx(LAKE, pictures=4))
    assert isinstance(action, Undo) and action.steps == steps, (text, action)


def test_back_to_a_seed_reverts_to_the_picture_drawn_with_it():
    context = pictures_of("a red kite", "a red kite, clouds", "a red kite, clouds", seeds=(4242, 4243, 4244))
    action = act("back to 4242", context)
    assert isinstance(action, Revert) and action.image == 1, action


def test_back_to_a_picture_named_by_its_words_and_what_it_had():
    context = pictures_of("a ramen bowl with tonkotsu broth", "a ramen bowl with tonkotsu broth, nori",
                          "a ramen bowl with miso broth, nori", "a ramen bowl with miso broth, nori, film photo")
    action = act("go back to the tonkotsu one with the nori", context)
    assert isinstance(action, Revert) and action.image == 2, action


def test_back_to_a_picture_whose_words_are_in_no_prompt_is_the_one_before():
    context = pictures_of("a castle on a hill", "a castle on a hill, fog", "a castle on a hill, fog, gloomy")
    action = act("meh go back to the cheerful one", context)
    assert isinstance(action, Revert) and action.image == 2, action
    action = act("back to the sunny one and add a flag", context)
    assert isinstance(action, Edit) or action.intent == "branch", action
    assert Add(thing="a flag") in action.ops


@pytest.mark.parametrize("text", ["ugh his hands look melted, again", "the fence looks like spaghetti. reroll please",
                                  "cool but the cabin looks kinda wrong"])
def test_a_complaint_then_again_redraws_with_a_new_seed(text):
    assert isinstance(act(text, ctx(LAKE)), Repeat), text


def test_a_count_written_as_x4_is_that_many_new_takes():
    action = act("x3 new seeds", ctx(LAKE))
    assert isinstance(action, Repeat) and action.count == 3, action


@pytest.mark.parametrize("text", ["no wait, keep the northern lights", "actually no, leave the cabin", "nah bring back the lake"])
def test_a_change_taken_back_at_once_is_an_undo(text):
    assert isinstance(act(text, ctx(LAKE, pictures=2)), Undo), text


def test_keep_without_a_change_of_mind_is_not_an_undo():
    assert not isinstance(act("no wait, keep the northern lights", ctx(LAKE, pictures=1)), Undo)


@pytest.mark.parametrize("text, op", [
    ("great, now one in the fog", SetSlot(slot="weather", value="in thick fog")),
    ("can you make one where it's snowing", SetSlot(slot="weather", value="in the snow")),
    ("autumn version", SetSlot(slot="season", value="in autumn")),
    ("dark mode version", Add(thing="dark mode")),
    ("a version with a canoe please", Add(thing="a canoe")),
])
def test_one_or_a_version_is_this_picture_changed(text, op):
    action = act(text, ctx(LAKE))
    assert isinstance(action, Edit) and op in action.ops, (text, action)
    assert "cabin" in next_scene(action, ctx(LAKE).scene).subject


@pytest.mark.parametrize("text, aspect", [("a version for my desktop wallpaper, wide", "16:9"),
                                          ("make it 4:5 for instagram", "4:5"), ("3:2 so it works for a print", "3:2")])
def test_a_version_for_a_purpose_changes_the_shape_only(text, aspect):
    action = act(text, ctx(LAKE))
    assert isinstance(action, Edit) and SetSize(aspect=aspect) in action.ops, (text, action)
    assert all(isinstance(op, SetSize) for op in action.ops), action


@pytest.mark.parametrize("text, kept", [
    ("wunderbar! mach den himmel lila", "mach den himmel lila"),
    ("que lindo! pon un barco en el lago", "un barco en el lago"),
    ("magnifique ! tu peux ajouter un renard ?", "a fox"),
])
def test_praise_in_another_language_then_a_request_changes_the_picture(text, kept):
    action = act(text, ctx(LAKE))
    assert isinstance(action, Edit), (text, action)
    scene = next_scene(action, ctx(LAKE).scene)
    assert "cabin" in scene.subject, action
    if isinstance(action.ops[0], Add):  # the phrasebook's English, or the words as typed where it cannot read them
        assert action.ops[0].thing == kept


@pytest.mark.parametrize("text", ["merci, bonne soirée", "grazie mille, ciao", "danke, tschüss"])
def test_thanks_in_another_language_stay_small_talk(text):
    assert isinstance(act(text, ctx(LAKE)), Chat), text


@pytest.mark.parametrize("text, added", [("in soft focus pls", "in soft focus"),
                                         ("brushed copper material", "brushed copper material"),
                                         ("matte ceramic finish", "matte ceramic finish"),
                                         ("posterize it in red and cream", "posterize in red and cream")])
def test_a_short_qualifier_keeps_the_subject(text, added):
    action = act(text, ctx(LAKE))
    assert isinstance(action, Edit) and Add(thing=added) in action.ops, (text, action)


def test_moar_is_more():
    action = act("moar stars", ctx(LAKE))
    assert isinstance(action, Edit), action


def test_a_new_text_on_a_sign_replaces_only_the_lettering():
    context = ctx("a shop window with a sign that says SALE, evening")
    action = act("make it say SOLD OUT", context)
    assert isinstance(action, Edit), action
    assert "says SOLD OUT" in next_scene(action, context.scene).subject
    context = ctx("a birthday cake that reads 'HAPPY 30TH' with candles")
    action = act("change the text to 'HAPPY 40TH'", context)
    assert "'HAPPY 40TH'" in next_scene(action, context.scene).subject


def test_and_after_a_removal_removes_too():
    context = after("get rid of the cabin")
    action = act("and the lake", context)
    assert isinstance(action, Edit) and action.ops == (Remove(thing="lake"),), action
    assert act("and a canoe", after("add a dog")).ops == (Add(thing="a canoe"),)


def test_a_bare_noun_after_a_subject_swap_swaps_again():
    context = after("same but a wolf", "a wolf howling on a ridge at night")
    action = act("now a coyote", context)
    assert isinstance(action, Edit) and any(isinstance(op, Replace) for op in action.ops), action
    assert isinstance(act("now a coyote", ctx("a wolf howling on a ridge at night")), New)


@pytest.mark.parametrize("word", ["female", "bald", "older"])
def test_make_him_an_adjective_is_how_he_looks_not_what_he_does(word):
    action = act(f"make him {word}", ctx("a knight in armour on a horse"))
    assert isinstance(action, Edit), action
    assert not any(isinstance(op, Add) and op.thing.endswith("ing") for op in action.ops), action


def test_a_local_model_is_named_by_its_folder_not_its_path():
    assert shown_model("/home/someone/models/my-sd") == "my-sd"
    assert shown_model("./models/tiny/") == "tiny"
    assert shown_model("stabilityai/sd-turbo") == "stabilityai/sd-turbo"


@pytest.mark.parametrize("text, gentle", [("just slightly warmer light, don't change much", True),
                                          ("add a subtle glow to the windows", True), ("add a big red barn", False)])
def test_a_gentle_change_of_a_given_picture_keeps_more_of_it(text, gentle):
    from conversation import keep

    action = act(text, ctx(LAKE))
    decision = keep.decide(action, keep.read(text), attached=True, has_previous=True)
    assert decision.source == "attached"
    assert (decision.strength <= keep.GENTLE) == gentle, (text, decision)


@pytest.mark.parametrize("text", ["eww", "yuck!", "ew gross"])
def test_disgust_alone_is_answered_not_drawn(text):
    for context in (ctx(None), ctx(LAKE)):
        assert isinstance(act(text, context), Chat), text


def test_disgust_before_a_request_leaves_the_request():
    context = ctx(LAKE)
    action = act("eww no cabin, make it a lighthouse", context)
    assert isinstance(action, Edit), action
    prompt = ", ".join(next_scene(action, context.scene).phrases())
    assert "cabin" not in prompt and "lighthouse" in prompt and "frozen lake" in prompt, prompt


def test_a_new_medium_replaces_the_style_preset():
    from conversation.actions import SetStyle

    context = ctx(LAKE)
    styled = next_scene(Edit(ops=(SetStyle(style="watercolor"),)), context.scene)
    action = act("now as a woodcut print", context.model_copy(update={"scene": styled}))
    scene = next_scene(action, styled)
    assert scene.medium == "woodcut print" and scene.style == "none", scene
    action = act("make it look like a thermal camera image", context)
    assert action.ops == (SetSlot(slot="medium", value="thermal camera image"),), action


@pytest.mark.parametrize("text, op", [
    ("togli le lune", Remove(thing="moons")),
    ("sans les tulipes", Remove(thing="tulips")),
    ("ohne Musiker bitte", Remove(thing="musicians")),
    ("y que no haya nubes", Remove(thing="clouds")),
    ("zonder mensen natuurlijk", Remove(thing="people")),
    ("pon unas palmeras", Add(thing="palm trees")),
])
def test_phrasebook_things_and_ways_of_saying_without(text, op):
    action = act(text, ctx(LAKE))
    assert isinstance(action, Edit) and action.ops == (op,), (text, action)


@pytest.mark.parametrize("text, style", [("claymation version pls", "claymation"), ("a low poly version of this", "low-poly"),
                                         ("steampunk version", "steampunk")])
def test_a_style_version_is_the_style(text, style):
    from conversation.actions import SetStyle

    action = act(text, ctx(LAKE))
    assert isinstance(action, Edit) and action.ops == (SetStyle(style=style),), (text, action)


def test_a_preset_and_a_look_in_one_message_are_both_kept():
    action = act("black and white, like an old newspaper photo", ctx(LAKE))
    scene = next_scene(action, ctx(LAKE).scene)
    assert scene.style == "black-and-white" and scene.medium == "old newspaper photo", scene


@pytest.mark.parametrize("text, aspect", [("make it a 3:4 print", "3:4"), ("as a 9:16 story", "9:16")])
def test_a_format_with_a_shape_is_the_shape(text, aspect):
    action = act(text, ctx(LAKE))
    assert isinstance(action, Edit) and action.ops == (SetSize(aspect=aspect),), (text, action)


@pytest.mark.parametrize("text, description, count", [
    ("two different mascots for a soup brand", "a mascot for a soup brand", 2),
    ("give me 4 variations of a treehouse at dusk", "a treehouse at dusk", 4),
    ("3 options for a wedding invitation with roses", "a wedding invitation with roses", 3),
    ("3 ducks in a pond", "3 ducks in a pond", 1),
])
def test_a_count_of_separate_pictures_is_read_for_a_new_one(text, description, count):
    from conversation.scene_plan import plan_scene
    from conversation.turn_input import TurnSettings

    action = act(text, ctx(None))
    assert isinstance(action, New) and action.count == count, (text, action)
    assert description in action.description, action
    planned = plan_scene(action, ctx(None), [], TurnSettings())
    assert planned[3] == count


@pytest.mark.parametrize("description, text, kept", [
    ("a paper boat sailing down a gutter stream after rain", "make it a rubber duck", "sailing down a gutter stream"),
    ("a knight climbing a spiral staircase", "make it a robot", "climbing a spiral staircase"),
])
def test_a_new_subject_keeps_what_the_old_one_was_doing(description, text, kept):
    context = ctx(description)
    scene = next_scene(act(text, context), context.scene)
    assert kept in " ".join(scene.phrases()), scene


@pytest.mark.parametrize("text, number", [
    ("back to the first lantern one", 2),
    ("go back to the first one with the lantern", 2),
    ("ok take the last lantern one", 3),
])
def test_an_ordinal_with_a_word_counts_among_the_pictures_that_have_it(text, number):
    context = pictures_of("a snowy pine forest", "a snowy pine forest, a red lantern on a branch",
                          "a snowy pine forest, a red lantern on a branch, at dusk", "a snowy pine forest at dawn")
    action = act(text, context)
    assert isinstance(action, Revert) and action.image == number, action


def test_an_ordinal_with_a_word_and_a_change_branches_from_that_picture():
    context = pictures_of("a tabby cat on a windowsill", "a tabby cat on a windowsill, a teacup", "a tabby cat at night")
    action = act("take the first teacup one and make it blue", context)
    assert action.intent == "branch" and action.image == 2, action


@pytest.mark.parametrize("text, number", [
    ("honestly i liked it better before the kite", 3),
    ("go back to before the rain", 2),
    ("the hill one without the rain", 2),
])
def test_back_to_before_a_thing_is_the_latest_picture_without_it(text, number):
    context = pictures_of("a boy on a hill", "a boy on a hill, at dusk", "a boy on a hill, at dusk, rain",
                          "a boy on a hill, at dusk, rain, a red kite")
    action = act(text, context)
    if number == 3:  # the picture just before the one on screen: the same as an undo
        assert isinstance(action, Undo), action
    else:
        assert isinstance(action, Revert) and action.image == number, action


@pytest.mark.parametrize("text, count", [("show me a few alternatives", 3), ("gimme 2", 2), ("can i see other versions?", 1),
                                         ("again but different", 1), ("other takes?", 1)])
def test_more_takes_asked_in_many_words_are_repeats(text, count):
    action = act(text, ctx(LAKE))
    assert isinstance(action, Repeat) and action.count == count, action


@pytest.mark.parametrize("text, topic", [("why did you add soft light?", "prompt"), ("could you explain what you changed?", "describe")])
def test_what_the_chat_did_to_the_words_is_answered(text, topic):
    action = act(text, ctx(LAKE))
    assert isinstance(action, Question) and action.topic == topic, action


@pytest.mark.parametrize("text", ["rate it", "could you rate this out of 10?"])
def test_an_opinion_asked_is_not_drawn(text):
    assert isinstance(act(text, ctx(LAKE)), Chat)


def test_a_question_names_an_earlier_picture_by_what_is_in_it():
    context = pictures_of("a lamp shaped like a tulip", "a chair shaped like a hand", "a rug shaped like a leaf")
    action = act("what seed did the hand chair have?", context)
    assert isinstance(action, Question) and action.topic == "seed" and action.image == 2, action


def test_a_link_is_answered_with_how_to_give_a_picture():
    action = act("https://example.org/photos/dog.jpg", ctx(LAKE))
    assert isinstance(action, Help) and action.topic == "uploads" and "attach" in help_text(action), action


@pytest.mark.parametrize("text, topic", [("could you save this one for me", "files"), ("email it to my mum", "files"),
                                         ("delete that picture", "manage"), ("reset the conversation", "manage"),
                                         ("where can i find all my pictures?", "manage")])
def test_what_is_done_with_a_picture_rather_than_to_it_is_answered(text, topic):
    action = act(text, ctx(LAKE))
    assert isinstance(action, Help) and action.topic == topic, action


def test_deleting_a_thing_in_the_picture_is_still_an_edit():
    assert act("delete the cabin", ctx(LAKE)).intent == "edit"
