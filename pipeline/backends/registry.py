"""The backends this app knows, by name: the one place that lists them.

``BACKENDS`` holds the built-ins (local diffusers, OpenAI images); a plugin adds its own with
``BACKENDS.register(spec)`` before the app is built. Everything else (the command line's choices,
the HTTP API's validators, the router's ``auto``, the job lanes, the UI's panels, the prompt wording)
asks the registry, so a new backend touches no other module.
"""

from __future__ import annotations

import threading
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, Iterator, Mapping

from pipeline.backends import local_spec, openai_spec
from pipeline.backends.spec import (
    AUTO,
    RANK_UNDECLARED,
    BackendOptions,
    BackendSpec,
    BuildContext,
    Capability,
    GpuProbe,
    NoOptions,
)

if TYPE_CHECKING:
    from pipeline.backends.base import Backend

__all__ = ["AUTO", "BACKENDS", "BackendOptions", "BackendSpec", "BuildContext", "Capability", "NoOptions", "Registry",
           "UnknownBackend"]


class UnknownBackend(KeyError):
    """A name no registered backend has; ``message`` lists the names there are."""

    def __init__(self, name: object, message: str):
        super().__init__(name)
        self.message = message

    def __str__(self) -> str:
        return self.message


def spoken_list(names: tuple[str, ...]) -> str:
    """("auto", "local", "openai") -> "auto, local or openai"."""
    if len(names) < 2:
        return "".join(names)
    return f"{', '.join(names[:-1])} or {names[-1]}"


class Registry:
    """Backend specs by name, in the order they were registered (which breaks ``auto``'s ties)."""

    def __init__(self, specs: tuple[BackendSpec, ...] = ()):
        self._lock = threading.Lock()
        self._specs: dict[str, BackendSpec] = {}
        for spec in specs:
            self.register(spec)

    # -- registering ---------------------------------------------------------------------------

    def register(self, spec: BackendSpec) -> BackendSpec:
        if not isinstance(spec, BackendSpec):
            raise TypeError(f"register takes a BackendSpec, not {type(spec).__name__}")
        with self._lock:
            if spec.name in self._specs:
                raise ValueError(f"a backend named {spec.name!r} is registered already")
            self._specs[spec.name] = spec
        return spec

    def unregister(self, name: str) -> None:
        with self._lock:
            self._specs.pop(name, None)

    @contextmanager
    def registered(self, spec: BackendSpec) -> Iterator[BackendSpec]:
        """``spec`` registered for the ``with`` block only."""
        self.register(spec)
        try:
            yield spec
        finally:
            self.unregister(spec.name)

    # -- asking --------------------------------------------------------------------------------

    def names(self) -> tuple[str, ...]:
        with self._lock:
            return tuple(self._specs)

    def specs(self) -> tuple[BackendSpec, ...]:
        with self._lock:
            return tuple(self._specs.values())

    def choices(self) -> tuple[str, ...]:
        """What a request or ``--backend`` may say: ``auto`` or a registered name."""
        return (AUTO, *self.names())

    def find(self, name: str | None) -> BackendSpec | None:
        with self._lock:
            return self._specs.get(name or "")

    def get(self, name: str) -> BackendSpec:
        spec = self.find(name)
        if spec is None:
            raise UnknownBackend(name, self.unknown_message(name))
        return spec

    def unknown_message(self, name: object, choices: tuple[str, ...] | None = None) -> str:
        return f"Unknown backend {name!r}: choose {spoken_list(choices or self.choices())}."

    def check_choice(self, value: str) -> str:
        """``value`` when it is ``auto`` or a registered name; ValueError naming the choices else
        (pydantic turns it into a 422 that lists them)."""
        if value not in self.choices():
            raise ValueError(self.unknown_message(value))
        return value

    def with_capability(self, capability: Capability) -> tuple[str, ...]:
        return tuple(spec.name for spec in self.specs() if spec.can(capability))

    def prompt_target(self, name: str, model: str | None) -> str:
        """The prompt target (prompts.targets) for a backend's model; a backend without a spec gets
        the local family's, as the router treats an unknown model: every Stable Diffusion family
        reads at least a 77-token CLIP prompt."""
        spec = self.find(name) or local_spec.SPEC
        return spec.prompt_target(model)

    def rank(self, name: str, backend: "Backend", gpu_available: GpuProbe) -> int | None:
        spec = self.find(name)
        if spec is None:
            return RANK_UNDECLARED if backend.available()[0] else None
        return spec.rank(backend, gpu_available)

    def options_from(self, values: Mapping[str, Any] | object) -> BackendOptions | None:
        """The options among ``values`` (flat, by field name: a mapping such as a stored task, or an
        object's attributes such as a turn's settings or a recipe) as the one backend's options model
        that declares them; None when none is set. ValueError when they belong to two backends (one
        request goes to one backend)."""
        def value(name: str) -> Any:
            return values.get(name) if isinstance(values, Mapping) else getattr(values, name, None)

        found: list[BackendOptions] = []
        for spec in self.specs():
            mine = {name: value(name) for name in spec.options.model_fields if value(name) is not None}
            if mine:
                found.append(spec.options(**mine))
        if len(found) > 1:
            raise ValueError("options of several backends were given: "
                             + "; ".join(", ".join(o.model_dump(exclude_none=True)) for o in found))
        return found[0] if found else None

    # -- building ------------------------------------------------------------------------------

    def build_all(self, config: Any, context: BuildContext | None = None) -> dict[str, "Backend"]:
        """Every registered backend, built from the app's settings."""
        context = context or BuildContext()
        return {spec.name: spec.build(config, context) for spec in self.specs()}

    def lanes(self, config: Any, names: Mapping[str, Any] | None = None) -> dict[str, int]:
        """Jobs at once per backend: a config flag where the spec has one, else its default."""
        wanted = tuple(names) if names is not None else self.names()
        return {spec.name: spec.lanes(config) for spec in self.specs() if spec.name in wanted}

    def default_lanes(self, name: str) -> int:
        spec = self.find(name)
        return spec.default_lanes if spec is not None else 1


BACKENDS = Registry((local_spec.SPEC, openai_spec.SPEC))
