"""The one line that says what was understood: ``edit · + at night · seed kept · 768×512``, or for several
different pictures in one message ``edit · 4 versions: spring, summer, autumn, winter · seed kept``."""

from __future__ import annotations

from conversation.actions import Action


def understood_line(action: Action, *, changes: tuple[str, ...] = (), seed_kept: bool | None = None,
                    size: tuple[int | None, int | None] | None = None, picture: int | None = None,
                    by: str = "rules", count: int = 1) -> str:
    """What was understood, in one line: the intent, then what it changed and how it was drawn."""
    parts = [action.intent]
    if action.intent in ("revert", "branch") and picture:
        parts.append(f"picture {picture}")
    if action.intent == "undo" and picture:
        parts.append(f"back to picture {picture}")
    if action.intent == "repeat" and count > 1:
        parts.append(f"×{count}")
    variants = getattr(action, "variants", ())
    if variants:  # each its own description: pictures; each a change of one thing: versions of it
        kind = "pictures" if any(v.description for v in variants) else "versions"
        parts.append(f"{len(variants)} {kind}: " + ", ".join(v.label for v in variants))
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
