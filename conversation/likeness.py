"""How much of the person's own picture a picture drawn from it keeps, said in words: "keep it closer to my photo",
"it doesn't look like my dog anymore", "you changed too much" (closer), "be more creative with it", "it barely
changed" (further), "lower the strength to 0.3" (that strength). Read when the picture on screen was drawn from a
picture the person gave, or when the words name that picture ("my photo"; with none given, the turn says so); the rest
of the message, when it asks more, is read as any change is."""

from __future__ import annotations

import re
from typing import Callable

from conversation.actions import Action, Edit, Likeness
from conversation.interpreter import Context

_THEIRS = (r"(?:(?:my|our|the|his|her)\s+(?:own\s+|original\s+|first\s+|real\s+)?(?:photo(?:graph)?|picture|pic|image|sketch|drawing|"
           r"doodle|scan|upload|reference|original|source|selfie)|the\s+original|(?:what|the\s+one)\s+i\s+(?:sent|gave|uploaded|"
           r"attached|shared))")
_CLOSER = re.compile(
    rf"\b(?:(?:keep|make|stay|bring|get|put)\s+(?:it\s+|this\s+|that\s+|them\s+)?)?(?:(?:a\s+lot|much|a\s+bit|a\s+little|way)\s+)?"
    rf"(?:even\s+)?(?:closer|nearer|truer|more\s+faithful)(?:\s+still)?\s+to\s+{_THEIRS}|"
    rf"\bmore\s+like\s+{_THEIRS}|\bstick\s+(?:closer\s+)?to\s+{_THEIRS}|\bkeep\s+more\s+of\s+{_THEIRS}|"
    rf"\btoo\s+(?:different|far)\s+from\s+{_THEIRS}|"
    r"\b(?:it|this|that|he|she|they|(?:the|my|our)\s+[\w-]+(?:\s+[\w-]+)?)\s+(?:doesn'?t|does\s+not|don'?t|do\s+not|no\s+longer)\s+"
    r"looks?\s+like\s+(?:my|our|me|him|her|us|them|mine|ours|the\s+original)\b[\w' ]{0,30}?(?:\s+any\s*more)?(?=\W*$|[,.;!]|\s+(?:so|and|but|can|could|please)\b)|"
    r"\b(?:you\s+)?chang(?:ed|es?)\s+(?:it\s+|too\s+much|way\s+too\s+much)(?:too\s+much)?|\btoo\s+much\s+(?:has\s+)?changed\b|"
    r"\bchange\s+(?:it\s+)?less\b|\bless\s+(?:of\s+a\s+)?change\b|\b(?:lower|reduce|decrease|less)\s+(?:the\s+)?(?:denoising\s+)?strength\b",
    re.I)
_FURTHER = re.compile(
    rf"\b(?:further|farther)\s+(?:away\s+)?from\s+{_THEIRS}|\bless\s+like\s+{_THEIRS}|"
    rf"\b(?:still\s+)?looks?\s+(?:too\s+much\s+|just\s+|exactly\s+)?(?:like|the\s+same\s+as)\s+{_THEIRS}|"
    r"\b(?:barely|hardly|didn'?t\s+really)\s+chang(?:ed|e)\b|\bchange\s+(?:it\s+)?(?:a\s+lot\s+|much\s+|way\s+)?more\b|"
    r"\b(?:be\s+)?more\s+(?:creative|creativity|freedom|liberties|adventurous|daring)(?:\s+with\s+(?:it|this|that))?\b|\btake\s+(?:more\s+)?liberties\b|\bloosen\s+(?:it\s+)?up\b|"
    r"\b(?:raise|increase|higher|more)\s+(?:the\s+)?(?:denoising\s+)?strength\b",
    re.I)
_PICTURE_NAMED = re.compile(r"\b(?:photo(?:graph)?|pic|picture|image|sketch|drawing|doodle|scan|upload|selfie|reference|sent|gave|"
                            r"uploaded|attached|shared)\b", re.I)
_NUMBER = re.compile(r"\b(?:(?:lower|reduce|raise|increase|set|put|change|drop|bump|try)\s+(?:it\s+|the\s+)?)?(?:denoising\s+)?strength\s+(?:to|at|of|=|:)?\s*(0?\.\d+|1(?:\.0+)?)\b", re.I)
_GLUE = re.compile(r"^(?:[\s,;:.!-]|but\b|and\b|also\b|then\b|please\b|pls\b|so\b|can\s+you\b|could\s+you\b|just\b|"
                   r"(?:make|keep|get)\s+(?:it|this|that)\b(?=\s*(?:[,;.!]|but\b|and\b|$)))+|"
                   r"[\s,;:.!?-]+$", re.I)
_FILLER = re.compile(r"^(?:(?:hmm+|ok(?:ay)?|oh|ah|well|sorry|thanks|lol|ugh|hm|yeah|no|nope|wait)\b[\s,.!]*)*"
                     r"(?:anymore|please|pls|a\s+bit|a\s+little|though|now|again|this\s+time|for\s+me|it|that)?\W*$", re.I)

Read = Callable[[str, Context], "tuple[Action, tuple[str, ...]]"]


def likeness_asked(text: str, ctx: Context, read: Read) -> tuple[Action, tuple[str, ...]] | None:
    """An edit carrying the likeness asked (and any other change said with it), or None when none is asked or the
    picture on screen was not drawn from the person's picture."""
    if ctx.scene is None or ctx.attached:
        return None
    number = _NUMBER.search(text) if ctx.given else None
    closer, further = _CLOSER.search(text), _FURTHER.search(text)
    found = closer or further
    if found is None and number is None:
        return None
    if not ctx.given and (number is not None or not _PICTURE_NAMED.search(found.group(0))):
        return None  # "keep it closer to my photo" with no photo given is still read so (and answered); "change it less" is not
    if number is not None:
        op = Likeness(closer=float(number.group(1)) < 0.5, strength=float(number.group(1)))
        cut = number
    else:
        op, cut = Likeness(closer=closer is not None and (further is None or closer.start() < further.start())), found
    rest = _GLUE.sub("", text[:cut.start()] + " " + text[cut.end():]).strip()
    rest = re.sub(r"^(?:the\s+)?(?:photo|picture|original|sketch)\b\W*", "", rest, flags=re.I) if number else rest
    if not rest or _FILLER.fullmatch(rest):
        return Edit(ops=(op,)), ()
    action, notes = read(rest, ctx.model_copy(update={"given": False}))  # "…, and make the sky bluer": that too
    if isinstance(action, Edit) and not action.variants:
        return Edit(ops=(op, *action.ops), count=action.count), notes
    return Edit(ops=(op,)), ()  # the rest is a reason or a remark ("it doesn't look like my dog anymore, she's older")
