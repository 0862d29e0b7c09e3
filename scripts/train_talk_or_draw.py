"""Train the learned readings of a turn on the conversation case files, or replay them.

    python scripts/train_talk_or_draw.py --through 36            # train on the sets up to heldout_v36, write the model
    python scripts/train_talk_or_draw.py --replay 17 28          # what it would have done, set by set (below)
    python scripts/train_talk_or_draw.py --intents --through 43  # the whole-turn reader (conversation/turn_intent.py)
    python scripts/train_talk_or_draw.py --intents --replay 30 43

Two models share the features of ``conversation/talk_or_draw.py``: the second opinion on talk or a picture (four
classes: draw, chat, question, help) and, with ``--intents``, the reader of the whole turn (the nine intents, each
turn labelled with the first intent it expects), written to ``conversation/turn_intent.json``.

Every turn of a case file is one example: its text, whether a picture was on screen (an earlier turn of its
conversation expected to draw) or came with it, and its label: "draw" when the turn expects a picture,
otherwise its expected intent (chat, question or help). The model is a multinomial logistic regression,
L2-regularised, fitted with L-BFGS (scipy); features seen fewer than ``--min-count`` times are left out.

``--replay FIRST LAST`` is the honest measure: for each held-out set vK in FIRST..LAST it trains on the sets
written before vK only, and applies the model to vK's turns as the rules read them in vK's one unseen run
(``bench/results/conversation_heldout_vK_unseen.json``): of the turns the rules drew, how many asked for no
picture and would have been answered instead (fixed), and how many asked for one and would have lost it
(wrong). Nothing of vK is seen by the model it is replayed on. A stored run keeps the rules' intent but not their
operations, so the guard on a reading made from a request's form is left out: the replay counts more turns
answered, right and wrong, than the app would.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
from collections import Counter
from pathlib import Path

import numpy as np
import scipy.sparse as sp
from scipy.optimize import minimize

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.case_files import load_cases  # noqa: E402
from conversation.actions import INTENTS  # noqa: E402
from conversation.talk_or_draw import CLASSES, MODEL_PATH, features, last_part_talk, model_from, verdict  # noqa: E402
from conversation.turn_intent import INTENT_MODEL_PATH, SURE, overrides  # noqa: E402

CASES = ROOT / "bench" / "conversation_cases"
RESULTS = ROOT / "bench" / "results"
_TALK = ("chat", "question", "help")


def set_version(path: Path) -> int:
    """heldout_vK.jsonl → K; heldout.jsonl → 1; insample.jsonl → 0 (written before every held-out set)."""
    m = re.fullmatch(r"heldout(?:_v(\d+))?\.jsonl", path.name)
    if m:
        return int(m.group(1) or 1)
    return 0


def case_files(through: int) -> list[Path]:
    """The intent case files written up to heldout_v{through}, oldest first (the "keep" sets are about one word)."""
    paths = [CASES / "insample.jsonl", *CASES.glob("heldout*.jsonl")]
    return sorted((p for p in paths if set_version(p) <= through), key=set_version)


def label(expect: dict) -> str | None:
    intents = [expect["intent"]] if "intent" in expect else list(expect.get("intent_in", []))
    drawn = expect.get("drawn")
    if drawn is None and intents:
        drawn = not all(i in _TALK for i in intents)
    if drawn is None:
        return None
    if drawn:
        return "draw"
    return next((i for i in intents if i in _TALK), "chat")


def examples(path: Path) -> list[dict]:
    out = []
    for conv in load_cases(path):
        picture = False
        for i, turn in enumerate(conv["turns"]):
            y = label(turn.get("expect", {}))
            attached = bool(turn.get("attach"))
            expect = turn.get("expect", {})
            intents = [expect["intent"]] if "intent" in expect else list(expect.get("intent_in", []))
            out.append({"conversation": conv["id"], "turn": i, "text": turn["text"], "picture": picture,
                        "attached": attached, "label": y, "intents": intents,
                        "intent": next((x for x in intents if x in INTENTS), None)})
            picture = picture or y == "draw" or attached
    return [e for e in out if e["label"] is not None]


def train(rows: list[dict], l2: float = 1.0, min_count: int = 2, classes: tuple[str, ...] = CLASSES,
          key: str = "label") -> dict:
    """A multinomial logistic model of ``classes`` over the rows' features; each row's class is its ``key``."""
    rows = [r for r in rows if r[key] is not None]
    feats = [features(r["text"], picture=r["picture"], attached=r["attached"]) for r in rows]
    counts = Counter(x for f in feats for x in f)
    names = sorted(x for x, n in counts.items() if n >= min_count)
    index = {x: j for j, x in enumerate(names)}
    ii = [i for i, f in enumerate(feats) for x in f if x in index]
    jj = [index[x] for f in feats for x in f if x in index]
    X = sp.csr_matrix((np.ones(len(ii)), (ii, jj)), shape=(len(rows), len(names)))
    Y = np.zeros((len(rows), len(classes)))
    Y[np.arange(len(rows)), [classes.index(r[key]) for r in rows]] = 1.0
    V, K = len(names), len(classes)

    def loss_and_gradient(theta: np.ndarray) -> tuple[float, np.ndarray]:
        W, b = theta[:V * K].reshape(V, K), theta[V * K:]
        Z = X @ W + b
        Z -= Z.max(axis=1, keepdims=True)
        P = np.exp(Z)
        P /= P.sum(axis=1, keepdims=True)
        loss = -np.sum(Y * np.log(P + 1e-12)) + 0.5 / l2 * np.sum(W * W)
        G = P - Y
        return loss, np.concatenate([(X.T @ G + W / l2).ravel(), G.sum(axis=0)])

    fit = minimize(loss_and_gradient, np.zeros(V * K + K), jac=True, method="L-BFGS-B", options={"maxiter": 1000})
    W, b = fit.x[:V * K].reshape(V, K), fit.x[V * K:]
    # Weights too small to move a verdict are left out, so the model file stays small to read and to review.
    weights = {x: [round(float(v), 4) for v in W[j]] for x, j in index.items() if np.abs(W[j]).max() >= 0.01}
    return {"classes": list(classes), "bias": [round(float(v), 4) for v in b], "weights": weights}


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()[:16]


def write_model(through: int, l2: float, min_count: int, path: Path = MODEL_PATH, intents: bool = False) -> dict:
    paths = case_files(through)
    key, classes = ("intent", INTENTS) if intents else ("label", CLASSES)
    rows = [r for p in paths for r in examples(p) if r[key] is not None]
    model = train(rows, l2=l2, min_count=min_count, classes=classes, key=key)
    command = f"python scripts/train_talk_or_draw.py {'--intents ' if intents else ''}--through {through}"
    meta = {"trained_on": {p.name: _digest(p) for p in paths}, "examples": dict(Counter(r[key] for r in rows)),
            "l2": l2, "min_count": min_count, "command": command}
    # One feature a line, sorted: a retrained model's change reads as a diff.
    head = {"meta": meta, "classes": model["classes"], "bias": model["bias"]}
    lines = [json.dumps(head, ensure_ascii=False, sort_keys=True)[:-1] + ', "weights": {']
    lines += [f"{json.dumps(k, ensure_ascii=False)}: {json.dumps(v)}," for k, v in sorted(model["weights"].items())]
    lines[-1] = lines[-1].rstrip(",")
    path.write_text("\n".join(lines) + "\n}}\n", encoding="utf-8")
    return meta


def rules_drew(version: int) -> tuple[dict, dict]:
    """From a set's unseen run: the turns whose "drawn" failed (the rules drew when they should not, or the
    other way), and the intent the rules gave where the intent failed."""
    report = json.loads((RESULTS / f"conversation_heldout_v{version}_unseen.json").read_text())["files"][0]
    drawn = {(f["conversation"], f["turn"]) for f in report["failures"] if f["kind"] == "drawn"}
    intent = {(f["conversation"], f["turn"]): f["actual"] for f in report["failures"]
              if f["kind"] in ("intent", "intent_in")}
    return drawn, intent


def replay(first: int, last: int, l2: float, min_count: int, sure: list[float], show: bool) -> dict:
    totals: dict[float, Counter] = {s: Counter() for s in sure}
    seen = Counter()
    for version in range(first, last + 1):
        model = model_from(train([r for p in case_files(version - 1) for r in examples(p)], l2=l2, min_count=min_count))
        drawn_wrong, intent_read = rules_drew(version)
        for r in examples(CASES / f"heldout_v{version}.jsonl"):
            key = (r["conversation"], r["turn"])
            wanted = r["label"] == "draw"
            drew = wanted != (key in drawn_wrong)
            if not drew:
                continue
            seen["drawn"] += 1
            seen["drawn, none asked"] += not wanted
            # The guards of answered_instead that a stored run can tell: a picture given with the message, a long
            # message ending in a request, another one or a branch (the intent the rules gave, where it failed, or
            # the one expected).
            read = intent_read.get(key, "").removeprefix("intent=") or r["intents"][:1] and r["intents"][0]
            if r["attached"] or read in ("repeat", "branch", "undo") or not last_part_talk(
                    r["text"], picture=r["picture"], model=model):
                continue
            v = verdict(r["text"], picture=r["picture"], model=model)
            for s in sure:
                if 1.0 - v.draw >= s:
                    totals[s]["fixed" if not wanted else "wrong"] += 1
                    totals[s]["talk kind right"] += (not wanted and v.talk == r["label"])
            if show and 1.0 - v.draw >= min(sure):
                print(f"{'fixed' if not wanted else 'WRONG'} {1 - v.draw:.2f} v{version} {r['label']}/{v.talk}: {r['text'][:100]!r}")
        print(f"v{version}: " + ", ".join(f"{s}: {dict(totals[s])}" for s in sure), flush=True)
    return {"sets": [first, last], "rules drew": dict(seen), **{str(s): dict(c) for s, c in totals.items()}}


def replay_intents(first: int, last: int, l2: float, min_count: int, sure: list[float], show: bool) -> dict:
    """For each held-out set vK in FIRST..LAST: the reader trained on the sets before vK only, set against the intent
    the rules gave each of vK's turns in its one unseen run (the failed intent where it failed, else the one expected).
    Where the reader is sure of another kind of action than the rules', it counts as fixed (the reader right, the rules
    wrong), broken (the other way) or neither; and how the reader alone would have scored."""
    totals: dict[float, Counter] = {s: Counter() for s in sure}
    alone = Counter()
    for version in range(first, last + 1):
        rows = [r for p in case_files(version - 1) for r in examples(p)]
        model = model_from(train(rows, l2=l2, min_count=min_count, classes=INTENTS, key="intent"))
        _, intent_read = rules_drew(version)
        for r in examples(CASES / f"heldout_v{version}.jsonl"):
            if r["intent"] is None:
                continue
            rules = intent_read.get((r["conversation"], r["turn"]), "").removeprefix("intent=") or r["intent"]
            probs = model.probabilities(features(r["text"], picture=r["picture"], attached=r["attached"]))
            said = max(probs, key=probs.__getitem__)
            alone["turns"] += 1
            alone["rules right"] += rules in r["intents"]
            alone["reader right"] += said in r["intents"]
            if r["attached"] or not overrides(rules, said):
                continue
            outcome = ("fixed" if said in r["intents"] and rules not in r["intents"] else
                       "broken" if rules in r["intents"] and said not in r["intents"] else "neither")
            for s in sure:
                if probs[said] >= s:
                    totals[s][outcome] += 1
            if show and probs[said] >= min(sure):
                print(f"{outcome} {probs[said]:.2f} v{version} {rules}->{said} (wanted {r['intents']}): {r['text'][:90]!r}")
        print(f"v{version}: {dict(alone)} " + ", ".join(f"{s}: {dict(totals[s])}" for s in sure), flush=True)
    return {"sets": [first, last], "alone": dict(alone), **{str(s): dict(c) for s, c in totals.items()}}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--through", type=int, help="train on insample and heldout sets up to this version; write the model")
    ap.add_argument("--replay", type=int, nargs=2, metavar=("FIRST", "LAST"))
    ap.add_argument("--intents", action="store_true", help="the whole-turn reader (conversation/turn_intent.json)")
    ap.add_argument("--sure", type=float, nargs="+", default=None)
    ap.add_argument("--l2", type=float, default=1.0)
    ap.add_argument("--min-count", type=int, default=2)
    ap.add_argument("--show", action="store_true", help="with --replay: every turn it would answer instead")
    ap.add_argument("--json", type=Path, help="with --replay: write the totals here")
    args = ap.parse_args(argv)
    if args.replay:
        sure = args.sure or ([0.7, 0.8, SURE, 0.95] if args.intents else [0.8, 0.9, 0.95])
        totals = (replay_intents if args.intents else replay)(*args.replay, l2=args.l2, min_count=args.min_count, sure=sure,
                                                               show=args.show)
        if args.json:
            args.json.write_text(json.dumps(totals, indent=1) + "\n")
        print(json.dumps(totals))
    if args.through is not None:
        print(json.dumps(write_model(args.through, args.l2, args.min_count, intents=args.intents,
                                     path=INTENT_MODEL_PATH if args.intents else MODEL_PATH)))
    if not args.replay and args.through is None:
        ap.error("say --through N or --replay FIRST LAST")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
