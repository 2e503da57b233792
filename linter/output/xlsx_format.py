"""Excel: one row per finding with agency and year, written in openpyxl's streaming mode (needs `--output`).

Every text is written as a text cell, never as a formula (openpyxl would store "=…" as one), a text that
starts like a formula also gets the apostrophe of `rows.neutralised`, and characters XML forbids are
replaced (`escapes.xml_safe`; openpyxl refused the whole report)."""
from __future__ import annotations

from linter.output.escapes import xml_safe
from linter.output.rows import COLUMNS, finding_rows, neutralised

BINARY = True
# Characters of room per column (a Chinese character takes two): paths, messages and context are long.
COLUMN_WIDTHS = {"path": 40, "agency": 24, "year": 6, "rule": 28, "category": 12, "severity": 9, "line": 6,
                 "column": 7, "end_line": 8, "end_column": 10, "section": 8, "table": 8, "cell": 16,
                 "message": 80, "basis": 50, "context": 60}
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
        self._layout()
        self.sheet.append([self._header(name) for name in COLUMNS])

    def _layout(self) -> None:
        """A frozen header row with filters and column widths fitted to what the columns hold (set before
        the first row: a write-only sheet writes its columns' widths first)."""
        from openpyxl.utils import get_column_letter

        self.sheet.freeze_panes = "A2"
        self.sheet.auto_filter.ref = f"A1:{get_column_letter(len(COLUMNS))}1"
        for i, name in enumerate(COLUMNS, 1):
            self.sheet.column_dimensions[get_column_letter(i)].width = COLUMN_WIDTHS.get(name, 12)

    def _header(self, name: str):
        from openpyxl.cell import WriteOnlyCell
        from openpyxl.styles import Font, PatternFill

        cell = WriteOnlyCell(self.sheet, value=name)
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = PatternFill("solid", fgColor="305496")
        return cell

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

