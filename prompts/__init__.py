"""Prompt engineering for imagechat: pure functions from a chat message (and the conversation
before it) to the prompt a given model renders best, with what was changed and why.

Styles are addressed by id: ``list_styles()`` returns ids with "none" first;
``style_choices()`` gives (display name, id) pairs for a dropdown.
"""

from .engine import engineer
from .errors import PromptError
from .llm import LLMConfig
from .styles import get_style, list_styles, style_choices, style_label
from .targets import TARGETS, clip_target, get_target, image_api_target
from .values import EngineeredPrompt, Turn

__all__ = [
    "EngineeredPrompt", "LLMConfig", "PromptError", "TARGETS", "Turn", "clip_target", "engineer", "get_style",
    "get_target", "image_api_target", "list_styles", "style_choices", "style_label",
]
