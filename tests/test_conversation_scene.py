"""The scene and what is made of it: description → scene, typed edit operations, the prompt
writer (CLIP budget, negative prompt, prose for DALL-E), enhancement by meaning, sizes, the
one-line summary and the text replies (issue 8)."""

from __future__ import annotations

import re

import pytest

from conversation.actions import (
    Add,
    Camera,
    Chat,
    Edit,
    Help,
    New,
    Question,
    Remove,
    Repeat,
    Replace,
    Revert,
    SetGuidance,
    SetSeed,
    SetSize,
    SetSlot,
    SetSteps,
    SetStyle,
    SetSubject,
    Undo,
)
from conversation.describe import scene_from_description
from conversation.edits import apply_ops
from conversation.enhance import additions, subject_kind
from conversation.interpreter import Context, Picture
from conversation.replies import answer_question, chat_reply, help_text
from conversation.scene import Scene
from conversation.sizes import resolve_size
from conversation.summary import understood_line
from conversation.writer import write
from prompts.targets import get_target


def has(text: str, phrase: str) -> bool:
    norm = lambda s: re.sub(r"[\s-]+", " ", s.lower())
    return re.search(rf"\b{re.escape(norm(phrase))}(?:s|es)?\b", norm(text)) is not None


def scene(description: str, **settings) -> Scene:
    return scene_from_description(description).with_(**settings)


@pytest.fixture(scope="module")
def clip_tokenizer(tmp_path_factory):
    """A real CLIPTokenizer (tiny vocab: rare words cost a token per byte, so budgets bite early)."""
    from tests.tiny_sd import build_tiny_tokenizer

    return build_tiny_tokenizer(tmp_path_factory.mktemp("clip-tokenizer"))


# --------------------------------------------------------------------------- describe


def test_description_fills_slots():
    s = scene_from_description("a ginger cat asleep in a cozy coffee shop at night")
    assert "cat" in s.subject
    assert s.time and "night" in s.time
    assert s.setting and "coffee shop" in s.setting
    assert "night" not in s.subject and "coffee shop" not in s.subject


def test_description_keeps_every_word_that_matters():
    for text in ["a corgi astronaut floating in space", "a bowl of pho with fresh herbs and sliced beef",
                 "mountain lake reflection in autumn", "3 puppies in a basket"]:
        s = scene_from_description(text)
        joined = " ".join(s.phrases()).lower()
        for word in re.findall(r"[a-z0-9]+", text.lower()):
            if word not in ("a", "an", "the", "in", "of", "with", "and"):
                assert word in joined, (word, s)


def test_power_prompt_is_verbatim():
    text = "(masterpiece:1.2), 1girl, silver hair, (red eyes:1.3), school uniform"
    s = scene_from_description(text, verbatim=True)
    assert s.verbatim
    w = write(s, "sd15")
    assert text in w.prompt or all(p.strip() in w.prompt for p in text.split(","))
    assert not w.added


def test_base_scene_settings_carry_over():
    base = Scene(subject="a cat", width=768, height=512, backend="local", model="tiny")
    s = scene_from_description("a dog", base=base)
    assert "dog" in s.subject and "cat" not in " ".join(s.phrases())


# --------------------------------------------------------------------------- edits


def test_add_keeps_the_subject_and_the_seed():
    s = scene("a corgi astronaut floating in space", seed=5)
    new, changes = apply_ops(s, [Add(thing="the earth in the background")])
    assert "corgi" in new.subject and new.seed == 5
    assert "earth" in " ".join(new.phrases())
    assert changes


def test_remove_cuts_the_phrase_cleanly():
    s = scene("a man wearing a hat and a blue coat", seed=5)
    new, changes = apply_ops(s, [Remove(thing="the hat")])
    assert new.subject == "a man wearing a blue coat"
    assert "hat" in new.negatives


def test_remove_from_a_list_across_phrases():
    new, _ = apply_ops(scene("a man wearing a hat, a scarf and a blue coat"), [Remove(thing="scarf")])
    text = ", ".join(new.phrases())
    assert "scarf" not in text and "hat" in text and "a blue coat" in text
    assert not re.search(r"\b(?:and|with|wearing)\s*(?:,|$)|,\s*and\b|^\s*and\b", text), text


@pytest.mark.parametrize("description,thing,expected", [
    ("a man wearing a hat and a blue coat", "hat", "a man wearing a blue coat"),
    ("a cat with a hat in a garden", "hat", "a cat"),
    ("a basket full of apples and pears", "apples", "a basket full of pears"),
    ("a man and a woman walking", "woman", "a man walking"),
    ("a dog with a ball and a stick", "ball", "a dog with a stick"),
    ("a dog with a ball and a stick", "stick", "a dog with a ball"),
    ("a woman holding an umbrella", "umbrella", "a woman"),
])
def test_remove_leaves_grammatical_text(description, thing, expected):
    new, _ = apply_ops(scene(description), [Remove(thing=thing)])
    assert new.subject == expected


def test_remove_something_absent_goes_to_negatives():
    new, _ = apply_ops(scene("a cabin by a frozen lake"), [Remove(thing="trees")])
    assert "trees" in new.negatives or "tree" in new.negatives
    assert "cabin" in new.subject


def test_replace_dog_with_cat():
    s = scene("a dog sitting on a red sofa", seed=9)
    new, changes = apply_ops(s, [Replace(old="the dog", new="a cat")])
    text = " ".join(new.phrases())
    assert has(text, "cat") and not has(text, "dog") and has(text, "sofa")
    assert "a cat sitting on a red sofa" in text
    assert new.seed == 9


def test_replace_keeps_weights():
    s = scene_from_description("1girl, silver hair, (red eyes:1.3), school uniform", verbatim=True)
    new, _ = apply_ops(s, [Replace(old="red eyes", new="blue eyes")])
    w = write(new, "sd15")
    assert "red eyes" not in w.prompt and "blue eyes" in w.prompt
    assert "(blue eyes:1.3)" in w.prompt


def test_replace_absent_adds():
    new, _ = apply_ops(scene("a dog on a sofa"), [Replace(old="hat", new="a crown")])
    assert "crown" in " ".join(new.phrases())


def test_replace_plural_and_article():
    new, _ = apply_ops(scene("a plate of sushi on a slate board"), [Replace(old="sushi", new="dumplings")])
    text = " ".join(new.phrases())
    assert has(text, "dumpling") and not has(text, "sushi") and has(text, "slate board")


def test_set_subject_keeps_the_rest():
    s = scene("a cat in a cozy coffee shop at night", seed=3, style="anime")
    new, _ = apply_ops(s, [SetSubject(subject="a dog")])
    assert "dog" in new.subject and "cat" not in " ".join(new.phrases())
    assert new.setting == s.setting and new.time == s.time and new.style == "anime" and new.seed == 3


def test_set_slot_and_clear():
    s = scene("a bakery storefront", seed=3)
    new, _ = apply_ops(s, [SetSlot(slot="time", value="at night")])
    assert new.time == "at night"
    cleared, _ = apply_ops(new, [SetSlot(slot="time", value=None)])
    assert cleared.time is None


def test_night_drops_clashing_sunlight():
    s = scene("a bakery storefront", lighting="bright midday sunlight", seed=3)
    new, _ = apply_ops(s, [SetSlot(slot="time", value="at night")])
    assert "sun" not in " ".join(new.phrases()).lower()


def test_style_size_seed_steps_guidance():
    s = scene("a rabbit", seed=3)
    new, _ = apply_ops(s, [SetStyle(style="watercolor"), SetSize(aspect="16:9"), SetSteps(steps=30),
                           SetGuidance(guidance=5.5)])
    assert (new.style, new.aspect, new.steps, new.guidance, new.seed) == ("watercolor", "16:9", 30, 5.5, 3)
    new2, _ = apply_ops(new, [SetSeed(seed=1234)])
    assert new2.seed == 1234
    new3, _ = apply_ops(new2, [SetSeed(seed=None)])
    assert new3.seed != 1234
    new4, _ = apply_ops(new2, [SetSeed(keep=True)])
    assert new4.seed == 1234


def test_unknown_style_is_not_stored():
    new, _ = apply_ops(scene("a rabbit"), [SetStyle(style="no-such-style")])
    assert new.style in ("none", "no-such-style")  # never raises
    write(new, "sd15")


def test_bigger_scales_the_size():
    s = scene("a rabbit", width=512, height=512)
    new, _ = apply_ops(s, [SetSize(scale=1.5)])
    assert new.width and new.width > 512 and new.height > 512


def test_aspect_replaces_an_exact_size():
    s = scene("a rabbit", width=512, height=512)
    new, _ = apply_ops(s, [SetSize(aspect="16:9")])
    w, h = resolve_size("sd15", aspect=new.aspect, width=new.width, height=new.height, native=(512, 512))
    assert w > h


def test_camera_moves():
    s = scene("a man and a woman in a park")
    new, _ = apply_ops(s, [Camera(move="closer", on="the man")])
    assert new.framing and "man" in new.framing and re.search(r"close", new.framing)
    new, _ = apply_ops(s, [Camera(move="above")])
    assert new.framing and re.search(r"above|overhead|top|aerial", new.framing)
    wider, _ = apply_ops(new, [Camera(move="wider")])
    assert wider.framing and "wide" in wider.framing


def test_apply_ops_reports_changes():
    _, changes = apply_ops(scene("a rabbit"), [SetSlot(slot="time", value="at night"), SetStyle(style="anime")])
    assert any("night" in c for c in changes) and any("anime" in c for c in changes)


# --------------------------------------------------------------------------- writer


def test_sd_negatives_go_to_the_negative_prompt():
    s = scene("a luxury watch on leather", negatives=("text", "watermark"))
    w = write(s, "sd15")
    assert "text" in w.negative_prompt and "watermark" in w.negative_prompt
    assert not has(w.prompt, "watermark") and not has(w.prompt, "text")


def test_settings_negative_comes_first():
    w = write(scene("a cat", negatives=("dogs",)), "sd15", negative="blurry, lowres")
    assert w.negative_prompt.startswith("blurry, lowres")
    assert "dogs" in w.negative_prompt


def test_dalle_gets_prose_and_no_additions():
    s = scene("a plate of sushi on a slate board", negatives=("chopsticks",))
    for target in ("dall-e-3", "gpt-image-1"):
        w = write(s, target)
        assert not w.added and w.negative_prompt == ""
        assert "sushi" in w.prompt and "slate board" in w.prompt
        assert re.search(r"\bno chopsticks\b|without chopsticks", w.prompt, re.I)
        for junk in ("masterpiece", "best quality", "8k", "highly detailed", "trending on artstation"):
            assert junk not in w.prompt.lower()
        assert w.notes  # the chat says the model rewrites prompts itself


def test_style_is_written():
    w = write(scene("a rabbit in a meadow", style="watercolor"), "sd15")
    assert "watercolor" in w.prompt.lower() and "rabbit" in w.prompt
    w = write(scene("a rabbit in a meadow", style="ukiyo-e"), "sd15")
    assert re.search(r"ukiyo|woodblock", w.prompt, re.I)


LONG = ("an elderly clockmaker hunched over a workbench covered in tiny gears and springs, a magnifying loupe "
        "over one eye, late afternoon sun slanting through dusty windows, hundreds of ticking clocks on the walls, "
        "a sleepy tabby cat curled on a stool, brass pendulums, scattered blueprints, a steaming mug of tea, "
        "sepia tones, shallow depth of field, warm nostalgic atmosphere, intricate engravings on every clock face")


@pytest.mark.parametrize("target", ["sd15", "sdxl"])
def test_writer_never_exceeds_the_clip_budget_estimate(target):
    for desc in [LONG, "a fox", "cyberpunk city street at night", LONG + ", " + LONG]:
        for style in ("none", "cinematic", "anime", "stained-glass"):
            w = write(scene(desc, style=style, negatives=("text", "watermark")), target)
            assert w.tokens is not None and w.token_limit is not None
            assert w.tokens <= w.token_limit


def test_writer_never_exceeds_a_real_clip_tokenizer(clip_tokenizer):
    window = clip_tokenizer.model_max_length - 2
    for desc in [LONG, "a fox in a forest", "a logo for a bakery", "a portrait of an old fisherman"]:
        for style in ("none", "cinematic", "pixel-art"):
            w = write(scene(desc, style=style, negatives=("people", "text")), "sd15", tokenizer=clip_tokenizer,
                      negative="blurry, lowres, bad anatomy")
            n = len(clip_tokenizer.tokenize(w.prompt))
            # A person's long prompt is read in windows (the local backend encodes them one after another);
            # anything short, with what enhancement adds, stays within one.
            limit = window * get_target("sd15").chunks if desc is LONG else window
            assert n <= limit, (n, w.prompt)
            if desc is LONG:  # this tokenizer's tiny vocabulary spends a token per letter of rare words
                assert n > window and not w.added
            assert len(clip_tokenizer.tokenize(w.negative_prompt)) <= limit
            assert "fox" in w.prompt or "clockmaker" in w.prompt or "logo" in w.prompt or "fisherman" in w.prompt


def test_a_prompt_past_one_window_is_kept_whole_and_said_so():
    w = write(scene(LONG), "sd15")
    assert not w.warnings and w.notes and "windows" in w.notes[0]
    assert "intricate engravings on every clock face" in w.prompt and w.prompt.startswith("an elderly clockmaker")


def test_long_prompt_warns_and_keeps_the_subject():
    w = write(scene(", ".join([LONG] * 8)), "sd15")  # past every window the backend reads
    assert w.warnings
    assert "clockmaker" in w.prompt


def test_power_prompt_every_phrase_as_typed():
    text = ("(masterpiece:1.2), best quality, 1girl, solo, long silver hair, (glowing blue eyes:1.3), intricate armor, "
            "[cherry blossoms], <lora:detail_tweaker:0.6>, depth of field")
    s = scene_from_description(text, verbatim=True)
    w = write(s, "sd15")
    for p in text.split(", "):
        assert p in w.prompt
    assert not w.added


def test_negative_never_forbids_what_is_asked():
    w = write(scene("a dog on a sofa", negatives=("dog",)), "sd15")
    assert "dog" in w.prompt


# --------------------------------------------------------------------------- enhancement by meaning


def enhanced(desc: str, target: str = "sd15", **kw) -> str:
    return write(scene(desc, **kw), target).prompt.lower()


def test_fish_gets_nothing_about_meadows_or_fur():
    p = enhanced("a fish")
    for junk in ("meadow", "fur", "attentive eyes", "bright attentive", "sunlit meadow"):
        assert junk not in p, p
    assert "fish" in p


@pytest.mark.parametrize("desc", ["a logo for a bakery", "an app icon of a rocket", "a sticker of a dinosaur drinking coffee",
                                  "flat logo of an owl reading a book", "a poster for a jazz festival"])
def test_graphic_design_is_flat_and_never_a_photograph(desc):
    p = enhanced(desc)
    assert "photograph" not in p and "photorealistic" not in p and "photo " not in p and "bokeh" not in p
    assert subject_kind(scene(desc)) in ("graphic", "logo", "icon", "sticker", "poster", "design")
    if "logo" in desc or "icon" in desc:
        assert re.search(r"flat|vector", p) and re.search(r"clean|plain|white|simple", p)


def test_cyberpunk_city_gets_neon():
    assert "neon" in enhanced("cyberpunk city")


@pytest.mark.parametrize("desc", ["a monster under the bed", "a spooky haunted house on a hill under a full moon",
                                  "a giant squid attacking a pirate ship", "a zombie apocalypse"])
def test_scary_subjects_are_never_peaceful(desc):
    p = enhanced(desc)
    for junk in ("peaceful", "serene", "calm", "cheerful", "tranquil"):
        assert junk not in p, (junk, p)


@pytest.mark.parametrize("desc,kind", [
    ("a portrait of an old fisherman", "portrait"),
    ("a fox in the snow", "animal"),
    ("a fish", "animal"),
    ("a mountain valley with a river", "landscape"),
    ("a gothic cathedral", "architecture"),
    ("a bowl of ramen", "food"),
    ("a luxury watch on leather", "product"),
    ("a logo for a bakery", "graphic"),
])
def test_subject_kinds(desc, kind):
    got = subject_kind(scene(desc))
    assert got == kind or (kind == "graphic" and got in ("logo", "icon", "sticker", "poster", "design")), got


def test_portrait_gets_face_detail_but_not_without_people():
    assert re.search(r"face|eyes|skin", " ".join(additions(scene("a portrait of an old fisherman"))))
    s = scene("a quiet city street at dawn", negatives=("people",))
    assert not re.search(r"face|eyes|portrait|people|person", " ".join(additions(s)))


def test_additions_never_contradict_what_was_said():
    # said at night: no sunlight; said black and white: no vibrant colours; negated blur: no bokeh
    night = " ".join(additions(scene("a mountain valley at night")))
    assert not re.search(r"sun|daylight|golden hour", night)
    bw = " ".join(additions(scene("a portrait of an old fisherman", style="black-and-white")))
    assert not re.search(r"vibrant|colorful|colourful", bw)
    noblur = " ".join(additions(scene("a portrait of a woman", negatives=("blur", "bokeh"))))
    assert "bokeh" not in noblur and "blur" not in noblur


def test_enhance_off_adds_nothing():
    w = write(scene("a fox in the snow", enhance=False), "sd15")
    assert not w.added


def test_dalle_targets_get_no_additions():
    for target in ("dall-e-3", "gpt-image-1", "dall-e-2"):
        w = write(scene("a fox in the snow"), target)
        assert not w.added


def test_additions_are_deterministic_and_by_meaning():
    a = additions(scene("a fox in the snow"))
    b = additions(scene("a fox in the snow"))
    assert a == b


# --------------------------------------------------------------------------- sizes


@pytest.mark.parametrize("aspect,shape", [("16:9", "landscape"), ("9:16", "portrait"), ("1:1", "square"),
                                          ("2:3", "portrait"), ("3:2", "landscape"), ("4:5", "portrait")])
def test_sd_sizes(aspect, shape):
    w, h = resolve_size("sd15", aspect=aspect, width=None, height=None, native=(512, 512))
    assert w % 64 == 0 and h % 64 == 0
    assert {"landscape": w > h, "portrait": w < h, "square": w == h}[shape]
    assert 0.7 < (w * h) / (512 * 512) < 1.4


def test_sdxl_native_area():
    w, h = resolve_size("sdxl", aspect="16:9", width=None, height=None, native=(1024, 1024))
    assert w > h and 0.7 < (w * h) / (1024 * 1024) < 1.4


def test_tiny_model_sizes():
    w, h = resolve_size("sd15", aspect="16:9", width=None, height=None, native=(64, 64))
    assert w > h and w % 8 == 0 and h % 8 == 0


@pytest.mark.parametrize("target,aspect,expected", [
    ("dall-e-3", "16:9", (1792, 1024)), ("dall-e-3", "9:16", (1024, 1792)), ("dall-e-3", "1:1", (1024, 1024)),
    ("dall-e-3", "4:5", (1024, 1792)), ("gpt-image-1", "3:2", (1536, 1024)), ("gpt-image-1", "2:3", (1024, 1536)),
    ("dall-e-2", "16:9", (1024, 1024)),
])
def test_fixed_sizes(target, aspect, expected):
    assert resolve_size(target, aspect=aspect, width=None, height=None, native=None) == expected


def test_exact_size_snaps_to_a_multiple_of_8():
    w, h = resolve_size("sd15", aspect=None, width=770, height=515, native=(512, 512))
    assert w % 8 == 0 and h % 8 == 0 and abs(w - 770) <= 8 and abs(h - 515) <= 8


def test_no_size_means_the_model_default():
    assert resolve_size("sd15", aspect=None, width=None, height=None, native=(512, 512)) == (None, None)


def test_bad_aspect_is_ignored():
    assert resolve_size("sd15", aspect="0:0", width=None, height=None, native=(512, 512)) == (None, None)
    assert resolve_size("sd15", aspect="wide", width=None, height=None, native=(512, 512)) == (None, None)


# --------------------------------------------------------------------------- summary and replies


def test_understood_line():
    line = understood_line(Edit(ops=(SetSlot(slot="time", value="at night"),)), changes=("+ at night",),
                           seed_kept=True, size=(768, 512))
    assert line == "edit · + at night · seed kept · 768×512"
    assert understood_line(Repeat(count=2), seed_kept=False, count=2).startswith("repeat · ×2")
    assert "picture 1" in understood_line(Revert(image=1), picture=1)
    assert understood_line(Chat(kind="thanks")).startswith("chat")


CTX = Context(scene=Scene(subject="a fox", seed=314), pictures=(
    Picture(number=1, seed=314, steps=25, guidance=7.5, width=512, height=512, backend="local", model="tiny-sd",
            prompt_sent="a fox, in the snow", negative_prompt="blurry", style="none", seconds=1.5),
    Picture(number=2, seed=99, steps=4, guidance=0.0, width=768, height=512, backend="openai", model="dall-e-3",
            prompt_sent="A fox in the snow at night.", style="anime", seconds=9.0),
))


@pytest.mark.parametrize("topic,image,expect", [
    ("seed", None, "99"), ("seed", 1, "314"), ("steps", 1, "25"), ("model", None, "dall-e-3"),
    ("prompt", 1, "a fox, in the snow"), ("size", None, "768"), ("negative", 1, "blurry"),
    ("guidance", 1, "7.5"), ("recipe", 1, "314"),
])
def test_answer_question_from_the_recipe(topic, image, expect):
    text = answer_question(Question(topic=topic, image=image), CTX)
    assert expect in text


def test_answer_without_a_picture():
    text = answer_question(Question(topic="seed"), Context())
    assert text and "no" in text.lower() or "yet" in text.lower()


def test_answer_quality_and_describe_are_helpful():
    for topic in ("quality", "describe", "other"):
        assert answer_question(Question(topic=topic), CTX).strip()


def test_chat_model_answer_is_used():
    assert answer_question(Question(topic="other", answer="It is a fox."), CTX) == "It is a fox."


@pytest.mark.parametrize("kind", ["greeting", "thanks", "praise", "bye", "ack", "negative", "offtopic", "other"])
def test_chat_replies(kind):
    assert chat_reply(Chat(kind=kind), CTX).strip()
    assert chat_reply(Chat(kind=kind, reply="Paris."), CTX) == "Paris."


def test_offtopic_reply_says_what_it_can_do():
    text = chat_reply(Chat(kind="offtopic"), CTX).lower()
    assert "picture" in text or "image" in text or "draw" in text


def test_help_text():
    general = help_text(Help()).lower()
    assert "undo" in general and ("seed" in general or "--ar" in general)
    styles = help_text(Help(topic="styles")).lower()
    assert "watercolor" in styles and "ukiyo-e" in styles
    for topic in ("edits", "settings"):
        assert help_text(Help(topic=topic)).strip()


# --------------------------------------------------------------------------- more edits and meanings


@pytest.mark.parametrize("subject,old,new,expected", [
    ("a cozy coffee shop with a ginger cat", "shop", "blue shop", "a cozy blue coffee shop with a ginger cat"),
    ("a white horse galloping", "horse", "black horse", "a black horse galloping"),
    ("a fluffy dog", "dog", "a cat", "a fluffy cat"),
    ("an old dog", "dog", "a cat", "an old cat"),
    ("a ginger cat", "cat", "a dog", "a dog"),
    ("a ginger cat", "cat", "happy cat", "a happy ginger cat"),
    ("a modern kitchen with white cabinets", "cabinets", "navy blue cabinets", "a modern kitchen with navy blue cabinets"),
    ("a plate of sushi on a slate board", "sushi", "dumplings", "a plate of dumplings on a slate board"),
    ("a knight in shining armor", "armor", "gold armor", "a knight in shining gold armor"),
    ("a woman with long curly hair", "hair", "short hair", "a woman with short curly hair"),
    ("a cat", "cat", "an owl", "an owl"),
])
def test_replace_in_context(subject, old, new, expected):
    out, _ = apply_ops(Scene(subject=subject), [Replace(old=old, new=new)])
    assert out.subject == expected


def test_remove_the_adjective_of_a_removed_thing():
    out, _ = apply_ops(scene("a knight standing in a misty forest"), [Remove(thing="mist")])
    assert out.setting == "in a forest" and "mist" in out.negatives


def test_remove_a_weighted_tag_leaves_no_empty_brackets():
    s = scene_from_description("1girl, (bokeh:1.2), [cherry blossoms], school uniform", verbatim=True)
    out, _ = apply_ops(s, [Remove(thing="bokeh"), Remove(thing="cherry blossoms")])
    w = write(out, "sd15")
    assert "bokeh" not in w.prompt and "cherry" not in w.prompt
    assert not re.search(r"\(\s*:|\(\s*\)|\[\s*\]", w.prompt)
    assert "1girl" in w.prompt and "school uniform" in w.prompt


def test_add_another_keeps_the_first():
    out, _ = apply_ops(scene("a ginger cat on a sofa"), [Add(thing="another cat")])
    assert "ginger cat" in out.subject and "another cat" in out.details


def test_add_with_a_place_keeps_the_subject_whole():
    out, _ = apply_ops(scene("a cat sleeping on the counter"), [Add(thing="a barista behind the counter")])
    assert out.subject.startswith("a cat sleeping") and "a barista behind the counter" in " ".join(out.phrases())


def test_a_chat_models_style_name_in_any_spelling_or_a_medium():
    out, _ = apply_ops(scene("a rabbit"), [SetStyle(style="Ukiyo e")])
    assert out.style == "ukiyo-e"
    out, _ = apply_ops(scene("a rabbit"), [SetStyle(style="charcoal drawing")])
    assert out.style == "none" and out.medium == "charcoal drawing"


@pytest.mark.parametrize("desc,kind", [
    ("a cozy coffee shop with a ginger cat", "interior"),
    ("a ginger cat in a cozy coffee shop", "animal"),
    ("a house cat", "animal"),
    ("a dog house", "architecture"),
    ("a woman drinking coffee", "portrait"),
    ("a cup of coffee", "food"),
    ("a jellyfish glowing in the deep sea", "animal"),
    ("a portrait of an old fisherman", "portrait"),
])
def test_kind_is_what_is_named_first(desc, kind):
    assert subject_kind(scene(desc)) == kind


def test_no_fur_or_eyes_for_animals_without_them():
    for desc in ("a fish", "a jellyfish", "a snake in the grass", "a bee on a flower"):
        added = " ".join(additions(scene(desc)))
        assert "fur" not in added and "expressive eyes" not in added and "meadow" not in added, (desc, added)
    assert "feather" in " ".join(additions(scene("a parrot on a branch")))


@pytest.mark.parametrize("desc,style", [("a knight fighting a slime", "pixel-art"), ("a fox in the snow", "watercolor"),
                                        ("a painting of a fox", "none"), ("a portrait of a woman", "ukiyo-e")])
def test_no_photographic_additions_for_paintings_and_pixels(desc, style):
    added = " ".join(additions(scene(desc, style=style))).lower()
    for junk in ("photograph", "skin texture", "depth of field", "natural light", "flattering light"):
        assert junk not in added, (desc, style, added)


def test_light_in_the_words_is_not_overridden():
    added = " ".join(additions(scene("a jellyfish glowing in the deep sea")))
    assert "light" not in added


def test_style_tags_are_not_repeated_by_enhancement():
    w = write(scene("a cute mushroom house", style="3d-render"), "sd15")
    assert w.prompt.lower().count("highly detailed") <= 1


def test_dalle_negatives_read_as_a_sentence():
    w = write(scene("a bakery storefront", negatives=("people", "cars")), "dall-e-3")
    assert "No people or cars anywhere in the image." in w.prompt


def test_answers_never_say_none():
    dalle = Context(pictures=(Picture(number=1, backend="openai", model="dall-e-3", prompt_sent="A fox."),))
    for topic in ("seed", "steps", "guidance", "prompt", "model", "size", "style", "time", "quality", "describe", "recipe"):
        assert "None" not in answer_question(Question(topic=topic), dalle), topic


def test_no_people_means_no_face_additions_whatever_the_kind():
    s = scene("a busy market with a vendor", negatives=("people",))
    assert not re.search(r"face|eyes|skin", " ".join(additions(s)))
