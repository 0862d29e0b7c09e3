"""The line a public app shows about what it keeps of an anonymous visitor, and for how long."""

from __future__ import annotations


def retention_note(retention_days: int | None, images_per_day: int | None = None) -> str | None:
    """One Markdown line when retention or a daily limit is on; None when neither is."""
    parts = []
    if retention_days is not None:
        span = "1 day" if retention_days == 1 else f"{retention_days} days"
        parts.append(f"Your pictures are kept for {span}; download the ones you want to keep.")
    if images_per_day is not None:
        parts.append(f"You can make {images_per_day} pictures a day here.")
    if not parts:
        return None
    # Logged-in people keep theirs: the note speaks to the visitors the rules apply to.
    return "🕒 " + " ".join(parts) + " (Signed-in and named users keep theirs.)"
