"""The package layout shows the pipeline, and the imports keep to it: a stage imports only from the
stages before it, and no module imports itself back through others (no import circle)."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "casebook"
SHARED = {"problems", "cache", "i18n"}  # small modules every stage uses
# stage -> the stages it may import from (besides itself and the shared modules)
ALLOWED = {
    "read": set(),  # files → text → YAML with the line of every key
    "declare": {"read"},
    "model": {"declare"},
    "check": {"read", "declare", "model"},
    "render": {"declare", "model"},
    "outputs": {"read", "declare", "model", "check", "render"},
    "authoring": {"read", "declare", "model", "check"},
    "adapters": {"read", "declare", "model", "check", "render", "outputs"},
    "cli": {"read", "declare", "model", "check", "render", "outputs", "authoring", "adapters"},
}

def modules() -> dict[str, Path]:
    out = {}
    for path in PACKAGE.rglob("*.py"):
        if "scaffold" in path.parts:  # the files `casebook init` copies into a new library, not modules
            continue
        parts = path.relative_to(PACKAGE).with_suffix("").parts
        name = ".".join(("casebook", *parts))
        out[name.removesuffix(".__init__")] = path
    return out


def imports(path: Path) -> set[str]:
    """Every casebook module ``path`` imports, also inside functions."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("casebook"):
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names if alias.name.startswith("casebook"))
    return found


def stage(module: str) -> str:
    part = module.split(".")[1] if "." in module else ""
    return "shared" if part in SHARED else part


def graph() -> dict[str, set[str]]:
    known = modules()
    return {name: {m for m in imports(path) if m in known and m != name} for name, path in known.items()}


def test_every_module_sits_in_a_stage():
    assert {stage(m) for m in modules() if m != "casebook"} <= set(ALLOWED) | {"shared"}


def test_each_stage_imports_only_from_earlier_stages():
    wrong = []
    for module, targets in graph().items():
        here = stage(module)
        if module == "casebook":
            continue
        for target in targets:
            there = stage(target)
            if there not in ("shared", here) and (here == "shared" or there not in ALLOWED[here]):
                wrong.append((module, target))
    assert wrong == []


def test_no_import_circle():
    edges = graph()
    seen, on_path, circles = set(), [], []

    def visit(node):
        if node in on_path:
            circles.append(on_path[on_path.index(node):] + [node])
            return
        if node in seen:
            return
        seen.add(node)
        on_path.append(node)
        for target in sorted(edges.get(node, ())):
            if target.startswith(node + "."):  # a package importing its own modules is not a circle
                continue
            visit(target)
        on_path.pop()

    for module in sorted(edges):
        visit(module)
    assert circles == []
