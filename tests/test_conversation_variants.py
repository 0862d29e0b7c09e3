"""Several different pictures asked in one message, each its own prompt and its own task: the reading of the
message (``conversation.variants``), the picture named afterwards by what it has (``conversation.picture_named``),
and whole turns through ``TurnService`` with real parts (the tiny pipeline, the job runner, a DuckDB file)."""

from __future__ import annotations


import pytest

from conversation.actions import ACTION, Add, Branch, Edit, New, Replace, Revert, SetSize, SetSlot, SetStyle, Variant
from conversation.chat_model import ChatModelConfig, ChatModelInterpreter
from conversation.chat_tool import tool_schema
from conversation.describe import scene_from_description
from conversation.interpreter import Context, Picture
from conversation.picture_named import picture_named
from conversation.rules import RulesInterpreter
from conversation.summary import understood_line
from conversation.turn_input import TurnSettings
from conversation.variants import variants_asked
from storage.people import new_anonymous
from tests import fake_chat as fc
from tests.test_chat_model import conforms
from tests.turn_world import FAST, World

SEASONS = ("spring", "summer", "autumn", "winter")
CABIN = scene_from_description("a cozy cabin in the woods")
ON_SCREEN = Context(scene=CABIN, pictures=(Picture(number=1, prompt_sent="a cozy cabin in the woods"),))
NOTHING_YET = Context()


def labels(action) -> list[str]:
    return [v.label for v in action.variants]


# ---- reading the message ---------------------------------------------------------------------------


@pytest.mark.parametrize("text, expected", [
    ("show me it in all four seasons", list(SEASONS)),
    ("can you show me it in all four seasons?", list(SEASONS)),
    ("hey! can you do it in all 4 seasons pls", list(SEASONS)),
    ("show me the cabin in every season", list(SEASONS)),
    ("do 3 colorways", ["red", "blue", "green"]),
    ("i'd like 2 color options", ["red", "blue"]),
    ("try it in red, blue and green", ["red", "blue", "green"]),
    ("give me versions in blue, green and gold", ["blue", "green", "gold"]),
    ("red, blue and green versions", ["red", "blue", "green"]),
    ("try the cabin in red and blue", ["red", "blue"]),
    ("one at dawn and one at dusk", ["dawn", "dusk"]),
    ("nice! now one at dawn and one at dusk", ["dawn", "dusk"]),
    ("a day version and a night version", ["day", "night"]),
    ("i want day and night versions", ["day", "night"]),
    ("4 versions at dawn, noon, dusk and night", ["dawn", "noon", "dusk", "night"]),
    ("make it in two versions: one at dawn, one at dusk", ["dawn", "dusk"]),
    ("3 versions: spring, summer and winter", ["spring", "summer", "winter"]),
    ("one in watercolor and one as an oil painting", ["watercolor", "oil painting"]),
    ("one with snow and one in the rain", ["snow", "rain"]),
])
def test_versions_of_the_picture_on_screen_are_an_edit_with_one_variant_each(text, expected):
    action = variants_asked(text, ON_SCREEN)
    assert isinstance(action, Edit) and not action.ops, action
    assert labels(action) == expected
    assert all(v.ops and not v.description for v in action.variants)


def test_each_season_sets_the_season_and_each_colour_recolours_the_subject():
    seasons = variants_asked("show me it in all four seasons", ON_SCREEN)
    assert [v.ops for v in seasons.variants] == [(SetSlot(slot="season", value=f"in {s}"),) for s in SEASONS]
    colours = variants_asked("try it in red, blue and green", ON_SCREEN)
    assert [v.ops for v in colours.variants] == [(Replace(old="cabin", new=f"{c} cabin"),) for c in ("red", "blue", "green")]
    styles = variants_asked("one in watercolor and one as an oil painting", ON_SCREEN)
    assert [v.ops for v in styles.variants] == [(SetStyle(style="watercolor"),), (SetStyle(style="oil-painting"),)]


def test_colourways_recolour_the_thing_last_coloured_and_skip_the_colour_it_has():
    walls = CABIN.with_(details=("dark green walls",))
    action = variants_asked("try it in terracotta and sage", Context(scene=walls))
    assert [v.ops for v in action.variants] == [(Replace(old="dark green", new="terracotta"),),
                                              (Replace(old="dark green", new="sage"),)]
    red_car = scene_from_description("a red vintage car parked on a street")
    ways = variants_asked("do 3 colorways", Context(scene=red_car))
    assert labels(ways) == ["blue", "green", "yellow"]  # red is what it is now
    assert ways.variants[0].ops == (Replace(old="red", new="blue"),)
    parked = variants_asked("try it in red and blue", Context(scene=scene_from_description("a vintage car parked on a street")))
    assert parked.variants[0].ops == (Replace(old="car", new="red car"),)  # the car, not "parked"


@pytest.mark.parametrize("text, descriptions", [
    ("can you make two pics: a sunflower field and a lavender field", ["a sunflower field", "a lavender field"]),
    ("draw a cat and, separately, a dog", ["a cat", "a dog"]),
    ("ok cool, could you draw a cat and, separately, a dog?", ["a cat", "a dog"]),
    ("two pictures: one of a castle, one of a lighthouse", ["a castle", "a lighthouse"]),
    ("one of a cat and one of a dog", ["a cat", "a dog"]),
    ("a cat and a dog as separate pictures", ["a cat", "a dog"]),
    ("separate pictures of a cat and a dog", ["a cat", "a dog"]),
    ("draw two images: a red fox, a snowy owl", ["a red fox", "a snowy owl"]),
    ("two pics in watercolor: a fox, an owl", ["a fox in watercolor", "an owl in watercolor"]),
])
@pytest.mark.parametrize("ctx", [ON_SCREEN, NOTHING_YET], ids=["on screen", "nothing yet"])
def test_pictures_of_different_things_are_new_pictures_each_with_its_description(text, descriptions, ctx):
    action = variants_asked(text, ctx)
    assert isinstance(action, New), action
    assert [v.description for v in action.variants] == descriptions
    assert all(not v.ops for v in action.variants)


@pytest.mark.parametrize("text, expected", [
    ("a maple tree in all four seasons", list(SEASONS)),
    ("a castle, one at dawn and one at dusk", ["dawn", "dusk"]),
])
def test_a_new_description_with_its_versions_is_one_new_picture_per_version(text, expected):
    action = variants_asked(text, NOTHING_YET)
    assert isinstance(action, New) and labels(action) == expected
    assert action.description in ("a maple tree", "a castle")
    assert all(v.description is None and v.ops for v in action.variants)


@pytest.mark.parametrize("text", [
    "a cat and a dog", "make it red, blue and green", "two birds, one in flight and one perched", "red, blue and green",
    "draw two cats", "a cat and a dog playing", "try it with a hat and a scarf", "give me 3 versions", "make it blue",
    "make it at dawn and add a dog", "two pictures", "the four seasons hotel lobby", "vivaldi four seasons concert poster",
    "one man and one woman talking", "a logo with one star and one moon", "in red and blue", "try it in red",
    "4 different logos for a tea shop", "make 4 of them with different roofs", "show me some alternatives",
    "three pics: a cat, a dog",  # counted three, said two: not read as guessed
])
def test_one_picture_or_more_of_the_same_is_no_variants(text):
    assert variants_asked(text, ON_SCREEN) is None


@pytest.mark.parametrize("text", ["show me it in all four seasons", "one at dawn and one at dusk", "try it in red and blue",
                                  "do 3 colorways", "a day version and a night version"])
def test_versions_of_it_before_any_picture_are_not_read_as_such(text):
    assert variants_asked(text, NOTHING_YET) is None


def test_settings_said_with_the_versions_are_shared_by_all():
    action = variants_asked("could you show me 4 versions in red, blue, green and gold --ar 16:9", ON_SCREEN)
    assert labels(action) == ["red", "blue", "green", "gold"] and action.ops == (SetSize(aspect="16:9"),)
    assert "--ar" not in " ".join(labels(action))


def test_the_action_holds_at_most_four_and_an_edit_needs_a_change():
    with pytest.raises(ValueError):
        Edit(variants=tuple(Variant(label=str(i), ops=(SetSlot(slot="time", value="at dawn"),)) for i in range(5)))
    with pytest.raises(ValueError):
        Edit(ops=())
    edit = variants_asked("show me it in all four seasons", ON_SCREEN)
    assert ACTION.validate_python(ACTION.dump_python(edit, mode="json")) == edit
    new = variants_asked("two pics: a sunflower field and a lavender field", NOTHING_YET)
    for action in (edit, new):  # the chat model's tool can say it too
        assert conforms(tool_schema(), {"action": ACTION.dump_python(action, mode="json")})


def test_the_understood_line_names_each_version():
    seasons = variants_asked("show me it in all four seasons", ON_SCREEN)
    assert understood_line(seasons, seed_kept=True) == "edit · 4 versions: spring, summer, autumn, winter · seed kept"
    fields = variants_asked("two pics: a sunflower field and a lavender field", NOTHING_YET)
    assert understood_line(fields) == "new · 2 pictures: sunflower field, lavender field"


# ---- a picture named by what it has ------------------------------------------------------------------


def fields_in(order: list[str]) -> Context:
    pictures = tuple(Picture(number=i + 1, prompt_sent=f"{p}, golden hour, detailed") for i, p in enumerate(order))
    return Context(scene=scene_from_description(order[-1]), pictures=pictures)


@pytest.mark.parametrize("text", ["the lavender one is nice, make it at sunset", "the lavender one, but at sunset",
                                  "take the lavender one and make it at sunset",
                                  "i love the lavender one, can you make it at sunset?"])
def test_the_one_named_by_what_it_has_is_changed_whether_or_not_it_is_the_last(text):
    earlier = picture_named(text, fields_in(["a lavender field", "a sunflower field"]))
    assert earlier == Branch(image=1, ops=(SetSlot(slot="time", value="at sunset"),))
    last = picture_named(text, fields_in(["a sunflower field", "a lavender field"]))
    assert last == Edit(ops=(SetSlot(slot="time", value="at sunset"),))  # the picture on screen: an edit of it


def test_an_earlier_picture_with_the_words_is_the_one_named_as_everywhere():
    ctx = fields_in(["a snail teapot", "a glass teapot", "a glass teapot with a gold lid"])
    assert picture_named("take the glass one and add a red bow", ctx) == Branch(image=2, ops=(Add(thing="a red bow"),))


def test_back_to_the_one_on_screen_named_by_what_it_has_is_that_one():
    assert picture_named("go back to the lavender one", fields_in(["a sunflower field", "a lavender field"])) == Revert(image=2)
    assert picture_named("go back to the lavender one", fields_in(["a lavender field", "a sunflower field"])) is None


@pytest.mark.parametrize("text", ["the lavender one is nice", "the field one is nice, make it at sunset",
                                  "the red one is nice, make it bigger", "make it at sunset"])
def test_words_that_tell_no_one_picture_name_none(text):
    assert picture_named(text, fields_in(["a sunflower field", "a lavender field"])) is None


# ---- whole turns: the rules' own reading, which tries the variants first ------------------------------------


def test_all_four_seasons_are_four_edits_each_its_own_prompt_and_picture(local_world):
    conv = local_world.store.create_conversation()
    first = local_world.say(conv, "a cozy cabin in the woods", TurnSettings(steps=2, seed=1234))
    turn = local_world.say(conv, "show me it in all four seasons")
    assert turn.intent == "edit" and len(turn.tasks) == 4, turn
    assert turn.understood.startswith("edit · 4 versions: spring, summer, autumn, winter · seed kept"), turn.understood
    for season, task in zip(SEASONS, turn.tasks):
        assert season in task.prompt_sent and "cabin" in task.prompt_sent, task.prompt_sent
        assert not any(other in task.prompt_sent for other in SEASONS if other != season), task.prompt_sent
        assert task.seed == first.tasks[0].seed == 1234  # an edit keeps the seed
        assert f"+ in {season}" in task.changes
        assert local_world.jobs.snapshot(task.task_id).status == "succeeded"
    rows = local_world.store.scenes(conv)
    assert [r.image_number for r in rows] == [1, 2, 3, 4, 5]
    assert [r.prompt for r in rows[1:]] == [t.prompt_sent for t in turn.tasks]  # each picture stored with its own prompt
    assert [r.task_ids for r in rows[1:]] == [(t.task_id,) for t in turn.tasks]
    assert [r.scene["season"] for r in rows[1:]] == [f"in {s}" for s in SEASONS]
    assert all(r.parent_id == rows[0].id for r in rows[1:])
    back = local_world.say(conv, "undo")  # the whole message taken back: the cabin as it was
    assert back.intent == "undo" and back.tasks[0].prompt_sent == first.tasks[0].prompt_sent


def test_two_new_pictures_each_their_own_and_the_one_named_later_is_changed(local_world):
    conv = local_world.store.create_conversation()
    turn = local_world.say(conv, "can you make two pics: a sunflower field and a lavender field")
    assert turn.intent == "new" and len(turn.tasks) == 2, turn
    assert turn.understood.startswith("new · 2 pictures: sunflower field, lavender field"), turn.understood
    sunflowers, lavender = turn.tasks
    assert "sunflower" in sunflowers.prompt_sent and "lavender" not in sunflowers.prompt_sent
    assert "lavender" in lavender.prompt_sent and "sunflower" not in lavender.prompt_sent
    assert sunflowers.seed == lavender.seed  # drawn alike, differing only in what was asked
    later = local_world.say(conv, "the lavender one is nice, make it at sunset")
    assert len(later.tasks) == 1
    sent = later.tasks[0].prompt_sent
    assert "lavender" in sent and "sunset" in sent and "sunflower" not in sent, sent
    assert later.tasks[0].seed == lavender.seed
    other = local_world.say(conv, "the sunflower one is nice, make it at sunset")
    assert other.intent == "branch" and "picture 1" in other.understood, other
    sent = other.tasks[0].prompt_sent
    assert "sunflower" in sent and "sunset" in sent and "lavender" not in sent, sent
    taken = local_world.say(conv, "take the lavender one and make it at dawn")  # the rules' own reading of a picture named
    assert "lavender" in taken.tasks[0].prompt_sent and "sunflower" not in taken.tasks[0].prompt_sent


def test_colours_and_times_of_day_each_draw_their_own_picture_of_it(local_world):
    conv = local_world.store.create_conversation()
    first = local_world.say(conv, "a vintage car parked on a street")
    colours = local_world.say(conv, "try it in red, blue and green")
    assert len(colours.tasks) == 3, colours
    for colour, task in zip(("red", "blue", "green"), colours.tasks):
        assert f"{colour} vintage car" in task.prompt_sent or f"{colour} car" in task.prompt_sent, task.prompt_sent
        assert not any(o in task.prompt_sent for o in ("red", "blue", "green") if o != colour), task.prompt_sent
        assert task.seed == first.tasks[0].seed
    times = local_world.say(conv, "one at dawn and one at dusk")  # of the latest of them: the green car
    assert [("dawn" in t.prompt_sent, "dusk" in t.prompt_sent) for t in times.tasks] == [(True, False), (False, True)]
    assert all("green" in t.prompt_sent for t in times.tasks)


def test_the_daily_limit_cuts_the_versions_and_only_those_made_are_pictures(tmp_path, tiny_local):
    w = World(tmp_path / "limited.duckdb", tiny_local, quota=3)
    try:
        visitor = new_anonymous()
        conv = w.store.create_conversation(user=visitor)
        w.say(conv, "a cozy cabin in the woods", user=visitor)
        turn = w.say(conv, "show me it in all four seasons", user=visitor)
        assert len(turn.tasks) == 2 and any("Only 2 of 4" in note for note in turn.notes), turn
        rows = w.store.scenes(conv, user=visitor)
        assert [r.image_number for r in rows] == [1, 2, 3]
        assert ["spring" in rows[1].prompt, "summer" in rows[2].prompt] == [True, True]
    finally:
        w.close()


def test_the_pictures_are_found_again_after_a_restart(tmp_path, tiny_local):
    path = tmp_path / "restart.duckdb"
    w = World(path, tiny_local)
    conv = w.store.create_conversation()
    made = w.say(conv, "draw a cat and, separately, a dog")
    w.close()
    w = World(path, tiny_local)
    try:
        ctx, _ = w.turns.context(conv, FAST, None)
        assert [p.number for p in ctx.pictures] == [1, 2]
        assert [p.prompt_sent for p in ctx.pictures] == [t.prompt_sent for t in made.tasks]
        assert ctx.pictures[0].says("cat") and not ctx.pictures[0].says("dog") and ctx.pictures[1].says("dog")
        back = w.say(conv, "take the cat one and add a red scarf")
        assert back.intent == "branch" and "cat" in back.tasks[0].prompt_sent and "dog" not in back.tasks[0].prompt_sent
    finally:
        w.close()


def test_a_chat_model_asks_for_the_variants_and_writes_each_prompt(tmp_path, tiny_local):
    with fc.FakeChat() as server:
        interpreter = ChatModelInterpreter(
            ChatModelConfig(model="tiny-chat", base_url=server.base_url, timeout_s=10, max_retries=0), RulesInterpreter())
        w = World(tmp_path / "llm.duckdb", tiny_local, interpreter=interpreter)
        try:
            conv = w.store.create_conversation()
            server.script(fc.tool_call({"action": {"intent": "new", "description": "a lighthouse on a cliff"}}))
            first = w.say(conv, "a lighthouse on a cliff")
            times = [{"label": when, "ops": [{"op": "set", "slot": "time", "value": f"at {when}"}],
                      "prompt": f"a lighthouse on a cliff at {when}, soft light"} for when in ("dawn", "dusk")]
            server.script(fc.tool_call({"action": {"intent": "edit", "variants": times}}))
            turn = w.say(conv, "one at dawn and one at dusk")
            assert turn.by == "tiny-chat" and "2 versions: dawn, dusk" in turn.understood, turn
            assert [t.prompt_sent for t in turn.tasks] == ["a lighthouse on a cliff at dawn, soft light",
                                                           "a lighthouse on a cliff at dusk, soft light"]
            assert [t.seed for t in turn.tasks] == [first.tasks[0].seed] * 2
            assert "variants" in server.requests[-1].body["messages"][0]["content"]  # the system prompt says how
            dropped = [{**times[0], "prompt": "a golden sunset"}, times[1]]
            server.script(fc.tool_call({"action": {"intent": "edit", "variants": dropped}}))
            checked = w.say(conv, "one at dawn and one at dusk")  # a prompt without the lighthouse is not used
            assert checked.by == "rules" and any("dropped the subject" in n for n in checked.notes), checked
        finally:
            w.close()


@pytest.mark.parametrize("text, expected", [
    ("a lighthouse on a cliff in spring, summer, autumn and winter", ["spring", "summer", "autumn", "winter"]),
    ("a harbour at dawn, at noon and at dusk", ["dawn", "noon", "dusk"]),
    ("paint an owl in three styles: watercolor, pixel art and oil painting", ["watercolor", "pixel art", "oil painting"]),
    ("my cat as a pirate, as a wizard, and as a chef", ["cat as a pirate", "cat as a wizard", "cat as a chef"]),
])
def test_a_list_of_looks_or_roles_after_a_new_picture_is_one_picture_each(text, expected):
    action = variants_asked(text, NOTHING_YET)
    assert isinstance(action, New) and labels(action) == expected, action


@pytest.mark.parametrize("text, n", [
    ("sticker ideas for my shop, kawaii style: a strawberry, a cloud and a cactus", 3),
    ("two postcards of Lisbon: at sunset, and in the rain", 2),
    ("make separate icons for home, settings and profile, flat outline style", 3),
])
def test_things_listed_after_a_colon_or_as_separate_icons_are_one_picture_each(text, n):
    action = variants_asked(text, NOTHING_YET)
    assert isinstance(action, New) and len(action.variants) == n, action
    assert all(v.description or v.ops for v in action.variants)


@pytest.mark.parametrize("text", [
    "a girl in a red dress, in a garden, at sunset",
    "a cat in a hat, in the rain",
    "a knight in armor, with a sword and a shield",
    "a poster: a cat, a dog and a bird",
    "a cat in red and blue",
])
def test_a_description_with_several_places_or_things_is_one_picture(text):
    assert variants_asked(text, NOTHING_YET) is None
