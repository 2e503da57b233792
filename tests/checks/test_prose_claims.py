"""The false alarms and misses of the phrase-matching prose checks, as classes (issue 17), on the shipped base
report (表三: 予以公开 20, 部分公开 5, 结转下年度 2; 表四: 行政复议 1 维持, 行政诉讼 1 维持; 表二: 制发 6, 现行有效 35):
each class stated right is silent and stated wrong is found at its line."""
from __future__ import annotations

import pytest

from conftest import ROOT, lint_text

BASE = (ROOT / "rules" / "gov-2021" / "bases" / "county-2023.md").read_text(encoding="utf-8")
ANCHOR = "上年结转2件。"          # line 13, section 一 （二）
CLAIMS = ("TX-", "PROSE-")


def prose_findings(text: str) -> list[tuple[str, int]]:
    return [(f.rule, f.line) for f in lint_text(text, "r.md").findings if f.rule.startswith(CLAIMS)]


def added(sentence: str, anchor: str = ANCHOR, table: dict[str, str] | None = None) -> str:
    text = BASE.replace(anchor, anchor + sentence)
    for old, new in (table or {}).items():
        assert text.count(old) == 1
        text = text.replace(old, new)
    return text


def test_the_base_report_has_no_prose_finding():
    assert prose_findings(BASE) == []


@pytest.mark.parametrize("right,wrong,rule", [
    # one compound category: 予以公开 + 部分公开
    ("办理结果中，予以公开和部分公开25件。", "办理结果中，予以公开和部分公开26件。", "TX-COMPOUND"),
    ("办理结果中，予以公开、部分公开共25件。", "办理结果中，予以公开、部分公开共24件。", "TX-COMPOUND"),
    # per-category counts, not totals of answers
    ("同意公开的答复20件，部分公开的答复5件。", "同意公开的答复21件，部分公开的答复5件。", "TX-CAT-OPEN"),
    ("同意公开的答复20件，部分公开的答复5件。", "同意公开的答复20件，部分公开的答复4件。", "TX-CAT-PARTIAL"),
    # a stock stated before this year's additions
    ("集中清理并公布现行有效的规范性文件29件，本年度新制发的6件已同步更新。",
     "集中清理并公布现行有效的规范性文件30件，本年度新制发的6件已同步更新。", "TX-T2-CURRENT"),
    # a list of parts ends at ；
    ("共发布信息52条，其中卫生健康类12条，其他类40条；受理依申请公开44件。",
     "共发布信息52条，其中卫生健康类12条，其他类41条；受理依申请公开44件。", "PROSE-SUM-PARTS"),
])
def test_a_class_stated_right_is_silent_and_wrong_is_found(right, wrong, rule):
    assert prose_findings(added(right)) == []
    assert (rule, 13) in prose_findings(added(wrong))


def test_the_count_after_the_semicolon_is_compared_as_itself():
    found = prose_findings(added("共发布信息52条，其中卫生健康类12条，其他类40条；受理依申请公开45件。"))
    assert found == [("TX-RECEIVED", 13)]


def test_one_sentence_covering_reviews_and_lawsuits():
    sentence = "因政府信息公开引起的行政复议和行政诉讼案件共2件，均维持原行政行为。"
    assert prose_findings(added(sentence)) == []
    pending = {"| 1 | 0 | 0 | 0 | 1 | 1 | 0 | 0 | 0 | 1 |": "| 1 | 0 | 0 | 0 | 1 | 0 | 0 | 0 | 1 | 1 |"}
    assert prose_findings(added(sentence, table=pending)) == [("TX-OUTCOME", 13)]
    assert ("TX-COMPOUND", 13) in prose_findings(added(sentence.replace("共2件", "共3件")))


def test_all_done_against_a_carry_over_in_the_same_paragraph_or_the_table():
    assert ("TX-NONE-CARRYOUT", 13) in prose_findings(added("申请均已按期办理完毕。"))
    text = added("申请均已按期办理完毕，另有3件结转下年度办理。")
    assert {("TX-CLAIM-CONFLICT", 13), ("TX-CARRYOUT", 13)} <= set(prose_findings(text))


def test_all_answered_in_time_is_not_all_done():
    assert prose_findings(added("均在法定期限内予以答复。")) == []


def test_a_blank_total_keeps_the_text_checks_on():
    blank = {"| 一、本年新收政府信息公开申请数量 | 40 | 3 | 0 | 0 | 1 | 0 | 44 |":
             "| 一、本年新收政府信息公开申请数量 | 40 | 3 | 0 | 0 | 1 | 0 |  |"}
    text = added("", table=blank)
    assert prose_findings(text) == []
    assert prose_findings(text.replace("新收政府信息公开申请44件", "新收政府信息公开申请45件")) == [("TX-NEW", 13)]


def test_the_same_count_stated_twice_differently():
    text = added("", anchor="本年度未发生责任追究情况。").replace(
        "本年度未发生责任追究情况。", "本年度未发生责任追究情况。本年度新收政府信息公开申请45件。")
    found = prose_findings(text)
    assert ("TX-CLAIM-CONFLICT", 25) in found and ("TX-NEW", 25) in found


def test_parts_of_a_list_are_not_set_against_a_total_of_a_wider_body():
    text = added("全县新收政府信息公开申请44件，其中县政府本级新收政府信息公开申请20件。")
    assert prose_findings(text) == []
