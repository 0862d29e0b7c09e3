"""The values that cross the storage seam: frozen records read back, what a caller passes in
to store an image, and the errors storage raises (each with a message fit for the chat)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import PurePath
from datetime import datetime
from typing import Any

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


# --- errors -------------------------------------------------------------------------------


class StorageError(Exception):
    """Base: ``user_message`` says what happened and what to do; never a stack trace."""

    def __init__(self, user_message: str):
        super().__init__(user_message)
        self.user_message = user_message


class DatabaseLocked(StorageError):
    """Another process holds the DuckDB file (DuckDB allows one writer process per file)."""

    def __init__(self, path: str, pid: int | None = None):
        holder = f"another imagechat or other process (PID {pid})" if pid else (
            "another imagechat or other process"
        )
        super().__init__(
            f'The database file "{path}" is in use by {holder}. '
            "Stop that process, or start imagechat with another --db file."
        )
        self.path = path
        self.pid = pid


class DatabaseNotWritable(StorageError):
    """The database's folder (or the file itself) cannot be written: read-only, or not permitted."""

    def __init__(self, path: str, folder: str, reason: str):
        super().__init__(
            f'imagechat cannot write to the folder "{folder}" of the database file '
            f'"{PurePath(path).name}" ({reason}). '
            "Make it writable, or start imagechat with --db in a folder it can write to."
        )
        self.path = path
        self.folder = folder


class InvalidValue(StorageError, ValueError):
    """A value cannot be stored as given; ``field`` names it."""

    def __init__(self, field: str, user_message: str):
        super().__init__(user_message)
        self.field = field


class NotFound(StorageError, LookupError):
    """A conversation, task or image id that is not in the database."""


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


@dataclass(frozen=True)
class ImageRecord:
    """An image's recipe and thumbnail. The full image is fetched on its own
    (``Store.image_bytes``) so that lists and galleries never carry it."""

    id: str
    sha256: str
    conversation_id: str | None
    task_id: str | None
    user: str | None
    created_at: datetime
    backend: str
    model: str
    prompt_typed: str
    prompt_sent: str
    negative_prompt: str
    style: str
    seed: int | None
    width: int
    height: int
    steps: int | None
    guidance: float | None
    timings: dict[str, Any]
    extra: dict[str, Any]
    mime: str
    bytes_len: int
    thumbnail_b64: str
    thumbnail_mime: str

    @property
    def thumbnail_data_url(self) -> str:
        return f"data:{self.thumbnail_mime};base64,{self.thumbnail_b64}"

    @property
    def recipe(self) -> dict[str, Any]:
        """The recipe in ``storage.pngtext``'s keys (``prompt`` is the prompt as sent)."""
        # the A1111 name when known; a class name only for images made before names were kept
        sampler = self.extra.get("sampler") or self.extra.get("scheduler")
        clip_skip = self.extra.get("clip_skip")
        return {
            "prompt": self.prompt_sent,
            "negative_prompt": self.negative_prompt,
            "steps": self.steps,
            "sampler": sampler if isinstance(sampler, str) else None,
            "guidance": self.guidance,
            "seed": self.seed,
            "width": self.width,
            "height": self.height,
            "model": self.model,
            "backend": self.backend,
            "style": self.style,
            "quality": self.extra.get("quality") if isinstance(self.extra.get("quality"), str)
            else None,
            "prompt_typed": self.prompt_typed,
            "clip_skip": clip_skip if isinstance(clip_skip, int) and not isinstance(clip_skip, bool) else None,
            "other": _edit_items(self.extra),
        }


def _edit_items(extra: dict[str, Any]) -> dict[str, Any]:
    """An edit's recipe in A1111's spelling where it has one ("Denoising strength")."""
    items = {"Denoising strength": extra.get("strength"), "Source image": extra.get("source_image_id"),
             "Mask image": extra.get("mask_image_id")}
    return {name: value for name, value in items.items() if value is not None}


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
    error: str | None

    @property
    def finished(self) -> bool:
        return self.status in TERMINAL_STATUSES


@dataclass(frozen=True)
class NewImage:
    """What a caller passes to ``Store.add_image``: the encoded image and its full recipe."""

    png: bytes  # the encoded image (PNG unless ``mime`` says otherwise)
    width: int
    height: int
    backend: str
    model: str
    mime: str = "image/png"
    prompt_typed: str = ""
    prompt_sent: str = ""
    negative_prompt: str = ""
    style: str = "none"
    seed: int | None = None
    steps: int | None = None
    guidance: float | None = None
    timings: dict[str, float] = field(default_factory=dict)
    extra: dict[str, Any] = field(default_factory=dict)
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
