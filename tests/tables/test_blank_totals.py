"""A blank total whose parts are all filled is derived for the checks that read it (and they say so); the cell
stays blank for the blank-cell rule and the identities; a blank cell never silences a check that does not read it."""
from __future__ import annotations

import re
from decimal import Decimal

from conftest import ROOT, lint_text
from linter.engine.run import analyse
from linter.settings.config import Config
from linter.tables import statistics_tables

BASE = (ROOT / "rules" / "gov-2021" / "bases" / "county-2023.md").read_text(encoding="utf-8")


def with_cells(text: str, row_label: str, values: dict[int, str]) -> str:
    """The base report with cells of one 表三 row rewritten (0 = 自然人 … 6 = 总计)."""
    line = next(l for l in text.splitlines() if l.startswith(f"| {row_label}"))
    cells = line.strip("|").split("|")
    for i, v in values.items():
        cells[i + 1] = f" {v} "
    return text.replace(line, "|" + "|".join(cells) + "|")


def t3(text: str):
    return statistics_tables(analyse(text.encode("utf-8"), "r.md", Config()).context).t3


def test_a_blank_row_total_with_filled_applicant_columns_is_their_sum():
    table = t3(with_cells(BASE, "一、本年新收", {6: ""}))
    assert table.cell("R1", "T").status == "blank"
    assert table.number("R1", "T") == Decimal(44) and table.derived[("R1", "T")] == Decimal(44)


def test_a_blank_total_with_a_blank_part_is_not_derived():
    table = t3(with_cells(BASE, "一、本年新收", {6: "", 1: ""}))
    assert table.number("R1", "T") is None


def test_the_results_total_is_derived_when_every_identity_that_fixes_it_agrees():
    table = t3(with_cells(BASE, "三、本年度办理结果 / （七）总计", {6: ""}))
    assert table.number("R24", "T") == Decimal(44)


def test_identities_that_disagree_derive_nothing():
    # the row says 40+3+0+0+1+0 = 44, the column of results would say 45
    text = with_cells(with_cells(BASE, "三、本年度办理结果 / （七）总计", {6: ""}), "三、本年度办理结果 / （一）予以公开", {6: "21"})
    assert t3(text).number("R24", "T") is None


def test_a_blank_review_total_in_table_four():
    text = BASE.replace("| 1 | 0 | 0 | 0 | 1 | 1 | 0 | 0 | 0 | 1 |", "| 1 | 0 | 0 | 0 |  | 1 | 0 | 0 | 0 | 1 |")
    tables = statistics_tables(analyse(text.encode("utf-8"), "r.md", Config()).context)
    assert tables.t4.cell("RV", "T").status == "blank" and tables.t4.number("RV", "T") == Decimal(1)


def test_the_blank_cell_is_still_reported_and_no_identity_is_judged_with_it():
    findings = lint_text(with_cells(BASE, "一、本年新收", {6: ""}), "r.md").findings
    assert "T3-EMPTY" in {f.rule for f in findings}
    assert not [f for f in findings if f.category == "arithmetic"]


def test_the_prose_check_runs_and_says_the_total_was_derived():
    text = with_cells(BASE, "一、本年新收", {6: ""}).replace("新收政府信息公开申请44件", "新收政府信息公开申请45件")
    [finding] = [f for f in lint_text(text, "r.md").findings if f.rule == "TX-NEW"]
    assert "总计栏空白，按其已填各项之和推算为44" in finding.message
    english = [f for f in lint_text(text, "r.md", lang="en").findings if f.rule == "TX-NEW"][0]
    assert "is blank, derived as 44 from its filled parts" in english.message


def test_a_blank_cell_does_not_silence_a_check_that_does_not_read_it():
    text = with_cells(BASE, "二、上年结转", {1: ""}).replace("新收政府信息公开申请44件", "新收政府信息公开申请45件")
    assert "TX-NEW" in {f.rule for f in lint_text(text, "r.md").findings}
    assert re.search(r"\| 二、上年结转[^\n]*\|  \|", text)
