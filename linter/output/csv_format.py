"""CSV: one row per finding with the report's agency and year (UTF-8 with BOM, so Excel reads the Chinese).
A text that a spreadsheet would evaluate as a formula is neutralised (`rows.neutralised`)."""
from __future__ import annotations

import csv

from linter.output.rows import COLUMNS, finding_rows, neutralised


class Writer:
    def __init__(self, out, rules, options) -> None:
        out.write("\ufeff")
        self.csv = csv.writer(out, lineterminator="\n")
        self.csv.writerow(COLUMNS)

    def add(self, result) -> None:
        self.csv.writerows([neutralised(v) for v in row] for row in finding_rows(result))

    def close(self) -> None:
        pass

