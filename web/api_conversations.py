"""Routes for conversations, so a program can make follow-ups ("now at night") as the chat does."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

from storage import Store
from web.api_auth import Authenticator
from web.api_errors import ApiRoute, not_found
from web.api_schemas import ConversationCreated, ConversationView, ErrorBody, MessageView


def conversations_router(auth: Authenticator, store: Store) -> APIRouter:
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

    return router
