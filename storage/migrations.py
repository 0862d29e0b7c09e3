"""Schema migrations: an ordered list, each applied once and recorded in ``_migrations``.

Append new migrations at the end; never edit or reorder one that has shipped, since files
in the wild have already recorded it by name.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Callable, Sequence

import duckdb

from storage.sql import first
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

# Content addressing. Each user's distinct picture (by the sha256 of its bytes) is stored once,
# in image_blobs, with its thumbnail; images keeps one row per time it was made or imported
# (recipe, conversation, task) and points at its blob. A re-roll that comes out identical
# adds a recipe row, not another copy of the Base64.
#
# image_blobs deliberately has no PRIMARY KEY or other index. DuckDB rewrites the last row
# group of a table at every checkpoint when that table has an index; with ~0.6 MB per row that
# made each insert cost more than the last (43/s falling to 20/s by 600 images, half the file
# free blocks). Without an index, appends after a checkpoint start a new row group, and with
# vacuuming off (the store sets max_vacuum_tasks = 0) old row groups are left as written.
# blob_key grows with insertion order, so the row groups' min/max statistics find a key
# without an index. Uniqueness of (user, sha256) and of blob_key is kept by the store,
# which is the file's only writer.
_CONTENT_ADDRESSED = """
CREATE TABLE image_blobs (
    blob_key        BIGINT NOT NULL,         -- 1, 2, 3 ... in insertion order
    "user"          VARCHAR,
    sha256          VARCHAR NOT NULL,        -- of the image bytes
    mime            VARCHAR NOT NULL,
    bytes_len       BIGINT NOT NULL,
    thumbnail_b64   VARCHAR NOT NULL,
    thumbnail_mime  VARCHAR NOT NULL,
    created_at      TIMESTAMP NOT NULL,      -- UTC; when these bytes were first stored
    image_b64       VARCHAR NOT NULL USING COMPRESSION uncompressed
);

INSERT INTO image_blobs
WITH firsts AS (
    SELECT id, row_number() OVER (ORDER BY created_at, id) AS blob_key
    FROM (
        SELECT id, created_at,
               row_number() OVER (PARTITION BY "user", sha256 ORDER BY created_at, id) AS n
        FROM images
    )
    WHERE n = 1
)
SELECT f.blob_key, i."user", i.sha256, i.mime, i.bytes_len, i.thumbnail_b64, i.thumbnail_mime,
       i.created_at, i.image_b64
FROM images i JOIN firsts f ON f.id = i.id
ORDER BY f.blob_key;

CREATE TABLE images_v2 (
    id              VARCHAR PRIMARY KEY,
    blob_key        BIGINT NOT NULL,
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
    extra           JSON NOT NULL DEFAULT '{}'
);

INSERT INTO images_v2
SELECT i.id, b.blob_key, i.conversation_id, i.task_id, i."user", i.created_at, i.backend,
       i.model, i.prompt_typed, i.prompt_sent, i.negative_prompt, i.style, i.seed, i.width,
       i.height, i.steps, i.guidance, i.timings, i.extra
FROM images i
JOIN image_blobs b ON b.sha256 = i.sha256 AND b."user" IS NOT DISTINCT FROM i."user"
ORDER BY i.created_at, i.id;

DROP TABLE images;
ALTER TABLE images_v2 RENAME TO images;
"""

# One row per turn that drew (or restored) a picture: the scene as JSON, linked to the scene it
# was made from, so undo walks back along the chain and a restart finds every picture's state.
_SCENES = """
CREATE TABLE scenes (
    id              VARCHAR PRIMARY KEY,
    conversation_id VARCHAR NOT NULL,
    seq             BIGINT NOT NULL,         -- 1, 2, 3 ... within the conversation
    parent_id       VARCHAR,                 -- the scene this one was made from; undo goes back to it
    intent          VARCHAR NOT NULL,
    scene           JSON NOT NULL,
    prompt          VARCHAR NOT NULL DEFAULT '',
    negative_prompt VARCHAR NOT NULL DEFAULT '',
    message_id      VARCHAR,                 -- the user message that asked for it
    task_ids        JSON NOT NULL DEFAULT '[]',
    image_number    INTEGER,                 -- "the first one": 1-based number of the picture it drew
    created_at      TIMESTAMP NOT NULL
);
CREATE INDEX scenes_by_conversation ON scenes (conversation_id, seq);
"""


def _model_names_not_paths(conn: duckdb.DuckDBPyConnection) -> None:
    """Older versions recorded a local model as its folder's absolute path, which then went
    into every shared PNG, export and API answer. Keep its name alone, as new images do: a hub
    cache snapshot (…/models--org--name/snapshots/<rev>) becomes its hub id "org/name", a
    checkpoint file its name without the extension, a folder its name."""
    path = r"^(/|~|[A-Za-z]:[\\/]|\.{1,2}[\\/])"
    name = (
        r"CASE WHEN regexp_matches(model, '[\\/]models--[^\\/]+[\\/]snapshots([\\/]|$)') "
        r"THEN replace(regexp_extract(model, '[\\/]models--([^\\/]+)[\\/]snapshots', 1), '--', '/') "
        r"ELSE regexp_replace(regexp_extract(rtrim(model, '/\\'), '([^\\/]+)$', 1), "
        r"'\.(safetensors|ckpt|bin)$', '', 'i') END"
    )
    conn.execute(f"UPDATE images SET model = {name} WHERE regexp_matches(model, ?)", [path])


# One row per picture an anonymous visitor asked for, for the daily limit
# (--max-images-per-visitor). Kept apart from images and tasks: deleting a conversation
# must not give its pictures back to the day's allowance. Rows older than a day are pruned.
_RETENTION = """
CREATE TABLE image_usage (
    "user"      VARCHAR NOT NULL,
    created_at  TIMESTAMP NOT NULL,          -- UTC; when the picture was queued
    images      INTEGER NOT NULL
);
"""

# A person's API tokens, for programs: only the SHA-256 of each token is kept (the token itself is
# shown once, when it is made), so the file alone lets no one call the API. Revoking deletes the row.
_API_TOKENS = """
CREATE TABLE api_tokens (
    id              VARCHAR PRIMARY KEY,
    "user"          VARCHAR NOT NULL,
    token_sha256    VARCHAR NOT NULL UNIQUE,
    label           VARCHAR NOT NULL DEFAULT '',
    hint            VARCHAR NOT NULL,        -- the token's last characters, to tell tokens apart
    created_at      TIMESTAMP NOT NULL       -- UTC
);
CREATE INDEX api_tokens_by_user ON api_tokens ("user");
"""

# The prompt a backend was asked to render (what an OpenAI revision was made from) was kept untyped in
# extra as "prompt_requested"; it becomes a column of its own and leaves extra. A value that is not
# text was never one the app wrote: it stays in extra.
_REQUESTED_PROMPT = """
ALTER TABLE images ADD COLUMN prompt_requested VARCHAR NOT NULL DEFAULT '';
UPDATE images
SET prompt_requested = json_extract_string(extra, '$.prompt_requested'),
    extra = json_remove(extra, '$.prompt_requested')
WHERE json_type(extra, '$.prompt_requested') = 'VARCHAR';
"""

# A failed task's machine-readable reason ("content_policy", "oom", ...) gets a column of its own:
# before, the task kept only the message for people, and the code lived in the meta JSON of the
# assistant message that reported the failure. Existing rows take it from there; an interrupted task's
# reason is "interrupted", as its message's meta says.
_TASK_REASON = """
ALTER TABLE tasks ADD COLUMN reason VARCHAR;
UPDATE tasks
SET reason = m.reason
FROM (
    SELECT task_id, min(json_extract_string(meta, '$.reason')) AS reason
    FROM messages
    WHERE task_id IS NOT NULL AND json_type(meta, '$.reason') = 'VARCHAR'
    GROUP BY task_id
) m
WHERE m.task_id = tasks.id AND tasks.status IN ('failed', 'interrupted');
UPDATE tasks SET reason = 'interrupted' WHERE status = 'interrupted' AND reason IS NULL;
"""

MIGRATIONS: tuple[Migration, ...] = (
    Migration("0001_initial", _INITIAL),
    Migration("0002_content_addressed_images", _CONTENT_ADDRESSED),
    Migration("0003_scenes", _SCENES),
    Migration("0005_api_tokens", _API_TOKENS),
    Migration("0006_retention", _RETENTION),
    Migration("0007_model_names_not_paths", _model_names_not_paths),
    Migration("0008_requested_prompt", _REQUESTED_PROMPT),
    Migration("0009_task_failure_reason", _TASK_REASON),
)


def _ensure_table(conn: duckdb.DuckDBPyConnection) -> None:
    conn.execute(
        "CREATE TABLE IF NOT EXISTS _migrations ("
        " name VARCHAR PRIMARY KEY, applied_at TIMESTAMP NOT NULL)"
    )


def applied_migrations(conn: duckdb.DuckDBPyConnection) -> list[tuple[str, datetime]]:
    """(name, applied_at UTC) in the order they were applied; [] for a fresh file."""
    (exists,) = first(conn.execute(
        "SELECT count(*) FROM duckdb_tables() WHERE schema_name = 'main' AND table_name = ?",
        ["_migrations"],
    ))
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
