"""Excel: one row per finding with agency and year, written in openpyxl's streaming mode (needs `--output`)."""
from __future__ import annotations

from linter.output.rows import COLUMNS, finding_rows

BINARY = True


class Writer:
    def __init__(self, out, rules, options) -> None:
        try:
            from openpyxl import Workbook
        except ImportError as exc:  # pragma: no cover - depends on the installation
            raise RuntimeError("xlsx output needs openpyxl: pip install 'report-lint[xlsx]'") from exc
        self.out = out
        self.book = Workbook(write_only=True)
        self.sheet = self.book.create_sheet("findings")
        self.sheet.append(list(COLUMNS))

    def add(self, result) -> None:
        for row in finding_rows(result):
            self.sheet.append(list(row))

    def close(self) -> None:
        self.book.save(self.out)

