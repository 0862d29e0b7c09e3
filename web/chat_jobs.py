"""The chat's pictures made again or stopped outside a turn: re-roll the last picture with new seeds,
retry interrupted or failed ones from their stored requests, stop a conversation's pictures
(a part of :class:`web.chat.ChatService`)."""

from __future__ import annotations

import random
import time

from conversation.service import TurnService
from conversation.turn_input import TurnRefused
from pipeline.errors import GenerationError, InvalidRequest
from pipeline.jobs import JobRunner
from pipeline.remake import made_again
from pipeline.request import SEED_MAX, GenerationRequest
from pipeline.router import Router
from storage import Store, TaskRecord
from web import render
from web.begun import Begun
from web.conversation_view import live_view
from web.recipe import Recipe, batch_seeds

RETRIABLE = ("interrupted", "failed")


class ChatJobs:
    """Pictures made again or stopped outside a turn, a part of :class:`web.chat.ChatService`: re-roll,
    retry, stop and cancel. It uses the service's store, jobs, router, turns, ``exists``, ``_touch`` and
    ``_reply``."""

    store: Store
    jobs: JobRunner
    router: Router
    turns: TurnService

    def begin_reroll(self, conv_id: str | None, user: str | None, count: int = 1) -> Begun:
        """The conversation's last picture again, exactly as sent, with new seeds; the new image
        joins the earlier ones side by side instead of replacing them."""
        if not self.exists(conv_id, user):
            return Begun(reply=render.text_markdown("There is no picture here to re-roll yet: describe one first."))
        last = next((m.image for m in reversed(self.store.messages(conv_id)) if m.image is not None), None)
        if last is None:
            return self._reply(conv_id, "There is no picture here to re-roll yet: describe one first.",
                               {"status": "chat"})
        recipe = Recipe.from_image(last)
        # A new seed for each: the same recipe with the same seed would make the same picture.
        request = made_again(recipe.with_new_seed(), self.router, prompt_typed=last.prompt_typed,
                             style=last.style or "none", conversation_id=conv_id, user=user)
        try:
            return self._submit(conv_id, request, count, typed=last.prompt_typed)
        except GenerationError as exc:
            return self._reply(conv_id, exc.user_message, {"status": "rejected", "reason": exc.reason})

    def _submit(self, conv_id: str, request: GenerationRequest, count: int, *, typed: str) -> Begun:
        """One job per image. A batch takes consecutive seeds, so each image can be re-made on
        its own; if the queue refuses part of a batch, the rest still runs and the refusal is said."""
        count = self._allowed(request.user, count)
        seeds: list[int | None] = [request.seed]
        if count > 1:
            first = request.seed if request.seed is not None else random.randint(0, SEED_MAX)
            seeds = list(batch_seeds(first, count))
        job_ids: list[str] = []
        notes: list[str] = []
        with self.jobs.together():  # queued at once: the images of one message share one call where they can
            for seed in seeds:
                try:
                    job_ids.append(self.jobs.submit(request.with_(seed=seed)))
                    self.turns.count_images(request.user)
                except GenerationError as exc:
                    if not job_ids:
                        raise
                    note = f"Only {len(job_ids)} of {count} images were queued. {exc.user_message}"
                    self.store.add_message(conv_id, "assistant", note,
                                           meta={"status": "rejected", "reason": exc.reason})
                    notes.append(note)
                    break
        views = tuple(
            render.LiveView(typed=typed, prompt_sent=request.prompt, warnings=request.warnings,
                            changes=tuple(request.changes))
            for _ in job_ids
        )
        self._touch(conv_id)
        return Begun(job_ids=tuple(job_ids), views=views, notes=tuple(notes))

    # ---- stop and retry, by conversation -----------------------------------------------------

    def stop(self, conv_id: str | None, user: str | None, timeout: float = 10.0) -> int:
        """Cancel ``user``'s pictures still waiting or forming in the conversation (whichever tab,
        or none, started them) and wait for them to end; returns how many were cancelled."""
        if not self.exists(conv_id, user):
            return 0
        tasks = [t for t in self.store.conversation_tasks(conv_id, user, unfinished=True) if t.user == user]
        cancelled = [t.id for t in tasks if self.jobs.cancel(t.id)]
        self._touch(conv_id)
        deadline = time.monotonic() + timeout
        for job_id in cancelled:
            try:
                self.jobs.wait(job_id, timeout=max(0.0, deadline - time.monotonic()))
            except (TimeoutError, KeyError):
                pass
        return len(cancelled)

    def retry_tasks(self, conv_id: str | None, user: str | None) -> list[TaskRecord]:
        """The conversation's last pictures that were interrupted by a restart or failed (the
        tasks after the last one that did not), oldest first: what Retry makes again."""
        if not conv_id:
            return []
        trailing: list[TaskRecord] = []
        for task in reversed(self.store.conversation_tasks(conv_id, user)):
            if task.status not in RETRIABLE or task.user != user:
                break
            trailing.append(task)
        return trailing[::-1]

    def can_retry(self, conv_id: str | None, user: str | None) -> bool:
        return bool(self.retry_tasks(conv_id, user))

    def begin_retry(self, conv_id: str | None, user: str | None) -> Begun:
        """The conversation's last interrupted or failed pictures again, each from its stored
        request (the same prompt, seed and size), as new jobs in the same conversation."""
        if not self.exists(conv_id, user):
            return Begun(reply=render.text_markdown("There is nothing to retry here."))
        tasks = self.retry_tasks(conv_id, user)
        if not tasks:
            return self._reply(conv_id, "There is nothing to retry here: no picture was interrupted or failed.",
                               {"status": "chat"})
        job_ids: list[str] = []
        notes: list[str] = []
        try:
            tasks = tasks[: self._allowed(user, len(tasks))]
        except GenerationError as exc:
            return self._reply(conv_id, exc.user_message, {"status": "rejected", "reason": exc.reason})
        for task in tasks:
            try:
                job_ids.append(self.jobs.submit(self.request_from_task(task, conv_id, user)))
                self.turns.count_images(user)
            except GenerationError as exc:
                if not job_ids:
                    return self._reply(conv_id, exc.user_message, {"status": "rejected", "reason": exc.reason})
                note = f"Only {len(job_ids)} of {len(tasks)} images were queued again. {exc.user_message}"
                self.store.add_message(conv_id, "assistant", note, meta={"status": "rejected", "reason": exc.reason})
                notes.append(note)
                break
        views = tuple(live_view(t) for t in tasks[: len(job_ids)])
        self._touch(conv_id)
        return Begun(job_ids=tuple(job_ids), views=views, notes=tuple(notes))

    def _allowed(self, user: str | None, wanted: int) -> int:
        """How many pictures ``user`` may still make today (the turn's rule, for re-rolls and retries)."""
        try:
            return self.turns.allowed_images(user, wanted)
        except TurnRefused as exc:
            raise InvalidRequest(exc.field, str(exc)) from None

    def request_from_task(self, task: TaskRecord, conv_id: str, user: str | None) -> GenerationRequest:
        """A task's stored request as a GenerationRequest to run again: the same prompt, seed,
        size, steps and guidance, on the same backend when it is still there; the model the server
        runs now."""
        values = task.request or {}
        pictures: dict[str, bytes] = {}
        # An edit's pictures are stored as images; the task names them, so they are read back here.
        for key, field in (("source_image_id", "init_image"), ("mask_image_id", "mask")):
            if values.get(key):
                found = self.store.image_bytes(values[key], user=user)
                if found is None:
                    raise InvalidRequest(field, "The picture this edit started from was deleted, so it cannot be "
                                                "made again.")
                pictures[field] = found[0]
        if not values.get("prompt"):
            raise InvalidRequest("prompt", "That picture's request was not kept, so it cannot be retried.")
        return made_again(values, self.router, **pictures, conversation_id=conv_id, user=user)

    def cancel_and_wait(self, job_id: str | None, timeout: float = 10.0) -> bool:
        if not job_id or not self.jobs.cancel(job_id):
            return False
        try:
            self.jobs.wait(job_id, timeout=timeout)
        except (TimeoutError, KeyError):
            pass
        return True
