"""Prose against the statistics tables: "本年新收政府信息公开申请23件" must equal 表三 一、本年新收 总计.

The table is the reference (REFERENCE §A.5, TX-*).  A rule names a *claim* — a pattern over one sentence
with the number as `{N}` — and the table cells it must equal.  Precision first: a claim is read only when
the sentence names the quantity unambiguously; `skip_if` (for instance 含上年结转) silences a sentence,
`qualifier` demands a word such as 政府信息公开 in the sentence, and when any cell is absent or blank the
rule stays silent.  A rule may list several `targets`: the claim is wrong only when it matches none of them
(共收到…申请 may mean 本年新收 or 新收 + 上年结转).

params:
  claim: regex with {N} where the number stands (Arabic or Chinese; approximate numbers are never read)
  targets: [expression, …]   an expression is terms joined by +, each `t3:ROW:COL`, `t4:BLOCK:FIELD` or
                             `t2:ROW:COL`; the 表三 groups DENY UNABLE NOPROC OTHER are the tables'
                             group sums
  expect: equal (default) | zero | share   zero: the claim has no number and every target must be 0;
          share: the claim has {P} (a percentage) that must equal targets[0] ÷ one of `bases`
  skip_if: regex (in the sentence, or with skip_scope: clause only in the clause of the claim)
  qualifier: regex (must occur in the sentence)
"""
from __future__ import annotations

import re
from decimal import Decimal
from functools import lru_cache
from typing import Iterator

from linter.checks.context import Context, sentences
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
_TERM_RE = re.compile(r"^t[234]:[A-Za-z0-9_]+:[A-Za-z_]+$")


def validate(params: dict) -> list[str]:
    claim = params.get("claim")
    if not isinstance(claim, str):
        return ["params.claim (a regex) is required"]
    expect = params.get("expect", "equal")
    if params.get("skip_scope", "sentence") not in ("sentence", "clause"):
        return ["params.skip_scope must be sentence or clause"]
    if expect not in ("equal", "zero", "share"):
        return ["params.expect must be equal, zero or share"]
    if expect == "equal" and "{N}" not in claim:
        return ["params.claim needs {N} where the number stands"]
    if expect == "share":
        if "{P}" not in claim:
            return ["params.claim needs {P} where the percentage stands"]
        bases = params.get("bases")
        if not isinstance(bases, list) or not bases or not all(isinstance(b, str) and all(_TERM_RE.match(t.strip()) for t in b.split("+")) for b in bases):
            return ["params.bases must be a non-empty list of expressions"]
    try:
        _claim_re(claim)
    except re.error as exc:
        return [f"params.claim: invalid pattern: {exc}"]
    targets = params.get("targets")
    if not isinstance(targets, list) or not targets:
        return ["params.targets must be a non-empty list of expressions"]
    for t in targets:
        if not isinstance(t, str) or not all(_TERM_RE.match(term.strip()) for term in t.split("+")):
            return [f"params.targets: bad expression {t!r} (terms like t3:R1:T joined by +)"]
    for key in ("skip_if", "qualifier"):
        if key in params:
            try:
                re.compile(params[key])
            except (re.error, TypeError) as exc:
                return [f"params.{key}: invalid pattern: {exc}"]
    return []


@lru_cache(maxsize=256)
def _claim_re(claim: str) -> re.Pattern:
    """{N} becomes a number group n0, n1, … (a claim may name the number in several alternatives)."""
    claim = claim.replace("{P}", r"(?P<p>\d+(?:\.\d+)?)[%％]")
    parts = claim.split("{N}")
    pattern = parts[0] + "".join(_NUM.format(name=f"n{i}") + rest for i, rest in enumerate(parts[1:]))
    return re.compile(pattern)


def _number_group(m: re.Match) -> str | None:
    return next((g for g, v in m.groupdict().items() if g.startswith("n") and g[1:].isdigit() and v), None)


@lru_cache(maxsize=256)
def _re(pattern: str) -> re.Pattern:
    return re.compile(pattern)


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
    scope = rule.scope
    for sentence in ctx.cached(f"sentences:{scope}", lambda: sentences(ctx.scope_text(scope))):
        s = sentence.text
        if skip and not clause_skip and skip.search(s):
            continue
        if qualifier and not qualifier.search(s):
            continue
        for m in claim.finditer(s):
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
