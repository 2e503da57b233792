"""Property tests of the table mapper (linter/tables): random grids built from the official labels and
random cells, and real tables with their cells replaced at random, never raise; every typed cell keeps
a source span inside the document, and a blank is never a number."""
from __future__ import annotations

import re
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from fuzzing import CORPUS_TEXTS, assert_positions_inside, cell_text, scaled
from linter.settings.config import Config
from linter.engine.run import analyse, lint
from linter.document.model import Cell, Table, normalize
from linter.tables import parse_cell, statistics_tables
from linter.tables.cells import BLANK_MARKS
from linter.tables.layout import T3_COLUMNS, T3_ROWS
from linter.tables.mapping import classify, map_table

LABELS = [s.label for s in T3_ROWS] + [s.label for s in T3_COLUMNS] + [
    "行政复议", "行政诉讼", "结果维持", "结果纠正", "其他结果", "尚未审结", "总计", "未经复议直接起诉", "复议后起诉",
    "规章", "规范性文件", "行政许可", "行政处罚", "行政强制", "行政事业性收费", "本年制发件数", "本年废止件数",
    "现行有效件数", "处理决定数量", "金额（万元）", "信息内容", "申请人情况", "商业企业", "小计", "",
]
grid_cell = st.one_of(st.sampled_from(LABELS), cell_text)


def _table(rows: list[list[str]]) -> tuple[Table, str]:
    """A Table whose cells point into a synthetic source (one cell per line)."""
    source_lines, cells, pos = [], [], 0
    for r, row in enumerate(rows):
        out = []
        for c, value in enumerate(row):
            out.append(Cell(normalize(value, pos), r, c))
            source_lines.append(value)
            pos += len(value) + 1
        cells.append(out)
    return Table(rows=cells), "\n".join(source_lines)


@settings(max_examples=scaled(80))
@given(st.lists(st.lists(grid_cell, min_size=0, max_size=10), min_size=0, max_size=30), st.sampled_from([None, "二", "三", "四"]))
def test_mapper_on_random_grids(rows, section):
    table, source = _table(rows)
    name = classify(table)
    for candidate in {name, "t2", "t3", "t4"} - {None}:
        model = map_table(candidate, table, section)
        for cell in model.cells.values():
            assert 0 <= cell.start <= cell.end <= len(source)
            assert (cell.value is None) == (cell.status != "number")


@settings(max_examples=scaled(200))
@given(cell_text, st.integers(0, 100))
def test_parse_cell_on_random_text(raw, base):
    cell = parse_cell(normalize(raw, base))
    if cell.status == "number":
        assert isinstance(cell.value, Decimal) and cell.value.is_finite()
    if cell.raw.replace(" ", "") in BLANK_MARKS:
        assert cell.status == "blank" and cell.value is None


_NUMBER_CELL = re.compile(r"(?<=\|)\s*\d+\s*(?=\|)")
MD_WITH_TABLES = sorted(n for n, t in CORPUS_TEXTS.items() if n.endswith(".md") and t.count("|") > 100)


@settings(max_examples=scaled(25))
@given(st.sampled_from(MD_WITH_TABLES), st.randoms(use_true_random=False), st.lists(cell_text, min_size=1, max_size=20))
def test_real_tables_with_random_cells(name, rnd, replacements):
    assert MD_WITH_TABLES
    """A published report whose number cells are replaced by random cell texts (blanks, Chinese numerals,
    separators, negative numbers, garbage)."""
    text = CORPUS_TEXTS[name]
    matches = list(_NUMBER_CELL.finditer(text))
    chosen = sorted(rnd.sample(matches, min(len(replacements), len(matches))), key=lambda m: m.start(), reverse=True)
    for m, new in zip(chosen, replacements):
        text = text[:m.start()] + " " + new.replace("|", "\\|").replace("\n", " ") + " " + text[m.end():]
    result = lint(text.encode("utf-8"), name, Config())
    assert result.error is None
    assert_positions_inside(result, text)
    analysis = analyse(text.encode("utf-8"), name, Config())
    tables = statistics_tables(analysis.context)
    for model in (tables.t2, tables.t3, tables.t4):
        for cell in (model.cells.values() if model else []):
            assert 0 <= cell.start <= cell.end <= len(text)
