"""The negative prompt spoken of by name: "remove lowres from the negative and add blurry", "take text out of the
negative prompt", "add 'logo' to the negative too". What goes in is a remove (for Stable Diffusion, the negative
prompt); what comes out is an allow: no longer avoided, and not drawn either. Pure functions."""

from __future__ import annotations

import re

from conversation.actions import Allow, Op, Remove
from conversation.phrases import bare
from conversation.scene import Scene

_NEG = r"(?:the\s+|my\s+|your\s+)?(?:neg(?:ative)?s?|negative\s+prompts?|neg\s+prompt)"
_OUT = re.compile(rf"^(?:(?:and|also|then|pls|please|now)\s+)*(?:remove|take(?:\s+out)?|drop|delete|get\s+rid\s+of|cut|strip|pull)\s+"
                  rf"(?P<things>.+?)\s+(?:out\s+of|from|off(?:\s+of)?)\s+{_NEG}$", re.I)
_IN = re.compile(rf"^(?:(?:and|also|then|pls|please|now)\s+)*(?:add|put|include|throw|stick|append)\s+(?P<things>.+?)"
                 rf"(?P<where>\s+(?:to|in|into|on(?:to)?)\s+{_NEG})?(?:\s+(?:too|as\s+well|also))?$", re.I)
# Clauses part before a verb, so "remove lowres and text from the negative" stays one clause.
_CLAUSES = re.compile(r"\s*(?:[,;]|\.(?:\s|$))\s*(?=(?:and\s+|then\s+|also\s+)?(?:add|put|include|remove|take|drop|delete|make|"
                      r"set|use|change|turn|give)\b)|\s+(?:and|then|also|&)\s+(?=(?:add|put|include|remove|take|drop|delete|"
                      r"make|set|use|change|turn|give)\b)", re.I)


def negative_ops(text: str) -> tuple[list[Op], str] | None:
    """The changes of the negative prompt a message names, and what else it says (to be read as any edit); None when
    it names no negative prompt. "add blurry" beside a clause about the negative is said of the negative too."""
    clauses = [c.strip(" .!?") for c in _CLAUSES.split(text.strip()) if c and c.strip(" .!?")]
    named = [bool(_OUT.match(c) or (m := _IN.match(c)) and m.group("where")) for c in clauses]
    if not any(named):
        return None
    ops: list[Op] = []
    rest: list[str] = []
    for clause in clauses:
        out, put = _OUT.match(clause), _IN.match(clause)
        if out:
            ops += [Allow(thing=t) for t in _things(out.group("things"))]
        elif put:
            ops += [Remove(thing=t) for t in _things(put.group("things"))]
        else:
            rest.append(clause)
    return ops, ", ".join(rest)


def _things(said: str) -> list[str]:
    parts = re.split(r"\s*,\s*|\s+(?:and|&)\s+", said.strip())
    return [t for t in (p.strip(" '\"‘’“”`") for p in parts) if t and t.lower() not in ("it", "that", "this", "them")]


def allowed(s: Scene, thing: str, changes: list[str]) -> Scene:
    """The scene with ``thing`` no longer in its negative prompt, weighted or not ("lowres", "(worst quality:1.4)")."""
    said = _plain(thing)
    kept = tuple(n for n in s.negatives if _plain(n) != said)
    if kept != s.negatives:
        changes.append(f"no longer avoided: {', '.join(n for n in s.negatives if n not in kept)}")
    return s.with_(negatives=kept)


def _plain(words: str) -> str:
    unweighted = re.sub(r"^\(+\s*|\s*(?::\s*[\d.]+)?\s*\)+$", "", words.strip())
    return bare(unweighted).lower()
