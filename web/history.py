"""A stored conversation as the prompt layer reads it: shared by the chat and the HTTP API."""

from __future__ import annotations

from typing import Sequence

import prompts
from storage import MessageRecord


def turns_from_messages(records: Sequence[MessageRecord]) -> list[prompts.Turn]:
    """Assistant turns carry the prompt that was requested (not a provider's rewrite), its style and
    negative prompt, so a follow-up edits what the person last asked for."""
    turns = []
    for rec in records:
        image = rec.image
        if rec.role == "assistant" and image is not None:
            turns.append(prompts.Turn(
                "assistant",
                "",
                prompt=(image.extra or {}).get("prompt_requested") or image.prompt_sent,
                style=image.style or None,
                negative_prompt=image.negative_prompt or None,
            ))
        else:
            turns.append(prompts.Turn(rec.role, rec.content))
    return turns


def last_seed(records: Sequence[MessageRecord]) -> int | None:
    """The seed of the latest image in the conversation, for "same seed"."""
    for rec in reversed(records):
        if rec.image is not None and rec.image.seed is not None:
            return rec.image.seed
    return None
