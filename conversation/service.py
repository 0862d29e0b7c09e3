"""One home for a turn: ``TurnService.start_turn(user, conversation_id, text, settings) -> Turn``.

The chat, the HTTP API and the tests all call this. Its stages, in order:

1. check the input (:class:`TurnSettings`, one validator for every caller) and the conversation;
2. read what the conversation knows (the current scene, its pictures) and interpret the message
   (a chat model when configured, else the offline rules) into one typed action;
3. store the person's message with what was understood;
4. answer in text (question, chat, help), or build the scene the action asks for (one per picture when
   several different ones were asked, "in all four seasons"), write each prompt for the model that will
   draw it (``turn_requests``), and queue one job per image;
5. store each picture's scene with its own prompt, linked to the one it came from.

It returns at once; the jobs report through the job runner's events.
"""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any, Callable, Iterator

from pipeline.errors import GenerationError
from pipeline.jobs import JobRunner
from pipeline.request import GenerationRequest
from pipeline.router import Router
from prompts.errors import PromptError
from prompts.targets import get_target
from prompts.text import clean
from pipeline.source_image import inspect, png_size
from storage import NewImage, SceneRow, Store
from storage.quota import ImageQuota
from storage.records import UPLOAD_BACKEND

from conversation import keep
from conversation.actions import DRAWING, Chat, Help, Likeness, New, Question, SetSize
from conversation.describe import strip_request
from conversation.interpreter import Context, Interpretation, Interpreter, Picture
from conversation.message_text import MENDED_NOTE, mend
from conversation.replies import answer_question, chat_reply, help_text
from conversation.rules import RulesInterpreter
from conversation.scene import Scene
from conversation.scene_plan import plan_scene, planned_pictures, with_settings
from conversation.summary import understood_line
from conversation.turn_input import TurnRefused, TurnSettings, check_text
from conversation.turn_requests import Rewriter, Source, made_pictures, turn_requests
from conversation.turn_result import TaskInfo, Turn

HISTORY_TURNS = 8
# An explicit request to draw (POST /api/generate) is a picture even when the words read like small talk.
NOTHING_GIVEN = ("This picture was drawn from words, not from a picture of yours, so there is nothing to keep it closer "
                 "to. Attach a picture (the paperclip, or init_image in the API) to draw from it.")
DRAWN_AS_TYPED = "This reads like a chat message rather than a picture; it was drawn as typed."


class TurnService:
    def __init__(self, store: Store, jobs: JobRunner, router: Router, *,
                 interpreter: Interpreter | None = None,
                 tokenizer: Callable[[], Any] = lambda: None,
                 quota: ImageQuota | None = None):
        self.store = store
        self.jobs = jobs
        self.router = router
        self.quota = quota or ImageQuota(store, None)
        self.interpreter = interpreter or RulesInterpreter()
        self._rules = RulesInterpreter()
        self._tokenizer = tokenizer

    # ---- stage 2: what the conversation knows ------------------------------------------------------

    def context(self, conversation_id: str, settings: TurnSettings, user: str | None) -> tuple[Context, list[SceneRow]]:
        rows = self.store.scenes(conversation_id, user=user)
        head = rows[-1] if rows else None
        drawn = [r for r in rows if r.image_number is not None]
        pictures = tuple(_picture(r, [o for o in drawn if r.message_id and o.message_id == r.message_id]) for r in drawn)
        messages = self.store.messages(conversation_id, user=user)[-HISTORY_TURNS:]
        history = tuple((m.role, m.content or (m.image.prompt_sent if m.image else "")) for m in messages)
        target = self._target(settings)
        tgt = get_target(target)
        ctx = Context(scene=Scene.model_validate(head.scene) if head else None, pictures=pictures, history=history,
                      target=target, target_label=tgt.label, english_only=tgt.clip,
                      can_undo=bool(head and head.parent_id), given=self._origin(rows) is not None)
        return ctx, rows

    def _target(self, settings: TurnSettings) -> str:
        try:
            backend = self.router.pick(GenerationRequest(prompt="", backend=settings.backend or "auto"))
        except GenerationError:
            return "sd15"
        return self.router.prompt_target(backend)

    # ---- the daily allowance of anonymous visitors ------------------------------------------------

    def allowed_images(self, user: str | None, wanted: int) -> int:
        """How many of ``wanted`` pictures ``user`` may still make today; TurnRefused (429) when
        none. Checked before any work, so a refused message costs no interpretation or queueing."""
        now = datetime.now(timezone.utc)
        usage = self.quota.usage(user, now)
        if usage is None:
            return wanted
        if usage.remaining < 1:
            wait = (usage.resets_at - now).total_seconds() if usage.resets_at else None
            raise TurnRefused(usage.refusal(now), status=429, retry_after_s=wait)
        return min(wanted, usage.remaining)

    def count_images(self, user: str | None, queued: int = 1) -> None:
        """Count pictures just queued against ``user``'s allowance (if one applies)."""
        self.quota.record(user, queued)

    # ---- the turn ------------------------------------------------------------------------------------

    def start_turn(self, user: str | None, conversation_id: str | None, text: str,
                   settings: TurnSettings | None = None, *, rewrite: Rewriter | None = None,
                   must_draw: bool = False) -> Turn:
        """Interpret and act on one message; raises TurnRefused for bad input. ``rewrite`` lets a
        chat model reword the written prompt (the chat's optional "rewrite" switch). ``must_draw``
        (an explicit "generate"): the turn makes a picture whatever the words read like, and a
        refusal (queue full, a bad size) is raised rather than answered. With no
        ``conversation_id`` the picture is made and recorded as a task only."""
        interpretation = None
        for item in self.stream_turn(user, conversation_id, text, settings, rewrite=rewrite, must_draw=must_draw):
            if isinstance(item, Turn):
                return item
            interpretation = item
        raise RuntimeError(f"a turn ended without a result ({interpretation!r})")

    def stream_turn(self, user: str | None, conversation_id: str | None, text: str,
                    settings: TurnSettings | None = None, *, rewrite: Rewriter | None = None,
                    must_draw: bool = False) -> Iterator[str | Turn]:
        """Text deltas of a streamed reply (from a chat model), then the Turn."""
        settings = settings or TurnSettings()
        text, mended = mend(check_text(text))
        self.allowed_images(user, 1)
        words = keep.read(text)
        if words.strength_error:
            raise TurnRefused(words.strength_error, field="strength")
        if conversation_id is None:
            target = self._target(settings)
            ctx, rows = Context(target=target, target_label=get_target(target).label,
                                english_only=get_target(target).clip), []
        elif self.store.get_conversation(conversation_id, user=user) is None:
            raise TurnRefused("That conversation does not exist (or is not yours).", field="conversation_id",
                              status=404)
        else:
            ctx, rows = self.context(conversation_id, settings, user)
        if words.keep and ctx.scene is not None:  # "same scene in the evening": a change to the picture
            ctx = ctx.model_copy(update={"keep": True})
        if settings.image_id is not None:
            ctx = ctx.model_copy(update={"attached": True})
        interpretation: Interpretation | None = None
        said = clean(words.rest)  # without "same picture, but" / "--strength 0.4": the change alone
        for item in self.interpreter.stream(said, ctx):
            if isinstance(item, str):
                yield item
            else:
                interpretation = item
        if interpretation is None:
            interpretation = self._rules.interpret(said, ctx)
        if mended:
            interpretation = interpretation.model_copy(update={"notes": (*interpretation.notes, MENDED_NOTE)})
        if must_draw:
            interpretation = self._drawing(interpretation, words.rest, ctx, rows, settings)
        yield self._act(user, conversation_id, text, settings, ctx, rows, interpretation, rewrite, must_draw, words)

    def _drawing(self, interp: Interpretation, text: str, ctx: Context, rows: list[SceneRow],
                 settings: TurnSettings) -> Interpretation:
        """An explicit request to draw: an action that would not draw becomes a new picture of the words."""
        action = interp.action
        if action.intent in DRAWING and not isinstance(plan_scene(action, ctx, rows, settings), str):
            return interp
        return interp.model_copy(update={"action": New(description=strip_request(clean(text)) or clean(text)),
                                         "notes": (*interp.notes, DRAWN_AS_TYPED)})

    def _act(self, user, conv_id: str | None, text: str, settings: TurnSettings, ctx: Context, rows: list[SceneRow],
             interp: Interpretation, rewrite: Rewriter | None = None, must_draw: bool = False,
             words: keep.KeepWords | None = None) -> Turn:
        action = interp.action
        notes = list(interp.notes)
        base = dict(conversation_id=conv_id or "", intent=action.intent, by=interp.by, notes=notes)
        attached = settings.image_id

        def say(role: str, content: str, meta: dict) -> str:
            """Record a message in the conversation (none for a picture asked for outside one); the
            person's message shows the picture they attached."""
            image_id = attached if role == "user" else None
            return self.store.add_message(conv_id, role, content, meta=meta, image_id=image_id) if conv_id else ""

        def answer(reply: str, meta: dict, changes: tuple[str, ...] = (), refused: bool = False) -> Turn:
            """A turn answered in text: the person's message, then the reply, stored in that order."""
            line = understood_line(action, changes=changes, by=interp.by)
            mid = say("user", text, {"intent": action.intent, "understood": line})
            say("assistant", reply, {"intent": action.intent, "notes": notes, **meta})
            return Turn(message_id=mid, reply=reply, understood=line, refused=reply if refused else None, **base)

        if isinstance(action, Question):
            return answer(answer_question(action, ctx), {"status": "chat"})
        if isinstance(action, Chat):
            return answer(chat_reply(action, ctx), {"status": "chat"})
        if isinstance(action, Help):
            return answer(help_text(action), {"status": "chat"})

        head = rows[-1] if rows else None
        planned = plan_scene(action, ctx, rows, settings)
        if isinstance(planned, str):  # nothing to undo, no such picture...
            return answer(planned, {"status": "chat"})
        scene, parent_id, changes, count, picture = planned
        scene = with_settings(scene, settings)
        pictures = planned_pictures(action, scene, settings)  # one, or each variant asked for its own picture
        ops = getattr(action, "ops", ())
        liked = attached is None and any(isinstance(op, Likeness) for op in ops)
        # Walking back along the edits reads the store: only a plain edit of the picture on screen, or one asking
        # how much of the person's picture it keeps, asks it.
        words = words or keep.read(text)
        plain_edit = attached is None and not words.keep and head is not None and action.intent == "edit"
        origin = self._origin(rows) if (plain_edit or liked) and ctx.given else None  # ctx.given read it once already
        if liked and origin is None:
            return answer(NOTHING_GIVEN, {"status": "chat"}, tuple(changes))
        try:
            decision = keep.decide(action, words, attached=attached is not None,
                                   has_previous=head is not None, asked=settings.strength,
                                   styled=isinstance(action, New) and scene.style not in ("", "none"),
                                   from_picture=origin is not None, drawn_at=origin[1] if origin else None)
            source = self._source(decision, settings, rows, user, notes, given=origin[0] if origin else None,
                                  reshaped=any(isinstance(op, SetSize) for op in ops))
            try:
                drawn = turn_requests(self.router, self._tokenizer, pictures, settings, conv_id, user, text, count,
                                      rewrite, source)
            except GenerationError as exc:
                if source is None or decision.source != "previous" or getattr(exc, "field", None) != "init_image":
                    raise
                # Keeping the picture was only implied by the words ("same scene, but..."), and this model
                # cannot start from one (DALL-E 3): the changed scene is drawn anew, with a note saying so.
                notes.append(f"{exc.user_message} This picture was drawn anew from its description with the change.")
                decision = keep.KeepDecision("none", None, "")
                drawn = turn_requests(self.router, self._tokenizer, pictures, settings, conv_id, user, text, count,
                                      rewrite, None)
        except (GenerationError, PromptError) as exc:
            message = exc.user_message if isinstance(exc, GenerationError) else str(exc)
            answered = answer(message, {"status": "rejected", "reason": getattr(exc, "reason", "prompt")},
                              tuple(changes), refused=True)
            if must_draw:
                raise
            return answered
        requests = drawn.requests
        allowed = self.allowed_images(user, len(requests)) if requests else 0
        if allowed < len(requests):
            notes.append(f"Only {allowed} of {len(requests)} pictures were made: the limit on this app is "
                         f"{self.quota.per_day} a day.")
            requests = requests[:allowed]
        first = requests[0]
        gone_back_to = scene.seed if action.intent in ("branch", "undo", "revert") else None  # that picture's seed
        kept_seed = None
        if head is not None and action.intent in ("edit", "branch", "undo", "revert"):
            previous_seed = gone_back_to if gone_back_to is not None else ctx.scene.seed if ctx.scene else None
            kept_seed = first.seed == previous_seed if previous_seed is not None else None
        elif action.intent == "repeat":
            kept_seed = False
        line = understood_line(action, changes=tuple(changes), seed_kept=kept_seed, size=(first.width, first.height),
                               picture=picture, by=interp.by, count=count)
        if first.init_image is not None:
            line += f" · {keep.KeepDecision(decision.source, first.strength, decision.why).label()}"
            if first.mask is not None:
                line += " · painted region only"
        if interp.translated:
            line += " · translated"
        notes += drawn.notes
        mid = say("user", text, {"intent": action.intent, "understood": line, "notes": notes})
        tasks: list[TaskInfo] = []
        refused = None
        with self.jobs.together():  # queued at once: a message's images share one call where they can
            for req, owner in zip(requests, drawn.owners):
                try:
                    task_id = self.jobs.submit(req)
                    self.count_images(user)
                except GenerationError as exc:
                    refused = exc.user_message
                    if not tasks:
                        say("assistant", exc.user_message, {"status": "rejected", "reason": exc.reason})
                        if must_draw:
                            raise
                        return Turn(message_id=mid, reply=exc.user_message, understood=line, refused=refused, **base)
                    note = f"Only {len(tasks)} of {len(requests)} images were queued. {exc.user_message}"
                    say("assistant", note, {"status": "rejected", "reason": exc.reason})
                    refused = note
                    break
                tasks.append(TaskInfo(task_id=task_id, prompt_sent=req.prompt, negative_prompt=req.negative_prompt,
                                      seed=req.seed, width=req.width, height=req.height, steps=req.steps,
                                      guidance=req.guidance, style=req.style, backend=requests[0].backend,
                                      model=req.model or "", changes=[*changes, *pictures[owner].changes],
                                      warnings=[*interp.notes, *req.warnings],
                                      source_image_id=req.source_image_id, mask_image_id=req.mask_image_id,
                                      strength=req.strength))
        if conv_id is None:
            return Turn(message_id=mid, understood=line, tasks=tasks, refused=refused, **base)
        number = max((r.image_number or 0 for r in rows), default=0) + 1
        for at, (planned_one, queued) in enumerate(made_pictures(pictures, requests, drawn.owners, tasks)):
            req = queued[0][0]  # each picture's scene is stored with what it was drawn with, and its own prompt
            drawn_scene = planned_one.scene.with_(seed=req.seed, width=req.width, height=req.height, steps=req.steps,
                                                  guidance=req.guidance, backend=req.backend, model=req.model)
            self.store.add_scene(conv_id, scene=drawn_scene.model_dump(mode="json"), intent=action.intent,
                                 parent_id=parent_id, prompt=req.prompt, negative_prompt=req.negative_prompt,
                                 message_id=mid, task_ids=[task.task_id for _, task in queued], image_number=number + at)
        return Turn(message_id=mid, understood=line, tasks=tasks, refused=refused, **base)

    # ---- a picture to start from ------------------------------------------------------------------

    def attach_picture(self, user: str | None, data: bytes, *, role: str = "source",
                       conversation_id: str | None = None) -> str:
        """Keep a picture someone gives (to edit, or a mask for it) as one of their images, stored once
        by content like every image; return its id. Refused, before any work, when it is not a PNG,
        JPEG or WebP or is over the limits (pipeline.source_image)."""
        checked = inspect(data, "mask" if role == "mask" else "init_image")
        return self.store.add_image(NewImage(
            png=checked.data, mime=checked.mime, width=checked.width, height=checked.height, backend=UPLOAD_BACKEND,
            model="", prompt_typed="", extra={"role": role}, conversation_id=conversation_id, user=user))

    def _picture_bytes(self, image_id: str, user: str | None, field: str) -> bytes:
        found = self.store.image_bytes(image_id, user=user)
        if found is None:
            raise TurnRefused(f"There is no image {image_id!r} among yours.", field=field, status=404)
        return found[0]

    def _source(self, decision: keep.KeepDecision, settings: TurnSettings, rows: list[SceneRow], user: str | None,
                notes: list[str], given: str | None = None, reshaped: bool = False) -> "Source | None":
        """The picture (and mask) the turn starts from, read from the store, or None. ``given``: the picture the
        person gave that the picture on screen was drawn from."""
        if decision.source == "none":
            if settings.mask_id:
                raise TurnRefused("A mask needs the picture it belongs to: attach the picture too.", field="mask")
            return None
        if decision.source == "attached":
            image_id = str(settings.image_id)
        elif decision.source == "given" and given is not None:
            image_id = given
        else:
            image_id = self._latest_image(rows)
            if image_id is None:
                notes.append("The previous picture is not finished, so this one was drawn anew from its description.")
                return None
        data = self._picture_bytes(image_id, user, "image_id")
        mask = self._picture_bytes(settings.mask_id, user, "mask") if settings.mask_id else None
        return Source(image_id, data, decision.strength, settings.mask_id, mask, reshaped=reshaped,
                      size=png_size(data) if decision.source == "previous" else None)

    def _origin(self, rows: list[SceneRow]) -> tuple[str, float | None] | None:
        """The picture the person gave (their photo) that the picture on screen comes from, however many edits back,
        and the strength the picture on screen was drawn with from its own source; None when it was drawn from
        words (even one edited with "same picture, but", which is re-rendered from its scene as before)."""
        for row in reversed(rows):
            if row.image_number is None:
                continue
            task = self.store.get_task(row.task_ids[0]) if row.task_ids else None
            request = (task.request or {}) if task is not None else {}
            source, strength = request.get("source_image_id"), request.get("strength")
            for _ in range(50):  # a chain of edits, each naming the picture it started from
                record = self.store.image_record(source) if source else None
                if record is None:
                    return None
                if record.backend == UPLOAD_BACKEND:
                    return source, strength
                source = (record.extra or {}).get("source_image_id")
            return None
        return None

    def _latest_image(self, rows: list[SceneRow]) -> str | None:
        """The picture the current scene made (its first image), when it is finished."""
        for row in reversed(rows):
            if row.image_number is None:
                continue
            for task_id in row.task_ids:
                task = self.store.get_task(task_id)
                if task is not None and task.image_id:
                    return task.image_id
            return None
        return None


def _picture(row: SceneRow, same_message: list[SceneRow]) -> Picture:
    s = row.scene
    place = next((i for i, o in enumerate(same_message, 1) if o.id == row.id), 1)
    return Picture(number=row.image_number or 0, prompt_sent=row.prompt, negative_prompt=row.negative_prompt,
                   seed=s.get("seed"), steps=s.get("steps"), guidance=s.get("guidance"), width=s.get("width"),
                   height=s.get("height"), backend=s.get("backend") or "", model=s.get("model") or "",
                   style=s.get("style") or "none", batch=max(1, len(row.task_ids)),
                   variants=max(1, len(same_message)), variant=place)
