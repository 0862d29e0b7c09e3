"""The one line that says what was understood: ``edit · + at night · seed kept · 768×512``."""

from __future__ import annotations

from conversation.actions import Action


def understood_line(action: Action, *, changes: tuple[str, ...] = (), seed_kept: bool | None = None,
                    size: tuple[int | None, int | None] | None = None, picture: int | None = None,
                    by: str = "rules", count: int = 1) -> str:
    parts = [action.intent]
    if action.intent in ("revert", "branch") and picture:
        parts.append(f"picture {picture}")
    if action.intent == "undo" and picture:
        parts.append(f"back to picture {picture}")
    if action.intent == "repeat" and count > 1:
        parts.append(f"×{count}")
    if action.intent == "question":
        parts.append(getattr(action, "topic", ""))
    parts += [c for c in changes[:6]]
    if len(changes) > 6:
        parts.append(f"+{len(changes) - 6} more")
    if seed_kept is True:
        parts.append("seed kept")
    elif seed_kept is False and action.intent in ("edit", "repeat", "branch"):
        parts.append("new seed")
    if size and size[0] and size[1]:
        parts.append(f"{size[0]}×{size[1]}")
    if by != "rules":
        parts.append(f"by {by}")
    return " · ".join(dict.fromkeys(p for p in parts if p))  # "new seed" said by a change and by the seed: once
