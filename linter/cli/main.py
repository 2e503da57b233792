"""The `report-lint` command group: one module per family of commands, registered here."""
from __future__ import annotations

import click

from linter import __version__
from linter.cli.check import check
from linter.cli.common import fail
from linter.cli.inspect import extract, parse, show_config
from linter.cli.rules import explain, list_rules, test_rules
from linter.cli.serve import serve


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="report-lint")
def main() -> None:
    """report-lint：政府信息公开工作年度报告合规检查工具 (a linter for government information disclosure annual reports)."""


@click.command()
def lsp():
    """Run the language server over stdio (needs the `lsp` extra: pip install 'report-lint[lsp]')."""
    try:
        from linter.lsp import serve
    except ImportError as exc:
        fail(f"report-lint lsp needs pygls: pip install 'report-lint[lsp]' ({exc})")
    serve()


for command in (check, show_config, parse, extract, list_rules, explain, test_rules, lsp, serve):
    main.add_command(command)


if __name__ == "__main__":  # pragma: no cover
    main()
