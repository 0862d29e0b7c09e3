"""Japanese written in Latin letters, read as the kana would be: a follow-up changes the picture, praise and
thanks are answered, and English that happens to look like it is left alone. Each wording here differs
from the held-out sets'."""

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
