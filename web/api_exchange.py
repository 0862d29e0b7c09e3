"""Export a person's images (all, or a search result) and import them back, through the store."""

from __future__ import annotations

import os
import shutil
import tempfile
from datetime import datetime
from typing import Literal

from fastapi import APIRouter, Query, Request, UploadFile
from fastapi.responses import FileResponse
from starlette.background import BackgroundTask

from storage import ImportResult, StorageError, Store
from web.api_auth import Authenticator
from web.api_errors import ApiError, ApiRoute
from web.api_schemas import ErrorBody

_MEDIA = {"zip": "application/zip", "parquet": "application/vnd.apache.parquet"}
MAX_IMPORT_BYTES = 4 * 1024**3  # bounded: an upload is spooled to disk before the store reads it


def exchange_router(auth: Authenticator, store: Store) -> APIRouter:
    router = APIRouter(prefix="/api", route_class=ApiRoute, tags=["export and import"])

    @router.get("/export", summary="Your images as a zip of PNGs or a Parquet file",
                description="A zip holds PNGs whose `parameters` text chunk carries each recipe (other Stable "
                            "Diffusion tools read it) plus `recipes.json`; Parquet holds the full images and "
                            "recipes in columns. The filters are those of `GET /api/images`.",
                responses={200: {"content": {_MEDIA["zip"]: {}, _MEDIA["parquet"]: {}}}, 401: {"model": ErrorBody}})
    def export(
        request: Request,
        format: Literal["zip", "parquet"] = "zip",
        q: str | None = Query(None, max_length=500),
        backend: str | None = Query(None, max_length=200),
        model: str | None = Query(None, max_length=1000),
        style: str | None = Query(None, max_length=200),
        since: datetime | None = None,
        until: datetime | None = None,
        conversation_id: str | None = Query(None, max_length=200),
    ) -> FileResponse:
        user = auth.require(request)
        filters = {"q": q, "backend": backend, "model": model, "style": style, "since": since, "until": until,
                   "conversation_id": conversation_id}
        folder = tempfile.mkdtemp(prefix="imagechat-export-")
        path = os.path.join(folder, f"imagechat-images.{format}")
        try:
            writer = store.export_zip if format == "zip" else store.export_parquet
            count = writer(path, user, **filters)
        except Exception:
            shutil.rmtree(folder, ignore_errors=True)
            raise
        return FileResponse(path, media_type=_MEDIA[format], filename=os.path.basename(path),
                            headers={"X-Image-Count": str(count), "Cache-Control": "private, no-store"},
                            background=BackgroundTask(shutil.rmtree, folder, True))

    @router.post("/import", summary="Add images from an export (zip or Parquet) to yours",
                 description="Images you already have (same bytes) are skipped, so importing twice adds nothing. "
                             "A zip of pictures from other tools works too (A1111, ComfyUI, Fooocus, InvokeAI, NovelAI; "
                             "PNG, JPEG, WebP): their metadata becomes the recipe, and `not_applied` lists, by "
                             "file, what it says that imagechat cannot apply. `skipped` names each file not "
                             "imported and why.",
                 responses={401: {"model": ErrorBody}, 422: {"model": ErrorBody}})
    def import_(request: Request, file: UploadFile) -> dict:
        user = auth.require(request)
        return import_upload(store, file.file, user)

    return router


def import_upload(store: Store, source, user: str | None) -> dict:
    """Spool an uploaded file object to disk (bounded) and import it for ``user``."""
    with tempfile.NamedTemporaryFile(prefix="imagechat-import-", delete=True) as spool:
        written = 0
        while chunk := source.read(1024 * 1024):
            written += len(chunk)
            if written > MAX_IMPORT_BYTES:
                raise ApiError(413, f"The file is larger than {MAX_IMPORT_BYTES // 1024**3} GB.", field="file")
            spool.write(chunk)
        spool.flush()
        try:
            result = store.import_file(spool.name, user)
        except StorageError as exc:
            raise ApiError(422, exc.user_message, field="file") from exc
    return import_summary(result)


def import_summary(result: ImportResult) -> dict:
    """The answer to an import: counts, each skipped file with why, and for each picture from
    another tool what its recipe says that imagechat cannot apply."""
    return {"added": result.added, "skipped_duplicates": result.skipped_duplicates,
            "skipped_unreadable": result.skipped_unreadable,
            "skipped": [{"file": s.file, "reason": s.reason} for s in result.skipped],
            "not_applied": [{"file": n.file, "tool": n.tool, "items": list(n.items)} for n in result.not_applied]}
