"""The errors storage raises, each with a message fit for the chat (never a stack trace)."""

from __future__ import annotations

from pathlib import PurePath


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
