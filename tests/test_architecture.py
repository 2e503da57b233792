"""The package is laid out as the data flows: each stage imports only from the stages below it, and no
module imports itself back through others (no import loop).  The imports are read with `ast`, every
one of them — at module level, inside functions, and under `if TYPE_CHECKING:` alike."""
from __future__ import annotations

import ast
from pathlib import Path

from conftest import ROOT

PACKAGE = ROOT / "linter"

# The stages, bottom up.  A module may import its own stage and any stage listed before it.  The base
# modules at the top level (data paths, per-user caches, the CLI's words) may be imported by every stage.
STAGES = ["document", "language", "outline", "tables", "ruleset", "settings", "checks", "engine", "batch",
          "output", "lsp", "cli"]
BASE = {"linter", "linter.resources", "linter.cache", "linter.messages"}
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
    tree = ast.parse(source)
    package = name if is_package else name.rpartition(".")[0]
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, a.name) for a in node.names if a.name.split(".")[0] == "linter"]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if target.split(".")[0] != "linter":
                continue
            for alias in node.names:  # `from pkg import submodule` imports the submodule
                sub = f"{target}.{alias.name}"
                found.append((node.lineno, sub if sub in modules else target))
    return found


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
    modules = all_modules()
    graph = {name: {t for _, t in imports_of(path, name, modules) if t in modules and t != name}
             for name, path in modules.items()}
    # a package's __init__ importing its own submodules (a registry) is not a loop through them
    cycles = []
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
    assert cycles == []


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
