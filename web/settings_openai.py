"""The OpenAI part of the chat's settings: model, quality, style, background, output format and
compression, each shown only where the chosen model takes it.

The choices come from the backend (``option_choices``), so this panel never offers what the
backend would refuse. What the panel holds reaches the turn as one dict of ``TurnSettings``
fields (``None``: the model's default), kept in a ``gr.State`` that every change refreshes.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol

import gradio as gr

from pipeline.backends.registry import AUTO

DEFAULT = "default"


class OpenAIOptionsSource(Protocol):
    """What the panel needs of the backend whose models and options it offers (the one that
    declares the model-choice capability; with the built-ins, OpenAI's)."""

    name: str

    def model_name(self, request: Any = None) -> str: ...

    def models(self) -> tuple[str, ...]: ...

    def option_choices(self, model: str | None = None) -> dict[str, tuple[str, ...]]: ...


@dataclass
class OpenAIPanel:
    quality: gr.Dropdown  # also filled by Restore, like the other settings
    options: gr.State  # dict of TurnSettings fields, given to the turn


def turn_options(backend: str | None, model: str | None, configured: str, style: str | None,
                 background: str | None, output_format: str | None, compression: float | None,
                 compression_formats: tuple[str, ...] = ("jpeg", "webp"), *, owner: str) -> dict[str, Any]:
    """The panel's widget values as TurnSettings fields. The model is sent only when its backend
    (``owner``) is chosen explicitly (with "auto" another backend may draw, and it has no such
    name); the compression only with a format it applies to."""
    def value(v: str | None) -> str | None:
        return None if v in (None, "", DEFAULT) else v

    out: dict[str, Any] = {
        "openai_style": value(style),
        "background": value(background),
        "output_format": value(output_format),
        "output_compression": None,
    }
    if out["output_format"] in compression_formats and compression is not None:
        out["output_compression"] = int(compression)
    if backend == owner and value(model) and model != configured:
        out["model"] = model
    return out


def build(remote: OpenAIOptionsSource, backend: gr.Dropdown) -> OpenAIPanel:
    """The panel, inside the settings accordion; wired to ``backend``: shown for ``remote`` and for
    "auto" (which may choose it), hidden for any other backend."""
    owner = remote.name
    configured = remote.model_name()
    choices = remote.option_choices(configured)
    shown = backend.value in (AUTO, owner)

    def dropdown(field: str, label: str, elem_id: str) -> gr.Dropdown:
        values = choices[field]
        return gr.Dropdown([DEFAULT, *values], value=DEFAULT, label=label, elem_id=elem_id,
                           visible=bool(values))

    with gr.Group(visible=shown, elem_id="openai-options") as group:
        with gr.Row():
            model = gr.Dropdown(list(remote.models()), value=configured, label="OpenAI model",
                                elem_id="openai-model", visible=backend.value == owner)
            # Custom values are let through: a restored recipe may name another model's quality, and
            # the backend then says which ones this model takes.
            quality = gr.Dropdown([DEFAULT, *choices["quality"]], value=DEFAULT, label="Quality (OpenAI)",
                                  elem_id="quality", allow_custom_value=True)
            style = dropdown("openai_style", "Style (DALL-E 3)", "openai-style")
            background = dropdown("background", "Background", "openai-background")
            output_format = dropdown("output_format", "Format OpenAI sends", "openai-format")
            compression = gr.Slider(0, 100, value=100, step=1, label="Compression % (jpeg, webp)",
                                    elem_id="openai-compression", visible=False)
    options = gr.State({})

    def collect(backend_value, model_value, style_value, background_value, format_value, compression_value):
        formats = remote.option_choices(_model(model_value, configured))["compression_formats"]
        return turn_options(backend_value, model_value, configured, style_value, background_value, format_value,
                            compression_value, formats, owner=owner)

    inputs = [backend, model, style, background, output_format, compression]

    def on_model(model_value):
        """Each option shows the chosen model's values, and hides where the model takes none."""
        c = remote.option_choices(_model(model_value, configured))

        def refreshed(field: str) -> Any:
            return gr.update(choices=[DEFAULT, *c[field]], value=DEFAULT, visible=bool(c[field]))

        return (gr.update(choices=[DEFAULT, *c["quality"]], value=DEFAULT), refreshed("openai_style"),
                refreshed("background"), refreshed("output_format"), gr.update(visible=False))

    def on_backend(backend_value):
        if backend_value == owner:
            return gr.update(visible=True), gr.update(visible=True)
        # "auto" or another backend: the configured model is the one this backend would use
        return gr.update(visible=backend_value == AUTO), gr.update(visible=False, value=configured)

    def on_format(model_value, format_value):
        formats = remote.option_choices(_model(model_value, configured))["compression_formats"]
        return gr.update(visible=format_value in formats)

    quiet = dict(queue=False, show_progress="hidden", api_visibility="private")
    backend.change(on_backend, [backend], [group, model], **quiet).then(collect, inputs, [options], **quiet)
    model.change(on_model, [model], [quality, style, background, output_format, compression], **quiet).then(
        collect, inputs, [options], **quiet)
    output_format.change(on_format, [model, output_format], [compression], **quiet)
    for widget in (style, background, output_format, compression):
        widget.change(collect, inputs, [options], **quiet)
    return OpenAIPanel(quality=quality, options=options)


def _model(value: str | None, configured: str) -> str:
    return value if value and value != DEFAULT else configured
