"""``POST /api/generate`` without HTTP: the chat's prompt engineering, then one queued job.

A request from a program gets what a chat message gets: the prompt engineered for the target
of the backend that will draw it, follow-ups read against the conversation when one is given,
and the turn recorded there (the job runner records the result when it ends).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

import prompts
from pipeline.errors import GenerationError
from pipeline.jobs import JobRunner
from pipeline.request import GenerationRequest
from pipeline.router import Router
from storage import Store
from web.api_errors import ApiError, not_found
from web.compose import compose
from web.api_schemas import GenerateBody

# An explicit "generate" is a request for a picture even when the words read like small talk.
CHAT_AS_IMAGE_WARNING = "This reads like a chat message rather than a picture; it was sent as typed."


@dataclass(frozen=True)
class Accepted:
    task_id: str
    backend: str
    model: str
    prompt: str
    prompt_sent: str
    negative_prompt: str
    style: str
    warnings: tuple[str, ...]
    changes: tuple[str, ...]
    conversation_id: str | None


class Generator:
    def __init__(self, store: Store, jobs: JobRunner, router: Router, *,
                 tokenizer: Callable[[], Any] = lambda: None):
        self.store = store
        self.jobs = jobs
        self.router = router
        self._tokenizer = tokenizer

    def start(self, body: GenerateBody, user: str | None, *, check_owner: bool) -> Accepted:
        """Engineer, submit and record; raises ApiError or GenerationError when refused."""
        conv_id = body.conversation_id
        earlier: list = []
        if conv_id is not None:
            conv = self.store.get_conversation(conv_id)
            if conv is None or (check_owner and conv.user != user):
                raise not_found("conversation")
            earlier = self.store.messages(conv_id)
            # Recorded first, as the chat does, so a refusal below is answered in the conversation too.
            self.store.add_message(conv_id, "user", body.prompt)
        try:
            return self._submit(body, user, earlier)
        except (GenerationError, prompts.PromptError) as exc:
            if conv_id is not None:
                message = exc.user_message if isinstance(exc, GenerationError) else str(exc)
                self.store.add_message(conv_id, "assistant", message,
                                       meta={"status": "rejected", "reason": getattr(exc, "reason", "prompt")})
            if isinstance(exc, prompts.PromptError):
                raise ApiError(422, str(exc), field="prompt") from None
            raise

    def _submit(self, body: GenerateBody, user: str | None, earlier: list) -> Accepted:
        draft = GenerationRequest(
            prompt="",
            backend=body.backend,
            model=body.model,
            width=body.width,
            height=body.height,
            steps=body.steps,
            guidance=body.guidance,
            seed=body.seed,
            quality=body.quality,
            conversation_id=body.conversation_id,
            user=user,
        )
        composed = compose(self.router, draft, body.prompt, earlier, style=body.style, enhance=body.enhance,
                           negative=body.negative_prompt, tokenizer=self._tokenizer,
                           small_talk_warning=CHAT_AS_IMAGE_WARNING)
        backend, engineered, request = composed.backend, composed.engineered, composed.request
        task_id = self.jobs.submit(request)
        return Accepted(
            task_id=task_id,
            backend=backend.name,
            model=backend.model_name(request),
            prompt=body.prompt,
            prompt_sent=engineered.prompt,
            negative_prompt=engineered.negative_prompt,
            style=engineered.style,
            warnings=request.warnings,
            changes=request.changes,
            conversation_id=body.conversation_id,
        )
