"""Schema migrations: an ordered list, each applied once and recorded in ``_migrations``.

Append new migrations at the end; never edit or reorder one that has shipped, since files
in the wild have already recorded it by name.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Callable, Sequence

import duckdb

from storage.records import StorageError


@dataclass(frozen=True)
class Migration:
    name: str
    apply: str | Callable[[duckdb.DuckDBPyConnection], None]  # SQL (may hold several statements)


# No FOREIGN KEY constraints: DuckDB cannot cascade deletes and enforces them with extra
# indexes on every write; the store checks parent ids itself and names what is missing.
_INITIAL = """
CREATE TABLE conversations (
    id          VARCHAR PRIMARY KEY,
    "user"      VARCHAR,
    title       VARCHAR NOT NULL DEFAULT '',
    created_at  TIMESTAMP NOT NULL,          -- UTC
    updated_at  TIMESTAMP NOT NULL           -- UTC; bumped by every new message
);

CREATE TABLE messages (
    id              VARCHAR PRIMARY KEY,
    conversation_id VARCHAR NOT NULL,
    seq             BIGINT NOT NULL,         -- 1, 2, 3 ... within the conversation
    role            VARCHAR NOT NULL CHECK (role IN ('user', 'assistant')),
    content         VARCHAR NOT NULL,
    image_id        VARCHAR,
    task_id         VARCHAR,
    meta            JSON NOT NULL DEFAULT '{}',
    created_at      TIMESTAMP NOT NULL
);

CREATE TABLE tasks (
    id              VARCHAR PRIMARY KEY,
    conversation_id VARCHAR,
    "user"          VARCHAR,
    status          VARCHAR NOT NULL CHECK (status IN
                        ('queued', 'running', 'succeeded', 'failed', 'cancelled', 'interrupted')),
    request         JSON NOT NULL,
    created_at      TIMESTAMP NOT NULL,
    started_at      TIMESTAMP,
    finished_at     TIMESTAMP,
    step            INTEGER,
    total           INTEGER,
    image_id        VARCHAR,
    error           VARCHAR
);

-- image_b64 is stored uncompressed: with DuckDB's default string compression a point lookup
-- of one large Base64 value decompresses whole segments and degrades to a scan.
CREATE TABLE images (
    id              VARCHAR PRIMARY KEY,
    sha256          VARCHAR NOT NULL,
    conversation_id VARCHAR,
    task_id         VARCHAR,
    "user"          VARCHAR,
    created_at      TIMESTAMP NOT NULL,
    backend         VARCHAR NOT NULL,
    model           VARCHAR NOT NULL,
    prompt_typed    VARCHAR NOT NULL,
    prompt_sent     VARCHAR NOT NULL,
    negative_prompt VARCHAR NOT NULL,
    style           VARCHAR NOT NULL,
    seed            UBIGINT,
    width           INTEGER NOT NULL,
    height          INTEGER NOT NULL,
    steps           INTEGER,
    guidance        DOUBLE,
    timings         JSON NOT NULL DEFAULT '{}',
    extra           JSON NOT NULL DEFAULT '{}',
    mime            VARCHAR NOT NULL,
    bytes_len       BIGINT NOT NULL,
    thumbnail_b64   VARCHAR NOT NULL,
    thumbnail_mime  VARCHAR NOT NULL,
    image_b64       VARCHAR NOT NULL USING COMPRESSION uncompressed
);
"""

MIGRATIONS: tuple[Migration, ...] = (Migration("0001_initial", _INITIAL),)


def _ensure_table(conn: duckdb.DuckDBPyConnection) -> None:
    conn.execute(
        "CREATE TABLE IF NOT EXISTS _migrations ("
        " name VARCHAR PRIMARY KEY, applied_at TIMESTAMP NOT NULL)"
    )


def applied_migrations(conn: duckdb.DuckDBPyConnection) -> list[tuple[str, datetime]]:
    """(name, applied_at UTC) in the order they were applied; [] for a fresh file."""
    (exists,) = conn.execute(
        "SELECT count(*) FROM duckdb_tables() WHERE schema_name = 'main' AND table_name = ?",
        ["_migrations"],
    ).fetchone()
    if not exists:
        return []
    rows = conn.execute("SELECT name, applied_at FROM _migrations ORDER BY applied_at, name")
    return [(name, at.replace(tzinfo=timezone.utc)) for name, at in rows.fetchall()]


def migrate(
    conn: duckdb.DuckDBPyConnection, migrations: Sequence[Migration] = MIGRATIONS
) -> list[str]:
    """Apply, in order, every migration not yet recorded; return the names applied now.

    Each migration and its record commit together, so a crash mid-way leaves the file at the
    previous migration, never half-way through one.
    """
    names = [m.name for m in migrations]
    if len(set(names)) != len(names):
        raise ValueError(f"duplicate migration names in {names}")
    _ensure_table(conn)
    done = {name for name, _ in applied_migrations(conn)}
    unknown = sorted(done - set(names))
    if unknown:
        raise StorageError(
            f"This database was written by a newer imagechat (it has migrations {unknown} "
            "that this version does not know). Upgrade imagechat, or use another --db file."
        )
    applied_now = []
    for migration in migrations:
        if migration.name in done:
            continue
        conn.begin()
        try:
            if callable(migration.apply):
                migration.apply(conn)
            else:
                conn.execute(migration.apply)
            conn.execute(
                "INSERT INTO _migrations (name, applied_at) VALUES (?, ?)",
                [migration.name, datetime.now(timezone.utc).replace(tzinfo=None)],
            )
            conn.commit()
        except BaseException:
            conn.rollback()
            raise
        applied_now.append(migration.name)
    return applied_now
