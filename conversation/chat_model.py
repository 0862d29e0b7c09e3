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
"""

from __future__ import annotations

import copy
import json
import logging
import re
import threading
import time
from dataclasses import dataclass, field
from typing import Any, Generator, Iterable, Iterator
from urllib.parse import urlsplit, urlunsplit

import openai
from pydantic import SecretStr, ValidationError

from conversation.actions import ACTION, Action, Branch, Chat, Edit, Remove, Replace, SetSubject, parse_action
from conversation.interpreter import Context, Interpretation, Interpreter, Picture, StreamItem

log = logging.getLogger(__name__)

OPENAI_BASE_URL = "https://api.openai.com/v1"
TOOL_NAME = "act"
MAX_REPLY_CHARS = 4000  # Chat.reply's own limit; a longer prose answer is cut and the stream closed
MAX_ARGS_CHARS = 64_000  # tool-call arguments beyond this are hostile or runaway: fall back
MAX_MESSAGE_CHARS = 20_000  # the turn validator's limit on what a person types
MAX_HISTORY = 8  # recent messages sent as context
MAX_HISTORY_CHARS = 1_500  # per message: old replies matter less than the scene
MAX_PICTURES = 12  # recipes listed (the latest ones; numbers kept)
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


# --- the tool's schema --------------------------------------------------------------------------


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


# --- the system prompt --------------------------------------------------------------------------

_VOCABULARY = """\
You are the assistant of imagechat, a chat where people describe a picture, get it drawn, and keep \
talking to change it. Decide what each message means and either call the tool `act` once, or answer in \
plain text.

Call `act` with one action:
- new: a new picture unrelated to the current one. `description`: what to draw, in English, without \
"draw me"/"can you make". `ops`: style, size, seed, negatives that came with it. A hand-written Stable \
Diffusion prompt (weights like (word:1.3), many comma tags): verbatim=true and description exactly as typed.
- edit: change the current picture; `ops` lists typed changes: add (a thing), remove (a thing), replace \
(old -> new: "make the dog a cat"), subject (a new main subject, rest kept), set (slot: setting, time, \
weather, season, lighting, mood, palette, framing, medium), style (a style id below, or "none"), size \
(aspect "16:9", "2:3" for portrait, "3:2" for landscape, "1:1" square; or width/height; scale 1.5 for \
bigger), seed (a number; null for a new random one), steps, guidance, camera (closer/wider/above/below/\
side/front/behind, `on`: what to zoom in on). Edits keep the seed unless the person asks for a new one.
- "no X", "without X", "remove X": a remove op (for Stable Diffusion it becomes the negative prompt).
- Aspect words (portrait, landscape, square, widescreen, "wider format") and flags like --ar 16:9 are \
size ops; --seed 1234 or "use seed 1234" is a seed op. Never put these words into a description or prompt.
- branch: edit an earlier picture ("take the second one and make it blue"): image = its number \
(negative counts from the end), ops as for edit.
- repeat: the same picture again with a new seed ("another one", "again"); count 1-4.
- undo: take back the last change ("undo", "go back"); steps = how many.
- revert: back to picture N ("the first one was better", "back to #2"): image = its number.
- question: a question about a picture (its seed, steps, prompt, model, size, style, what it shows, why \
it looks so): topic, image (null: the latest), answer (a short answer from the recipes below). Never drawn.
- help: how to use the app, which styles exist, what can be changed.
For new, edit and branch also write `prompt`: the image prompt for the target model below, keeping the \
subject and everything already in the scene unless the person changed it.

Answer in plain text, without calling `act`, for small talk, greetings, thanks, praise, "no"/"ok", \
and off-topic questions ("what is the capital of France?"). These are never drawn. Reply briefly, in \
the person's language.

A message not in English: understand it, write description, ops and prompt in English, and set \
translated=true."""


def _target_rules(context: Context) -> str:
    from prompts.targets import get_target  # pure, light; kept local so the module loads without it
    from prompts.errors import PromptError

    try:
        target = get_target(context.target)
        wording = target.wording
    except PromptError:
        wording = "tags" if context.english_only else "prose"
    label = context.target_label or context.target
    if wording == "tags":
        return (f"Target model: {label} ({context.target}), a Stable Diffusion model with a CLIP text encoder "
                "that reads English only and at most 75 tokens (about 50 words). Write `prompt` as short "
                "comma-separated tags, subject first, then setting, light, style. Negatives never go in it: "
                "use remove ops.")
    return (f"Target model: {label} ({context.target}), which reads prose and rewrites prompts itself. Write "
            "`prompt` as one or two plain sentences that say what the person asked for; no quality tags, "
            "no padding. Things to leave out are said in words (\"with no people\").")


def _styles_line() -> str:
    from prompts.styles import list_styles

    return "Style ids: " + ", ".join(list_styles()) + "."


def _scene_block(context: Context) -> str:
    if context.scene is None:
        return "Current scene: none yet (no picture drawn in this conversation)."
    scene = context.scene.model_dump(mode="json", exclude_defaults=True)
    return "Current scene (the latest picture, as JSON):\n" + json.dumps(scene, ensure_ascii=False)


def _recipe_line(p: Picture) -> str:
    parts = []
    if p.prompt_typed:
        parts.append(f"typed {_clip(p.prompt_typed, 200)!r}")
    if p.prompt_sent:
        parts.append(f"prompt sent {_clip(p.prompt_sent, 300)!r}")
    if p.negative_prompt:
        parts.append(f"negative {_clip(p.negative_prompt, 150)!r}")
    for name, value in (("seed", p.seed), ("steps", p.steps), ("guidance", p.guidance)):
        if value is not None:
            parts.append(f"{name} {value}")
    if p.width and p.height:
        parts.append(f"{p.width}x{p.height}")
    if p.backend or p.model:
        parts.append(f"{p.backend}/{p.model}".strip("/"))
    if p.style and p.style != "none":
        parts.append(f"style {p.style}")
    if p.seconds is not None:
        parts.append(f"took {p.seconds:.1f} s")
    return f"#{p.number}: " + (" · ".join(parts) or "(no recipe)")


def _pictures_block(context: Context) -> str:
    if not context.pictures:
        return "Pictures so far: none."
    shown = context.pictures[-MAX_PICTURES:]
    head = f"Pictures so far ({len(context.pictures)}, numbered from 1; the last is the latest):"
    return "\n".join([head, *(_recipe_line(p) for p in shown)])


def system_prompt(context: Context) -> str:
    undo = "" if context.can_undo else "\nThere is nothing to undo yet."
    return "\n\n".join([_VOCABULARY, _styles_line(), _target_rules(context),
                        _scene_block(context) + undo, _pictures_block(context)])


def build_messages(text: str, context: Context) -> list[dict]:
    """System prompt, a few recent messages, then the person's message."""
    messages: list[dict] = [{"role": "system", "content": system_prompt(context)}]
    history = list(context.history)
    if history and history[-1] == ("user", text):  # the message itself, already stored: not twice
        history.pop()
    for role, said in history[-MAX_HISTORY:]:
        if role in ("user", "assistant") and said:
            messages.append({"role": role, "content": _clip(said, MAX_HISTORY_CHARS)})
    messages.append({"role": "user", "content": _clip(text, MAX_MESSAGE_CHARS)})
    return messages


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


# --- the subject check --------------------------------------------------------------------------

# Words that say nothing about what is in the picture: a prompt keeping "photo" has not kept a cat.
_STOPWORDS = frozenset("""
a an the and or but of on in at to for from with without by into onto over under near next
is are was were be being it its this that these those some any very more most much many few
picture image photo photograph drawing painting illustration render shot view scene style
make made look looking like same new old big small
""".split())
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


def _stem(word: str) -> str:
    if len(word) > 4 and word.endswith("es") and not word.endswith("ses"):
        return word[:-2]
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def content_words(text: str) -> set[str]:
    """Lower-cased stems of the words that name things; short ASCII words and stopwords dropped
    (a non-ASCII word counts at any length: one CJK character can be the whole subject)."""
    words = (w.lower() for w in _WORD.findall(text or ""))
    return {_stem(w) for w in words if w not in _STOPWORDS and (len(w) >= 3 or not w.isascii())}


def drops_subject(subject: str, prompt: str, ops: Iterable[Any] = ()) -> bool:
    """True when ``prompt`` mentions none of the content words the subject should still have.

    The words expected: the subject's, less those the ops took out (remove X, replace X), plus what
    they put in (replace -> Y, a new subject). Nothing expected (no subject yet, or all of it
    replaced): nothing can be dropped."""
    expected = content_words(subject)
    for op in ops:
        if isinstance(op, SetSubject):
            expected = content_words(op.subject)
        elif isinstance(op, Replace):
            expected = (expected - content_words(op.old)) | content_words(op.new)
        elif isinstance(op, Remove):
            expected -= content_words(op.thing)
    if not expected:
        return False
    return not (expected & content_words(prompt))


def _dropped_subject(action: Action, context: Context) -> bool:
    if not isinstance(action, (Edit, Branch)) or not action.prompt:
        return False
    subject = context.scene.subject if context.scene else ""
    if isinstance(action, Branch):
        # The branched picture's own words count too: its subject may differ from the current one.
        picture = _picture(context, action.image)
        if picture is not None:
            subject = " ".join(filter(None, [subject, picture.prompt_typed, picture.prompt_sent]))
    return drops_subject(subject, action.prompt, action.ops)


def _picture(context: Context, number: int) -> Picture | None:
    if not context.pictures or number == 0:
        return None
    if number < 0:
        index = len(context.pictures) + number
        return context.pictures[index] if 0 <= index < len(context.pictures) else None
    return next((p for p in context.pictures if p.number == number), None)


# --- reading a streamed answer ------------------------------------------------------------------


class Unusable(Exception):
    """The chat model's answer cannot be used; ``reason`` is short, ours, and safe to show."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass
class _Call:
    name: str = ""
    arguments: list[str] = field(default_factory=list)
    size: int = 0


@dataclass
class _Answer:
    """A streamed answer put back together."""

    text: list[str] = field(default_factory=list)
    text_len: int = 0
    truncated: bool = False
    refusal: list[str] = field(default_factory=list)
    calls: dict[int, _Call] = field(default_factory=dict)
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
        call = self.calls.setdefault(index, _Call())
        if function is None:
            return
        name = function.name or ""
        # Most servers send the name once; some repeat it whole in every piece.
        if name and name != call.name:
            call.name += name
        if function.arguments:
            call.arguments.append(function.arguments)
            call.size += len(function.arguments)


def _reason(exc: BaseException) -> str:
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

    def _ask(self, messages: list[dict]) -> Generator[str, None, _Answer]:
        # No temperature or max_tokens: reasoning models reject them, and our own caps end long answers.
        try:
            stream = self._get_client().chat.completions.create(
                model=self.config.model, messages=messages, tools=[tool_definition()], stream=True)
        except Exception as exc:  # noqa: BLE001 - every failure is one reason, never its text
            raise Unusable(_reason(exc)) from None
        answer = _Answer()
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
                raise Unusable(_reason(exc)) from None
        return answer

    # -- the answer -------------------------------------------------------------------------------

    def _understand(self, answer: _Answer, context: Context) -> Interpretation:
        if answer.refusal or answer.finish_reason == "content_filter":
            raise Unusable("it declined to answer")
        if answer.calls:
            return self._from_call(answer.calls[min(answer.calls)], context)
        reply = answer.reply()
        if not reply:
            raise Unusable("its answer was empty")
        return Interpretation(action=Chat(reply=reply), by=self.config.model)

    def _from_call(self, call: _Call, context: Context) -> Interpretation:
        if call.name != TOOL_NAME:
            raise Unusable("it called an unknown tool")
        if call.size > MAX_ARGS_CHARS:
            raise Unusable("its tool call was too long")
        try:
            args = json.loads("".join(call.arguments) or "{}")
        except ValueError:
            raise Unusable("its tool call was not valid JSON") from None
        action, translated = _unwrap(args)
        if _dropped_subject(action, context):
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


def make_interpreter(config: Any, fallback: Interpreter) -> Interpreter:
    """The interpreter the app's Config asks for: the chat model over the rules, or the rules alone."""
    chat = ChatModelConfig.from_config(config)
    return ChatModelInterpreter(chat, fallback) if chat else fallback
