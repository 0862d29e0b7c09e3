"""The daily picture allowance of anonymous visitors (``--max-images-per-visitor``).

A rolling 24 hours, counted in ``image_usage``: one row per queued picture batch, written when the
job is queued and kept even if the person deletes the picture, so deleting does not give the
allowance back. Named and signed-in people are not counted here (the job queue's rate limit
still applies to everyone).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from storage.people import is_anonymous
from storage.records import InvalidValue
from storage.sql import first
from storage.db import db_time as _db_time
from storage.store import Store

WINDOW = timedelta(hours=24)


@dataclass(frozen=True)
class Usage:
    """How much of the day's allowance a person has used, and when the oldest of it frees up."""

    used: int
    limit: int
    resets_at: datetime | None  # UTC; None while nothing is used

    @property
    def remaining(self) -> int:
        return max(0, self.limit - self.used)

    def refusal(self, now: datetime) -> str:
        """The message for a person with nothing left: what happened, and when it changes."""
        when = ""
        if self.resets_at is not None:
            wait = max(timedelta(0), self.resets_at - now)
            hours, minutes = divmod(int(wait.total_seconds() // 60) + 1, 60)
            span = (f"{hours} h {minutes} min" if minutes else f"{hours} h") if hours else f"{minutes} min"
            when = f" It resets in {span} (at {self.resets_at:%H:%M} UTC)."
        return (f"You've made {self.used} pictures today; the limit on this app is {self.limit} a day."
                f"{when}")


class ImageQuota:
    """``per_day`` pictures per anonymous visitor in any 24 hours; ``None`` turns it off."""

    def __init__(self, store: Store, per_day: int | None):
        if per_day is not None and (isinstance(per_day, bool) or not isinstance(per_day, int) or per_day < 1):
            raise InvalidValue("max_images_per_visitor",
                               f"The daily picture limit must be a whole number of at least 1, not {per_day!r}.")
        self.store = store
        self.per_day = per_day

    def applies_to(self, user: str | None) -> bool:
        return self.per_day is not None and is_anonymous(user)

    def usage(self, user: str | None, now: datetime | None = None) -> Usage | None:
        """``user``'s use of the allowance; None when no limit applies to them."""
        if not self.applies_to(user):
            return None
        assert self.per_day is not None
        now = now or datetime.now(timezone.utc)
        rows = self.store.db.cursor().execute(
            'SELECT created_at, images FROM image_usage WHERE "user" = ? AND created_at > ? '
            "ORDER BY created_at",
            [user, _db_time(now - WINDOW)],
        ).fetchall()
        used = sum(int(n) for _, n in rows)
        # The allowance frees up as the oldest pictures turn a day old: the moment enough of them
        # have that one more picture fits.
        resets_at, dropped = None, 0
        for at, n in rows:
            dropped += int(n)
            if used - dropped < self.per_day:
                resets_at = at.replace(tzinfo=timezone.utc) + WINDOW
                break
        return Usage(used=used, limit=self.per_day, resets_at=resets_at)

    def record(self, user: str | None, images: int = 1, now: datetime | None = None) -> None:
        """Count ``images`` just queued for ``user`` (nothing when no limit applies to them)."""
        if not self.applies_to(user) or images < 1:
            return
        now = now or datetime.now(timezone.utc)
        with self.store.db.write() as cur:
            cur.execute('INSERT INTO image_usage ("user", created_at, images) VALUES (?, ?, ?)',
                        [user, _db_time(now), int(images)])


def prune_usage(store: Store, now: datetime) -> int:
    """Forget usage older than the window; return how many rows went. Call inside no transaction."""
    with store.db.write() as cur:
        (n,) = first(cur.execute("DELETE FROM image_usage WHERE created_at <= ?", [_db_time(now - WINDOW)]))
    return int(n)
