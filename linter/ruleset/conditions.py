"""A rule's `when:` conditions: does the rule apply to this report?

`agency_kind`, `agency_level`, `agency_name` (a pattern), `year_min`/`year_max`, `since` (the rule belongs to
the regime of that year) and `table_cell` — run a rule only when a table cell says so:

    when:
      table_cell: {cell: t3.R22.T, gt: 0}     # 表三 逾期未按收费通知缴费 总计 > 0

Operators: gt, ge, lt, le, eq, ne (numbers), blank: true|false.  A list of such mappings means all must
hold.  A cell that is absent (no table, no such row) never satisfies the condition; a blank cell
satisfies only `blank: true`.
"""
from __future__ import annotations

import re
from decimal import Decimal

from linter.ruleset.patterns import compile_pattern
from linter.ruleset.schema import CELL_RE

# the operators of a `table_cell` condition (declared in ruleset.schema)
_OPS = {"gt": lambda a, b: a > b, "ge": lambda a, b: a >= b, "lt": lambda a, b: a < b,
        "le": lambda a, b: a <= b, "eq": lambda a, b: a == b, "ne": lambda a, b: a != b}


def condition_holds(value, ctx) -> bool:
    from linter.tables import statistics_tables

    tables = statistics_tables(ctx)
    for item in value if isinstance(value, list) else [value]:
        name, row, col = CELL_RE.match(item["cell"]).groups()
        table = tables.get(name)
        cell = table.cell(row, col) if table is not None else None
        if cell is None:
            return False
        if "blank" in item and bool(item["blank"]) != cell.blank:
            return False
        for op, fn in _OPS.items():
            if op in item and (cell.value is None or not fn(cell.value, Decimal(str(item[op])))):
                return False
    return True


def applies(rule, ctx) -> bool:
    """Do the rule's `when:` conditions hold for this report?"""
    when = rule.when
    if not when:
        return True
    year = ctx.year
    if "year_min" in when and (year is None or year < when["year_min"]):
        return False
    if "year_max" in when and (year is None or year > when["year_max"]):
        return False
    # `since`: the rule belongs to the regime of that year.  A report whose year cannot be read is placed in a
    # regime by its statistics tables (the 2019 and 2021 formats differ); with neither, the rule is skipped
    # (STRUCT-YEAR-UNKNOWN says which were).
    if "since" in when and (year if year is not None else table_regime(ctx) or 0) < when["since"]:
        return False
    if "agency_kind" in when and not _one_of(when, "agency_kind", ctx.agency.kind):
        return False
    if "agency_level" in when and not _one_of(when, "agency_level", ctx.agency.level):
        return False
    if "agency_name" in when:
        # a regex the agency's name must match (e.g. "人民政府$": a government itself, not its 办公室)
        if not ctx.outline.agency or not compile_pattern(when["agency_name"]).found_in(re.sub(r"\s", "", ctx.outline.agency)):
            return False
    return "table_cell" not in when or condition_holds(when["table_cell"], ctx)


def table_regime(ctx) -> int | None:
    """The first year of the format the report's statistics tables follow (2019 or 2021), or None."""
    from linter.tables import statistics_tables

    tables = statistics_tables(ctx)
    formats = {t.format for t in (tables.t2, tables.t3, tables.t4) if t is not None and t.format}
    return max((int(f) for f in formats), default=None)


def year_dependent(rule) -> bool:
    """Does whether the rule applies depend on the report year?"""
    return bool(rule.when) and any(key in rule.when for key in ("since", "year_min", "year_max"))


def _one_of(when: dict, key: str, value: str) -> bool:
    """`key: value` or `key: [values]` allows `value` (a condition that is absent allows anything)."""
    if key not in when:
        return True
    allowed = when[key] if isinstance(when[key], list) else [when[key]]
    return value in allowed
