"""Before DuckDB opens a file: its folder exists and can be written.

DuckDB writes a ``.wal`` file beside the database at the first change. With the folder read-only
an existing file still opens, and the first message a person sends fails instead; a new file
fails with DuckDB's own wording. Checking by writing a probe file (not ``os.access``, which says
yes to root whatever the mount or attributes say) turns each case into one line naming the folder.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from storage.records import DatabaseNotWritable


def prepare_folder(path: Path) -> None:
    """Create the database's folder if needed and check that the folder and the file (if there
    is one) can be written; DatabaseNotWritable, naming the folder, if not."""
    folder = path.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=folder, prefix=".imagechat-write-check-"):
            pass
        if path.exists():
            os.close(os.open(path, os.O_RDWR))
    except OSError as exc:  # read-only, not permitted, a file where a folder should be, a full disk
        raise DatabaseNotWritable(str(path), str(folder), exc.strerror or type(exc).__name__) from None
