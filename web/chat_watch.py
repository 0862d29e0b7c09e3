"""The chat's live views: markdown frames of a turn's pictures as they form, and the whole
conversation drawn again whenever it changes (a part of :class:`web.chat.ChatService`)."""

from __future__ import annotations

import math
import time
from typing import Callable, Iterator

from pipeline.jobs import JobRunner
from storage import Store, TaskRecord
from web import render
from web.begun import Begun
from web.conversation_view import ConversationView
from web.job_follower import Follower, Outcome

# How long a task may be unknown to the job runner, or ended there but not yet recorded, before a
# view stops waiting for it (a task is recorded just before the runner takes it, and its end just
# before the runner says so, so this covers only a slow store or a task of a lost runner).
SETTLE_S = 5.0

# How often a live view with nothing new reads the store anyway, for what reaches the conversation
# past this chat (the HTTP API, another process): the conversation's stamp (one row by key) every
# STORE_POLL_S, its unfinished tasks (a join) every TASKS_POLL_S or when the stamp moved. What the
# chat itself does to a conversation (a message sent, pictures queued, Stop) and a picture's end
# are read at once.
STORE_POLL_S = 2.0
TASKS_POLL_S = 6.0


class ChatWatch:
    """The chat's live views, a part of :class:`web.chat.ChatService`: a turn's pictures forming in one
    message, and a whole conversation kept up to date. It uses the service's store, jobs, frame
    interval, ``exists``, ``_version`` and ``_pending_texts``."""

    store: Store
    jobs: JobRunner
    _frame_interval: float

    def watch(self, job_id: str, view: render.LiveView, user: str | None = None) -> Iterator[str]:
        """Markdown frames for the assistant's message, at most a few a second, ending with the result."""
        yield from self.watch_all(Begun(job_ids=(job_id,), views=(view,)), user)

    def watch_all(self, begun: Begun, user: str | None = None) -> Iterator[str]:
        """Frames for every image of a turn in one message, side by side; the last frame is the
        results as a reload would show them. A frame is drawn only when what it shows changed, at
        most one per frame interval (previews and steps are throttled, queue moves are not lost)."""
        views = list(begun.views)
        follower = Follower(self.jobs, self._heartbeat)
        for job_id, view in zip(begun.job_ids, views):
            follower.follow(job_id, view)
        results: list[object | None] = [None] * len(views)
        last_frame = -math.inf
        shown: tuple | None = None
        try:
            while True:
                for i, job_id in enumerate(begun.job_ids):
                    if results[i] is None and job_id in follower.outcomes:
                        results[i] = self._outcome_item(follower.outcomes[job_id], user)
                    elif results[i] is None and job_id in follower.unknown:
                        results[i] = "This image's job is no longer known; reload the chat."
                if all(r is not None for r in results):
                    yield render.results_markdown([*begun.notes, *results])
                    return
                follower.tick()
                now = time.monotonic()
                state = (tuple(r is not None for r in results), tuple(render.shown_state(v) for v in views))
                if state != shown and now - last_frame >= self._frame_interval:
                    last_frame, shown = now, state
                    yield render.batch_progress_markdown(views, results, begun.notes)
                follower.wait()
        finally:
            follower.close()

    def _outcome_item(self, outcome: "Outcome", user: str | None) -> object:
        if outcome.status == "succeeded" and outcome.image_id:
            record = self.store.image_record(outcome.image_id, user=user)
            if record is not None:
                return record
        if outcome.status == "failed":
            return outcome.error or "The image could not be made."
        if outcome.status == "succeeded":
            return "The image was made but is no longer stored."
        return "Cancelled: the image was not finished."

    @property
    def _heartbeat(self) -> float:
        return max(self._frame_interval, 0.1)

    # ---- one live view of a conversation ---------------------------------------------------------

    def watch_conversation(self, conv_id: str | None, user: str | None,
                           still_shown: Callable[[], bool] = lambda: True) -> Iterator[list[dict]]:
        """The whole conversation as chat messages, again whenever it changes, until none of its
        pictures is waiting or forming: the stored messages, each picture still forming shown as
        its progress (step k/n, ETA, preview) where its result will be, and messages sent but not
        stored yet. Every view renders from the store, so a sender's, a reload's and a second
        tab's views agree. ``still_shown`` false ends the view quietly (the tab shows another
        conversation now). The jobs run on when a view ends.

        A view draws only on change: it wakes at each event of the picture it leads with (or a
        heartbeat), compares what its pictures show and the messages still pending with what it
        last drew, and reads the store only when the chat changed the conversation, a picture
        ended, or a poll is due (:data:`STORE_POLL_S`, :data:`TASKS_POLL_S`). Progress and previews
        are drawn at most once per frame interval; other changes at once."""
        if not self.exists(conv_id, user):
            yield []
            return
        view = ConversationView(self, conv_id, user)
        try:
            while True:
                if not still_shown():
                    return
                now = time.monotonic()
                version = self._version(conv_id)
                tasks_due = view.ended or version != view.version or now - view.tasks_read_at >= TASKS_POLL_S
                if tasks_due or now - view.read_at >= STORE_POLL_S:
                    if not view.read_store(now, version, tasks=tasks_due):  # deleted meanwhile
                        yield []
                        return
                live = view.live(now)
                state = view.state(live)
                drawn = view.drawn
                # what the store and the pending messages show is drawn at once; progress is throttled
                at_once = drawn is None or state[:-1] != drawn[:-1] or not live
                if state != drawn and (at_once or now - view.drawn_at >= self._frame_interval):
                    frame = render.conversation_messages(view.records, view.anchors, live, view.pending)
                    if not still_shown():
                        return
                    view.drawn, view.drawn_at = state, now
                    if frame != view.frame:
                        view.frame = frame
                        yield frame
                if not live:
                    return
                view.ended = view.follower.wait()
        finally:
            view.follower.close()

    def _live(self, tasks: dict[str, TaskRecord], unfinished: set[str], records: list, follower: "Follower",
              settling: dict[str, float], now: float) -> list[tuple[str, render.LiveView]]:
        """The tasks to show forming: unfinished in the store, or ended in the job runner but with
        no result stored yet; one the runner does not know (or whose result never comes) only for
        a few seconds."""
        results = {r.task_id for r in records if r.task_id}
        live = []
        for task_id in tasks:
            if task_id in results:
                continue
            waiting = task_id in unfinished and task_id not in follower.unknown and task_id not in follower.outcomes
            if waiting:
                settling.pop(task_id, None)
            elif now - settling.setdefault(task_id, now) > SETTLE_S:
                continue
            live.append((task_id, follower.views[task_id]))
        return live

    def _anchors(self, conv_id: str, user: str | None) -> dict[str, str]:
        """Task id -> the person's message that asked for it (from the turn's stored scene)."""
        return {task_id: scene.message_id for scene in self.store.scenes(conv_id, user=user)
                if scene.message_id for task_id in scene.task_ids}
