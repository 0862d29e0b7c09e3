"""Values that cross the seam between the chat and the prompt layer."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Turn:
    """One message of the conversation so far.

    Assistant turns carry ``prompt`` (the prompt that was sent). ``style`` and
    ``negative_prompt`` are optional: when the chat passes them, a follow-up keeps the
    previous style and the previous removals exactly; without them the style is recognised
    from the prompt text and removals are not carried over.
    """

    role: str  # "user" | "assistant"
    content: str
    prompt: str | None = None
    style: str | None = None
    negative_prompt: str | None = None


@dataclass(frozen=True)
class EngineeredPrompt:
    typed: str  # what the person typed
    prompt: str  # what goes to the model
    negative_prompt: str
    style: str  # style id actually applied ("none" when none)
    target: str  # target id
    intent: str  # "image" | "chat"
    reply: str | None  # for intent "chat": a short answer about the bot
    seed_policy: str  # "new" (fresh random seed) | "same" (reuse the previous image's seed)
    warnings: tuple[str, ...]
    changes: tuple[str, ...]  # diff against the previous prompt, e.g. ("+ at night", "- golden hour")
    tokens: int | None  # CLIP targets: tokens the text encoder reads (without start/end tokens)
    tokens_estimated: bool = False  # True when no tokenizer was given and ``tokens`` is an estimate
    token_limit: int | None = None  # CLIP targets: tokens one prompt may use (75 for a 77-token encoder)
    mode: str = "fresh"  # "fresh" | "refine" | "repeat" | "as-is" | "chat"
    added: tuple[str, ...] = ()  # phrases enhancement added to the typed words (fresh prompts)
    rewritten_by: str | None = None  # the chat model that rewrote the prompt, when one did

    def to_dict(self) -> dict:
        return {
            "typed": self.typed,
            "prompt": self.prompt,
            "negative_prompt": self.negative_prompt,
            "style": self.style,
            "target": self.target,
            "intent": self.intent,
            "reply": self.reply,
            "seed_policy": self.seed_policy,
            "warnings": list(self.warnings),
            "changes": list(self.changes),
            "tokens": self.tokens,
            "tokens_estimated": self.tokens_estimated,
            "token_limit": self.token_limit,
            "mode": self.mode,
            "added": list(self.added),
            "rewritten_by": self.rewritten_by,
        }
