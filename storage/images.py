"""The images repository: each picture's recipe row (``images``) and its bytes, stored once per
person by content (``image_blobs``, Base64 with a thumbnail).

Content addressed per person: bytes this person already has are not stored again; a new recipe
row points at the stored copy (a re-roll that comes out identical costs one row). Other people's
copies are never shared, so deleting is always private. Lists and joins read thumbnails, never a
full image.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from dataclasses import dataclass, fields, replace
from datetime import datetime
from typing import Any, Sequence

from storage.db import Cursor, Database, db_time, first, owned_by, select, utc
from storage.imaging import make_thumbnail, probe
from storage.query import ImageFilter, image_where
from storage.recipe import JSON_COLUMNS, Recipe
from storage.records import ANY_USER, ImageRecord, InvalidValue, NewImage
from storage.values import MAX_IMAGE_BYTES, count, new_id, opt_text, text, user_name

# An ImageRecord's fields, each from images (i) or image_blobs (b); never image_b64, so lists
# and joins never read a full image.
IMAGE_COLS = tuple(f.name for f in fields(ImageRecord))
BLOB_FIELDS = frozenset({"sha256", "mime", "bytes_len", "thumbnail_b64", "thumbnail_mime"})
_ROW_COLS = tuple(c for c in IMAGE_COLS if c not in BLOB_FIELDS)
_BLOB_COLS = tuple(c for c in IMAGE_COLS if c in BLOB_FIELDS)


def image_select(images: str = "i", blobs: str = "b") -> str:
    """The select list of an ImageRecord from images joined to image_blobs."""
    return ", ".join(f'{blobs if c in BLOB_FIELDS else images}."{c}"' for c in IMAGE_COLS)


def image_from_row(row: Sequence[Any]) -> ImageRecord:
    """The record of a row selected with ``image_select``."""
    values = dict(zip(IMAGE_COLS, row))
    for name in JSON_COLUMNS:
        values[name] = json.loads(values[name])
    values["created_at"] = utc(values["created_at"])
    values["seed"] = None if values["seed"] is None else int(values["seed"])
    return ImageRecord(**values)


@dataclass(frozen=True)
class Prepared:
    """A checked NewImage: the images row's values, the bytes and what is known of them."""

    row: dict[str, Any]
    data: bytes
    sha256: str
    mime: str
    thumbnail: tuple[bytes, str] | None

    @property
    def user(self) -> str | None:
        return self.row["user"]


class Images:
    def __init__(self, db: Database):
        self.db = db
        (self._next_blob_key,) = first(db.cursor().execute(
            "SELECT coalesce(max(blob_key), 0) + 1 FROM image_blobs"
        ))

    # --- writing ---------------------------------------------------------------------------

    def add(self, new: NewImage) -> str:
        """Store the image with its recipe; return its new id."""
        prepared = self.with_thumbnail(self.prepare(new))
        with self.db.write() as cur:
            image_id, _ = self.insert(cur, prepared, created_at=self.db.now())
        return image_id

    def prepare(self, new: NewImage, *, thumbnail: tuple[bytes, str] | None = None,
                check_image: bool = False) -> Prepared:
        """Check ``new`` (naming the field at fault) before any lock is taken."""
        data = new.png
        if not isinstance(data, (bytes, bytearray, memoryview)) or not data:
            raise InvalidValue("png", "The image is empty; nothing was stored.")
        data = bytes(data)
        if len(data) > MAX_IMAGE_BYTES:
            raise InvalidValue(
                "png", f"The image is too large to store ({len(data)} bytes; the limit is "
                f"{MAX_IMAGE_BYTES})."
            )
        mime = text("mime", new.mime, max_chars=100)
        if not re.fullmatch(r"image/[\w.+-]+", mime):
            raise InvalidValue("mime", f"{mime!r} is not an image type.")
        row = {
            "conversation_id": opt_text("conversation_id", new.conversation_id, max_chars=200),
            "task_id": opt_text("task_id", new.task_id, max_chars=200),
            "user": user_name(new.user),
            **new.row(),
        }
        if check_image:
            probe(data)
        return Prepared(row, data, hashlib.sha256(data).hexdigest(), mime, thumbnail)

    def with_thumbnail(self, prepared: Prepared) -> Prepared:
        """``prepared`` with its thumbnail made now where its bytes are new to its owner. Called
        before the write lock is taken, so other jobs' progress does not wait on the decoding
        (which also proves the bytes an image before anything is written)."""
        if prepared.thumbnail is not None or self.find_blob(self.db.cursor(), prepared.user,
                                                            prepared.sha256) is not None:
            return prepared
        return replace(prepared, thumbnail=make_thumbnail(prepared.data))

    def find_blob(self, cur: Cursor, user: str | None, sha256: str) -> int | None:
        """The key of ``user``'s stored copy of the bytes with ``sha256``, or None."""
        row = first(cur.execute(
            'SELECT blob_key FROM image_blobs WHERE sha256 = ? AND "user" IS NOT DISTINCT FROM ? '
            "LIMIT 1",
            [sha256, user],
        ))
        return None if row is None else int(row[0])

    def insert(self, cur: Cursor, p: Prepared, *, created_at: datetime) -> tuple[str, bool]:
        """Insert the recipe row, and the bytes unless this person has them already; return
        (new image id, whether the bytes were new). Call inside ``db.write()``."""
        key = self.find_blob(cur, p.user, p.sha256)
        new_bytes = key is None
        if key is None:
            # Bytes not stored yet: a thumbnail computed here, under the lock, only where the
            # caller did not make one first (a re-roll rarely needs it).
            thumb, thumb_mime = p.thumbnail or make_thumbnail(p.data)
            key = self._next_blob_key
            self._next_blob_key += 1
            cur.execute(
                'INSERT INTO image_blobs (blob_key, "user", sha256, mime, bytes_len, '
                "thumbnail_b64, thumbnail_mime, created_at, image_b64) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [key, p.user, p.sha256, p.mime, len(p.data),
                 base64.b64encode(thumb).decode("ascii"), thumb_mime, db_time(created_at),
                 base64.b64encode(p.data).decode("ascii")],
            )
        image_id = new_id()
        values = {"id": image_id, "blob_key": key, "created_at": db_time(created_at), **p.row}
        marks = ", ".join("?" for _ in values)
        cur.execute(f"INSERT INTO images ({select(values)}) VALUES ({marks})", list(values.values()))
        return image_id, new_bytes

    def delete(self, image_id: str, user: str | None = None) -> bool:
        """Delete ``user``'s image; False if it is not theirs (or gone). Messages that showed
        it keep their text and report it deleted; the bytes go when nothing else uses them."""
        with self.db.write() as cur:
            row = self._row(("blob_key",), image_id, user)
            if row is None:
                return False
            self.delete_rows(cur, [image_id], {row[0]})
        return True

    def delete_rows(self, cur: Cursor, image_ids: list[str], blob_keys: set[int]) -> None:
        """Delete recipe rows, then the blobs among ``blob_keys`` nothing points at any more.
        Call inside ``db.write()``.

        A blob's Base64 is blanked before its row is deleted: the update makes the next
        checkpoint rewrite that one small row group without it, so its blocks are reused.
        A plain DELETE would only mark the row, and with vacuuming off (see storage.db)
        the bytes would stay in the file for good."""
        for image_id in image_ids:
            cur.execute("DELETE FROM images WHERE id = ?", [image_id])
        for key in sorted(blob_keys):
            (used,) = first(cur.execute("SELECT count(*) FROM images WHERE blob_key = ?", [key]))
            if not used:
                cur.execute(
                    "UPDATE image_blobs SET image_b64 = '', thumbnail_b64 = '' WHERE blob_key = ?",
                    [key],
                )
                cur.execute("DELETE FROM image_blobs WHERE blob_key = ?", [key])

    # --- reading ---------------------------------------------------------------------------

    def image_bytes(self, image_id: str, user: str | None = ANY_USER) -> tuple[bytes, str] | None:
        """The full image, decoded, and its mime type; None if there is no such image or,
        with ``user`` given, it is not theirs."""
        found = self._row(("blob_key",), image_id, user)
        if found is None:
            return None
        # A point lookup of its own: blob_key grows with insertion, so row-group statistics
        # find it in one row group. (Joined to the lookup above it took twice as long.)
        blob = first(self.db.cursor().execute(
            "SELECT from_base64(image_b64), mime FROM image_blobs WHERE blob_key = ?", [found[0]]
        ))
        if blob is None:  # deleted between the two reads
            return None
        return bytes(blob[0]), blob[1]

    def record(self, image_id: str, user: str | None = ANY_USER) -> ImageRecord | None:
        """The recipe and thumbnail; None if there is no such image or, with ``user`` given,
        it is not theirs."""
        found = self._row((*_ROW_COLS, "blob_key"), image_id, user)
        if found is None:
            return None
        blob = first(self.db.cursor().execute(
            f"SELECT {select(_BLOB_COLS)} FROM image_blobs WHERE blob_key = ?", [found[-1]]
        ))
        if blob is None:
            return None
        values = {**dict(zip(_ROW_COLS, found)), **dict(zip(_BLOB_COLS, blob))}
        return image_from_row([values[c] for c in IMAGE_COLS])

    def recipe(self, image_id: str, user: str | None = ANY_USER) -> Recipe | None:
        record = self.record(image_id, user)
        return None if record is None else record.recipe

    def _row(self, cols: Sequence[str], image_id: str, user: Any) -> Any:
        """``cols`` of one images row, if it is ``user``'s. The id is looked up in a
        materialized CTE because DuckDB uses the primary key's index only for a filter on the
        key alone; with the owner beside it, it scans the table."""
        owner, args = owned_by(user)
        inner = [*cols, *(["user"] if "user" not in cols else [])]
        return first(self.db.cursor().execute(
            f"WITH r AS MATERIALIZED (SELECT {select(inner)} FROM images WHERE id = ?) "
            f"SELECT {select(cols)} FROM r WHERE {owner}",
            [image_id, *args],
        ))

    def find(self, user: str | None = None, limit: int = 50, offset: int = 0,
             **filters: Any) -> list[ImageRecord]:
        """``user``'s images, newest first: thumbnails and recipes only. Filters (all
        optional): ``q``, ``backend``, ``model``, ``style``, ``since``, ``until``,
        ``conversation_id``; see ``storage.query.ImageFilter``."""
        where, args = image_where(user, ImageFilter.of(filters))
        # The page is chosen on the small images table; only its rows are joined to blobs.
        rows = self.db.cursor().execute(
            f"WITH page AS (SELECT * FROM images i WHERE {where} "
            "ORDER BY i.created_at DESC, i.id DESC LIMIT ? OFFSET ?) "
            f"SELECT {image_select('i', 'b')} FROM page i "
            "JOIN image_blobs b ON b.blob_key = i.blob_key "
            "ORDER BY i.created_at DESC, i.id DESC",
            [*args, count("limit", limit), count("offset", offset)],
        ).fetchall()
        return [image_from_row(r) for r in rows]

    def count(self, user: str | None = None, **filters: Any) -> int:
        """How many of ``user``'s images ``find`` would page through."""
        where, args = image_where(user, ImageFilter.of(filters))
        (n,) = first(self.db.cursor().execute(f"SELECT count(*) FROM images i WHERE {where}", args))
        return int(n)
