"""LoRA from a folder, named in the prompt the A1111 way, on the tiny pipeline: the adapter is built
offline here (random weights through PEFT on the tiny UNet, saved in the diffusers/PEFT format)."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from pipeline.backends.local_diffusers import LocalDiffusersBackend
from pipeline.backends.local_lora import LoraUse, find_tags, strip_tags
from pipeline.errors import InvalidRequest
from pipeline.events import Finished
from pipeline.request import GenerationRequest
from storage.pngtext import parameters_to_recipe, recipe_to_parameters
from tests.one_thread import loaded_on_one_thread


def build_lora(model_dir: Path, folder: Path, name: str, seed: int) -> Path:
    """A LoRA with random (non-zero) weights on the tiny UNet's attention, saved as name.safetensors."""
    import torch
    from diffusers import StableDiffusionPipeline, UNet2DConditionModel
    from diffusers.utils import convert_state_dict_to_diffusers
    from peft import LoraConfig
    from peft.utils import get_peft_model_state_dict

    unet = UNet2DConditionModel.from_pretrained(str(model_dir / "unet"))
    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(seed)
        # init_lora_weights=False: both matrices random, so the adapter changes the output at once.
        unet.add_adapter(LoraConfig(r=4, lora_alpha=4, init_lora_weights=False,
                                    target_modules=["to_q", "to_k", "to_v", "to_out.0"]))
    layers = convert_state_dict_to_diffusers(get_peft_model_state_dict(unet))
    StableDiffusionPipeline.save_lora_weights(str(folder), unet_lora_layers=layers, weight_name=f"{name}.safetensors")
    return folder / f"{name}.safetensors"


@pytest.fixture(scope="module")
def lora_dir(tiny_model_dir, tmp_path_factory):
    folder = tmp_path_factory.mktemp("loras")
    build_lora(Path(tiny_model_dir), folder, "ink", seed=3)
    build_lora(Path(tiny_model_dir), folder, "paper.v2", seed=4)
    return folder


@pytest.fixture(scope="module")
def backend(tiny_model_dir, lora_dir):
    yield from loaded_on_one_thread(tiny_model_dir, preview_fps=0, lora_dir=str(lora_dir))


def image(backend, prompt, **fields):
    fields = {"prompt": prompt, "steps": 3, "seed": 5, **fields}
    events = list(backend.generate(GenerationRequest(**fields), threading.Event()))
    assert isinstance(events[-1], Finished), events[-1]
    return events[-1].image


def test_tags_are_found_and_removed_from_the_text():
    prompt = "a fox, <lora:ink:0.8>, in snow <lora:paper.v2> <LORA:ink:.5>"
    assert find_tags(prompt) == (LoraUse("paper.v2", 1.0), LoraUse("ink", 0.5))
    assert strip_tags(prompt) == "a fox, in snow"


def test_a_lora_changes_the_picture_and_is_off_when_not_asked(backend):
    plain = image(backend, "a red fox")
    inked = image(backend, "a red fox <lora:ink:1>")
    assert inked.png != plain.png
    assert inked.extra["loras"] == {"ink": 1.0}
    assert inked.prompt_sent == "a red fox <lora:ink:1>"  # recorded as A1111 records it: the tag stays
    assert image(backend, "a red fox <lora:ink:1>").png == inked.png  # reproducible
    assert image(backend, "a red fox <lora:ink:0.3>").png not in (plain.png, inked.png)  # the weight counts
    assert image(backend, "a red fox <lora:ink:1> <lora:paper.v2:1>").png != inked.png  # both on
    assert image(backend, "a red fox").png == plain.png  # not asked: disabled
    assert image(backend, "a red fox <lora:ink:0>").png == plain.png  # weight 0 is no change


def test_the_tag_survives_the_png_recipe(backend):
    made = image(backend, "a red fox <lora:ink:0.8>")
    text = recipe_to_parameters({"prompt": made.prompt_sent, "steps": made.steps, "seed": made.seed})
    assert parameters_to_recipe(text)["prompt"] == "a red fox <lora:ink:0.8>"


def test_a_missing_lora_is_named_with_the_available_ones(backend, tiny_model_dir):
    with pytest.raises(InvalidRequest) as err:
        backend.resolve(GenerationRequest(prompt="a fox <lora:watercolour:1>"))
    assert err.value.field == "prompt"
    assert "'watercolour'" in err.value.user_message and "ink, paper.v2" in err.value.user_message
    bare = LocalDiffusersBackend(str(tiny_model_dir))
    with pytest.raises(InvalidRequest, match="--lora-dir"):
        bare.resolve(GenerationRequest(prompt="a fox <lora:ink:1>"))


def test_the_chat_draws_a_pasted_prompt_without_the_loras_this_server_lacks(backend, tiny_model_dir):
    prompt, warnings = backend.runnable_prompt("a fox, <lora:ink:0.5>, <lora:watercolour:1>, snow")
    assert prompt == "a fox, <lora:ink:0.5>, snow"  # the one it has stays, the other is left out
    assert warnings == ("LoRA 'watercolour' was left out: it is not in this server's LoRA folder.",)
    backend.resolve(GenerationRequest(prompt=prompt))  # what is left is runnable
    bare = LocalDiffusersBackend(str(tiny_model_dir))
    prompt, warnings = bare.runnable_prompt("(best quality:1.2), rice terraces <lora:add_detail:0.6>")
    assert prompt == "(best quality:1.2), rice terraces" and "--lora-dir" in warnings[0]
    assert bare.runnable_prompt("a fox") == ("a fox", ())
