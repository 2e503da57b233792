"""CSV: one row per finding with the report's agency and year (UTF-8 with BOM, so Excel reads the Chinese)."""
from __future__ import annotations

import csv
import io

from .rows import COLUMNS, finding_rows


class Writer:
    def __init__(self, out, rules, options) -> None:
        out.write("\ufeff")
        self.csv = csv.writer(out, lineterminator="\n")
        self.csv.writerow(COLUMNS)

    def add(self, result) -> None:
        self.csv.writerows(finding_rows(result))

    def close(self) -> None:
        pass


def render(results, rules, options) -> str:
    buf = io.StringIO()
    writer = Writer(buf, rules, options)
    for r in results:
        writer.add(r)
    writer.close()
    return buf.getvalue()
