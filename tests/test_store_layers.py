"""The shape of storage/: modules import one another without a cycle, none reaches into another
object's private members, each stays small, and a Store is its repositories under the old names."""

from __future__ import annotations

import ast
import re
from dataclasses import fields
from pathlib import Path

from storage import ImageRecord, NewImage, Recipe, Store
from storage.exchange import EXPORT_COLUMNS
from storage.recipe import COLUMNS

STORAGE = Path(__file__).resolve().parents[1] / "storage"
MAX_LINES = 450


def _imports() -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {}
    for path in STORAGE.glob("*.py"):
        found = set()
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("storage."):
                found.add(node.module.split(".")[1])
            elif isinstance(node, ast.Import):
                found |= {a.name.split(".")[1] for a in node.names if a.name.startswith("storage.")}
        graph[path.stem] = found
    return graph


def test_storage_modules_import_one_another_without_a_cycle():
    graph = _imports()
    done: set[str] = set()

    def visit(module: str, path: tuple[str, ...]) -> None:
        assert module not in path, " -> ".join((*path, module))
        if module in done:
            return
        for dep in graph.get(module, ()):
            visit(dep, (*path, module))
        done.add(module)

    for module in graph:
        visit(module, ())
    assert "store" not in graph["exchange"] and "store" not in graph["images"]


def test_no_module_reaches_into_another_objects_private_members():
    private = re.compile(r"\b(?!self\b|cls\b)[a-z_]\w*\._[a-z]\w*")
    hits = [f"{p.name}:{n}: {line.strip()}" for p in sorted(STORAGE.glob("*.py"))
            for n, line in enumerate(p.read_text().splitlines(), 1) if private.search(line)]
    assert hits == []


def test_every_storage_module_is_small():
    sizes = {p.name: len(p.read_text().splitlines()) for p in STORAGE.glob("*.py")}
    assert max(sizes.values()) < MAX_LINES, sizes


def test_the_recipe_is_declared_once_and_the_other_shapes_derive_from_it():
    recipe = [f.name for f in fields(Recipe)]
    assert list(COLUMNS) == recipe
    assert [c for c in EXPORT_COLUMNS if c in recipe] == recipe
    for shape in (ImageRecord, NewImage):  # a record and a new image are a recipe with more
        assert [f.name for f in fields(shape)][: len(recipe)] == recipe


def test_a_store_forwards_to_its_repositories(tmp_path):
    with Store(tmp_path / "s.duckdb") as store:
        assert store.add_message.__func__ is type(store.repos.messages).add
        assert store.list_images.__doc__ == store.repos.images.find.__doc__
        cid = store.create_conversation("ana", "Foxes")
        assert store.repos.conversations.get(cid, "ana").title == "Foxes"
