"""The conversation evaluation's case files (bench/conversation_cases/*.jsonl): their vocabulary of
property kinds, reading them, the graded properties of a turn, and ``--check``'s validation."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]

TARGETS = {"sd": "local", "dalle": "openai"}
INTENTS = {"new", "edit", "repeat", "undo", "revert", "branch", "question", "chat", "help"}
SIZE_WORDS = {"landscape", "portrait", "square", "same"}

# kind -> how its value is checked and counted. "list": one property per element.
LIST_KINDS = {"prompt_has", "prompt_lacks", "prompt_has_any", "negative_has", "negative_lacks",
              "reply_has", "understood_has"}
INDEX_KINDS = {"seed_same_as", "size_same_as", "prompt_same_as", "reply_has_seed_of"}
KINDS = ["intent", "intent_in", "drawn", "reply", "n_tasks", "prompt_has", "prompt_lacks", "prompt_has_any",
         "negative_has", "negative_lacks", "seed", "seed_same_as", "size", "size_same_as", "prompt_same_as",
         "steps", "guidance", "style", "warning", "reply_has", "reply_has_seed_of", "understood_has",
         "source", "strength_between"]
SOURCES = {"previous", "attached", "none"}


def load_cases(path: Path) -> list[dict]:
    convs = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                convs.append(json.loads(line))
    return convs


def expand(expect: dict) -> list[tuple[str, Any]]:
    """The graded properties of one turn: (kind, value), one per list element for list kinds."""
    props: list[tuple[str, Any]] = []
    for kind in KINDS:  # a fixed order, so reports read the same way every time
        if kind not in expect:
            continue
        value = expect[kind]
        if kind in LIST_KINDS:
            props.extend((kind, v) for v in value)
        else:
            props.append((kind, value))
    return props


def expects_drawn(expect: dict) -> bool | None:
    return expect.get("drawn")


def is_num(v: Any) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def validate_conversation(conv: Any, where: str) -> list[str]:
    """Problems with one conversation of a case file (an empty list when it is sound)."""
    errs: list[str] = []
    if not isinstance(conv, dict):
        return [f"{where}: not a JSON object"]
    extra = set(conv) - {"id", "target", "note", "turns"}
    if extra:
        errs.append(f"{where}: unknown keys {sorted(extra)}")
    if not isinstance(conv.get("id"), str) or not conv.get("id"):
        errs.append(f"{where}: id must be a non-empty string")
    target = conv.get("target")
    if target not in TARGETS:
        errs.append(f"{where}: target must be one of {sorted(TARGETS)}")
    if "note" in conv and not isinstance(conv["note"], str):
        errs.append(f"{where}: note must be a string")
    turns = conv.get("turns")
    attaches = isinstance(turns, list) and len(turns) == 1 and isinstance(turns[0], dict) and turns[0].get("attach")
    if not isinstance(turns, list) or not (2 <= len(turns) <= 6 or attaches):
        errs.append(f"{where}: turns must be a list of 2 to 6 turns (1 when it attaches a picture)")
        return errs
    for i, turn in enumerate(turns):
        w = f"{where} turn {i}"
        if not isinstance(turn, dict) or set(turn) - {"text", "expect", "attach"}:
            errs.append(f"{w}: a turn is {{text, expect}} and optionally attach")
            continue
        if "attach" in turn and not isinstance(turn["attach"], bool):
            errs.append(f"{w}: attach must be true or false")
        if not isinstance(turn.get("text"), str) or not turn["text"].strip():
            errs.append(f"{w}: text must be a non-empty string")
        exp = turn.get("expect")
        if not isinstance(exp, dict) or not exp:
            errs.append(f"{w}: expect must be a non-empty object")
            continue
        earlier_drawn = any(expects_drawn(t.get("expect", {})) is True for t in turns[:i] if isinstance(t, dict))
        for kind, value in exp.items():
            errs.extend(f"{w}: {kind}: {p}" for p in _check_kind(kind, value, i, turns, target, earlier_drawn))
    return errs


def _check_kind(kind: str, value: Any, i: int, turns: list, target: Any, earlier_drawn: bool) -> list[str]:
    if kind not in KINDS:
        return [f"unknown property kind (known: {', '.join(KINDS)})"]
    if kind == "intent":
        return [] if value in INTENTS else [f"must be one of {sorted(INTENTS)}"]
    if kind == "intent_in":
        ok = isinstance(value, list) and len(value) >= 2 and all(v in INTENTS for v in value)
        return [] if ok else [f"must be a list of 2+ intents from {sorted(INTENTS)}"]
    if kind in ("drawn", "reply", "warning"):
        return [] if isinstance(value, bool) else ["must be true or false"]
    if kind == "n_tasks":
        return [] if isinstance(value, int) and not isinstance(value, bool) and value >= 0 else ["must be an integer >= 0"]
    if kind in LIST_KINDS:
        problems = []
        if kind.startswith("negative_") and target != "sd":
            problems.append("negative prompts are graded for sd targets only")
        if kind == "prompt_has_any":
            ok = isinstance(value, list) and value and all(
                isinstance(alts, list) and alts and all(isinstance(a, str) and a.strip() for a in alts) for alts in value)
            return problems + ([] if ok else ["must be a non-empty list of non-empty lists of strings"])
        ok = isinstance(value, list) and value and all(isinstance(v, str) and v.strip() for v in value)
        return problems + ([] if ok else ["must be a non-empty list of non-empty strings"])
    if kind in INDEX_KINDS:
        if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value < i:
            return [f"must be the index of an earlier turn (0..{i - 1})"]
        ref = turns[value].get("expect", {}) if isinstance(turns[value], dict) else {}
        return [] if expects_drawn(ref) is not False else [f"turn {value} is expected to draw nothing"]
    if kind == "seed":
        if value in ("kept", "new"):
            return [] if earlier_drawn else ["no earlier turn is expected to draw"]
        return [] if isinstance(value, int) and not isinstance(value, bool) else ['must be "kept", "new" or an integer']
    if kind == "size":
        if value == "same":
            return [] if earlier_drawn else ["no earlier turn is expected to draw"]
        if isinstance(value, str) and value in SIZE_WORDS:  # a [w, h] list is not hashable
            return []
        ok = isinstance(value, list) and len(value) == 2 and all(isinstance(v, int) and v > 0 for v in value)
        return [] if ok else [f"must be one of {sorted(SIZE_WORDS)} or [width, height]"]
    if kind in ("steps", "guidance"):
        return [] if is_num(value) else ["must be a number"]
    if kind == "style":
        return [] if isinstance(value, str) and value.strip() else ["must be a style id"]
    if kind == "source":
        if value == "attached" and not turns[i].get("attach"):
            return ["this turn attaches no picture"]
        if value == "previous" and not earlier_drawn:
            return ["no earlier turn is expected to draw"]
        return [] if value in SOURCES else [f"must be one of {sorted(SOURCES)}"]
    if kind == "strength_between":
        ok = isinstance(value, list) and len(value) == 2 and all(is_num(v) and 0 <= v <= 1 for v in value) \
            and value[0] <= value[1]
        return [] if ok else ["must be [low, high] with 0 <= low <= high <= 1"]
    return []


def check_files(paths: list[Path]) -> int:
    """--check: parse and validate the case files, print what they hold; 0 when sound, 1 if not."""
    errors: list[str] = []
    seen: dict[str, str] = {}
    for path in paths:
        convs: list[dict] = []
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
        except OSError as exc:
            errors.append(f"{path}: {exc}")
            continue
        for n, line in enumerate(lines, 1):
            if not line.strip():
                continue
            where = f"{path.name}:{n}"
            try:
                conv = json.loads(line)
            except json.JSONDecodeError as exc:
                errors.append(f"{where}: not JSON ({exc})")
                continue
            problems = validate_conversation(conv, where)
            errors.extend(problems)
            if isinstance(conv, dict) and isinstance(conv.get("id"), str):
                if conv["id"] in seen:
                    errors.append(f"{where}: id {conv['id']} also at {seen[conv['id']]}")
                seen[conv["id"]] = where
            if not problems:
                convs.append(conv)
        _describe(path, convs)
    for e in errors:
        print("ERROR", e)
    print("ok: every case parses and uses only known property kinds" if not errors else f"{len(errors)} problem(s)")
    return 1 if errors else 0


def _describe(path: Path, convs: list[dict]) -> None:
    turns = [t for c in convs for t in c["turns"]]
    props = [p for t in turns for p in expand(t["expect"])]
    intents = Counter(t["expect"].get("intent") or "|".join(t["expect"].get("intent_in", [])) or "-" for t in turns)
    kinds = Counter(k for k, _ in props)
    targets = Counter(c["target"] for c in convs)
    lengths = Counter(len(c["turns"]) for c in convs)
    print(f"{rel_path(path)}: {len(convs)} conversations ({', '.join(f'{k} {v}' for k, v in sorted(targets.items()))}), "
          f"{len(turns)} turns, {len(props)} properties ({len(props) / max(1, len(convs)):.1f} per conversation)")
    print("  turns per conversation: " + ", ".join(f"{k}: {v}" for k, v in sorted(lengths.items())))
    print("  intents: " + ", ".join(f"{k} {v}" for k, v in intents.most_common()))
    print("  kinds: " + ", ".join(f"{k} {v}" for k, v in kinds.most_common()))


def rel_path(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(ROOT))
    except ValueError:
        return str(path)
