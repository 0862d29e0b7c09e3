"""``POST /api/generate`` without HTTP: the same turn the chat takes, made to draw.

A request from a program gets what a chat message gets (:class:`conversation.service.TurnService`):
the prompt written for the model that will draw it, follow-ups read against the conversation when
one is given, and the turn recorded there. Unlike a chat message it always draws: words that read
like small talk are drawn as typed, with a warning, and a refusal is an HTTP error, not a reply.
"""

from __future__ import annotations

from dataclasses import dataclass

from conversation.message_text import mend
from conversation.service import TurnService
from conversation.turn_input import TurnRefused, TurnSettings
from pipeline import zerogpu
from prompts.errors import PromptError
from storage import Store
from web.api_errors import ApiError, from_turn_refused, not_found
from web.api_schemas import GenerateBody
from web.picture_input import attach_from_api


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
    source_image_id: str | None = None
    strength: float | None = None


class Generator:
    def __init__(self, store: Store, turns: TurnService):
        self.store = store
        self.turns = turns

    def start(self, body: GenerateBody, user: str | None, *, check_owner: bool, http_request=None) -> Accepted:
        """Interpret, submit and record; raises ApiError or GenerationError when refused."""
        conv_id = body.conversation_id
        if conv_id is not None:
            conv = self.store.get_conversation(conv_id)
            if conv is None or (check_owner and conv.user != user):
                raise not_found("conversation")
        try:
            attached = attach_from_api(self.turns, user, conv_id, init_image=body.init_image, image_id=body.image_id,
                                       mask=body.mask)
            settings = TurnSettings.checked(
                backend=body.backend, style=body.style, enhance=body.enhance, width=body.width, height=body.height,
                steps=body.steps, guidance=body.guidance, seed=body.seed, negative_prompt=body.negative_prompt,
                quality=body.quality, model=body.model, openai_style=body.openai_style,
                background=body.background, output_format=body.output_format,
                output_compression=body.output_compression, sampler=body.sampler, clip_skip=body.clip_skip,
                image_id=attached.image_id, mask_id=attached.mask_id, strength=body.strength)
            with zerogpu.bind_http_request(http_request):
                turn = self.turns.start_turn(user, conv_id, body.prompt, settings, must_draw=True)
        except TurnRefused as exc:
            raise from_turn_refused(exc, text_field="prompt") from None
        except PromptError as exc:
            raise ApiError(422, str(exc), field="prompt") from None
        task = turn.tasks[0]
        return Accepted(
            task_id=task.task_id,
            backend=task.backend,
            model=task.model,
            prompt=mend(body.prompt)[0],  # as the turn took it: a lone surrogate cannot be sent back as JSON
            prompt_sent=task.prompt_sent,
            negative_prompt=task.negative_prompt,
            style=task.style,
            warnings=tuple(task.warnings),
            changes=tuple(task.changes),
            conversation_id=conv_id,
            source_image_id=task.source_image_id,
            strength=task.strength,
        )
