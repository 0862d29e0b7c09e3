"""No code reaches into Gradio's internals: its underscore names, and the attributes it keeps for
itself that this app once read (the login tokens of a launched app, its cookie id, the server app of a
launched Blocks, the queue object). The app is one FastAPI app with the Gradio UI mounted by
``gr.mount_gradio_app`` and Gradio told who is asking by its documented ``auth_dependency``; a
Gradio upgrade that renames an internal cannot break the login.

Read with ``ast``: docstrings and comments may name an internal to explain why it is not used."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SKIP = {".venv", ".git", "node_modules", "__pycache__", ".pytest_cache"}

# Attributes of Gradio objects that are not part of its documented API.
INTERNAL_ATTRIBUTES = {"cookie_id", "_queue", "share_token", "setup_tunnel", "block_thread", "server_app"}
# <x>.app is the server app of a launched Blocks; <x>.app.tokens its login sessions.
LAUNCHED_APP_OWNERS = {"demo", "blocks", "interface", "ui"}

# The one use left, and why: Gradio documents share links only through its own launch(share=True),
# and this app is served by uvicorn, not launched by Gradio.
ALLOWED = {("app.py", "setup_tunnel")}


def python_files() -> list[Path]:
    return sorted(p for p in ROOT.rglob("*.py") if not SKIP.intersection(p.relative_to(ROOT).parts))


def gradio_names(tree: ast.AST) -> set[str]:
    """Local names bound to Gradio or one of its modules (``import gradio as gr``, ``from gradio import x``)."""
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name == "gradio" or alias.name.startswith("gradio."):
                    names.add(alias.asname or alias.name.split(".")[0])
        elif isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] == "gradio":
            names.update(alias.asname or alias.name for alias in node.names)
    return names


def chain(node: ast.AST) -> list[str]:
    """``a.b.c`` as ["a", "b", "c"]; [] when it does not start at a name."""
    parts: list[str] = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if not isinstance(node, ast.Name):
        return []
    return [node.id, *reversed(parts)]


def private(name: str) -> bool:
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


def findings(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    gradio = gradio_names(tree)
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] == "gradio":
            found += [(node.lineno, f"from {node.module} import {a.name}") for a in node.names
                      if private(a.name) or a.name in INTERNAL_ATTRIBUTES]
            if any(private(part) for part in node.module.split(".")):
                found.append((node.lineno, f"from {node.module}"))
        elif isinstance(node, (ast.Import,)):
            found += [(node.lineno, f"import {a.name}") for a in node.names
                      if a.name.split(".")[0] == "gradio" and any(private(p) for p in a.name.split("."))]
        elif isinstance(node, ast.Attribute):
            parts = chain(node)
            if node.attr in INTERNAL_ATTRIBUTES:
                found.append((node.lineno, ".".join(parts) or node.attr))
            elif parts and parts[0] in gradio and private(node.attr):
                found.append((node.lineno, ".".join(parts)))
            elif len(parts) >= 2 and parts[-1] == "app" and parts[-2] in LAUNCHED_APP_OWNERS:
                found.append((node.lineno, ".".join(parts)))
            elif len(parts) >= 2 and parts[-1] == "tokens" and parts[-2] == "app":
                found.append((node.lineno, ".".join(parts)))
        elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("getattr", "hasattr")
              and len(node.args) >= 2 and isinstance(node.args[1], ast.Constant)
              and node.args[1].value in INTERNAL_ATTRIBUTES | {"tokens"} and chain(node.args[0])[-1:] == ["app"]):
            found.append((node.lineno, f"{node.func.id}(..., {node.args[1].value!r})"))
        elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("getattr", "hasattr")
              and len(node.args) >= 2 and isinstance(node.args[1], ast.Constant)
              and node.args[1].value in ("cookie_id", "_queue", "share_token")):
            found.append((node.lineno, f"{node.func.id}(..., {node.args[1].value!r})"))
    return found


def test_no_code_uses_gradios_internals():
    here = Path(__file__).resolve()
    problems = []
    for path in python_files():
        if path == here:  # this file names them in order to look for them
            continue
        rel = path.relative_to(ROOT).as_posix()
        for line, what in findings(path):
            if not any(rel == allowed_file and what.endswith(name) for allowed_file, name in ALLOWED):
                problems.append(f"{rel}:{line}: {what}")
    assert not problems, "Gradio internals in use:\n" + "\n".join(problems)


def test_the_check_finds_what_it_looks_for(tmp_path):
    """The check itself: each way the app once reached into Gradio is caught."""
    sample = tmp_path / "sample.py"
    sample.write_text(
        "import gradio as gr\n"
        "from gradio import networking\n"
        "from gradio.routes import _private_helper\n"
        "demo = gr.Blocks()\n"
        "demo.app.tokens\n"
        "getattr(demo.app, 'cookie_id', None)\n"
        "demo._queue\n"
        "networking.setup_tunnel\n"
        "gr._internal\n")
    found = [what for _line, what in findings(sample)]
    for expected in ("from gradio.routes import _private_helper", "demo.app.tokens", "demo.app",
                     "getattr(..., 'cookie_id')", "demo._queue", "networking.setup_tunnel", "gr._internal"):
        assert expected in found, (expected, found)
    clean = tmp_path / "clean.py"
    clean.write_text('"""Gradio keeps its sessions in app.tokens."""\nimport gradio as gr\n'
                     "gr.mount_gradio_app\nself.app = app\nresult.tokens\n")
    assert findings(clean) == []
