"""A word of how the picture feels before praise or news (conversation/reaction.py), questions about the chat asked in
other words or languages (conversation/capability.py), a fault said with "so", a request asked as a Spanish question,
and "the first one was fine" as a way back."""

from __future__ import annotations

import pytest

from conversation.actions import Add, Branch, Chat, Edit, Help, New, Question, Repeat, Revert, SetSize, SetSlot, SetStyle, Undo
from conversation.rules import understand
from tests.conversation_context import ctx

ON_SCREEN = "a lighthouse on a cliff at dusk"


@pytest.mark.parametrize("text", ["spooky. love it", "so peaceful. i've been in meetings all day", "dreamy!! my sister would adore this"])
def test_a_word_of_feeling_then_praise_or_news_is_answered(text):
    assert isinstance(understand(text, ctx(ON_SCREEN, pictures=2))[0], Chat)


@pytest.mark.parametrize("text", ["spookier. love it", "cozy. add a fireplace", "night. make it darker"])
def test_a_change_before_or_after_the_word_is_still_a_change(text):
    assert isinstance(understand(text, ctx(ON_SCREEN, pictures=2))[0], Edit)


@pytest.mark.parametrize("text", ["hmm it's so dark I can barely see anything", "its so dark, i cant make out anything"])
def test_a_fault_said_with_so_is_put_right(text):
    action = understand(text, ctx(ON_SCREEN, pictures=2))[0]
    assert isinstance(action, Edit) and any(isinstance(op, SetSlot) and "bright" in op.value for op in action.ops), action


def test_so_dark_said_with_praise_is_not_brightened():
    action = understand("it's so dark and moody, love it", ctx(ON_SCREEN, pictures=2))[0]
    assert not (isinstance(action, Edit) and any(isinstance(op, SetSlot) and "bright" in op.value for op in action.ops))


@pytest.mark.parametrize("text, topic", [
    ("is a transparent background possible?", "limits"),
    ("is it possible to get a higher resolution version?", "limits"),
    ("Is there a way to add the captions myself later?", "limits"),
    ("How do I credit these pictures in my slides?", "rights"),
    ("how does the --ar flag work?", "settings"),
    ("¿cómo guardo la imagen?", "files"),
    ("hola, cómo cambio el estilo?", "styles"),
    ("comment ça marche ?", "general"),
])
def test_the_chat_asked_about_is_help(text, topic):
    assert understand(text, ctx(ON_SCREEN, pictures=2))[0] == Help(topic=topic)


def test_a_change_asked_politely_as_possible_is_still_a_change():
    assert isinstance(understand("is it possible to make it darker?", ctx(ON_SCREEN))[0], Edit)


def test_a_settings_word_asked_before_any_picture_is_explained():
    assert understand("what's a seed?", ctx())[0] == Help(topic="settings")
    action = understand("what's a seed? my cousin keeps saying 'reuse the seed'", ctx())[0]
    assert isinstance(action, (Help, Question)), action


@pytest.mark.parametrize("text", ["¿le pones un gato en la ventana?", "qué bonito, pero algo vacío... ¿le añades un gato?",
                                  "¿Puede llevar un sombrero?"])
def test_a_request_asked_as_a_spanish_question_is_a_change(text):
    assert isinstance(understand(text, ctx("a dog on a porch", pictures=2))[0], Edit)


def test_can_i_make_it_look_like_a_style_is_a_change():
    action = understand("can i make it look like a watercolor?", ctx(ON_SCREEN))[0]
    assert isinstance(action, Edit) and any(isinstance(op, SetStyle) and op.style == "watercolor" for op in action.ops), action


@pytest.mark.parametrize("text", ["the first one was fine", "honestly the first one was perfect 🙃"])
def test_the_first_one_said_to_be_fine_is_gone_back_to(text):
    assert understand(text, ctx(ON_SCREEN, pictures=3))[0] == Revert(image=1)


def test_the_last_one_said_to_be_good_is_praise_not_a_way_back():
    assert not isinstance(understand("the last one was good", ctx(ON_SCREEN, pictures=3))[0], (Revert, Undo))


def test_a_space_left_in_the_middle_for_the_title_is_kept_clear():
    action = understand("Leave an empty space in the middle for the title", ctx(ON_SCREEN))[0]
    assert isinstance(action, Edit) and "in the middle" in action.ops[0].thing, action


def test_taken_back_out_with_their_own_plan_is_a_removal():
    action = understand("ok take the title back out, I'll add it myself in canva", ctx("a poster with the title Summer Fair"))[0]
    assert isinstance(action, Edit) and action.ops[0].thing == "title", action


@pytest.mark.parametrize("text", ["long week. my car broke down on tuesday, fixed now though",
                                  "it's been snowing for three days straight here",
                                  "こんばんは！友達にこのサイトを教えてもらいました"])
def test_a_day_told_before_any_picture_is_answered(text):
    assert isinstance(understand(text, ctx())[0], Chat), text


@pytest.mark.parametrize("text, picture", [
    ("long week. a fox asleep in a pile of leaves", "a fox asleep in a pile of leaves"),
    ("it's been snowing all week, draw a snowman with a red scarf", "a snowman with a red scarf"),
    ("こんにちは！猫の絵を描いてください", None),
])
def test_a_picture_asked_after_the_day_is_drawn(text, picture):
    action = understand(text, ctx())[0]
    assert isinstance(action, New), action
    assert picture is None or action.description == picture, action


def test_a_picture_named_by_what_it_has_is_branched_from():
    from tests.test_conversation_followups import pictures_of
    c = pictures_of("a red bicycle by a wall", "a blue bicycle by a wall", "a green bicycle by a wall")
    action = understand("hmm actually from the blue one, add a basket on the front", c)[0]
    assert action == Branch(image=2, ops=(Add(thing="a basket on the front"),)), action


def test_in_between_after_saying_it_went_too_far_tones_the_change_down():
    from tests.test_conversation_followups import pictures_of
    c = pictures_of("a cartoon owl", "a cartoon owl, very fluffy")
    action = understand("haha ok that's way too fluffy now, he looks like a pillow. somewhere in between?", c)[0]
    assert isinstance(action, Edit) and action.ops and all(":0." in op.new for op in action.ops), action


def test_a_reason_after_a_request_asked_as_a_question_is_left_out():
    action = understand("Could you add some fishermen on the shore, so the class sees how people lived there?",
                        ctx("a viking village by a fjord"))[0]
    assert isinstance(action, Edit) and "class" not in str(action.ops), action


def test_praise_then_a_shape_is_the_shape():
    action = understand("perfect, widescreen so it fits my monitor", ctx(ON_SCREEN))[0]
    assert isinstance(action, Edit) and any(isinstance(op, SetSize) for op in action.ops), action


def test_a_new_pictures_words_pointing_at_the_one_on_screen_change_it():
    action = understand("could you show some monks walking in front of it?", ctx("an old stone monastery on a hill"))[0]
    assert isinstance(action, Edit), action


def test_a_picture_given_named_then_said_attached_is_its_scene():
    c = ctx().model_copy(update={"attached": True})
    action = understand("Our bathroom, attached. What would it look like with green tiles and a brass mirror?", c)[0]
    assert isinstance(action, New) and "bathroom" in action.description, action
    assert any(isinstance(op, Add) and "green tiles" in op.thing for op in action.ops), action


@pytest.mark.parametrize("text", ["Actually I preferred it before, the new one crops the sky weirdly",
                                  "no actually blue was better, put it back"])
def test_the_one_before_preferred_goes_back(text):
    from tests.test_conversation_followups import pictures_of
    action = understand(text, pictures_of("a blue kite over a hill", "a red kite over a hill, wide"))[0]
    assert isinstance(action, (Undo, Revert)) and not isinstance(action, Branch), action


def test_the_one_with_a_thing_named_is_branched_from():
    from tests.test_conversation_followups import pictures_of
    c = pictures_of("a lighthouse with gulls", "a lighthouse with boats", "a lighthouse at dawn")
    action = understand("from the one with the gulls, try a night version instead", c)[0]
    assert isinstance(action, Branch) and action.image == 1, action


def test_what_size_to_use_is_help_on_settings():
    assert understand("What size should I use for a phone wallpaper?", ctx(ON_SCREEN))[0] == Help(topic="settings")


def test_a_change_said_as_a_feeling_is_a_change():
    action = understand("i feel like it needs more light", ctx("a reading nook"))[0]
    assert isinstance(action, Edit) and any(isinstance(op, SetSlot) and "bright" in op.value for op in action.ops), action


def test_a_wish_relayed_with_also_is_their_request():
    action = understand("she also wants a unicorn on the wall 🙄", ctx("a girl's bedroom"))[0]
    assert isinstance(action, Edit) and any(isinstance(op, Add) and "unicorn" in op.thing for op in action.ops), action


def test_let_it_have_in_spanish_is_a_change():
    assert isinstance(understand("que tenga un sombrero rojo", ctx("un gato negro"))[0], Edit)


@pytest.mark.parametrize("scene, text, thing", [
    ("a lighthouse on rocks", "it'd be cool if there were seals on the rocks", "seals on the rocks"),
    ("a snowman in a garden", "would be funnier if he was wearing sunglasses tbh", "sunglasses"),
    ("two chairs by a window", "a sleeping dog between them would be perfect", "a sleeping dog between them"),
    ("a beach with palm trees", "best thing all week honestly. it'd be perfect with a surfboard", "a surfboard"),
    ("a knight on a hill", "it would be nice if he had a green cape", "a green cape"),
])
def test_what_would_make_it_better_is_the_change(scene, text, thing):
    action = understand(text, ctx(scene))[0]
    assert isinstance(action, Edit) and any(isinstance(op, Add) and op.thing == thing for op in action.ops), action


def test_a_way_back_with_a_change_said_as_instead_is_a_branch():
    from tests.test_conversation_followups import pictures_of
    c = pictures_of("a harbour", "a harbour at sunset", "a harbour at night")
    action = understand("go back to the first one, and instead make it snowy", c)[0]
    assert isinstance(action, Branch) and action.image == 1, action


def test_a_way_back_with_its_reason_after_goes_back():
    from tests.test_conversation_followups import pictures_of
    action = understand("nah, go back to the otter, it was cuter", pictures_of("an otter with a hat", "a beaver with a hat"))[0]
    assert action == Revert(image=1), action


@pytest.mark.parametrize("text", ["tu peux m'en faire une autre version ?", "kannst du noch eine machen?"])
def test_another_one_asked_in_another_language_is_another_take(text):
    assert isinstance(understand(text, ctx("un phare", pictures=2))[0], Repeat)


@pytest.mark.parametrize("text", ["lol she says the owl is too cute to be scary", "now he's asking if owls can actually read. great.",
                                  "Splendid! The vicar will be delighted.", "That takes me straight back. My mother used to take us every July.",
                                  "Dear Sir, that is first rate. I rode that very tram as a boy."])
def test_what_others_think_and_old_memories_are_answered(text):
    assert isinstance(understand(text, ctx("an owl in a library", pictures=2))[0], Chat), text


@pytest.mark.parametrize("text, thing", [
    ("she says the mouse is a boy and he needs a little blue cape", "a little blue cape"),
    ("she asked if the fairy could have a little backpack", "backpack"),
])
def test_a_wish_relayed_after_a_fact_or_as_a_question_is_the_change(text, thing):
    action = understand(text, ctx("a mouse and a fairy in a garden", pictures=2))[0]
    assert isinstance(action, Edit) and any(isinstance(op, Add) and thing in op.thing for op in action.ops), action


@pytest.mark.parametrize("text, topic", [
    ("Hello, I hope you are well. I have a question before I begin: do I need to pay for each picture?", "cost"),
    ("Could you tell me how many of these I am permitted to make in a day?", "cost"),
    ("can you do hires fix or upscale it?", "limits"),
])
def test_the_app_asked_about_politely_is_help(text, topic):
    assert understand(text, ctx(ON_SCREEN, pictures=2))[0] == Help(topic=topic)


@pytest.mark.parametrize("scene, text, kind", [
    ("ein Fuchs im Wald", "Kannst du das als Pixel-Art machen?", SetStyle),
    ("un paysage de Toscane avec des cyprès", "Pourriez-vous enlever les cyprès ?", Edit),
    ("ein Bär im Wald", "Kann er noch eine Torte halten?", Edit),
])
def test_a_change_asked_as_a_question_in_another_language_is_made(scene, text, kind):
    action = understand(text, ctx(scene, pictures=2))[0]
    assert isinstance(action, Edit) and (kind is Edit or any(isinstance(op, kind) for op in action.ops)), action


def test_the_first_said_better_in_another_language_goes_back():
    assert understand("la primera era mejor", ctx("un perro", pictures=3))[0] == Revert(image=1)


@pytest.mark.parametrize("scene, text", [
    ("a cozy cabin", "nice. the light's a bit cold tho, warmer?"),
    ("saturn in space", "saturn's rings are missing!"),
    ("a robot mascot", "ok try giving it a big smile and a tiny bow tie"),
    ("a cartoon dog", "ok fix his eyes in that one, normal happy eyes"),
])
def test_a_change_said_in_passing_is_made(scene, text):
    assert isinstance(understand(text, ctx(scene, pictures=2))[0], Edit), text


def test_the_one_without_a_thing_or_the_plain_one_is_gone_back_to():
    from tests.test_conversation_followups import pictures_of
    cafe = pictures_of("a cafe interior", "a cafe interior with a person reading", "a cafe interior with a person reading, at night")
    action = understand("go back to the one without the person, but make that one pink and teal", cafe)[0]
    assert isinstance(action, Branch) and action.image == 1, action
    giraffes = pictures_of("a giraffe", "a giraffe wearing a scarf", "a giraffe wearing a scarf and sunglasses")
    assert understand("go back to the normal giraffe, she changed her mind", giraffes)[0] == Revert(image=1)
    assert understand("ok go back to the one with the scarf, Sam won", giraffes)[0] == Revert(image=2)


@pytest.mark.parametrize("text", ["Oh that is nice. It is bucketing down here, the kids are stuck indoors.",
                                  "Too windy to go out today, so this will do!", "Il pleut à verse ici, on reste à la maison",
                                  "ok back to the office 😴", "thats just a grey blob bro", "roll a d6 for me", "knock knock"])
def test_the_weather_where_one_is_leaving_and_verdicts_are_answered(text):
    assert isinstance(understand(text, ctx("a lighthouse", pictures=2))[0], Chat), text


@pytest.mark.parametrize("text", ["is it true that owls can turn their heads all the way round", "how far is the moon from here"])
def test_a_question_about_the_world_is_answered(text):
    assert isinstance(understand(text, ctx())[0], Chat), text


@pytest.mark.parametrize("scene, text", [
    ("a tree in a park", "Now I want that the tree have yellow leaves"),
    ("a puppy", "please do him more happy"),
    ("a kitchen table", "Is better if there is a cat under the table"),
    ("a wizard", "he needs to look grumpier"),
    ("a mountain lake", "the sky looks boring tbh"),
    ("a christmas card with a robin", "Oh my. Can it say Happy New Year at the top?"),
    ("ein Wohnzimmer mit einer Katze", "Sehr schön! Nur ohne Katze bitte, ich bin allergisch 😅"),
])
def test_a_change_in_a_learners_words_or_as_a_need_is_made(scene, text):
    assert isinstance(understand(text, ctx(scene, pictures=2))[0], Edit), text


@pytest.mark.parametrize("text, topic", [
    ("does dall-e always get the spelling right?", "limits"),
    ("¿puedo usarla para la tienda de mi hermana?", "rights"),
    ("ça coûte combien ce service ?", "cost"),
    ("kannst du auch Videos machen?", "limits"),
    ("この画像は保存できますか？", "files"),
])
def test_the_app_asked_about_in_other_words_is_help_on_its_topic(text, topic):
    assert understand(text, ctx(ON_SCREEN, pictures=2))[0] == Help(topic=topic)


@pytest.mark.parametrize("text", ["my wife says it looked better before 🙄 fine", "Now she's changed her mind and wants the old one 🙂"])
def test_the_one_before_preferred_by_someone_else_goes_back(text):
    assert isinstance(understand(text, ctx(ON_SCREEN, pictures=2))[0], Undo), text


def test_a_couple_of_different_ones_misspelt_are_more_takes():
    assert isinstance(understand("hmm try a couple diferent ones", ctx(ON_SCREEN, pictures=2))[0], Repeat)


def test_how_long_the_picture_took_is_still_a_question_about_it():
    assert understand("neat. how long did that take to make", ctx(ON_SCREEN, pictures=2))[0] == Question(topic="time")
