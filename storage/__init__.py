"""Embedded DuckDB storage: conversations, messages, tasks and images (as Base64).

Knows nothing of generation: callers pass plain values and get frozen records back.
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
from storage.store import Store

__all__ = [
    "ANY_USER",
    "ConversationRecord",
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
    "SceneRow",
    "StorageError",
    "Store",
    "TaskRecord",
]
