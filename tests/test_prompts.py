"""The prompt layer's API: styles, targets, enhancement, budgets, negatives, as-is, errors."""

from __future__ import annotations

import json
import statistics
import time
from pathlib import Path

import pytest

from prompts import PromptError, Turn, clip_target, engineer, get_style, image_api_target, list_styles, style_choices
from prompts.budget import estimate_tokens

STYLES_FILE = Path(__file__).resolve().parents[1] / "prompts" / "styles.json"


@pytest.fixture(scope="module")
def tokenizer(tmp_path_factory):
    """The same kind of CLIP tokenizer the tiny pipeline ships (77-token context)."""
    from tests.tiny_sd import build_tiny_tokenizer

    return build_tiny_tokenizer(tmp_path_factory.mktemp("clip-tokenizer"))


def prev(prompt: str, **kw) -> list[Turn]:
    return [Turn("user", "first"), Turn("assistant", "Here it is.", prompt=prompt, **kw)]


# --- styles -------------------------------------------------------------------------------------

def test_styles_are_data_with_at_least_25_presets_each_with_positive_and_negative():
    data = json.loads(STYLES_FILE.read_text(encoding="utf-8"))["styles"]
    real = [s for s in data if s["id"] != "none"]
    assert len(real) >= 25
    for s in real:
        assert "{prompt}" in s["positive"] and "{prompt}" in s["prose"], s["id"]
        assert s["negative"].strip(), s["id"]
    ids = {s["id"] for s in real}
    for wanted in ("photorealistic", "cinematic", "anime", "watercolor", "oil-painting", "impressionism",
                   "pixel-art", "isometric-3d", "line-art", "comic", "low-poly", "studio-portrait",
                   "product-shot", "fantasy-concept-art"):
        assert wanted in ids


def test_list_styles_gives_ids_with_none_first_and_choices_pair_names():
    styles = list_styles()
    assert styles[0] == "none" and len(styles) == len(set(styles)) >= 26
    choices = dict((v, k) for k, v in style_choices())
    assert choices["oil-painting"] == "Oil painting"
    assert get_style("Oil painting").id == get_style("OIL-PAINTING").id == "oil-painting"


def test_every_style_applies_its_template_and_negative():
    for sid in list_styles()[1:]:
        style = get_style(sid)
        r = engineer("a lighthouse", style=sid, seed=0)
        assert r.style == sid
        assert r.prompt.startswith("a lighthouse")
        assert style.medium in r.prompt
        first_neg = style.negative.split(",")[0].strip()
        assert first_neg in r.negative_prompt


# --- errors -------------------------------------------------------------------------------------

@pytest.mark.parametrize("message", ["", "   ", "\n\t ", "\u200b\u200b", "\x00"])
def test_empty_message_is_a_prompt_error_with_a_clear_message(message):
    with pytest.raises(PromptError, match="empty"):
        engineer(message)


def test_unknown_style_and_target_are_prompt_errors_naming_the_choices():
    with pytest.raises(PromptError, match="Unknown style 'nope'.*watercolor"):
        engineer("a cat", style="nope")
    with pytest.raises(PromptError, match="Unknown target 'sd99'.*dall-e-3"):
        engineer("a cat", target="sd99")
    assert issubclass(PromptError, ValueError)


# --- targets ------------------------------------------------------------------------------------

@pytest.mark.parametrize("model,expected", [
    ("stabilityai/sd-turbo", "sd15"),
    ("runwayml/stable-diffusion-v1-5", "sd15"),
    ("stabilityai/sdxl-turbo", "sdxl"),
    ("stabilityai/stable-diffusion-xl-base-1.0", "sdxl"),
    ("/models/tiny-sd", "sd15"),
    (None, "sd15"),
])
def test_clip_target(model, expected):
    assert clip_target(model) == expected


@pytest.mark.parametrize("model,expected", [
    ("dall-e-3", "dall-e-3"),
    ("dall-e-2", "dall-e-2"),
    ("gpt-image-1", "gpt-image-1"),
    ("gpt-image-1-mini", "gpt-image-1"),
])
def test_image_api_target(model, expected):
    assert image_api_target(model) == expected


def test_clip_targets_get_tags_and_openai_targets_get_prose():
    tags = engineer("a fox in the snow", target="sdxl", style="watercolor", seed=3)
    prose = engineer("a fox in the snow", target="dall-e-3", style="watercolor", seed=3)
    assert "." not in tags.prompt and tags.prompt.count(",") >= 4
    assert prose.prompt.startswith("A watercolor painting of a fox in the snow")
    assert prose.prompt.endswith(".") and " with " in prose.prompt
    assert "highly detailed" not in prose.prompt  # quality tags are for CLIP models only
    assert prose.tokens is None and tags.tokens is not None
    assert prose.negative_prompt == ""  # DALL-E 3 takes none; nothing pretends otherwise


# --- enhancement --------------------------------------------------------------------------------

def test_enhancement_fills_missing_slots_and_is_deterministic_per_seed():
    a = engineer("a cat", seed=7)
    b = engineer("a cat", seed=7)
    assert a == b
    assert a.prompt.startswith("a cat, ")
    assert len(a.added) >= 5 and all(p in a.prompt for p in a.added)
    seeds = {engineer("a cat", seed=s).prompt for s in range(12)}
    assert len(seeds) > 1  # the seed varies the filled-in details


def test_enhancement_never_overrides_what_the_user_said():
    for seed in range(20):
        r = engineer("a harbour at noon", seed=seed)
        assert "golden hour" not in r.prompt and "sunset" not in r.prompt and "moon" not in r.prompt
        assert r.prompt.startswith("a harbour at noon")
    outdoor_defaults = {engineer("a harbour", seed=s).prompt for s in range(20)}
    assert any("golden hour" in p for p in outdoor_defaults)


def test_enhancement_does_not_repeat_the_users_words():
    r = engineer("a detailed portrait of a woman, vibrant colors, wide shot, serene mood", seed=1)
    assert r.prompt.count("vibrant") == 1
    assert "highly detailed" not in r.prompt and "medium shot" not in r.prompt
    assert "atmosphere" not in r.prompt and "mood" in r.prompt


def test_as_is_sends_the_words_exactly(tokenizer):
    msg = "a cat,  golden hour <b>bold</b>"
    r = engineer(msg, prev("a dog, at night"), style="watercolor", enhance=False, tokenizer=tokenizer)
    assert r.prompt == msg
    assert r.mode == "as-is" and r.style == "none" and r.negative_prompt == "" and r.changes == ()
    assert r.tokens == len(tokenizer.tokenize(msg)) and not r.tokens_estimated


# --- tokens and budgets -------------------------------------------------------------------------

def test_tokens_are_counted_with_the_given_tokenizer(tokenizer):
    r = engineer("a red fox in a snowy forest", style="cinematic", tokenizer=tokenizer, seed=0)
    assert r.tokens == len(tokenizer.tokenize(r.prompt))
    assert not r.tokens_estimated and r.token_limit == 75
    assert r.tokens <= 75
    est = engineer("a red fox in a snowy forest", style="cinematic", seed=0)
    assert est.tokens_estimated and est.tokens == estimate_tokens(est.prompt)


def test_over_budget_prompt_keeps_subject_first_and_warns(tokenizer):
    # The tiny tokenizer spends one token per byte on unknown words, so this overflows.
    msg = "a zanzibarian xylophonist, quizzically juxtaposed, unremarkable backdrop, extraordinary"
    r = engineer(msg, style="fantasy-concept-art", tokenizer=tokenizer, seed=0)
    ids = tokenizer(r.prompt).input_ids
    assert len(ids) <= 77  # fits one CLIP chunk with start and end tokens
    assert r.prompt.startswith("a zanzibarian xylophonist")
    assert r.warnings and "SD 1.x/2.x" in r.warnings[0] and "75 tokens" in r.warnings[0]


def test_long_message_is_truncated_with_a_warning_quickly(tokenizer):
    msg = ("a castle on a hill " * 1100)[:19_991] + " the end."
    assert len(msg) == 20_000
    start = time.perf_counter()
    r = engineer(msg, tokenizer=tokenizer)
    took = time.perf_counter() - start
    assert took < 0.5
    assert r.tokens <= 75 and r.prompt.startswith("a castle on a hill")
    assert any("20,000 characters" in w for w in r.warnings)
    d = engineer(msg, target="dall-e-3")
    assert len(d.prompt) <= 4000 and any("4,000 characters" in w for w in d.warnings)


def test_dalle_limit_is_enforced_even_as_is():
    r = engineer("word " * 1500, target="dall-e-3", enhance=False)
    assert len(r.prompt) <= 4000 and r.warnings


def test_as_is_over_clip_budget_is_sent_but_warned(tokenizer):
    msg = "castle " * 100
    r = engineer(msg, enhance=False, tokenizer=tokenizer)
    assert r.prompt == msg.strip() and r.tokens == 100
    assert "ignored" in r.warnings[0]


# --- negative prompts ---------------------------------------------------------------------------

def test_negatives_merge_user_text_style_and_removals_without_duplicates():
    r = engineer("a cat", style="photorealistic", negative="blurry, Text, cartoon")
    parts = [p.strip() for p in r.negative_prompt.split(",")]
    assert parts[:3] == ["blurry", "Text", "cartoon"]  # the person's words first
    assert len({p.lower() for p in parts}) == len(parts)
    assert "anime" in parts  # from the style


def test_negative_for_dalle_is_reported_not_sent():
    r = engineer("a cat", target="dall-e-3", negative="blurry")
    assert r.negative_prompt == "" and any("negative" in w for w in r.warnings)


def test_adding_back_something_removed_drops_it_from_the_negative():
    r = engineer("add people", prev("a street, golden hour", negative_prompt="people, blurry"))
    assert "people" in r.prompt and "people" not in r.negative_prompt and "blurry" in r.negative_prompt


# --- markup and unicode -------------------------------------------------------------------------

def test_markup_is_kept_as_inert_text():
    msg = "<script>alert('x')</script> a cat <img src=x onerror=alert(1)>"
    r = engineer(msg, seed=0)
    assert r.prompt.startswith(msg)
    assert engineer(msg, target="dall-e-3").prompt.startswith("<script>alert('x')</script> a cat")


def test_odd_unicode_is_kept_and_invisible_controls_dropped(tokenizer):
    msg = "un chat 🐈‍⬛ sous la pluie, 東京の夜, كلب\u202e, e\u0301"
    r = engineer(msg, tokenizer=tokenizer, seed=0)
    assert "🐈‍⬛" in r.prompt and "東京の夜" in r.prompt and "كلب" in r.prompt
    assert "\u202e" not in r.prompt and "é" in r.prompt  # NFC
    assert r.tokens == len(tokenizer.tokenize(r.prompt))


# --- intent -------------------------------------------------------------------------------------

@pytest.mark.parametrize("msg", ["hi", "Hello!", "help", "what can you do?", "thanks", "how does this work?",
                                 "what styles do you have?"])
def test_greetings_and_questions_get_a_text_answer(msg):
    r = engineer(msg)
    assert r.intent == "chat" and r.prompt == "" and r.reply and len(r.reply) < 500


@pytest.mark.parametrize("msg", ["can you draw a cat?", "what would a cat on mars look like?", "hi-res photo of a tiger"])
def test_picture_requests_phrased_as_questions_are_images(msg):
    assert engineer(msg).intent == "image"


def test_speed_under_5ms_median_with_tokenizer(tokenizer):
    history = prev("a lighthouse on a cliff, golden hour, vibrant colors, wide shot")
    engineer("now at night", history, tokenizer=tokenizer)  # warm caches
    times = []
    for i in range(30):
        t = time.perf_counter()
        engineer(f"a lighthouse on a cliff number {i}", style="cinematic", tokenizer=tokenizer, seed=i)
        engineer("now at night and add a red boat", history, tokenizer=tokenizer)
        times.append((time.perf_counter() - t) / 2)
    # Generous for a shared CI machine; bench/prompts_speed.py measures the real figure.
    assert statistics.median(times) < 0.02
