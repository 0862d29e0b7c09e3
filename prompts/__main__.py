"""Preview what would be sent: ``python -m prompts "MESSAGE" [--history FILE.json] [--style NAME]
[--target sd15|sdxl|dall-e-3|...] [--as-is] [--seed N] [--negative TEXT] [--tokenizer DIR] [--json]``."""

from __future__ import annotations

import argparse
import json
import sys

from .engine import engineer
from .errors import PromptError
from .styles import list_styles, style_label
from .targets import TARGETS
from .values import Turn


def _history(path: str | None) -> list[Turn]:
    if not path:
        return []
    try:
        with open(path, encoding="utf-8") as fh:
            raw = json.load(fh)
    except OSError as exc:
        raise PromptError(f"Cannot read the history file {path}: {exc.strerror or exc}.") from exc
    except json.JSONDecodeError as exc:
        raise PromptError(f"The history file {path} is not valid JSON (line {exc.lineno}).") from exc
    if not isinstance(raw, list):
        raise PromptError("The history file must hold a JSON list of {\"role\", \"content\", \"prompt\"} objects.")
    turns = []
    for item in raw:
        if not isinstance(item, dict) or item.get("role") not in ("user", "assistant"):
            raise PromptError("Each history entry needs \"role\": \"user\" or \"assistant\" and \"content\".")
        turns.append(Turn(role=item["role"], content=str(item.get("content", "")), prompt=item.get("prompt"),
                          style=item.get("style"), negative_prompt=item.get("negative_prompt")))
    return turns


def _tokenizer(path: str | None):
    if not path:
        return None
    try:
        from transformers import CLIPTokenizer

        return CLIPTokenizer.from_pretrained(path, local_files_only=True)
    except Exception as exc:  # noqa: BLE001 - any load failure is one message for the person
        raise PromptError(f"Cannot load a CLIP tokenizer from {path}: {type(exc).__name__}.") from exc


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m prompts", description="Preview the prompt imagechat would send.")
    ap.add_argument("message", nargs="?", default=None)
    ap.add_argument("--history", help="JSON list of {role, content, prompt} turns")
    ap.add_argument("--style", default="none", help="style id or name (see --list-styles)")
    ap.add_argument("--target", default="sd15", help=f"one of: {', '.join(TARGETS)}")
    ap.add_argument("--as-is", action="store_true", help="send the words exactly as typed")
    ap.add_argument("--seed", type=int, default=None)
    ap.add_argument("--negative", default="", help="your own negative prompt")
    ap.add_argument("--tokenizer", help="folder of a CLIP tokenizer (vocab.json, merges.txt) to count tokens exactly")
    ap.add_argument("--json", action="store_true", help="print one JSON object")
    ap.add_argument("--list-styles", action="store_true")
    args = ap.parse_args(argv)

    if args.list_styles:
        for sid in list_styles():
            print(f"{sid}\t{style_label(sid)}")
        return 0
    try:
        if args.message is None:
            raise PromptError("Give a message to preview, for example: python -m prompts \"a red fox in the snow\".")
        result = engineer(args.message, _history(args.history), style=args.style, target=args.target,
                          enhance=not args.as_is, negative=args.negative, seed=args.seed,
                          tokenizer=_tokenizer(args.tokenizer))
    except PromptError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps(result.to_dict(), ensure_ascii=False))
        return 0
    if result.intent == "chat":
        print(result.reply)
        return 0
    print(f"prompt:   {result.prompt}")
    if result.negative_prompt:
        print(f"negative: {result.negative_prompt}")
    print(f"style:    {result.style}    target: {result.target}    seed: {result.seed_policy}")
    if result.tokens is not None:
        approx = " (estimated)" if result.tokens_estimated else ""
        print(f"tokens:   {result.tokens}/{result.token_limit}{approx}")
    if result.changes:
        print("changes:  " + ", ".join(result.changes))
    for w in result.warnings:
        print(f"warning:  {w}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
