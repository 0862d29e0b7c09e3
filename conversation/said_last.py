"""A request said last, after words that only remark or ask: "mmm no, is too much. go back to the one before the snow",
"ok the first one was the best ngl. use that one", "why does the egg look weird? make it more realistic", "perfect,
that's the one for my wall. can i get it wider". The last sentence decides (or, when it only points, "use that one",
the picture the sentences before it name); what comes before may not ask a change itself."""

from __future__ import annotations

import re
from typing import Callable

from conversation.actions import Action, Branch, Chat, Edit, Help, Question, Repeat, Revert, SetSeed, Undo

from conversation.interpreter import Context

_REQUEST = re.compile(r"(?<!\bi\s)(?<!\bwe\s)(?<!\byou\s)(?<!\bto\s)\b(?:make|add|remove|put|give|turn|change|draw|try|replace|swap|paint|render|"
                      r"generate|create)\b", re.I)  # not "the pictures I make"
# Words that only point at a picture already named or meant: "use that one", "back to that", "let's go with that".
_POINTER = re.compile(r"^\W*(?:(?:so|ok(?:ay)?|then|yeah|pls|please|just|and)\s+)*(?:(?:let'?s\s+)?(?:use|go\s+with|keep|take|pick)\s+"
                      r"(?:that|it|this|that\s+one|this\s+one|those|the\s+one)|(?:go\s+)?back\s+to\s+(?:that|it|that\s+one|"
                      r"the\s+one)|that\s+one(?:\s+(?:please|pls|again))?|bring\s+(?:that|it)\s+back)(?:\s+(?:please|pls|then|again|"
                      r"instead|one))*\W*$", re.I)
# "is this like rembrandt style? make it more like that": the look the question named
_LOOK_ASKED = re.compile(r"\b(?:like|in|of)\s+(?:an?\s+|the\s+)?(?P<look>[\w' -]{2,40}?(?:\s+style)?)\s*\?", re.I)
# A sentence that asks something be done, not "just checking"
_ASKED = re.compile(_REQUEST.pattern + r"|\b(?:can|could|would)\s+(?:i|you|u|we)\b|^\W*(?:(?:also|and)\s+)?(?:can|could|might|may)\s+(?:it|the|"
                    r"this|that|he|she|they|his|her)\b|\b(?:please|pls|zoom|more|less|again|another|"
                    r"bigger|smaller|wider|taller)\b", re.I)
_THAT_THING = re.compile(r"^\W*(?:(?:and|then|so|pls|please|just)\s+)*(?:remove|delete|erase|move|take|get\s+rid\s+of|lose|drop|"
                         r"fix|change|recolou?r|shrink|enlarge)\s+(?:it|them|him|her|that|those)\b", re.I)
_LIKE_THAT = re.compile(r"\blike\s+(?:that|this|it)\b(?!\s+\w+\s+(?:is|was))", re.I)
_SPLIT = re.compile(r"(?<=[.!?;])\s+|,\s+(?=(?:so\s+|ok\s+|then\s+|just\s+|pls\s+|please\s+)*(?:let'?s\s+)?(?:use|go|back|take|pick|"
                    r"bring|that one|give\s+me|make)\b)", re.I)

Read = Callable[[str, Context], "tuple[Action, tuple[str, ...]]"]


def said_last(text: str, ctx: Context, read: Read, typed: str | None = None) -> tuple[Action, tuple[str, ...]] | None:
    """What the last sentence asks (read by ``read``, the rules) when the sentences before it only remark or ask,
    or the picture they name when the last only points at it; None otherwise. ``typed``: the message before the
    remarks the rules drop were taken out, where a picture may be named ("the first one was the best.")."""
    if ctx.scene is None:
        return None
    if len(ctx.pictures) >= 2:
        for said in dict.fromkeys((typed or text, text)):
            parts = [p for p in _SPLIT.split(said.strip()) if p.strip(" .!?;,")]
            if len(parts) >= 2 and not _REQUEST.search(" ".join(parts[:-1])):  # "make it darker. then go back": more than that
                back = _back(" ".join(parts[:-1]), parts[-1], ctx, read)
                if back is not None:
                    return back
    parts = [p for p in _SPLIT.split(text.strip()) if p.strip(" .!?;,")]
    if len(parts) < 2:
        return None
    before, last = " ".join(parts[:-1]), parts[-1]
    if len(ctx.pictures) >= 2 and (_THEN.search(f", {last}") or _VARIED.search(f", {last}")) and not _REQUEST.search(before):
        named = read(before, ctx)[0]  # "the second frame was the best, give me a variation of that": a branch from it
        if isinstance(named, (Revert, Undo)):
            branched = changed_after(named, f"{before}, {last}", ctx, read)
            if isinstance(branched, Branch):
                return branched, ()
    if not _REQUEST.search(text) and all(len(part.split()) >= 3 and not re.match(r"\W*or\b", part, re.I) for part in parts) \
            and all(isinstance(read(part, ctx)[0], Chat) for part in parts):
        return read(last, ctx)  # "My father drove one of these. He would have liked this.": remarks, each
    if _REQUEST.search(before) or not _ASKED.search(last) or _THAT_THING.match(last):
        return None  # "the bucket looks out of place. remove it": "it" is what the remark named, read elsewhere
    looked = _LOOK_ASKED.search(before)
    if looked and _LIKE_THAT.search(last):  # "is this like rembrandt style? make it more like that, darker"
        last = _LIKE_THAT.sub(f"like {looked.group('look')}", last, count=1)
    last = re.sub(r"^\W*(?:(?:also|and|then|plus)[,\s]+)+", "", last, flags=re.I)  # "… ? also could the sky be pinker"
    action, notes = read(last, ctx)
    if not isinstance(action, (Edit, Branch, Repeat)):
        return None
    for part in parts[:-1]:
        if not isinstance(read(part, ctx)[0], (Chat, Question, Help)):
            return None  # "the sign is long. make it wide": a sentence that says something of the picture
    return action, notes


def _back(before: str, last: str, ctx: Context, read: Read) -> tuple[Action, tuple[str, ...]] | None:
    """Going back said last ("… . go back to the one before the snow"), or a picture named then pointed at."""
    if not _POINTER.match(last):
        if _REQUEST.search(last):
            return None
        back = read(last, ctx)
        if not isinstance(back[0], (Undo, Revert)):
            return None
        if back[0] != Undo():
            return back
    named = read(before, ctx)  # "the first one was the best ngl. use that one", "… . go back": that one
    if isinstance(named[0], Revert):
        return named
    return (Undo(), ()) if not _POINTER.match(last) or isinstance(named[0], Undo) else None


# "I prefer the first, but more blue colors", "the first was better. can I have that one but with the wings spread":
# the change said after the picture gone back to
_BUT = re.compile(r"(?:^|[\s,;.])(?:but|only|just)\s+(?:(?:with|w/)\s+(?P<with>.+)|(?P<change>(?:more|less|make|add|in|at|without|no|"
                  r"remove|change|give|put|bluer|darker|brighter|warmer|cooler|bigger|smaller)\b.+))$", re.I)


# "the first one was the best, use that and wake him up", "the croissant one was the best, make a 9:16 of it"
_THEN = re.compile(r"[,.;!]\s*(?:and\s+|so\s+|then\s+|now\s+)?(?:(?:and\s+)?(?:instead|this\s+time|then)\s+)?(?:(?:use|take)\s+(?:that|it|this)(?:\s+one)?\s+and\s+)?(?P<change>(?:make|add|put|"
                   r"turn|change|wake|remove|give\s+(?:him|her|it|them))\b.+)$", re.I)
_VERSION_OF = re.compile(r"\b(?:also\s+)?(?:show\s+me|give\s+me|do|make|try)\s+(?P<v>an?\s+[\w' -]+?\s+(?:version|one))\s+of\s+(?:the\s+)?"
                         r"(?:first|second|third|last|previous|original|[\w-]+\s+one)\b", re.I)
# "the second frame was the best, give me a variation of that": that picture on a new seed
_VARIED = re.compile(r"[,.;!]\s*(?:so\s+|now\s+)?(?:give\s+me|make|do|try)\s+(?:a|another|one\s+more)\s+(?:variation|version|take|variant)\s+"
                     r"(?:of|from|on)\s+(?:that|it|this|that\s+one)\W*$", re.I)


def changed_after(action: Action, text: str, ctx: Context, read: Read) -> Action:
    """A picture gone back to with a change said after it: a branch from that picture with that change."""
    if isinstance(action, Undo) and action.steps == 1 and len(ctx.pictures) >= 2:
        action = Revert(image=ctx.pictures[-2].number)  # "the hammer one was the best, …" when it is the one just before
        changed = changed_after(action, text, ctx, read)
        return changed if isinstance(changed, Branch) else Undo()
    if not isinstance(action, Revert):
        return action
    version = _VERSION_OF.search(text.strip())
    if version:  # "keep that, but also show me a summer version of the first one"
        change = read(version.group("v"), ctx)[0]
        if isinstance(change, Edit) and not change.variants:
            return Branch(image=action.image, pick=action.pick, ops=change.ops)
    if _VARIED.search(text.strip()):
        return Branch(image=action.image, pick=action.pick, ops=(SetSeed(seed=None),))
    m = _BUT.search(text.strip()) or _THEN.search(text.strip())
    if m is None:
        return action
    said = f"add {m.group('with')}" if m.re is _BUT and m.group("with") else m.group("change")
    change = read(said.strip(" .!?"), ctx)[0]
    if not isinstance(change, Edit) or change.variants:
        return action
    return Branch(image=action.image, pick=action.pick, ops=change.ops)
