"""The backend registry: the built-ins declare themselves; a backend registered by a plugin is chosen
through the router, the HTTP generate route and the conversation route with no other module
touched; and nothing outside pipeline/backends/ names a backend."""

from __future__ import annotations

import io
import tokenize
from pathlib import Path

import pytest
from pydantic import ValidationError

from pipeline.backends.openai_spec import OpenAIOptions
from pipeline.backends.registry import (
    AUTO,
    BACKENDS,
    BackendSpec,
    BuildContext,
    Capability,
    NoOptions,
    Registry,
    UnknownBackend,
)
from pipeline.backends.spec import RANK_FALLBACK, available_rank
from pipeline.errors import InvalidRequest
from pipeline.request import GenerationRequest
from tests.inprocess import InProcessApp
from tests.task_polling import wait_for_task

ROOT = Path(__file__).resolve().parents[1]


# ---- the built-ins --------------------------------------------------------------------------------

def test_the_registry_lists_the_two_built_ins_with_what_they_can_do():
    assert BACKENDS.names() == ("local", "openai")
    assert BACKENDS.choices() == (AUTO, "local", "openai")
    local, remote = BACKENDS.get("local"), BACKENDS.get("openai")
    assert local.capabilities == {
        Capability.TEXT_TO_IMAGE, Capability.IMAGE_TO_IMAGE, Capability.INPAINT, Capability.PARTIAL_PREVIEWS,
        Capability.BATCHING, Capability.NEGATIVE_PROMPT, Capability.SEED}
    assert remote.capabilities == {
        Capability.TEXT_TO_IMAGE, Capability.IMAGE_TO_IMAGE, Capability.INPAINT, Capability.PARTIAL_PREVIEWS,
        Capability.MODEL_CHOICE}
    assert BACKENDS.with_capability(Capability.MODEL_CHOICE) == ("openai",)
    assert BACKENDS.with_capability(Capability.BATCHING) == ("local",)
    # each its own options model: OpenAI's holds the options only its models take
    assert local.options is NoOptions and remote.options is OpenAIOptions
    assert set(OpenAIOptions.model_fields) == {"quality", "openai_style", "background", "output_format",
                                               "output_compression"}
    with pytest.raises(ValidationError):
        OpenAIOptions(colour="red")  # another backend's option, or a typo, is no option of OpenAI's
    # options arrive flat (an HTTP body, a turn's settings, a stored task) and become the one
    # backend's options model that declares them
    assert BACKENDS.options_from({"quality": "hd", "seed": 3, "background": None}) == OpenAIOptions(quality="hd")
    assert BACKENDS.options_from({"seed": 3, "quality": None}) is None
    # lanes: one per GPU, or --concurrency; several at once for the hosted API
    assert (local.default_lanes, remote.default_lanes) == (1, 4)
    from config import Config

    assert BACKENDS.lanes(Config(concurrency=3)) == {"local": 3, "openai": 4}
    # prompt wording by model family, asked of the spec
    assert BACKENDS.prompt_target("local", "stabilityai/sdxl-turbo") == "sdxl"
    assert BACKENDS.prompt_target("local", "stabilityai/sd-turbo") == "sd15"
    assert BACKENDS.prompt_target("openai", "gpt-image-1-mini") == "gpt-image-1"
    assert BACKENDS.prompt_target("openai", "dall-e-3") == "dall-e-3"


def test_the_built_ins_are_built_from_the_settings_by_their_specs(tiny_model_dir):
    from config import parse_config

    config = parse_config(["--model", str(tiny_model_dir), "--openai-model", "gpt-image-1"], env={})
    built = BACKENDS.build_all(config, BuildContext(torch_threads=1))
    assert list(built) == ["local", "openai"]
    assert all(backend.name == name for name, backend in built.items())
    assert built["openai"].model_name() == "gpt-image-1" and not built["openai"].available()[0]
    assert built["local"].available()[0] and built["local"].on_disk


def test_a_spec_is_checked_and_a_name_is_registered_once():
    def spec(name: str) -> BackendSpec:
        return BackendSpec(name=name, label=name, capabilities=frozenset({Capability.TEXT_TO_IMAGE}),
                           build=lambda config, context: None, rank=available_rank(50),
                           prompt_target=lambda model: "sd15")

    for bad in ("auto", "Two Words", ""):
        with pytest.raises(ValueError):
            spec(bad)
    registry = Registry((spec("one"),))
    with pytest.raises(ValueError, match="registered already"):
        registry.register(spec("one"))
    with pytest.raises(UnknownBackend, match=r"Unknown backend 'two': choose auto or one\."):
        registry.get("two")
    with registry.registered(spec("two")):
        assert registry.names() == ("one", "two")
    assert registry.names() == ("one",)
    with pytest.raises(ValueError, match="choose auto or one"):
        registry.check_choice("local")


# ---- a third backend, registered as a plugin would -----------------------------------------------

def _tiny_backend_class():
    from pipeline.backends.local_diffusers import LocalDiffusersBackend

    class TinyBackend(LocalDiffusersBackend):
        """The local diffusers backend under a name of its own: a real third backend."""

        name = "tiny"

    return TinyBackend


def _build_tiny(config, context: BuildContext):
    return _tiny_backend_class()(config.model, threads=1)


TINY = BackendSpec(
    name="tiny",
    label="Tiny diffusers",
    capabilities=frozenset({Capability.TEXT_TO_IMAGE, Capability.SEED, Capability.NEGATIVE_PROMPT}),
    build=_build_tiny,
    rank=available_rank(RANK_FALLBACK + 5),  # never ahead of the built-ins
    prompt_target=lambda model: "sd15",
)


@pytest.fixture
def tiny_registered():
    with BACKENDS.registered(TINY) as spec:
        yield spec


def test_a_registered_backend_is_chosen_by_the_router(tiny_registered, tiny_model_dir, tiny_local):
    from pipeline.router import Router

    tiny = _tiny_backend_class()(str(tiny_model_dir))
    router = Router({"local": tiny_local, "tiny": tiny}, gpu_available=lambda: False)
    request = GenerationRequest(prompt="a cat")
    assert router.pick(request.with_(backend="tiny")) is tiny
    assert router.pick(request) is tiny_local  # auto: the local folder still ranks first
    assert Router({"tiny": tiny}, default="tiny").pick(request) is tiny
    assert router.prompt_target(tiny) == "sd15"
    with pytest.raises(InvalidRequest, match="choose auto, local, openai or tiny") as exc:
        router.pick(request.with_(backend="gpu9000"))
    assert exc.value.field == "backend"


def test_without_registering_the_name_is_refused_with_the_names_there_are(tmp_path, tiny_model_dir):
    from config import parse_config

    with pytest.raises(SystemExit):
        parse_config(["--backend", "tiny"], env={})
    args = ["--model", str(tiny_model_dir), "--db", str(tmp_path / "two.duckdb")]
    with InProcessApp(tmp_path, args=args) as app, app.client() as http:
        r = http.post("/api/generate", json={"prompt": "a cat", "backend": "tiny"})
        assert r.status_code == 422, r.text
        assert "choose auto, local or openai" in r.text
        enum = http.get("/openapi.json").json()["components"]["schemas"]["GenerateBody"]["properties"]["backend"]
        assert enum["enum"] == ["auto", "local", "openai"]


def test_a_registered_backend_draws_through_the_http_routes(tiny_registered, tmp_path, tiny_model_dir):
    args = ["--model", str(tiny_model_dir), "--db", str(tmp_path / "three.duckdb"), "--threads", "1"]
    with InProcessApp(tmp_path, args=args) as app, app.client() as http:
        services = app.services
        assert list(services.backends) == ["local", "openai", "tiny"]
        assert services.router.pick(GenerationRequest(prompt="x", backend="tiny")).name == "tiny"
        enum = http.get("/openapi.json").json()["components"]["schemas"]["GenerateBody"]["properties"]["backend"]
        assert enum["enum"] == ["auto", "local", "openai", "tiny"]

        r = http.post("/api/generate", json={"prompt": "a lighthouse", "backend": "tiny", "steps": 2, "seed": 7})
        assert r.status_code == 202, r.text
        assert r.json()["backend"] == "tiny"
        task = wait_for_task(http, r.json()["task_id"])
        assert task["status"] == "succeeded", task
        assert http.get(task["image_url"]).headers["content-type"] == "image/png"

        conv = http.post("/api/conversations").json()["conversation_id"]
        r = http.post(f"/api/conversations/{conv}/messages",
                      json={"text": "a red fox in the snow", "backend": "tiny", "steps": 2})
        assert r.status_code == 200, r.text
        (turn_task,) = r.json()["tasks"]
        assert turn_task["backend"] == "tiny"
        assert wait_for_task(http, turn_task["task_id"])["status"] == "succeeded"
        gallery = http.get("/api/images").json()
        assert gallery["total"] == 2 and {item["backend"] for item in gallery["items"]} == {"tiny"}, gallery

        r = http.post(f"/api/conversations/{conv}/messages", json={"text": "now at night", "backend": "gpu9000"})
        assert r.status_code == 422 and "choose auto, local, openai or tiny" in r.text


# ---- nothing else names a backend ----------------------------------------------------------------

BACKEND_NAMES = {"local", "openai"}
CALLERS = {"tests", "bench", ".venv", ".git"}  # callers may name backends, as a person does


def _modules() -> list[Path]:
    out = []
    for path in ROOT.rglob("*.py"):
        parts = path.relative_to(ROOT).parts
        if parts[0] in CALLERS or parts[:2] == ("pipeline", "backends"):
            continue
        out.append(path)
    return out


def _named_backends(path: Path) -> list[str]:
    found = []
    with tokenize.open(path) as f:
        source = f.read()
    for tok in tokenize.generate_tokens(io.StringIO(source).readline):
        if tok.type != tokenize.STRING:
            continue
        text = tok.string.lstrip("rRbBuU")
        if text[:1] in "\"'" and text.strip("\"'") in BACKEND_NAMES:
            found.append(f"{path.relative_to(ROOT)}:{tok.start[0]}: {tok.string}")
    return found


def test_no_module_outside_the_backends_names_a_backend():
    modules = _modules()
    assert any(p.name == "app.py" for p in modules) and any(p.parts[-2:] == ("web", "ui.py") for p in modules)
    named = [hit for path in modules for hit in _named_backends(path)]
    assert not named, "backend names outside pipeline/backends/:\n" + "\n".join(named)


def test_a_backends_options_travel_flat_and_come_back_typed():
    from pipeline.wire import request_from_dict, request_to_dict

    request = GenerationRequest(prompt="a fox", backend="openai", seed=3,
                                options=OpenAIOptions(quality="hd", openai_style="natural"))
    flat = request_to_dict(request)
    assert (flat["quality"], flat["openai_style"], flat["seed"]) == ("hd", "natural", 3) and "options" not in flat
    assert request_from_dict(flat) == request
    assert request_from_dict(request_to_dict(request.with_(options=None))).options is None
