"""Cell values, label variants, text-table shapes, the identity language, `when: table_cell`, extract."""
from __future__ import annotations

import re

import csv
import io
import json
from decimal import Decimal

import pytest

from conftest import CORPUS

from linter.settings.config import Config
from linter.engine.run import analyse
from linter.ruleset.conditions import applies
from linter.document.model import normalize
from linter.ruleset.loading import Rule, RuleError, load_ruleset
from linter.checks import registry
from linter.tables import parse_cell, statistics_tables
from linter.tables.identity import FORMAT_IDENTITIES, IdentityError, evaluate, likely_wrong_cell, parse_identity


@pytest.mark.parametrize("raw,value", [
    ("0", Decimal(0)), ("21", Decimal(21)), ("３１１９", Decimal(3119)), ("3,119", Decimal(3119)),
    ("3，119", Decimal(3119)), ("7730.28", Decimal("7730.28")), ("二十三", Decimal(23)), ("一百零五", Decimal(105)),
    ("〇", Decimal(0)), ("12件", Decimal(12)), (" 4 ", Decimal(4)),
])
def test_numbers_in_every_writing(raw, value):
    cell = parse_cell(normalize(raw, 100))
    assert cell.status == "number" and cell.value == value
    assert cell.start >= 100


@pytest.mark.parametrize("raw", ["", "/", "／", "-", "—", "－", "无", "——"])
def test_blank_marks_stay_blank_not_zero(raw):
    cell = parse_cell(normalize(raw, 5))
    assert cell.blank and cell.value is None


@pytest.mark.parametrize("raw", ["abc", "1.2.3", "约5"])
def test_unreadable_cells_are_invalid(raw):
    cell = parse_cell(normalize(raw))
    assert cell.status == "invalid" and cell.value is None


def _report(section3: str, fmt: str = "md") -> str:
    return ("某县人民政府\n2023年政府信息公开工作年度报告\n一、总体情况\n概述。\n" + section3 +
            "\n四、政府信息公开行政复议、行政诉讼情况\n无。\n五、存在的主要问题及改进情况\n无。\n六、其他需要报告的事项\n无。\n")


def _tables(text: str, fmt: str = "md"):
    analysis = analyse(text.encode("utf-8"), f"r.{fmt}", Config())
    return statistics_tables(analysis.context)


VARIANT = """三、收到和处理政府信息公开申请情况
| 项目 | 自然人 | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | 小计 | 总计 |
|---|---|---|---|---|---|---|---|---|
| 一、本年新收政府信息公开申请数量 | 4 | 1 | 0 | 0 | 0 | 0 | 1 | 5 |
| 二、上年结转政府信息公开申请数量 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |
| (一)予以公开 | 4 | 1 | 0 | 0 | 0 | 0 | 1 | 5 |
| 1.申请人无正当理由逾期不补正，行政机关不再处理其政府信息公开申请 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |
| 2.逾期不缴费 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |
| 3.其他 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |
| 七、总计 | 4 | 1 | 0 | 0 | 0 | 0 | 1 | 5 |
| 四、结转下一年度继续办理 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |
"""


def test_label_variants_and_subtotal_column():
    t3 = _tables(_report(VARIANT)).t3
    assert t3.rows == ["R1", "R2", "R3", "R21", "R22", "R23", "R24", "R25"]
    assert "subtotal" in t3.layout and t3.cell("R1", "SUB").value == 1 and t3.cell("R1", "T").value == 5
    assert t3.cell("R25", "NP").row_label == "四、结转下一年度继续办理"


def test_rows_are_found_by_label_not_position():
    lines = VARIANT.strip().split("\n")
    shuffled = "\n".join(lines[:3] + [lines[4], lines[3]] + lines[5:])  # 上年结转 before 新收
    t3 = _tables(_report(shuffled)).t3
    assert t3.cell("R1", "NP").value == 4


ALIGNED = """三、收到和处理政府信息公开申请情况
                     自然人   商业企业  科研机构  社会公益组织  法律服务机构  其他   总计
一、本年新收政府信息公开申请数量    3    0    0    0    0    0    3
二、上年结转政府信息公开申请数量    1    0    0    0    0    0    1
（一）予以公开                     2    0    0    0    0    0    2
（二）部分公开（区分处理的，只计这一情
形，不计其他情形）
                                   1    0    0    0    0    0    1
（七）总计                         3    0    0    0    0    0    3
四、结转下年度继续办理              1    0    0    0    0    0    1
"""


def test_whitespace_aligned_text_table_with_a_wrapped_label():
    t3 = _tables(_report(ALIGNED), "txt").t3
    assert t3.rows == ["R1", "R2", "R3", "R4", "R24", "R25"]
    assert t3.cell("R4", "T").value == 1 and "aligned" in t3.layout


def test_prose_with_numbers_is_not_a_table():
    text = _report("三、收到和处理政府信息公开申请情况\n本年度共收到申请 3 件，办结 2 件。\n2023 年 1 月 1 日起施行。\n", )
    analysis = analyse(text.encode("utf-8"), "r.txt", Config())
    assert not [b for b in analysis.document.blocks if b.kind == "table"]


def test_identity_language_parses_and_rejects():
    ident = parse_identity("t3[R1, c] + t3[R2, c] == t3[R24, c] + t3[R25, c] for c in applicant_columns")
    assert ident.table == "t3" and ident.loops == (("c", "applicant_columns"),)
    for bad in ("t3[R1, c] +", "t9[R1, T] == 0", "t3[R1, c] == 0 for c in nowhere", "1 == 1"):
        with pytest.raises(IdentityError):
            parse_identity(bad)


def test_invalid_identity_in_a_rule_file_is_reported_with_file_and_line(tmp_path):
    (tmp_path / "x.yaml").write_text(
        "rules:\n  - id: LOCAL-ID\n    category: arithmetic\n    severity: error\n    scope: document\n    check: identity\n"
        "    params: {identity: 't3[R1, c] ==', words: x}\n    message: m\n    basis: b\n    examples: {bad: [x], good: [y]}\n",
        encoding="utf-8")
    with pytest.raises(RuleError, match=r"x\.yaml:7: rule LOCAL-ID: params.identity"):
        load_ruleset(tmp_path, registry())


def test_a_blank_cell_is_not_judged_and_a_single_wrong_cell_is_located():
    text = _report(VARIANT.replace("| (一)予以公开 | 4 |", "| (一)予以公开 |  |"))
    tables = _tables(text)
    inst = evaluate(parse_identity("t3[r, T] == t3[r, NP] + t3[r, BE] + t3[r, RI] + t3[r, SO] + t3[r, LS] + t3[r, OT] for r in rows"), tables)
    assert {i.bindings["r"]: i.status for i in inst}["R3"] == "blank"
    assert all(i.status in ("ok", "blank") for i in inst)
    wrong = _tables(_report(VARIANT.replace("| 七、总计 | 4 |", "| 七、总计 | 6 |")))
    rows = evaluate(parse_identity("t3[r, T] == t3[r, NP] + t3[r, BE] + t3[r, RI] + t3[r, SO] + t3[r, LS] + t3[r, OT] for r in rows"), wrong)
    bal = evaluate(parse_identity("t3[R1, c] + t3[R2, c] == t3[R24, c] + t3[R25, c] for c in all_columns"), wrong)
    cell, value = likely_wrong_cell(rows + bal)
    assert (cell.row, cell.col, value) == ("R24", "NP", 4)



def test_an_identity_sees_a_cell_placed_after_it_was_first_evaluated():
    """Identities look cells up in an index of the table by row: a cell placed later (a table continued in a
    second grid) is in the next evaluation, and a group's rows (表三's （六）其他处理) are summed as one term."""
    tables = _tables(_report(VARIANT))
    t3 = tables.t3
    other = parse_identity("t3[OTHER, c] + 0 >= 0 + 0 for c in [NP, T]")
    assert [i.status for i in evaluate(other, tables)] == ["ok", "ok"]
    assert [len(i.terms) for i in evaluate(other, tables)] == [3, 3]   # R21, R22, R23
    spare = parse_identity("t3[R1, SUB] == t3[R1, NP] - 3 for c in [T]")
    assert [i.status for i in evaluate(spare, tables)] == ["ok"]
    t3.put_row("R9", ["NP", "T"], [parse_cell(_text("2")), parse_cell(_text("x"))], "6.属于四类过程性信息",
               ["自然人", "总计"], "recovered")
    found = {(i.bindings["r"], i.status) for i in evaluate(parse_identity("t3[r, T] == t3[r, NP] for r in [R9]"), tables)}
    assert found == {("R9", "invalid")}
    assert t3.cell("R9", "NP").source == "recovered" and t3.rows[-1] == "R9"


def test_a_row_placed_again_keeps_its_first_cells():
    t3 = _tables(_report(VARIANT)).t3
    first = t3.cell("R1", "NP")
    t3.put_row("R1", ["NP"], [parse_cell(_text("9"))], "again", ["自然人"])
    assert t3.cell("R1", "NP") is first and t3.cell("R1", "NP").value == 4 and t3.row_labels["R1"] != "again"



def test_tables_whose_identities_were_evaluated_can_be_sent_from_a_worker():
    """A batch worker pickles a report's tables for the page (`batch.run`): the identities remembered on them
    go along, conditional ones included."""
    import pickle

    source = (CORPUS / "2024-huaian-szf.md").read_bytes()
    tables = statistics_tables(analyse(source, "2024-huaian-szf.md", Config()).context)
    zero = parse_identity("t3[r, c] == 0 for c in all_columns for r in rows if t3[R1, c] + t3[R2, c] == 0")
    unasked = evaluate(zero, tables, remember=True)   # the columns without applications, every row of them
    rows = parse_identity(FORMAT_IDENTITIES["t3"][0])
    evaluate(rows, tables, remember=True)
    assert unasked and {i.status for i in unasked} == {"ok"} and len(tables.t3.evaluations) >= 2
    again = pickle.loads(pickle.dumps(tables, protocol=pickle.HIGHEST_PROTOCOL))
    assert again.t3.cells == tables.t3.cells and again.t3.derived == tables.t3.derived
    assert [i.status for i in evaluate(rows, again)] == [i.status for i in evaluate(rows, tables)]

def _text(s: str):
    from linter.document.model import Text

    return Text(s, list(range(len(s))))

def _rule(when):
    return Rule(id="LOCAL-X", category="table", severity="warning", scope="document", check="required",
                message="m", basis="b", examples={"bad": ["x"], "good": []}, when=when)


def test_when_table_cell_condition():
    analysis = analyse((CORPUS / "2024-huaian-szf.md").read_bytes(), "2024-huaian-szf.md", Config())
    ctx = analysis.context
    assert applies(_rule({"table_cell": {"cell": "t3.R22.T", "gt": 0}}), ctx)          # 6
    assert not applies(_rule({"table_cell": {"cell": "t3.R22.T", "gt": 6}}), ctx)
    assert applies(_rule({"table_cell": [{"cell": "t4.RV.T", "eq": 351}, {"cell": "t2.fees.amount", "ge": 96171.6}]}), ctx)
    assert not applies(_rule({"table_cell": {"cell": "t3.R99.T", "ge": 0}}), ctx)       # absent cell
    shuyang = analyse((CORPUS / "2023-shuyang-fgj.md").read_bytes(), "s.md", Config()).context
    assert applies(_rule({"table_cell": {"cell": "t3.R1.BE", "blank": True}}), shuyang)
    assert not applies(_rule({"table_cell": {"cell": "t3.R1.BE", "ge": 0}}), shuyang)


def test_when_table_cell_is_validated(tmp_path):
    (tmp_path / "x.yaml").write_text(
        "rules:\n  - id: LOCAL-ID\n    category: table\n    severity: error\n    scope: document\n    check: required\n"
        "    params: {any: [x]}\n    when: {table_cell: {cell: t3.R1, gt: 0}}\n    message: m\n    basis: b\n"
        "    examples: {bad: [x], good: [y]}\n", encoding="utf-8")
    with pytest.raises(RuleError, match="table_cell"):
        load_ruleset(tmp_path, registry())


def test_extract_json_and_csv(run_cli, tmp_path):
    path = CORPUS / "2023-huaian-hongzequ-qzf.txt"
    code, out, _ = run_cli("extract", path)
    assert code == 0
    data = json.loads(out)
    assert data["version"] == 2
    [report] = data["reports"]
    t4 = next(t for t in report["tables"] if t["table"] == "t4")
    rv_total = next(c for c in t4["cells"] if c["row"] == "RV" and c["column"] == "T")
    assert rv_total["value"] == 0 and rv_total["line"] == 149 and rv_total["row_label"] == "行政复议"
    assert sum(len(t["cells"]) for t in report["tables"]) == 10 + 161 + 15
    code, out, _ = run_cli("extract", "--format", "csv", path)
    rows = list(csv.DictReader(io.StringIO(out.lstrip("\ufeff"))))
    assert len(rows) == 186 and rows[0]["table"] == "t2"
    fee = next(r for r in rows if r["row"] == "fees")
    assert fee["value"] == "7730.28" and fee["column_label"] == "本年收费金额（单位：万元）"
    shuyang = json.loads(run_cli("extract", CORPUS / "2023-shuyang-fgj.md")[1])["reports"][0]
    t3 = next(t for t in shuyang["tables"] if t["table"] == "t3")
    blank = next(c for c in t3["cells"] if c["row"] == "R1" and c["column"] == "BE")
    assert blank["value"] is None and blank["blank"] is True and blank["status"] == "blank"
    fees = next(c for t in report["tables"] for c in t["cells"] if c["row"] == "fees")
    assert fees["value"] == 7730.28  # a number, not a text


def test_extract_prints_what_it_writes_with_output(run_cli, tmp_path):
    """One shape: the document printed is the document written with --output."""
    path = CORPUS / "2024-huaian-szf.md"
    code, printed, _ = run_cli("extract", path)
    code2, _, err = run_cli("extract", path, "--output", tmp_path / "cells.json")
    assert code == code2 == 0 and "cells.json" in err
    assert json.loads(printed) == json.loads((tmp_path / "cells.json").read_text(encoding="utf-8"))


def test_english_messages_are_filled():
    from linter.engine.run import lint

    got = lint((CORPUS / "2023-huaian-hongzequ-qzf.md").read_bytes(), "h.md", Config(lang="en", select=["T", "TABLE"])).findings
    assert got and all("{" not in f.message for f in got)
    t4 = next(f for f in got if f.rule == "T4-SUM")
    assert "upheld + corrected + other result + pending = total" in t4.message
    assert "Table 4 (administrative review, total)=0" in t4.message
    assert not re.search(r"[\u4e00-\u9fff]|\bt4\b|\bRV\b", t4.message)


def _grid(rows: list[list[str]]):
    from linter.document.model import Cell, Table

    out, pos = [], 0
    for i, row in enumerate(rows):
        cells = []
        for j, text in enumerate(row):
            cells.append(Cell(normalize(text, pos), i, j))
            pos += len(text) + 1
        out.append(cells)
    return Table(rows=out, source_kind="grid")


def test_an_expanded_html_style_grid_maps_by_its_header_labels():
    """Merged cells expanded as an HTML/DOCX reader does: three header rows, three label columns."""
    from linter.tables.mapping import classify, map_table

    note = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
    head = [
        [note, note, note] + ["申请人情况"] * 7,
        [note, note, note, "自然人"] + ["法人或其他组织"] * 5 + ["总计"],
        [note, note, note, "自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"],
    ]
    body = [["一、本年新收政府信息公开申请数量"] * 3 + ["5", "1", "", "", "", "", "6"],
            ["二、上年结转政府信息公开申请数量"] * 3 + ["0", "0", "", "", "", "", "0"],
            ["三、本年度办理结果", "（三）不予公开", "1.属于国家秘密", "2", "0", "", "", "", "", "2"],
            ["三、本年度办理结果", "（六）其他处理", "3.其他", "1", "1", "", "", "", "", "2"]]
    raw = _grid(head + body)
    assert classify(raw) == "t3"
    t3 = map_table("t3", raw, "三")
    assert t3.rows == ["R1", "R2", "R5", "R23"]
    assert t3.cell("R1", "BE").value == 1 and t3.cell("R1", "RI").blank and t3.cell("R23", "T").value == 2
    assert t3.column_labels["BE"] == "申请人情况-法人或其他组织-商业企业"

    t4_head = [["行政复议"] * 5 + ["行政诉讼"] * 10,
               ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"] + ["未经复议直接起诉"] * 5 + ["复议后起诉"] * 5,
               ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"] + ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"] * 2]
    t4_raw = _grid(t4_head + [[str(i) for i in range(15)]])
    assert classify(t4_raw) == "t4"
    t4 = map_table("t4", t4_raw, "四")
    assert [t4.cell(b, f).value for b in ("RV", "LD", "LR") for f in "MCOUT"] == list(range(15))

    t2_raw = _grid([["第二十条第（一）项"] * 4, ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"],
                    ["规章", "0", "0", "0"], ["行政规范性文件", "3", "1", "20"],
                    ["第二十条第（五）项"] * 4, ["信息内容"] + ["本年处理决定数量"] * 3, ["行政许可"] + ["12"] * 3])
    assert classify(t2_raw) == "t2"
    t2 = map_table("t2", t2_raw, "二")
    assert t2.cell("normative", "current").value == 20 and t2.cell("licensing", "decisions").value == 12
    assert t2.format == "2021"


SUBTOTAL_TEXT = """三、收到和处理政府信息公开申请情况
                     自然人   商业企业  科研机构  社会公益组织  法律服务机构  其他  小计   总计
一、本年新收政府信息公开申请数量    3    1    0    0    0    0    1    4
二、上年结转政府信息公开申请数量    0    0    0    0    0    0    0    0
（七）总计                         3    1    0    0    0    0    1    4
四、结转下年度继续办理              0    0    0    0    0    0    0    0
"""


def test_aligned_text_with_a_subtotal_column():
    t3 = _tables(_report(SUBTOTAL_TEXT), "txt").t3
    assert "subtotal" in t3.layout
    assert [t3.cell("R1", c).value for c in ("NP", "BE", "SUB", "T")] == [3, 1, 1, 4]


def test_numbers_separated_by_single_spaces_on_a_crawled_line():
    text = _report("三、收到和处理政府信息公开申请情况 " + "本年度依法办理申请。" * 40 + " 一、本年新收政府信息公开申请数量 3 0 0 0 0 0 3 "
                   "二、上年结转政府信息公开申请数量 1 0 0 0 0 0 1")
    t3 = _tables(text, "txt").t3
    assert t3 is not None and t3.cell("R2", "T").value == 1


def test_extract_on_a_report_without_tables_and_on_a_missing_file(run_cli, tmp_path):
    from conftest import EXAMPLE

    code, out, _ = run_cli("extract", EXAMPLE)
    assert code == 0 and json.loads(out)["reports"][0]["tables"] == []
    code, out, _ = run_cli("extract", "--format", "csv", CORPUS / "2013-pingtan-xzf.txt")  # the pre-2019 format
    from linter.output.cells import CELL_COLUMNS

    assert code == 0 and out.lstrip("\ufeff").strip().split("\n") == [",".join(CELL_COLUMNS)]
    code, _, _ = run_cli("extract", tmp_path / "nope.txt")
    assert code == 2


def test_a_run_of_digits_splits_into_numbers_without_leading_zeros_in_order_or_not_at_all():
    """Every split of a run into n numbers, first cuts first; a zero is a number alone, a space is a boundary;
    a run with more splits than are tried is given up (None), not half-read."""
    from linter.tables.recover import splits

    assert splits("1020", [(0, 4)], 3) == [[(0, 1), (1, 2), (2, 4)], [(0, 2), (2, 3), (3, 4)]]
    assert splits("12 30", [(0, 2), (3, 5)], 3) == [[(0, 1), (1, 2), (3, 5)], [(0, 2), (3, 4), (4, 5)]]
    assert splits("1020", [(0, 4)], 5) == []
    assert splits("7" * 40, [(0, 40)], 15) is None
