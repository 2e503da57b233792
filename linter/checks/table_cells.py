"""Values of statistics-table cells (categories `table` and `arithmetic`).

Each aspect is a sub-kind (`check: table_cells.aspect`) with the parameters declared in `ASPECTS` below
(`report-lint rules --schema` prints them all).
"""
from __future__ import annotations

import re
from decimal import Decimal
from typing import Iterator

from linter.checks.context import Context
from linter.ruleset.params import AnyOf, Choice, Field, Fields, Integer, ListOf, Str
from linter.checks.hits import Hit
from linter.tables import statistics_tables
from linter.tables.describe import cell_ref, label_en
from linter.ruleset.loading import Rule

_ZERO = Decimal(0)
_TABLE = Field(Choice(("t2", "t3", "t4"), doc="the statistics table"), required=True)
_COLUMNS = Field(ListOf(Str(), doc="only these column keys (default: all)"))
ASPECTS = {
    "nonnegative": Fields({
        "table": _TABLE, "columns": _COLUMNS,
        "integer_columns": Field(AnyOf((Choice(("all",)), ListOf(Str())), doc="columns that must hold integers")),
    }, doc="every number is ≥ 0 (and an integer where required); cells that are not numbers are reported"),
    "filled": Fields({"table": _TABLE, "columns": _COLUMNS},
                     doc="no cell is blank (\"\", \"/\", \"-\", \"—\", \"无\"); one finding per column"),
    "noted": Fields({"table": _TABLE, "columns": _COLUMNS},
                    doc="a cell that holds a note in brackets after its number (13（其中修订5件）): the number is checked, "
                        "the note is named"),
    "wan_amount": Fields({
        "table": _TABLE, "columns": _COLUMNS,
        "min_digits": Field(Integer(minimum=1, doc="a long integer with this many digits looks like 元"), required=True),
    }, doc="an amount in 万元 written as a long integer looks like it was written in 元"),
}


# The counts 0…999 as numbers: a cell holding one of them, without a note, is a whole number ≥ 0 that no aspect but
# `wan_amount` (which counts the digits written) can report.
_PLAIN_COUNTS = frozenset(Decimal(n) for n in range(1000))


def _cells_of_note(table) -> list:
    """The cells of a table, in order, that are not a plain count (`_PLAIN_COUNTS`): blank, invalid or unread ones,
    negative or fractional or large numbers, and numbers with a note — the only cells the `filled`, `noted` and
    `nonnegative` aspects can report, found once for all the rules on the table (most cells are plain counts)."""
    return [c for c in table.cells.values() if c.status != "number" or c.note or c.value not in _PLAIN_COUNTS]


def check(rule: Rule, ctx: Context) -> Iterator[Hit]:
    params = rule.params
    name = params["table"]
    table = statistics_tables(ctx).get(name)
    if table is None:
        return
    cols = params.get("columns")
    require = rule.aspect
    if require == "wan_amount":
        cells = list(table.cells.values())
    else:
        cells = ctx.cached(("cells-of-note", name), lambda: _cells_of_note(table))
    if cols is not None:
        cells = [c for c in cells if c.col in cols]
    if require == "filled":
        by_col: dict[str, list] = {}
        for c in cells:
            if c.blank:
                by_col.setdefault(c.col, []).append(c)
        for col, blanks in by_col.items():
            first = blanks[0]
            data = {"table": table.title, "column": table.column_label(col), "column_en": label_en(table.name, col),
                    "count": len(blanks), "mark": first.raw or "空白", "mark_en": first.raw or "blank"}
            yield Hit(first.start, first.end, data, section=table.section, table=table.title, cell=cell_ref(table, first),
                      image=table.picture,
                      related=[(c.start, c.end, c.row) for c in blanks[1:]])
        return
    if require == "noted":
        yield from _noted(table, cells)
        return
    integer_cols = params.get("integer_columns", [])
    every_col_whole = integer_cols == "all"
    for c in cells:
        problem = problem_en = None
        if require == "nonnegative":
            value = c.value
            if c.status == "invalid":
                problem, problem_en = "不是数字", "is not a number"
            elif value is not None and value < _ZERO:   # (a Decimal against a Decimal: no int converted per cell)
                problem, problem_en = "是负数", "is negative"
            elif value is not None and (every_col_whole or c.col in integer_cols) and value != value.to_integral_value():
                problem, problem_en = "不是整数", "is not a whole number"   # (TypedCell.is_integer, inline: every cell)
        elif require == "wan_amount":
            digits = re.sub(r"\D", "", re.sub(r"[（(].*$", "", c.raw))  # the number, not its note
            if c.value is not None and "." not in c.raw and len(digits) >= params["min_digits"]:
                problem, problem_en = "位数过多，像是以元而非万元填写", "looks like yuan, not units of 10,000 yuan"
        if problem:
            data = {"table": table.title, "row": table.row_label(c.row), "column": table.column_label(c.col),
                    "row_en": label_en(table.name, c.row), "column_en": label_en(table.name, c.col), "raw": c.raw, "problem": problem, "problem_en": problem_en}
            yield Hit(c.start, c.end, data, section=table.section, table=table.title, cell=cell_ref(table, c),
                      image=table.picture)


def _noted(table, cells) -> Iterator[Hit]:
    for c in cells:
        if c.note and c.value is not None:
            data = {"table": table.title, "row": table.row_label(c.row), "column": table.column_label(c.col),
                    "row_en": label_en(table.name, c.row), "column_en": label_en(table.name, c.col), "value": format(c.value, "f"), "note": c.note}
            yield Hit(c.start, c.end, data, section=table.section, table=table.title, cell=cell_ref(table, c),
                      image=table.picture)
