"""The router with the real backends: an explicit choice is honoured or explained; auto decides."""

import pytest

from pipeline.backends.local_diffusers import LocalDiffusersBackend
from pipeline.backends.openai_images import OpenAIImagesBackend
from pipeline.errors import BackendUnavailable, InvalidRequest
from pipeline.request import GenerationRequest
from pipeline.router import Router

REQ = GenerationRequest(prompt="a cat")


@pytest.fixture
def online(monkeypatch):
    """Hub access allowed (as on a machine with network): an uncached hub model downloads on first use."""
    from huggingface_hub import constants

    monkeypatch.delenv("HF_HUB_OFFLINE")
    monkeypatch.setattr(constants, "HF_HUB_OFFLINE", False)


def make(local_model, key, gpu=False, default="auto"):
    backends = {"local": LocalDiffusersBackend(local_model), "openai": OpenAIImagesBackend(key)}
    return Router(backends, default=default, gpu_available=lambda: gpu)


def test_auto_prefers_a_local_folder(tiny_model_dir):
    assert make(str(tiny_model_dir), "sk-test").pick(REQ).name == "local"


def test_auto_prefers_local_on_a_gpu(online):
    assert make("stabilityai/sd-turbo", "sk-test", gpu=True).pick(REQ).name == "local"


def test_auto_uses_openai_with_a_key_and_no_gpu():
    assert make("stabilityai/sd-turbo", "sk-test").pick(REQ).name == "openai"


def test_auto_falls_back_to_local_on_cpu(online):
    assert make("stabilityai/sd-turbo", None).pick(REQ).name == "local"


def test_offline_with_an_uncached_model_and_no_key_explains_both():
    with pytest.raises(BackendUnavailable) as exc:
        make("nobody/not-downloaded", None).pick(REQ)
    message = exc.value.user_message
    assert "OPENAI_API_KEY" in message and "not-downloaded" in message


def test_explicit_choice_is_honoured(tiny_model_dir):
    router = make(str(tiny_model_dir), "sk-test")
    assert router.pick(REQ.with_(backend="openai")).name == "openai"
    assert router.pick(REQ.with_(backend="local")).name == "local"


def test_explicit_unavailable_choice_is_explained(tiny_model_dir):
    with pytest.raises(BackendUnavailable) as exc:
        make(str(tiny_model_dir), None).pick(REQ.with_(backend="openai"))
    assert "OPENAI_API_KEY" in exc.value.user_message


def test_unknown_backend_names_the_field(tiny_model_dir):
    with pytest.raises(InvalidRequest) as exc:
        make(str(tiny_model_dir), None).pick(REQ.with_(backend="gpu9000"))
    assert exc.value.field == "backend"


def test_default_backend_applies_to_auto_requests(tiny_model_dir):
    assert make(str(tiny_model_dir), "sk-test", default="openai").pick(REQ).name == "openai"


def test_status_lists_every_backend(tiny_model_dir):
    status = {s.name: s for s in make(str(tiny_model_dir), None).status()}
    assert status["local"].available and not status["openai"].available
    assert status["openai"].why
