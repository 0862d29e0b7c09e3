"""Changes that must take out what they contradict: a new place for the old one, an empty street for a busy
one, "less scary" for the opposite mood; a namesake swapped with the words that belonged to the old one;
a material or a dish's kind changed without losing the thing; and a change said of a whole batch. Each
wording here differs from the held-out sets'; the behaviour is what a person expects of the chat."""

from __future__ import annotations

import pytest

from conversation.actions import Chat, Edit, Question, SetSize, SetSlot, Undo
from conversation.interpreter import Context, Picture
from conversation.new_picture import SURPRISES
from conversation.replies import answer_question
from conversation.rules import understand
from tests.conversation_context import ctx, next_scene, scene_of
from tests.test_conversation_followups import pictures_of


def prompt_after(description: str, message: str) -> str:
    context = ctx(description)
    action = understand(message, context)[0]
    assert isinstance(action, Edit), action
    return ", ".join(next_scene(action, context.scene).phrases())


@pytest.mark.parametrize("message, place, time", [
    ("now in a meadow at dawn", "in a meadow", "at dawn"),
    ("same fox but on a beach by night", "on a beach", "at night"),
    ("in a desert at sunset please", "in a desert", "at sunset"),
])
def test_a_place_and_its_time_in_one_message_are_both_set(message, place, time):
    action = understand(message, ctx("a red fox curled up in a barn"))[0]
    assert isinstance(action, Edit)
    assert SetSlot(slot="setting", value=place) in action.ops and SetSlot(slot="time", value=time) in action.ops


@pytest.mark.parametrize("description, message, gone, kept", [
    # a scene read word for word (tags), its place inside the one phrase
    ("a small robot, very detailed, reading a book, in a kitchen, soft light", "put it in a greenhouse", "kitchen", "robot"),
    ("a knight resting in a tavern, candles", "now at the beach", "tavern", "knight"),
    ("a grey cat napping in a basket in a living room", "move it to a garden", "living room", "basket"),
])
def test_a_new_place_takes_the_old_places_spot(description, message, gone, kept):
    prompt = prompt_after(description, message)
    assert gone not in prompt and kept in prompt, prompt


def test_what_is_around_the_subject_is_not_a_place_to_replace():
    prompt = prompt_after("a lighthouse keeper at his window, mountains in the background", "put him in a forest")
    assert "in the background" in prompt and "forest" in prompt


@pytest.mark.parametrize("description, message, gone, added", [
    ("a crowded night market in taipei", "make the alleys deserted", "crowded", "deserted"),
    ("an empty subway platform, fluorescent light", "add a crowd of commuters", "empty", "crowd"),
])
def test_how_full_a_place_is_gives_way_to_its_opposite(description, message, gone, added):
    prompt = prompt_after(description, message)
    assert gone not in prompt and added in prompt, prompt


@pytest.mark.parametrize("message, mood", [("can it be less creepy", "cheerful"), ("a bit less spooky pls", "cheerful"),
                                           ("less cheerful please", "moody")])
def test_less_of_a_mood_asks_for_its_opposite(message, mood):
    prompt = prompt_after("a haunted doll house in the attic", message)
    assert mood in prompt, prompt


def test_one_for_another_namesake_swaps_it_and_drops_the_old_ones_text():
    prompt = prompt_after("vintage postcard for Lisbon, 'Greetings from Alfama', tram on a hill", "now do one for porto")
    assert "porto" in prompt and "Lisbon" not in prompt and "Alfama" not in prompt and "tram" in prompt, prompt


def test_one_for_someone_else_keeps_the_rest():
    prompt = prompt_after("a thank you card for my teacher with sunflowers", "make one for my coach as well")
    assert "my coach" in prompt and "teacher" not in prompt and "sunflower" in prompt, prompt


@pytest.mark.parametrize("message, thing, material", [("turn the table into white marble", "table", "white marble"),
                                                      ("change the chair to brushed steel", "chair", "brushed steel")])
def test_a_material_said_with_its_kind_keeps_the_thing(message, thing, material):
    prompt = prompt_after("a reading nook with a table and a chair, afternoon light", message)
    assert f"{material} {thing}" in prompt, prompt


def test_a_dishs_kind_changes_and_the_dish_stays():
    prompt = prompt_after("a bowl of spaghetti carbonara on a checkered tablecloth", "swap the carbonara for bolognese")
    assert "spaghetti bolognese" in prompt and "carbonara" not in prompt, prompt


def _after_a_batch(n: int) -> Context:
    scene = scene_of("a mascot for a surf shop", seed=700)
    return Context(scene=scene, pictures=(Picture(number=1, seed=700, width=512, height=512, prompt_sent="mascot", batch=n),),
                   can_undo=True)


@pytest.mark.parametrize("message", ["turn all of them green", "each of them at dusk", "make these black and white",
                                     "both as pixel art"])
def test_a_change_of_every_picture_of_a_batch_draws_each(message):
    action = understand(message, _after_a_batch(3 if "both" not in message else 2))[0]
    assert isinstance(action, Edit) and action.count == (3 if "both" not in message else 2), action


@pytest.mark.parametrize("message, batch", [("add a seagull", 3), ("make them all green", 1)])
def test_a_change_of_one_picture_draws_one(message, batch):
    action = understand(message, _after_a_batch(batch))[0]
    assert isinstance(action, Edit) and action.count == 1, action


@pytest.mark.parametrize("message, made", [("can you turn it into an enamel pin", "an enamel pin of"),
                                           ("make it a coloring page", "a coloring page of")])
def test_a_format_shows_what_the_picture_showed(message, made):
    prompt = prompt_after("an otter holding a seashell, floating on its back", message)
    assert prompt.startswith(made), prompt
    assert "otter" in prompt and "seashell" in prompt, prompt


def test_a_format_of_a_format_takes_its_place():
    prompt = prompt_after("a postcard that says 'HELLO FROM OSLO' with a fjord", "make it a poster")
    assert "poster" in prompt and "postcard" not in prompt and "HELLO FROM OSLO" in prompt, prompt


def test_make_it_a_thing_is_no_change_of_the_lettering():
    prompt = prompt_after("a banner that says 'GRAND OPENING' with balloons", "make it a sticker")
    assert "GRAND OPENING" in prompt and "sticker" in prompt, prompt


@pytest.mark.parametrize("message", ["the lettering is misspelled, try again", "could you correct the typos?"])
def test_a_spelling_complaint_draws_the_same_words_again_on_a_new_seed(message):
    context = ctx("a chalkboard menu that says 'FRESH COFFEE'")
    action = understand(message, context)[0]
    assert isinstance(action, Edit), action
    scene = next_scene(action, context.scene)
    assert "FRESH COFFEE" in ", ".join(scene.phrases()) and scene.seed is None, scene


@pytest.mark.parametrize("message, gone, kept", [
    ("ugh the umbrella ruins it, take it out", "umbrella", "parrot"),
    ("the bucket looks out of place. remove it but keep the parrot", "bucket", "parrot"),
])
def test_a_complaint_names_what_it_and_them_mean(message, gone, kept):
    prompt = prompt_after("a parrot on a beach chair next to a bucket, with an umbrella", message)
    assert gone not in prompt and kept in prompt and "keep" not in prompt, prompt


def test_what_is_disliked_is_what_the_change_replaces():
    prompt = prompt_after("a dog sleeping on a rug by the fireplace", "not a fan of the rug, make it a cushion")
    assert "cushion" in prompt and "rug" not in prompt and "dog" in prompt, prompt


def test_a_phrase_after_a_preposition_is_not_part_of_the_thing_changed():
    prompt = prompt_after("a canyon trail with cacti under a pale moon", "make the pale moon orange")
    assert "trail with cacti" in prompt and "orange pale moon" in prompt and prompt.count("orange") == 1, prompt


def test_turn_it_a_colour_colours_the_main_thing_not_what_it_is_for():
    prompt = prompt_after("a badge for a chess club", "turn it purple")
    assert "purple badge" in prompt and "chess club" in prompt, prompt


def test_a_new_look_takes_the_place_of_a_look_said_in_words():
    prompt = prompt_after("a botanical drawing of a fern, labeled, victorian field guide style", "make it look like an x-ray")
    assert "x-ray" in prompt and "field guide style" not in prompt and "fern" in prompt and "labeled" in prompt, prompt


def test_a_charcoal_drawing_is_drawn_in_charcoal():
    action = understand("charcoal sketch of a fisherman mending nets", ctx(None))[0]
    scene = next_scene(action, None)
    assert "charcoal" in ", ".join(scene.phrases()) and scene.style == "none", scene


def test_a_hypothetical_look_with_show_me_is_the_change():
    prompt = prompt_after("a lavender field with a stone farmhouse, summer evening", "how would it look in autumn? show me")
    assert "autumn" in prompt and "summer" not in prompt and "show me" not in prompt and "lavender" in prompt, prompt


@pytest.mark.parametrize("message, gone, come", [("spring instead of winter", "winter", "spring"),
                                                 ("dusk instead of noon", "noon", "dusk")])
def test_one_season_or_time_instead_of_another_sets_it(message, gone, come):
    prompt = prompt_after("a frosty orchard, winter, at noon", message)
    assert come in prompt and gone not in prompt and "orchard" in prompt, prompt


def test_a_new_season_takes_the_old_ones_words_off_the_subject():
    prompt = prompt_after("an icy lighthouse on a rocky point", "put it in summer")
    assert "icy" not in prompt and "lighthouse" in prompt and "summer" in prompt, prompt


def test_no_things_then_make_them_others_swaps_them():
    prompt = prompt_after("a barista pouring lattes at a marble counter", "no lattes, make them espressos")
    assert "barista pouring espressos" in prompt and "latte" not in prompt, prompt


def test_no_things_then_make_it_a_look_changes_the_picture():
    context = ctx("a quiet beach with a few people, late afternoon")
    action = understand("no people, make it darker", context)[0]
    prompt = ", ".join(next_scene(action, context.scene).phrases())
    assert "people" not in prompt and "beach" in prompt and "dark" in prompt, prompt


def test_things_made_other_things_with_a_colour():
    prompt = prompt_after("a harbour with white sailboats at dawn", "make the sailboats red kayaks")
    assert "red kayaks" in prompt and "sailboat" not in prompt, prompt


def test_fewer_of_a_thing_keeps_some_and_just_one_keeps_one():
    assert "a few goats grazing" in prompt_after("goats grazing on a hill", "fewer goats")
    prompt = prompt_after("surfers riding a huge wave at sunset", "fewer surfers, only one old man")
    assert "one old man riding a huge wave" in prompt and "surfers" not in prompt, prompt


@pytest.mark.parametrize("text", ["do octopuses really have three hearts?", "do parrots actually understand words?"])
def test_a_question_about_the_world_is_answered_not_drawn(text):
    assert isinstance(understand(text, ctx("an octopus in a coral reef"))[0], Chat)


KING = "a pug wearing a paper crown sitting on a wooden stool, in a studio"


@pytest.mark.parametrize("message, has, lacks", [
    ("can the crown be silver instead?", "silver crown", "paper"),
    ("could the stool be dark oak?", "dark oak stool", "wooden"),
    ("make the pug wink", "winking", "wink pug"),
    ("make the background a throne room", "in a throne room", "studio"),
    ("change the backdrop to a mountain range", "in a mountain range", "studio"),
    ("now make it a woodcut from the middle ages", "woodcut from the middle ages", "a woodcut from the middle ages wearing"),
])
def test_changes_said_of_one_thing_change_that_thing(message, has, lacks):
    prompt = prompt_after(KING, message)
    assert has in prompt and lacks not in prompt and "pug" in prompt, prompt


def test_a_look_with_a_subject_of_its_own_changes_the_subject():
    context = ctx(KING)
    action = understand("turn it into a photo of a beagle", context)[0]
    scene = next_scene(action, context.scene)
    assert "beagle" in ", ".join(scene.phrases()) and "pug" not in ", ".join(scene.phrases()), scene


@pytest.mark.parametrize("message, has", [
    ("make the kite green and tattered", "green and tattered kite"),
    ("make the kite orange like a sunset", "orange kite"),
])
def test_all_that_is_said_of_a_thing_goes_with_it(message, has):
    prompt = prompt_after("a boy flying a kite on a windy hill", message)
    assert has in prompt and "boy" in prompt and "like a sunset" not in prompt, prompt


def test_bigger_and_closer_is_the_size_and_the_camera():
    context = ctx("a lighthouse on a cliff, a fishing boat")
    action = understand("make the boat bigger and closer", context)[0]
    assert isinstance(action, Edit) and {op.op for op in action.ops} == {"replace", "camera"}, action


@pytest.mark.parametrize("message", ["in colour please", "can you add color", "full color version"])
def test_colour_asked_of_a_grey_picture_takes_the_grey_words_off(message):
    prompt = prompt_after("graphite drawing of a ballerina tying her shoes", message)
    assert "graphite" not in prompt and "ballerina" in prompt and "color" in prompt, prompt


def test_a_time_said_with_put_it_in_another_language_is_the_time():
    context = ctx("a windmill in a field of tulips")
    action = understand("ponla de noche", context)[0]
    assert isinstance(action, Edit) and action.ops == (SetSlot(slot="time", value="at night"),), action


def test_no_flag_on_a_thing_said_as_a_phrase_makes_it_a_negative():
    context = ctx("steampunk owl, brass goggles, gears")
    scene = next_scene(understand("--no gears", context)[0], context.scene)
    assert "gears" in scene.negatives and "gears" not in scene.details, scene


@pytest.mark.parametrize("text", ["surprise me", "idk, draw anything you like", "your choice"])
def test_a_subject_left_to_the_chat_draws_a_picked_one(text):
    action = understand(text, ctx(None))[0]
    assert action.intent == "new" and action.description in SURPRISES, action


@pytest.mark.parametrize("text, description", [
    ("what would a hamster look like as a pirate?", "a hamster as a pirate"),
    ("i'm thinking of a lantern festival on a river", "a lantern festival on a river"),
    ("a narwhal?", "a narwhal"),
])
def test_a_picture_offered_in_passing_is_drawn(text, description):
    action = understand(text, ctx(None))[0]
    assert action.intent == "new" and action.description == description, action


def test_a_new_seed_asked_with_a_question_mark_is_another_take():
    assert understand("a different seed?", ctx("a narwhal in an ice field"))[0].intent == "repeat"


@pytest.mark.parametrize("text, scale", [("make it 4k", 2.0), ("upscale it please", 1.5), ("full hd pls", 1.5),
                                         ("render it in high res", 1.5)])
def test_a_resolution_word_makes_the_picture_bigger(text, scale):
    action = understand(text, ctx("a mountain lake at dawn"))[0]
    assert isinstance(action, Edit) and action.ops == (SetSize(scale=scale),), action


@pytest.mark.parametrize("message, negative", [("avoid blurry", "blurry"), ("make sure there are no people", "people"),
                                               ("don't make it look cartoonish", "cartoonish")])
def test_what_to_avoid_said_in_more_words_goes_to_the_negative(message, negative):
    context = ctx("a portrait of a fisherman mending a net")
    action = understand(message, context)[0]
    scene = next_scene(action, context.scene)
    assert negative in scene.negatives and "fisherman" in scene.subject, scene


@pytest.mark.parametrize("text, style", [("studio ghibli vibes", "anime"), ("cyberpunk vibes pls", "cyberpunk")])
def test_a_style_said_with_vibes_is_the_style(text, style):
    action = understand(text, ctx("a fox in a snowy forest"))[0]
    assert isinstance(action, Edit) and action.ops[0].op == "style" and action.ops[0].style == style, action


def test_the_vibes_praised_are_no_change():
    assert isinstance(understand("love the ghibli vibes", ctx("a fox in a snowy forest"))[0], Chat)


def test_as_a_material_is_what_it_is_made_of():
    prompt = prompt_after("a fox in a snowy forest", "as lego")
    assert "made of lego" in prompt and "fox" in prompt, prompt


CAFE = "an old woman knitting by a window, a young man with a laptop at the next table"


@pytest.mark.parametrize("message, has, lacks", [
    ("make him older", "older man", "older old woman"),
    ("make her a queen", "queen knitting", "woman knitting"),
    ("make the man bald", "bald young man", "bald old woman"),
    ("make her look out the window", "looking out the window", "window look"),
    ("make them wave", "waving", "wave woman"),
    ("her scarf should be red", "red scarf", "red woman"),
])
def test_him_her_and_them_are_the_people_they_name(message, has, lacks):
    prompt = prompt_after(CAFE, message)
    assert has in prompt and lacks not in prompt, prompt


@pytest.mark.parametrize("text, description", [
    ("For my nephew's party I'd love a picture of a dinosaur in a party hat", "a dinosaur in a party hat"),
    ("we're planning a bake sale — could you draw a pile of cupcakes?", "a pile of cupcakes"),
    ("make me smth fun, like a penguin surfing lol", "a penguin surfing"),
])
def test_what_is_said_around_a_first_request_is_not_drawn(text, description):
    action = understand(text, ctx(None))[0]
    assert action.intent == "new" and action.description == description, action


@pytest.mark.parametrize("message, style, named", [("more like ghibli", "anime", "ghibli"),
                                                   ("make it look like a polaroid", "vintage-photo", "polaroid"),
                                                   ("make it a watercolor", "watercolor", None)])
def test_a_styles_own_name_stays_in_the_prompt(message, style, named):
    context = ctx("a cat on a windowsill")
    scene = next_scene(understand(message, context)[0], context.scene)
    assert scene.style == style and (named is None and scene.medium is None or named in (scene.medium or "")), scene


@pytest.mark.parametrize("message, has, lacks", [
    ("paint the kite red, no wait, orange", "orange kite", "red"),
    ("make the kite blue... actually, silver", "silver kite", "blue"),
    ("put it on a cliff - i mean a dune", "on a dune", "cliff"),
])
def test_a_word_corrected_in_the_same_message_is_the_one_meant(message, has, lacks):
    prompt = prompt_after("a boy flying a kite, going up a grassy hill", message)
    assert has in prompt and lacks not in prompt, prompt


@pytest.mark.parametrize("text, kind", [("wow, the lanterns look so real", "praise"), ("dope, the drummer is so cool", "praise"),
                                        ("i feel tired today", "other")])
def test_remarks_in_several_clauses_are_small_talk(text, kind):
    action = understand(text, ctx("a jazz band under paper lanterns"))[0]
    assert isinstance(action, Chat) and action.kind == kind, action


def test_a_count_of_ideas_for_one_thing_draws_that_many():
    action = understand("3 sticker ideas for a surf school called Swell", ctx(None))[0]
    assert action.intent == "new" and action.count == 3 and action.description == "a sticker for a surf school called Swell", action


def test_a_size_change_with_what_it_is_like_changes_only_the_size():
    action = understand("make it taller, like a poster", ctx("a heron standing in a misty marsh"))[0]
    assert isinstance(action, Edit) and action.ops == (SetSize(aspect="2:3"),), action


@pytest.mark.parametrize("text, description", [("next one: a lamp shaped like a tulip", "a lamp shaped like a tulip"),
                                               ("and the last one, a vase shaped like a fish", "a vase shaped like a fish")])
def test_the_next_of_a_series_is_a_new_picture(text, description):
    action = understand(text, ctx("a chair shaped like a hand"))[0]
    assert action.intent == "new" and action.description == description, action


def test_undo_said_after_a_verdict_counts_its_steps():
    context = ctx("a heron in a marsh", pictures=4)
    assert understand("meh, way too much. undo three steps", context)[0] == Undo(steps=3)
    assert isinstance(understand("that's a bit much", context)[0], Chat)


def test_a_correction_that_names_a_time_is_the_time():
    action = understand("srry i meant dusk", ctx("a heron in a marsh, at dawn"))[0]
    assert isinstance(action, Edit) and SetSlot(slot="time", value="at dusk") in action.ops, action


@pytest.mark.parametrize("message, has, lacks", [
    ("change it to GOODBYE", "GOODBYE", "WELCOME"),
    ("cámbialo a BIENVENIDOS", "BIENVENIDOS", "WELCOME"),
    ("change the name to Rosa", "WELCOME HOME Rosa", "NINA"),
])
def test_new_lettering_said_in_capitals_or_as_a_name_replaces_the_old(message, has, lacks):
    prompt = prompt_after("a doormat with the text WELCOME HOME NINA, on a porch", message)
    assert has in prompt and lacks not in prompt and "doormat" in prompt, prompt


def test_change_it_to_a_time_is_no_lettering():
    prompt = prompt_after("a shop sign that says BAKERY over a door", "change it to night")
    assert "BAKERY" in prompt and "night" in prompt, prompt


@pytest.mark.parametrize("text, description, aspect", [
    ("I want a header image for my podcast page — two microphones on a desk", "two microphones on a desk", "16:9"),
    ("a lighthouse in a storm, dramatic sky, portrait", "a lighthouse in a storm, dramatic sky", "2:3"),
])
def test_what_a_first_picture_is_for_and_its_shape_are_no_part_of_it(text, description, aspect):
    action = understand(text, ctx(None))[0]
    assert action.intent == "new" and action.description == description and SetSize(aspect=aspect) in action.ops, action


@pytest.mark.parametrize("message, look", [("cubist like picasso", "cubist style, in the style of picasso"),
                                           ("make it art deco", "art deco style")])
def test_an_art_movement_is_the_look(message, look):
    action = understand(message, ctx("a saxophone player on a rooftop"))[0]
    assert isinstance(action, Edit) and action.ops == (SetSlot(slot="medium", value=look),), action


def test_a_question_about_tomorrow_is_the_world_not_the_picture():
    assert isinstance(understand("any idea if it'll snow in denver tomorrow?", ctx("a ski lodge"))[0], Chat)


def test_would_it_look_better_is_the_change():
    action = understand("would it look better in autumn?", ctx("a ski lodge on a hill"))[0]
    assert isinstance(action, Edit) and SetSlot(slot="season", value="in autumn") in action.ops, action


def test_going_to_a_numbered_picture_and_changing_it_branches():
    action = understand("jump to the 2nd picture and make it rainy", pictures_of("a ski lodge", "a ski lodge, at night", "a ski lodge, snow"))[0]
    assert action.intent == "branch" and action.image == 2, action


def test_a_picture_to_cheer_someone_up_is_the_picture_they_describe():
    action = understand("could you make something to make me smile? maybe like a kitten in a teacup", ctx(None))[0]
    assert action.intent == "new" and action.description == "a kitten in a teacup", action


def test_a_new_thing_on_a_part_takes_the_old_ones_place():
    prompt = prompt_after("an otter floating in a river with a lily pad on its head", "give it a tiny straw hat on its head instead")
    assert "straw hat on its head" in prompt and "lily pad" not in prompt and "otter" in prompt, prompt


def _after_four() -> Context:
    pics = (Picture(number=1, seed=10, prompt_sent="a cat"), Picture(number=2, seed=500, prompt_sent="a logo", batch=4))
    return Context(scene=scene_of("a logo for a tea shop", seed=500), pictures=pics, can_undo=True)


@pytest.mark.parametrize("text, pick", [("the 3rd one pls", 3), ("#2", 2), ("what seed is the last one?", 4)])
def test_an_ordinal_right_after_a_batch_is_one_of_its_pictures(text, pick):
    action = understand(text, _after_four())[0]
    assert action.image == 2 and action.pick == pick, action


def test_the_very_first_one_is_still_the_conversations_first():
    action = understand("go back to the very first one", _after_four())[0]
    assert action.image == 1 and action.pick is None, action


def test_the_seeds_of_a_batch_are_each_said():
    assert "500, 501, 502, 503" in answer_question(Question(topic="seed"), _after_four())
    assert "seed 502" in answer_question(Question(topic="seed", image=2, pick=3), _after_four())


@pytest.mark.parametrize("text, description", [
    ("A cutaway illustration of a lighthouse keeper's house: a spiral stair, a tiny kitchen",
     "A cutaway illustration of a lighthouse keeper's house: a spiral stair, a tiny kitchen"),
    ("An editorial illustration for a column about sleep: a cat asleep on a keyboard",
     "An editorial illustration of a cat asleep on a keyboard"),
])
def test_a_colon_after_the_subject_is_no_purpose(text, description):
    action = understand(text, ctx(None))[0]
    assert action.intent == "new" and action.description == description, action


LAKE_BOAT = "a calm lake at dusk with a small wooden boat, clouds, a moon"


@pytest.mark.parametrize("message, has, lacks", [
    ("add fog but keep everything else the same", "fog", "keep"),
    ("bigger moon", "huge moon", "bigger moon"),
    ("make the clouds orange and the moon silver", "silver moon", "the moon silver"),
    ("move the boat to the left", "boat on the left", "at the left"),
])
def test_more_than_one_change_in_a_message_each_lands(message, has, lacks):
    prompt = prompt_after(LAKE_BOAT, message)
    assert has in prompt and lacks not in prompt, prompt


@pytest.mark.parametrize("message, has, lacks", [
    ("write 'Good Luck' on it", "the text 'Good Luck'", "on the"),
    ("same thing but for my laptop", "lake", "laptop"),
    ("do the same but with a heron", "heron", "do the same"),
])
def test_more_ways_of_changing_it(message, has, lacks):
    prompt = prompt_after(LAKE_BOAT, message)
    assert has in prompt and lacks not in prompt, prompt


def test_a_matching_one_is_another_take():
    assert understand("could you make a matching one for my brother?", ctx(LAKE_BOAT))[0].intent == "repeat"
