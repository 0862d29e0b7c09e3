"""Speed of the offline interpreter: median milliseconds of ``conversation.rules.understand`` per
message, over a set of first messages and follow-ups (small talk, questions, edits, history words,
flags, non-English, long power-user prompts). Target (issue 8): < 5 ms median per turn.

    python bench/conversation_speed.py              # 30 rounds over the set
    python bench/conversation_speed.py --rounds 100

Also prints the median of a whole rules turn (understand, then the scene and the prompt written
from it: ``apply_ops`` + ``write``), which is what the rules path adds before a job is submitted.
Pure CPU work: no app, no model, no I/O.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from conversation.actions import Branch, Edit, New  # noqa: E402
from conversation.describe import scene_from_description  # noqa: E402
from conversation.edits import apply_ops  # noqa: E402
from conversation.interpreter import Context, Picture  # noqa: E402
from conversation.rules import understand  # noqa: E402
from conversation.writer import write  # noqa: E402

FIRST = [
    "a ginger cat asleep in a cozy coffee shop",
    "Hi! Could you make an image of a lighthouse keeper's cottage with a vegetable garden, please?",
    "a samurai under cherry blossoms, ukiyo-e --ar 9:16 --seed 314",
    "(best quality:1.3), masterpiece, 1boy, white hair, red scarf, snowy city street, bokeh, night --ar 9:16",
    "flat logo of an owl reading a book for an online bookstore",
    "mountain lake reflection in autumn, no boats",
    "una playa tropical con palmeras al atardecer",
    "长城上的日出",
    "hello",
    "what can you do?",
    ("An elderly clockmaker hunched over a workbench covered in tiny gears and springs, a magnifying loupe "
     "over one eye, late afternoon sun slanting through dusty windows, hundreds of ticking clocks"),
]
FOLLOW_UPS = [
    "make the light warmer and more golden", "now at night", "undo that", "more like the first one", "bigger",
    "on a horse", "zoom in on the man", "no, go back to anime", "use seed 1234", "landscape format please",
    "portrait orientation", "in the style of ukiyo-e", "pop art", "ahora de noche", "换成水彩风格", "もっと明るく",
    "jetzt bei Nacht", "make the dog a cat", "remove the hat", "no text, no watermark", "without any people",
    "same but with blue eyes", "make it 16:9", "another one", "2 more", "the first one was better",
    "go back to image 2", "take the first one and make it blue", "what is the capital of France?",
    "describe the last image", "why is it so blurry?", "what seed was that?", "no", "thanks, that's great",
    "wow that's beautiful", "help", "draw a dog on a skateboard", "it's too dark", "he should be holding a shield",
    "can you make it a bit more dramatic and add some fog?", "30 steps, guidance 5", "--ar 21:9 --no people",
]


def _context(scene, pictures: int) -> Context:
    pics = tuple(Picture(number=i + 1, seed=100 + i, steps=25, guidance=7.5, width=512, height=512,
                         backend="local", model="tiny-sd") for i in range(pictures))
    return Context(scene=scene, pictures=pics, can_undo=pictures > 1)


def _turn(text: str, ctx: Context) -> None:
    action, _ = understand(text, ctx)
    if isinstance(action, New):
        scene, _ = apply_ops(scene_from_description(action.description, verbatim=action.verbatim), action.ops)
    elif isinstance(action, (Edit, Branch)) and ctx.scene is not None:
        scene, _ = apply_ops(ctx.scene, action.ops)
    else:
        return
    write(scene, ctx.target)


def measure(rounds: int) -> dict[str, float]:
    scene = scene_from_description("a man wearing a hat and a blue coat in a cozy coffee shop with a dog").with_(seed=7)
    cases = [(t, _context(None, 0)) for t in FIRST] + [(t, _context(scene, 3)) for t in FOLLOW_UPS]
    for text, ctx in cases:  # warm the regex caches once, as a running app has
        _turn(text, ctx)
    understand_ms: list[float] = []
    turn_ms: list[float] = []
    for _ in range(rounds):
        for text, ctx in cases:
            t0 = time.perf_counter()
            understand(text, ctx)
            understand_ms.append((time.perf_counter() - t0) * 1000)
            t0 = time.perf_counter()
            _turn(text, ctx)
            turn_ms.append((time.perf_counter() - t0) * 1000)
    q = statistics.quantiles(understand_ms, n=100)
    return {"messages": len(cases), "calls": len(understand_ms), "understand_median_ms": statistics.median(understand_ms),
            "understand_p95_ms": q[94], "understand_max_ms": max(understand_ms),
            "turn_median_ms": statistics.median(turn_ms), "turn_p95_ms": statistics.quantiles(turn_ms, n=100)[94]}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rounds", type=int, default=30)
    args = ap.parse_args(argv)
    r = measure(args.rounds)
    print(f"understand(): {r['messages']} messages x {args.rounds} rounds = {r['calls']} calls")
    print(f"  median {r['understand_median_ms']:.3f} ms · p95 {r['understand_p95_ms']:.3f} ms · "
          f"max {r['understand_max_ms']:.3f} ms (target: median < 5 ms)")
    print(f"whole rules turn (understand + apply_ops + write, estimate tokenizer): "
          f"median {r['turn_median_ms']:.3f} ms · p95 {r['turn_p95_ms']:.3f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
