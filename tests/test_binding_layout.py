"""The binding (``src/python/``) has no import circle: no module uses,
directly or through others, a module that uses it back. Read from the
source: every ``super::name`` (and ``crate::python::name``) path of a module
is an edge to that sibling module."""

from __future__ import annotations

import re
from pathlib import Path

BINDING = Path(__file__).resolve().parents[1] / "src" / "python"

# `super::name`, `super::{a, b::c, d}`, `crate::python::name`.
PATH = re.compile(r"\b(?:super|crate::python)::(\{[^}]*\}|\w+)")


def uses(source: str) -> set[str]:
    """The sibling modules a module's source refers to."""
    found: set[str] = set()
    for match in PATH.finditer(source):
        target = match.group(1)
        if target.startswith("{"):
            found.update(part.strip().split("::")[0] for part in target[1:-1].split(",") if part.strip())
        else:
            found.add(target)
    return found


def graph() -> dict[str, set[str]]:
    modules = {p.stem: p.read_text(encoding="utf-8") for p in BINDING.glob("*.rs") if p.stem != "mod"}
    return {name: uses(source) & set(modules) - {name} for name, source in modules.items()}


def circle(edges: dict[str, set[str]]) -> list[str] | None:
    """A circle of modules (the first one found, closed on itself), or None."""
    state: dict[str, str] = {}
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = "open"
        path.append(node)
        for nxt in sorted(edges.get(node, ())):
            if state.get(nxt) == "open":
                return [*path[path.index(nxt) :], nxt]
            if nxt not in state and (found := visit(nxt)) is not None:
                return found
        path.pop()
        state[node] = "done"
        return None

    for node in sorted(edges):
        if node not in state and (found := visit(node)) is not None:
            return found
    return None


def test_the_reader_finds_uses_and_circles() -> None:
    assert uses("use super::args::{BatchArgs, Item};\nuse super::{errors, input::Batch};") == {
        "args",
        "errors",
        "input",
    }
    assert circle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert circle({"a": {"b"}, "b": {"c"}, "c": set()}) is None


def test_no_module_of_the_binding_imports_itself_back() -> None:
    edges = graph()
    # The reader sees the real structure (so the check below can fail).
    assert {"errors", "args", "batch", "tables", "quotes", "gazetteer"} <= set(edges)
    assert "gazetteer" in edges["quotes"] and "errors" in edges["batch"]
    assert circle(edges) is None, f"import circle: {' -> '.join(circle(edges) or [])}"


def test_leaf_modules_use_no_other_module() -> None:
    edges = graph()
    assert edges["errors"] == set()
    assert edges["gc"] == set()
    assert edges["args"] == {"errors"}
