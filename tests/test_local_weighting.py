"""A1111 prompt weighting on the tiny pipeline: parsed the A1111 way, sent as weighted embeddings."""

from __future__ import annotations

import threading

import pytest

from pipeline.backends.local_weighting import ROUND, SQUARE, Fragment, parse_weights, plain_text, text_arguments
from pipeline.events import Finished
from pipeline.request import GenerationRequest
from tests.one_thread import loaded_on_one_thread


@pytest.mark.parametrize("text, expected", [
    ("a red fox", [("a red fox", 1.0)]),
    ("a (red:1.5) fox", [("a ", 1.0), ("red", 1.5), (" fox", 1.0)]),
    ("a (red) fox", [("a ", 1.0), ("red", ROUND), (" fox", 1.0)]),
    ("a [red] fox", [("a ", 1.0), ("red", SQUARE), (" fox", 1.0)]),
    ("((red))", [("red", ROUND * ROUND)]),
    ("(a (red:2) fox:0.5)", [("a ", 0.5), ("red", 1.0), (" fox", 0.5)]),
    ("a \\(red\\) fox", [("a (red) fox", 1.0)]),  # escaped brackets are text
    ("a (red fox", [("a ", 1.0), ("red fox", ROUND)]),  # unclosed: to the end, as A1111
    ("ratio 16:9 (cat:1.0)", [("ratio 16:9 cat", 1.0)]),
])
def test_prompts_parse_the_a1111_way(text, expected):
    got = [(f.text, round(f.weight, 6)) for f in parse_weights(text)]
    assert got == [(t, round(w, 6)) for t, w in expected]


def test_unweighted_text_goes_as_text_without_the_syntax():
    args = text_arguments(object(), "a (red:1.0) fox", "", None)
    assert args == {"prompt": "a red fox", "negative_prompt": None}
    assert plain_text((Fragment("a ", 1.0), Fragment("fox", 1.3))) == "a fox"


@pytest.fixture(scope="module")
def backend(tiny_model_dir):
    yield from loaded_on_one_thread(tiny_model_dir, preview_fps=0)


def image(backend, prompt, **fields):
    fields = {"prompt": prompt, "steps": 3, "seed": 11, **fields}
    events = list(backend.generate(GenerationRequest(**fields), threading.Event()))
    assert isinstance(events[-1], Finished), events[-1]
    return events[-1].image


def test_a_weight_changes_the_picture_and_weight_one_does_not(backend):
    plain = image(backend, "a photo of a red fox in the snow")
    assert image(backend, "a photo of a (red:1.0) fox in the snow").png == plain.png
    weighted = image(backend, "a photo of a (red:1.6) fox in the snow")
    assert weighted.png != plain.png
    assert image(backend, "a photo of a (red:1.6) fox in the snow").png == weighted.png  # reproducible
    assert weighted.prompt_sent == "a photo of a (red:1.6) fox in the snow"  # the syntax is kept
    assert image(backend, "a photo of a [[[[red]]]] fox in the snow").png not in (plain.png, weighted.png)


def test_a_weighted_negative_prompt_and_a_long_prompt_run(backend):
    plain = image(backend, "a red fox", negative_prompt="blurry")
    assert image(backend, "a red fox", negative_prompt="(blurry:1.5)").png != plain.png
    long = ", ".join(["a (red:1.2) fox in the snow"] * 20)  # over CLIP's 75 tokens: chunked, as A1111
    assert image(backend, long).png


def test_a_long_unweighted_prompt_is_read_past_the_first_window(backend):
    """Words after CLIP's 75 tokens change the picture: the pipeline alone would cut them off."""
    head = ", ".join(["a red fox in the snow"] * 16)  # well past one window on its own
    ending_a = image(backend, f"{head}, a lighthouse at night")
    ending_b = image(backend, f"{head}, a bowl of ramen at noon")
    assert ending_a.png != ending_b.png
    assert image(backend, f"{head}, a lighthouse at night").png == ending_a.png  # reproducible
    assert ending_a.prompt_sent.endswith("a lighthouse at night")  # sent whole
    short = image(backend, "a red fox in the snow")
    assert short.png == image(backend, "a red fox in the snow").png
