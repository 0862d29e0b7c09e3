"""Evaluation (not a test): how often a follow-up is handled as intended.

Each conversation starts from a first message (engineered the normal way), then sends one
follow-up; the follow-up's result is checked against what a person would expect: whether it
edited the previous prompt or started over, what must and must not appear, the seed policy,
the style. Prints the share handled as intended and each miss.

    python bench/prompts_eval.py [--json]
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from prompts import Turn, engineer  # noqa: E402


@dataclass(frozen=True)
class Case:
    first: str
    follow: str
    mode: str  # expected mode of the follow-up: refine | repeat | fresh | chat
    has: tuple[str, ...] = ()
    lacks: tuple[str, ...] = ()
    seed: str | None = None
    style: str | None = None
    neg_has: tuple[str, ...] = ()
    first_style: str = "none"
    target: str = "sd15"
    extra: dict = field(default_factory=dict)


CASES = [
    Case("a lighthouse on a cliff at sunset", "now at night", "refine", ("lighthouse", "at night"), ("sunset",)),
    Case("a quiet harbour at golden hour", "make it night", "refine", ("harbour", "at night"), ("golden hour",)),
    Case("a cat on a windowsill", "make it a watercolor", "refine", ("cat", "watercolor painting"), ("professional photograph",), style="watercolor"),
    Case("a fox in a forest", "as an oil painting", "refine", ("fox", "oil painting"), (), style="oil-painting"),
    Case("a city street in the rain", "in the style of van gogh", "refine", ("city street",), (), style="impressionism"),
    Case("a cottage in a meadow", "pixel art version", "refine", ("cottage", "pixel art"), (), style="pixel-art"),
    Case("a woman walking in a park", "add a red umbrella", "refine", ("woman", "a red umbrella")),
    Case("a knight on a horse", "add a dragon in the sky", "refine", ("knight", "a dragon in the sky")),
    Case("a busy market street with people, golden hour", "remove the people", "refine", ("market street",), ("people",), neg_has=("people",)),
    Case("a beach with umbrellas and people", "without the umbrellas", "refine", ("beach",), ("umbrellas",), neg_has=("umbrellas",)),
    Case("a mountain lake with boats", "no boats", "refine", ("mountain lake",), ("boats",), neg_has=("boats",)),
    Case("a red car on a road", "wider", "refine", ("red car", "wide shot"), ()),
    Case("a portrait of an old sailor", "closer", "refine", ("old sailor", "close-up shot"), ("medium shot",)),
    Case("a castle on a hill", "zoom out", "refine", ("castle", "wide shot")),
    Case("a flower in a garden", "zoom in", "refine", ("flower", "close-up shot")),
    Case("a village in the mountains", "same but in winter", "refine", ("village", "in winter")),
    Case("a park in summer", "now in autumn", "refine", ("park", "in autumn"), ("summer",)),
    Case("a bridge over a river", "make it foggy", "refine", ("bridge", "foggy")),
    Case("a desert road at noon", "at sunset", "refine", ("desert road", "at sunset"), ("noon", "midday")),
    Case("a dog in a field", "another one", "repeat", ("dog",), seed="new"),
    Case("a dog in a field", "again", "repeat", ("dog",), seed="new"),
    Case("a dog in a field", "one more please", "repeat", ("dog",), seed="new"),
    Case("a dog in a field", "same seed", "repeat", ("dog",), seed="same"),
    Case("a dog in a field", "same seed but at night", "refine", ("dog", "at night"), seed="same"),
    Case("a dog in a field", "a spaceship landing in a desert", "fresh", ("spaceship",), ("dog",)),
    Case("a dog in a field", "draw me a castle in the clouds", "fresh", ("castle in the clouds",), ("dog",)),
    Case("a dog in a field", "an old library full of books", "fresh", ("library",), ("dog",)),
    Case("a dog in a field", "hi", "chat"),
    Case("a dog in a field", "what can you do?", "chat"),
    Case("a dog in a field", "thanks!", "chat"),
    Case("a cat sleeping on a sofa", "how about a dog instead", "refine", ("dog", "sofa"), ("cat",)),
    Case("a cat sleeping on a sofa", "replace the cat with a rabbit", "refine", ("rabbit", "sofa"), ("cat",)),
    Case("a forest path", "make it darker", "refine", ("forest path", "low-key lighting")),
    Case("a forest path", "brighter", "refine", ("forest path", "high-key lighting")),
    Case("a robot in a workshop", "more detailed", "refine", ("robot", "intricate details")),
    Case("a lake at dawn", "now at night and add a full moon", "refine", ("lake", "at night", "a full moon"), ("dawn",)),
    Case("a street at noon", "at night, add neon signs", "refine", ("street", "at night", "neon signs"), ("noon",)),
    Case("a tree on a hill", "make it snowy", "refine", ("tree", "snowy")),
    Case("a sailing ship", "in a storm", "refine", ("sailing ship", "storm")),
    Case("a teapot on a table", "isometric", "refine", ("teapot", "isometric"), style="isometric-3d"),
    Case("a girl reading a book", "anime style", "refine", ("girl reading a book", "anime"), style="anime"),
    Case("a cat in a garden", "make it photorealistic", "refine", ("cat", "photorealistic"), (), style="photorealistic", first_style="watercolor"),
    Case("a cabin in the woods", "now at night", "refine", ("cabin", "night"), (), target="dall-e-3"),
    Case("a cabin in the woods", "add a deer", "refine", ("cabin", "a deer"), (), target="dall-e-3"),
    Case("a cabin in the woods", "make it spooky", "refine", ("cabin", "spooky")),
    Case("a coffee cup on a desk", "remove the desk", "refine", ("coffee cup",), ("desk",), neg_has=("desk",)),
    Case("a horse running on a beach at sunset", "at sunrise instead", "refine", ("horse", "at sunrise"), ("sunset",)),
    Case("a woman with a red umbrella in a rainy street", "make the umbrella blue", "refine", ("blue umbrella",), ("red umbrella",)),
    Case("a town square with people and cars", "remove the people and the cars", "refine", ("town square",), ("people", "cars"), neg_has=("people", "cars")),
    Case("a woman with a red umbrella in a rainy street", "no rain", "refine", ("umbrella",), ("rain",), neg_has=("rain",)),
    Case("a woman with a red umbrella in a rainy street", "make it sunny", "refine", ("sunny",), ("rainy",)),
    Case("a dog in a field", "I love it! another one please", "repeat", ("dog",), seed="new"),
    Case("a dog in a field", "the same with a cat", "refine", ("dog", "a cat")),
    Case("a street at night", "make it a cyberpunk scene", "refine", ("street", "cyberpunk"), style="cyberpunk"),
    Case("a parrot, vibrant colors", "black and white", "refine", ("parrot",), ("vibrant colors",), style="black-and-white"),
    Case("a street at night", "show me the same at noon", "refine", ("street", "at noon"), ("at night",)),
    Case("a street at night", "please make me a picture of a frog", "fresh", ("frog",), ("street",)),
    Case("a wooden cabin", "put it in a snowy forest", "refine", ("cabin", "snowy forest")),
    Case("a boy on a bench", "give him a hat", "refine", ("boy", "a hat")),
    Case("a lake at noon", "can it be at sunrise?", "refine", ("lake", "at sunrise"), ("noon",)),
    Case("a kitchen", "make it cozier", "refine", ("kitchen", "cozier")),
]


def run_case(case: Case) -> tuple[bool, str]:
    first = engineer(case.first, style=case.first_style, target=case.target, seed=1)
    history = [Turn("user", case.first), Turn("assistant", "Here it is.", prompt=first.prompt,
                                             style=first.style, negative_prompt=first.negative_prompt)]
    r = engineer(case.follow, history, target=case.target, seed=2)
    problems = []
    mode = "chat" if r.intent == "chat" else r.mode
    if mode != case.mode:
        problems.append(f"mode {mode} (wanted {case.mode})")
    low = r.prompt.lower()
    problems += [f"missing {h!r}" for h in case.has if h.lower() not in low]
    problems += [f"still has {h!r}" for h in case.lacks if h.lower() in low]
    problems += [f"negative lacks {h!r}" for h in case.neg_has if h.lower() not in r.negative_prompt.lower()]
    if case.seed and r.seed_policy != case.seed:
        problems.append(f"seed {r.seed_policy} (wanted {case.seed})")
    if case.style and r.style != case.style:
        problems.append(f"style {r.style} (wanted {case.style})")
    return not problems, "; ".join(problems) + (f"  -> {r.prompt!r}" if problems else "")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    results = [(c, *run_case(c)) for c in CASES]
    ok = sum(1 for _, good, _ in results if good)
    share = ok / len(results)
    if args.json:
        print(json.dumps({"conversations": len(results), "handled": ok, "share": round(share, 3),
                          "misses": [{"first": c.first, "follow": c.follow, "why": why}
                                     for c, good, why in results if not good]}))
    else:
        for c, good, why in results:
            if not good:
                print(f"MISS  {c.first!r} -> {c.follow!r}: {why}")
        print(f"{ok}/{len(results)} follow-up conversations handled as intended ({share:.0%})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
