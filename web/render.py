"""Markdown for the chat: pure functions, everything a person typed escaped to inert text."""

from __future__ import annotations

import base64
import re
from dataclasses import dataclass, field
from typing import Any

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


def progress_markdown(view: LiveView) -> str:
    lines = []
    if not view.started:
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
    timings = image.timings or {}
    facts = [image.backend, image.model, f"{image.width}×{image.height}"]
    if image.seed is not None:
        facts.append(f"seed {image.seed}")
    if image.steps is not None:
        facts.append(f"{image.steps} steps")
    if image.guidance is not None:
        facts.append(f"guidance {image.guidance:g}")
    if "total_s" in timings:
        facts.append(f"{timings['total_s']:.1f} s")
    lines = [
        f"![{escape_text(_alt(image.prompt_typed))}]({image_url(image.id)})",
        _prompt_lines(image.prompt_typed, image.prompt_sent),
    ]
    if image.negative_prompt:
        lines.append(f"**Negative prompt:** {escape_text(image.negative_prompt)}")
    if image.style and image.style != "none":
        lines.append(f"**Style:** {escape_text(image.style)}")
    lines.append(" · ".join(escape_text(str(f)) for f in facts))
    lines.extend(_notes(extra.get("warnings") or [], extra.get("changes") or []))
    return "\n\n".join(lines)


def _alt(text: str) -> str:
    text = " ".join(text.split())
    return text[:80] + ("…" if len(text) > 80 else "")


def text_markdown(text: str) -> str:
    return escape_text(text)


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


def conversation_messages(records: list[Any]) -> list[dict]:
    """Storage MessageRecords → Gradio chat messages."""
    out = []
    for rec in records:
        if rec.role == "assistant" and rec.image is not None:
            out.append(ChatMessage("assistant", result_markdown(rec.image)).as_dict())
        else:
            out.append(ChatMessage(rec.role, text_markdown(rec.content)).as_dict())
    return out
