"""The package's imports form no cycle, and no module hides an import inside a function to dodge one.

Read from the source (ast), so a cycle shows even where Python's import order happens to tolerate it. Imports
inside functions are allowed only for what is imported where it is used on purpose: optional extras (zstandard,
pyarrow, the WARC and pipeline libraries), Rich's progress bar (drawn only on a terminal) and Markdown renderer
(the app's first Markdown body: markdown-it is slow to import), and the app, which the headless commands never
load.
"""

from __future__ import annotations

import ast
from pathlib import Path

from paths import ROOT

PACKAGE = ROOT / "thread_explorer"
LAZY_ALLOWED = (
    "zstandard",
    "pyarrow",
    "fastwarc",
    "warcio",
    "datatrove",
    "rich",
    "orjson",
    "thread_explorer.ui",
)


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def resolve(module: str, is_package: bool, node: ast.ImportFrom) -> list[str]:
    """The thread_explorer modules a `from … import …` names (relative imports resolved)."""
    if node.level:
        base = module.split(".") if is_package else module.split(".")[:-1]
        base = base[: len(base) - (node.level - 1)]
        target = ".".join(base + ([node.module] if node.module else []))
    else:
        target = node.module or ""
    if not target.startswith("thread_explorer"):
        return []
    return [target] + [f"{target}.{alias.name}" for alias in node.names]


def graph() -> tuple[dict[str, set[str]], list[str]]:
    """Module-level imports between the package's modules, and every function-level import found."""
    files = {module_name(p): p for p in PACKAGE.rglob("*.py")}
    edges: dict[str, set[str]] = {name: set() for name in files}
    lazy: list[str] = []
    for name, path in files.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        top = {id(node) for node in tree.body}
        typing_only = {  # `if TYPE_CHECKING:` imports never run: not edges, not hidden imports
            id(inner)
            for node in tree.body
            if isinstance(node, ast.If)
            and isinstance(node.test, ast.Name)
            and node.test.id == "TYPE_CHECKING"
            for inner in ast.walk(node)
        }
        for node in ast.walk(tree):
            if not isinstance(node, (ast.Import, ast.ImportFrom)) or id(node) in typing_only:
                continue
            if isinstance(node, ast.ImportFrom):
                targets = resolve(name, path.name == "__init__.py", node)
                shown = targets[0] if targets else node.module or ""
            else:
                targets = [alias.name for alias in node.names if alias.name.startswith("thread_explorer")]
                shown = ", ".join(alias.name for alias in node.names)
            if id(node) not in top:
                if not shown.startswith(LAZY_ALLOWED):
                    lazy.append(f"{name}: import {shown}")
                continue
            edges[name].update(t for t in targets if t in files and t != name)
    return edges, lazy


def test_no_import_cycle() -> None:
    edges, _ = graph()
    state: dict[str, int] = {}
    cycles: list[list[str]] = []

    def visit(node: str, path: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(edges[node]):
            if state.get(nxt) == 1:
                cycles.append(path[path.index(nxt) :] + [nxt] if nxt in path else [node, nxt])
            elif nxt not in state:
                visit(nxt, [*path, nxt])
        state[node] = 2

    for start in sorted(edges):
        if start not in state:
            visit(start, [start])
    assert cycles == [], "import cycles: " + "; ".join(" -> ".join(c) for c in cycles)


def test_no_import_hidden_in_a_function() -> None:
    _, lazy = graph()
    assert lazy == [], "imports inside functions: " + "; ".join(lazy)
