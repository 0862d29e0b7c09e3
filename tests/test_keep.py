"""The pure decisions of conversation/keep.py: which picture a turn starts from, and how strongly."""

from __future__ import annotations

import pytest

from conversation import keep
from conversation.actions import Add, Chat, Edit, New, Repeat, Replace, SetSlot, SetStyle


@pytest.mark.parametrize("text, rest", [
    ("same picture, but at night", "at night"),
    ("keep it but make her coat red", "make her coat red"),
    ("keep the picture, make it a van gogh painting", "make it a van gogh painting"),
    ("même image mais sous la neige", "sous la neige"),
    ("dasselbe Bild, aber im Nebel", "im Nebel"),
    ("la misma imagen pero con nieve", "con nieve"),
])
def test_keep_words_are_cut_and_the_change_is_left(text, rest):
    words = keep.read(text)
    assert words.keep and words.rest == rest


@pytest.mark.parametrize("text", ["make it night", "a red barn", "add a seagull", "keep it", "another one"])
def test_plain_messages_do_not_keep_the_picture(text):
    assert not keep.read(text).keep


def test_change_only_keeps_the_rest_of_the_picture():
    words = keep.read("change only the sky")
    assert words.keep and words.rest == "change the sky"


def test_the_strength_flag_is_read_and_taken_out_and_a_bad_one_is_explained():
    words = keep.read("keep it but brighter --strength 0.4")
    assert words.strength == 0.4 and "--strength" not in words.rest
    assert "--strength takes a number" in keep.read("same picture --strength 3").strength_error


@pytest.mark.parametrize("action, strength", [
    (Edit(ops=(SetSlot(slot="time", value="at night"),)), keep.LIGHT),
    (Edit(ops=(Replace(old="coat", new="red coat"),)), keep.LIGHT),
    (Edit(ops=(SetStyle(style="watercolor"),)), keep.STYLE),
    (Edit(ops=(Add(thing="a dragon"),)), keep.OBJECT),
    (Edit(ops=(Replace(old="teapot", new="a vase"),)), keep.OBJECT),
])
def test_the_kind_of_change_sets_the_strength(action, strength):
    assert keep.strength_for(action)[0] == strength


def test_the_source_is_the_attached_picture_the_previous_one_or_none():
    edit = Edit(ops=(SetSlot(slot="time", value="at night"),))
    kept = keep.read("same picture, but at night")
    plain = keep.read("at night")
    assert keep.decide(edit, kept, attached=False, has_previous=True).source == "previous"
    assert keep.decide(edit, plain, attached=False, has_previous=True).source == "none"
    assert keep.decide(edit, kept, attached=False, has_previous=False).source == "none"
    attached = keep.decide(New(description="this as a watercolor"), keep.read("this as a watercolor"),
                           attached=True, has_previous=False)
    assert attached.source == "attached" and attached.strength == keep.STYLE
    assert keep.decide(Repeat(), keep.read("again"), attached=False, has_previous=True).source == "none"
    assert keep.decide(Chat(), kept, attached=True, has_previous=True).source == "none"  # nothing is drawn


def test_an_asked_strength_wins_and_the_message_flag_wins_over_the_slider():
    edit = Edit(ops=(Add(thing="a hat"),))
    assert keep.decide(edit, keep.read("same picture, add a hat"), attached=False, has_previous=True,
                       asked=0.3).strength == 0.3
    assert keep.decide(edit, keep.read("same picture, add a hat --strength 0.8"), attached=False,
                       has_previous=True, asked=0.3).strength == 0.8


def test_the_label_says_what_was_kept():
    assert keep.KeepDecision("previous", 0.55, "light").label() == "kept the picture, strength 0.55"
    assert keep.KeepDecision("attached", 0.5, "light").label() == "from your picture, strength 0.5"
    assert keep.KeepDecision("none", None, "").label() == ""
