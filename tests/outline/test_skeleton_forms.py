"""The forms of a report's skeleton the issue names, one by one: titles, closing blocks, outlines, required
statements, raw text, flattened tables and noted cells.  The corpus-wide variant suite is tests/variants/."""
from __future__ import annotations

from decimal import Decimal

import pytest

from linter.batch.origin import previous_year_pairs, report_origin
from linter.document.model import Text
from linter.document.readers import read_document
from linter.engine.run import analyse, lint
from linter.outline.parser import parse_outline
from linter.settings.config import Config
from linter.tables.cells import parse_cell
from linter.tables.recover import rows_of, unique_split
from linter.tables.model import TableModel

SECTIONS = ("一、总体情况\n本年度工作正常开展。\n二、主动公开政府信息情况\n三、收到和处理政府信息公开申请情况\n"
            "四、政府信息公开行政复议、行政诉讼情况\n五、存在的主要问题及改进情况\n政策解读形式较为单一，下一步将丰富解读形式。\n"
            "六、其他需要报告的事项\n本年度未收取信息处理费。\n")


def outline(text: str):
    return parse_outline(read_document(text.encode("utf-8"), "x.txt"))


def findings(text: str, name: str = "x.txt", **config):
    return lint(text.encode("utf-8"), name, Config(**config)).findings


# ── titles ────────────────────────────────────────────────────────────────────────────────────────

@pytest.mark.parametrize("title,agency,year", [
    ("2024 年某市人民政府办公厅政府信息公开工作年度报告", "某市人民政府办公厅", 2024),
    ("某县人民政府2024年度政府信息公开工作年度报告", "某县人民政府", 2024),
    ("某县人民政府 2024 年 政府信息公开工作年度报告", "某县人民政府", 2024),
    ("市科委2023年政府信息公开工作年度报告", "市科委", 2023),
    ("2023年区政务服务办政府信息公开工作年度报告", "区政务服务办", 2023),
    ("某县人民政府2024年政府信息公开\n工作年度报告", "某县人民政府", 2024),
    ("某县人民政府\n2024年政府信息公开工作年度报告", "某县人民政府", 2024),
    ("首页 > 政务公开 > 政府信息公开年报\n正文\n2024年政府信息公开工作年度报告", None, 2024),
    ("首页 > 政务公开 > 政府信息公开年报\n某县人民政府\n2024年政府信息公开工作年度报告", "某县人民政府", 2024),
    ("# 某县人民政府2024年政府信息公开工作年度报告", "某县人民政府", 2024),
    ("二〇二四年度某县人民政府政府信息公开工作年度报告", "某县人民政府", 2024),
])
def test_the_agency_and_year_of_every_title_form(title, agency, year):
    got = outline(title + "\n" + SECTIONS)
    assert (got.agency, got.year) == (agency, year)
    assert [s.ordinal for s in got.sections] == list("一二三四五六")


def test_a_breadcrumb_is_never_the_agency_nor_the_text():
    got = outline("首页 > 政务公开 > 年报\n2024年政府信息公开工作年度报告\n" + SECTIONS)
    assert got.agency is None
    assert all(b.role != "text" for b in got.front)


@pytest.mark.parametrize("name,kind", [("市科委", "department"), ("区政务服务办", "department"),
                                       ("某市第一人民医院", "institution"), ("某县自来水公司", "institution")])
def test_short_agency_names_and_public_institutions_have_their_kind(name, kind):
    result = analyse(f"{name}2023年政府信息公开工作年度报告\n{SECTIONS}".encode(), "x.txt", Config())
    assert result.context.agency.kind == kind


def test_an_institution_is_not_asked_for_deputies_suggestions():
    text = "某市第一人民医院2023年政府信息公开工作年度报告\n" + SECTIONS
    assert "DISC-NPC-CPPCC" not in {f.rule for f in findings(text)}
    assert "DISC-NPC-CPPCC" in {f.rule for f in findings(text.replace("某市第一人民医院", "某市卫生健康委员会"))}


def test_the_same_agency_groups_across_title_forms_in_a_batch():
    """2023 written year first, 2024 agency first with the city added: one agency, one pair of years."""
    def origin(title, path):
        return report_origin(analyse(f"{title}\n{SECTIONS}".encode(), path, Config()).context)

    old = origin("2023 年洪泽区人民政府政府信息公开工作年度报告", "a.txt")
    new = origin("淮安市洪泽区人民政府\n2024年度政府信息公开工作年度报告", "b.txt")
    assert (old.year, new.year) == (2023, 2024)
    assert previous_year_pairs([old, new]) == [(new, old)]


# ── closing blocks ────────────────────────────────────────────────────────────────────────────────

@pytest.mark.parametrize("closing,date", [
    ("某县人民政府\n2024年1月6日", "2024-01-06"),
    ("某县人民政府2024年1月6日", "2024-01-06"),
    ("某县人民政府 2024年1月6日", "2024-01-06"),
    ("某县人民政府\n2024-01-06", "2024-01-06"),
    ("某县人民政府\n二〇二四年一月六日", "2024-01-06"),
    ("特此报告。\n\n某县人民政府\n2024年1月6日", "2024-01-06"),
    ("某县人民政府\n2024年1月6日\n\n— 5 —", "2024-01-06"),
])
def test_every_closing_form_gives_agency_and_date(closing, date):
    from linter.language.dates import parse_date

    got = outline("某县人民政府\n2023年政府信息公开工作年度报告\n" + SECTIONS + "\n" + closing + "\n")
    assert got.closing is not None and got.closing.agency.text == "某县人民政府"
    assert parse_date(got.closing.date.text).isoformat() == date
    assert not {"STRUCT-CLOSING", "STRUCT-CLOSING-WEB"} & {f.rule for f in findings(
        "某县人民政府\n2023年政府信息公开工作年度报告\n" + SECTIONS + "\n" + closing + "\n")}


def test_a_web_page_without_a_signature_has_its_publication_date_as_info():
    text = "标题: 某县人民政府2023年政府信息公开工作年度报告\n发布时间: 2024-01-20 10:00\n" + SECTIONS
    got = [f for f in findings(text) if f.rule.startswith("STRUCT-CLOSING")]
    assert [(f.rule, f.severity, f.data["date"]) for f in got] == [("STRUCT-CLOSING-WEB", "info", "2024-01-20")]
    got = [f for f in findings(text.replace("发布时间: 2024-01-20 10:00\n", "")) if f.rule.startswith("STRUCT-CLOSING")]
    assert [(f.rule, f.severity) for f in got] == [("STRUCT-CLOSING", "warning")]


# ── outlines ──────────────────────────────────────────────────────────────────────────────────────

T3_ROWS = "| 一、本年新收政府信息公开申请数量 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |\n| 二、上年结转政府信息公开申请数量 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |\n"
T3 = ("| 申请人情况 | 自然人 | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | 总计 |\n|---|---|---|---|---|---|---|---|\n"
      + T3_ROWS)
T4 = ("| " + " | ".join(f"{block}-{field}" for block in ("行政复议", "行政诉讼-未经复议直接起诉", "行政诉讼-复议后起诉")
                         for field in ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计")) + " |\n"
      + "|---" * 15 + "|\n" + "| 0 " * 15 + "|\n")


def test_subtopics_numbered_like_sections_stay_inside_section_one():
    text = ("某县人民政府\n2023年政府信息公开工作年度报告\n一、总体情况\n一、主动公开\n本年度主动公开信息100条。\n"
            "二、依申请公开\n本年度收到申请1件。\n三、政府信息管理\n四、平台建设\n五、监督保障\n"
            "二、主动公开政府信息情况\n三、收到和处理政府信息公开申请情况\n\n" + T3 + "\n四、政府信息公开行政复议、行政诉讼情况\n"
            "五、存在的主要问题及改进情况\n政策解读形式较为单一，下一步将丰富解读形式。\n六、其他需要报告的事项\n本年度未收取信息处理费。\n")
    got = outline(text)
    assert [(s.ordinal, s.written_ordinal) for s in got.sections] == [(o, o) for o in "一二三四五六"]
    assert [sub.title for sub in got.sections[0].subitems] == ["主动公开", "依申请公开"]
    assert not {"STRUCT-SECTION-ORDER", "STRUCT-ORDINAL-MISMATCH"} & {f.rule for f in findings(text, "x.md")}


def test_subtopics_counting_on_to_six_before_the_tables_are_not_sections():
    """一、总体情况 二、主动公开 三、依申请公开 四、政府信息管理 五、平台建设 六、监督保障, then the six sections: the
    headings with the tables, the official titles and the right place are the sections."""
    subtopics = "".join(f"{o}、{t}\n本年度该项工作正常开展。\n" for o, t in zip(
        "二三四五六", ["主动公开政府信息情况", "依申请公开", "政府信息管理", "平台建设", "监督保障"]))
    text = ("某县人民政府\n2023年政府信息公开工作年度报告\n一、总体情况\n" + subtopics
            + "二、主动公开政府信息情况\n\n| 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |\n|---|---|---|---|\n"
            "| 规章 | 0 | 0 | 0 |\n| 行政规范性文件 | 1 | 0 | 5 |\n\n三、收到和处理政府信息公开申请情况\n\n" + T3
            + "\n四、政府信息公开行政复议、行政诉讼情况\n\n" + T4 + "\n五、存在的主要问题及改进情况\n"
            "政策解读形式较为单一，下一步将丰富解读形式。\n六、其他需要报告的事项\n本年度未收取信息处理费。\n")
    got = outline(text)
    assert [(s.ordinal, s.written_ordinal, s.title[:4]) for s in got.sections] == [
        ("一", "一", "总体情况"), ("二", "二", "主动公开"), ("三", "三", "收到和处"), ("四", "四", "政府信息"),
        ("五", "五", "存在的主"), ("六", "六", "其他需要")]
    assert [sub.ordinal for sub in got.sections[0].subitems] == ["二", "三"]
    assert got.sections[1].tables() and got.sections[2].tables()
    assert not [f.rule for f in findings(text, "x.md") if f.rule.startswith("STRUCT-SECTION") or f.rule.startswith("STRUCT-ORD")]


def test_a_lost_heading_after_table_four_is_a_warning_not_a_missing_section():
    text = ("某县人民政府\n2023年政府信息公开工作年度报告\n" + SECTIONS.split("四、")[0]
            + "四、政府信息公开行政复议、行政诉讼情况\n\n" + T4 + "\n（一）存在的主要问题\n政策解读形式较为单一。\n"
            "（二）改进措施\n下一步将丰富解读形式。\n六、其他需要报告的事项\n本年度未收取信息处理费。\n")
    got = findings(text, "x.md")
    lost = [f for f in got if f.rule == "STRUCT-SECTION-HEADING-MISSING"]
    assert [(f.severity, f.line, f.data["opening"]) for f in lost] == [("warning", 13, "（一）存在的主要问题")]
    assert "STRUCT-SECTION-MISSING" not in {f.rule for f in got}
    sec = outline(text).section("五")
    assert sec.implicit and [s.title for s in sec.subitems] == ["存在的主要问题", "改进措施"]


def test_a_section_really_missing_is_still_an_error():
    text = "某县人民政府\n2023年政府信息公开工作年度报告\n" + SECTIONS.replace(
        "五、存在的主要问题及改进情况\n政策解读形式较为单一，下一步将丰富解读形式。\n", "")
    assert [(f.rule, f.severity, f.line) for f in findings(text) if f.rule.startswith("STRUCT-SECTION")] == [
        ("STRUCT-SECTION-MISSING", "error", 8)]   # at 六, where 五 should have been


def test_a_table_under_a_section_of_the_agencys_own_is_not_table_four():
    text = ("某县人民政府\n2023年政府信息公开工作年度报告\n" + SECTIONS.split("五、")[0].replace("四、政府信息公开行政复议、行政诉讼情况\n",
            "四、政府信息公开行政复议、行政诉讼情况\n\n" + T4 + "\n")
            + "五、政府信息公开收费及减免情况\n\n| 项目 | 件数 |\n|---|---|\n| 收费 | 0 |\n\n"
            + "六、存在的主要问题及改进情况\n政策解读形式较为单一，下一步将丰富解读形式。\n七、其他需要报告的事项\n本年度未收取信息处理费。\n")
    got = outline(text)
    assert [(s.ordinal, s.written_ordinal) for s in got.sections] == [
        ("一", "一"), ("二", "二"), ("三", "三"), ("四", "四"), (None, "五"), ("五", "六"), ("六", "七")]
    rules = {f.rule for f in findings(text, "x.md")}
    assert "STRUCT-SECTION-EXTRA" in rules
    assert not {"TABLE-UNRECOGNISED", "TABLE-T4-SHAPE", "STRUCT-ORDINAL-MISMATCH"} & rules


# ── required statements ───────────────────────────────────────────────────────────────────────────

@pytest.mark.parametrize("fee", ["本年度未收取信息公开处理费。", "本年度没有收取政府信息公开信息处理费。",
                                 "本年度无收取信息处理费情况。", "全年收取信息处理费0元。",
                                 "本年度政府信息公开收费0元。"])
def test_every_wording_of_the_fee_statement_is_read(fee):
    text = "某县人民政府\n2023年政府信息公开工作年度报告\n" + SECTIONS.replace("本年度未收取信息处理费。", fee)
    assert "DISC-FEE" not in {f.rule for f in findings(text)}


@pytest.mark.parametrize("contact", [
    "地址：某县人民路1号，电话：0591-1234567", "地址，某县人民路1号，电话，0591-1234567",
    "地址 某县人民路1号，电话 0591-1234567", "地址某县人民路1号，电话0591-1234567",
    "地址：某县人民路1号，电话：（0591）1234567", "地址：某县人民路1号，电话：0591-1234567转8001",
])
def test_every_way_of_writing_address_and_phone_is_read(contact):
    text = f"某县人民政府\n2023年政府信息公开工作年度报告\n如对本报告有疑问，请联系（{contact}）。\n" + SECTIONS
    assert "DISC-CONTACT" not in {f.rule for f in findings(text)}


@pytest.mark.parametrize("email", ["gk@example.gov.cn", "gk＠example.gov.cn", "gk＠example．gov．cn"])
def test_an_email_address_with_full_width_marks_is_read(email):
    text = f"某县人民政府\n2023年政府信息公开工作年度报告\n电子邮箱：{email}，网址：http://www.example.gov.cn。\n" + SECTIONS
    assert "DISC-CONTACT-ONLINE" not in {f.rule for f in findings(text)}


# ── raw text ──────────────────────────────────────────────────────────────────────────────────────

@pytest.mark.parametrize("line", ["— 3 —", "- 3 -", "第 3 页 共 9 页", "第3页/共9页", "共 9 页 第 3 页", "3/9",
                                  "当前位置：首页 > 政务公开", "首页 > 政务公开 > 政府信息公开年报", "正文", "打印本页"])
def test_page_furniture_is_not_the_reports_text(line):
    got = outline("某县人民政府\n2023年政府信息公开工作年度报告\n" + SECTIONS.replace("本年度工作正常开展。\n",
                                                                        f"本年度工作正常开展。\n\n{line}\n\n"))
    assert [p.text.text for p in got.section("一").paragraphs()] == ["本年度工作正常开展。"]


def test_heading_markers_and_glued_headings_of_raw_text():
    got = outline("## 某县人民政府2023年政府信息公开工作年度报告\n## 一、总体情况\n本年度工作正常开展。"
                  + "表格数字0 0 0 0 0 0 0二、主动公开政府信息情况\n" + SECTIONS.split("三、", 1)[1].join(["三、", ""]))
    assert got.agency == "某县人民政府"
    assert [s.ordinal for s in got.sections] == list("一二三四五六")


# ── flattened tables ──────────────────────────────────────────────────────────────────────────────

def _split(run: str, n: int, holds=None):
    text = f"标签{run}下一行"
    row = rows_of(text)[0]
    split = unique_split(text, row, n, holds, TableModel("t3", None, "三"))
    return None if split is None else [text[s:e] for s, e in split]


def _row_total(values):
    return values[-1] == sum(values[:-1])


@pytest.mark.parametrize("run,cells", [
    ("713000074", ["71", "3", "0", "0", "0", "0", "74"]),       # 71 + 3 = 74: the only split that adds up
    ("230 000023", ["23", "0", "0", "0", "0", "0", "23"]),      # spaces are cell boundaries
    ("0000000", ["0"] * 7),                                     # as many digits as cells
    ("370000037", ["37", "0", "0", "0", "0", "0", "37"]),
])
def test_a_run_with_one_split_that_satisfies_the_row_is_recovered(run, cells):
    assert _split(run, 7, _row_total) == cells


@pytest.mark.parametrize("run", ["11000002", "12"])   # 1+1=2 and 11+0=… several splits; or too few digits
def test_a_run_with_no_or_several_splits_is_not_recovered(run):
    assert _split(run, 7, _row_total) is None


def test_the_ordinal_of_the_next_label_is_not_a_cell():
    text = "1.属于国家秘密00000002.其他法律行政法规禁止公开 0000000 3.危及"
    rows = rows_of(text)
    assert [(r.label, text[r.run_start:r.run_end]) for r in rows] == [
        ("1.属于国家秘密", "0000000"), ("2.其他法律行政法规禁止公开 ", "0000000")]


def test_prose_numbers_are_not_table_runs():
    assert rows_of("本年度共收到申请74件，其中2023年12月办结3件") == []


# ── cells with notes ──────────────────────────────────────────────────────────────────────────────

@pytest.mark.parametrize("raw,value,note", [("13（其中修订5件）", "13", "其中修订5件"), ("40（含自然失效12件）", "40", "含自然失效12件"),
                                            ("6 (含修订2件)", "6", "含修订2件"), ("13", "13", "")])
def test_a_cell_with_a_note_is_its_number(raw, value, note):
    cell = parse_cell(Text(raw, list(range(len(raw)))))
    assert (cell.status, cell.value, cell.note) == ("number", Decimal(value), note)


@pytest.mark.parametrize("closing", ["某县人民政府\n2024-01-06", "某县人民政府\n二〇二四年一月六日", "某县人民政府2024年1月6日"])
def test_a_report_without_a_title_takes_agency_and_year_from_any_closing_form(closing):
    text = SECTIONS + closing + "\n"
    got = report_origin(analyse(text.encode(), "x.txt", Config()).context)
    assert (got.agency, got.year) == ("某县人民政府", 2023)
