"""Markdown for the chat: pure functions, everything a person typed escaped to inert text."""

from __future__ import annotations

import base64
import re
from dataclasses import dataclass, field
from typing import Any, Sequence

# Every ASCII punctuation mark may be backslash-escaped in CommonMark; escaping them all means no
# typed character can open a link, an image, emphasis, code, a table or math. <, > and & become
# entities so no tag can form, whatever the sanitizer does.
_PUNCT = re.compile(r"([\\`*_{}\[\]()#+\-.!|~$=:\"'^/?%@,;])")
_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}


def escape_text(text: str) -> str:
    """Text shown exactly as typed: no markup, no HTML, no math."""
    text = _PUNCT.sub(r"\\\1", text)
    return "".join(_ENTITIES.get(ch, ch) for ch in text)


def image_url(image_id: str) -> str:
    return f"/api/images/{image_id}"


@dataclass
class LiveView:
    """What the chat shows while one image forms; updated event by event."""

    typed: str
    prompt_sent: str
    backend: str = ""
    model: str = ""
    queue_position: int | None = None
    loading: bool = False  # out of the queue, the model loading for it
    started: bool = False
    step: int = 0
    total: int | None = None
    eta_s: float | None = None
    elapsed_s: float = 0.0
    preview_jpeg: bytes | None = None
    seed: int | None = None
    size: str = ""
    warnings: tuple[str, ...] = ()
    changes: tuple[str, ...] = ()


def shown_state(view: LiveView) -> tuple:
    """What :func:`progress_markdown` and a batch's status line show of ``view``, as a value: two
    views with equal states render alike, so a frame whose views kept their states need not be drawn
    again (a waiting picture's view changes only when its place in the queue does)."""
    if not view.started:
        status: tuple = ("waiting", view.queue_position or 0)  # None and 0 both read "next in line"
    elif view.total:
        # the ETA as shown: whole seconds (format's rounding is round()'s), and only before the end
        eta = round(view.eta_s) if view.eta_s is not None and view.step < view.total else None
        status = ("steps", view.step, view.total, eta)
    else:
        status = ("elapsed", view.model, round(view.elapsed_s))
    return status, view.preview_jpeg, view.typed, view.prompt_sent, view.warnings, view.changes


def progress_markdown(view: LiveView) -> str:
    lines = []
    if not view.started and view.loading:
        lines.append("⏳ **Loading the model…**")
    elif not view.started:
        where = "next in line" if not view.queue_position else f"position {view.queue_position + 1} in the queue"
        lines.append(f"⏳ **Waiting** ({where})")
    elif view.total:
        pct = round(100 * view.step / view.total)
        eta = f" · about {view.eta_s:.0f} s left" if view.eta_s is not None and view.step < view.total else ""
        bar = "█" * (pct // 10) + "░" * (10 - pct // 10)
        lines.append(f"🎨 **Step {view.step}/{view.total}** · {pct}% {bar}{eta}")
    else:
        lines.append(f"🎨 **Generating with {escape_text(view.model)}** · {view.elapsed_s:.0f} s elapsed")
    if view.preview_jpeg:
        data = base64.b64encode(view.preview_jpeg).decode("ascii")
        lines.append(f"![preview of the forming image](data:image/jpeg;base64,{data})")
    lines.append(_prompt_lines(view.typed, view.prompt_sent))
    lines.extend(_notes(view.warnings, view.changes))
    return "\n\n".join(lines)


def _prompt_lines(typed: str, sent: str) -> str:
    if typed.strip() == sent.strip():
        return f"**Prompt sent:** {escape_text(sent)}"
    return f"**Prompt sent:** {escape_text(sent)}\n\n**You typed:** {escape_text(typed)}"


def _notes(warnings: tuple[str, ...] | list[str], changes: tuple[str, ...] | list[str] = ()) -> list[str]:
    out = []
    if changes:
        out.append("**Changed:** " + " · ".join(escape_text(c) for c in changes))
    out.extend(f"⚠️ {escape_text(w)}" for w in warnings)
    return out


def result_markdown(image: Any) -> str:
    """A stored image with its recipe. ``image`` is a storage ImageRecord."""
    extra = image.extra or {}
    lines = [
        _image_markdown(image),
        _prompt_lines(image.prompt_typed, image.prompt_sent),
    ]
    if image.negative_prompt:
        lines.append(f"**Negative prompt:** {escape_text(image.negative_prompt)}")
    if image.style and image.style != "none":
        lines.append(f"**Style:** {escape_text(image.style)}")
    lines.append(_facts(image))
    lines.extend(_notes(extra.get("warnings") or [], extra.get("changes") or []))
    return "\n\n".join(lines)


def _image_markdown(image: Any) -> str:
    return f"![{escape_text(_alt(image.prompt_typed))}]({image_url(image.id)})"


def _facts(image: Any) -> str:
    timings = image.timings or {}
    facts = [image.backend, image.model, f"{image.width}×{image.height}"]
    if image.seed is not None:
        facts.append(f"seed {image.seed}")
    if image.steps is not None:
        facts.append(f"{image.steps} steps")
    if image.guidance is not None:
        facts.append(f"guidance {image.guidance:g}")
    facts.extend(_option_facts(image.extra or {}))
    extra = image.extra or {}
    if isinstance(extra.get("strength"), (int, float)):  # an edit: the recipe says what it started from
        what = "region repainted" if extra.get("edit") == "inpainting" else "edited from a picture"
        facts.append(f"{what}, strength {extra['strength']:g}")
    if "total_s" in timings:
        facts.append(f"{timings['total_s']:.1f} s")
    return " · ".join(escape_text(str(f)) for f in facts)


def _option_facts(extra: dict) -> list[str]:
    """OpenAI's options as the recipe keeps them: quality, style, background, format (compression)."""
    out = []
    if isinstance(extra.get("quality"), str):
        out.append(f"quality {extra['quality']}")
    if isinstance(extra.get("style"), str):
        out.append(f"{extra['style']} style")
    if isinstance(extra.get("background"), str) and extra["background"] != "auto":
        out.append(f"{extra['background']} background")
    if isinstance(extra.get("output_format"), str):
        compression = extra.get("output_compression")
        out.append(f"sent as {extra['output_format']}" + (f" {compression}%" if isinstance(compression, int) else ""))
    return out


def results_markdown(items: list[Any]) -> str:
    """One assistant message holding several results: ImageRecords side by side (a batch, or
    re-rolls kept next to each other), each with its own facts, then any text (failures, notes).
    A single image reads exactly as :func:`result_markdown`."""
    images = [i for i in items if i is not None and not isinstance(i, str)]
    texts = [escape_text(i) for i in items if isinstance(i, str) and i.strip()]
    if len(images) == 1:
        return "\n\n".join([result_markdown(images[0]), *texts])
    if not images:
        return "\n\n".join(texts)
    first = images[0]
    # images in one paragraph sit side by side
    lines = [" ".join(_image_markdown(i) for i in images)]
    prompts_sent = {(i.prompt_typed, i.prompt_sent) for i in images}
    if len(prompts_sent) == 1:
        lines.append(_prompt_lines(first.prompt_typed, first.prompt_sent))
        if first.negative_prompt:
            lines.append(f"**Negative prompt:** {escape_text(first.negative_prompt)}")
        lines.extend(f"**{n}.** {_facts(i)}" for n, i in enumerate(images, 1))
    else:
        for n, image in enumerate(images, 1):
            lines.append(f"**{n}.** {escape_text(' '.join(image.prompt_sent.split()))}\n\n{_facts(image)}")
    extra = first.extra or {}
    lines.extend(_notes(extra.get("warnings") or [], extra.get("changes") or []))
    return "\n\n".join(lines + texts)


def batch_progress_markdown(views: list[LiveView], results: list[Any], notes: tuple[str, ...] = ()) -> str:
    """Several images forming at once: a status line each, finished ones and previews side by side."""
    if len(views) == 1 and results[0] is None and not notes:
        return progress_markdown(views[0])
    done = sum(r is not None for r in results)
    lines = [f"🎨 **{done} of {len(views)} images done**"]
    pictures = []
    for n, (view, result) in enumerate(zip(views, results), 1):
        if result is not None and not isinstance(result, str):
            pictures.append(_image_markdown(result))
        elif result is None and view.preview_jpeg:
            data = base64.b64encode(view.preview_jpeg).decode("ascii")
            pictures.append(f"![preview of image {n}](data:image/jpeg;base64,{data})")
        if result is None:
            lines.append(f"{n}. " + _status_line(view))
    if pictures:
        lines.append(" ".join(pictures))
    first = views[0]
    lines.append(_prompt_lines(first.typed, first.prompt_sent))
    lines.extend(_notes(first.warnings, first.changes))
    lines.extend(escape_text(n) for n in notes)
    return "\n\n".join(lines)


def _status_line(view: LiveView) -> str:
    if not view.started:
        return "⏳ waiting" + (f" (position {view.queue_position + 1})" if view.queue_position else "")
    if view.total:
        return f"step {view.step}/{view.total} · {round(100 * view.step / view.total)}%"
    return f"{view.elapsed_s:.0f} s elapsed"


def _alt(text: str) -> str:
    text = " ".join(text.split())
    return text[:80] + ("…" if len(text) > 80 else "")


def text_markdown(text: str) -> str:
    return escape_text(text)


def user_markdown(text: str, understood: str | None = None, picture_id: str | None = None) -> str:
    """What the person typed (under the picture they sent with it), and under it the one line saying
    what was understood."""
    shown = escape_text(text)
    if picture_id:
        shown = f"![the picture you sent]({image_url(picture_id)})\n\n{shown}"
    if understood:
        shown += f"\n\n*understood: {escape_text(understood)}*"
    return shown


@dataclass(frozen=True)
class ChatMessage:
    role: str
    content: str
    metadata: dict = field(default_factory=dict)

    def as_dict(self) -> dict:
        out: dict = {"role": self.role, "content": self.content}
        if self.metadata:
            out["metadata"] = self.metadata
        return out


class Notice(str):
    """Text that stands in a message of its own, never merged with its neighbours (a job that the
    server's restart interrupted: a later retry's image is not part of it)."""


def live_markdown(items: list[Any]) -> str:
    """One assistant message whose pictures may still be forming: stored results (ImageRecords,
    texts) and :class:`LiveView` s, in order. With nothing forming it reads as
    :func:`results_markdown`; one picture forming alone reads as :func:`progress_markdown`."""
    if not any(isinstance(i, LiveView) for i in items):
        return results_markdown(items)
    entries = [i for i in items if i is not None and not isinstance(i, str)]
    notes = tuple(str(i) for i in items if isinstance(i, str) and i.strip())
    views = [i if isinstance(i, LiveView) else LiveView(typed=i.prompt_typed, prompt_sent=i.prompt_sent)
             for i in entries]
    results = [None if isinstance(i, LiveView) else i for i in entries]
    return batch_progress_markdown(views, results, notes)


def conversation_messages(
    records: list[Any],
    anchors: dict[str, str] | None = None,
    live: Sequence[tuple[str, LiveView]] = (),
    pending: Sequence[str] = (),
) -> list[dict]:
    """Storage MessageRecords → Gradio chat messages. Consecutive assistant messages (a batch,
    re-rolls, a note about a refused part of a batch) become one message, images side by side.

    ``anchors`` maps a task id to the id of the person's message that asked for it: that task's
    result is shown under that message even when it was stored after later messages (a message sent
    while a picture formed). ``live`` are tasks still forming (task id, its progress), shown where
    their result will be; ``pending`` are messages sent but not stored yet, shown last."""
    anchors = anchors or {}
    blocks: list[tuple[Any | None, list[Any]]] = [(None, [])]
    by_message: dict[str, list[Any]] = {}

    def block_for(task_id: str | None) -> list[Any]:
        found = by_message.get(anchors.get(task_id, "")) if task_id else None
        return found if found is not None else blocks[-1][1]

    for rec in records:
        if rec.role != "assistant":
            items: list[Any] = []
            blocks.append((rec, items))
            by_message[rec.id] = items
            continue
        block_for(rec.task_id).append(_stored_item(rec))
    for task_id, view in live:
        block_for(task_id).append(view)
    out: list[dict] = []
    for rec, items in blocks:
        if rec is not None:
            out.append(ChatMessage(rec.role, user_markdown(rec.content, (rec.meta or {}).get("understood"),
                                                           rec.image_id)).as_dict())
        out.extend(ChatMessage("assistant", live_markdown(group)).as_dict() for group in _groups(items))
    out.extend(ChatMessage("user", user_markdown(text)).as_dict() for text in pending)
    return out


def _stored_item(rec: Any) -> Any:
    meta = rec.meta or {}
    if rec.image is not None:
        return rec.image
    if rec.image_id or meta.get("status") == "succeeded":
        return "This image was deleted."
    if meta.get("status") == "interrupted":
        return Notice(rec.content)
    notes = [n for n in meta.get("notes") or () if isinstance(n, str) and n.strip()]
    return "\n\n".join([rec.content, *(f"⚠️ {n}" for n in notes)]) if notes else rec.content


def _groups(items: list[Any]) -> list[list[Any]]:
    groups: list[list[Any]] = []
    current: list[Any] = []
    for item in items:
        if isinstance(item, Notice):
            if current:
                groups.append(current)
                current = []
            groups.append([item])
        else:
            current.append(item)
    if current:
        groups.append(current)
    return groups
