"""One flat row per finding (for CSV and Excel): the file, its agency and year, and the finding."""
from __future__ import annotations

from linter.engine.findings import FileResult

COLUMNS = ("path", "agency", "year", "rule", "category", "severity", "line", "column", "end_line", "end_column",
           "section", "table", "cell", "message", "basis", "context")


def finding_rows(result: FileResult):
    for f in result.findings:
        cell = f"{f.cell.get('row', '')}/{f.cell.get('column', '')}" if f.cell else ""
        yield (result.path, result.agency or "", result.year if result.year is not None else "", f.rule, f.category,
               f.severity, f.line, f.column, f.end_line, f.end_column, f.section or "", f.table or "", cell,
               f.message, f.basis, f.context)
