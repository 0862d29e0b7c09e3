"""A request made from what was kept of one: a stored recipe, a task's record, the wire's fields.

One derivation serves them all, so no caller lists the recipe's fields: every kept value named as a
request field is carried by that name, and the backend options among them are gathered into the
options model of the backend that declares them. A field added to the recipe (storage.recipe) or to
the request is then carried everywhere at once, and tests/test_remake.py walks the recipe's fields
to catch one that is not.
"""

from __future__ import annotations

from dataclasses import fields, is_dataclass
from typing import TYPE_CHECKING, Any, Mapping

from pipeline.backends.registry import AUTO, BACKENDS, Registry
from pipeline.request import GenerationRequest

if TYPE_CHECKING:  # the Celery wire reads requests with this module; it needs no router
    from pipeline.router import Router

# What a request carries besides the options, by name (``options`` is built, never copied).
REQUEST_FIELDS = frozenset(f.name for f in fields(GenerationRequest)) - {"options"}


def flat_values(values: Mapping[str, Any] | Any) -> dict[str, Any]:
    """A mapping as it is, or a dataclass value (a recipe) as its fields by name."""
    if isinstance(values, Mapping):
        return dict(values)
    if is_dataclass(values) and not isinstance(values, type):
        return {f.name: getattr(values, f.name) for f in fields(values)}
    raise TypeError(f"kept values are a mapping or a dataclass value, not {type(values).__name__}")


def request_from(values: Mapping[str, Any] | Any, *, registry: Registry = BACKENDS,
                 **overrides: Any) -> GenerationRequest:
    """The request that ``values`` describe (the inverse of ``GenerationRequest.record``), with
    ``overrides`` (what is not part of the recipe: the conversation, the person, ...) on top.
    Values named as no request field and no backend option are ignored: a record written by a newer
    version still reads. ValueError when the options belong to two backends."""
    flat = flat_values(values)
    carried = {name: value for name, value in flat.items() if name in REQUEST_FIELDS}
    for name in ("warnings", "changes"):  # a record keeps them as lists (JSON has no tuples)
        if name in carried:
            carried[name] = tuple(carried[name] or ())
    carried["options"] = registry.options_from(flat)
    return GenerationRequest(**{**carried, **overrides})


def made_again(values: Mapping[str, Any] | Any, router: "Router", **overrides: Any) -> GenerationRequest:
    """A picture asked for again from its kept recipe or request: on the same backend while this app
    still runs it, else ``auto``; on the model this app is set to run now, not the kept one."""
    request = request_from(values, registry=router.registry, **{"model": None, **overrides})
    if request.backend not in router.backends:
        request = request.with_(backend=AUTO)
    return request
