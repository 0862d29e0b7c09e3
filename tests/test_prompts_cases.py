"""Table-driven cases: (message, history, style, target) -> what must and must not appear.

History is given as the previous prompt sent (an assistant turn), or a list of turns.
Every capability has rows here: styles, enhancement, target wording, budgets, refinement,
intent, negatives, as-is, odd Unicode, markup, very long and empty input.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest

from prompts import PromptError, Turn, engineer

LONG = ("a quiet mountain village with wooden houses " * 500)[:20_000]
SUNSET = "a lighthouse on a cliff, golden hour, vibrant colors, serene atmosphere, wide shot"
STREET = "a busy street with people, at noon, vibrant colors"
WATERCOLOR_PREV = ("a fox in a forest, warm color palette, watercolor painting, soft washes of color, "
                   "visible paper texture, loose brushwork")
DALLE_PREV = "A cabin in the woods at sunset, with soft glowing light, vibrant colors and a serene atmosphere."


@dataclass(frozen=True)
class C:
    id: str
    message: str
    history: str | list | None = None
    style: str = "none"
    target: str = "sd15"
    enhance: bool = True
    negative: str = ""
    has: tuple[str, ...] = ()  # substrings of the prompt (case-insensitive)
    lacks: tuple[str, ...] = ()
    starts: str | None = None
    exact: str | None = None
    intent: str = "image"
    mode: str | None = None
    seed: str | None = None
    style_out: str | None = None
    changes: tuple[str, ...] = ()  # entries that must be in the diff
    neg_has: tuple[str, ...] = ()
    neg_lacks: tuple[str, ...] = ()
    warn: tuple[str, ...] = ()  # substrings of some warning
    no_warnings: bool = False
    max_len: int | None = None
    raises: str | None = None
    extra: dict = field(default_factory=dict)


CASES = [
    # --- styles ---------------------------------------------------------------------------
    C("style-photo", "a red apple", style="photorealistic", has=("photorealistic photo", "35mm"),
      neg_has=("cartoon",), style_out="photorealistic", starts="a red apple"),
    C("style-cinematic", "a detective in an alley", style="cinematic", has=("cinematic film still", "film grain")),
    C("style-anime", "a girl with a sword", style="anime", has=("anime artwork",), neg_has=("photorealistic",)),
    C("style-watercolor", "a fox", style="watercolor", has=("watercolor painting", "paper texture")),
    C("style-oil", "a bowl of pears", style="oil-painting", has=("oil painting", "brushstrokes")),
    C("style-vangogh", "a wheat field", style="impressionism", has=("van gogh", "swirling")),
    C("style-pixel", "a knight", style="pixel-art", has=("pixel art", "16-bit"), neg_has=("blurry",)),
    C("style-isometric", "a tiny office", style="isometric-3d", has=("isometric 3d render",)),
    C("style-lineart", "a cat", style="line-art", has=("line art drawing",), neg_has=("color",)),
    C("style-comic", "a superhero", style="comic", has=("comic book illustration", "halftone")),
    C("style-lowpoly", "a fox", style="low-poly", has=("low-poly 3d art",)),
    C("style-portrait", "an old fisherman", style="studio-portrait", has=("studio portrait photo", "softbox")),
    C("style-product", "a perfume bottle", style="product-shot", has=("product photography",), neg_has=("watermark",)),
    C("style-fantasy", "a floating island", style="fantasy-concept-art", has=("fantasy concept art",)),
    C("style-by-name", "a fox", style="Oil painting", style_out="oil-painting", has=("oil painting",)),
    C("style-unknown", "a fox", style="crayon-madness", raises="Unknown style"),
    C("style-none-no-negative", "a fox", style="none", exact=None, neg_lacks=("cartoon",)),
    # --- enhancement ----------------------------------------------------------------------
    C("enh-vague-gets-detail", "a cat", starts="a cat, ", has=("sharp focus", "eye-level shot")),
    C("enh-noon-beats-golden-hour", "a harbour at noon", has=("at noon",), lacks=("golden hour", "sunset")),
    C("enh-night-keeps-night", "a city at night", has=("at night",), lacks=("golden hour", "midday", "sunlit")),
    C("enh-no-repeat-colors", "a parrot, vibrant colors", lacks=("warm color palette", "muted earthy tones")),
    C("enh-keeps-user-framing", "a close-up of a bee on a flower", lacks=("eye-level shot", "wide shot")),
    C("enh-keeps-user-medium", "an oil painting of a ship", lacks=("photograph",)),
    C("enh-fantasy-medium", "a dragon on a mountain", has=("digital",)),
    C("enh-style-blocks-medium", "a dragon", style="watercolor", lacks=("digital", "photograph")),
    C("enh-black-and-white", "a black and white photo of a dog", lacks=("vibrant colors", "warm color palette")),
    C("enh-as-is-exact", "cat,dog ,  bird", enhance=False, exact="cat,dog ,  bird", mode="as-is"),
    C("enh-as-is-ignores-style", "a fox", style="anime", enhance=False, exact="a fox", style_out="none"),
    C("enh-draw-me-stripped", "please draw me a picture of a red barn", starts="a red barn"),
    # --- target wording -------------------------------------------------------------------
    C("tgt-sdxl-tags", "a fox in the snow", target="sdxl", lacks=(". ",), starts="a fox in the snow,"),
    C("tgt-dalle-prose", "a fox in the snow", target="dall-e-3", starts="A fox in the snow", has=(" with ",)),
    C("tgt-dalle-style-prose", "a fox", target="dall-e-3", style="oil-painting", starts="An oil painting of a fox"),
    C("tgt-gpt-image", "a fox", target="gpt-image-1", style="anime", starts="An anime artwork of a fox"),
    C("tgt-dalle-no-negative", "a fox", target="dall-e-3", negative="blurry", warn=("takes no negative",)),
    C("tgt-unknown", "a fox", target="midjourney", raises="Unknown target"),
    C("tgt-alias", "a fox", target="SD1.5", has=("a fox",)),
    # --- budgets --------------------------------------------------------------------------
    C("long-clip", LONG, starts="a quiet mountain village", warn=("20,000 characters",)),
    C("long-dalle", LONG, target="dall-e-3", max_len=4000, warn=("4,000 characters",)),
    C("long-as-is-dalle", LONG, target="dall-e-3", enhance=False, max_len=4000, warn=("4,000",)),
    C("short-no-warning", "a fox", no_warnings=True),
    # --- refinement -----------------------------------------------------------------------
    C("ref-night", "now at night", SUNSET, has=("lighthouse", "at night"), lacks=("golden hour",),
      mode="refine", changes=("+ at night", "- golden hour")),
    C("ref-watercolor", "make it a watercolor", SUNSET, has=("lighthouse", "watercolor painting"),
      style_out="watercolor", changes=("+ watercolor painting",)),
    C("ref-add-umbrella", "add a red umbrella", SUNSET, has=("a red umbrella", "golden hour"),
      changes=("+ a red umbrella",)),
    C("ref-remove-people", "remove the people", STREET, has=("busy street",), lacks=("people",),
      neg_has=("people",), changes=("- with people",)),
    C("ref-wider", "wider", SUNSET, has=("wide shot",), mode="refine"),
    C("ref-closer", "closer", SUNSET, has=("close-up shot",), lacks=("wide shot",), changes=("- wide shot",)),
    C("ref-winter", "same but in winter", SUNSET, has=("lighthouse", "in winter"), changes=("+ in winter",)),
    C("ref-another", "another one", SUNSET, exact=SUNSET, mode="repeat", seed="new"),
    C("ref-again", "again!", SUNSET, exact=SUNSET, mode="repeat", seed="new"),
    C("ref-same-seed", "same seed", SUNSET, exact=SUNSET, seed="same"),
    C("ref-same-seed-edit", "same seed, but at dusk", SUNSET, has=("at dusk",), lacks=("golden hour",), seed="same"),
    C("ref-new-subject", "a submarine under the ice", SUNSET, starts="a submarine under the ice",
      lacks=("lighthouse",), mode="fresh"),
    C("ref-style-swap-strips-old", "make it an oil painting", WATERCOLOR_PREV, has=("fox", "oil painting"),
      lacks=("watercolor", "paper texture"), style_out="oil-painting", changes=("- watercolor painting",)),
    C("ref-dalle-history", "now at night", DALLE_PREV, target="dall-e-3", starts="A cabin in the woods",
      has=("at night",), lacks=("sunset",)),
    C("ref-uses-last-assistant-prompt", "add a boat",
      [Turn("user", "a lake"), Turn("assistant", "x", prompt="a lake, at dawn"), Turn("user", "hi"),
       Turn("assistant", "Hello!")], has=("a lake", "a boat", "at dawn")),
    C("ref-removal-carried", "now at night", [Turn("assistant", "", prompt="a beach, golden hour",
                                                  negative_prompt="people, blurry")],
      neg_has=("people", "blurry")),
    C("ref-subject-swap", "how about a dog instead", "a cat sleeping on a sofa, soft window light",
      has=("a dog", "sofa", "soft window light"), lacks=("cat",)),
    C("ref-no-history-again", "again", intent="chat"),
    C("ref-recolour", "make the umbrella blue", "a woman with a red umbrella, at night",
      has=("a woman with a blue umbrella",), lacks=("red",), changes=("- red umbrella", "+ blue umbrella")),
    C("ref-move", "put it in a snowy forest", "a cat on a windowsill, golden hour",
      starts="a cat in a snowy forest", lacks=("windowsill",), changes=("- on a windowsill",)),
    C("ref-no-rain", "no rain", "a dog in a rainy street, at dusk", has=("a dog in a street",),
      lacks=("rain",), neg_has=("rain",)),
    # --- intent ---------------------------------------------------------------------------
    C("intent-hi", "hi", intent="chat"),
    C("intent-help", "help", intent="chat"),
    C("intent-what", "What can you do?", intent="chat"),
    C("intent-draw-question", "can you draw a cat?", has=("cat",), lacks=("can you",)),
    # --- negatives ------------------------------------------------------------------------
    C("neg-merge-dedupe", "a fox", style="photorealistic", negative="Cartoon, blurry, blurry",
      neg_has=("Cartoon", "blurry", "anime")),
    # --- unicode, markup, empty -----------------------------------------------------------
    C("uni-emoji", "🦊 in the snow ❄️", has=("🦊", "❄️")),
    C("uni-cjk", "富士山と桜", starts="富士山と桜"),
    C("uni-rtl", "قطة على السطح", has=("قطة",)),
    C("uni-combining", "cafe\u0301 terrace", has=("café terrace",)),
    C("uni-bidi-override-dropped", "a cat \u202eevil", lacks=("\u202e",), has=("a cat",)),
    C("markup-script", "<script>alert(1)</script> a cat", has=("<script>alert(1)</script>", "a cat")),
    C("markup-img", "<img src=x onerror=alert(1)>", has=("<img src=x onerror=alert(1)>",)),
    C("markup-dalle", "<b>a fox</b>", target="dall-e-3", has=("<b>a fox</b>",)),
    C("empty", "", raises="empty"),
    C("whitespace", "   \n\t", raises="empty"),
    C("zero-width-only", "\u200b\ufeff", raises="empty"),
]


def _history(h):
    if h is None:
        return []
    if isinstance(h, str):
        return [Turn("user", "earlier"), Turn("assistant", "Here you go.", prompt=h)]
    return h


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_case(case: C):
    kwargs = dict(style=case.style, target=case.target, enhance=case.enhance, negative=case.negative, seed=5)
    if case.raises:
        with pytest.raises(PromptError, match=case.raises):
            engineer(case.message, _history(case.history), **kwargs)
        return
    r = engineer(case.message, _history(case.history), **kwargs)
    assert r.intent == case.intent, r
    if case.intent == "chat":
        assert r.reply and r.prompt == ""
        return
    low = r.prompt.lower()
    for h in case.has:
        assert h.lower() in low, (h, r.prompt)
    for h in case.lacks:
        assert h.lower() not in low, (h, r.prompt)
    if case.starts is not None:
        assert r.prompt.startswith(case.starts), r.prompt
    if case.exact is not None:
        assert r.prompt == case.exact
    if case.mode:
        assert r.mode == case.mode
    if case.seed:
        assert r.seed_policy == case.seed
    if case.style_out:
        assert r.style == case.style_out
    for c in case.changes:
        assert c in r.changes, (c, r.changes)
    for n in case.neg_has:
        assert n in r.negative_prompt, (n, r.negative_prompt)
    for n in case.neg_lacks:
        assert n not in r.negative_prompt
    for w in case.warn:
        assert any(w in x for x in r.warnings), (w, r.warnings)
    if case.no_warnings:
        assert r.warnings == ()
    if case.max_len:
        assert len(r.prompt) <= case.max_len
    neg_parts = [p.strip().lower() for p in r.negative_prompt.split(",") if p.strip()]
    assert len(neg_parts) == len(set(neg_parts)), "negative prompt has duplicates"


def test_table_has_at_least_60_cases():
    assert len(CASES) >= 60
