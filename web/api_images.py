"""Routes for stored images: the gallery as JSON (recipes and thumbnails) and one image's bytes."""

from __future__ import annotations

from datetime import datetime

from fastapi import APIRouter, Query, Request, Response

from storage.foreign import carries_foreign_recipe
from storage.pngtext import embed_parameters, recipe_to_parameters
from storage import ImageRecord, Store
from web.api_auth import Authenticator
from web.api_errors import ApiRoute, not_found
from web.api_schemas import ErrorBody, ImageItem, ImagePage

MAX_PAGE = 100  # a gallery page carries thumbnails only, but still: bounded
DEFAULT_PAGE = 24
_EXTENSIONS = {"image/png": "png", "image/jpeg": "jpg", "image/webp": "webp"}


def images_router(auth: Authenticator, store: Store) -> APIRouter:
    router = APIRouter(prefix="/api", route_class=ApiRoute, tags=["images"])

    @router.get("/images", response_model=ImagePage, summary="Your images, newest first",
                description="Recipes and thumbnails, never the full images (fetch those from `image_url`). "
                            "`q` searches the prompts; `limit` is capped at 100.",
                responses={401: {"model": ErrorBody}})
    def list_images(
        request: Request,
        q: str | None = Query(None, max_length=500,
                              description="Words (or a \"quoted phrase\") in the prompt as typed or as sent; "
                                          "digits also match a seed."),
        limit: int = Query(DEFAULT_PAGE, ge=1),
        offset: int = Query(0, ge=0),
        backend: str | None = Query(None, max_length=200),
        model: str | None = Query(None, max_length=1000),
        style: str | None = Query(None, max_length=200),
        since: datetime | None = Query(None, description="Only images made at or after this time (ISO 8601)."),
        until: datetime | None = Query(None, description="Only images made before this time (ISO 8601)."),
        conversation_id: str | None = Query(None, max_length=200, description="Only this conversation's images."),
    ) -> ImagePage:
        user = auth.require(request)
        limit = min(limit, MAX_PAGE)
        filters = {"q": q, "backend": backend, "model": model, "style": style, "since": since, "until": until,
                   "conversation_id": conversation_id}
        # Without a login the store keeps images under no user, which is what ``user`` is then.
        records = store.list_images(user, limit=limit, offset=offset, **filters)
        total = store.count_images(user, **filters)
        return ImagePage(items=[_item(request, r) for r in records], total=total, limit=limit, offset=offset)

    @router.get("/images/{image_id}", name="get_image", summary="The image itself",
                description="The stored image as it was made. `download=true` asks the browser to save it.",
                responses={200: {"content": {"image/png": {}}}, 304: {"description": "Not modified (ETag)."},
                           404: {"model": ErrorBody}, 401: {"model": ErrorBody}})
    def get_image(image_id: str, request: Request, download: bool = False) -> Response:
        user = auth.require(request)
        record = store.image_record(image_id)
        if record is None or not auth.can_see(record.user, user):
            raise not_found("image")
        found = store.image_bytes(image_id)
        if found is None:
            raise not_found("image")
        data, mime = found
        if mime == "image/png" and not carries_foreign_recipe(data):
            # The recipe travels with the file, in the "parameters" text chunk other tools read.
            # A picture imported from another tool is served as it came, its chunks byte for byte.
            data = embed_parameters(data, recipe_to_parameters(record.recipe))
        etag = f'"{record.sha256}"'
        if request.headers.get("if-none-match") == etag:
            return Response(status_code=304, headers={"ETag": etag})
        filename = f"imagechat-{image_id[:12]}.{_EXTENSIONS.get(mime, 'png')}"
        return Response(
            data,
            media_type=mime,
            headers={
                # An image id never changes content; private: it may belong to a logged-in user.
                "Cache-Control": "private, max-age=31536000, immutable",
                "ETag": etag,
                "Content-Disposition": f'{"attachment" if download else "inline"}; filename="{filename}"',
            },
        )

    return router


def _item(request: Request, r: ImageRecord) -> ImageItem:
    url = str(request.url_for("get_image", image_id=r.id))
    return ImageItem(
        id=r.id, created_at=r.created_at, backend=r.backend, model=r.model, prompt=r.prompt_typed,
        prompt_sent=r.prompt_sent, negative_prompt=r.negative_prompt, style=r.style, seed=r.seed,
        width=r.width, height=r.height, steps=r.steps, guidance=r.guidance, timings=r.timings, extra=r.extra,
        conversation_id=r.conversation_id, task_id=r.task_id, mime=r.mime, bytes=r.bytes_len, sha256=r.sha256,
        thumbnail=r.thumbnail_data_url, image_url=url, download_url=url + "?download=1",
    )
