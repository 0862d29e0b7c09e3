"""The notes atop the page: which backends are ready, and the warning for a public link without a
login."""

from __future__ import annotations

from pipeline.router import Router
from web import render
from web.identity import SHARED, People, who_sees_what


def status_markdown(router: Router) -> str:
    parts = []
    for s in router.status():
        mark = "🟢" if s.available else "⚪"
        detail = render.escape_text(s.model) if s.available else render.escape_text(s.why)
        parts.append(f"{mark} **{s.name}**: {detail}")
    return " · ".join(parts) + f" · backend choice: **{router.default}**"


SHARE_WARNING = ("⚠️ **This app is shared by a public link without a login**: anyone with the link can make images "
                 "on this machine and see these conversations. Restart it with `--auth user:password` to require one.")


def share_warning(people: People) -> str:
    """The page's warning for a public link without a login: what anyone with the link can do and see."""
    if people.mode == SHARED:
        return SHARE_WARNING
    return ("⚠️ **This app is shared by a public link without a login**: anyone with the link can make images on "
            "this machine. " + who_sees_what(people.mode, hf_oauth=people.hf_oauth))
