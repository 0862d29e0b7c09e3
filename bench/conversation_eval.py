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
Diffusion pipeline built on disk (tests/tiny_sd.py, with a real SD1.x VAE's 8x scale so that a conversation
asking for 1024 x 1024 is drawn in seconds, not hours) and a loopback server speaking OpenAI's image API
(tests/fake_openai.py). Two apps are started: "sd" conversations go to one without an OpenAI key (so
no chat model is there, as on a machine with only the local model), "dalle" conversations go to one
with OPENAI_API_KEY and OPENAI_BASE_URL pointing at the fake server and ``--openai-model dall-e-3``.
``--single-app`` starts only the second and sends every conversation there. With ``--url`` an already
running app is used for both (``--dalle-url`` sends the "dalle" conversations elsewhere).

"sd" conversations post ``"backend": "local"``, "dalle" ones ``"backend": "openai"``.

``--in-process`` skips HTTP and the app: each message goes to ``TurnService.start_turn`` (the function the
route calls) with the same backends, and is graded the same way. Local images are drawn with one denoising
step (what is graded is what the service decided and reported, not the pixels), so a file takes minutes
less on a small machine; a picture's recorded steps then read 1 in answers about it. A picture drawn from a given
one takes the fewest steps its strength turns into one (strength 0.7 of one step would run none).

Each held-out set is written before it is first run and counts once, unseen. heldout_v49.jsonl to heldout_v52.jsonl
are the latest: each was written and committed before any run of it, run on the code of the round's start and, unseen,
on the code of each round written before it was read, then read for the next round's fixes (v52 was not read;
docs/benchmarks.md). All
are spent as unseen measures now, like heldout_v48.jsonl back to heldout_v4.jsonl; the next round needs a new set
(heldout_v53.jsonl). The learned readings (conversation/talk_or_draw.py, conversation/turn_intent.py) are trained on
the sets up to heldout_v44.jsonl; a set they were trained on is in-sample for them. Earlier sets (heldout.jsonl,
heldout_v2.jsonl, heldout_v3.jsonl) were read after their unseen runs and rules were fixed on them: they are in-sample
now, like insample.jsonl and keep_insample.jsonl.
keep_heldout.jsonl is held out.

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
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.case_files import KINDS, check_files, load_cases, rel_path  # noqa: E402
from bench.conversation_clients import TERMINAL, Client, InProcessClient, Unreachable, run_conversation  # noqa: E402
from bench.conversation_grading import PropResult, TurnResult, grade_conversation  # noqa: E402

CASES_DIR = ROOT / "bench" / "conversation_cases"
DEFAULT_CASES = [CASES_DIR / "heldout.jsonl", CASES_DIR / "insample.jsonl"]

SMALL_TALK = {"chat", "question", "help"}


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
        "file": rel_path(path),
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
    model = build_tiny_pipeline(work / "tiny-sd", vae_scale_factor=8)
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
