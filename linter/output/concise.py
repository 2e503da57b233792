"""Concise output: one line per finding, `path:line:col: severity[rule] message` (ruff's `concise`)."""
from __future__ import annotations

from dataclasses import replace

from linter.engine.findings import FileResult
from linter.output import text
from linter.output.options import OutputOptions


def render(results: list[FileResult], rules, options: OutputOptions) -> str:
    return text.render(results, rules, replace(options, show_source=False))
