"""Follow-ups said in pieces or around the change they ask: clauses that are each a change ("grainy film look,
lens flare"), a reason or aside beside it ("… so there's room for a headline", "… of course", "he says …"), a
correction inside the message ("yellow. no wait, orange"), a seed, a look or "the one before" named to go
back, several more of a picture, a pasted settings line, sizes said as paper or words, what a new thing
replaces (its background, its colour said after it, its road, the other sex), a character or a look carried
into a new picture, and a picture given with the first message. Each wording here differs from the held-out
sets'."""

from __future__ import annotations

import re

import pytest

from conversation import words as w
from conversation.actions import (Add, Branch, Chat, Edit, Help, New, Question, Replace, Repeat, Revert, SetGuidance, SetSeed,
                                  SetSize, SetSteps, SetStyle, Undo)
from conversation.flags import extract_settings
from conversation.interpreter import Context
from conversation.rules import understand
from conversation.summary import understood_line
from tests.conversation_context import ctx, next_scene, scene_of
from tests.test_conversation_followups import pictures_of


def after(description: str, message: str):
    context = ctx(description)
    action = understand(message, context)[0]
    scene = next_scene(action, context.scene)
    return action, ", ".join(scene.phrases()) if scene is not None else None


@pytest.mark.parametrize("text, topic", [
    ("can u make logos with transparent backgrounds?", "limits"),
    ("could you export pdf?", "files"),
    ("should we print these at 600 dpi?", "files"),
    ("what does the vivid style do?", "settings"),
    ("can you draw faces well? mine always come out creepy", "limits"),
    ("can you render wallpapers in 8k?", "settings"),
])
def test_questions_about_what_the_chat_can_do_are_answered(text, topic):
    action = understand(text, ctx("a fox logo"))[0]
    assert isinstance(action, Help) and action.topic == topic, action


@pytest.mark.parametrize("text", ["¿cuánto tarda una imagen?", "kannst du bilder in 4k machen?", "quanto tempo leva uma imagem?"])
def test_a_question_in_another_language_is_answered_before_any_picture(text):
    assert isinstance(understand(text, ctx())[0], Help)


@pytest.mark.parametrize("text", ["looks about the same", "meh, barely any change", "i can't tell the difference"])
def test_a_change_too_small_to_see_is_said_not_drawn(text):
    action = understand(text, ctx("a fox logo", pictures=2))[0]
    assert isinstance(action, Chat) and action.kind == "negative", action


def test_room_for_words_is_kept_clear_with_the_shape():
    action, prompt = after("a mountain lake at dawn", "make it wide so there's space for a headline at the top")
    assert isinstance(action, Edit) and any(isinstance(op, SetSize) for op in action.ops)
    assert "lake" in prompt and "negative space at the top" in prompt, prompt


@pytest.mark.parametrize("description, message, kept, added", [
    ("portrait of a jazz singer", "grainy film look, lens flare", "singer", "lens flare"),
    ("a coloring page of a dinosaur", "bolder outlines, for toddlers", "dinosaur", "kid-friendly"),
    ("a harbour with fishing boats", "make it snowy of course", "harbour", "snow"),
    ("a dragon on a castle", "my daughter says the dragon should be purple", "castle", "purple"),
])
def test_a_change_said_in_pieces_or_with_an_aside_changes_the_picture(description, message, kept, added):
    action, prompt = after(description, message)
    assert isinstance(action, Edit), action
    assert kept in prompt and added in prompt, prompt


def test_words_asked_for_where_none_were_lettered_are_added():
    action, prompt = after("a bakery storefront with a striped awning", "make the banner read 'GRAND OPENING'")
    assert isinstance(action, Edit) and '"GRAND OPENING"' in prompt and "bakery" in prompt, prompt


def test_going_back_by_the_one_before_a_seed_or_where_a_look_comes_from():
    three = pictures_of("a barn, watercolor", "a barn, oil painting", "a barn, oil painting, at night")
    assert isinstance(understand("lol the version before was better", three)[0], Undo)
    seeded = pictures_of("a paper kite", "a paper kite", seeds=(777, 12))
    assert isinstance(understand("hmm seed 777 was nicer, go back", seeded)[0], Undo)
    looks = pictures_of("a bridge, impressionist painting, monet", "a bridge, ukiyo-e woodblock print", "a bridge, pixel art")
    assert understand("no, the french one", looks)[0] == Revert(image=1)


@pytest.mark.parametrize("text, count", [("now 4 of these", 4), ("2 more with new seeds", 2), ("three of those please", 3)])
def test_several_more_of_a_picture(text, count):
    assert understand(text, ctx("a ceramic vase"))[0] == Repeat(count=count)


def test_a_colour_corrected_in_the_same_message_is_the_one_meant():
    action, prompt = after("a sports car in a garage", "make the car yellow. no wait, orange")
    assert "orange" in prompt and "yellow" not in prompt, (action, prompt)


def test_a_pasted_settings_line_sets_each_setting_and_is_not_drawn():
    ops, rest = extract_settings("portrait of a knight Steps: 30, Sampler: DPM++ 2M, CFG scale: 5.5, Seed: 7, Size: 512x768")
    assert SetSteps(steps=30) in ops and SetGuidance(guidance=5.5) in ops and SetSeed(seed=7) in ops
    assert SetSize(width=512, height=768) in ops and rest.strip() == "portrait of a knight"


@pytest.mark.parametrize("text, size", [
    ("640 by 960", SetSize(width=640, height=960)),
    ("make it 800 wide and 400 tall", SetSize(width=800, height=400)),
    ("A3 landscape", SetSize(aspect="1.41:1")),
    ("as an A6 postcard", SetSize(aspect="1:1.41")),
    ("2.35:1 please", SetSize(aspect="2.35:1")),
    ("same thing on my laptop", SetSize(aspect="16:9")),
    ("for the desktop please", SetSize(aspect="16:9")),
])
def test_sizes_said_in_words_or_as_paper(text, size):
    assert size in extract_settings(text)[0]


@pytest.mark.parametrize("description, message, gone, kept", [
    ("a perfume bottle, red velvet background, studio light", "make the background black", "red velvet", "black background"),
    ("a vintage bicycle in bright yellow, leaning on a wall", "make it blue", "yellow", "blue"),
    ("a hiker walking along a busy street at night", "mountain trail", "street", "mountain trail"),
    ("elf ranger, male, longbow, forest", "make him female", "male,", "female"),
    ("a reading nook, wooden chair, bookshelves", "swap the chair for a leather one", "wooden chair", "leather chair"),
    ("a bowl of apples on a table", "no apples, pears instead", "apples", "pears"),
    ("a dog in a party hat, caption 'best boy'", "no caption, I'll put it in later", "best boy", "dog"),
    ("a woman with straight hair", "more curly", "straight", "curly"),
    ("a cyberpunk alley, rain", "lose the rain", "rain", "alley"),
    ("an illustration of a red barn", "make it photorealistic", "illustration", "barn"),
    ("a poster, purple and yellow, bold type", "black and white only", "purple", "poster"),
    ("<lora:inkStyle:0.8> a fox in a forest", "drop the lora", "lora", "fox"),
    ("a plate of pasta, close up, dark moody lighting", "brighter", "moody", "pasta"),
    ("a thumbnail of a shocked guy, 'I ATE 10, 000 CALORIES', bright colors", "no text actually", "CALORIES", "shocked guy"),
])
def test_what_a_change_takes_the_place_of_goes(description, message, gone, kept):
    action, prompt = after(description, message)
    assert isinstance(action, Edit), action
    assert not re.search(rf"(?<![\w-]){re.escape(gone)}", f"{prompt},") and kept in prompt, prompt


def test_a_character_or_a_look_carries_into_a_new_picture():
    boy = ctx(scene_of("a small boy with a blue backpack waiting at a bus stop", style="children-book", seed=1))
    action = understand("now the same boy climbing a tree", boy)[0]
    assert isinstance(action, New) and "blue backpack climbing a tree" in action.description
    assert SetStyle(style="children-book") in action.ops and "bus stop" not in action.description
    fox = ctx(scene_of("a fox", style="watercolor", seed=1))
    action = understand("next do a heron in the same style", fox)[0]
    assert isinstance(action, New) and action.description == "a heron" and SetStyle(style="watercolor") in action.ops


def test_a_labelled_new_description_after_a_picture_is_a_new_picture():
    action = understand("book cover: a lone astronaut on a red desert planet, pulp sci-fi, bold title", ctx("a cat"))[0]
    assert isinstance(action, New), action


def test_a_picture_liked_best_then_changed_is_a_branch_from_it():
    three = pictures_of("a teapot", "a teapot", "a teapot")
    action = understand("the second one is best, can you make it a bit warmer", three)[0]
    assert isinstance(action, Branch) and action.image == 2, action


def test_a_picture_given_with_the_first_message_is_what_the_change_is_of():
    given = Context(attached=True)
    action = understand("here's my kitchen, can you show it with white cabinets?", given)[0]
    assert isinstance(action, New) and action.description == "kitchen" and Add(thing="white cabinets") in action.ops
    action = understand("turn this picture of my cat into an oil painting", given)[0]
    assert isinstance(action, New) and action.description == "cat" and any(isinstance(op, SetStyle) for op in action.ops)


def test_another_colour_tried_for_the_thing_last_coloured():
    action, prompt = after("a hallway, dark green walls", "what about teal")
    assert action == Edit(ops=(Replace(old="dark green", new="teal"),)) and "teal walls" in prompt


@pytest.mark.parametrize("text, english", [("mais cores neon", "add neon colors"), ("ohne die wolken bitte", None)])
def test_other_languages(text, english):
    if english:
        assert w.translate_followup(text) == english
    else:
        action, prompt = after("a meadow with clouds", text)
        assert isinstance(action, Edit) and "clouds" not in prompt, prompt


def test_the_background_in_italian_is_not_a_phone_wallpaper():
    action = understand("metti la luna sullo sfondo", ctx("un gatto nello spazio"))[0]
    assert not any(isinstance(op, SetSize) for op in getattr(action, "ops", ())), action


def test_a_new_picture_asked_in_portuguese_keeps_its_place():
    action = understand("desenha um gato no telhado", ctx())[0]
    assert isinstance(action, New) and action.description == "um gato no telhado", action


def test_the_understood_line_says_each_thing_once():
    line = understood_line(Edit(ops=(SetSeed(),)), changes=("new seed", "512×512"), seed_kept=False, size=(512, 512))
    assert line.count("new seed") == 1 and line.count("512×512") == 1, line


def test_a_picture_number_and_a_seed_name_nothing_drawn_when_no_picture_had_that_seed():
    action = understand("hmm seed 999 was better, go back", pictures_of("a kite", "a kite", seeds=(11, 12)))[0]
    assert not isinstance(action, Revert) or action.image != 999




@pytest.mark.parametrize("text", ["a man typing on a laptop in a cafe", "a golden retriever", "neon noir"])
def test_words_that_only_look_like_a_size_or_a_language_are_left_alone(text):
    assert not any(isinstance(op, SetSize) for op in extract_settings(text)[0])
    assert w.translate_followup(text) is None


@pytest.mark.parametrize("text, topic", [
    ("could you make an animation of her dancing", "limits"),
    ("is it possible to get this in 8k?", "settings"),
    ("can we print these large, like a poster?", "files"),
    ("could u send them as individual jpg files?", "files"),
    ("can you make a transparent png?", "limits"),
    ("which aspect ratios can you do?", "settings"),
    ("is this free?", "cost"),
])
def test_more_questions_about_what_the_chat_can_do(text, topic):
    action = understand(text, ctx("a fox logo"))[0]
    assert isinstance(action, Help) and action.topic == topic, action


@pytest.mark.parametrize("text", ["compose me a limerick about frogs", "ok no worries", "alright, no problem"])
def test_asks_for_no_picture_and_settled_remarks_are_answered(text):
    assert isinstance(understand(text, ctx("a fox logo"))[0], Chat)


@pytest.mark.parametrize("description, message, kept, added", [
    ("a kitchen with copper pots", "now the same kitchen in the morning with sunlight", "copper pots", "morning"),
    ("a robot mascot", "as an 80s toy commercial still", "robot", "80s toy commercial still"),
    ("a fox portrait, city background", "more bokeh", "fox", "bokeh"),
    ("a cute kawaii coffee cup sticker", "make it an iced one", "sticker", "iced coffee"),
    ("a green bicycle", "make it a red one", "red bicycle", "red"),
    ("a barn, sun and clouds", "remove the clouds", "barn", "sun"),
    ("a lighthouse", "1024 square", "lighthouse", "lighthouse"),
])
def test_more_changes_of_the_picture_on_screen(description, message, kept, added):
    action, prompt = after(description, message)
    assert isinstance(action, Edit), action
    assert kept in prompt and added in prompt, prompt


def test_the_seed_kept_with_another_subject_and_more_with_other_details():
    action, prompt = after("a grey cat on a windowsill", "same seed but a parrot")
    assert "parrot" in prompt and "cat" not in prompt, prompt
    assert understand("give me 3 versions with different hats", ctx("a snowman"))[0] == Repeat(count=3)
    action, prompt = after("a sailboat, in heavy rain", "make it sunny instead of rain")
    assert "rain" not in prompt and "sunny" in prompt, prompt


def test_the_same_picture_in_another_style():
    action = understand("could you do the same in watercolor style?", ctx("a knight and a dragon"))[0]
    assert action == Edit(ops=(SetStyle(style="watercolor"),)), action


def test_a_bare_number_goes_to_the_setting_spoken_of():
    context = ctx("a lighthouse").model_copy(update={"history": (("user", "cfg 5 please"), ("assistant", "done"))})
    assert understand("push it to 8", context)[0] == Edit(ops=(SetGuidance(guidance=8.0),))


def test_a_picture_offered_with_a_question_mark_is_drawn():
    assert isinstance(understand("poster version with a big title?", ctx("a lighthouse"))[0], (New, Edit))


def test_a_picture_asked_for_in_italian_or_spanish_is_drawn():
    action = understand("hola! ¿puedes dibujar un perro en la playa?", ctx())[0]
    assert isinstance(action, New) and "perro en la playa" in action.description, action


def test_a_film_poster_or_a_book_cover_is_upright_unless_a_shape_is_said():
    assert SetSize(aspect="2:3") in extract_settings("a concert poster for a jazz night, neon")[0]
    action = understand("a book cover for a sea novel, landscape", ctx())[0]
    assert isinstance(action, New) and SetSize(aspect="3:2") in action.ops, action


def test_asking_to_see_the_whole_prompt_is_a_question():
    action = understand("cool! can i see the exact prompt you used", ctx("a sailboat at dusk"))[0]
    assert isinstance(action, Question) and action.topic == "prompt", action


def test_words_taken_off_stay_out():
    context = ctx("a bakery poster, 'FRESH BREAD, DAILY', warm light")
    scene = next_scene(understand("no text please", context)[0], context.scene)
    assert "FRESH" not in ", ".join(scene.phrases()) and "text" in scene.negatives, scene


def test_a_photo_of_something_given_is_that_thing():
    action = understand("here is a picture of our garden, add a small pond", Context(attached=True))[0]
    assert isinstance(action, New) and action.description == "garden" and Add(thing="a small pond") in action.ops, action
