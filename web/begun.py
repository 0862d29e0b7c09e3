"""What starting a turn in the chat gave: the running jobs to watch, or an immediate reply."""

from __future__ import annotations

from dataclasses import dataclass

from web import render


@dataclass(frozen=True)
class Begun:
    """What starting a turn gave: running jobs to watch (one per image), or an immediate reply."""

    job_ids: tuple[str, ...] = ()
    views: tuple[render.LiveView, ...] = ()
    reply: str | None = None  # markdown, already stored as the assistant's message
    notes: tuple[str, ...] = ()  # already stored too: e.g. why only some of a batch were queued

    @property
    def job_id(self) -> str | None:
        return self.job_ids[0] if self.job_ids else None

    @property
    def view(self) -> render.LiveView | None:
        return self.views[0] if self.views else None
