"""CSV: one row per finding with the report's agency and year (UTF-8 with BOM, so Excel reads the Chinese)."""
from __future__ import annotations

import csv

from linter.output.rows import COLUMNS, finding_rows


class Writer:
    def __init__(self, out, rules, options) -> None:
        out.write("\ufeff")
        self.csv = csv.writer(out, lineterminator="\n")
        self.csv.writerow(COLUMNS)

    def add(self, result) -> None:
        self.csv.writerows(finding_rows(result))

    def close(self) -> None:
        pass

