"""A picture given with a message that names it: "here's my living room, can you show it with dark green walls?",
"turn this photo of my dog into a watercolor painting". The picture named is the scene, and the change asked of
it is read as a change of that scene, drawn from the given picture."""

from __future__ import annotations

import re
from typing import Callable

from conversation.actions import Action, Edit, New
from conversation.interpreter import Context
from conversation.scene import Scene

_HERES_MY = re.compile(r"^\W*(?:here'?s|here is|this is|these are|that'?s|attached is|i'?ve attached)\s+(?:my|our|a|the)\s+"
                       r"(?P<what>[\w' -]{2,50}?)(?:\s+(?:photo|pic|picture))?\s*[,.!:;]+\s*(?P<rest>.*)$", re.I)
_PHOTO_OF = re.compile(r"\b(?:this|the|my|that)\s+(?:photo|picture|pic|image|selfie|shot)\s+of\s+(?:my|our|a|an|the|me and my)\s+"
                       r"(?P<what>[\w'-]+(?:\s+(?!(?:into|in|as|to|with|for|and|on|at|look|like)\b)[\w'-]+)?)", re.I)
_SHOW_IT = re.compile(r"^\W*(?:(?:can|could|would)\s+(?:you|u)\s+)?(?:please\s+)?(?:show|draw|render|make|give me)\s+(?:it|this|that|me it)\s+"
                      r"(?:(with\s+)|(?=in|as|at|without))", re.I)

Read = Callable[[str, Context], "tuple[Action, tuple[str, ...]]"]


def given_picture(text: str, ctx: Context, read: Read) -> tuple[Action, tuple[str, ...]] | None:
    """A new picture of what the given picture shows, changed as asked (``read`` reads the change as the rules
    would, of that scene), or None when the message does not name the picture or asks no change of it."""
    m = _HERES_MY.match(text.strip())
    of = _PHOTO_OF.search(text)
    if m and m.group("rest"):  # "here's a photo of my living room, …": the living room
        what = re.sub(r"^(?:(?:rough|quick|old|little|first|current|own)\s+)*(?:(?:pencil|ink|hand-?drawn)\s+)?(?:photo|picture|pic|shot|"
                      r"snap|image|sketch|drawing|doodle)\s+of\s+(?:my|our|a|an|the)\s+", "", m.group("what"), flags=re.I)
        what = re.sub(r"^(?:current|old|existing|own)\s+", "", what, flags=re.I)  # "my current logo": the logo
        rest = m.group("rest")
    elif of:  # "turn this photo of my dog into a watercolor painting": the dog, in the look asked
        what, rest = of.group("what"), text[:of.start()] + " it " + text[of.end():]
    else:
        return None  # the picture is not named: the message is read as any other is
    rest = re.sub(r"\b(?:turn|make|draw|paint|render)\s+(?:him|her|them)\b", lambda v: f"{v.group(0).split()[0]} it", rest, flags=re.I)
    rest = _SHOW_IT.sub(lambda s: "add " if s.group(1) else "make it ", rest).strip(" ?")  # "turn him into …": the dog is "it"
    action, notes = read(rest, ctx.model_copy(update={"scene": Scene(subject=what), "pictures": ()}))
    if isinstance(action, Edit):
        return New(description=what, ops=action.ops), notes
    return None
