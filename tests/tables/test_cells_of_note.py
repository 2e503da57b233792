"""The `filled`, `noted` and `nonnegative` aspects of `table_cells` look only at the cells that are not plain counts
(`_cells_of_note`, found once per table): they must report what a look at every cell reports, on the tables of the
corpus and ecosystem reports and on those tables with cells given values at random — blanks, unreadable and invalid
cells, negatives, fractions, large numbers, numbers with a note."""
from __future__ import annotations

import dataclasses
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fuzzing import scaled
from linter.checks import table_cells
from linter.engine.run import analyse, load_rules
from linter.settings.config import Config
from linter.tables import statistics_tables

ROOT = Path(__file__).resolve().parents[2]


def _reports() -> list[Path]:
    corpus = sorted(p for p in (ROOT / "tests" / "fixtures" / "corpus").iterdir() if p.suffix in (".txt", ".md", ".html"))
    return corpus + sorted((ROOT / "tests" / "ecosystem" / "corpus").rglob("*.txt"))[::4]


@pytest.fixture(scope="module")
def contexts():
    config = Config()
    rules = [r for r in load_rules(config) if r.kind == "table_cells"]
    assert {r.aspect for r in rules} == {"filled", "noted", "nonnegative", "wan_amount"}
    found = []
    for path in _reports():
        ctx = analyse(path.read_bytes(), str(path), config).context
        if any(True for _ in statistics_tables(ctx)):
            found.append(ctx)
    assert len(found) >= 10
    return rules, found


def _hits(rules, ctx) -> list:
    return [(rule.id, hit.start, hit.end, hit.data, hit.related) for rule in rules for hit in table_cells.check(rule, ctx)]


def _fresh(ctx) -> None:
    """The context without the cells of note it found: found again on the next look."""
    ctx._cache = {k: v for k, v in ctx._cache.items() if not (isinstance(k, tuple) and k[0] == "cells-of-note")}


def _hits_over_every_cell(rules, ctx) -> list:
    """The hits when every cell of a table is looked at (as before the cells of note were found)."""
    found = table_cells._cells_of_note
    table_cells._cells_of_note = lambda table: list(table.cells.values())
    try:
        _fresh(ctx)
        return _hits(rules, ctx)
    finally:
        table_cells._cells_of_note = found
        _fresh(ctx)


def test_as_every_cell_looked_at_on_real_tables(contexts):
    rules, found = contexts
    reported = 0
    for ctx in found:
        expected = _hits_over_every_cell(rules, ctx)
        assert _hits(rules, ctx) == expected
        reported += len(expected)
    assert reported > 0   # some real tables have blank cells


_CELLS = st.sampled_from([
    (Decimal(0), "0", "number", ""), (Decimal(7), "7", "number", ""), (Decimal(999), "999", "number", ""),
    (Decimal(1000), "1000", "number", ""), (Decimal(-1), "-1", "number", ""), (Decimal("-0"), "-0", "number", ""),
    (Decimal("0.5"), "0.5", "number", ""), (Decimal("3.0"), "3.0", "number", ""), (Decimal(1), "000001", "number", ""),
    (Decimal(13), "13（其中修订5件）", "number", "其中修订5件"), (None, "", "blank", ""), (None, "/", "blank", ""),
    (None, "x", "invalid", ""), (None, "8", "unread", ""), (Decimal(123456), "123456", "number", ""),
])


@settings(max_examples=scaled(60))
@given(st.randoms(use_true_random=False), st.lists(_CELLS, min_size=1, max_size=8))
def test_as_every_cell_looked_at_on_perturbed_tables(contexts, rnd, values):
    rules, found = contexts
    ctx = found[rnd.randrange(len(found))]
    tables = statistics_tables(ctx)
    saved = {model.name: dict(model.cells) for model in tables}
    try:
        for model in tables:
            for key, cell in model.cells.items():
                if rnd.random() < 0.3:
                    value, raw, status, note = values[rnd.randrange(len(values))]
                    model.cells[key] = dataclasses.replace(cell, value=value, raw=raw, status=status, note=note)
        expected = _hits_over_every_cell(rules, ctx)
        assert _hits(rules, ctx) == expected
    finally:
        for model in tables:
            model.cells = saved[model.name]
        _fresh(ctx)
