"""The one error the prompt layer raises: a person's input it cannot turn into a prompt."""

from __future__ import annotations


class PromptError(ValueError):
    """Empty message, unknown style or unknown target. The message is fit for the chat."""
