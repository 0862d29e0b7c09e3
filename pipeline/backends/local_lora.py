"""LoRA adapters named in the prompt the A1111 way, ``<lora:name:0.8>``, from one folder (--lora-dir).

A tag names ``name.safetensors`` in the folder (diffusers/PEFT or kohya format: whatever diffusers'
``load_lora_weights`` reads) and its weight (1.0 when left out). Each adapter is loaded once per
pipeline under its own adapter name and kept; a run turns on exactly the ones its prompt names, with
their weights (``set_adapters``), and a run that names none runs with LoRA disabled. The tags never
reach CLIP: ``strip_tags`` removes them from the text; the recorded prompt keeps them, which is how
A1111 records LoRA too, so a restored recipe asks for the same adapters.
"""

from __future__ import annotations

import re
import threading
import weakref
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pipeline.errors import InvalidRequest

SUFFIX = ".safetensors"
_TAG = re.compile(r"<lora:([^:<>]+?)(?::\s*([+-]?(?:\d+\.?\d*|\.\d+))\s*)?>", re.IGNORECASE)
MAX_WEIGHT = 10.0


@dataclass(frozen=True)
class LoraUse:
    name: str
    weight: float


def find_tags(prompt: str) -> tuple[LoraUse, ...]:
    """The LoRAs a prompt names, in order; a name given twice keeps its last weight."""
    found: dict[str, float] = {}
    for m in _TAG.finditer(prompt or ""):
        name = m.group(1).strip()
        found.pop(name, None)
        found[name] = float(m.group(2)) if m.group(2) else 1.0
    return tuple(LoraUse(n, w) for n, w in found.items())


def strip_tags(prompt: str) -> str:
    """The prompt without its LoRA tags (and the commas and spaces they leave behind)."""
    text = _TAG.sub("", prompt or "")
    text = re.sub(r"\s*,\s*(,\s*)+", ", ", text)  # "a, <lora:x>, b" -> "a, b"
    return re.sub(r"[ \t]{2,}", " ", text).strip(" \t,")


def available(lora_dir: str | None) -> list[str]:
    """The LoRA names in the folder, sorted."""
    if not lora_dir:
        return []
    folder = Path(lora_dir).expanduser()
    if not folder.is_dir():
        return []
    return sorted(p.stem for p in folder.iterdir() if p.suffix.lower() == SUFFIX and p.is_file())


def check(prompt: str, lora_dir: str | None) -> tuple[LoraUse, ...]:
    """The prompt's LoRAs, each one found in the folder; InvalidRequest ("prompt") naming the
    available ones otherwise. Cheap: reads the folder's listing only."""
    uses = find_tags(prompt)
    if not uses:
        return uses
    if not lora_dir:
        raise InvalidRequest(
            "prompt", "The prompt names a LoRA (<lora:...>), but this server has no LoRA folder: "
            "start it with --lora-dir FOLDER (or IMAGECHAT_LORA_DIR)."
        )
    names = available(lora_dir)
    for use in uses:
        if use.name not in names:
            listed = ", ".join(names) if names else "none"
            raise InvalidRequest(
                "prompt", f"There is no LoRA {use.name!r} in the LoRA folder. Available: {listed}."
            )
        if not -MAX_WEIGHT <= use.weight <= MAX_WEIGHT:
            raise InvalidRequest(
                "prompt", f"The weight of LoRA {use.name!r} must be from {-MAX_WEIGHT:g} to {MAX_WEIGHT:g}; "
                f"got {use.weight:g}."
            )
    return uses


def without_missing(prompt: str, lora_dir: str | None) -> tuple[str, tuple[str, ...]]:
    """The prompt without the LoRA tags that name no file in the folder, and a warning for each one
    dropped: how a turn draws a pasted prompt anyway, as A1111 does (``check`` still refuses such a prompt)."""
    names = set(available(lora_dir))
    missing = [use.name for use in find_tags(prompt) if use.name not in names]
    if not missing:
        return prompt, ()
    kept = _TAG.sub(lambda m: m.group(0) if m.group(1).strip() in names else "", prompt)
    kept = re.sub(r"[ \t]{2,}", " ", re.sub(r"\s*,\s*(,\s*)+", ", ", kept)).strip(" \t,")
    where = "this server has no LoRA folder (--lora-dir)" if not lora_dir else "it is not in this server's LoRA folder"
    return kept, tuple(f"LoRA {name!r} was left out: {where}." for name in missing)


class _Adapters:
    """The adapters loaded into one pipeline: LoRA name -> adapter name."""

    def __init__(self) -> None:
        self.loaded: dict[str, str] = {}
        self.lock = threading.Lock()


_LOADED: "weakref.WeakKeyDictionary[Any, _Adapters]" = weakref.WeakKeyDictionary()
_GUARD = threading.Lock()


def apply(pipe: Any, lora_dir: str | None, uses: tuple[LoraUse, ...]) -> None:
    """Turn on exactly ``uses`` on ``pipe`` (loading any not loaded yet), or disable LoRA when empty.
    Runs under the pipeline's run lock, before its call."""
    with _GUARD:
        state = _LOADED.setdefault(pipe, _Adapters())
    with state.lock:
        if not uses:
            if state.loaded:
                pipe.disable_lora()
            return
        folder = Path(lora_dir or "").expanduser()
        for use in uses:
            if use.name not in state.loaded:
                adapter = _adapter_name(use.name, state.loaded.values())
                pipe.load_lora_weights(str(folder), weight_name=use.name + SUFFIX, adapter_name=adapter)
                state.loaded[use.name] = adapter
        pipe.enable_lora()
        pipe.set_adapters([state.loaded[u.name] for u in uses], adapter_weights=[u.weight for u in uses])


def _adapter_name(name: str, taken: Any) -> str:
    # PEFT keeps adapters in module dicts: a name with dots or spaces would not be a valid key.
    base = re.sub(r"\W", "_", name) or "lora"
    adapter, n = base, 1
    while adapter in set(taken):
        n += 1
        adapter = f"{base}_{n}"
    return adapter
