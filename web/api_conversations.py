"""Routes for conversations, so a program can make follow-ups ("now at night") as the chat does."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from conversation.service import TurnService
from conversation.turn_input import MAX_MESSAGE_CHARS, TurnRefused, TurnSettings
from conversation.turn_result import TaskInfo
from pipeline import zerogpu
from pipeline.backends.registry import AUTO
from pipeline.errors import GenerationError
from storage import Store
from web.api_auth import Authenticator
from web.api_errors import ApiRoute, from_generation_error, from_turn_refused, not_found
from web.api_tasks import task_urls
from web.picture_input import attach_from_api
from web.api_schemas import (
    BackendChoice,
    ConversationCreated,
    ConversationView,
    ErrorBody,
    MessageView,
    ValidationErrorBody,
)


class TurnBody(TurnSettings):
    """One message of a conversation, with the settings that may come with it (the chat's own
    validator, :class:`~conversation.turn_input.TurnSettings`, plus the text)."""

    text: str = Field(max_length=MAX_MESSAGE_CHARS, description="What the person says: a picture, a change "
                      "(“now at night”), a question (“what seed was that?”) or small talk.",
                      examples=["a lighthouse on a cliff at dusk"])
    backend: BackendChoice = AUTO
    init_image: str | None = Field(None, description="A picture to start from, Base64 (PNG, JPEG or WebP; a "
                                   "data: URL is fine). Or name one of your images with `image_id`.")
    mask: str | None = Field(None, description="Base64 PNG the size of the picture: white = redo, black = keep.")

    def settings(self, **pictures: str | None) -> TurnSettings:
        values = self.model_dump(exclude={"text", "init_image", "mask"})
        return TurnSettings(**{**values, **{k: v for k, v in pictures.items() if v is not None}})


class TurnTask(TaskInfo):
    """One image of a turn: the task's recipe and where to follow it (as /api/generate answers)."""

    status_url: str
    events_url: str
    ws_url: str


class TurnView(BaseModel):
    message_id: str
    conversation_id: str
    intent: str = Field(description="new, edit, repeat, undo, revert, branch, question, chat or help")
    reply: str | None = Field(description="Markdown when the turn is answered in text; null when it draws.")
    understood: str = Field(description="What was understood, in one line: `edit · + at night · seed kept · 768×512`.")
    by: str = Field(description="Who understood it: `rules`, or the chat model's name.")
    notes: list[str]
    tasks: list[TurnTask] = Field(description="One per image; empty when nothing is drawn.")


def conversations_router(auth: Authenticator, store: Store, turns: TurnService) -> APIRouter:
    router = APIRouter(prefix="/api", route_class=ApiRoute, tags=["conversations"])

    @router.post("/conversations", status_code=201, response_model=ConversationCreated,
                 summary="Start a conversation",
                 description="Pass its id as `conversation_id` to /api/generate: each request is then a turn, "
                             "and a follow-up such as “now at night” changes the previous picture.",
                 responses={401: {"model": ErrorBody}})
    def create_conversation(request: Request) -> JSONResponse:
        user = auth.require(request)
        conv_id = store.create_conversation(user=user)
        url = str(request.url_for("get_conversation", conversation_id=conv_id))
        return JSONResponse({"conversation_id": conv_id}, status_code=201, headers={"Location": url})

    @router.get("/conversations/{conversation_id}", response_model=ConversationView, name="get_conversation",
                summary="A conversation's messages", responses={404: {"model": ErrorBody}, 401: {"model": ErrorBody}})
    def get_conversation(conversation_id: str, request: Request) -> ConversationView:
        user = auth.require(request)
        conv = store.get_conversation(conversation_id)
        if conv is None or not auth.can_see(conv.user, user):
            raise not_found("conversation")
        messages = [
            MessageView(
                role=m.role, content=m.content, image_id=m.image_id, task_id=m.task_id, created_at=m.created_at,
                image_url=str(request.url_for("get_image", image_id=m.image_id)) if m.image_id else None,
            )
            for m in store.messages(conversation_id)
        ]
        return ConversationView(conversation_id=conv.id, title=conv.title, messages=messages)

    @router.post("/conversations/{conversation_id}/messages", response_model=TurnView, name="post_message",
                 summary="Say something in a conversation",
                 description="The same turn the chat takes: the message is understood as a new picture, an edit "
                             "of the current one (the seed is kept), a repeat, undo, revert or branch — each "
                             "queued as tasks to follow like /api/generate's — or a question, small talk or "
                             "help, answered in `reply` with no task.",
                 responses={404: {"model": ErrorBody}, 401: {"model": ErrorBody},
                            422: {"model": ValidationErrorBody}, 429: {"model": ErrorBody},
                            503: {"model": ErrorBody}})
    def post_message(conversation_id: str, body: TurnBody, request: Request) -> JSONResponse:
        user = auth.require(request)
        conv = store.get_conversation(conversation_id)
        if conv is None or not auth.can_see(conv.user, user):
            raise not_found("conversation")
        attached = attach_from_api(turns, conv.user, conversation_id, init_image=body.init_image,
                                   image_id=body.image_id, mask=body.mask)
        try:
            with zerogpu.bind_http_request(request):
                turn = turns.start_turn(conv.user, conversation_id, body.text,
                                        body.settings(image_id=attached.image_id, mask_id=attached.mask_id))
        except TurnRefused as exc:
            raise from_turn_refused(exc) from None
        except GenerationError as exc:
            raise from_generation_error(exc) from None
        tasks = [TurnTask(**t.model_dump(), **task_urls(request, t.task_id)) for t in turn.tasks]
        view = TurnView(**turn.model_dump(exclude={"tasks", "refused"}), tasks=tasks)
        return JSONResponse(view.model_dump(mode="json"), status_code=200)

    return router
