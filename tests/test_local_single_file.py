"""--model some.safetensors: a single-file checkpoint in the original (LDM) layout, written here from the
tiny pipeline, loaded with from_single_file through the app's own loader."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
import torch

from pipeline.backends.local_diffusers import LocalDiffusersBackend
from pipeline.errors import ModelNotFound
from pipeline.events import Finished
from pipeline.request import GenerationRequest
from tests.ldm_checkpoint import write_ldm_checkpoint


@pytest.fixture(scope="module")
def checkpoint(tiny_model_dir, tmp_path_factory):
    return write_ldm_checkpoint(Path(tiny_model_dir), tmp_path_factory.mktemp("ckpt") / "tiny-v1.safetensors")


@pytest.fixture
def one_thread():
    threads = torch.get_num_threads()
    torch.set_num_threads(1)  # tiny runs on a busy machine: one intra-op thread is far faster
    yield
    torch.set_num_threads(threads)


def png(backend):
    events = list(backend.generate(GenerationRequest(prompt="a red fox", steps=3, seed=4), threading.Event()))
    assert isinstance(events[-1], Finished), events[-1]
    return events[-1].image.png


def test_a_checkpoint_file_makes_the_same_picture_as_its_folder(tiny_model_dir, checkpoint, one_thread):
    single = LocalDiffusersBackend(str(checkpoint), model_config=str(tiny_model_dir))
    assert single.available() == (True, "a single-file checkpoint; loads on first use")
    request = single.resolve(GenerationRequest(prompt="a fox"))
    assert (request.width, request.height) == (64, 64)  # the defaults come from --model-config's configs
    assert png(single) == png(LocalDiffusersBackend(str(tiny_model_dir)))  # the same weights, converted back


def test_without_configs_offline_the_message_says_what_to_pass(checkpoint):
    with pytest.raises(ModelNotFound, match="--model-config"):
        LocalDiffusersBackend(str(checkpoint)).load()
