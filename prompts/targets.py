"""What each model family reads best, and how much of it.

CLIP text encoders (SD 1.x, SD 2.x, SDXL) read 77 tokens including the start and end
tokens, so 75 of the prompt's own tokens; diffusers' pipelines cut the rest silently.
They respond best to comma-separated tag phrases. DALL-E 3 and gpt-image read prose and
reject prompts over a character limit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .errors import PromptError

CLIP_CHUNK = 77  # tokens per CLIP chunk, start and end tokens included


@dataclass(frozen=True)
class Target:
    id: str
    label: str  # for messages: "SD 1.5"
    wording: str  # "tags" | "prose"
    clip: bool  # counts tokens with a CLIP tokenizer
    max_chars: int | None = None  # hard limit of the API, when there is one
    negative: bool = True  # whether the model takes a negative prompt
    # CLIP windows the backend reads one after another (A1111's chunking, as the local backend encodes a
    # long prompt): the person's own words may use them all; what enhancement adds stays in the first.
    chunks: int = 1


TARGETS: dict[str, Target] = {
    "sd15": Target("sd15", "SD 1.x/2.x", "tags", True, chunks=8),
    "sdxl": Target("sdxl", "SDXL", "tags", True, chunks=8),
    "dall-e-2": Target("dall-e-2", "DALL-E 2", "prose", False, max_chars=1000, negative=False),
    "dall-e-3": Target("dall-e-3", "DALL-E 3", "prose", False, max_chars=4000, negative=False),
    "gpt-image-1": Target("gpt-image-1", "gpt-image", "prose", False, max_chars=32000, negative=False),
}

_ALIASES = {
    "sd1.5": "sd15", "sd-1.5": "sd15", "sd1": "sd15", "sd-turbo": "sd15", "sd2": "sd15",
    "sd21": "sd15", "sd2.1": "sd15", "sdxl-turbo": "sdxl", "dalle3": "dall-e-3", "dall-e3": "dall-e-3",
    "dalle-3": "dall-e-3", "dalle2": "dall-e-2", "gpt-image": "gpt-image-1",
}


def get_target(name: str | None) -> Target:
    key = (name or "sd15").strip().lower()
    key = _ALIASES.get(key, key)
    if key not in TARGETS:
        raise PromptError(f"Unknown target '{name}'. Pick one of: {', '.join(TARGETS)}.")
    return TARGETS[key]


def clip_target(model: str | None) -> str:
    """The target of a Stable Diffusion model by its name: "stabilityai/sd-turbo" -> "sd15" (the
    SD 1.x/2.x family: CLIP, 77 tokens, tags); "stabilityai/sdxl-turbo" -> "sdxl". Unknown models
    get "sd15": every Stable Diffusion family reads at least a 77-token CLIP prompt."""
    name = (model or "").strip().lower()
    if re.search(r"xl|sdxl|playground|pony|juggernaut", name):
        return "sdxl"
    return "sd15"


def image_api_target(model: str | None) -> str:
    """The target of a hosted image model that reads prose: "dall-e-3" -> "dall-e-3",
    "gpt-image-1-mini" -> "gpt-image-1"; an unknown one reads as DALL-E 3 does."""
    name = (model or "").strip().lower()
    if name.startswith("gpt-image") or name.startswith("chatgpt-image"):
        return "gpt-image-1"
    if name == "dall-e-2":
        return "dall-e-2"
    return "dall-e-3"
