"""Output formats: one module per format, registered here by name (`--format`)."""
from __future__ import annotations

import importlib

FORMATS: dict[str, str] = {
    "text": "linter.output.text",
    "json": "linter.output.json_format",
    "csv": "linter.output.csv_format",
    "xlsx": "linter.output.xlsx_format",
    "html": "linter.output.html_format",
    "concise": "linter.output.concise",
    "json-lines": "linter.output.json_lines",
    "sarif": "linter.output.sarif",
    "github": "linter.output.github",
    "junit": "linter.output.junit",
}


def render(fmt: str, results, rules, options) -> str:
    """Render results (list of FileResult) in a format; `rules` maps rule id -> Rule."""
    module = importlib.import_module(FORMATS[fmt])
    return module.render(results, rules, options)
