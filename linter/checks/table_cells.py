"""Values of statistics-table cells (categories `table` and `arithmetic`).

params:
  table: t2 | t3 | t4
  require: nonnegative   every number is ≥ 0; cells that are not numbers are reported; columns listed in
                         `integer_columns` (or `all`) must hold integers
           filled        no cell is blank ("", "/", "-", "—", "无"); one finding per column with blanks
           wan_amount    an amount in 万元 written as a long integer (`min_digits` digits or more, no
                         decimals) looks like it was written in 元
  columns: [keys]        only these columns (default: all)
  integer_columns: all | [keys]
  min_digits: n          (wan_amount)
"""
from __future__ import annotations

import re
from typing import Iterator

from linter.checks.context import Context
from linter.checks.hits import Hit
from linter.ruleset.loading import Rule

REQUIRES = ("nonnegative", "filled", "wan_amount")


def validate(params: dict) -> list[str]:
    if params.get("table") not in ("t2", "t3", "t4"):
        return ["params.table must be t2, t3 or t4"]
    if params.get("require") not in REQUIRES:
        return [f"params.require must be one of {', '.join(REQUIRES)}"]
    if params["require"] == "wan_amount" and not isinstance(params.get("min_digits"), int):
        return ["params.min_digits (an integer) is needed for wan_amount"]
    cols = params.get("columns")
    if cols is not None and (not isinstance(cols, list) or not all(isinstance(c, str) for c in cols)):
        return ["params.columns must be a list of column keys"]
    unknown = set(params) - {"table", "require", "columns", "integer_columns", "min_digits"}
    if unknown:
        return [f"unknown parameter {sorted(unknown)[0]!r}"]
    return []


def check(rule: Rule, ctx: Context) -> Iterator[Hit]:
    from linter.tables import statistics_tables
    from linter.tables.describe import cell_ref

    params = rule.params
    table = statistics_tables(ctx).get(params["table"])
    if table is None:
        return
    cols = params.get("columns")
    cells = [c for c in table.cells.values() if cols is None or c.col in cols]
    require = params["require"]
    if require == "filled":
        by_col: dict[str, list] = {}
        for c in cells:
            if c.blank:
                by_col.setdefault(c.col, []).append(c)
        for col, blanks in by_col.items():
            first = blanks[0]
            data = {"table": table.title, "column": table.column_label(col), "column_en": col,
                    "count": len(blanks), "mark": first.raw or "空白", "mark_en": first.raw or "blank"}
            yield Hit(first.start, first.end, data, section=table.section, table=table.title, cell=cell_ref(table, first),
                      image=table.picture,
                      related=[(c.start, c.end, c.row) for c in blanks[1:]])
        return
    integer_cols = params.get("integer_columns", [])
    for c in cells:
        problem = problem_en = None
        if require == "nonnegative":
            if c.status == "invalid":
                problem, problem_en = "不是数字", "is not a number"
            elif c.value is not None and c.value < 0:
                problem, problem_en = "是负数", "is negative"
            elif c.value is not None and (integer_cols == "all" or c.col in integer_cols) and not c.is_integer:
                problem, problem_en = "不是整数", "is not a whole number"
        elif require == "wan_amount":
            digits = re.sub(r"\D", "", c.raw)
            if c.value is not None and "." not in c.raw and len(digits) >= params["min_digits"]:
                problem, problem_en = "位数过多，像是以元而非万元填写", "looks like yuan, not 万元"
        if problem:
            data = {"table": table.title, "row": table.row_label(c.row), "column": table.column_label(c.col),
                    "row_en": c.row, "column_en": c.col, "raw": c.raw, "problem": problem, "problem_en": problem_en}
            yield Hit(c.start, c.end, data, section=table.section, table=table.title, cell=cell_ref(table, c),
                      image=table.picture)
