"""`identity.failing` judges a side that is a sum of cells over all bindings at once (`_totals`); every other
instance of an identity is judged binding by binding (`evaluate`).  Both must find the same failing instances:
on the tables of the corpus and of the ecosystem reports, for every identity of the rule files and identities
that exercise the rest of the language, and on those tables with cells replaced, blanked or taken away at random
— counts, decimals, negatives and numbers past the precision of Decimal, where the order of the additions
decides how a total rounds."""
from __future__ import annotations

import dataclasses
import random
import re
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fuzzing import scaled
from linter.engine.run import analyse
from linter.settings.config import Config
from linter.tables import statistics_tables
from linter.tables.cells import TypedCell
from linter.tables.identity import FORMAT_IDENTITIES, evaluate, failing, parse_identity
from linter.tables.model import StatisticsTables

ROOT = Path(__file__).resolve().parents[2]
RULE_IDENTITIES = sorted({m.group(1) for path in (ROOT / "rules").rglob("*.yaml")
                          for m in re.finditer(r"^\s*identity: '(.+)'\s*$", path.read_text(encoding="utf-8"), re.M)})
OTHER_IDENTITIES = [
    *(e for exprs in FORMAT_IDENTITIES.values() for e in exprs),
    "t3[r, T] == t3[r, NP] + t3[r, SUB] for r in [DENY, UNABLE, R3, OTHER, NOPROC, R99]",   # groups in a list
    "t3[DENY, c] + t3[OTHER, c] >= t3[UNABLE, c] for c in all_columns",
    "t3[R24, T] - t3[R3, T] == t3[R4, T] + 0",                       # a cell taken away, a number added
    "t3[r, c] != 1 for r in rows for c in applicant_columns if t3[R1, c] + t3[R2, c] > 0",
    "t3[r, c] <= 5 for c in all_columns for r in rows if t3[R25, c] == 0",
    "t3[r, T] < t3[R24, T] for r in [R3, R4, DENY] if t3[r, NP] >= 0",    # a condition naming the row's variable
    "t4[b, f] >= 0 for b in blocks for f in fields",
    "t2[regulations, issued] + t2[normative, issued] == t2[regulations, current] for c in [x]",
    "t3[R1, T] == t4[RV, T]",                                          # two tables
    "t3[R1, NP] == 0.5",
]
IDENTITIES = [parse_identity(e) for e in RULE_IDENTITIES + OTHER_IDENTITIES]
CORPUS_DIR = ROOT / "tests" / "fixtures" / "corpus"
ECOSYSTEM_DIR = ROOT / "tests" / "ecosystem" / "corpus"


def _reports() -> list[Path]:
    corpus = sorted(p for p in CORPUS_DIR.iterdir() if p.suffix in (".txt", ".md", ".html"))
    ecosystem = sorted(ECOSYSTEM_DIR.rglob("*.txt"))
    return corpus + ecosystem[::4]


@pytest.fixture(scope="module")
def report_tables() -> list[StatisticsTables]:
    config = Config()
    found = []
    for path in _reports():
        analysis = analyse(path.read_bytes(), str(path), config)
        tables = statistics_tables(analysis.context)
        if any(True for _ in tables):
            found.append(tables)
    assert len(found) >= 10
    return found


def _failing_one_by_one(identity, tables) -> list:
    return [inst for inst in evaluate(identity, tables) if inst.status == "fail"]


def test_as_judged_one_binding_at_a_time_on_real_tables(report_tables):
    judged = 0
    for tables in report_tables:
        for identity in IDENTITIES:
            expected = _failing_one_by_one(identity, tables)
            assert failing(identity, tables) == expected, identity
            judged += len(expected)
    assert judged > 0   # some of the real tables fail some identity


BIG = "1" + "0" * 28   # 1E28 + 5 + 5 is 1E28 added in order (each 5 rounds away, half to even), not 1E28 + (5 + 5)
_VALUES = st.one_of(
    st.integers(0, 3).map(Decimal),
    st.integers(-5, 5000).map(Decimal),
    st.sampled_from([Decimal("0.5"), Decimal("2.25"), Decimal("-0"), Decimal("1E+2"),
                     Decimal("1" * 30), Decimal("9" * 29), Decimal("-" + "9" * 29), Decimal("0.000000000000000000000000001"), Decimal(BIG)]),
    st.none(),   # blank
)


def _perturbed(tables: StatisticsTables, rnd: random.Random, values: list) -> StatisticsTables:
    """A copy of the tables with some cells given new values (None: blank), some made invalid and some taken away."""
    out = StatisticsTables()
    for model in tables:
        cells = {}
        for key, cell in model.cells.items():
            roll = rnd.random()
            if roll < 0.04:
                continue   # the cell is missing
            cell = dataclasses.replace(cell)
            if roll < 0.5 and values:
                value = values[rnd.randrange(len(values))]
                cell.value, cell.status = value, "number" if value is not None else "blank"
            elif roll < 0.53:
                cell.value, cell.status = None, "invalid"
            cells[key] = cell
        rows = [row for row in model.rows if rnd.random() > 0.03]
        copy = dataclasses.replace(model, cells=cells, rows=rows, derived={}, evaluations={}, _groups={},
                                   _cell_index=(None, None, None))
        setattr(out, model.name, copy)
    return out


@settings(max_examples=scaled(60))
@given(st.randoms(use_true_random=False), st.lists(_VALUES, max_size=12))
def test_as_judged_one_binding_at_a_time_on_perturbed_tables(report_tables, rnd, values):
    tables = _perturbed(report_tables[rnd.randrange(len(report_tables))], rnd, values)
    for identity in IDENTITIES:
        assert failing(identity, tables) == _failing_one_by_one(identity, tables), identity


def _t3(values: dict[tuple[str, str], str]) -> StatisticsTables:
    """A 表三 of every row and column, zero but for `values`."""
    from linter.tables.layout import T3_ROWS
    from linter.tables.model import TableModel

    model = TableModel("t3", None, "三")
    for spec in T3_ROWS:
        if spec.key != "OTHER":
            for col in ("NP", "BE", "RI", "SO", "LS", "OT", "T"):
                value = values.get((spec.key, col), "0")
                model.put_typed(spec.key, col, TypedCell(Decimal(value), value, 0, 1), "", "")
    return StatisticsTables(t3=model)


@pytest.mark.parametrize("expression, values", [
    ("t3[r, T] == t3[r, NP] + t3[r, BE] + t3[r, RI] + t3[r, SO] + t3[r, LS] + t3[r, OT] for r in rows",
     {("R1", "NP"): BIG, ("R1", "BE"): "5", ("R1", "RI"): "5", ("R1", "T"): BIG}),
    ("t3[R24, c] == t3[R3, c] + t3[R4, c] + t3[DENY, c] + t3[UNABLE, c] + t3[NOPROC, c] + t3[OTHER, c] for c in all_columns",
     {("R3", "NP"): BIG, ("R5", "NP"): "5", ("R6", "NP"): "5", ("R24", "NP"): BIG}),
])
def test_a_total_past_the_precision_of_decimal_rounds_as_added_in_order(expression, values):
    """A total holds, judged one binding at a time and all at once alike, where adding its parts in another order
    (a group's rows first) would make it fail."""
    assert Decimal(BIG) + Decimal(5) + Decimal(5) == Decimal(BIG) != Decimal(BIG) + (Decimal(5) + Decimal(5))
    tables = _t3(values)
    identity = parse_identity(expression)
    assert failing(identity, tables) == _failing_one_by_one(identity, tables) == []
