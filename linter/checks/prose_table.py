"""Prose against the statistics tables: what the text states (its claims, `linter.language.claims`) must agree
with 表二/表三/表四.  The table is the reference.

* `count` — a count of a measure (本年新收申请44件, 予以公开和部分公开120件) equals the measure's cells; where the
  measure may mean two things (共收到…申请: new, or new plus carried over) either may agree, and a stock stated
  before this year's additions (现行有效210件，新制发的31件已同步更新) may agree with them added;
* `none` — a statement that there were none (未收到政府信息公开申请) finds zero in the table;
* `all` — "all …" (均获维持, 所有申请均已办结) finds zero in what it excludes (结果纠正…, 结转下年度);
* `share` — a printed share (予以公开占比45.5%) equals the table's part over one of the bases the report may
  mean, within the precision printed.

A claim is compared only when its words settle what it counts, for this year, exactly (近/约/余 never).  A
cell that is absent, unread or blank keeps the claim unjudged — except a blank total whose parts are all
filled: its value is their sum, and the finding says it was derived.  Parameters: `ASPECTS` below.
"""
from __future__ import annotations

from decimal import Decimal
from typing import Iterator

from linter.checks.claimview import (
    EXPRESSIONS, VOCABULARY, alternatives, claim_reads, claim_text, derived_note, expression_words, fmt, measures_of,
    read, readable_claims, source_span, statistics,
)
from linter.checks.context import Context
from linter.checks.hits import Hit
from linter.language.quantities import percent_agrees
from linter.ruleset.params import Field, Fields, Flag, texts
from linter.ruleset.loading import Rule

_VOCABULARY = Field(VOCABULARY, required=True)
_MEASURES = Field(texts("the measures (of the vocabulary) this rule compares"), required=True)
ASPECTS = {
    "count": Fields({"vocabulary": _VOCABULARY, "measures": _MEASURES,
                     "compound": Field(Flag(doc="compare compounds of these measures (予以公开和部分公开) instead "
                                                "of single ones"))},
                    doc="a count of a measure equals its table cells"),
    "none": Fields({"vocabulary": _VOCABULARY, "measures": _MEASURES},
                   doc="a statement that there were none finds zero in the table"),
    "all": Fields({"vocabulary": _VOCABULARY, "measures": _MEASURES},
                  doc="\"all …\" finds zero in the cells of what it excludes"),
    "share": Fields({"vocabulary": _VOCABULARY, "measures": _MEASURES,
                     "bases": Field(EXPRESSIONS, required=True)},
                    doc="a printed share equals the table's part over one of the bases"),
}


def check(rule: Rule, ctx: Context) -> Iterator[Hit]:
    tables = statistics(ctx)
    if tables is None:
        return
    claims = readable_claims(ctx, rule.params["vocabulary"], rule.scope)
    yield from _ASPECTS[rule.aspect](rule, ctx, tables, claims)


def _counts(rule: Rule, ctx: Context, tables, claims) -> Iterator[Hit]:
    vocabulary = rule.params["vocabulary"]
    for claim in claims.among("count", measures_of(rule)):
        if not claim_reads(rule, claim):
            continue
        expressions = alternatives(vocabulary, claim)
        readings = [read(tables, e) for e in expressions]
        if not readings or any(r is None for r in readings):
            continue
        if any(claim.value in _accepted(r.value, claim) for r in readings):
            continue
        yield _mismatch(ctx, rule, claim, tables, expressions[0], readings[0])


def _accepted(table: Decimal, claim) -> set[Decimal]:
    """The values that agree with a table value: itself, and for a stock stated before this year's
    additions, the stock without them."""
    accepted = {table}
    if claim.addition is not None:
        accepted.add(table - claim.addition.value)
    return accepted


def _mismatch(ctx: Context, rule: Rule, claim, tables, expression: str, reading) -> Hit:
    start, end = source_span(ctx, *claim.at, rule.scope)
    return Hit(start, end, {
        "claim": claim_text(ctx, claim, rule.scope), "text": fmt(claim.value), "table": fmt(reading.value),
        "cells": expression_words(tables, expression, "zh"), "cells_en": expression_words(tables, expression, "en"),
        "derived": derived_note(reading, "zh"), "derived_en": derived_note(reading, "en"),
    }, table=_table_name(expression), image=reading.picture)


def _nones(rule: Rule, ctx: Context, tables, claims) -> Iterator[Hit]:
    """未收到政府信息公开申请: every measure the statement names is zero."""
    chosen = set(rule.params["measures"])
    stated = [c for c in claims.claims if c.kind == "none" and chosen & set(c.measures) and c.qualified]
    yield from _zeros(rule, ctx, tables, [(c, c.measures) for c in stated])


def _alls(rule: Rule, ctx: Context, tables, claims) -> Iterator[Hit]:
    """所有申请均已办结, 均获维持: what "all" excludes (结转下年度, 纠正 …) is zero.  Said of counts just stated
    (复议2件，均获维持; 44件申请，均已答复), "all" speaks of those: the table must hold that many."""
    measures = rule.params["vocabulary"]["measures"]
    stated = [c for c in claims.claims if c.kind == "all" and c.measures and c.measures[0] in rule.params["measures"]]
    yield from _zeros(rule, ctx, tables, [(c, measures[c.measures[0]].get("all_excludes", []))
                                          for c in stated if not c.quantifies])
    for statement in (c for c in stated if c.quantifies):
        yield from _fewer_than_said(rule, ctx, tables, statement)


def _fewer_than_said(rule: Rule, ctx: Context, tables, statement) -> Iterator[Hit]:
    """The first count "all" speaks of that the table's cells of the statement's measure do not reach."""
    from dataclasses import replace

    vocabulary = rule.params["vocabulary"]
    for count in statement.quantifies:
        said = replace(statement, parents=count.measures) if statement.parents else statement
        cells = alternatives(vocabulary, said)
        reading = read(tables, cells[0]) if cells else None
        if reading is not None and reading.value < count.value:
            hit = _nonzero(ctx, rule, statement, tables, cells[0], reading)
            hit.data["claim"] = ctx.scope_text(rule.scope).text[count.start:statement.at[1]].strip(" ，,")
            hit.data["short"] = f"，少于所称的{fmt(count.value)}{count.unit}"
            hit.data["short_en"] = f", fewer than the {fmt(count.value)} said"
            yield hit
            return


def _zeros(rule: Rule, ctx: Context, tables, statements) -> Iterator[Hit]:
    """One finding per statement with a measure that the tables do not give as zero (the first such)."""
    vocabulary = rule.params["vocabulary"]
    for claim, zero in statements:
        for measure in zero:
            cells = alternatives(vocabulary, _single(claim, measure))
            reading = read(tables, cells[0]) if cells else None
            if reading is not None and reading.value != 0:
                yield _nonzero(ctx, rule, claim, tables, cells[0], reading)
                break


def _single(claim, measure: str):
    """The claim as if it named one measure (its topic and parents kept)."""
    from dataclasses import replace

    return replace(claim, measures=(measure,))


def _nonzero(ctx: Context, rule: Rule, claim, tables, expression: str, reading) -> Hit:
    start, end = source_span(ctx, *claim.at, rule.scope)
    return Hit(start, end, {
        "claim": ctx.scope_text(rule.scope).text[claim.at[0]:claim.at[1]], "table": fmt(reading.value), "short": "",
        "cells": expression_words(tables, expression, "zh"), "cells_en": expression_words(tables, expression, "en"),
        "derived": derived_note(reading, "zh"), "derived_en": derived_note(reading, "en"),
    }, table=_table_name(expression), image=reading.picture)


def _shares(rule: Rule, ctx: Context, tables, claims) -> Iterator[Hit]:
    vocabulary = rule.params["vocabulary"]
    for claim in claims.claims:
        if claim.share is None or claim.kind not in ("count", "share") or claim.approximate:
            continue
        if not claim.measures or not set(claim.measures) <= set(rule.params["measures"]) or len(claim.measures) > 1:
            continue
        cells = alternatives(vocabulary, claim)
        part = read(tables, cells[0]) if cells else None
        bases = [read(tables, b) for b in rule.params["bases"]]
        known = [b for b in bases if b is not None and b.value != 0]
        if part is None or not known:
            continue
        share = claim.share
        if any(percent_agrees(share.value, share.places, part.value, b.value) for b in known):
            continue
        start, end = source_span(ctx, share.start, share.end, rule.scope)
        yield Hit(start, end, {
            "claim": claim_text(ctx, claim, rule.scope), "text": share.raw,
            "table": f"{part.value * 100 / known[0].value:.2f}%", "cells": "/".join(fmt(b.value) for b in known),
            "derived": derived_note(part, "zh"), "derived_en": derived_note(part, "en"),
        }, table=_table_name(cells[0]), image=part.picture)


def _table_name(expression: str) -> str:
    return {"t2": "二", "t3": "三", "t4": "四"}[expression.strip()[:2]]


_ASPECTS = {"count": _counts, "none": _nones, "all": _alls, "share": _shares}
