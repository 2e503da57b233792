"""Arithmetic identities over statistics-table cells (category `arithmetic`).

Parameters: declared in `PARAMS` below (`report-lint rules --schema` prints them all).

One finding per failing instance, at the total cell (or the first cell), naming the cells involved with
their positions, the two sides and the difference.  When one cell explains every failing identity of
the table (over all identity rules that run), the finding says which cell is most likely wrong.
Instances with a blank, unreadable or missing cell are not judged (other rules report those).
"""
from __future__ import annotations

from typing import Iterator

from linter.checks.context import Context
from linter.ruleset.params import Checked, Field, Fields, Str
from linter.checks.hits import Hit
from linter.ruleset.conditions import applies
from linter.ruleset.loading import Rule
from linter.tables import statistics_tables
from linter.tables.describe import (
    TABLE_NAMES_EN, binding_words, binding_words_en, cell_ref, cell_words, cell_words_both, cell_words_en, label_en,
)
from linter.tables.identity import (
    IdentityError, cell_in_common, cell_lookup, evaluate, failing, likely_wrong_cell, parse_identity,
)


def _identity_problem(expression: str) -> str | None:
    try:
        parse_identity(expression)
    except IdentityError as exc:
        return str(exc)
    return None


PARAMS = Fields({
    "identity": Field(Checked(Str(), _identity_problem, doc="the identity over table cells (grammar/identity.lark)"),
                      required=True),
    "words": Field(Str(doc="the identity in words, for the message (一＋二＝（七）总计＋四)"), required=True),
    "words_en": Field(Str(doc="the same in English")),
})


def _failing(rule: Rule, ctx: Context) -> list:
    """The rule's failing instances, the others judged without being made (most instances hold)."""
    identity = parse_identity(rule.params["identity"])
    tables = statistics_tables(ctx)
    cells = ctx.cached("identity-cells", lambda: cell_lookup(tables))
    return ctx.cached(f"identity:{rule.id}", lambda: failing(identity, tables, cells))


def _table_rules(table: str, rule: Rule, ctx: Context) -> list[Rule]:
    """The unconditional identity rules on `table` that run on this report (with `rule`): weighed together for the
    likely wrong cell."""
    def compute():
        rules = {r.id: r for r in ctx.rules if r.kind == "identity" and applies(r, ctx)}
        rules.setdefault(rule.id, rule)
        return [r for r in rules.values()
                if (ident := parse_identity(r.params["identity"])).table == table and ident.condition is None]

    return ctx.cached(f"identity-rules:{table}", compute)   # (the first rule to ask names them, as before)


def _suspect(table: str, rule: Rule, ctx: Context):
    """`likely_wrong_cell` of every instance of the table's unconditional identity rules, made only when their
    failing instances (each rule's own, shared with its check) have a cell in common: else there is none to find."""
    rules = _table_rules(table, rule, ctx)
    if not cell_in_common([inst for r in rules for inst in _failing(r, ctx)]):
        return None
    return likely_wrong_cell(_table_instances(table, rules, ctx))


def _table_instances(table: str, rules: list[Rule], ctx: Context) -> list:
    """Every instance of the rules (`_table_rules`): what the likely wrong cell is weighed over."""
    def compute():
        tables = statistics_tables(ctx)
        return [inst for r in rules for inst in evaluate(parse_identity(r.params["identity"]), tables, remember=True)]

    return ctx.cached(f"identity-table:{table}", compute)


def check(rule: Rule, ctx: Context) -> Iterator[Hit]:
    identity = parse_identity(rule.params["identity"])
    failed = _failing(rule, ctx)
    if not failed:
        return
    table = statistics_tables(ctx).get(identity.table)
    doc = ctx.document
    suspect = _suspect(identity.table, rule, ctx) if identity.condition is None else None
    for inst in failed:
        anchor = inst.anchor
        suspect_zh = suspect_en = ""
        if suspect is not None and any(c is suspect[0] for c in inst.cells()):
            anchor = suspect[0]
            suspect_zh = f"最可能出错的单元格是{cell_words(table, suspect[0], doc)}：改为{_fmt(suspect[1])}后各项等式均成立。"
            suspect_en = f"The cell most likely wrong is {cell_words_en(table, suspect[0], doc)}: with {_fmt(suspect[1])} every identity holds. "
        cells = []
        seen = set()
        for c in inst.cells():
            if (c.row, c.col) not in seen:
                seen.add((c.row, c.col))
                cells.append(c)
        words = [cell_words_both(table, c, doc) for c in cells]
        data = {
            "table": table.title, "table_en": TABLE_NAMES_EN.get(identity.table, identity.table),
            "words": rule.params["words"], "words_en": rule.params.get("words_en", rule.params["words"]),
            "where": binding_words(table, inst.bindings),
            "where_en": binding_words_en(table, inst.bindings),
            "lhs": _fmt(inst.lhs), "rhs": _fmt(inst.rhs), "diff": _fmt(inst.diff),
            "cells": "；".join(zh for zh, _ in words),
            "cells_en": "; ".join(en for _, en in words),
            "suspect": suspect_zh, "suspect_en": suspect_en,
        }
        yield Hit(anchor.start, anchor.end, data, section=table.section, table=table.title,
                  cell=cell_ref(table, anchor), image=table.picture,
                  related=[(c.start, c.end, _cell_note(table, c, ctx.config.lang)) for c in cells if c is not anchor])


def _cell_note(table, cell, lang: str) -> str:
    """A related cell named for a reader: its row and column labels."""
    if lang == "en":
        return f"{label_en(table.name, cell.row)}, {label_en(table.name, cell.col)}"
    return f"{table.row_label(cell.row)}／{table.column_label(cell.col)}"


def _fmt(value) -> str:
    if value is None:
        return "?"
    text = format(value.normalize(), "f") if value == value.to_integral_value() else format(value, "f")
    return text
