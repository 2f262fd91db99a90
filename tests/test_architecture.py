"""The package layout keeps its shape: no import cycle inside digest, and each package imports
only the layers its ``__init__`` names (digest/__init__.py gives the order).

Both are read from the source (ast), every import counted wherever it stands (a function-body
import is still a dependency), except those under ``if TYPE_CHECKING:``.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DIGEST = ROOT / "digest"

# digest/__init__.py: text, urls, config, errors -> store, geo -> ingest -> classify -> bulletin
# -> site, mail -> web -> commands, demo (and cli, and extract: the contract's entry point).
LAYERS = [
    {"text", "urls", "config", "errors"},
    {"store", "geo"},
    {"ingest"},
    {"classify"},
    {"bulletin"},
    {"site", "mail"},
    {"web"},
    {"commands", "demo", "cli", "__main__", "extract"},  # extract: FORMAT.md's public name
]
# the bottom modules and the top-level entry points may use one another; store/geo, site/mail
# are siblings that must not.
SHARED_LAYERS = LAYERS[0] | LAYERS[-1]
RANK = {name: i for i, names in enumerate(LAYERS) for name in names}


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def digest_modules() -> dict[str, Path]:
    return {module_name(p): p for p in DIGEST.rglob("*.py") if "versions" not in p.parts}


def _type_checking_nodes(tree: ast.AST) -> set[int]:
    skip: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            skip.update(id(n) for stmt in node.body for n in ast.walk(stmt))
    return skip


def imports_of(name: str, path: Path, known: set[str]) -> set[str]:
    """The digest modules ``name`` imports (``from a.b import c`` counts a.b.c when c is a module)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip = _type_checking_nodes(tree)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    out: set[str] = set()
    for node in ast.walk(tree):
        if id(node) in skip:
            continue
        if isinstance(node, ast.Import):
            out.update(a.name for a in node.names if a.name in known)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(package.split(".")[: len(package.split(".")) - node.level + 1]
                                + ([node.module] if node.module else []))
            for alias in node.names:
                target = f"{base}.{alias.name}"
                out.add(target if target in known else base)
    return {m for m in out if m in known and m != name}


@pytest.fixture(scope="module")
def graph() -> dict[str, set[str]]:
    modules = digest_modules()
    known = set(modules)
    return {name: imports_of(name, path, known) for name, path in modules.items()}


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import cycle (as a path that ends where it starts), or None."""
    state: dict[str, int] = {}  # 1 = on the current path, 2 = done
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return stack[stack.index(nxt):] + [nxt]
            if nxt not in state and (found := visit(nxt)):
                return found
        stack.pop()
        state[node] = 2
        return None

    for start in sorted(graph):
        if start not in state and (found := visit(start)):
            return found
    return None


def test_cycle_finder_sees_a_cycle() -> None:
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set()}) is None


def test_no_import_cycle_inside_digest(graph: dict[str, set[str]]) -> None:
    # the package __init__ files import nothing of their children, so parent edges add no cycle
    cycle = find_cycle(graph)
    assert cycle is None, "import cycle: " + " -> ".join(cycle or [])


def _area(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


def test_each_package_imports_only_earlier_layers(graph: dict[str, set[str]]) -> None:
    wrong = []
    for module, targets in sorted(graph.items()):
        area = _area(module)
        if area not in RANK:
            continue
        for target in sorted(targets):
            other = _area(target)
            if other and other != area and other in RANK and (
                    RANK[other] > RANK[area] or (RANK[other] == RANK[area] and area not in SHARED_LAYERS)):
                wrong.append(f"{module} imports {target}")
    assert not wrong, "\n".join(wrong)


def test_every_package_is_in_a_layer() -> None:
    areas = {_area(m) for m in digest_modules()} - {""}
    assert areas <= set(RANK), f"add to LAYERS (and digest/__init__.py): {sorted(areas - set(RANK))}"
