"""A request made again from a kept recipe or record: every field of the recipe arrives, whatever
fields it has by then; the record of a request reads back as that request; a picture made again
goes to a backend this app runs and to the model it runs now."""

from __future__ import annotations

import typing
from dataclasses import MISSING, asdict, fields

from pipeline.backends.openai_spec import OpenAIOptions
from pipeline.remake import REQUEST_FIELDS, made_again, request_from
from pipeline.request import GenerationRequest
from pipeline.router import Router
from web.recipe import Recipe


def _unlike_default(name: str, kind: typing.Any, number: int) -> typing.Any:
    """A value of the field's type that no default has; distinct per field, so a value carried
    into the wrong field is caught too."""
    options = set(typing.get_args(kind)) - {type(None)} or {kind}
    if str in options:
        return f"{name} value"
    if int in options:
        return 10 + number
    if float in options:
        return 0.5 + number
    raise AssertionError(f"give the recipe field {name!r} of type {kind} a value in this test")


def every_field_set() -> Recipe:
    hints = typing.get_type_hints(Recipe)
    values = {f.name: _unlike_default(f.name, hints[f.name], i) for i, f in enumerate(fields(Recipe))}
    recipe = Recipe(**values)
    for f in fields(Recipe):
        assert f.default is MISSING or getattr(recipe, f.name) != f.default, f.name
    return recipe


def test_every_recipe_field_arrives_in_the_request():
    recipe = every_field_set()
    request = request_from(recipe)
    assert isinstance(request.options, OpenAIOptions)  # the recipe's OpenAI options, gathered
    for f in fields(Recipe):
        # A recipe field is a request field by the same name, or a backend's option.
        holder = request if f.name in REQUEST_FIELDS else request.options
        assert getattr(holder, f.name, "missing") == getattr(recipe, f.name), f.name


def test_overrides_are_what_the_recipe_does_not_say():
    request = request_from(every_field_set(), conversation_id="c1", user="ana", prompt_typed="a cat", style="anime",
                           seed=None)
    assert (request.conversation_id, request.user, request.prompt_typed, request.style) == ("c1", "ana", "a cat",
                                                                                           "anime")
    assert request.seed is None


def test_a_record_reads_back_as_its_request_and_newer_fields_are_ignored():
    request = GenerationRequest(prompt="a lighthouse", prompt_typed="lighthouse", negative_prompt="fog",
                                style="photo", backend="openai", model="dall-e-3", width=1024, height=1792, steps=3,
                                guidance=6.5, seed=42, strength=0.4, source_image_id="img1", conversation_id="c",
                                user="ana", warnings=("long",), changes=("+ at night",),
                                options=OpenAIOptions(quality="hd", openai_style="natural"), sampler="Euler a",
                                clip_skip=2)
    assert request_from(request.record()) == request
    assert request_from({**request.record(), "a_field_from_a_newer_app": 1}) == request


def test_made_again_runs_on_a_backend_this_app_has_and_its_current_model():
    router = Router({})
    again = made_again({**asdict(every_field_set()), "backend": "gone"}, router, user="ana")
    assert again.backend == "auto"
    assert again.model is None
    assert again.user == "ana"
    assert made_again(every_field_set(), router, model="kept").model == "kept"
