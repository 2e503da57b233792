"""Prose against the statistics tables: "本年新收政府信息公开申请23件" must equal 表三 一、本年新收 总计.

The table is the reference.  A rule names a *claim* — a pattern over one sentence
with the number as `{N}` — and the table cells it must equal.  Precision first: a claim is read only when
the sentence names the quantity unambiguously; `skip_if` (for instance 含上年结转) silences a sentence,
`qualifier` demands a word such as 政府信息公开 in the sentence, and when any cell is absent or blank the
rule stays silent.  A rule may list several `targets`: the claim is wrong only when it matches none of them
(共收到…申请 may mean 本年新收 or 新收 + 上年结转).

Parameters: declared in `PARAMS` below (`report-lint rules --schema` prints them all).
"""
from __future__ import annotations

import re
from decimal import Decimal
from functools import lru_cache
from typing import Iterator

from linter.checks.context import Context, sentences
from linter.ruleset.patterns import compile_pattern
from linter.ruleset.params import Checked, Choice, Field, Fields, ListOf, Pattern, Str
from linter.checks.hits import Hit
from linter.language.numerals import cn_to_int
from linter.ruleset.loading import Rule

_NUM = r"(?P<{name}>\d+(?:,\d{{3}})*|[零〇一二两三四五六七八九十百千]+)"
GROUPS = {
    "DENY": [f"R{i}" for i in range(5, 13)],
    "UNABLE": ["R13", "R14", "R15"],
    "NOPROC": [f"R{i}" for i in range(16, 21)],
    "OTHER": ["R21", "R22", "R23"],
}
_CONTEXT = 20  # characters before a claim that `not_after` looks at
_TERM_RE = re.compile(r"^t[234]:[A-Za-z0-9_]+:[A-Za-z_]+$")


def _expression_problem(expression: str) -> str | None:
    if all(_TERM_RE.match(term.strip()) for term in expression.split("+")):
        return None
    return f"bad expression {expression!r} (terms like t3:R1:T joined by +)"


def _claim_fits_expect(params: dict) -> list[str]:
    expect = params.get("expect", "equal")
    if expect == "equal" and "{N}" not in params["claim"]:
        return ["params.claim needs {N} where the number stands"]
    if expect == "share" and "{P}" not in params["claim"]:
        return ["params.claim needs {P} where the percentage stands"]
    if expect == "share" and not params.get("bases"):
        return ["params.bases is needed when expect is share"]
    return []


_EXPRESSIONS = ListOf(Checked(Str(), _expression_problem),
                      doc="expressions: terms t3:ROW:COL, t4:BLOCK:FIELD or t2:ROW:COL joined by +")
PARAMS = Fields({
    "claim": Field(Pattern(placeholders={"{N}": "0", "{P}": "0%"},
                           doc="a pattern over one sentence, with {N} where the number stands ({P}: a percentage)"),
                   required=True),
    "targets": Field(_EXPRESSIONS, required=True),
    "expect": Field(Choice(("equal", "zero", "share"),
                           doc="equal (default); zero: every target must be 0; share: {P} = targets[0] ÷ a base")),
    "bases": Field(_EXPRESSIONS),
    "skip_if": Field(Pattern(doc="a sentence (or, with skip_scope: clause, the claim's clause) matching this is not read")),
    "skip_scope": Field(Choice(("sentence", "clause"))),
    "qualifier": Field(Pattern(doc="must occur in the sentence")),
    "not_after": Field(Pattern(doc="the text just before the claim must not end with this (部分 before 公开)")),
}, check=_claim_fits_expect)


@lru_cache(maxsize=256)
def _claim_re(claim: str):
    """{N} becomes a number group n0, n1, … (a claim may name the number in several alternatives)."""
    claim = claim.replace("{P}", r"(?P<p>\d+(?:\.\d+)?)[%％]")
    parts = claim.split("{N}")
    pattern = parts[0] + "".join(_NUM.format(name=f"n{i}") + rest for i, rest in enumerate(parts[1:]))
    return compile_pattern(pattern)


def _number_group(m: re.Match) -> str | None:
    return next((g for g, v in m.groupdict().items() if g.startswith("n") and g[1:].isdigit() and v), None)


def _re(pattern: str):
    return compile_pattern(pattern)


def _tables(ctx: Context):
    try:
        from linter.tables import statistics_tables
    except ImportError:
        return None
    try:
        return statistics_tables(ctx)
    except Exception:  # a table that cannot be modelled is the table rules' business, not ours
        return None


def _cell_value(tables, term: str) -> Decimal | None:
    """One term's value; None when the table, row or cell is absent or blank (the rule then stays silent)."""
    kind, row, col = term.strip().split(":")
    table = getattr(tables, kind, None)
    if table is None:
        return None
    if kind == "t3" and row in GROUPS:
        if hasattr(table, "group_sum"):
            return table.group_sum(row, col)
        rows = GROUPS[row]
    else:
        rows = [row]
    total = Decimal(0)
    for r in rows:
        cell = table.cell(r, col)
        if cell is None or cell.value is None:
            return None
        total += cell.value
    return total


def _picture(tables, expression: str):
    """The picture the table of an expression was read from (OCR), or None."""
    table = getattr(tables, expression.strip().split(":")[0], None)
    return getattr(table, "picture", None)


def evaluate(tables, expression: str) -> Decimal | None:
    values = [_cell_value(tables, term) for term in expression.split("+")]
    if any(v is None for v in values):
        return None
    return sum(values, Decimal(0))


def _number(raw: str) -> Decimal | None:
    raw = raw.replace(",", "")
    if raw.isdigit():
        return Decimal(raw)
    n = cn_to_int(raw)
    return Decimal(n) if n is not None else None


def check(rule: Rule, ctx: Context) -> Iterator[Hit]:
    p = rule.params
    tables = _tables(ctx)
    if tables is None:
        return
    claim = _claim_re(p["claim"])
    expect = p.get("expect", "equal")
    skip = _re(p["skip_if"]) if p.get("skip_if") else None
    qualifier = _re(p["qualifier"]) if p.get("qualifier") else None
    clause_skip = p.get("skip_scope", "sentence") == "clause"
    not_after = _re(f"(?:{p['not_after']})\\Z") if p.get("not_after") else None
    scope = rule.scope
    for sentence in ctx.cached(f"sentences:{scope}", lambda: sentences(ctx.scope_text(scope))):
        s = sentence.text
        if skip and not clause_skip and skip.search(s):
            continue
        if qualifier and not qualifier.search(s):
            continue
        for m in claim.finditer(s):
            if not_after is not None and not_after.search(s[max(0, m.start() - _CONTEXT):m.start()]):
                continue
            if skip and clause_skip and skip.search(_clause(s, m.start(), m.end())):
                continue
            targets = [(t, evaluate(tables, t)) for t in p["targets"]]
            if any(v is None for _, v in targets):
                continue
            if expect == "share":
                hit = _share(m, sentence, targets[0][1], [evaluate(tables, b) for b in p["bases"]])
                if hit is not None:
                    hit.image = _picture(tables, targets[0][0])
                    yield hit
                continue
            if expect == "zero":
                nonzero = [(t, v) for t, v in targets if v != 0]
                if nonzero:
                    start, end = sentence.source_span(m.start(), m.end())
                    yield Hit(start, end, {"claim": m.group(), "table": _fmt(nonzero[0][1]), "cells": nonzero[0][0]},
                              table="三" if nonzero[0][0].startswith("t3") else "四", image=_picture(tables, nonzero[0][0]))
                continue
            g = _number_group(m)
            if g is None:
                continue
            tail = s[m.end(g):m.end(g) + 2]
            if tail.startswith(("余", "多")) or s[max(0, m.start(g) - 1):m.start(g)] in ("近", "约", "逾"):
                continue  # approximate
            value = _number(m.group(g))
            if value is None or any(value == v for _, v in targets):
                continue
            start, end = sentence.source_span(m.start(g), m.end(g))
            yield Hit(start, end, {"claim": m.group(), "text": _fmt(value), "table": _fmt(targets[0][1]),
                                   "cells": targets[0][0]}, table="三" if targets[0][0].startswith("t3") else "四",
                      image=_picture(tables, targets[0][0]))


def _share(m: re.Match, sentence, part: Decimal, bases: list[Decimal | None]) -> Hit | None:
    """"予以公开占比43.7%": the share must be part ÷ base for one of the bases the report may mean."""
    from linter.language.quantities import percent_agrees

    raw = m.group("p")
    printed = Decimal(raw)
    places = len(raw.split(".", 1)[1]) if "." in raw else 0
    known = [b for b in bases if b is not None and b != 0]
    if not known or any(percent_agrees(printed, places, part, b) for b in known):
        return None
    start, end = sentence.source_span(m.start("p"), m.end())
    return Hit(start, end, {"claim": m.group(), "text": raw + "%", "table": f"{part * 100 / known[0]:.2f}%",
                            "cells": "/".join(str(b) for b in known)}, table="三")


def _clause(s: str, a: int, b: int) -> str:
    """The clause (between ，；：) around s[a:b]."""
    left = max(s.rfind(ch, 0, a) for ch in "，；：,;:")
    rights = [i for i in (s.find(ch, b) for ch in "，；：,;:") if i >= 0]
    return s[left + 1:min(rights) if rights else len(s)]


def _fmt(v: Decimal) -> str:
    return format(v.normalize(), "f") if v == v.to_integral() else str(v)
