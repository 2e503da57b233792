"""Shared fixtures and paths.  The tests mirror the package: one folder per stage (tests/document/ …
tests/cli/), plus the corpus judgements, the variant suite and the benchmarks."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
CORPUS = FIXTURES / "corpus"
EXAMPLE = ROOT / "examples" / "2023-wendeng-zetou-town.txt"

# A test module may build on another folder's (a drafted Word report, a DOCX sample): every test folder is
# importable by module name, as the helpers beside this file are.
for _folder in sorted(p for p in Path(__file__).parent.iterdir() if p.is_dir() and any(p.glob("test_*.py"))):
    if str(_folder) not in sys.path:
        sys.path.append(str(_folder))


@pytest.fixture(scope="session")
def run_cli():
    """Run the real CLI in-process; returns (exit code, stdout, stderr)."""
    from linter.cli.main import main

    def run(*args: str):
        runner = CliRunner()
        result = runner.invoke(main, [str(a) for a in args], catch_exceptions=False)
        return result.exit_code, result.stdout, result.stderr

    return run


@pytest.fixture
def client(tmp_path):
    """A language server (`report-lint lsp` over stdio) started and initialised in tmp_path."""
    from lsp_client import LspClient

    c = LspClient(tmp_path)
    c.request("initialize", {"processId": None, "rootUri": tmp_path.as_uri(), "capabilities": {}})
    c.notify("initialized", {})
    yield c
    c.close()


def line_column(text: str, at: int) -> tuple[int, int]:
    """The 1-based line and column of offset `at` of `text`, as findings give them."""
    return text.count("\n", 0, at) + 1, at - (text.rfind("\n", 0, at) + 1) + 1


def mutated_report(name: str, old: str, new: str) -> tuple[str, str]:
    """A corpus report and the same report with `old` (which occurs in it once) written as `new`."""
    source = (CORPUS / name).read_text(encoding="utf-8")
    assert source.count(old) == 1
    return source, source.replace(old, new)


def lint_text(text: str, path: str = "report.txt", **config):
    from linter.settings.config import Config
    from linter.engine.run import lint

    return lint(text.encode("utf-8"), path, Config(**config))
