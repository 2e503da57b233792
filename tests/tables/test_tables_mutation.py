"""Mutation tests on real tables: change one cell, delete a row, replace a table by an image."""
from __future__ import annotations

from decimal import Decimal

import pytest

from conftest import CORPUS

from linter.settings.config import Config
from linter.engine.run import analyse, lint
from linter.tables import statistics_tables

ARITH = ["T3-"]
RESULT_ROWS = {f"R{i}" for i in range(3, 24)} | {"OTHER"}


def _tables(text: str, name: str):
    return statistics_tables(analyse(text.encode("utf-8"), name, Config()).context)


def _lint(text: str, name: str, select):
    return lint(text.encode("utf-8"), name, Config(select=list(select))).findings


def _expected_rules(row: str) -> set[str]:
    if row == "R24":
        return {"T3-ROW", "T3-RES", "T3-BAL"}
    if row in RESULT_ROWS:
        return {"T3-ROW", "T3-RES"}
    return {"T3-ROW", "T3-BAL"}


SOURCES = ["2024-huaian-szf.md", "2024-huaian-szf.txt", "2023-huaian-hongzequ-qzf.txt"]


@pytest.mark.parametrize("filename", SOURCES)
def test_changing_any_single_cell_of_table_three_names_that_cell(filename):
    source = (CORPUS / filename).read_text(encoding="utf-8")
    table = _tables(source, filename).t3
    assert len(table.cells) in (175, 161)
    for (row, col), cell in table.cells.items():
        new_value = int(cell.value) + 7
        text = source[:cell.start] + str(new_value) + source[cell.end:]
        got = [f for f in _lint(text, filename, ARITH) if f.category == "arithmetic"]
        rules = {f.rule for f in got}
        expected = _expected_rules(row)
        assert expected <= rules <= expected | {"T3-ZERO"}, (row, col, rules)
        for f in got:
            # every finding is placed on the changed cell and names it
            assert (f.cell["row_key"], f.cell["column_key"]) == (row, col), (row, col, f.rule)
        for f in got:
            if f.rule in expected:
                assert "最可能出错" in f.data["suspect"] and f"＝{new_value}（" in f.data["suspect"], (row, col)
                assert f.data["diff"] in ("7", "-7")


def test_changed_cell_finding_says_the_identity_in_words_with_the_column():
    filename = "2024-huaian-szf.md"
    source = (CORPUS / filename).read_text(encoding="utf-8")
    cell = _tables(source, filename).t3.cell("R1", "NP")
    text = source[:cell.start] + "3002" + source[cell.end:]
    bal = [f for f in _lint(text, filename, ["T3-BAL"])]
    assert len(bal) == 1
    f = bal[0]
    assert f.data["words"] == "一＋二＝（七）总计＋四" and f.data["where"] == "自然人列"
    assert (f.data["lhs"], f.data["rhs"], f.data["diff"]) == ("3036", "3035", "1")
    assert "一、本年新收政府信息公开申请数量／自然人＝3002" in f.data["cells"]


def test_two_wrong_cells_name_no_single_suspect():
    filename = "2024-huaian-szf.md"
    source = (CORPUS / filename).read_text(encoding="utf-8")
    t3 = _tables(source, filename).t3
    a, b = sorted([t3.cell("R3", "NP"), t3.cell("R13", "BE")], key=lambda c: c.start, reverse=True)
    text = source
    for c in (a, b):
        text = text[:c.start] + str(int(c.value) + 1) + text[c.end:]
    got = [f for f in _lint(text, filename, ARITH) if f.category == "arithmetic"]
    assert got and all(f.data["suspect"] == "" for f in got)


@pytest.mark.parametrize("filename,row_text,row,label", [
    ("2024-huaian-szf.md", "| 三、本年度办理结果 / （三）不予公开 / 3.危及“三安全一稳定” |", "R7", "3.危及“三安全一稳定”"),
    ("2023-huaian-hongzequ-qzf.txt", "3.危及“三安全一稳定”", "R7", "3.危及“三安全一稳定”"),
    ("2024-huaian-szf.txt", "2.重复申请", "R17", "2.重复申请"),
])
def test_deleting_a_row_gives_a_shape_finding_naming_it(filename, row_text, row, label):
    source = (CORPUS / filename).read_text(encoding="utf-8")
    lines = source.split("\n")
    kept = [l for l in lines if row_text not in l]
    assert len(kept) == len(lines) - 1
    text = "\n".join(kept)
    t3 = _tables(text, filename).t3
    assert row not in t3.rows
    got = _lint(text, filename, ["TABLE", "T3-"])
    shape = [f for f in got if f.rule == "TABLE-T3-SHAPE"]
    assert len(shape) == 1 and label in shape[0].data["missing"] and shape[0].data["count"] == 1
    # no arithmetic finding is built on the incomplete group
    assert [f.rule for f in got if f.category == "arithmetic"] == []


def test_replacing_a_table_with_an_image_line_fires_the_presence_rule():
    filename = "2024-huaian-szf.md"
    source = (CORPUS / filename).read_text(encoding="utf-8")
    lines = source.split("\n")
    start = next(i for i, l in enumerate(lines) if l.startswith("| （本列数据的勾稽关系"))
    end = start
    while end < len(lines) and lines[end].startswith("|"):
        end += 1
    text = "\n".join(lines[:start] + ["[image: table3.png]"] + lines[end:])
    got = _lint(text, filename, ["TABLE", "T3-"])
    assert [f.rule for f in got] == ["TABLE-T3-MISSING"]
    f = got[0]
    assert f.data["image"] == "table3.png" and f.line == start + 1 and f.section == "三"


def test_a_table_that_is_not_there_at_all():
    filename = "2024-huaian-szf.md"
    source = (CORPUS / filename).read_text(encoding="utf-8")
    lines = source.split("\n")
    start = next(i for i, l in enumerate(lines) if l.startswith("| 行政复议-结果维持"))
    text = "\n".join(lines[:start] + lines[start + 3:])
    got = _lint(text, filename, ["TABLE", "T4-"])
    assert [(f.rule, f.section) for f in got] == [("TABLE-T4-MISSING", "四")]
    assert "image" not in got[0].data


def test_a_mistyped_row_label_is_named_as_unmatched():
    filename = "2024-huaian-szf.md"
    source = (CORPUS / filename).read_text(encoding="utf-8")
    text = source.replace("（三）不予公开 / 1.属于国家秘密", "（三）不予公开 / 1.涉及保密事项")
    got = _lint(text, filename, ["TABLE", "T3-"])
    assert sorted(f.rule for f in got) == ["TABLE-T3-SHAPE", "TABLE-UNRECOGNISED"]
    unrec = next(f for f in got if f.rule == "TABLE-UNRECOGNISED")
    assert "1.涉及保密事项" in unrec.data["labels"] and unrec.section == "三"
    assert unrec.message.startswith("第三部分的表三无法与规定格式对应")
    shape = next(f for f in got if f.rule == "TABLE-T3-SHAPE")
    assert "1.属于国家秘密" in shape.data["missing"]


def test_a_table_split_in_two_grids_is_one_table():
    filename = "2024-huaian-szf.md"
    source = (CORPUS / filename).read_text(encoding="utf-8")
    lines = source.split("\n")
    at = next(i for i, l in enumerate(lines) if "（四）无法提供 / 1.本机关不掌握" in l)
    header = [l for l in lines if l.startswith("| （本列数据的勾稽关系")][0]
    split = lines[:at] + ["", "-4-", "", header, "|---|---|---|---|---|---|---|---|"] + lines[at:]
    text = "\n".join(split)
    t3 = _tables(text, filename).t3
    assert len(t3.rows) == 25 and t3.cell("R13", "T").value == 769
    assert _lint(text, filename, ["TABLE", "T3-"]) == []


def test_table_two_as_four_separate_grids():
    filename = "2023-huaian-hongzequ-qzf.md"
    source = (CORPUS / filename).read_text(encoding="utf-8")
    out = []
    for line in source.split("\n"):
        if line.startswith("| 第二十条第（") and "（一）" not in line:
            out += ["", line, "|---|---|---|---|"]
        else:
            out.append(line)
    text = "\n".join(out)
    analysis = analyse(text.encode("utf-8"), filename, Config())
    assert sum(1 for b in analysis.document.blocks if b.kind == "table") == 6
    t2 = statistics_tables(analysis.context).t2
    assert t2.cell("fees", "amount").value == Decimal("7730.28") and t2.cell("normative", "repealed").value == 5
    assert [f.rule for f in _lint(text, filename, ["TABLE", "T2-"])] == []


def test_a_table_before_the_first_section_is_not_said_to_stand_in_a_section():
    """A page that opens with a table of its own (here a grid headed like 表三) has no section to name."""
    filename = "2024-huaian-szf.md"
    source = (CORPUS / filename).read_text(encoding="utf-8")
    title_end = source.index("\n") + 1
    text = source[:title_end] + "\n| 项目 | 本年新收 | 上年结转 |\n|---|---|---|\n| 网站栏目 | 1 | 2 |\n\n" + source[title_end:]
    [unrec] = _lint(text, filename, ["TABLE-UNRECOGNISED"])
    assert unrec.section is None and unrec.message.startswith("表格无法与规定格式对应") and "?" not in unrec.message


@pytest.mark.parametrize("filename", SOURCES)
def test_a_conditional_identity_fails_where_its_full_evaluation_fails(filename):
    from linter.tables.identity import evaluate, failing, parse_identity

    zero = parse_identity("t3[r, c] == 0 for c in all_columns for r in rows if t3[R1, c] + t3[R2, c] == 0")
    source = (CORPUS / filename).read_text(encoding="utf-8")
    tables = _tables(source, filename)
    columns = [c for c in tables.t3.columns if tables.t3.number("R1", c) == tables.t3.number("R2", c) == 0]
    assert columns, "the table has a column without applications"
    for row in ("R3", "R13", "R24"):  # a count in a column without applications
        cell = tables.t3.cell(row, columns[0])
        source = source[:cell.start] + "5" + source[cell.end:]
        tables = _tables(source, filename)
        expected = [i for i in evaluate(zero, tables) if i.status == "fail"]
        assert expected and failing(zero, tables) == expected
