"""A year the text names that should be the report's own: the opening that cites the notice for compiling another
year's reports (a 2023 report written 根据《关于做好2022年政府信息公开工作年度报告编制发布工作的通知》) was
copied from last year's.

Every match of a pattern with a group named `year` is compared with the report's year; years from `before` years
earlier to `after` years later are accepted (a notice may be named by the year it is issued in).  Nothing is
reported when the report's year is unknown.

Parameters: declared in `PARAMS` below (`report-lint rules --schema` prints them all).
"""
from __future__ import annotations

from typing import Iterator

from linter.checks.context import Context
from linter.checks.hits import Hit
from linter.ruleset.loading import Rule
from linter.ruleset.params import Field, Fields, Integer, patterns
from linter.ruleset.patterns import compile_pattern

PARAMS = Fields({
    "regex": Field(patterns("patterns whose group `year` names a year", groups=("year",)), required=True),
    "before": Field(Integer(minimum=0, doc="years before the report's year that are accepted (default 0)")),
    "after": Field(Integer(minimum=0, doc="years after the report's year that are accepted (default 0)")),
}, doc="a year the text names differs from the report's year")


def check(rule: Rule, ctx: Context) -> Iterator[Hit]:
    year = ctx.stated_year
    if year is None:
        return
    p = rule.params
    low, high = year - p.get("before", 0), year + p.get("after", 0)
    text = ctx.scope_text(rule.scope)
    for pattern in p["regex"]:
        for m in compile_pattern(pattern).finditer(text.text):
            seen = int(m.group("year"))
            if low <= seen <= high:
                continue
            start, end = text.source_span(m.start(), m.end())
            yield Hit(start, end, {"found": m.group(0), "year": str(seen), "report_year": str(year)})
