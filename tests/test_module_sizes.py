"""Every module of the app stays small: none reaches 450 lines, so each keeps one job (tests and the case files
aside)."""

from __future__ import annotations

import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MAX_LINES = 450


def _modules() -> list[str]:
    """The repository's Python files (from git where the checkout has it; else the tree, less environments)."""
    if (ROOT / ".git").exists():
        return subprocess.run(["git", "ls-files", "*.py"], cwd=ROOT, capture_output=True, text=True, check=True).stdout.split()
    return [str(p.relative_to(ROOT)) for p in ROOT.rglob("*.py") if not {".venv", "venv", "node_modules"} & set(p.parts)]


def test_no_module_of_the_app_reaches_450_lines():
    tracked = _modules()
    sizes = {name: len((ROOT / name).read_text(encoding="utf-8").splitlines()) for name in tracked
             if not name.startswith("tests/") and (ROOT / name).exists()}
    assert len(sizes) > 100  # the app's modules were found
    assert {name: n for name, n in sizes.items() if n >= MAX_LINES} == {}
