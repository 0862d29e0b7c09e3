"""Grading the conversation evaluation's answers: a turn's answer against each expected property
(word matching on word boundaries, seeds, sizes and sources compared with earlier turns)."""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from bench.case_files import expand, expects_drawn, is_num


# ---- matching -----------------------------------------------------------------------------------


def _norm(text: Any) -> str:
    return " ".join(unicodedata.normalize("NFC", str(text or "")).casefold().split())


_PATTERNS: dict[str, re.Pattern] = {}


def term_pattern(term: str) -> re.Pattern:
    """Word-boundary match of a word or phrase; the last word may be plural; space ~ hyphen."""
    if term in _PATTERNS:
        return _PATTERNS[term]
    words = [w for w in re.split(r"(?<=\w)[\s\-]+(?=\w)|\s+", _norm(term)) if w]
    parts = [re.escape(w) for w in words[:-1]]
    last = words[-1]
    if re.search(r"[a-z]$", last):
        if re.search(r"[^aeiou]y$", last):
            parts.append(re.escape(last[:-1]) + "(?:y|ies)")
        elif last.endswith("ies") and len(last) > 4:
            parts.append(re.escape(last[:-3]) + "(?:ies|y)")
        else:
            parts.append(re.escape(last) + "(?:s|es)?")
    else:
        parts.append(re.escape(last))
    pat = re.compile(r"(?<!\w)" + r"[\s\-]+".join(parts) + r"(?!\w)")
    _PATTERNS[term] = pat
    return pat


def contains(text: Any, term: str) -> bool:
    return bool(term_pattern(term).search(_norm(text)))


def has_number(text: Any, number: Any) -> bool:
    return bool(re.search(r"(?<!\d)" + re.escape(str(number)) + r"(?!\d)", str(text or "")))


# ---- grading ------------------------------------------------------------------------------------


@dataclass
class TurnResult:
    text: str
    expect: dict
    attach: bool = False
    status: int | None = None
    body: dict | None = None
    error: str | None = None
    task_states: list[str] = field(default_factory=list)
    image_ids: list[str | None] = field(default_factory=list)  # what each task made, once ended

    @property
    def tasks(self) -> list[dict]:
        tasks = (self.body or {}).get("tasks") or []
        return [t for t in tasks if isinstance(t, dict)]

    @property
    def task(self) -> dict | None:
        return self.tasks[0] if self.tasks else None


@dataclass
class PropResult:
    conv: str
    turn: int
    text: str
    kind: str
    expected: Any
    ok: bool
    actual: str


def reference_turn(results: list[TurnResult], i: int) -> int | None:
    """The most recent earlier turn expected to draw (or, where drawing is not stated, that drew)."""
    for j in range(i - 1, -1, -1):
        drawn = expects_drawn(results[j].expect)
        if drawn is True or (drawn is None and results[j].tasks):
            return j
    return None


def short(v: Any, n: int = 160) -> str:
    s = v if isinstance(v, str) else json.dumps(v, ensure_ascii=False)
    return s if len(s) <= n else s[: n - 1] + "…"


def grade(kind: str, value: Any, i: int, results: list[TurnResult]) -> tuple[bool, str]:
    """(passed, the relevant part of the answer) for one property of turn i."""
    r = results[i]
    if r.body is None:
        return False, f"no answer: {r.error}"
    body, task = r.body, r.task
    reply = body.get("reply") if isinstance(body.get("reply"), str) else ""
    understood = body.get("understood") if isinstance(body.get("understood"), str) else ""

    if kind == "intent":
        got = str(body.get("intent"))
        return got.lower() == value.lower(), f"intent={got}"
    if kind == "intent_in":
        got = str(body.get("intent"))
        return got.lower() in {v.lower() for v in value}, f"intent={got}"
    if kind == "drawn":
        return bool(r.tasks) == value, f"tasks={len(r.tasks)}"
    if kind == "reply":
        return bool(reply.strip()) == value, f"reply={short(body.get('reply'))}"
    if kind == "n_tasks":
        return len(r.tasks) == value, f"tasks={len(r.tasks)}"
    if kind == "reply_has":
        return contains(reply, value), f"reply={short(reply)}"
    if kind == "understood_has":
        return contains(understood, value), f"understood={short(understood)}"
    if kind == "warning":
        if task is not None:
            got = bool(task.get("warnings"))
            return got == value, f"warnings={short(task.get('warnings'))}"
        got = bool(body.get("warnings")) or any(
            "⚠" in s or contains(s, "warning") for s in (reply, understood))
        return got == value, f"nothing drawn; warnings={short(body.get('warnings'))} reply={short(reply, 100)}"
    if kind == "source":
        return grade_source(value, i, results)
    if kind == "reply_has_seed_of":
        ref = results[value].task
        if ref is None:
            return False, f"turn {value} drew nothing"
        return has_number(reply, ref.get("seed")), f"seed of turn {value}={ref.get('seed')}; reply={short(reply)}"

    # everything below reads the first task
    if task is None:
        return False, "nothing drawn"
    prompt = task.get("prompt_sent") or ""
    negative = task.get("negative_prompt") or ""
    if kind == "prompt_has":
        return contains(prompt, value), f"prompt={short(prompt, 300)}"
    if kind == "prompt_lacks":
        return not contains(prompt, value), f"prompt={short(prompt, 300)}"
    if kind == "prompt_has_any":
        return any(contains(prompt, v) for v in value), f"prompt={short(prompt, 300)}"
    if kind == "negative_has":
        return contains(negative, value), f"negative={short(negative, 300)}"
    if kind == "negative_lacks":
        return not contains(negative, value), f"negative={short(negative, 300)}"
    if kind == "steps":
        got = task.get("steps")
        return is_num(got) and abs(float(got) - float(value)) < 1e-6, f"steps={got}"
    if kind == "guidance":
        got = task.get("guidance")
        return is_num(got) and abs(float(got) - float(value)) < 1e-6, f"guidance={got}"
    if kind == "style":
        got = task.get("style")
        return str(got or "").lower() == value.lower(), f"style={got}"
    if kind == "strength_between":
        got = task.get("strength")
        return is_num(got) and value[0] - 1e-6 <= got <= value[1] + 1e-6, f"strength={got}"

    seed, w, h = task.get("seed"), task.get("width"), task.get("height")
    if kind == "seed" and not isinstance(value, str):
        return seed == value, f"seed={seed}"
    if kind == "size" and value in ("landscape", "portrait", "square"):
        if not (is_num(w) and is_num(h)):
            return False, f"size={w}x{h}"
        ok = {"landscape": w > h, "portrait": h > w, "square": w == h}[value]
        return ok, f"size={w}x{h}"
    if kind == "size" and isinstance(value, list):
        return [w, h] == value, f"size={w}x{h}"

    # comparisons with an earlier turn
    if kind in ("seed", "size"):
        j = reference_turn(results, i)
    else:
        j = value
    if j is None:
        return False, "no earlier picture to compare with"
    ref = results[j].task
    if ref is None:
        return False, f"turn {j} drew nothing"
    if kind in ("seed", "seed_same_as"):
        same = seed == ref.get("seed")
        want_same = kind == "seed_same_as" or value == "kept"
        return same == want_same, f"seed={seed}, turn {j} seed={ref.get('seed')}"
    if kind in ("size", "size_same_as"):
        rw, rh = ref.get("width"), ref.get("height")
        return (w, h) == (rw, rh), f"size={w}x{h}, turn {j} size={rw}x{rh}"
    if kind == "prompt_same_as":
        other = ref.get("prompt_sent") or ""
        return _norm(prompt) == _norm(other), f"prompt={short(prompt, 200)} | turn {j} prompt={short(other, 200)}"
    return False, f"unknown kind {kind}"


def grade_source(value: str, i: int, results: list[TurnResult]) -> tuple[bool, str]:
    """Which picture turn i's first task started from, by the ids the answers carry."""
    task = results[i].task
    if task is None:
        return value == "none", "nothing drawn"
    source = task.get("source_image_id")
    earlier = {image_id for r in results[:i] for image_id in r.image_ids if image_id}
    if value == "none":
        return not source, f"source_image_id={source}"
    if value == "attached":
        return bool(source) and source not in earlier, f"source_image_id={source}"
    j = reference_turn(results, i)
    made = results[j].image_ids[0] if j is not None and results[j].image_ids else None
    return bool(source) and source == made, f"source_image_id={source}, turn {j} made {made}"


def grade_conversation(conv: dict, results: list[TurnResult]) -> list[PropResult]:
    out = []
    for i, r in enumerate(results):
        for kind, value in expand(r.expect):
            try:
                ok, actual = grade(kind, value, i, results)
            except Exception as exc:  # an odd answer shape must not end the run
                ok, actual = False, f"could not grade: {exc!r}"
            out.append(PropResult(conv["id"], i, r.text, kind, value, ok, actual))
    return out
