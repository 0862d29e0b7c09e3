"""Embedded DuckDB storage: conversations, messages, scenes, tasks and images (as Base64).

``storage.db`` owns the connection; one repository per aggregate (``conversations``, ``messages``,
``scenes``, ``tasks``, ``images``, and ``exchange`` for exports and imports) works through it;
``Store`` puts them together. ``storage.recipe`` is the one Recipe of a picture. Knows nothing of
generation: callers pass plain values and get frozen records back.
"""

from storage.records import (
    ANY_USER,
    ConversationRecord,
    DatabaseLocked,
    DatabaseNotWritable,
    ImageRecord,
    ImportLimits,
    ImportNotApplied,
    ImportResult,
    ImportSkip,
    InvalidValue,
    MessageRecord,
    NewImage,
    NotFound,
    SceneRow,
    StorageError,
    TaskRecord,
)
from storage.db import Database
from storage.recipe import Options, Recipe, Settings
from storage.store import Store

__all__ = [
    "ANY_USER",
    "ConversationRecord",
    "Database",
    "DatabaseLocked",
    "DatabaseNotWritable",
    "ImageRecord",
    "ImportLimits",
    "ImportNotApplied",
    "ImportResult",
    "ImportSkip",
    "InvalidValue",
    "MessageRecord",
    "NewImage",
    "NotFound",
    "Options",
    "Recipe",
    "SceneRow",
    "Settings",
    "StorageError",
    "Store",
    "TaskRecord",
]
