"""Short follow-ups right after a picture change it ("blue eyes", "a scarf too", "gothic"), a corrected subject
replaces the old one ("no, a horse"), and the readings around them that a person expects: a style said in front of
a subject keeps the subject, a lone time of day is the time, a format with a shape is the shape, questions about
what the chat can do are answered, a look said "again" goes back to it. Each wording here differs from the
held-out sets'."""

from __future__ import annotations

import pytest

from conversation.actions import Chat, Edit, Help, New, Repeat, Revert, SetSize, SetSlot, SetStyle, Undo
from conversation.interpreter import Context, Picture
from conversation.rules import understand
from tests.conversation_context import ctx, next_scene, scene_of
from tests.test_conversation_followups import pictures_of


def after(description: str, message: str):
    """The action a message is read as with ``description`` on screen, and the prompt it leaves (None if nothing drawn)."""
    context = ctx(description)
    action = understand(message, context)[0]
    scene = next_scene(action, context.scene)
    return action, ", ".join(scene.phrases()) if scene is not None else None


@pytest.mark.parametrize("description, message, subject, added", [
    ("portrait of an old sailor, studio light", "blue eyes", "sailor", "blue eyes"),
    ("a girl reading under a tree", "a scarf too", "girl", "scarf"),
    ("a knight on horseback", "earrings as well pls", "knight", "earrings"),
    ("a lighthouse on a cliff", "a rowing boat", "lighthouse", "rowing boat"),
    ("an astronaut floating in space", "golden visor", "astronaut", "golden visor"),
    ("a wooden cabin by a lake", "fireflies", "cabin", "fireflies"),
    ("a samurai standing in the rain", "cherry petals on the ground", "samurai", "cherry petals"),
    ("a treasure chest in a cave", "gems spilling over the edge", "chest", "gems"),
])
def test_a_few_words_after_a_picture_change_it(description, message, subject, added):
    action, prompt = after(description, message)
    assert isinstance(action, Edit), action
    assert subject in prompt and added in prompt, prompt


@pytest.mark.parametrize("description, word, expected", [
    ("a fox in the tundra", "arctic", "arctic fox"),
    ("a fish in a reef", "tropical", "tropical fish"),
])
def test_one_qualifying_word_qualifies_the_subject(description, word, expected):
    action, prompt = after(description, word)
    assert isinstance(action, Edit) and expected in prompt, (action, prompt)


@pytest.mark.parametrize("description, message", [
    ("a castle on a hill", "now a lighthouse"),
    ("a castle on a hill", "a huge red fox sleeping in the snow"),
    ("a bowl of ramen", "vaporwave dolphin"),
])
def test_a_new_subject_of_its_own_is_still_a_new_picture(description, message):
    assert isinstance(understand(message, ctx(description))[0], New)


@pytest.mark.parametrize("description, message, gone, kept", [
    ("a cow", "no, a horse", "cow", "horse"),
    ("a teapot", "nope, a kettle", "teapot", "kettle"),
])
def test_a_corrected_subject_replaces_the_old_one(description, message, gone, kept):
    action, prompt = after(description, message)
    assert isinstance(action, Edit) and gone not in prompt and kept in prompt, (action, prompt)


def test_the_same_subject_said_again_with_a_quality_is_that_subject_changed():
    action, prompt = after("a giraffe on the savanna", "a taller giraffe")
    assert isinstance(action, Edit) and prompt.count("giraffe") == 1 and "taller giraffe" in prompt, prompt


@pytest.mark.parametrize("message, subject, style", [
    ("cyberpunk fox, rain, neon reflections", "fox", "cyberpunk"),
    ("steampunk lighthouse, copper pipes, fog", "lighthouse", "steampunk"),
])
def test_a_style_said_in_front_of_the_subject_keeps_the_subject(message, subject, style):
    action = understand(message, ctx(None))[0]
    assert isinstance(action, New) and subject in action.description, action
    assert SetStyle(style=style) in action.ops


def test_a_style_word_in_a_place_at_the_end_is_the_place():
    action = understand("a stray dog, cyberpunk alley", ctx(None))[0]
    assert isinstance(action, New) and "alley" in action.description, action


def test_a_first_thought_taken_back_is_not_drawn():
    action = understand("a blue bicycle... hmm no, bikes are dull. a red scooter instead", ctx(None))[0]
    assert isinstance(action, New) and "scooter" in action.description and "bicycle" not in action.description, action


@pytest.mark.parametrize("message, value", [("evening", "in the evening"), ("morning", "in the morning")])
def test_a_lone_time_of_day_with_a_picture_is_the_time(message, value):
    action = understand(message, ctx("a tram crossing a bridge"))[0]
    assert isinstance(action, Edit) and SetSlot(slot="time", value=value) in action.ops, action


@pytest.mark.parametrize("message, scene", [("good evening", "a tram"), ("evening!", "a tram"), ("morning", None)])
def test_a_greeting_is_still_a_greeting(message, scene):
    assert isinstance(understand(message, ctx(scene))[0], Chat)


@pytest.mark.parametrize("message, aspect", [
    ("print format please, tall", "2:3"),
    ("1080p wallpaper", "16:9"),
    ("wallpaper size pls", "16:9"),
    ("same picture but portrait", "2:3"),
    ("the same but square", "1:1"),
])
def test_a_format_said_with_its_shape_is_only_the_shape(message, aspect):
    action, prompt = after("a jazz club poster, art deco", message)
    assert isinstance(action, Edit) and SetSize(aspect=aspect) in action.ops, action
    assert "wallpaper" not in prompt and "format" not in prompt and "portrait" not in prompt, prompt


@pytest.mark.parametrize("message, topic", [
    ("can you do readable text on signs or is it always garbled?", "limits"),
    ("can u also make short videos or only pictures?", "limits"),
    ("can it draw fingers properly? 😅", "limits"),
    ("what sort of things can you draw?", "general"),
    ("could you go bigger than 2048?", "settings"),
])
def test_what_the_chat_can_do_is_answered_not_drawn(message, topic):
    action = understand(message, ctx("a cat on a sofa"))[0]
    assert action == Help(topic=topic), action


@pytest.mark.parametrize("message", ["not much, just chilling", "ur so talented", "i'm fine, hbu"])
def test_talk_about_oneself_or_the_bot_is_small_talk(message):
    assert isinstance(understand(message, ctx("a cat on a sofa"))[0], Chat)


@pytest.mark.parametrize("message, count", [("make 3 of these", 3), ("give me two like this", 2)])
def test_a_number_of_these_is_that_many_new_takes(message, count):
    assert understand(message, ctx("a cat on a sofa"))[0] == Repeat(count=count)


def test_a_calm_sea_takes_out_the_rough_one():
    action, prompt = after("a rough sea at dawn, a lone sailboat", "calm sea")
    assert isinstance(action, Edit) and "calm sea" in prompt and "rough" not in prompt, prompt


def test_a_version_named_with_again_is_that_picture_back():
    context = pictures_of("a fox in a teacup", "a hedgehog in a teacup")
    assert understand("make the fox version again", context)[0] == Revert(image=1)


def test_the_colour_one_is_the_latest_picture_not_in_black_and_white():
    context = pictures_of("a red vespa in rome", "a red vespa in rome, black and white photograph",
                          "a red vespa in rome, black and white photograph, film grain")
    assert understand("back to the colour one", context)[0] == Revert(image=1)


def test_a_look_said_again_goes_back_to_the_picture_that_had_it():
    context = pictures_of("a gloomy castle", "a castle, cheerful mood")
    assert understand("gloomy again please", context)[0] == Undo()


def test_a_look_said_again_that_no_picture_had_is_asked_for():
    context = pictures_of("a castle on a hill", "a castle on a hill, cheerful mood")
    action = understand("eerie again pls", context)[0]
    assert isinstance(action, Edit) and any(isinstance(op, SetSlot) and op.slot == "mood" for op in action.ops), action


def test_a_new_time_takes_out_a_time_written_as_a_tag():
    context = Context(scene=scene_of("1boy, silver armor, sunset, castle gate, masterpiece", seed=3),
                      pictures=(Picture(number=1, seed=3, prompt_sent="1boy, silver armor, sunset, castle gate, masterpiece"),))
    action = understand("at night", context)[0]
    prompt = ", ".join(next_scene(action, context.scene).phrases())
    assert "sunset" not in prompt and "night" in prompt and "castle gate" in prompt, prompt


def test_a_preset_style_replaces_an_artist_said_in_words():
    context = ctx("a vase of flowers")
    first = understand("in the style of morandi", context)[0]
    scene = next_scene(first, context.scene)
    second = understand("now ukiyo-e", Context(scene=scene, pictures=context.pictures))[0]
    prompt = ", ".join(next_scene(second, scene).phrases())
    assert "morandi" not in prompt and "flowers" in prompt, prompt


@pytest.mark.parametrize("message, added", [
    ("put her a crown", "crown"),
    ("make her wear a scarf", "wearing a scarf"),
    ("never mind, remove the umbrella", None),
])
def test_requests_in_other_shapes_change_the_person(message, added):
    action, prompt = after("a woman with an umbrella in the park", message)
    assert isinstance(action, Edit) and "woman" in prompt, (action, prompt)
    assert (added in prompt) if added else ("umbrella" not in prompt), prompt


def test_a_short_clause_in_another_language_changes_the_picture():
    action, prompt = after("a cozy cabin in the woods", "ohne die wolken am himmel")
    assert isinstance(action, Edit) and "cabin" in prompt, (action, prompt)


@pytest.mark.parametrize("message, aspect", [
    ("portrait pls, it's going on a bookmark", "2:3"),
    ("make it wide format, for the shop header", "3:2"),
    ("could i get it taller, like for a door poster", "2:3"),
    ("make it landscape so it fits a slide", "3:2"),
    ("wider, it's for my site header", "3:2"),
    ("this is for a brochure, can it be 3:2", "3:2"),
])
def test_a_shape_with_what_it_is_for_changes_only_the_shape(message, aspect):
    action, prompt = after("a lighthouse at dusk", message)
    assert isinstance(action, Edit) and SetSize(aspect=aspect) in action.ops, action
    assert prompt == ", ".join(scene_of("a lighthouse at dusk").phrases()), prompt  # nothing of the purpose is drawn


@pytest.mark.parametrize("message, topic", [
    ("do you support different sizes?", "settings"),
    ("can you work with photos I send?", "uploads"),
    ("can it make transparent pngs?", "limits"),
    ("could we edit the image after it's done?", "edits"),
    ("what should i do with these images", "files"),
])
def test_more_questions_about_the_chat_are_answered(message, topic):
    assert understand(message, ctx("a koi pond"))[0] == Help(topic=topic)


@pytest.mark.parametrize("message", [
    "did you use the same seed for that?",
    "was that a new seed or the same one?",
])
def test_a_question_about_the_seed_is_answered_not_set(message):
    action = understand(message, ctx("a koi pond"))[0]
    assert action.intent == "question" and action.topic == "seed", action


@pytest.mark.parametrize("message", [
    "my mom used to grow roses like these", "the kids love it!!", "both look great", "hello! first time here",
    "nah just leave it as is, thanks",
])
def test_remarks_and_being_done_are_small_talk(message):
    assert isinstance(understand(message, ctx("a koi pond"))[0], Chat)


def test_being_done_is_not_a_request_to_keep_the_picture_for_a_change():
    from conversation.keep import read
    assert not read("ok keep it like this, thanks").keep
    assert read("keep the picture but make it snow").keep


@pytest.mark.parametrize("message, expected", [
    ("ugh no that's cursed. undo", Undo()),
    ("change it back", Undo()),
    ("can you do a few different ones", Repeat(count=3)),
    ("give me 2 options", Repeat(count=2)),
    ("more x3", Repeat(count=3)),
])
def test_history_in_other_shapes(message, expected):
    context = pictures_of("a koi pond", "a koi pond at night")
    assert understand(message, context)[0] == expected


def test_the_one_of_a_shape_is_that_picture():
    pics = tuple(Picture(number=i + 1, seed=5, width=w, height=h, prompt_sent="a lone tree")
                 for i, (w, h) in enumerate([(512, 768), (512, 512), (768, 512)]))
    context = Context(scene=scene_of("a lone tree"), pictures=pics, can_undo=True)
    assert understand("honestly the tall one was better, back to it", context)[0] == Revert(image=1)


@pytest.mark.parametrize("description, message, kept, gone, has", [
    ("a red barn on a hill", "paint the window frames white", "barn", None, "white window frames"),
    ("a blue potion bottle, game icon", "green one", "potion", "blue", "green"),
    ("a dancer in a yellow dress", "her feet look odd, could you fix the feet", "dancer", None, "well-formed feet"),
    ("a dragon over the castle", "make teh castle grey", "dragon", None, "grey castle"),
    ("a temple in the jungle", "neg prompt: tourists, watermark", "temple", "tourists", None),
])
def test_changes_in_other_shapes_keep_the_picture(description, message, kept, gone, has):
    action, prompt = after(description, message)
    assert isinstance(action, Edit) and kept in prompt, (action, prompt)
    assert gone is None or gone not in prompt, prompt
    assert has is None or has in prompt, prompt
