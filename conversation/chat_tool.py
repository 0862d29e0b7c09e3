"""The chat model's one tool, ``act``: its parameters are the action union of
``conversation.actions`` made self-contained, in the JSON-schema subset every OpenAI-compatible
server takes."""

from __future__ import annotations

import copy
from typing import Any

from conversation.actions import ACTION

TOOL_NAME = "act"


def tool_schema() -> dict:
    """The ``act`` tool's parameters: ``{"action": <one of the actions>, "translated": bool}``.

    Built from ``ACTION.json_schema()`` with every ``$ref`` inlined, ``oneOf`` turned into
    ``anyOf``, ``const`` written as a one-value ``enum``, ``discriminator``, titles and defaults
    dropped (the schema goes with every turn): the subset that OpenAI, llama.cpp's grammar
    converter, vLLM and Ollama all take. The action is wrapped because OpenAI requires
    ``"type": "object"`` at the top of a function's parameters."""
    raw = ACTION.json_schema()
    action = _inline(raw, raw.get("$defs", {}))
    return {
        "type": "object",
        "properties": {
            "action": action,
            "translated": {
                "type": "boolean",
                "description": "true when the message was not in English and you wrote English for it",
            },
        },
        "required": ["action"],
        "additionalProperties": False,
    }


def tool_definition() -> dict:
    return {
        "type": "function",
        "function": {
            "name": TOOL_NAME,
            "description": "Do what the person asked in the image chat: draw, edit, undo, revert, answer a "
                           "question about a picture, show help. Not needed for small talk.",
            "parameters": tool_schema(),
        },
    }


def _inline(node: Any, defs: dict) -> Any:
    if isinstance(node, list):
        return [_inline(item, defs) for item in node]
    if not isinstance(node, dict):
        return node
    if "$ref" in node:
        name = node["$ref"].rsplit("/", 1)[-1]
        return _inline(copy.deepcopy(defs[name]), defs)
    out: dict[str, Any] = {}
    for key, value in node.items():
        if key in ("$defs", "discriminator", "title", "default"):  # defaults apply when a field is left out
            continue
        if key == "oneOf":
            out["anyOf"] = _inline(value, defs)
        elif key == "const":
            out["enum"] = [value]
        elif key == "properties":  # property names are data, not keywords: keep "title" et al.
            out[key] = {name: _inline(sub, defs) for name, sub in value.items()}
        else:
            out[key] = _inline(value, defs)
    # The tag (intent/op) has a default in the models, so pydantic leaves it optional; a union
    # without its tag cannot be told apart, so the model must always send it.
    props = out.get("properties", {})
    for tag in ("intent", "op"):
        if tag in props and "enum" in props[tag] and tag not in out.get("required", []):
            out["required"] = [tag, *out.get("required", [])]
    return out
