"""Small changes a person says of the picture on screen, and the remarks and questions around them: a slip of the
fingers in a word of it, a thing made into another of its kind, a weight of Stable Diffusion's attention syntax, the
negative prompt spoken of by name, a picture of several asked in one message named by its place, a new shape of a
kept picture, a look asked of a picture given, and changes, small talk and questions said loosely, politely or in
passing. The readings are pure; the turns run on real parts (the tiny pipeline, the job runner, DuckDB)."""

from __future__ import annotations


import pytest

from conversation.actions import (Add, Allow, Branch, Camera, Chat, Edit, Help, New, Question, Remove, Repeat, Replace, Revert, SetGuidance,
                                  SetSize, SetSlot, SetSteps, SetStyle, Undo)
from conversation.batch_edit import one_of_batch
from conversation.edits import apply_ops
from conversation.interpreter import Picture
from conversation.keep import read
from conversation.rules import understand
from conversation.scene import Scene
from conversation.slips import scene_slips
from conversation.turn_input import TurnSettings
from storage.people import new_anonymous
from tests.conversation_context import ctx
from tests.test_conversation_followups import pictures_of
from tests.turn_world import FAST, png


# ---- a slip of the fingers in a word of the picture ---------------------------------------------------------


@pytest.mark.parametrize("said, meant", [
    ("make the cta fluffier", "make the cat fluffier"),
    ("make the unicron pink", "make the unicorn pink"),
    ("the dragn should breathe fire", "the dragon should breathe fire"),
    ("put the hrose in the gardn", "put the horse in the garden"),
])
def test_a_slip_in_a_word_of_the_picture_is_put_right(said, meant):
    assert scene_slips(said, ["a cat", "a unicorn", "a dragon", "a horse", "in a garden"]) == meant


@pytest.mark.parametrize("said", ["add a hat", "make the cats orange", "make it a car", "lol", "add a bat", "put it on a mat"])
def test_a_real_word_or_a_plural_is_never_changed(said):
    assert scene_slips(said, ["a cat", "in a garden"]) == said


def test_a_slip_near_two_words_of_the_picture_is_left_as_typed():
    assert scene_slips("make the hoese red", ["a horse", "a house"]) == "make the hoese red"


def test_the_rules_read_the_word_put_right_and_leave_other_languages_alone():
    action = understand("make the cta fluffier", ctx("a cat in a garden"))[0]
    assert isinstance(action, Edit) and any("cat" in getattr(op, "new", getattr(op, "thing", "")) for op in action.ops), action
    assert not any("cta" in str(op) for op in action.ops)
    dutch = understand("de hoed mag weg", ctx("a man wearing a hat"))[0]  # "mag" is no slip of "man"
    assert isinstance(dutch, Edit) and dutch.ops == (Remove(thing="hat"),), dutch


# ---- a thing made into another of its kind ------------------------------------------------------------------


def test_a_thing_just_added_made_into_another_of_its_kind_is_that_thing_changed():
    on_screen = ctx(Scene(subject="a cat", details=("a hat",), seed=42))
    action = understand("make it a top hat", on_screen)[0]
    assert isinstance(action, Edit) and action.ops == (Replace(old="a hat", new="a top hat"),), action
    scene, _ = apply_ops(on_screen.scene, action.ops)
    assert scene.subject == "a cat" and scene.details == ("a top hat",)
    other = understand("make it a dog", on_screen)[0]  # another kind of thing: the picture's subject
    assert isinstance(other, Edit) and other.ops[0].op == "subject"


# ---- weights ------------------------------------------------------------------------------------------------


WEIGHTED = "masterpiece, portrait of a knight, (bokeh:1.3), neon rain"


@pytest.mark.parametrize("text, old, new", [
    ("lower the bokeh weight to 0.8", "(bokeh:1.3)", "(bokeh:0.8)"),
    ("increase the weight on bokeh to 1.5", "(bokeh:1.3)", "(bokeh:1.5)"),
    ("lower bokeh weight", "(bokeh:1.3)", "(bokeh:1.1)"),
    ("raise the weight of the neon rain", "neon rain", "(neon rain:1.2)"),
    ("set neon rain to 1.4", "neon rain", "(neon rain:1.4)"),
    ("set bokeh to 1", "(bokeh:1.3)", "bokeh"),
])
def test_a_weight_asked_is_written_where_the_words_are(text, old, new):
    on_screen = ctx(WEIGHTED)
    action = understand(text, on_screen)[0]
    assert isinstance(action, Edit) and action.ops == (Replace(old=old, new=new),), action
    scene, changes = apply_ops(on_screen.scene, action.ops)
    prompt = " ".join(scene.phrases())
    assert new in prompt and prompt.count("bokeh") == 1, prompt
    assert f"+ {new}" in changes


@pytest.mark.parametrize("text", ["make the bokeh stronger", "lower the sky to 0.5", "reduce bokeh"])
def test_no_weight_is_read_where_none_is_said_or_the_words_are_not_there(text):
    action = understand(text, ctx(WEIGHTED))[0]
    assert not (isinstance(action, Edit) and any(isinstance(op, Replace) and ":" in op.new for op in action.ops)), action


def test_weights_are_for_stable_diffusion_only():
    dalle = ctx(WEIGHTED, target="dalle3")
    action = understand("lower the bokeh weight to 0.8", dalle)[0]
    assert not (isinstance(action, Edit) and Replace(old="(bokeh:1.3)", new="(bokeh:0.8)") in action.ops), action


# ---- the negative prompt spoken of by name ------------------------------------------------------------------


@pytest.mark.parametrize("text, ops", [
    ("remove lowres from the negative and add blurry", (Allow(thing="lowres"), Remove(thing="blurry"))),
    ("remove text from negative and add 'logo'", (Allow(thing="text"), Remove(thing="logo"))),
    ("take out lowres and jpeg artifacts from the negative prompt", (Allow(thing="lowres"), Allow(thing="jpeg artifacts"))),
    ("add 'text' to the negative too", (Remove(thing="text"),)),
    ("add blurry to negatives and make it night", (Remove(thing="blurry"), SetSlot(slot="time", value="at night"))),
])
def test_the_negative_prompt_named_is_what_changes(text, ops):
    action = understand(text, ctx("a street food vendor at night"))[0]
    assert isinstance(action, Edit) and action.ops == ops, action


def test_what_comes_out_of_the_negative_is_no_longer_avoided_nor_drawn():
    scene = Scene(subject="a vendor", negatives=("(worst quality:1.4)", "lowres", "text"))
    changed, changes = apply_ops(scene, (Allow(thing="lowres"), Allow(thing="worst quality"), Remove(thing="blurry")))
    assert changed.negatives == ("text", "blurry")
    assert changed.subject == "a vendor" and "lowres" not in " ".join(changed.phrases())
    assert "no longer avoided: (worst quality:1.4)" in changes


# ---- one of several pictures asked in one message -----------------------------------------------------------


def test_the_third_of_several_different_pictures_is_named_by_its_place_in_the_message():
    pictures = (Picture(number=1), *(Picture(number=n, variants=3, variant=n - 1) for n in (2, 3, 4)))
    branch = one_of_batch(Branch(image=3, ops=(SetSlot(slot="time", value="at night"),)),
                          "the third one is best, make it at night", pictures)
    assert branch.image == 4 and branch.pick is None
    first = one_of_batch(Revert(image=1), "go back to the first one", pictures)
    assert first.image == 2
    earlier = one_of_batch(Revert(image=1), "go back to the very first one", pictures)
    assert earlier.image == 1


def test_versions_asked_with_show_are_one_picture_each():
    action = understand("show it in red, blue and green", ctx("a red car"))[0]
    assert isinstance(action, Edit) and [v.label for v in action.variants] == ["red", "blue", "green"], action


# ---- keeping the picture -------------------------------------------------------------------------------------


@pytest.mark.parametrize("text, rest", [
    ("keep the same picture but portrait", "portrait"),
    ("use the same image but red", "red"),
    ("keep the exact same composition, just make it snow", "make it snow"),
])
def test_keep_said_before_the_same_picture_is_cut_with_it(text, rest):
    words = read(text)
    assert words.keep and words.rest == rest


# ---- a look asked of a picture given ----------------------------------------------------------------------


@pytest.mark.parametrize("text, style", [
    ("make this a watercolor", "watercolor"),
    ("turn this photo into pixel art please", "pixel-art"),
    ("can you turn this into an anime", "anime"),
])
def test_a_look_asked_of_a_picture_given_is_that_look(text, style):
    action = understand(text, ctx().model_copy(update={"attached": True}))[0]
    assert isinstance(action, New) and SetStyle(style=style) in action.ops, action
    assert "this" not in action.description.lower().split()


def test_a_look_asked_of_a_thing_given_keeps_the_thing():
    action = understand("make my dog a cartoon", ctx().model_copy(update={"attached": True}))[0]
    assert isinstance(action, New) and action.description == "dog"
    assert SetSlot(slot="medium", value="cartoon") in action.ops


def test_a_change_that_is_no_look_is_read_as_before():
    action = understand("make this brighter", ctx().model_copy(update={"attached": True}))[0]
    assert not (isinstance(action, New) and any(isinstance(op, SetStyle) for op in action.ops))


@pytest.mark.parametrize("text, what, said", [
    ("Good morning. This is a photograph of our old farmhouse. Could you make it look like an oil painting?",
     "farmhouse", "oil"),
    ("my nephew drew this doodle of a rocket, could you make it look like a real poster", "rocket", "poster"),
    ("hi there! here's my pencil sketch of a lighthouse, can you turn it into a watercolor", "lighthouse", "watercolor"),
    ("a friend sent me this scan of a dragon, can you tidy it up into a clean line art logo", "dragon", "logo"),
])
def test_the_thing_a_picture_given_shows_is_kept_when_named_before_the_request(text, what, said):
    action = understand(text, ctx().model_copy(update={"attached": True}))[0]
    assert isinstance(action, New) and what in action.description, action
    assert said in str(action.ops) + action.description, action
    assert not any(word in action.description.lower().split() for word in ("could", "can", "sent", "drew")), action


# ---- whole turns --------------------------------------------------------------------------------------------


def test_a_kept_picture_asked_in_a_new_shape_is_drawn_in_that_shape(local_world):
    conv = local_world.store.create_conversation()
    first = local_world.say(conv, "a knight in a forest", TurnSettings(steps=4, width=64, height=64))
    assert (first.tasks[0].width, first.tasks[0].height) == (64, 64)
    wide = local_world.say(conv, "make it 16:9 but keep everything else", TurnSettings(steps=4))
    task = wide.tasks[0]
    assert task.source_image_id is not None and task.strength is not None  # the picture kept...
    assert task.width > task.height and task.seed == first.tasks[0].seed  # ...in the shape asked
    assert local_world.jobs.snapshot(task.task_id).status == "succeeded"
    same = local_world.say(conv, "same picture but at night", TurnSettings(steps=4))
    assert (same.tasks[0].width, same.tasks[0].height) == (task.width, task.height)  # no shape asked: the picture's


def test_the_third_of_three_colours_is_the_one_changed(local_world):
    conv = local_world.store.create_conversation()
    local_world.say(conv, "a vintage car parked on a street", FAST)
    colours = local_world.say(conv, "show it in red, blue and green", FAST)
    assert [t.prompt_sent.split(",")[0] for t in colours.tasks] == ["a red vintage car parked on a street",
                                                                   "a blue vintage car parked on a street",
                                                                   "a green vintage car parked on a street"] \
        or all(c in t.prompt_sent for c, t in zip(("red", "blue", "green"), colours.tasks))
    night = local_world.say(conv, "the third one is best, make it at night", FAST)
    assert night.intent == "branch" and "green" in night.tasks[0].prompt_sent and "night" in night.tasks[0].prompt_sent



def test_a_given_picture_asked_as_a_watercolor_is_drawn_from_it_in_that_look(local_world):
    user = new_anonymous()
    conv = local_world.store.create_conversation(user=user)
    image_id = local_world.turns.attach_picture(user, png(), conversation_id=conv)
    turn = local_world.say(conv, "make this a watercolor", TurnSettings(steps=4, image_id=image_id), user=user)
    task = turn.tasks[0]
    assert task.source_image_id == image_id and task.style == "watercolor"
    assert "this" not in task.prompt_sent.lower().split(",")[0].split()


# ---- a request with its reason, a remark before an order, caps lock ------------------------------------------------


@pytest.mark.parametrize("text, aspect", [
    ("landscape please so it fits the slide", "3:2"),
    ("square please, my grid is square", "1:1"),
    ("has to be portrait, I'm printing it", "2:3"),
    ("can you make it square for the thumbnail", "1:1"),
])
def test_a_shape_asked_with_its_reason_is_the_shape_alone(text, aspect):
    action = understand(text, ctx("a fox in a forest"))[0]
    assert isinstance(action, Edit) and action.ops == (SetSize(aspect=aspect),), action


def test_a_reason_that_says_what_to_leave_clear_is_kept():
    action = understand("make it wide so there's space for a headline at the top", ctx("a mountain lake at dawn"))[0]
    assert isinstance(action, Edit) and len(action.ops) > 1, action


@pytest.mark.parametrize("text, expected", [
    ("haha that's creepy, make it smile", Edit(ops=(Add(thing="smiling"),))),
    ("meh kinda boring. add a red scarf", Edit(ops=(Add(thing="a red scarf"),))),
    ("ugh not great, try again", Repeat()),
])
def test_an_order_after_a_remark_is_read_alone(text, expected):
    assert understand(text, ctx("a fox in a forest"))[0] == expected


def test_a_remark_that_names_what_the_order_means_is_kept():
    action = understand("the bucket looks out of place. remove it but keep the parrot", ctx("a parrot next to a bucket"))[0]
    assert isinstance(action, Edit) and Remove(thing="bucket") in action.ops, action


def test_thanks_with_a_word_on_what_it_is_for_is_thanks():
    assert understand("thank you so much, this helps my class a lot", ctx("a fox in a forest"))[0] == Chat(kind="thanks")
    asked = understand("thanks so much, now make it at night please", ctx("a fox in a forest"))[0]
    assert isinstance(asked, Edit), asked


@pytest.mark.parametrize("text, description", [
    ("I WANT A PICTURE OF A RED BARN IN THE SNOW", "a red barn in the snow"),
    ("i would like a picture of a lighthouse", "a lighthouse"),
])
def test_a_picture_asked_in_capitals_or_as_a_wish_is_drawn(text, description):
    action = understand(text, ctx())[0]
    assert isinstance(action, New) and action.description == description, action


def test_no_model_at_the_end_of_a_description_is_no_question():
    action = understand("flat lay of a linen dress on a white background, soft shadows, no model", ctx())[0]
    assert isinstance(action, New) and "linen dress" in action.description, action


@pytest.mark.parametrize("text", [
    "hola! ¿puedes hacer una imagen de un perro en la playa?",
    "Kannst du mir bitte ein Bild von einem Leuchtturm machen?",
    "peux-tu dessiner un chat sur un toit ?",
    "Kun je een molen maken bij een rivier?",
])
def test_a_picture_asked_as_a_question_in_another_language_is_drawn(text):
    action = understand(text, ctx())[0]
    assert isinstance(action, New), action


def test_a_question_in_another_language_that_asks_no_picture_is_answered():
    assert isinstance(understand("¿puedes hablar español?", ctx())[0], Chat)


# ---- small talk said in a sentence; changes said without their verb ---------------------------------------------


@pytest.mark.parametrize("text, kind", [
    ("ok thanks this really helps my lesson plan", "thanks"),
    ("dziękuję!", "thanks"),
    ("ugh this week has been rough, my boss is impossible", "other"),
    ("great, that's all for today", "thanks"),
    ("lovely, she's exactly how I pictured her", "praise"),
    ("cool, printing these for my wall", "praise"),
    ("Thanks so much. Have a good weekend!", "thanks"),
    ("honestly the best picture I've ever seen", "praise"),
])
def test_small_talk_said_in_a_sentence_is_answered_not_drawn(text, kind):
    assert understand(text, ctx("a red tractor in a field"))[0] == Chat(kind=kind)


def test_a_sentence_that_asks_is_no_small_talk():
    assert isinstance(understand("great, let's add a dog", ctx("a red tractor in a field"))[0], Edit)


@pytest.mark.parametrize("text", ["what is this app?", "what's this site?"])
def test_what_the_app_is_is_help(text):
    assert isinstance(understand(text, ctx())[0], Help)


@pytest.mark.parametrize("text, check", [
    ("the tractor a smidge smaller", lambda ops: any(isinstance(op, Replace) and "smaller" in op.new and "tractor" in op.new for op in ops)),
    ("make the sky a little brighter", lambda ops: ops == (Replace(old="sky", new="brighter sky"),)),
    ("evening shot with the lamps on", lambda ops: SetSlot(slot="time", value="at evening") in ops or any(
        getattr(op, "slot", "") == "time" for op in ops)),
    ("my client wants it square", lambda ops: ops == (SetSize(aspect="1:1"),)),
    ("Could it look like a watercolor?", lambda ops: ops == (SetStyle(style="watercolor"),)),
    ("My grandpa kept bees on his farm. Could you add a few beehives by the fence?",
     lambda ops: any(isinstance(op, Add) and "beehive" in op.thing for op in ops)),
])
def test_a_change_said_without_its_verb_or_after_a_story_is_that_change(text, check):
    action = understand(text, ctx("a red tractor in a field under a blue sky"))[0]
    assert isinstance(action, Edit) and check(action.ops), action


def test_a_new_seed_alone_is_the_picture_again():
    assert understand("same thing but a different seed", ctx("a red tractor in a field"))[0] == Repeat()


# ---- apologies, relays, asides, settings said loosely, pictures named again -----------------------------------------


@pytest.mark.parametrize("text, check", [
    ("Sorry, one last thing, could the collar be red?", lambda a: isinstance(a, Edit) and any("red" in str(op) for op in a.ops)),
    ("sorry — a pale green background? sorry", lambda a: isinstance(a, Edit) and any("green" in str(op) for op in a.ops)),
    ("now he wants the dog to be brown. sorry, he changes his mind a lot",
     lambda a: isinstance(a, Edit) and a.ops == (Replace(old="dog", new="brown dog"),)),
    ("a bowl of apples on the table too", lambda a: isinstance(a, Edit) and a.ops == (Add(thing="a bowl of apples on the table"),)),
    ("fog creeping in behind", lambda a: isinstance(a, Edit) and isinstance(a.ops[0], Add)),
    ("now the collar is bright red", lambda a: isinstance(a, Edit) and any("red" in str(op) for op in a.ops)),
    ("could you make a tall version of it for my phone, same thing", lambda a: isinstance(a, Edit) and isinstance(a.ops[0], SetSize)),
    ("our designer wants it square, can you do that?", lambda a: isinstance(a, Edit) and a.ops == (SetSize(aspect="1:1"),)),
    ("more steps, 45", lambda a: isinstance(a, Edit) and a.ops == (SetSteps(steps=45),)),
    ("guidance higher, like 9", lambda a: isinstance(a, Edit) and SetGuidance(guidance=9.0) in a.ops),
    ("show me one more option", lambda a: a == Repeat()),
    ("undo the color change", lambda a: a == Undo()),
])
def test_changes_said_loosely_are_read(text, check):
    action = understand(text, ctx("a dog with a blue collar in a kitchen"))[0]
    assert check(action), action


@pytest.mark.parametrize("text, kind", [
    ("ha. my editor is going to love this", "praise"),
    ("work was so hectic today, I barely ate", "other"),
    ("she wants to know if dogs can really smile", "offtopic"),
    ("which one do you prefer for the cover?", "other"),
    ("bleh, long shift. tell me something interesting about penguins", "offtopic"),
])
def test_small_talk_in_more_words_is_answered(text, kind):
    assert understand(text, ctx("a dog with a blue collar in a kitchen"))[0] == Chat(kind=kind)


@pytest.mark.parametrize("text", ["can you make images from text?", "can I undo things later?", "help, what else can you do?",
                                  "how do I start over with a new picture?"])
def test_how_the_app_works_is_help(text):
    assert isinstance(understand(text, ctx("a dog with a blue collar in a kitchen"))[0], Help)


def test_a_picture_asked_after_a_story_is_the_picture():
    action = understand("long day. my printer jammed twice. anyway. draw a cat asleep on a printer", ctx())[0]
    assert isinstance(action, New) and action.description == "a cat asleep on a printer", action


def test_the_one_named_again_then_changed_is_that_one():
    pictures = ctx(Scene(subject="a herd of cows", seed=1), pictures=3).model_copy(update={"pictures": (
        Picture(number=1, prompt_sent="a red barn in a field"), Picture(number=2, prompt_sent="a windmill by a canal"),
        Picture(number=3, prompt_sent="a herd of cows"))})
    assert understand("and the windmill one at night", pictures)[0] == Branch(image=2, ops=(SetSlot(slot="time", value="at night"),))
    branch = understand("go back to the one with the red barn and add a tractor", pictures)[0]
    assert isinstance(branch, Branch) and branch.image == 1


# ---- emoji named things; more loose wordings ------------------------------------------------------------------------


@pytest.mark.parametrize("text, description", [("🐢🏖️", "a turtle and a beach with umbrella"), ("🍩🍩", "a doughnut")])
def test_emoji_that_name_things_before_any_picture_are_a_picture_of_them(text, description):
    action = understand(text, ctx())[0]
    assert isinstance(action, New) and action.description == description, action


@pytest.mark.parametrize("text", ["😂😂", "🥰🔥", "👍"])
def test_emoji_of_a_reaction_are_small_talk(text):
    assert isinstance(understand(text, ctx())[0], Chat)


@pytest.mark.parametrize("text, check", [
    ("can you swap all the blue for green and gold", lambda a: isinstance(a, Edit) and a.ops[0] == Replace(old="blue", new="green and gold")),
    ("what would it look like in midnight blue", lambda a: isinstance(a, Edit)),
    ("set the guidance to like 6, it looks fried", lambda a: isinstance(a, Edit) and a.ops == (SetGuidance(guidance=6.0),)),
    ("hmm actually I preferred it before that", lambda a: a == Undo()),
    ("make me a forest green one", lambda a: isinstance(a, Edit) and any("forest green" in str(op) for op in a.ops)),
    ("ad a fox in frnt", lambda a: isinstance(a, Edit) and a.ops == (Add(thing="a fox in front"),)),
    ("a full body shot", lambda a: isinstance(a, Edit) and "full body" in str(a.ops[0])),
    ("seed -1", lambda a: a == Repeat()),
    ("nother one pls", lambda a: a == Repeat()),
    ("at dawn with mist on the water", lambda a: isinstance(a, Edit)),
    ("wow. please save the seed for me", lambda a: isinstance(a, Question) and a.topic == "seed"),
])
def test_more_loose_wordings_of_a_change(text, check):
    action = understand(text, ctx("a blue boat on a lake"))[0]
    assert check(action), action


@pytest.mark.parametrize("text, kind", [("what's a good caption for this?", "offtopic"), ("God bless you, this is wonderful", "thanks"),
                                        ("efharisto!", "thanks")])
def test_words_asked_for_or_blessings_are_no_picture(text, kind):
    assert understand(text, ctx("a blue boat on a lake"))[0] == Chat(kind=kind)


def test_is_there_a_way_to_make_several_is_help():
    assert isinstance(understand("is there a way to make the same character in several scenes?", ctx("a knight"))[0], Help)


# ---- an engineer's words, questions that ask for no picture, privacy -----------------------------------------------


@pytest.mark.parametrize("text, expected", [
    ("Increase steps to 40. Nothing else changes.", (SetSteps(steps=40),)),
    ("Lower the camera to ground level", (Camera(move="below"),)),
    ("Swing the camera round so we see it from the side.", (Camera(move="side"),)),
    ("Move the camera 20 degrees higher please", (Camera(move="above"),)),
    ("Double the camera distance.", (Camera(move="wider"),)),
])
def test_camera_and_settings_in_an_engineers_words(text, expected):
    action = understand(text, ctx("a steam engine in a workshop"))[0]
    assert isinstance(action, Edit) and action.ops == expected, action


def test_more_variants_with_other_seeds_are_more_takes():
    assert understand("Generate 3 more variants with new seeds.", ctx("a steam engine in a workshop"))[0] == Repeat(count=3)


def test_going_back_to_how_it_was_is_undo():
    assert understand("could we go back to how it was before the snow?", ctx("a steam engine in a workshop"))[0] == Undo()


@pytest.mark.parametrize("text, kind", [
    ("lovely, my mum will cry", "praise"),
    ("good, that one's perfect", "praise"),
    ("perfect for our newsletter, thanks", "thanks"),
    ("do penguins really mate for life?", "offtopic"),
    ("which paint would be cheaper for a mural?", "offtopic"),
    ("what would you call it?", "offtopic"),
    ("it's for my daughter's room. do you like it?", "other"),
])
def test_questions_and_remarks_that_ask_no_picture(text, kind):
    assert understand(text, ctx("a steam engine in a workshop"))[0] == Chat(kind=kind)


@pytest.mark.parametrize("text", ["how long do you keep my pictures?", "can you delete them afterwards?",
                                  "are my prompts sent anywhere?", "does this run locally?",
                                  "is it ok to use this as my laptop wallpaper?"])
def test_privacy_and_use_questions_are_help(text):
    assert isinstance(understand(text, ctx("a steam engine in a workshop"))[0], Help)


# ---- the polite, the impatient, and pictures asked back by what they showed ----------------------------------------


TWO_WALLS = ("a fox on a stage with a crowd and a red wall", "a fox on a stage with a crowd and a green wall")


@pytest.mark.parametrize("text, check", [
    ("If you don't mind, might it be snowing a little?", lambda a: isinstance(a, Edit) and any("snow" in str(op) for op in a.ops)),
    ("Awfully sorry — could we have the red one back?", lambda a: a == Undo() or isinstance(a, Revert) and a.image == 1),
    ("bruh make 3 of them", lambda a: a == Repeat(count=3)),
    ("3 at once, quick", lambda a: a == Repeat(count=3)),
    ("now a closer look at the fox", lambda a: isinstance(a, Edit) and a.ops[0].op == "camera" and a.ops[0].move == "closer"),
    ("now a side elevation", lambda a: isinstance(a, Edit) and a.ops == (Camera(move="side"),)),
    ("show me the red wall again", lambda a: a == Undo() or isinstance(a, Revert) and a.image == 1),
    ("nah, the red one was better", lambda a: a == Undo() or isinstance(a, Revert) and a.image == 1),
    ("that looks too dark, back one step", lambda a: a == Undo()),
    ("the crowd should all be penguins", lambda a: isinstance(a, Edit) and any("penguin" in str(op) for op in a.ops)),
    ("our house colour is teal, so change the wall", lambda a: isinstance(a, Edit) and any("teal" in str(op) for op in a.ops)),
    ("Lovely. Might the fox be a touch smaller?", lambda a: isinstance(a, Edit) and any("smaller" in str(op) for op in a.ops)),
    ("whatever. again", lambda a: a == Repeat()),
])
def test_polite_and_impatient_wordings(text, check):
    action = understand(text, pictures_of(*TWO_WALLS))[0]
    assert check(action), action


@pytest.mark.parametrize("text, expected", [
    ("was that the same seed? just checking", Question(topic="seed")),
    ("which flowers did you put in?", Question(topic="describe")),
    ("how many guests would a cake like that feed?", Chat(kind="offtopic")),
    ("Splendid. Thank you ever so much, you've been very kind.", Chat(kind="thanks")),
    ("fine, that'll do", Chat(kind="ack")),
    ("lovely, the class will colour them in", Chat(kind="praise")),
])
def test_questions_and_thanks_said_politely(text, expected):
    assert understand(text, pictures_of(*TWO_WALLS))[0] == expected


def test_if_i_can_go_back_later_is_help():
    assert isinstance(understand("if I don't like it, can I go back to the first one?", pictures_of(*TWO_WALLS))[0], Help)


@pytest.mark.parametrize("text, check", [
    ("nice. whats the seed", lambda a: isinstance(a, Question) and a.topic == "seed"),
    ("ooh. could I get another one like that for the hallway?", lambda a: a == Repeat()),
    ("pull back, I want to see the whole boat", lambda a: isinstance(a, Edit) and a.ops == (Camera(move="wider"),)),
    ("the red one but outside in a garden", lambda a: isinstance(a, Branch) and a.image == 1),
    ("undo she hates spiders", lambda a: a == Undo()),
    ("what if there was a lighthouse behind it", lambda a: isinstance(a, Edit) and isinstance(a.ops[0], Add)),
    ("is the lamp supposed to be on?", lambda a: isinstance(a, Question) and a.topic == "describe"),
    ("what kind of birds are those?", lambda a: isinstance(a, Question) and a.topic == "describe"),
    ("Could it feel more like a dream? Softer", lambda a: isinstance(a, Edit)),
    ("noch eins", lambda a: a == Repeat()),
    ("have you ever seen snow?", lambda a: a == Chat(kind="offtopic")),
    ("dziękuję, díky, khob khun", lambda a: a == Chat(kind="thanks")),
    ("hola, cómo funciona?", lambda a: isinstance(a, Help)),
])
def test_more_wordings_from_other_people(text, check):
    action = understand(text, pictures_of(*TWO_WALLS))[0]
    assert check(action), action


@pytest.mark.parametrize("text, check", [
    ("smashing. pop a cat on the fence, would you", lambda a: isinstance(a, Edit) and a.ops == (Add(thing="a cat on the fence"),)),
    ("know wait make it green", lambda a: isinstance(a, Edit) and any("green" in str(op) for op in a.ops)),
    ("he loves it, he wants another one just like it", lambda a: a == Repeat()),
    ("also my mum hates lilies, so none of those", lambda a: isinstance(a, Edit) and a.ops == (Remove(thing="lilies"),)),
    ("this one landscape for a change", lambda a: isinstance(a, Edit) and a.ops == (SetSize(aspect="3:2"),)),
    ("what does the sign say?", lambda a: isinstance(a, Question) and a.topic == "describe"),
    ("oops, sent that twice", lambda a: a == Chat(kind="ack")),
    ("great, that covers the whole week", lambda a: a == Chat(kind="praise")),
    ("do you think murals make streets safer?", lambda a: a == Chat(kind="offtopic")),
    ("köszönöm!", lambda a: a == Chat(kind="thanks")),
    ("brill, ta", lambda a: a == Chat(kind="thanks")),
    ("please always make them square from now on", lambda a: isinstance(a, Help)),
    ("how many pictures can I make per day?", lambda a: isinstance(a, Help)),
    ("I'm a teacher, what can you help me with?", lambda a: isinstance(a, Help)),
])
def test_dictated_british_and_impatient_wordings(text, check):
    action = understand(text, pictures_of(*TWO_WALLS))[0]
    assert check(action), action


@pytest.mark.parametrize("text, check", [
    ("make it so the son is setting", lambda a: isinstance(a, Edit) and SetSlot(slot="time", value="at sunset") in a.ops),
    ("now at knight", lambda a: isinstance(a, Edit) and SetSlot(slot="time", value="at night") in a.ops),
    ("add a which on a broom", lambda a: isinstance(a, Edit) and a.ops == (Add(thing="a witch on a broom"),)),
    ("ta very much", lambda a: a == Chat(kind="thanks")),
])
def test_words_misheard_by_dictation(text, check):
    action = understand(text, ctx("a beach at dusk"))[0]
    assert check(action), action


def test_ta_inside_another_language_is_no_thanks():
    assert understand("ta je hezká, přidej psa", ctx("a beach at dusk"))[0] != Chat(kind="thanks")


def test_a_new_thing_with_its_colour_said_after_it_is_a_new_picture():
    action = understand("now a wolf, grey, howling on a ridge", ctx("a gelatinous cube in a dungeon"))[0]
    assert isinstance(action, New) and action.description == "a grey wolf howling on a ridge", action


@pytest.mark.parametrize("text, check", [
    ("make it winter, give him a red scarf", lambda a: isinstance(a, Edit) and SetSlot(slot="season", value="in winter") in a.ops),
    ("Remove the hat, use a crown", lambda a: isinstance(a, Edit) and Remove(thing="hat") in a.ops),
    ("the hat is a nice touch", lambda a: a == Chat(kind="praise")),
    ("give me a variation of that one", lambda a: a == Repeat()),
])
def test_two_requests_or_a_remark_are_not_read_as_a_remark_then_a_request(text, check):
    action = understand(text, ctx("a man in a hat under a tree"))[0]
    assert check(action), action


def test_ok_so_before_a_long_request_is_no_reason_to_cut_it():
    action = understand("ok so this is nearly it but could you please add a small owl on the shelf, and make the light warmer",
                        ctx("a wizard's study with a shelf of books"))[0]
    assert isinstance(action, (Edit, New)), action


def test_a_question_then_a_plan_for_the_picture_is_the_question():
    action = understand("And how do I save it? I would like to print it for my aunt.", ctx("a robin on a snowy branch"))[0]
    assert isinstance(action, Help), action
