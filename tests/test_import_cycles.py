"""No import cycles in netview: a test over the import graph, read from the source with ast.

Every import counts, at module level or inside a function (a local import only postpones a
cycle, it does not remove it), except those under `if TYPE_CHECKING:`, which never run.
An edge goes to the most specific module named, as import-linter's grimp counts them:
`from netview.store import db` is an import of netview.store.db.
"""

from __future__ import annotations

import ast
from pathlib import Path

import networkx as nx

SRC = Path(__file__).resolve().parents[1] / "src"


def _modules(src: Path) -> dict[str, Path]:
    found = {}
    for path in sorted((src / "netview").rglob("*.py")):
        parts = list(path.relative_to(src).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _imports(tree: ast.AST, module: str, is_package: bool) -> list[tuple[str, int, list[str]]]:
    """(module named, line, names) for every import that runs."""
    found: list[tuple[str, int, list[str]]] = []

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.If) and _is_type_checking(node.test):
            for child in node.orelse:
                visit(child)
            return
        if isinstance(node, ast.Import):
            found.extend((a.name, node.lineno, []) for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                package = module if is_package else module.rpartition(".")[0]
                for _ in range(node.level - 1):
                    package = package.rpartition(".")[0]
                base = f"{package}.{base}" if base else package
            found.append((base, node.lineno, [a.name for a in node.names]))
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(tree)
    return found


def import_graph(src: Path = SRC) -> nx.DiGraph:
    modules = _modules(src)
    graph = nx.DiGraph()
    graph.add_nodes_from(modules)
    for module, path in modules.items():
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        for named, line, names in _imports(tree, module, path.name == "__init__.py"):
            targets = [f"{named}.{n}" for n in names if f"{named}.{n}" in modules]
            if len(targets) < len(names) and named in modules:
                targets.append(named)  # names defined in the module itself
            for target in targets:
                if target != module:
                    graph.add_edge(module, target, line=line)
    return graph


def cycles(graph: nx.DiGraph) -> list[str]:
    """One readable cycle per tangle: 'a (line 3) -> b (line 9) -> a'."""
    found = []
    for group in nx.strongly_connected_components(graph):
        if len(group) < 2:
            continue
        edges = nx.find_cycle(graph.subgraph(group), source=min(group))
        found.append(
            " -> ".join(f"{a} (line {graph.edges[a, b]['line']})" for a, b in edges)
            + f" -> {edges[0][0]}"
        )
    return sorted(found)


def test_netview_has_no_import_cycles() -> None:
    graph = import_graph()
    assert graph.number_of_nodes() > 50 and graph.number_of_edges() > 100  # it read the code
    assert cycles(graph) == []


def test_the_check_finds_a_cycle_hidden_in_a_function(tmp_path: Path) -> None:
    pkg = tmp_path / "netview"
    (pkg / "services").mkdir(parents=True)
    (pkg / "__init__.py").write_text("")
    (pkg / "services" / "__init__.py").write_text("")
    (pkg / "services" / "a.py").write_text("from netview.services.b import thing\n")
    (pkg / "services" / "b.py").write_text(
        "from typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n    from netview.services import c\n"
        "def thing():\n    from . import a\n"
    )
    (pkg / "services" / "c.py").write_text("import netview.services.b\n")
    found = cycles(import_graph(tmp_path))
    assert found == [
        "netview.services.a (line 1) -> netview.services.b (line 5) -> netview.services.a"
    ]
