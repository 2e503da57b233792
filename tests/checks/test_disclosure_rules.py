"""The disclosure, date and citation rules on the example report: what fires, what does not, and a
mutation per rule that makes exactly that rule fire."""
from __future__ import annotations

import datetime as _dt
from collections import Counter

import pytest

from conftest import EXAMPLE, lint_text

OURS = ("DISC-", "DATE-", "CITE-")
TEXT = EXAMPLE.read_text(encoding="utf-8")


def ours(result):
    return [f for f in result.findings if f.rule.startswith(OURS)]


def by_rule(result):
    return {f.rule: f for f in ours(result)}


@pytest.fixture(scope="module")
def golden():
    return lint_text(TEXT, "example.txt")


def test_golden_fires_the_missing_art50_items_for_a_township_government(golden):
    f = by_rule(golden)["DISC-ART50-4"]
    # The report mentions only 考核 (section 一 （五）); 社会评议 and 责任追究结果 are missing.
    assert f.data["missing"] == "社会评议、责任追究结果"
    assert (f.line, f.section, f.severity) == (6, "一", "warning")


def test_golden_township_is_not_asked_for_cppcc_proposals(golden):
    """A township has no 政协: that its report names only 人大代表建议 is no gap."""
    assert "DISC-NPC-CPPCC-BOTH" not in by_rule(golden)


def test_a_county_reporting_only_deputies_suggestions_is_asked_for_cppcc_proposals():
    county = lint_text(TEXT.replace("威海市文登区泽头镇人民政府", "威海市文登区人民政府"), "example.txt")
    f = by_rule(county)["DISC-NPC-CPPCC-BOTH"]
    assert f.data["missing"] == "政协委员提案"
    assert (f.line, f.section) == (56, "六")  # "2.人大代表、政协委员提案办理方面：…人大代表建议2件"


def test_golden_exact_findings(golden):
    assert sorted((f.rule, f.line) for f in ours(golden)) == [
        ("DISC-ART50-4", 6),
        ("DISC-CONTACT-ONLINE", 4),       # no e-mail address (the URL is there)
        ("DISC-SEC5-RECTIFY", 47),        # nothing on last year's problems
    ]
    assert by_rule(golden)["DISC-CONTACT-ONLINE"].data["names"] == ["email"]


@pytest.mark.parametrize("rule", [
    "DISC-PERIOD", "DATE-PERIOD-YEAR", "DATE-BODY-YEAR", "DATE-PUBLISH-DEADLINE", "DATE-PUBLISH-DEADLINE-LOCAL",
    "DATE-PUBLISH-EARLY", "DISC-CONTACT", "DISC-FEE", "DISC-FEE-AMOUNT", "DISC-NPC-CPPCC",
    "DISC-SEC5-SUBSTANCE", "DISC-SEC5-PROBLEMS-MEASURES", "CITE-OLD-TIAOLI", "CITE-WENHAO-BRACKETS",
])
def test_golden_does_not_fire(golden, rule):
    assert rule not in by_rule(golden)


FEE = "1.政府信息公开收费方面：2023年威海市文登区泽头镇未收取政府信息公开信息处理费。"
SEC5 = TEXT[TEXT.index("总结我镇一年来"):TEXT.index("六、其他需要报告的事项")]

MUTATIONS = [
    # (name, old text, new text, the one rule that must start firing)
    ("delete the fee sentence", FEE, "", "DISC-FEE"),
    ("period in 2022", "统计期限从2023年1月1日", "统计期限从2022年1月1日", "DATE-PERIOD-YEAR"),
    ("published 2024-02-15", "2024年1月22日", "2024年2月15日", "DATE-PUBLISH-DEADLINE-LOCAL"),
    ("published in Chinese numerals", "2024年1月22日", "二〇二四年二月十五日", "DATE-PUBLISH-DEADLINE-LOCAL"),
    ("published before the year ended", "2024年1月22日", "2023年12月20日", "DATE-PUBLISH-EARLY"),
    ("remove the phone", "，电话：0631-8861088", "", "DISC-CONTACT-DETAILS"),
    ("empty section 五", SEC5, "\n", "DISC-SEC5-SUBSTANCE"),
    ("section 五 only 无", SEC5, "\n无。\n", "DISC-SEC5-SUBSTANCE"),
    ("cite 国务院令第492号", "国务院令第711号", "国务院令第492号", "CITE-OLD-TIAOLI"),
    ("文号 in square brackets", "国办公开办函〔2021〕30号", "国办公开办函[2021]30号", "CITE-WENHAO-BRACKETS"),
    ("fee of 125 yuan", "未收取政府信息公开信息处理费", "收取政府信息公开信息处理费125元", "DISC-FEE-AMOUNT"),
    ("abolished fee items", "未收取政府信息公开信息处理费", "未收取政府信息公开信息处理费、检索费", "CITE-ABOLISHED-FEES"),
    ("no suggestions or proposals", "2.人大代表、政协委员提案办理方面：2023年威海市文登区泽头镇共承办区人大代表建议2件。", "", "DISC-NPC-CPPCC"),
    ("no statistics period", "报告中所列数据统计期限从2023年1月1日到12月31日止。", "", "DISC-PERIOD"),
    ("period ends in November", "到12月31日止", "到11月30日止", "DISC-PERIOD-PARTIAL"),
    ("no address", "地址：威海市文登区泽头镇交通路17号，", "", "DISC-CONTACT-DETAILS"),
]


@pytest.mark.parametrize("name,old,new,rule", MUTATIONS, ids=[m[0] for m in MUTATIONS])
def test_mutation_fires_exactly_its_rule(golden, name, old, new, rule):
    assert TEXT.count(old) == 1, name
    mutated = lint_text(TEXT.replace(old, new), "example.txt")
    before = Counter(f.rule for f in ours(golden))
    after = Counter(f.rule for f in ours(mutated))
    assert set((after - before).keys()) == {rule}, name


def test_mutated_fee_sentence_position(golden):
    mutated = lint_text(TEXT.replace(FEE, ""), "example.txt")
    f = by_rule(mutated)["DISC-FEE"]
    assert (f.line, f.section, f.severity) == (52, "六", "error")


def test_period_year_points_at_the_period(golden):
    mutated = lint_text(TEXT.replace("统计期限从2023年1月1日", "统计期限从2022年1月1日"), "example.txt")
    f = by_rule(mutated)["DATE-PERIOD-YEAR"]
    assert (f.line, f.column) == (5, TEXT.splitlines()[4].index("2023年1月1日") + 1)
    assert f.data["period_year"] == "2022" and f.data["report_year"] == 2023


def test_wenhao_fix_replaces_the_brackets():
    mutated = TEXT.replace("国办公开办函〔2021〕30号", "国办公开办函[2021]30号")
    f = by_rule(lint_text(mutated, "example.txt"))["CITE-WENHAO-BRACKETS"]
    start, end = f.start, f.end
    assert mutated[start:end] == "[2021]"
    assert f.fix["replacement"] == "〔2021〕"
    fixed = mutated[:start] + f.fix["replacement"] + mutated[end:]
    assert fixed == TEXT


def test_published_option_overrides_the_closing_date():
    late = lint_text(TEXT, "example.txt", published=_dt.date(2024, 2, 15))
    assert "DATE-PUBLISH-DEADLINE-LOCAL" in by_rule(late)
    assert by_rule(late)["DATE-PUBLISH-DEADLINE-LOCAL"].data["published"] == "2024-02-15"


def test_township_deadline_is_configurable():
    mutated = TEXT.replace("2024年1月22日", "2024年2月15日")
    relaxed = lint_text(mutated, "example.txt", deadlines={"government.township": "02-28"})
    assert "DATE-PUBLISH-DEADLINE-LOCAL" not in by_rule(relaxed)
    stricter = lint_text(TEXT, "example.txt", deadlines={"government.township": "01-20"})
    assert by_rule(stricter)["DATE-PUBLISH-DEADLINE-LOCAL"].data["deadline"] == "2024-01-20"


def test_department_is_exempt_from_art50_and_held_to_january_31():
    dept = TEXT.replace("威海市文登区泽头镇人民政府", "威海市文登区交通运输局").replace("2024年1月22日", "2024年2月15日")
    found = by_rule(lint_text(dept, "example.txt"))
    assert "DISC-ART50-4" not in found
    assert found["DATE-PUBLISH-DEADLINE"].severity == "error"
    assert "DATE-PUBLISH-DEADLINE-LOCAL" not in found


def test_county_government_has_until_march_31():
    county = TEXT.replace("威海市文登区泽头镇人民政府", "威海市文登区人民政府")
    assert not {"DATE-PUBLISH-DEADLINE", "DATE-PUBLISH-DEADLINE-LOCAL"} & set(by_rule(lint_text(county.replace("2024年1月22日", "2024年3月31日"), "x.txt")))
    late = by_rule(lint_text(county.replace("2024年1月22日", "2024年4月1日"), "x.txt"))
    assert late["DATE-PUBLISH-DEADLINE"].data["deadline"] == "2024-03-31"


def test_administrative_fees_do_not_count_as_information_processing_fees():
    # 行政事业性收费 (表二) is another fee: its amount and its negation state nothing of 信息处理费; the heading
    # "收费方面" only names the topic
    mutated = by_rule(lint_text(TEXT.replace(FEE, "1.收费方面：2023年行政事业性收费0万元，未收取行政事业性收费。"),
                                "example.txt"))
    assert "DISC-FEE-MENTION" in mutated and "收费方面" in mutated["DISC-FEE-MENTION"].message
    bare = by_rule(lint_text(TEXT.replace(FEE, "1.2023年行政事业性收费0万元，未收取行政事业性收费。"), "example.txt"))
    assert "DISC-FEE" in bare


def test_fee_statement_elsewhere_in_the_body_is_accepted():
    moved = TEXT.replace(FEE, "").replace("（二）依申请公开工作情况。2023年，我镇未收到政府信息公开申请。",
                                          "（二）依申请公开工作情况。2023年，我镇未收到政府信息公开申请，未收取信息处理费。")
    assert "DISC-FEE" not in by_rule(lint_text(moved, "example.txt"))


def test_old_regime_reports_are_not_held_to_the_2019_format():
    old = TEXT.replace("2023年政府信息公开工作年度报告", "2018年政府信息公开工作年度报告").replace(FEE, "").replace(SEC5, "\n")
    found = by_rule(lint_text(old, "example.txt"))
    assert not {"DISC-FEE", "DISC-ART50-4", "DISC-SEC5-SUBSTANCE", "DISC-NPC-CPPCC-BOTH"} & set(found)
    structure = {f.rule for f in lint_text(old, "example.txt").findings}
    assert not {"STRUCT-ORDINAL-MISSING", "STRUCT-TITLE-NONSTANDARD"} & structure


def test_fee_rule_starts_with_the_2021_fee_regime():
    y2020 = TEXT.replace("2023年政府信息公开工作年度报告", "2020年政府信息公开工作年度报告").replace(FEE, "")
    assert "DISC-FEE" not in by_rule(lint_text(y2020, "example.txt"))


@pytest.mark.parametrize("agency", ["威海市文登区泽头镇人民政府办公室", "威海市文登区某某街道办事处"])
def test_art50_4_applies_to_people_s_governments_only(agency):
    other = TEXT.replace("威海市文登区泽头镇人民政府", agency)
    assert "DISC-ART50-4" not in by_rule(lint_text(other, "example.txt"))


def test_art50_4_names_only_what_is_missing():
    more = TEXT.replace("实行“谁主导，谁负责”的责任制。", "实行“谁主导，谁负责”的责任制，开展社会评议。")
    assert by_rule(lint_text(more, "example.txt"))["DISC-ART50-4"].data["missing"] == "责任追究结果"
    full = more.replace("开展社会评议。", "开展社会评议，全年未发生责任追究情况。")
    assert "DISC-ART50-4" not in by_rule(lint_text(full, "example.txt"))


def test_a_cut_off_date_is_not_compared_with_the_report_year():
    cut = TEXT.replace("报告中所列数据统计期限从2023年1月1日到12月31日止。", "数据统计时间截至2024年1月5日。")
    found = by_rule(lint_text(cut, "example.txt"))
    assert "DATE-PERIOD-YEAR" not in found
    assert "DISC-PERIOD" in found  # the period itself is still not stated
