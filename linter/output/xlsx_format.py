"""Excel: one row per finding with agency and year, written in openpyxl's streaming mode (needs `--output`).

Every text is written as a text cell, never as a formula (openpyxl would store "=…" as one), a text that
starts like a formula also gets the apostrophe of `rows.neutralised`, and characters XML forbids are
replaced (`escapes.xml_safe`; openpyxl refused the whole report)."""
from __future__ import annotations

from linter.output.escapes import xml_safe
from linter.output.rows import COLUMNS, finding_rows, neutralised

BINARY = True
NEEDS = ("openpyxl", "xlsx")  # (package, extra): `check` refuses the format up front when it is missing


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
            self.sheet.append([self._cell(v) for v in row])

    def _cell(self, value):
        if not isinstance(value, str):
            return value
        from openpyxl.cell import WriteOnlyCell

        cell = WriteOnlyCell(self.sheet, value=neutralised(xml_safe(value)))  # a worksheet is XML too
        cell.data_type = "s"  # a text, whatever it starts with
        return cell

    def close(self) -> None:
        self.book.save(self.out)

