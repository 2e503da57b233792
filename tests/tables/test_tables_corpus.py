"""Statistics tables of real reports: every extracted cell equals the published value, the .md and .txt of
one report give the same grid, and the rules find the real defects and nothing else."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from conftest import CORPUS, EXAMPLE, FIXTURES

from linter.settings.config import Config
from linter.engine.run import analyse, lint
from linter.tables import statistics_tables

EXPECTED = FIXTURES / "tables"
T3_COLS = ["NP", "BE", "RI", "SO", "LS", "OT", "T"]
T4_FIELDS = ["M", "C", "O", "U", "T"]
TABLE_RULES = ["TABLE", "T2-", "T3-", "T4-"]

# (corpus file, expected grid file, tables the file is expected to give)
CASES = [
    ("2019-pingtan-gwh.md", "2019-pingtan-gwh", ("t2", "t3", "t4")),
    ("2022-pingtan-gwh.md", "2022-pingtan-gwh", ("t2", "t3", "t4")),
    ("2019-pingtan-gwh.txt", "2019-pingtan-gwh", ("t3", "t4")),   # 表三 and 表四 split uniquely out of digit runs
    ("2022-pingtan-gwh.txt", "2022-pingtan-gwh", ("t3", "t4")),
    ("2023-huaian-hongzequ-qzf.md", "2023-huaian-hongzequ-qzf", ("t2", "t3", "t4")),
    ("2023-huaian-hongzequ-qzf.txt", "2023-huaian-hongzequ-qzf", ("t2", "t3", "t4")),
    ("2023-shuyang-fgj.md", "2023-shuyang-fgj", ("t2", "t3", "t4")),
    ("2023-shuyang-fgj.html", "2023-shuyang-fgj", ("t2", "t3", "t4")),
    ("2024-huaian-hongzequ-qzf.md", "2024-huaian-hongzequ-qzf", ("t2", "t3", "t4")),
    ("2024-huaian-hongzequ-qzf.txt", "2024-huaian-hongzequ-qzf", ("t2", "t3", "t4")),
    ("2024-huaian-szf.md", "2024-huaian-szf", ("t2", "t3", "t4")),
    ("2024-huaian-szf.txt", "2024-huaian-szf", ("t2", "t3", "t4")),
]


def tables_of(path: Path, text: str | None = None):
    data = text.encode("utf-8") if text is not None else path.read_bytes()
    analysis = analyse(data, str(path), Config())
    return statistics_tables(analysis.context), analysis


def grid(tables, name):
    """The extracted grid in the shape of the expected data (raw text, None for blank)."""
    t = tables.get(name)
    if t is None:
        return None
    if name == "t2":
        return {r: {c: t.cell(r, c).raw for c in t.columns if t.cell(r, c)} for r in t.rows}
    cols = T3_COLS if name == "t3" else T4_FIELDS
    return {r: [None if t.cell(r, c).blank else t.cell(r, c).raw for c in cols] for r in t.rows}


@pytest.mark.parametrize("filename,expected,names", CASES, ids=[c[0] for c in CASES])
def test_every_cell_equals_the_published_value(filename, expected, names):
    want = yaml.safe_load((EXPECTED / f"{expected}.yaml").read_text(encoding="utf-8"))
    tables, analysis = tables_of(CORPUS / filename)
    for name in ("t2", "t3", "t4"):
        got = grid(tables, name)
        if name in names:
            assert got == want[name], f"{filename} {name}"
        else:
            assert got is None
    # every cell's source span holds the text it was read from
    for t in tables:
        for cell in t.cells.values():
            if not cell.blank:
                assert analysis.document.source[cell.start:cell.end].replace(" ", "") == cell.raw.replace(" ", "")


@pytest.mark.parametrize("stem", ["2023-huaian-hongzequ-qzf", "2024-huaian-hongzequ-qzf", "2024-huaian-szf"])
def test_markdown_and_text_of_one_report_give_the_same_grid(stem):
    md, _ = tables_of(CORPUS / f"{stem}.md")
    txt, _ = tables_of(CORPUS / f"{stem}.txt")
    for name in ("t2", "t3", "t4"):
        assert grid(md, name) == grid(txt, name)
    assert md.t3.format == txt.t3.format


def test_formats_are_recorded():
    t19, _ = tables_of(CORPUS / "2019-pingtan-gwh.md")
    assert t19.t2.format == "2019" and "OTHER" in t19.t3.rows and "single-other" in t19.t3.layout
    t24, _ = tables_of(CORPUS / "2024-huaian-szf.txt")
    assert t24.t2.format == "2021" and t24.t3.format == "2021" and "aligned" in t24.t3.layout
    assert t24.t3.group_sum("OTHER", "T") == 71 + 6 + 110
    assert t24.t3.group_sum("DENY", "NP") == 2 + 30 + 5 + 6 + 7 + 12 + 9 + 105
    hz, _ = tables_of(CORPUS / "2023-huaian-hongzequ-qzf.txt")
    assert "single-other" in hz.t3.layout and hz.t3.cell("R21", "T") is None


def findings(path: Path, text: str | None = None, select=TABLE_RULES, **config):
    data = text.encode("utf-8") if text is not None else path.read_bytes()
    return lint(data, str(path), Config(select=list(select), **config)).findings


BALANCED = ["2019-pingtan-gwh.md", "2022-pingtan-gwh.md", "2022-pingtan-gwh.txt", "2023-shuyang-fgj.md", "2023-shuyang-fgj.html",
            "2024-huaian-hongzequ-qzf.md", "2024-huaian-hongzequ-qzf.txt", "2024-huaian-szf.md", "2024-huaian-szf.txt"]


@pytest.mark.parametrize("filename", BALANCED)
def test_a_balanced_real_table_gives_no_arithmetic_finding(filename):
    assert [f.rule for f in findings(CORPUS / filename) if f.category == "arithmetic"] == []


@pytest.mark.parametrize("filename", ["2023-huaian-hongzequ-qzf.md", "2023-huaian-hongzequ-qzf.txt"])
def test_hongzequ_2023_table_four_totals_printed_as_zero(filename):
    got = findings(CORPUS / filename)
    arithmetic = [f for f in got if f.category == "arithmetic"]
    assert [(f.rule, f.severity, f.cell["row_key"], f.cell["column_key"]) for f in arithmetic] == [
        ("T4-SUM", "error", "RV", "T"), ("T4-SUM", "error", "LR", "T")]
    rv, lr = arithmetic
    assert (rv.data["lhs"], rv.data["rhs"], rv.data["diff"]) == ("11", "0", "11")
    assert (lr.data["lhs"], lr.data["rhs"], lr.data["diff"]) == ("5", "0", "5")
    assert rv.section == "四" and rv.table == "表四"
    # the finding points at the printed 0 of 行政复议 总计
    tables, analysis = tables_of(CORPUS / filename)
    pos = analysis.document.position(tables.t4.cell("RV", "T").start)
    assert (rv.line, rv.column) == (pos.line, pos.column)
    # its 表三 keeps the single （六）其他处理 row of the 2019 format (and, in the clean grid, a misspelt row label)
    others = [(f.rule, f.severity) for f in got if f.category != "arithmetic"]
    assert others == ([("T3-LABEL", "info")] if filename.endswith(".md") else []) + [("T3-OLD", "warning")]


@pytest.mark.parametrize("filename,expected", [
    ("2024-huaian-hongzequ-qzf.md", ["T3-LABEL", "T3-OLD"]),   # 2.其他法律行政止公开 (行政法规禁止 misspelt)
    ("2024-huaian-hongzequ-qzf.txt", ["T3-OLD"]),   # labels rebuilt from wrapped PDF lines are not judged
    ("2024-huaian-szf.md", []), ("2024-huaian-szf.txt", []), ("2022-pingtan-gwh.md", []),
])
def test_all_table_findings_of_clean_reports(filename, expected):
    assert [f.rule for f in findings(CORPUS / filename)] == expected


@pytest.mark.parametrize("filename", ["2023-shuyang-fgj.md", "2023-shuyang-fgj.html"])
def test_shuyang_blank_legal_person_columns_are_warnings_not_arithmetic_errors(filename):
    got = findings(CORPUS / filename)
    assert sorted((f.rule, f.severity, f.cell["column_key"], f.data["count"]) for f in got if f.rule != "T2-LABEL") == [
        ("T3-EMPTY", "warning", col, 25) for col in sorted(["BE", "RI", "SO", "LS", "OT"])]
    # 表二 says 规范性文件 (the 2019 wording) in a 2023 report: noted, and the row is mapped all the same
    label = next(f for f in got if f.rule == "T2-LABEL")
    assert label.severity == "info" and "“规范性文件”（应为“行政规范性文件”）" in label.message
    assert tables_of(CORPUS / filename)[0].t2.cell("normative", "current") is not None


def test_example_report_three_table_errors_naming_the_image():
    got = findings(EXAMPLE)
    assert sorted(f.rule for f in got) == ["TABLE-T2-MISSING", "TABLE-T3-MISSING", "TABLE-T4-MISSING"]
    for f in got:
        assert f.category == "table" and f.severity == "error"
        assert f.data["image"] == "image2.jpg" and "image2.jpg" in f.message
    assert {f.rule: f.section for f in got} == {"TABLE-T2-MISSING": "二", "TABLE-T3-MISSING": "三", "TABLE-T4-MISSING": "四"}
    t3 = next(f for f in got if f.rule == "TABLE-T3-MISSING")
    assert t3.line == 20 and t3.column == 1  # the image line
    # the OCR residue after the image is not a table
    tables, analysis = tables_of(EXAMPLE)
    assert list(tables) == [] and not tables.unreadable and not tables.unrecognised
    assert not [b for b in analysis.document.blocks if b.kind == "table"]


@pytest.mark.parametrize("filename", ["2019-pingtan-gwh.txt", "2022-pingtan-gwh.txt"])
def test_run_together_cells_that_split_many_ways_give_one_unreadable_finding(filename):
    """表二's rows of three cells have no identity: 898989 or 8855698 split in many ways, so 表二 is unreadable —
    reported once, never guessed, never missing; 表三 and 表四 split uniquely and are checked (they balance)."""
    got = findings(CORPUS / filename)
    assert [f.rule for f in got] == ["TABLE-UNREADABLE"]
    assert got[0].section == "二" and got[0].severity == "info"  # the check could not run: noted, not a defect
    tables, _ = tables_of(CORPUS / filename)
    assert sorted(tables.unreadable) == ["t2"] and tables.t2 is None


@pytest.mark.parametrize("filename", ["2013-pingtan-xzf.txt", "2013-pingtan-xzf.md"])
def test_pre_2019_report_is_not_checked_against_the_national_tables(filename):
    assert findings(CORPUS / filename) == []


def test_2019_format_table_two_in_a_2019_report_is_not_old_format():
    assert [f.rule for f in findings(CORPUS / "2019-pingtan-gwh.md")] == []
    text = (CORPUS / "2019-pingtan-gwh.md").read_text(encoding="utf-8").replace("2019年", "2021年")
    got = findings(CORPUS / "2019-pingtan-gwh.md", text, select=["T2-OLD"])
    assert [f.rule for f in got] == ["T2-OLD"]


def test_presence_is_not_checked_when_the_section_is_missing():
    text = EXAMPLE.read_text(encoding="utf-8").replace("四、因政府信息公开工作被申请行政复议提起行政诉讼情况", "")
    got = findings(EXAMPLE, text)
    assert sorted(f.rule for f in got) == ["TABLE-T2-MISSING", "TABLE-T3-MISSING"]
    assert findings(CORPUS / "SOURCES.md") == []


@pytest.mark.parametrize("fmt", ["html", "docx", "pdf"])
def test_generated_documents_give_the_published_grid(fmt):
    """The shuyang HTML page rebuilt as DOCX (merged cells) and PDF (ruled tables): the same cells."""
    import docgen
    from linter.document.readers import read_document

    want = yaml.safe_load((EXPECTED / "2023-shuyang-fgj.yaml").read_text(encoding="utf-8"))
    doc = read_document((CORPUS / "2023-shuyang-fgj.html").read_bytes(), "s.html")
    data = {"html": lambda: docgen.to_html(doc, gbk=True), "docx": lambda: docgen.to_docx(doc),
            "pdf": lambda: docgen.to_pdf(doc)}[fmt]()
    result = analyse(data, f"s.{fmt}", Config())
    tables = statistics_tables(result.context)
    for name in ("t2", "t3", "t4"):
        assert grid(tables, name) == want[name], name
