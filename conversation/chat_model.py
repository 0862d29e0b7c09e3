"""The chat-model interpreter: one chat completion per turn, on any OpenAI-compatible server.

The model gets a system prompt (the app, the action vocabulary, the current scene, the pictures'
recipes, the target model's wording) and ONE tool, ``act``, whose parameters are the action union
of ``conversation.actions`` made self-contained (no ``$ref``, no ``oneOf``/``discriminator``, which
several servers reject). It either calls ``act`` (the arguments are validated with
``parse_action``) or answers in prose, which is streamed as it arrives and becomes a ``Chat``.

Choice: a prose answer is always ``Chat(reply=text)``, even when the message was a question about
a picture. The system prompt asks for ``act`` with ``intent="question"`` for those (so the turn is
counted and shown as a question, with the recipe), but when a model answers in prose anyway the
answer is still an answer and nothing is drawn, which is what matters.

Anything unusable (no connection, a timeout, an HTTP error, bad JSON, arguments outside the
vocabulary, a refusal, an empty answer, an unknown tool, a rewrite that drops the subject) falls
back to the offline rules with exactly one short note. The API key is never logged, shown in a
repr or put in a note: provider error messages may echo it, so none of them is passed on.

The tool's schema is in ``chat_tool``, what is sent in ``chat_prompt``, reading the streamed answer in
``chat_answer`` and the subject check in ``subject_check``; this module configures and runs the call.
"""

from __future__ import annotations

import json
import logging
import threading
import time
from dataclasses import dataclass, field
from typing import Any, Generator, Iterator
from urllib.parse import urlsplit, urlunsplit

import openai
from pydantic import SecretStr, ValidationError

from conversation.actions import Action, Chat, Edit, parse_action
from conversation.chat_answer import MAX_ARGS_CHARS, Answer, ToolCall, Unusable, error_reason
from conversation.chat_prompt import build_messages
from conversation.chat_tool import TOOL_NAME, tool_definition
from conversation.interpreter import Context, Interpretation, Interpreter, StreamItem
from conversation.subject_check import dropped_subject

log = logging.getLogger(__name__)

OPENAI_BASE_URL = "https://api.openai.com/v1"
_now = time.monotonic  # a name of our own, so a test can move the clock on

# Servers without a key (Ollama, llama.cpp) ignore it, but the SDK refuses to start without one.
NO_KEY = "no-key"


# --- configuration ------------------------------------------------------------------------------


@dataclass(frozen=True, repr=False)
class ChatModelConfig:
    """Which chat model, where, and how long to wait. ``api_key`` is a SecretStr: it never shows in
    a repr, a str, a log line or a note."""

    model: str
    base_url: str | None = None  # None: OpenAI's (never OPENAI_BASE_URL, the image backend's server)
    api_key: SecretStr | None = field(default=None, repr=False)
    timeout_s: float = 20.0  # connect, and each wait for the next piece of a streamed answer
    max_retries: int = 1  # the SDK's own retries of 408/429/5xx and dropped connections
    total_s: float = 120.0  # the whole answer: a server that trickles forever is cut off here

    def __post_init__(self) -> None:
        if not self.model or not self.model.strip():
            raise ValueError("ChatModelConfig needs a model name")
        if isinstance(self.api_key, str):  # accept a plain string, keep it wrapped
            object.__setattr__(self, "api_key", SecretStr(self.api_key) if self.api_key else None)
        if self.timeout_s <= 0 or self.total_s <= 0 or not 0 <= self.max_retries <= 5:
            raise ValueError("ChatModelConfig: timeout_s and total_s must be > 0, max_retries 0..5")

    def __repr__(self) -> str:
        return (f"ChatModelConfig(model={self.model!r}, base_url={_redact(self.base_url)!r}, "
                f"key={'set' if self.api_key else 'unset'}, timeout_s={self.timeout_s:g}, "
                f"max_retries={self.max_retries}, total_s={self.total_s:g})")

    __str__ = __repr__

    @classmethod
    def from_config(cls, config: Any) -> "ChatModelConfig | None":
        """From the app's Config (``chat_model``, ``chat_base_url``, ``chat_api_key``); None when no
        chat model is configured, so the rules alone interpret."""
        model = getattr(config, "chat_model", None)
        if not model:
            return None
        return cls(model=model, base_url=getattr(config, "chat_base_url", None),
                   api_key=getattr(config, "chat_api_key", None))


def _redact(url: str | None) -> str | None:
    """A base URL fit for logs: user and password dropped."""
    if not url:
        return url
    parts = urlsplit(url)
    if parts.username or parts.password:
        netloc = "***@" + (parts.hostname or "") + (f":{parts.port}" if parts.port else "")
        return urlunsplit(parts._replace(netloc=netloc))
    return url


# --- the interpreter ----------------------------------------------------------------------------


class ChatModelInterpreter:
    """Interprets a turn with a chat model; falls back to ``fallback`` (the offline rules)."""

    def __init__(self, config: ChatModelConfig, fallback: Interpreter) -> None:
        self.config = config
        self.fallback = fallback
        self.name = config.model
        self._client: openai.OpenAI | None = None
        self._lock = threading.Lock()

    def __repr__(self) -> str:
        return f"ChatModelInterpreter({self.config!r})"

    def interpret(self, text: str, context: Context) -> Interpretation:
        for item in self.stream(text, context):
            if isinstance(item, Interpretation):
                return item
        raise RuntimeError("stream() ended without an Interpretation")  # pragma: no cover

    def stream(self, text: str, context: Context) -> Iterator[StreamItem]:
        """Prose deltas as they arrive, then the Interpretation (the final word: when it is the
        rules' after a failure, prose already streamed was provisional and should be replaced)."""
        started = time.perf_counter()
        try:
            answer = yield from self._ask(build_messages(text, context))
            result = self._understand(answer, context)
        except Unusable as exc:
            log.warning("chat model %s not used (%s) after %.2f s", self.config.model, exc.reason,
                        time.perf_counter() - started)
            yield self._fall_back(text, context, exc.reason)
            return
        yield result

    def close(self) -> None:
        with self._lock:
            if self._client is not None:
                self._client.close()
                self._client = None

    # -- the call ---------------------------------------------------------------------------------

    def _get_client(self) -> openai.OpenAI:
        # One client for all turns: its connection pool is reused and it is thread-safe.
        with self._lock:
            if self._client is None:
                key = self.config.api_key.get_secret_value() if self.config.api_key else NO_KEY
                self._client = openai.OpenAI(
                    api_key=key,
                    # Explicit, so the SDK never picks up OPENAI_BASE_URL (the image backend's server).
                    base_url=self.config.base_url or OPENAI_BASE_URL,
                    timeout=self.config.timeout_s,
                    max_retries=self.config.max_retries,
                )
            return self._client

    def _ask(self, messages: list[dict]) -> Generator[str, None, Answer]:
        # No temperature or max_tokens: reasoning models reject them, and our own caps end long answers.
        try:
            stream = self._get_client().chat.completions.create(
                model=self.config.model, messages=messages, tools=[tool_definition()], stream=True)
        except Exception as exc:  # noqa: BLE001 - every failure is one reason, never its text
            raise Unusable(error_reason(exc)) from None
        answer = Answer()
        deadline = _now() + self.config.total_s
        with stream:  # closes the response when done, cut off, or when the consumer stops early
            try:
                for chunk in stream:
                    piece = answer.add(chunk)
                    if piece:
                        yield piece
                    if answer.full:
                        break
                    if _now() > deadline:
                        raise Unusable("timed out")
            except Unusable:
                raise
            except Exception as exc:  # noqa: BLE001
                raise Unusable(error_reason(exc)) from None
        return answer

    # -- the answer -------------------------------------------------------------------------------

    def _understand(self, answer: Answer, context: Context) -> Interpretation:
        if answer.refusal or answer.finish_reason == "content_filter":
            raise Unusable("it declined to answer")
        if answer.calls:
            return self._from_call(answer.calls[min(answer.calls)], context)
        reply = answer.reply()
        if not reply:
            raise Unusable("its answer was empty")
        return Interpretation(action=Chat(reply=reply), by=self.config.model)

    def _from_call(self, call: ToolCall, context: Context) -> Interpretation:
        if call.name != TOOL_NAME:
            raise Unusable("it called an unknown tool")
        if call.size > MAX_ARGS_CHARS:
            raise Unusable("its tool call was too long")
        try:
            args = json.loads("".join(call.arguments) or "{}")
        except ValueError:
            raise Unusable("its tool call was not valid JSON") from None
        action, translated = _unwrap(args)
        if dropped_subject(action, context) or any(dropped_subject(one, context) for one in _each_variant(action)):
            raise Unusable("its prompt dropped the subject")
        return Interpretation(action=action, by=self.config.model, translated=translated)

    def _fall_back(self, text: str, context: Context, reason: str) -> Interpretation:
        result = self.fallback.interpret(text, context)
        note = (f"The chat model ({self.config.model}) could not be used: {reason}; "
                f"the built-in rules understood this message.")
        return result.model_copy(update={"notes": (*result.notes, note)})


def _unwrap(args: Any) -> tuple[Action, bool]:
    """``{"action": {...}, "translated": bool}`` → the action. A flat action (the tag at the top,
    as small models sometimes send) is taken too; any other key fails, like an extra field."""
    if not isinstance(args, dict):
        raise Unusable("its tool call did not fit the action vocabulary")
    args = dict(args)
    translated = args.pop("translated", False)
    if "action" in args:
        if set(args) != {"action"}:
            raise Unusable("its tool call did not fit the action vocabulary")
        args = args["action"]
    if not isinstance(translated, bool):
        raise Unusable("its tool call did not fit the action vocabulary")
    try:
        return parse_action(args), translated
    except ValidationError:
        raise Unusable("its tool call did not fit the action vocabulary") from None


def _each_variant(action: Action) -> list[Edit]:
    """An edit's variants as the edits they draw (the shared ops and each its own, with its own prompt), so each
    prompt the chat model wrote is checked for the subject like any edit's."""
    if not isinstance(action, Edit):
        return []
    return [Edit(ops=(*action.ops, *v.ops), prompt=v.prompt) for v in action.variants if v.prompt and (action.ops or v.ops)]


def make_interpreter(config: Any, fallback: Interpreter) -> Interpreter:
    """The interpreter the app's Config asks for: the chat model over the rules, or the rules alone."""
    chat = ChatModelConfig.from_config(config)
    return ChatModelInterpreter(chat, fallback) if chat else fallback
