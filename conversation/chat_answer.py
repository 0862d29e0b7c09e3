"""A streamed chat-completion answer put back together (prose, tool calls, refusal), with caps on
its size, and the short key-free reasons an answer cannot be used."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import openai

MAX_REPLY_CHARS = 4000  # Chat.reply's own limit; a longer prose answer is cut and the stream closed
MAX_ARGS_CHARS = 64_000  # tool-call arguments beyond this are hostile or runaway: fall back


class Unusable(Exception):
    """The chat model's answer cannot be used; ``reason`` is short, ours, and safe to show."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass
class ToolCall:
    name: str = ""
    arguments: list[str] = field(default_factory=list)
    size: int = 0


@dataclass
class Answer:
    """A streamed answer put back together."""

    text: list[str] = field(default_factory=list)
    text_len: int = 0
    truncated: bool = False
    refusal: list[str] = field(default_factory=list)
    calls: dict[int, ToolCall] = field(default_factory=dict)
    finish_reason: str | None = None

    def add(self, chunk: Any) -> str:
        """Take one chunk; return the prose it adds (capped) for the caller to stream on."""
        out = ""
        for choice in getattr(chunk, "choices", None) or ():
            if getattr(choice, "index", 0) not in (0, None):
                continue  # n=1 is asked for; a second choice is noise
            delta = choice.delta
            if delta is not None:
                out += self._add_text(delta.content)
                if delta.refusal:
                    self.refusal.append(delta.refusal)
                for piece in delta.tool_calls or ():
                    self._add_call(piece.index or 0, piece.function)
                if getattr(delta, "function_call", None):  # the deprecated single-call form
                    self._add_call(0, delta.function_call)
            if choice.finish_reason:
                self.finish_reason = choice.finish_reason
        return out

    @property
    def full(self) -> bool:
        return self.truncated or any(c.size > MAX_ARGS_CHARS for c in self.calls.values())

    def reply(self) -> str:
        text = "".join(self.text).strip()
        return text + "…" if self.truncated and text else text

    def _add_text(self, piece: str | None) -> str:
        if not piece or self.truncated:
            return ""
        room = MAX_REPLY_CHARS - 1 - self.text_len  # one character kept for the ellipsis
        if len(piece) > room:
            piece, self.truncated = piece[:max(room, 0)], True
        self.text.append(piece)
        self.text_len += len(piece)
        return piece

    def _add_call(self, index: int, function: Any) -> None:
        call = self.calls.setdefault(index, ToolCall())
        if function is None:
            return
        name = function.name or ""
        # Most servers send the name once; some repeat it whole in every piece.
        if name and name != call.name:
            call.name += name
        if function.arguments:
            call.arguments.append(function.arguments)
            call.size += len(function.arguments)


def error_reason(exc: BaseException) -> str:
    """A short, key-free reason for an SDK error (its own message may echo the key)."""
    if isinstance(exc, openai.APITimeoutError):
        return "timed out"
    if isinstance(exc, openai.AuthenticationError):
        return "the server rejected the API key (401)"
    if isinstance(exc, openai.RateLimitError):
        return "rate limited (429)"
    if isinstance(exc, openai.APIStatusError):
        return f"the server answered {exc.status_code}"
    if isinstance(exc, openai.APIConnectionError):
        return "could not reach the server"
    if isinstance(exc, openai.APIError):
        return "the server sent an error"
    return "its answer could not be read"
