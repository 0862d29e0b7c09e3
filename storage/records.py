"""The values that cross the storage seam: frozen records read back, what a caller passes in
to store an image, and the errors storage raises (each with a message fit for the chat)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from storage.errors import (  # noqa: F401 (re-exported: the errors cross the seam too)
    DatabaseLocked,
    DatabaseNotWritable,
    InvalidValue,
    NotFound,
    StorageError,
)
from storage.recipe import Recipe

ROLES = ("user", "assistant")
# The backend named on a picture someone gave (to edit, or a mask): an image like the others, stored
# once by content, but not one the app made, so galleries and exports leave it out unless asked.
UPLOAD_BACKEND = "upload"


class _AnyUser:
    """The default ``user`` of lookups that may skip the ownership check (internal callers
    that already know the id is theirs). ``None`` is a user: the anonymous one."""

    _instance: "_AnyUser | None" = None

    def __new__(cls) -> "_AnyUser":
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "ANY_USER"

    def __reduce__(self) -> str:
        return "ANY_USER"


ANY_USER: Any = _AnyUser()
TASK_STATUSES = ("queued", "running", "succeeded", "failed", "cancelled", "interrupted")
TERMINAL_STATUSES = ("succeeded", "failed", "cancelled", "interrupted")


# --- records --------------------------------------------------------------------------------
# Timestamps are timezone-aware UTC datetimes. Dict fields hold decoded JSON.


@dataclass(frozen=True)
class ConversationRecord:
    id: str
    user: str | None
    title: str
    created_at: datetime
    updated_at: datetime
    image_count: int = 0  # images made in this conversation
    thumbnail_b64: str | None = None  # the first of them, for a list of conversations
    thumbnail_mime: str | None = None

    @property
    def thumbnail_data_url(self) -> str | None:
        if self.thumbnail_b64 is None:
            return None
        return f"data:{self.thumbnail_mime};base64,{self.thumbnail_b64}"


@dataclass(frozen=True, kw_only=True)
class ImageRecord(Recipe):
    """An image's recipe and thumbnail. The full image is fetched on its own
    (``Store.image_bytes``) so that lists and galleries never carry it."""

    id: str
    sha256: str
    conversation_id: str | None
    task_id: str | None
    user: str | None
    created_at: datetime
    mime: str
    bytes_len: int
    thumbnail_b64: str
    thumbnail_mime: str

    @property
    def thumbnail_data_url(self) -> str:
        return f"data:{self.thumbnail_mime};base64,{self.thumbnail_b64}"


@dataclass(frozen=True)
class MessageRecord:
    id: str
    conversation_id: str
    role: str  # "user" | "assistant"
    content: str
    image_id: str | None
    task_id: str | None
    meta: dict[str, Any]
    created_at: datetime
    seq: int  # 1, 2, 3 ... within the conversation: the order messages were added
    image: ImageRecord | None = None  # joined when image_id is set (thumbnail + recipe)

    @property
    def image_deleted(self) -> bool:
        """The message showed an image that has since been deleted: say so in its place."""
        return self.image_id is not None and self.image is None


@dataclass(frozen=True)
class TaskRecord:
    id: str
    conversation_id: str | None
    user: str | None
    status: str  # one of TASK_STATUSES
    request: dict[str, Any]
    created_at: datetime
    started_at: datetime | None
    finished_at: datetime | None
    step: int | None
    total: int | None
    image_id: str | None
    error: str | None  # why it failed or was interrupted, for people
    reason: str | None = None  # the same as a short machine-readable code ("content_policy", "oom", ...)

    @property
    def finished(self) -> bool:
        return self.status in TERMINAL_STATUSES


@dataclass(frozen=True, kw_only=True)
class NewImage(Recipe):
    """What a caller passes to ``Store.add_image``: the encoded image, its full recipe and where
    it belongs."""

    png: bytes  # the encoded image (PNG unless ``mime`` says otherwise)
    mime: str = "image/png"
    conversation_id: str | None = None
    task_id: str | None = None
    user: str | None = None


@dataclass(frozen=True)
class ImportResult:
    """What an import did. Duplicates are pictures this user already has (the same bytes
    from the same moment, e.g. the same export imported twice); they are skipped, not stored
    twice. Unreadable entries (damaged or not images) are skipped and counted."""

    added: int
    skipped_duplicates: int
    skipped_unreadable: int = 0
    # By file name, for the person: why each unreadable entry was skipped, and what each
    # imported recipe from another tool says that imagechat cannot apply. Left out of ==, so
    # a result still compares by its counts.
    skipped: tuple["ImportSkip", ...] = field(default=(), compare=False)
    not_applied: tuple["ImportNotApplied", ...] = field(default=(), compare=False)


@dataclass(frozen=True)
class ImportSkip:
    file: str
    reason: str


@dataclass(frozen=True)
class ImportNotApplied:
    file: str
    tool: str  # the tool that wrote the recipe
    items: tuple[str, ...]


@dataclass(frozen=True)
class ImportLimits:
    """What one import may read, checked before reading it (a zip is small on the wire but may
    unpack to far more). A ``recipes.json`` may hold ``recipes_base_bytes`` plus
    ``recipes_bytes_per_image`` for each picture in the zip, never over ``max_recipes_bytes``: an
    export writes about 2 kB a picture, so a big one means a hostile or damaged file. A picture
    over ``max_image_pixels`` is skipped by name before its pixels are decoded."""

    recipes_base_bytes: int = 1024 * 1024
    recipes_bytes_per_image: int = 64 * 1024
    max_recipes_bytes: int = 256 * 1024 * 1024
    max_image_pixels: int = 8192 * 8192

    def recipes_limit(self, images: int) -> int:
        return min(self.max_recipes_bytes, self.recipes_base_bytes + self.recipes_bytes_per_image * images)


@dataclass(frozen=True)
class SceneRow:
    """A stored scene: the structured state of one picture of a conversation (JSON as a dict;
    the conversation layer gives it its type)."""

    id: str
    conversation_id: str
    seq: int
    parent_id: str | None
    intent: str
    scene: dict[str, Any]
    prompt: str
    negative_prompt: str
    message_id: str | None
    task_ids: tuple[str, ...]
    image_number: int | None
