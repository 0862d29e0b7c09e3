"""Evaluation (not a test): multi-turn conversations through the HTTP conversation route.

Each line of a case file (bench/conversation_cases/*.jsonl) is one conversation written as people
type: a first message, then follow-ups ("now at night", "nah go back", "thanks!", "what seed was
that?"). Every turn is posted to ``POST /api/conversations/{id}/messages`` and its answer is graded
against the turn's ``expect`` properties (intent, drawn, words in the prompt sent, seed kept or new,
shape, negative prompt, reply...). Each turn that starts images waits for them to end, as a person
would, before the next turn is sent. The report per file: properties passed, conversations with
every property passing, intent accuracy, small-talk turns that drew a picture, and pass rates per
property kind.

    python bench/conversation_eval.py                       # starts the app itself, both case files
    python bench/conversation_eval.py --cases bench/conversation_cases/insample.jsonl --verbose
    python bench/conversation_eval.py --url http://127.0.0.1:7860 --limit 5
    python bench/conversation_eval.py --json report.json
    python bench/conversation_eval.py --check               # validate the case files, start nothing
    python bench/conversation_eval.py --in-process          # no HTTP: the turn service itself, quick images

By default it starts the app as the test suite does (tests/apprunner.py): a tiny random Stable
Diffusion pipeline built on disk (tests/tiny_sd.py) and a loopback server speaking OpenAI's image API
(tests/fake_openai.py). Two apps are started: "sd" conversations go to one without an OpenAI key (so
no chat model is there, as on a machine with only the local model), "dalle" conversations go to one
with OPENAI_API_KEY and OPENAI_BASE_URL pointing at the fake server and ``--openai-model dall-e-3``.
``--single-app`` starts only the second and sends every conversation there. With ``--url`` an already
running app is used for both (``--dalle-url`` sends the "dalle" conversations elsewhere).

"sd" conversations post ``"backend": "local"``, "dalle" ones ``"backend": "openai"``.

``--in-process`` skips HTTP and the app: each message goes to ``TurnService.start_turn`` (the function the
route calls) with the same backends, and is graded the same way. Local images are drawn with one denoising
step (what is graded is what the service decided and reported, not the pixels), so a file takes minutes
less on a small machine; a picture's recorded steps then read 1 in answers about it.

Each held-out set is written before it is first run and counts once, unseen. heldout_v4.jsonl is the
latest: no rule has been changed on it (its unseen failures are summarised in docs/benchmarks.md). Earlier sets
(heldout.jsonl, heldout_v2.jsonl, heldout_v3.jsonl) were read after their unseen runs and rules were fixed on
them: they are in-sample now, like insample.jsonl and keep_insample.jsonl. keep_heldout.jsonl is held out.

Exit status: 0 when the run completes (whatever the scores: this is a report, not a test), 1 when
--check finds a problem in a case file, 2 when the app cannot be reached or started.

Case format, one JSON object per line::

    {"id": "h001", "target": "sd" | "dalle", "note": "optional", "turns": [
      {"text": "...", "expect": {"intent": "new", "drawn": true, "prompt_has": ["cat"], ...}}, ...]}

Property kinds (each list element counts as one property; matching is case-insensitive; "prompt" is
``tasks[0].prompt_sent``; turn indices are 0-based within the conversation and mean that turn's first
task):

- ``intent``: exact; ``intent_in``: any of a list.  ``drawn``: tasks non-empty.  ``reply``: reply is
  a non-empty string.  ``n_tasks``: exact number of tasks.
- ``prompt_has`` / ``prompt_lacks``: words or phrases that must (not) appear in the prompt, on word
  boundaries ("cat" does not match "category"); a final word also matches its plural ("cat" matches
  "cats", "berry" matches "berries"), and a space and a hyphen between words are the same.
  ``prompt_has_any``: a list of lists of alternatives, one property per inner list.
- ``negative_has`` / ``negative_lacks``: the same on ``tasks[0].negative_prompt``.
- ``seed``: "kept" (equal to the seed of the most recent earlier turn expected to draw), "new"
  (different from it) or an integer.  ``seed_same_as``: a turn index.
- ``size``: "landscape" (width > height), "portrait", "square", "same" (as the most recent earlier
  turn expected to draw) or [w, h].  ``size_same_as``: a turn index.
- ``prompt_same_as``: a turn index whose prompt_sent is the same (case and spacing aside).
- ``steps``, ``guidance``: numbers the task carries.  ``style``: the task's style id.
- ``warning``: some warning in tasks[0].warnings (when nothing is drawn: a top-level ``warnings``
  list, or a warning sign or the word "warning" in the reply or the understood line).
- ``reply_has``: words the reply contains.  ``reply_has_seed_of``: a turn index whose seed appears
  in the reply.  ``understood_has``: words the understood line contains.
- ``source``: which picture the first task starts from: "previous" (the image the most recent earlier
  drawing turn made), "attached" (the picture sent with this turn) or "none" (drawn from the prompt
  alone).  ``strength_between``: [low, high], inclusive, on that task's image-to-image strength.

A turn may carry ``"attach": true``: the message is sent with a picture (a small PNG made here) as
``init_image``, as a person would attach a photo. A conversation of a single turn is allowed when
that turn attaches a picture.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import re
import sys
import tempfile
import time
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

CASES_DIR = ROOT / "bench" / "conversation_cases"
DEFAULT_CASES = [CASES_DIR / "heldout.jsonl", CASES_DIR / "insample.jsonl"]

TARGETS = {"sd": "local", "dalle": "openai"}
INTENTS = {"new", "edit", "repeat", "undo", "revert", "branch", "question", "chat", "help"}
SMALL_TALK = {"chat", "question", "help"}
TERMINAL = {"succeeded", "failed", "cancelled", "interrupted"}
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


# ---- case files ---------------------------------------------------------------------------------


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


def _is_num(v: Any) -> bool:
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
        return [] if _is_num(value) else ["must be a number"]
    if kind == "style":
        return [] if isinstance(value, str) and value.strip() else ["must be a style id"]
    if kind == "source":
        if value == "attached" and not turns[i].get("attach"):
            return ["this turn attaches no picture"]
        if value == "previous" and not earlier_drawn:
            return ["no earlier turn is expected to draw"]
        return [] if value in SOURCES else [f"must be one of {sorted(SOURCES)}"]
    if kind == "strength_between":
        ok = isinstance(value, list) and len(value) == 2 and all(_is_num(v) and 0 <= v <= 1 for v in value) \
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
    print(f"{_rel(path)}: {len(convs)} conversations ({', '.join(f'{k} {v}' for k, v in sorted(targets.items()))}), "
          f"{len(turns)} turns, {len(props)} properties ({len(props) / max(1, len(convs)):.1f} per conversation)")
    print("  turns per conversation: " + ", ".join(f"{k}: {v}" for k, v in sorted(lengths.items())))
    print("  intents: " + ", ".join(f"{k} {v}" for k, v in intents.most_common()))
    print("  kinds: " + ", ".join(f"{k} {v}" for k, v in kinds.most_common()))


def _rel(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(ROOT))
    except ValueError:
        return str(path)


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


def _short(v: Any, n: int = 160) -> str:
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
        return bool(reply.strip()) == value, f"reply={_short(body.get('reply'))}"
    if kind == "n_tasks":
        return len(r.tasks) == value, f"tasks={len(r.tasks)}"
    if kind == "reply_has":
        return contains(reply, value), f"reply={_short(reply)}"
    if kind == "understood_has":
        return contains(understood, value), f"understood={_short(understood)}"
    if kind == "warning":
        if task is not None:
            got = bool(task.get("warnings"))
            return got == value, f"warnings={_short(task.get('warnings'))}"
        got = bool(body.get("warnings")) or any(
            "⚠" in s or contains(s, "warning") for s in (reply, understood))
        return got == value, f"nothing drawn; warnings={_short(body.get('warnings'))} reply={_short(reply, 100)}"
    if kind == "source":
        return grade_source(value, i, results)
    if kind == "reply_has_seed_of":
        ref = results[value].task
        if ref is None:
            return False, f"turn {value} drew nothing"
        return has_number(reply, ref.get("seed")), f"seed of turn {value}={ref.get('seed')}; reply={_short(reply)}"

    # everything below reads the first task
    if task is None:
        return False, "nothing drawn"
    prompt = task.get("prompt_sent") or ""
    negative = task.get("negative_prompt") or ""
    if kind == "prompt_has":
        return contains(prompt, value), f"prompt={_short(prompt, 300)}"
    if kind == "prompt_lacks":
        return not contains(prompt, value), f"prompt={_short(prompt, 300)}"
    if kind == "prompt_has_any":
        return any(contains(prompt, v) for v in value), f"prompt={_short(prompt, 300)}"
    if kind == "negative_has":
        return contains(negative, value), f"negative={_short(negative, 300)}"
    if kind == "negative_lacks":
        return not contains(negative, value), f"negative={_short(negative, 300)}"
    if kind == "steps":
        got = task.get("steps")
        return _is_num(got) and abs(float(got) - float(value)) < 1e-6, f"steps={got}"
    if kind == "guidance":
        got = task.get("guidance")
        return _is_num(got) and abs(float(got) - float(value)) < 1e-6, f"guidance={got}"
    if kind == "style":
        got = task.get("style")
        return str(got or "").lower() == value.lower(), f"style={got}"
    if kind == "strength_between":
        got = task.get("strength")
        return _is_num(got) and value[0] - 1e-6 <= got <= value[1] + 1e-6, f"strength={got}"

    seed, w, h = task.get("seed"), task.get("width"), task.get("height")
    if kind == "seed" and not isinstance(value, str):
        return seed == value, f"seed={seed}"
    if kind == "size" and value in ("landscape", "portrait", "square"):
        if not (_is_num(w) and _is_num(h)):
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
        return _norm(prompt) == _norm(other), f"prompt={_short(prompt, 200)} | turn {j} prompt={_short(other, 200)}"
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


# ---- talking to the app -------------------------------------------------------------------------


class Unreachable(Exception):
    """The app cannot be reached: the run cannot go on."""


class Client:
    def __init__(self, url: str, *, auth: tuple[str, str] | None, task_timeout: float, poll_s: float = 0.25):
        import httpx

        self.httpx = httpx
        self.base = url.rstrip("/")
        self.http = httpx.Client(base_url=self.base, timeout=180, auth=auth)
        self.task_timeout = task_timeout
        self.poll_s = poll_s

    def close(self) -> None:
        self.http.close()

    def _call(self, method: str, url: str, **kw):
        try:
            return self.http.request(method, url, **kw)
        except (self.httpx.ConnectError, self.httpx.RemoteProtocolError) as exc:
            raise Unreachable(f"{self.base}: {exc}") from exc

    def ping(self) -> None:
        resp = self._call("GET", "/api/images", params={"limit": 1})
        if resp.status_code not in (200, 401):
            raise Unreachable(f"{self.base}/api/images answered {resp.status_code}: is this imagechat?")

    def create_conversation(self) -> tuple[str | None, str | None]:
        resp = self._call("POST", "/api/conversations")
        if not resp.is_success:
            return None, f"POST /api/conversations: HTTP {resp.status_code} {resp.text[:200]}"
        body = resp.json()
        cid = body.get("conversation_id") or body.get("id")
        return (str(cid), None) if cid else (None, f"POST /api/conversations: no id in {body}")

    def send(self, cid: str, text: str, backend: str, *,
             attach: bool = False) -> tuple[int | None, dict | None, str | None]:
        body: dict[str, Any] = {"text": text, "backend": backend}
        if attach:
            body["init_image"] = attached_picture_b64()
        try:
            resp = self._call("POST", f"/api/conversations/{cid}/messages", json=body)
        except self.httpx.TimeoutException as exc:
            return None, None, f"timed out: {exc!r}"
        if not resp.is_success:
            return resp.status_code, None, f"HTTP {resp.status_code} {resp.text[:300]}"
        try:
            body = resp.json()
        except ValueError:
            return resp.status_code, None, f"HTTP {resp.status_code}, not JSON: {resp.text[:200]}"
        if not isinstance(body, dict):
            return resp.status_code, None, f"HTTP {resp.status_code}, not an object: {_short(body)}"
        return resp.status_code, body, None

    def wait(self, tasks: list[dict]) -> tuple[list[str], list[str | None]]:
        """Wait until each task has ended (one deadline for them all); return their last statuses and
        the ids of the images they made."""
        deadline = time.monotonic() + self.task_timeout
        states: list[str] = []
        images: list[str | None] = []
        for task in tasks:
            url = task.get("status_url") or (f"/api/tasks/{task['task_id']}" if task.get("task_id") else None)
            if not url:
                states.append("no status_url")
                images.append(None)
                continue
            status, image_id = "unknown", None
            while True:
                try:
                    resp = self._call("GET", url)
                    if resp.is_success:
                        status = str(resp.json().get("status"))
                        image_id = resp.json().get("image_id")
                    else:
                        status = f"HTTP {resp.status_code}"
                except self.httpx.TimeoutException:
                    status = "poll timed out"
                if status in TERMINAL or status.startswith("HTTP 4"):
                    break
                if time.monotonic() > deadline:
                    with contextlib.suppress(Exception):
                        self._call("DELETE", url)  # free the queue for the next turns
                    status = f"still {status} after {self.task_timeout:.0f} s (cancelled)"
                    break
                time.sleep(self.poll_s)
            states.append(status)
            images.append(image_id)
        return states, images


def attached_picture_b64() -> str:
    """A small picture to attach: 64x64, a gradient with a disc, so it is not blank."""
    import base64
    import io

    from PIL import Image, ImageDraw

    picture = Image.linear_gradient("L").resize((64, 64)).convert("RGB")
    ImageDraw.Draw(picture).ellipse((16, 16, 48, 48), fill=(200, 60, 40))
    buf = io.BytesIO()
    picture.save(buf, format="PNG")
    return base64.b64encode(buf.getvalue()).decode("ascii")


class InProcessClient:
    """The Client's three calls answered by the turn service itself (``--in-process``)."""

    def __init__(self, stack: contextlib.ExitStack):
        for key, value in (("HF_HUB_OFFLINE", "1"), ("TRANSFORMERS_OFFLINE", "1"), ("OMP_NUM_THREADS", "1")):
            os.environ.setdefault(key, value)
        from conversation.service import TurnService
        from conversation.turn_input import TurnRefused
        from pipeline.backends.local_diffusers import LocalDiffusersBackend
        from pipeline.backends.openai_images import OpenAIImagesBackend
        from pipeline.jobs import JobRunner
        from pipeline.router import Router
        from storage import Store
        from tests.fake_openai import FakeOpenAI
        from tests.tiny_sd import build_tiny_pipeline

        work = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="conversation-eval-")))
        print("building the tiny Stable Diffusion pipeline ...", flush=True)
        local = LocalDiffusersBackend(str(build_tiny_pipeline(work / "tiny-sd")))
        local.load()
        draw = local.generate
        # one step (see the module docstring); the job runner's keywords (encode=...) pass through
        local.generate = lambda request, cancel, **kw: draw(request.with_(steps=1), cancel, **kw)
        fake = stack.enter_context(FakeOpenAI())
        remote = OpenAIImagesBackend("sk-test-conversation-eval", base_url=fake.base_url, model="dall-e-3",
                                     max_retries=0, timeout=30)
        self.store = Store(work / "eval.duckdb")
        stack.callback(self.store.close)
        self.jobs = JobRunner(Router({"local": local, "openai": remote}, default="local"), self.store)
        stack.callback(self.jobs.close)
        self.turns = TurnService(self.store, self.jobs, self.jobs.router, tokenizer=local.tokenizer)
        self.refused = TurnRefused

    def create_conversation(self) -> tuple[str | None, str | None]:
        return self.store.create_conversation(), None

    def send(self, cid: str, text: str, backend: str, *,
             attach: bool = False) -> tuple[int | None, dict | None, str | None]:
        import base64

        from conversation.turn_input import TurnSettings

        try:
            # An attached picture is kept as the route keeps one (TurnService.attach_picture), then named.
            image_id = self.turns.attach_picture(None, base64.b64decode(attached_picture_b64()),
                                                 conversation_id=cid) if attach else None
            turn = self.turns.start_turn(None, cid, text, TurnSettings(backend=backend, image_id=image_id))
        except self.refused as exc:
            return exc.status, None, f"HTTP {exc.status} {exc}"
        return 200, turn.model_dump(mode="json", exclude={"refused"}), None

    def wait(self, tasks: list[dict]) -> tuple[list[str], list[str | None]]:
        """As Client.wait: the last status of each task and the id of the image it made."""
        states: list[str] = []
        images: list[str | None] = []
        for task in tasks:
            event = self.jobs.wait(task["task_id"], timeout=600)
            name = type(event).__name__
            states.append({"Finished": "succeeded", "Failed": "failed", "Cancelled": "cancelled"}.get(name, name.lower()))
            images.append(getattr(event, "image_id", None))
        return states, images


def run_conversation(client: Client, conv: dict) -> list[TurnResult]:
    backend = TARGETS[conv["target"]]
    results = [TurnResult(t["text"], t["expect"], bool(t.get("attach"))) for t in conv["turns"]]
    cid, err = client.create_conversation()
    if cid is None:
        for r in results:
            r.error = err
        return results
    for r in results:
        r.status, r.body, r.error = client.send(cid, r.text, backend, attach=r.attach)
        if r.tasks:
            r.task_states, r.image_ids = client.wait(r.tasks)
    return results


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


# ---- reports ------------------------------------------------------------------------------------


def _rate(passed: int, total: int) -> dict:
    return {"passed": passed, "total": total, "pct": round(100.0 * passed / total, 1) if total else None}


def file_report(path: Path, convs: list[dict], runs: list[list[TurnResult]], graded: list[list[PropResult]],
                seconds: float) -> dict:
    props = [p for g in graded for p in g]
    by_kind: dict[str, list[int]] = {}
    for p in props:
        by_kind.setdefault(p.kind, [0, 0])
        by_kind[p.kind][0] += p.ok
        by_kind[p.kind][1] += 1
    intent_ok = intent_total = talk_drawn = talk_total = errors = 0
    task_states: Counter = Counter()
    for conv, results in zip(convs, runs):
        for r in results:
            exp = r.expect
            intents = [exp["intent"]] if "intent" in exp else exp.get("intent_in", [])
            if intents:
                intent_total += 1
                got = str((r.body or {}).get("intent", "")).lower()
                intent_ok += got in {x.lower() for x in intents}
                if all(x in SMALL_TALK for x in intents):
                    talk_total += 1
                    talk_drawn += bool(r.tasks)
            errors += r.error is not None
            task_states.update(s if s in TERMINAL else "other" for s in r.task_states)
    return {
        "file": _rel(path),
        "conversations": len(convs),
        "turns": sum(len(r) for r in runs),
        "seconds": round(seconds, 1),
        "properties": _rate(sum(p.ok for p in props), len(props)),
        "conversations_all_pass": _rate(sum(all(p.ok for p in g) for g in graded), len(graded)),
        "intent_accuracy": _rate(intent_ok, intent_total),
        "small_talk_drawn": {"drawn": talk_drawn, "total": talk_total},
        "turns_without_answer": errors,
        "tasks": dict(task_states),
        "by_kind": {k: _rate(*by_kind[k]) for k in KINDS if k in by_kind},
        "failures": [
            {"conversation": p.conv, "turn": p.turn, "text": p.text, "kind": p.kind, "expected": p.expected,
             "actual": p.actual}
            for p in props if not p.ok
        ],
    }


def _pct(rate: dict) -> str:
    pct = "-" if rate["pct"] is None else f"{rate['pct']:.1f}%"
    return f"{rate['passed']}/{rate['total']}  {pct}"


def print_report(rep: dict, *, verbose: bool) -> None:
    print(f"\n== {rep['file']}: {rep['conversations']} conversations, {rep['turns']} turns, {rep['seconds']} s")
    print(f"  properties passed        {_pct(rep['properties'])}")
    print(f"  conversations all passed {_pct(rep['conversations_all_pass'])}")
    print(f"  intent accuracy          {_pct(rep['intent_accuracy'])}")
    talk = rep["small_talk_drawn"]
    print(f"  small-talk turns drawn   {talk['drawn']}/{talk['total']}  (chat/question/help turns that started images)")
    if rep["turns_without_answer"]:
        print(f"  turns without an answer  {rep['turns_without_answer']}")
    if rep["tasks"]:
        print("  tasks ended              " + ", ".join(f"{k} {v}" for k, v in sorted(rep["tasks"].items())))
    print("  by kind:")
    for kind, rate in rep["by_kind"].items():
        print(f"    {kind:<18} {_pct(rate)}")
    if verbose and rep["failures"]:
        print("  failures:")
        for f in rep["failures"]:
            print(f"    {f['conversation']} turn {f['turn']} {json.dumps(f['text'], ensure_ascii=False)}")
            print(f"        {f['kind']} {json.dumps(f['expected'], ensure_ascii=False)}: {f['actual']}")


# ---- starting the app ---------------------------------------------------------------------------


def start_apps(stack: contextlib.ExitStack, targets: set[str], *, single: bool) -> dict[str, str]:
    """Start the app(s) as the test suite does; return {target: url}."""
    for key, value in (("HF_HUB_OFFLINE", "1"), ("TRANSFORMERS_OFFLINE", "1"), ("HF_HUB_DISABLE_TELEMETRY", "1"),
                       ("GRADIO_ANALYTICS_ENABLED", "False"), ("DO_NOT_TRACK", "1"),
                       # one torch thread: on a small loaded machine two intra-op threads can run many
                       # times slower, and what is graded here is understanding, not speed
                       ("OMP_NUM_THREADS", "1")):
        os.environ.setdefault(key, value)
    from tests.apprunner import AppProcess
    from tests.fake_openai import FakeOpenAI
    from tests.tiny_sd import build_tiny_pipeline

    work = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="conversation-eval-")))
    print("building the tiny Stable Diffusion pipeline ...", flush=True)
    model = build_tiny_pipeline(work / "tiny-sd")
    common = ["--model", str(model), "--rate-limit", "0", "--max-queued-per-user", "64", "--max-queue", "64"]
    urls: dict[str, str] = {}
    if "dalle" in targets or single:
        fake = stack.enter_context(FakeOpenAI())
        env = {"OPENAI_API_KEY": "sk-test-conversation-eval", "OPENAI_BASE_URL": fake.base_url}
        args = common + ["--db", str(work / "dalle.duckdb"), "--openai-model", "dall-e-3"]
        app = _start(stack, AppProcess(work, args=args, env=env), "with the fake OpenAI server")
        urls["dalle"] = app.url
        if single:
            urls["sd"] = app.url
    if "sd" in targets and not single:
        env = {"OPENAI_API_KEY": "", "OPENAI_BASE_URL": ""}  # no chat model: as with the local model alone
        args = common + ["--db", str(work / "sd.duckdb"), "--backend", "local"]
        urls["sd"] = _start(stack, AppProcess(work, args=args, env=env), "with the local model only").url
    return urls


def _start(stack: contextlib.ExitStack, app, what: str):
    print(f"starting the app {what} ...", flush=True)
    try:
        app.start(timeout=180)
    except (RuntimeError, TimeoutError) as exc:
        raise Unreachable(f"the app did not start:\n{str(exc)[-3000:]}") from exc
    stack.callback(app.stop)
    print(f"  {app.url}", flush=True)
    return app


# ---- main ---------------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--cases", action="append", type=Path, metavar="FILE",
                   help="a case file (repeatable); default: heldout.jsonl and insample.jsonl")
    p.add_argument("--url", help="an already running app, e.g. http://127.0.0.1:7860 (default: start one)")
    p.add_argument("--dalle-url", help="with --url: send the 'dalle' conversations to this app instead")
    p.add_argument("--auth", metavar="USER:PASSWORD", help="HTTP Basic login for an app started with --auth")
    p.add_argument("--single-app", action="store_true",
                   help="start one app (with the fake OpenAI server) for both targets instead of two")
    p.add_argument("--limit", type=int, metavar="N", help="only the first N conversations of each file")
    p.add_argument("--task-timeout", type=float, default=600.0, metavar="S",
                   help="how long one turn's images may take to end (default 600 s)")
    p.add_argument("--json", type=Path, metavar="OUT", help="also write the report as JSON")
    p.add_argument("--verbose", action="store_true", help="print each failing property")
    p.add_argument("--check", action="store_true", help="only validate the case files; start nothing")
    p.add_argument("--in-process", action="store_true",
                   help="no HTTP: send each message to the turn service directly (quick images; see above)")
    args = p.parse_args(argv)

    paths = args.cases or DEFAULT_CASES
    if args.check:
        return check_files(paths)

    files = []
    for path in paths:
        convs = load_cases(path)
        files.append((path, convs[: args.limit] if args.limit is not None else convs))
    targets = {c["target"] for _, convs in files for c in convs}
    auth = tuple(args.auth.split(":", 1)) if args.auth else None

    with contextlib.ExitStack() as stack:
        try:
            if args.in_process:
                urls = {"sd": "in-process", "dalle": "in-process"}
                mode = "in-process"
            elif args.url:
                urls = {"sd": args.url, "dalle": args.dalle_url or args.url}
                mode = "url"
            else:
                urls = start_apps(stack, targets, single=args.single_app)
                mode = "single-app" if args.single_app else "two-apps"
            clients = {"in-process": InProcessClient(stack)} if args.in_process else {}
            for target in targets if not args.in_process else ():
                url = urls[target]
                if url not in clients:
                    client = Client(url, auth=auth, task_timeout=args.task_timeout)
                    stack.callback(client.close)
                    client.ping()
                    clients[url] = client
            reports = []
            for path, convs in files:
                started = time.monotonic()
                runs, graded = [], []
                for n, conv in enumerate(convs, 1):
                    results = run_conversation(clients[urls[conv["target"]]], conv)
                    runs.append(results)
                    graded.append(grade_conversation(conv, results))
                    passed = sum(g.ok for g in graded[-1])
                    print(f"  {path.name} {n}/{len(convs)} {conv['id']}: {passed}/{len(graded[-1])}", flush=True)
                rep = file_report(path, convs, runs, graded, time.monotonic() - started)
                reports.append(rep)
        except Unreachable as exc:
            print(f"cannot reach the app: {exc}", file=sys.stderr)
            return 2

    for rep in reports:
        print_report(rep, verbose=args.verbose)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        payload = {"generated_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"), "mode": mode, "files": reports}
        args.json.write_text(json.dumps(payload, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"\nwrote {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
