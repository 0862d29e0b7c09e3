"""From a message and its conversation to the request a backend will run: one step shared by the
chat and the HTTP API (pick the backend, engineer the prompt for it, apply the seed policy)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Sequence

import prompts
from pipeline.backends.base import Backend
from pipeline.request import GenerationRequest
from pipeline.router import Router
from storage import MessageRecord
from web import history


@dataclass(frozen=True)
class Composed:
    backend: Backend
    engineered: prompts.EngineeredPrompt
    request: GenerationRequest | None  # None: the message was small talk and gets a text reply


def compose(
    router: Router,
    draft: GenerationRequest,
    text: str,
    earlier: Sequence[MessageRecord],
    *,
    style: str,
    enhance: bool,
    negative: str,
    tokenizer: Callable[[], Any],
    llm: prompts.LLMConfig | None = None,
    warnings: Sequence[str] = (),
    small_talk_warning: str | None = None,
) -> Composed:
    """``draft`` carries the settings (prompt empty); ``earlier`` the conversation before ``text``,
    read once by the caller. Small talk ("hi") yields no request, unless ``small_talk_warning`` is
    given: then it is drawn as typed, with that warning."""
    backend = router.pick(draft)
    options = dict(
        style=style,
        target=prompts.target_for(backend.name, backend.model_name(draft)),
        negative=negative,
        seed=draft.seed,
        tokenizer=tokenizer() if backend.name == "local" else None,
        llm=llm,
    )
    turns = history.turns_from_messages(earlier)
    engineered = prompts.engineer(text, turns, enhance=enhance, **options)
    warnings = tuple(warnings)
    if engineered.intent == "chat":
        if small_talk_warning is None:
            return Composed(backend, engineered, None)
        engineered = prompts.engineer(text, turns, enhance=False, **options)
        warnings += (small_talk_warning,)
    seed = draft.seed
    if engineered.seed_policy == "same" and seed is None:
        seed = history.last_seed(earlier)
    request = draft.with_(
        prompt=engineered.prompt,
        prompt_typed=text,
        negative_prompt=engineered.negative_prompt,
        style=engineered.style,
        seed=seed,
        warnings=warnings + tuple(engineered.warnings),
        changes=tuple(engineered.changes),
    )
    return Composed(backend, engineered, request)
