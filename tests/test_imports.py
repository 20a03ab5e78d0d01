"""perflib's modules import each other without cycles, and none imports another's private names.

Every `import` and `from … import` counts, at any depth: module level and inside functions (an
import moved into a function still ties the two modules together; it only hides the cycle until
that function runs). Relative imports are resolved; `from pkg import mod` is an import of pkg.mod.
"""
import ast
from pathlib import Path

from paths import ROOT

PACKAGE = "perflib"


def _modules() -> dict[str, Path]:
    """Dotted module name → file, for every module of the package."""
    out = {}
    for path in sorted((ROOT / PACKAGE).rglob("*.py")):
        parts = list(path.relative_to(ROOT).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        out[".".join(parts)] = path
    return out


def _resolve(module: str, path: Path, node: ast.ImportFrom) -> str:
    """The absolute module a `from` import names (relative levels resolved)."""
    if not node.level:
        return node.module or ""
    package = module.split(".") if path.name == "__init__.py" else module.split(".")[:-1]
    base = package[: len(package) - (node.level - 1)]
    return ".".join(base + ([node.module] if node.module else []))


def _imports(modules: dict[str, Path]):
    """(importer, imported module, names taken from it, line) for every perflib→perflib import."""
    for module, path in modules.items():
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                for alias in node.names:
                    if alias.name.split(".")[0] == PACKAGE:
                        yield module, alias.name, [], node.lineno
            elif isinstance(node, ast.ImportFrom):
                source = _resolve(module, path, node)
                if source.split(".")[0] != PACKAGE:
                    continue
                names = [a.name for a in node.names]
                submodules = [f"{source}.{n}" for n in names if f"{source}.{n}" in modules]
                plain = [n for n in names if f"{source}.{n}" not in modules]
                for sub in submodules:
                    yield module, sub, [], node.lineno
                if plain:
                    yield module, source, plain, node.lineno


def _graph(modules) -> dict[str, set[str]]:
    graph = {m: set() for m in modules}
    for importer, imported, _, _ in _imports(modules):
        if imported in modules and imported != importer:
            graph[importer].add(imported)
    return graph


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan)."""
    index, low, stack, on_stack, found = {}, {}, [], set(), []

    def visit(v):
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found


def _edges_within(component: list[str], graph) -> list[str]:
    return [f"{a} → {b}" for a in component for b in sorted(graph[a]) if b in component]


def test_the_walk_sees_every_kind_of_import():
    """The checker itself: relative, absolute, function-level and submodule imports all become edges."""
    modules = _modules()
    graph = _graph(modules)
    assert len(modules) > 30
    assert "perflib.config" in graph["perflib.run.render"]  # `from .. import __version__, config`
    assert "perflib.run.engine" in graph["perflib.run.render"]  # `from . import engine`, inside a function
    assert "perflib.present.webfont" in graph["perflib.run.render"]  # function-level `from ..present.webfont`
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_no_import_cycles():
    graph = _graph(_modules())
    cycles = _cycles(graph)
    assert cycles == [], "\n".join("cycle: " + "; ".join(_edges_within(c, graph)) for c in cycles)


def test_no_private_names_imported_from_another_module():
    modules = _modules()
    private = [f"{modules[importer].relative_to(ROOT)}:{line}: from {imported} import {name}"
               for importer, imported, names, line in _imports(modules)
               for name in names if name.startswith("_") and not name.startswith("__")]
    assert private == []
