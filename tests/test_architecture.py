"""The package is laid out as the data flows: each stage imports only from the stages below it, no module
imports itself back through others (no import loop, and none hidden inside a function), and no module reaches
into another's private names.  The imports are read with `ast`, every one of them — at module level, inside
functions, and under `if TYPE_CHECKING:` alike."""
from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

from conftest import ROOT

PACKAGE = ROOT / "linter"

# The stages, bottom up.  A module may import its own stage and any stage listed before it.  The base
# modules at the top level (data paths, per-user caches, compiled patterns, the grammars' LALR tables, the
# CLI's words) may be imported by every stage.
STAGES = ["document", "language", "outline", "tables", "ruleset", "settings", "checks", "engine", "batch",
          "output", "lsp", "serve", "cli"]
BASE = {"linter", "linter.resources", "linter.cache", "linter.collector", "linter.compiled", "linter.lalr",
        "linter.messages"}
MAX_TOP_LEVEL_MODULES = 10


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def all_modules() -> dict[str, Path]:
    return {module_name(p): p for p in PACKAGE.rglob("*.py")}


def imports_of(path: Path, name: str, modules: dict[str, Path]) -> list[tuple[int, str]]:
    """(line, module) for every import of a linter module in the file, relative ones resolved."""
    return imports_in(path.read_text(encoding="utf-8"), name, path.name == "__init__.py", modules)


def imports_in(source: str, name: str, is_package: bool, modules) -> list[tuple[int, str]]:
    return [(i.line, i.target) for i in walk_imports(source, name, is_package, modules)]


@dataclass(frozen=True)
class Import:
    """One name imported from a linter module: `from target import name`, or the module itself (name None)."""

    line: int
    target: str
    name: str | None
    in_function: bool
    local: str | None = None   # the local name bound to the module when one is (`as m`, `from pkg import m`)


def walk_imports(source: str, name: str, is_package: bool, modules) -> list[Import]:
    """Every import of a linter module in the source, relative ones resolved; `from pkg import submodule`
    imports the submodule."""
    package = name if is_package else name.rpartition(".")[0]
    found: list[Import] = []

    def visit(node: ast.AST, in_function: bool) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.Import):
                found.extend(Import(child.lineno, a.name, None, in_function, a.asname) for a in child.names
                             if a.name.split(".")[0] == "linter")
            elif isinstance(child, ast.ImportFrom):
                if child.level:
                    base = package.split(".")
                    base = base[: len(base) - child.level + 1]
                    target = ".".join(base + ([child.module] if child.module else []))
                else:
                    target = child.module or ""
                if target.split(".")[0] == "linter":
                    for alias in child.names:
                        sub = f"{target}.{alias.name}"
                        found.append(Import(child.lineno, sub, None, in_function, alias.asname or alias.name)
                                     if sub in modules else Import(child.lineno, target, alias.name, in_function))
            visit(child, in_function or isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef)))

    visit(ast.parse(source), False)
    return found


def sources() -> dict[str, tuple[str, bool]]:
    """Every module of the package: name -> (source, whether it is a package's __init__)."""
    return {name: (path.read_text(encoding="utf-8"), path.name == "__init__.py") for name, path in all_modules().items()}


def runs(importer: str, target: str, modules) -> list[str]:
    """The modules whose code an import runs: the packages above the target that do not hold the importer
    (a package's __init__ runs before its modules), then the target."""
    parts = target.split(".")
    above = [".".join(parts[:i]) for i in range(1, len(parts))]
    return [m for m in above if m in modules and not importer.startswith(m + ".")] + [target]


def import_graph(srcs: dict[str, tuple[str, bool]]) -> tuple[dict[str, set[str]], list[tuple[str, int, str]]]:
    """The modules each module's imports at module level run (name -> set), and the imports inside functions
    as (module, line, module it runs)."""
    modules = set(srcs)
    graph: dict[str, set[str]] = {name: set() for name in srcs}
    hidden: list[tuple[str, int, str]] = []
    for name, (source, is_package) in srcs.items():
        for imp in walk_imports(source, name, is_package, modules):
            for ran in runs(name, imp.target, modules):
                if ran == name or ran not in modules:
                    continue
                if imp.in_function:
                    hidden.append((name, imp.line, ran))
                else:
                    graph[name].add(ran)
    return graph, hidden


def loops(graph: dict[str, set[str]]) -> list[list[str]]:
    cycles: list[list[str]] = []
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                cycles.append(stack[stack.index(nxt):] + [nxt])
            elif nxt not in state:
                visit(nxt)
        stack.pop()
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node)
    return cycles


def hidden_circles(srcs: dict[str, tuple[str, bool]]) -> list[str]:
    """Imports inside functions that would close an import loop if they stood at module level: the loop is
    there, only postponed to the call (every other import inside a function counted as if at module level)."""
    graph, hidden = import_graph(srcs)
    full = {name: set(targets) for name, targets in graph.items()}
    for name, _, ran in hidden:
        full[name].add(ran)
    found = []
    for name, line, ran in hidden:
        path = _path(full, ran, name)
        if path is not None:
            found.append(f"{name}:{line}: imports {ran} inside a function; at module level it is a loop: "
                         + " -> ".join([name, *path]))
    return found


def _path(graph: dict[str, set[str]], start: str, goal: str) -> list[str] | None:
    parent: dict[str, str | None] = {start: None}
    queue = [start]
    for node in queue:
        if node == goal:
            path = [node]
            while parent[path[-1]] is not None:
                path.append(parent[path[-1]])  # type: ignore[arg-type]
            return path[::-1]
        for nxt in sorted(graph[node]):
            if nxt not in parent:
                parent[nxt] = node
                queue.append(nxt)
    return None


def private_reaches(srcs: dict[str, tuple[str, bool]]) -> list[str]:
    """Names starting with `_` (dunders aside) that a module takes from another module: imported
    (`from m import _helper`) or read through the module (`m._helper`)."""
    modules = set(srcs)
    found = []
    for name, (source, is_package) in srcs.items():
        imports = walk_imports(source, name, is_package, modules)
        found += [f"{name}:{imp.line}: from {imp.target} import {imp.name}" for imp in imports
                  if imp.name is not None and _private(imp.name) and imp.target != name]
        bound = {imp.local: imp.target for imp in imports if imp.local}   # a local name -> its module
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.Attribute) and _private(node.attr):
                owner = bound.get(_dotted(node.value) or "") or _dotted(node.value)
                if owner in modules and owner != name:
                    found.append(f"{name}:{node.lineno}: {_dotted(node.value)}.{node.attr} (of {owner})")
    return found


def _private(name: str) -> bool:
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


def _dotted(node: ast.AST) -> str | None:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        base = _dotted(node.value)
        return f"{base}.{node.attr}" if base else None
    return None


def stage_of(module: str) -> str | None:
    parts = module.split(".")
    if module in BASE or len(parts) < 2:
        return None
    return "cli" if parts[1] == "__main__" else parts[1]  # `python -m linter` is the command line


def test_every_module_belongs_to_a_stage_or_the_base():
    strays = [m for m in all_modules() if m not in BASE and stage_of(m) not in STAGES]
    assert strays == []


def test_no_import_from_a_higher_stage():
    modules = all_modules()
    wrong = []
    for name, path in modules.items():
        here = stage_of(name)
        for line, target in imports_of(path, name, modules):
            there = stage_of(target)
            if there is None:
                continue
            if here is None:
                wrong.append(f"{path.relative_to(PACKAGE.parent)}:{line}: base module imports {target}")
            elif here is not None and STAGES.index(there) > STAGES.index(here):
                wrong.append(f"{path.relative_to(PACKAGE.parent)}:{line}: {here} imports {target} ({there})")
    assert wrong == []


def test_no_import_loop():
    """At module level.  A package's __init__ importing its own modules (a face, a registry) is not a loop
    through them: their `from pkg import module` runs the module, not the __init__ again."""
    graph, _ = import_graph(sources())
    assert loops(graph) == []


def test_no_import_inside_a_function_hides_a_loop():
    """An import moved into a function to dodge a loop leaves the loop in place: the two modules still need
    each other, the order of first calls decides what works.  Such code goes to a module both import."""
    assert hidden_circles(sources()) == []


def test_no_module_takes_another_modules_private_names():
    """What modules share has a public name; a `_helper` is its own module's business (a helper two modules
    need is moved where both can import it under a public name)."""
    assert private_reaches(sources()) == []


def test_the_top_level_stays_small():
    top = [p.name for p in PACKAGE.glob("*.py")]
    assert len(top) <= MAX_TOP_LEVEL_MODULES, top


def test_the_walker_resolves_every_form_of_import():
    """Relative imports, `from package import module`, imports inside functions and TYPE_CHECKING blocks."""
    modules = all_modules()
    source = (
        "from typing import TYPE_CHECKING\n"
        "from ..engine import run\n"
        "from . import hits\n"
        "if TYPE_CHECKING:\n    from linter.batch.origin import ReportOrigin\n"
        "def f():\n    import linter.cli.main\n"
    )
    found = sorted(imports_in(source, "linter.checks.example", False, modules))
    assert found == [(2, "linter.engine.run"), (3, "linter.checks.hits"), (5, "linter.batch.origin"),
                     (7, "linter.cli.main")]


FACE_AND_WORK = {   # a package whose __init__ does the work through imports inside functions
    "linter.tables": ("def statistics_tables(ctx):\n    from linter.tables.recover import recover\n", True),
    "linter.tables.records": ("def table_cells(ctx):\n    from linter.tables import statistics_tables\n", False),
    "linter.tables.recover": ("from linter.tables import layout, statistics_tables\n"
                              "def split():\n    from linter.tables.mapping import _put\n", False),
    "linter.tables.mapping": ("from linter.tables import layout\ndef _put():\n    pass\n", False),
    "linter.tables.layout": ("", False),
}
PLAIN = {   # the same package as a face over modules that import one way
    "linter.tables": ("from linter.tables.build import statistics_tables\n", True),
    "linter.tables.build": ("from linter.tables import layout\nfrom linter.tables.recover import recover\n", False),
    "linter.tables.records": ("from linter.tables.build import statistics_tables\n", False),
    "linter.tables.recover": ("import linter.tables.layout as layout\nfrom linter.tables.model import TableModel\n"
                              "def split(m: TableModel):\n    m.put()\n    return layout.assign_row()\n", False),
    "linter.tables.model": ("", False),
    "linter.tables.layout": ("", False),
    "linter.checks.crossyear": ("def f():\n    from linter.tables.layout import squash\n", False),
}


def test_the_rules_find_a_loop_hidden_in_a_function_and_a_private_name_taken():
    assert hidden_circles(FACE_AND_WORK) == [
        "linter.tables:2: imports linter.tables.recover inside a function; at module level it is a loop: "
        "linter.tables -> linter.tables.recover -> linter.tables"]
    assert private_reaches(FACE_AND_WORK) == ["linter.tables.recover:3: from linter.tables.mapping import _put"]
    sneaky = dict(FACE_AND_WORK, **{"linter.tables.recover": (
        "from linter.tables import mapping\nimport linter.tables.mapping as m\n"
        "def f():\n    mapping._put()\n    m._put()\n    linter.tables.mapping._put()\n    mapping.__name__\n", False)})
    assert private_reaches(sneaky) == [
        "linter.tables.recover:4: mapping._put (of linter.tables.mapping)",
        "linter.tables.recover:5: m._put (of linter.tables.mapping)",
        "linter.tables.recover:6: linter.tables.mapping._put (of linter.tables.mapping)"]
    graph, hidden = import_graph(PLAIN)
    assert loops(graph) == [] and hidden_circles(PLAIN) == [] and private_reaches(PLAIN) == []
    # from outside, a module of a package runs the package's face first
    assert ("linter.checks.crossyear", 2, "linter.tables") in hidden
