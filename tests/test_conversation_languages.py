"""Other languages: Japanese written in Latin letters, read as the kana would be; a picture moved somewhere, a
colour asked and a thing put back in the Latin-script languages; and English that happens to look like
romaji left alone. Each wording here differs from the held-out sets'."""

from __future__ import annotations

import pytest

from conversation.actions import Chat, Edit, Remove, Repeat, SetSlot
from conversation.romaji import is_romaji
from conversation.rules import understand
from conversation.words import language_of
from tests.conversation_context import ctx, next_scene

GARDEN = "a stone lantern in a moss garden beside a koi pond"


def test_a_time_of_day_in_romaji_is_the_time():
    action = understand("yuugata ni shite onegai", ctx(GARDEN))[0]
    assert isinstance(action, Edit) and SetSlot(slot="time", value="in the evening") in action.ops, action


def test_a_season_in_romaji_is_the_season():
    action = understand("fuyu ni shite kudasai", ctx(GARDEN))[0]
    assert isinstance(action, Edit) and any(op == SetSlot(slot="season", value="in winter") for op in action.ops), action


def test_a_thing_recoloured_in_romaji():
    context = ctx(GARDEN)
    action = understand("sora o murasaki ni shite", context)[0]
    prompt = ", ".join(next_scene(action, context.scene).phrases())
    assert "purple" in prompt and "lantern" in prompt, prompt


def test_a_thing_added_and_one_taken_out_in_romaji():
    context = ctx(GARDEN)
    added = understand("neko wo tsuika shite kudasai", context)[0]
    assert "cat" in ", ".join(next_scene(added, context.scene).phrases())
    removed = understand("ike nashi de", context)[0]  # "ike" (pond) is not in the vocabulary: kept as typed
    assert not isinstance(removed, Chat)
    gone = understand("tori o keshite", ctx(GARDEN + ", two birds"))[0]
    assert isinstance(gone, Edit) and {Remove(thing="bird"), Remove(thing="birds")} & set(gone.ops), gone


@pytest.mark.parametrize("text", ["mou ikkai!", "mou ichido onegaishimasu"])
def test_once_more_in_romaji_is_another(text):
    assert isinstance(understand(text, ctx(GARDEN))[0], Repeat)


@pytest.mark.parametrize("text, kind", [("kirei desu ne~", "praise"), ("kakkoii!!", "praise"),
                                        ("doumo arigatou", "thanks")])
def test_praise_and_thanks_in_romaji_are_answered_not_drawn(text, kind):
    action = understand(text, ctx(GARDEN))[0]
    assert isinstance(action, Chat) and action.kind == kind, action


@pytest.mark.parametrize("text", ["make it night", "a koi in a pond", "more moss", "no more lanterns", "motto please",
                                  "add a sushi plate", "karaoke"])
def test_english_is_not_read_as_romaji(text):
    assert not is_romaji(text) and language_of(text) is None, text


@pytest.mark.parametrize("text, setting", [
    ("ahora ponla en un bosque", "in a forest"),
    ("mettilo in spiaggia", "on a beach"),
    ("déplace-le sur une plage", "on a beach"),
    ("zet het in een bos", "in a forest"),
])
def test_a_picture_moved_somewhere_in_another_language_takes_the_new_place(text, setting):
    context = ctx("a vintage motorbike in a garage, oil stains")
    action = understand(text, context)[0]
    assert isinstance(action, Edit) and SetSlot(slot="setting", value=setting) in action.ops, action
    assert "garage" not in ", ".join(next_scene(action, context.scene).phrases())


def test_a_place_the_phrasebook_lacks_still_replaces_the_old_one_and_the_time_is_read():
    context = ctx("a vintage motorbike in a garage, oil stains")
    action = understand("portala su un ponte di pietra di notte", context)[0]
    prompt = ", ".join(next_scene(action, context.scene).phrases())
    assert "garage" not in prompt and "night" in prompt, prompt


@pytest.mark.parametrize("text", ["rendilo blu", "fammelo verde"])
def test_make_it_a_colour_in_italian_colours_the_thing(text):
    action = understand(text, ctx("a vintage motorbike in a garage"))[0]
    assert isinstance(action, Edit) and "motorbike" in str(action.ops), action


@pytest.mark.parametrize("text", ["remets la moto", "rimetti la moto"])
def test_put_back_in_another_language_adds_the_thing(text):
    action = understand(text, ctx("a garage with oil stains"))[0]
    assert isinstance(action, Edit) and action.ops[0].op == "add", action


@pytest.mark.parametrize("text, thing", [("桜を追加して", "cherry blossoms"), ("ajoute des fleurs de cerisier", "cherry blossoms"),
                                         ("mets-lui un chapeau", "a hat")])
def test_things_added_in_other_languages(text, thing):
    action = understand(text, ctx("a stone lantern in a moss garden"))[0]
    assert isinstance(action, Edit) and action.ops[0].op == "add" and action.ops[0].thing == thing, action


@pytest.mark.parametrize("text, op", [("põe um cachecol nela", "add"), ("kun je er een vos bij doen?", "add"),
                                      ("al estilo de van gogh", "style"), ("nello stile di van gogh", "style")])
def test_more_ways_of_asking_in_other_languages(text, op):
    action = understand(text, ctx("a stone lantern in a moss garden"))[0]
    assert isinstance(action, Edit) and action.ops[0].op == op, action
