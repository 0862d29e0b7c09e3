"""``Store``: one database and its repositories, under the names the app has always called.

The work is done by ``storage.db.Database`` (the one owner of the DuckDB connection) and one
repository per aggregate: ``conversations``, ``messages``, ``scenes``, ``tasks``, ``images``, and
``exchange`` (exports and imports). A ``Store`` builds them over one database and forwards its
methods to them, each the repository's own bound method (same signature, same docstring), so
callers may use either spelling: ``store.add_message(...)`` or ``store.repos.messages.add(...)``.

Parameterized SQL only. Everything a person owns is looked up with their name in the SQL:
``user=None`` is the anonymous person (never "everyone"). Lookups by id also accept the default
``ANY_USER`` for callers that already know the id is theirs (the job runner).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from storage.conversations import TITLE_CHARS, Conversations, title_from  # noqa: F401 (re-exported)
from storage.db import Database
from storage.exchange import Exchange
from storage.images import Images
from storage.imaging import THUMBNAIL_PX, make_thumbnail, probe  # noqa: F401 (re-exported)
from storage.messages import Messages
from storage.records import ImportLimits
from storage.scenes import Scenes
from storage.tasks import Tasks
from storage.values import MAX_IMAGE_BYTES, MAX_TEXT_CHARS, new_id  # noqa: F401 (re-exported)


@dataclass(frozen=True)
class Repositories:
    conversations: Conversations
    messages: Messages
    scenes: Scenes
    tasks: Tasks
    images: Images
    exchange: Exchange

    @classmethod
    def over(cls, db: Database, limits: ImportLimits) -> "Repositories":
        images = Images(db)
        conversations = Conversations(db, images)
        return cls(conversations, Messages(db, conversations), Scenes(db), Tasks(db), images,
                   Exchange(db, images, limits))


class _Forward:
    """A Store attribute that is a repository's method: ``_Forward("tasks", "get")``."""

    def __init__(self, repository: str, method: str):
        self.repository = repository
        self.method = method

    def __get__(self, store: Any, owner: type | None = None) -> Any:
        if store is None:
            return self
        return getattr(getattr(store.repos, self.repository), self.method)


class Store:
    """``Store(path)`` opens (creating parent folders) and migrates; use as a context manager
    or call ``close()``. ``":memory:"`` gives a throwaway database."""

    def __init__(self, path: str | Path, *, import_limits: ImportLimits | None = None):
        self.import_limits = import_limits or ImportLimits()  # what one import may read
        self.db = Database(path)
        try:
            self.repos = Repositories.over(self.db, self.import_limits)
        except BaseException:
            self.db.close()
            raise

    @property
    def path(self) -> str:
        return self.db.path

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # conversations
    create_conversation = _Forward("conversations", "create")
    get_conversation = _Forward("conversations", "get")
    latest_conversation = _Forward("conversations", "latest")
    list_conversations = _Forward("conversations", "list")
    rename_conversation = _Forward("conversations", "rename")
    set_conversation_title = _Forward("conversations", "set_title")
    conversation_stamp = _Forward("conversations", "stamp")
    delete_conversation = _Forward("conversations", "delete")
    # messages
    add_message = _Forward("messages", "add")
    messages = _Forward("messages", "of")
    note_interrupted_tasks = _Forward("messages", "note_interrupted_tasks")
    # scenes
    add_scene = _Forward("scenes", "add")
    scenes = _Forward("scenes", "of")
    # tasks
    create_task = _Forward("tasks", "create")
    update_task = _Forward("tasks", "update")
    set_task = _Forward("tasks", "set")
    get_task = _Forward("tasks", "get")
    conversation_tasks = _Forward("tasks", "of_conversation")
    interrupt_unfinished = _Forward("tasks", "interrupt_unfinished")
    # images
    add_image = _Forward("images", "add")
    image_bytes = _Forward("images", "image_bytes")
    image_record = _Forward("images", "record")
    list_images = _Forward("images", "find")
    count_images = _Forward("images", "count")
    delete_image = _Forward("images", "delete")
    # exports and imports
    export_parquet = _Forward("exchange", "export_parquet")
    import_parquet = _Forward("exchange", "import_parquet")
    export_zip = _Forward("exchange", "export_zip")
    import_zip = _Forward("exchange", "import_zip")
    import_file = _Forward("exchange", "import_file")
