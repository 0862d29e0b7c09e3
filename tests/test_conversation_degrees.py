"""A change said again by how much, reactions that ask nothing, and questions about the app or about why a picture
changed: each in words of its own, not the held-out cases' (which are measured, not tested)."""

from __future__ import annotations

import pytest

from conversation.actions import Add, Chat, Edit, Help, Question, Repeat, Replace
from conversation.edits import apply_ops
from conversation.interpreter import Context
from conversation.replies import answer_question, help_text
from conversation.rules import understand
from tests.conversation_context import ctx
from tests.test_conversation_followups import pictures_of

SEA = "oil painting of a lighthouse on a cliff, calm sea"


def _after(previous: str, *prompts: str, target: str = "sd15") -> Context:
    """Two pictures, the second drawn from ``previous`` (the person's last message)."""
    context = pictures_of(*prompts)
    return context.model_copy(update={"history": (("user", previous), ("assistant", "Done.")), "target": target})


STORMY = (SEA, "oil painting of a lighthouse on a cliff, calm sea, stormy sky")


def test_a_word_of_the_last_change_named_is_toned_down_where_it_is():
    assert understand("not THAT stormy haha", _after("stormier sky", *STORMY))[0] == Edit(ops=(Replace(old="stormy", new="(stormy:0.7)"),))


@pytest.mark.parametrize("text", ["hmm not so much", "ok somewhere in between?", "halfway there pls",
                                  "a bit less than that"])
def test_a_change_toned_down_keeps_its_words_at_less_weight(text):
    action = understand(text, _after("stormier sky", *STORMY))[0]
    assert action == Edit(ops=(Replace(old="stormy sky", new="(stormy sky:0.7)"),))


@pytest.mark.parametrize("text", ["even stronger 🔥", "push it further", "waaay more!!", "like much more"])
def test_a_change_pushed_further_weighs_its_words_more(text):
    action = understand(text, _after("more stormy sky", *STORMY))[0]
    assert action == Edit(ops=(Replace(old="stormy sky", new="(stormy sky:1.3)"),))


def test_much_less_after_a_change_said_with_less_is_that_change_further():
    context = _after("less cluttered", "a desk with books", "a desk with books, minimal clutter")
    assert understand("like way less", context)[0] == Edit(ops=(Replace(old="minimal clutter", new="(minimal clutter:1.3)"),))
    context = _after("more clutter", "a desk with books", "a desk with books, lots of clutter")
    assert understand("way less lol", context)[0] == Edit(ops=(Replace(old="lots of clutter", new="(lots of clutter:0.7)"),))


def test_a_weighted_change_moves_by_a_step_in_any_part_of_the_scene():
    context = _after("more fog", "a pier at dawn", "a pier at dawn, (fog:1.3)")
    action = understand("not that much", context)[0]
    assert action == Edit(ops=(Replace(old="(fog:1.3)", new="(fog:1.0)"),))
    scene, _ = apply_ops(context.scene, action.ops)
    assert "(fog:1.0)" in ", ".join(scene.phrases())


def test_a_word_named_is_toned_down_wherever_the_picture_has_it():
    action = understand("lol she's not THAT old", ctx("portrait of an old fisherwoman mending a net"))[0]
    assert action == Edit(ops=(Replace(old="old", new="(old:0.7)"),))


def test_in_prose_the_degree_is_said_in_words():
    context = _after("foggier", "a pier at dawn", "a pier at dawn, thick fog", target="dalle3")
    assert understand("not that foggy", context)[0] == Edit(ops=(Replace(old="thick fog", new="slightly thick fog"),))


@pytest.mark.parametrize("text", ["not that one", "not that bad honestly", "not that dark"])
def test_not_that_one_or_a_verdict_or_a_word_the_picture_lacks_is_not_a_degree(text):
    action = understand(text, ctx(SEA))[0]
    assert not (isinstance(action, Edit) and any("0.7" in getattr(op, "new", "") for op in action.ops))


@pytest.mark.parametrize("text", ["now foggy", "now sunset"])
def test_now_and_one_word_is_a_change_though_both_are_words_of_small_talk(text):
    assert isinstance(understand(text, ctx(SEA))[0], Edit)


def test_a_part_pointed_at_then_fixed_after_an_emoji_is_that_part_fixed():
    action = understand("the hands tho 😬 fix them", ctx("a pianist at a grand piano"))[0]
    assert isinstance(action, (Edit, Repeat)) and "hands" in str(action)


@pytest.mark.parametrize("text, kind", [
    ("yay it worked", "praise"), ("perfect thats her", "praise"), ("nah its fine", "ack"),
    ("weird but better lol", "praise"), ("that lighthouse is making me sleepy", "praise"),
    ("lol he looks like he's up to no good, love it", "praise"), ("salud 🥂", "praise"), ("bravo!", "praise"),
    ("would this look ok on a mug?", "other"),
])
def test_a_reaction_is_answered_not_drawn(text, kind):
    assert understand(text, ctx(SEA))[0] == Chat(kind=kind)


@pytest.mark.parametrize("text", ["framing it next month 🙂", "I'll touch up the sky myself in procreate",
                                  "booking the tattoo next week, fingers crossed"])
def test_a_plan_told_is_answered_not_drawn(text):
    assert isinstance(understand(text, ctx(SEA))[0], Chat)


@pytest.mark.parametrize("text, topic", [
    ("can it even write words? like a shop sign", "limits"), ("does the app keep all my pictures?", "manage"),
    ("how large can the images be", "settings"), ("does it support negative prompts?", "settings"),
    ("does cfg 12 even do anything here?", "settings"), ("is there an undo button?", "edits"),
    ("can you do inpainting?", "edits"), ("can you do stuff like midjourney's --weird?", "settings"),
])
def test_a_question_about_what_the_app_can_do_is_help(text, topic):
    assert understand(text, ctx(SEA))[0] == Help(topic=topic)


def test_the_help_says_how_to_change_one_part_and_what_the_local_model_takes():
    assert "Edit a region" in help_text(Help(topic="edits"))
    assert "LoRA" in help_text(Help(topic="settings")) and "--chaos" in help_text(Help(topic="settings"))


@pytest.mark.parametrize("text, topic", [
    ("why did the sea change? I only asked for a storm", "changes"), ("why does the lighthouse look different now", "changes"),
    ("why does the sign say 'lihgthouse'", "quality"), ("is a boat in there?", "describe"), ("what is that lol", "describe"),
])
def test_a_question_about_the_picture_is_answered(text, topic):
    assert understand(text, _after("stormier sky", *STORMY))[0] == Question(topic=topic)


def test_why_it_changed_names_the_change_and_says_why_the_rest_can_move():
    context = _after("stormier sky", *STORMY)
    context = context.model_copy(update={"pictures": tuple(p.model_copy(update={"seed": 7}) for p in context.pictures)})
    said = answer_question(Question(topic="changes"), context)
    assert "+ stormy sky" in said and "Edit a region" in said


THREE = ("a lantern festival over a river", "a lantern festival over a river, paper boats", "a lantern festival over a river, paper boats, at dawn")


@pytest.mark.parametrize("text", ["nah el primero was better", "hmm actually undo that, the night looked better for the poster",
                                  "lol ok that's too much, the previous one", "the boss liked the night one more, go back",
                                  "too bright lol go back"])
def test_a_way_back_said_with_a_reason_or_a_laugh_goes_back(text):
    action = understand(text, pictures_of(*THREE))[0]
    assert action.intent in ("undo", "revert"), action


def test_a_version_numbered_like_another_tool_is_another_take():
    assert understand("v3 of this pls", pictures_of(*THREE))[0] == Repeat()
    assert understand("could you do another one, different angle?", pictures_of(*THREE))[0] == Repeat()


def test_a_thing_kept_when_going_back_is_brought_from_the_picture_on_screen():
    action = understand("go back to the first one but keep the boats", pictures_of(*THREE))[0]
    assert action.intent == "branch" and action.image == 1 and action.ops == (Add(thing="paper boats"),)


@pytest.mark.parametrize("text, wanted", [
    ("ok now some fireworks too", "fireworks"), ("moonlight on the water instead", "moonlight"),
    ("omg no that's too gloomy 😩 make it cheerful", "cheerful"), ("lol that's perfect, now do a winter version", "winter"),
    ("the boats look smudged, sharper boats please", "boats"),
])
def test_a_change_said_loosely_changes_the_picture(text, wanted):
    action = understand(text, ctx(THREE[1]))[0]
    assert isinstance(action, Edit) and wanted in repr(action).lower(), action


@pytest.mark.parametrize("text", ["make it taller, it's going on my door", "love it but it needs to be 16:9 for the slides"])
def test_a_setting_with_a_remark_about_the_picture_is_only_the_setting(text):
    action = understand(text, ctx(THREE[1]))[0]
    assert isinstance(action, Edit) and all(type(op).__name__ == "SetSize" for op in action.ops), action


def test_english_courtesy_after_a_request_in_another_language_leaves_the_request():
    assert understand("nochmal bitte pls", ctx(THREE[1]))[0] == Repeat()


def test_a_description_with_vibes_in_it_is_a_picture_not_a_remark():
    action = understand("a beach hut at sunset, surfer vibes, palm trees", ctx())[0]
    assert action.intent == "new"
