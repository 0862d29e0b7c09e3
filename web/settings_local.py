"""The local backend's workstation controls in the chat's settings: sampler and clip skip.

Built inside the settings accordion by ``web.ui``; the values reach ``ChatSettings`` as raw widget
values, and the one validator (``TurnSettings``) checks them like the HTTP API's.
"""

from __future__ import annotations

from dataclasses import dataclass

import gradio as gr

from pipeline.samplers import MAX_CLIP_SKIP, SAMPLER_NAMES

MODEL_DEFAULT = ("Model default", "")


@dataclass(frozen=True)
class LocalControls:
    sampler: gr.Dropdown
    clip_skip: gr.Textbox

    @property
    def inputs(self) -> list:
        """In ``ChatSettings``' order (after ``batch``)."""
        return [self.sampler, self.clip_skip]


def local_controls() -> LocalControls:
    with gr.Row():
        sampler = gr.Dropdown([MODEL_DEFAULT, *SAMPLER_NAMES], value="", label="Sampler (local)",
                              elem_id="sampler")
        # Text, as steps: empty means the model's own, and a browser's empty number would be 0.
        clip_skip = gr.Textbox(value="", label=f"Clip skip (local, 1–{MAX_CLIP_SKIP})", placeholder="model default",
                               elem_id="clip-skip", max_lines=1)
    return LocalControls(sampler, clip_skip)
