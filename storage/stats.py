"""What a database file holds: people by kind, conversations, images, bytes per table, file size."""

from __future__ import annotations

from dataclasses import dataclass

from storage.people import is_anonymous, is_signed_in
from storage.retention import FileSize, measure
from storage.sql import first
from storage.store import Store

TABLES = ("conversations", "messages", "scenes", "tasks", "images", "image_blobs", "image_usage")


@dataclass(frozen=True)
class People:
    named: int  # --auth users (and API token owners)
    signed_in: int  # Hugging Face sign-ins
    anonymous: int  # one per browser or anonymous API caller
    local: bool  # the shared person of a single-user app has data


@dataclass(frozen=True)
class TableSize:
    name: str
    rows: int
    text_bytes: int  # UTF-8 bytes of its text and JSON columns (the Base64 included)


@dataclass(frozen=True)
class Stats:
    people: People
    conversations: int
    images: int  # images rows: one per time a picture was made or imported
    stored_pictures: int  # image_blobs rows: distinct pictures per person
    image_base64_bytes: int
    thumbnail_base64_bytes: int
    tables: tuple[TableSize, ...]
    file: FileSize


def collect(store: Store) -> Stats:
    """Read the counts; a full scan of image_blobs for the Base64 sizes (an operator's command)."""
    cur = store.db.cursor()
    users = [r[0] for r in cur.execute(
        'SELECT DISTINCT "user" FROM (SELECT "user" FROM conversations UNION ALL SELECT "user" FROM images '
        'UNION ALL SELECT "user" FROM tasks)').fetchall()]
    anonymous = sum(1 for u in users if is_anonymous(u))
    signed_in = sum(1 for u in users if is_signed_in(u))
    people = People(named=sum(1 for u in users if u is not None) - anonymous - signed_in, signed_in=signed_in,
                    anonymous=anonymous, local=None in users)
    blobs, image_b64, thumbs = first(cur.execute(
        "SELECT count(*), coalesce(sum(strlen(image_b64)), 0), coalesce(sum(strlen(thumbnail_b64)), 0) "
        "FROM image_blobs"))
    tables = tuple(_table_size(store, name) for name in TABLES)
    rows = {t.name: t.rows for t in tables}
    return Stats(people=people, conversations=rows["conversations"], images=rows["images"],
                 stored_pictures=int(blobs), image_base64_bytes=int(image_b64), thumbnail_base64_bytes=int(thumbs),
                 tables=tables, file=measure(store))


def _table_size(store: Store, table: str) -> TableSize:
    cur = store.db.cursor()
    columns = [r[0] for r in cur.execute(
        "SELECT column_name FROM duckdb_columns() WHERE schema_name = 'main' AND table_name = ? "
        "AND data_type IN ('VARCHAR', 'JSON') ORDER BY column_index", [table]).fetchall()]
    # Identifiers cannot be parameters: the table is one of TABLES and the columns come from the
    # catalog, each quoted (with any quote doubled).
    lengths = " + ".join(f'coalesce(strlen("{c.replace(chr(34), chr(34) * 2)}"), 0)' for c in columns) or "0"
    rows, text = first(cur.execute(f'SELECT count(*), coalesce(sum({lengths}), 0) FROM "{table}"'))
    return TableSize(table, int(rows), int(text))


def render(stats: Stats, path: str) -> str:
    """The stats as aligned plain text."""
    p = stats.people
    lines = [
        f"database       {path}",
        f"file           {_size(stats.file.file_bytes)} on disk, {_size(stats.file.used_bytes)} in use "
        f"(the rest is free space new data reuses)",
        f"people         {p.named} named, {p.signed_in} signed in, {p.anonymous} anonymous"
        + (", and the local app's shared history" if p.local else ""),
        f"conversations  {stats.conversations}",
        f"images         {stats.images} ({stats.stored_pictures} stored pictures: "
        f"{_size(stats.image_base64_bytes)} of image Base64, {_size(stats.thumbnail_base64_bytes)} of thumbnails)",
        "",
        f"{'table':<15}{'rows':>10}{'text bytes':>14}",
    ]
    lines += [f"{t.name:<15}{t.rows:>10,}{_size(t.text_bytes):>14}" for t in stats.tables]
    return "\n".join(lines)


def _size(n: int) -> str:
    for unit, scale in (("GB", 1e9), ("MB", 1e6), ("kB", 1e3)):
        if n >= scale:
            return f"{n / scale:.1f} {unit}"
    return f"{n} B"
