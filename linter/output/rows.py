"""One flat row per finding (for CSV and Excel): the file, its agency and year, and the finding; and the
neutralising of cells a spreadsheet would evaluate as formulas."""
from __future__ import annotations

import re

from linter.engine.findings import FileResult

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER_RE = re.compile(r"[-+]?\d+(?:\.\d+)?")

COLUMNS = ("path", "agency", "year", "rule", "category", "severity", "line", "column", "end_line", "end_column",
           "section", "table", "cell", "message", "basis", "context")


def finding_rows(result: FileResult):
    for f in result.findings:
        cell = f"{f.cell.get('row', '')}/{f.cell.get('column', '')}" if f.cell else ""
        yield (result.path, result.agency or "", result.year if result.year is not None else "", f.rule, f.category,
               f.severity, f.line, f.column, f.end_line, f.end_column, f.section or "", f.table or "", cell,
               f.message, f.basis, f.context)


def neutralised(value):
    """A text a spreadsheet would read as a formula (=, +, -, @, tab or carriage return first) gets a
    leading apostrophe, as OWASP advises against CSV injection; numbers and other values are unchanged."""
    if isinstance(value, str) and value.startswith(_FORMULA_START) and not _PLAIN_NUMBER_RE.fullmatch(value):
        return "'" + value
    return value
