"""Prompts that came out wrong and are now written right: a thing taken out of a run of tags keeps the
rest of the scene ("no palms" on "sunset beach palm trees"), a place keeps what it is "of" ("in a field of
sunflowers"), Midjourney's own settings never reach the prompt ("--v 6 --stylize 250"), and a second
sentence of additions loses the "oh and" that led it."""

from __future__ import annotations

import pytest

from conversation.actions import Add, Edit, New, SetSeed, SetSize
from conversation.describe import scene_from_description
from conversation.flags import extract_settings
from conversation.rules import understand
from conversation.writer import write
from tests.conversation_context import ctx, next_scene


def turn(description: str | None, message: str):
    """The action a message is read as, and the prompt and negative prompt then written for SD 1.5."""
    context = ctx(description) if description else ctx()
    action = understand(message, context)[0]
    scene = next_scene(action, context.scene)
    written = write(scene, "sd15")
    return action, written.prompt, written.negative_prompt


# --------------------------------------------------------------------------- a thing out of a run of tags


@pytest.mark.parametrize("message", ["no palms", "remove the palm trees", "no palm trees please"])
def test_palms_taken_off_a_beach_at_sunset_leave_the_beach_and_the_sunset(message):
    _, prompt, negative = turn("sunset beach palm trees", message)
    assert "sunset beach" in prompt, prompt
    assert "palm" not in prompt and "trees" not in prompt, prompt
    assert "palm" in negative, negative


def test_trees_taken_off_a_beach_at_sunset_take_the_palm_trees_with_them():
    _, prompt, negative = turn("sunset beach palm trees", "no trees")
    assert "sunset beach" in prompt, prompt
    assert "palm" not in prompt and "trees" not in prompt, prompt
    assert "trees" in negative, negative


def test_a_thing_with_its_own_adjectives_still_goes_whole():
    _, prompt, negative = turn("a knight in a big red cloak", "remove the cloak")
    assert "knight" in prompt and "red" not in prompt and "big" not in prompt, prompt
    assert "cloak" in negative


@pytest.mark.parametrize("description, message, gone", [
    ("rocky cliff, snow leopard", "no leopard", "snow"),
    ("a quiet harbour, sea turtles", "remove the turtles", "sea"),
])
def test_a_word_naming_the_thing_goes_with_it_though_it_could_name_a_place(description, message, gone):
    _, prompt, _ = turn(description, message)
    assert gone not in prompt, prompt


def test_a_place_said_before_a_thing_with_an_article_stays():
    _, prompt, negative = turn("a city street lamp glowing, fog", "remove the lamp")
    assert "city street" in prompt and "lamp" not in prompt, prompt
    assert "lamp" in negative


# --------------------------------------------------------------------------- a place and what it is "of"


@pytest.mark.parametrize("description, subject, place", [
    ("photo of a golden retriever puppy in a field of sunflowers", "photo of a golden retriever puppy",
     "in a field of sunflowers"),
    ("a deer in a forest of birch trees", "a deer", "in a forest of birch trees"),
    ("a girl on a hill of tulips", "a girl", "on a hill of tulips"),
    ("a boy on the shore of a lake", "a boy", "on the shore of a lake"),
    ("a girl in a field of sunflowers at sunset", "a girl", "in a field of sunflowers"),
    ("a fox in a forest of pines with a lantern", "a fox with a lantern", "in a forest of pines"),
    ("a girl in a garden of roses and tulips", "a girl", "in a garden of roses and tulips"),
    ("a cat in a field of flowers and a dog", "a cat and a dog", "in a field of flowers"),
])
def test_a_place_keeps_what_it_is_of(description, subject, place):
    scene = scene_from_description(description)
    assert scene.subject == subject and scene.setting == place, scene
    prompt = write(scene, "sd15").prompt
    assert f"{subject}, {place}" in prompt, prompt


def test_a_room_full_of_books_stays_one_place():
    scene = scene_from_description("an old man in a room full of books")
    joined = ", ".join(scene.phrases())
    assert "in a room full of books" in joined, scene


def test_a_place_of_something_moves_whole_to_a_new_place():
    _, prompt, _ = turn("photo of a golden retriever puppy in a field of sunflowers", "now on a beach")
    assert "puppy" in prompt and "on a beach" in prompt, prompt
    assert "sunflowers" not in prompt and "field" not in prompt, prompt


# --------------------------------------------------------------------------- Midjourney's own settings


def test_midjourney_version_and_stylize_never_reach_the_prompt():
    action, prompt, _ = turn(None, "ethereal forest spirit, glowing antlers, mist, cinematic --ar 2:3 --v 6 --stylize 250")
    assert isinstance(action, New) and SetSize(aspect="2:3") in action.ops, action
    assert "spirit" in prompt and "antlers" in prompt and "cinematic" in prompt, prompt
    assert "--" not in prompt and "stylize" not in prompt and "250" not in prompt, prompt


@pytest.mark.parametrize("flags", [
    "--v 6", "--v 6.1", "--version 5.2", "--stylize 250", "--s 750", "--q 2", "--quality .5", "--chaos 20", "--c 10",
    "--style raw", "--niji 6", "--niji", "--weird 100", "--tile", "--raw", "--iw 1.5", "--hd",
    "--sref https://example.com/look.png", "--cref https://example.com/face.png --cw 50",
    "--sref https://example.com/a.png https://example.com/b.png --sw 200", "--sref 1234567", "--p", "--stop 80",
])
def test_midjourney_settings_are_dropped(flags):
    ops, rest = extract_settings(f"a red fox in the snow {flags}")
    assert rest == "a red fox in the snow", rest
    assert ops == [], ops


def test_midjourney_settings_beside_ours_leave_ours_working():
    ops, rest = extract_settings("a castle on a cliff --ar 16:9 --v 6 --no fog, people --s 750 --seed 77 --q 2")
    assert rest == "a castle on a cliff", rest
    assert SetSize(aspect="16:9") in ops and SetSeed(seed=77) in ops, ops
    assert [op.thing for op in ops if op.op == "remove"] == ["fog", "people"], ops


def test_no_after_midjourney_settings_is_still_a_negative():
    _, prompt, negative = turn(None, "a lighthouse at dusk --chaos 20 --no boats")
    assert "lighthouse" in prompt and "--" not in prompt and "chaos" not in prompt, prompt
    assert "boats" in negative, negative


def test_a_dash_inside_words_is_no_flag():
    _, rest = extract_settings("a sci-fi city -- neon signs, rain")
    assert "neon signs" in rest and "sci-fi" in rest, rest


# --------------------------------------------------------------------------- "oh and" before more additions


@pytest.mark.parametrize("lead", ["oh and", "oh also", "and also", "also", "oh, and", "and oh also"])
def test_a_second_sentence_of_additions_loses_its_lead(lead):
    action, prompt, _ = turn("a garden", f"add a hammock. {lead} a dog sleeping in it")
    assert isinstance(action, Edit), action
    things = [op.thing for op in action.ops if isinstance(op, Add)]
    assert things[0] == "a hammock" and things[1].startswith("a dog sleeping"), things
    assert "oh" not in prompt.split() and "also" not in prompt and "and a dog" not in prompt, prompt


def test_oh_and_after_a_comma_is_no_thing_either():
    action, _, _ = turn("a garden", "add a hammock, oh and a cat on a cushion")
    assert [op.thing for op in action.ops if isinstance(op, Add)] == ["a hammock", "a cat on a cushion"], action


def test_oh_and_in_a_first_description_is_no_thing_either():
    action, prompt, _ = turn(None, "a garden with a hammock. oh and a dog sleeping in it")
    assert isinstance(action, New), action
    assert "a dog sleeping in it" in prompt and "oh" not in prompt.split() and "and a dog" not in prompt, prompt
