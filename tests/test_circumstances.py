"""A new picture without the person's day, the picture's destination or their haste (conversation/circumstances.py),
and shapes said in more ways: a print's size, a mistyped shape, "a portrait image of …"."""

from __future__ import annotations

import pytest

from conversation.actions import New, Remove, SetSize
from conversation.circumstances import without_circumstances
from conversation.rules import understand
from tests.conversation_context import ctx


@pytest.mark.parametrize("text, drawn, gone", [
    ("deck due in an hour, need a hero image: a lighthouse on a cliff at sunrise",
     "a lighthouse on a cliff at sunrise", ["deck", "hour", "hero"]),
    ("I teach 6th grade science, I need a simple diagram-style illustration of the water cycle for tomorrow's lesson",
     "a simple diagram-style illustration of the water cycle", ["teach", "lesson", "tomorrow"]),
    ("I have a pitch at 3pm and need an image of a rocket made of paper taking off from a desk",
     "a rocket made of paper taking off from a desk", ["pitch", "3pm"]),
    ("a cartoon owl wearing glasses for the library newsletter", "a cartoon owl wearing glasses", ["newsletter", "library"]),
    ("need pic of a coffee cup on a stack of textbooks, morning light, for my study blog asap",
     "a coffee cup on a stack of textbooks, morning light", ["blog", "asap"]),
    ("teacher here — I need a cross-section illustration of a volcano, textbook style",
     "a cross-section illustration of a volcano, textbook style", ["teacher"]),
    ("I'm a nurse educator, need an illustration of proper handwashing, friendly cartoon",
     "an illustration of proper handwashing, friendly cartoon", ["nurse", "educator"]),
    ("I'm presenting our Q3 results in 30 minutes. Need an image of a team climbing a mountain together",
     "a team climbing a mountain together", ["Q3", "presenting"]),
    ("Geography test tomorrow and I want a visual: a cutaway of the earth showing crust mantle and core",
     "a cutaway of the earth showing crust mantle and core", ["test", "visual"]),
    ("infographic-style illustration of the phases of the moon, dark blue background, for my astronomy club",
     "infographic-style illustration of the phases of the moon, dark blue background", ["club"]),
    ("a vintage map of a made-up city, sepia, for the escape room I'm building this weekend",
     "a vintage map of a made-up city, sepia", ["escape room", "weekend"]),
    ("a calendar with a deadline circled in red, for my time management workshop slides",
     "a calendar with a deadline circled in red", ["workshop", "slides"]),
])
def test_the_day_and_the_destination_are_not_drawn(text, drawn, gone):
    out = without_circumstances(text)
    assert out == drawn
    assert not any(word.lower() in out.lower() for word in gone)


@pytest.mark.parametrize("text", [
    "a poster for the chess club with a knight piece",  # what the poster is about
    "a banner for a hackathon website, circuit board patterns",
    "a birthday cake for my dog with candles",
    "a logo for our team, a wolf head",
    "a wizard reading slides in a tower",
    "a lighthouse on a cliff at sunrise",
])
def test_what_the_picture_is_of_stays(text):
    assert without_circumstances(text) == text


def test_nothing_left_to_draw_keeps_the_message():
    assert without_circumstances("for my newsletter") == "for my newsletter"


@pytest.mark.parametrize("text, description", [
    ("i'm doing a presentation on climate change, make me a melting glacier with a polar bear", "a melting glacier with a polar bear"),
    ("my kid's school project is due tomorrow, can you draw the solar system with all the planets in a row",
     "the solar system with all the planets in a row"),
    ("need an illustration of a kid raising their hand in class, friendly flat style, for the parent newsletter",
     "an illustration of a kid raising their hand in class, friendly flat style"),
])
def test_a_new_picture_is_drawn_without_them(text, description):
    action = understand(text, ctx())[0]
    assert isinstance(action, New) and action.description == description, action


@pytest.mark.parametrize("text, aspect", [
    ("poster 18x24 for my band's gig, a neon guitar in a dark alley", "18:24"),
    ("a 16x20 canvas print of a fox in the snow", "16:20"),
    ("can you make a portrait-format illustration of a woman presenting charts", "2:3"),
    ("need a portrait image of a futuristic city at dusk", "2:3"),
    ("ok do a portrait one then: jazz band silhouette on a red background", "2:3"),
])
def test_a_shape_said_in_more_ways_is_the_shape(text, aspect):
    action = understand(text, ctx())[0]
    assert isinstance(action, New) and SetSize(aspect=aspect) in action.ops, action
    assert not any(w in action.description.lower() for w in ("portrait", "18x24", "16x20", "one then")), action


def test_small_numbers_with_no_print_said_are_no_shape():
    action = understand("a 12x12 grid of colourful tiles", ctx())[0]
    assert not any(isinstance(op, SetSize) for op in action.ops), action


def test_a_landscape_photo_is_a_photo_of_a_landscape():
    action = understand("a landscape photo of the alps", ctx())[0]
    assert isinstance(action, New) and "landscape" in action.description, action


@pytest.mark.parametrize("text, aspect", [
    ("make it landscpe", "3:2"), ("potrait please", "2:3"), ("make it sqaure", "1:1"),
    ("make it portrait like a real packet", "2:3"), ("make it landscape too, we need both", "3:2"),
])
def test_a_shape_asked_of_the_picture_mistyped_or_with_a_reason(text, aspect):
    action = understand(text, ctx("a seed packet with tomatoes"))[0]
    assert action.ops == (SetSize(aspect=aspect),), action


def test_lands_and_landslides_are_words():
    action = understand("a plane flying over distant lands after a landslide", ctx())[0]
    assert isinstance(action, New) and not any(isinstance(op, SetSize) for op in action.ops), action


def test_what_the_picture_is_not_said_after_a_comma_is_left_out():
    action = understand("goldfish in a pond, not a bowl!, fancy orandas with big wens", ctx())[0]
    assert isinstance(action, New) and Remove(thing="bowl") in action.ops and "bowl" not in action.description
    kept = understand("a cat that is not a tabby", ctx())[0]
    assert isinstance(kept, New) and not any(isinstance(op, Remove) for op in kept.ops), kept


def test_a_first_thought_asked_then_taken_back_is_not_drawn():
    action = understand("a hoopoe? no wait, a waxwing. bohemian waxwing eating rowan berries in a snowy car park", ctx())[0]
    assert isinstance(action, New) and "hoopoe" not in action.description and "waxwing" in action.description, action
