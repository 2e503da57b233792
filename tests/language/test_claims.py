"""The claim parser on realistic sentences of annual reports: what each sentence states, and the ambiguous
phrasings that must yield no comparable claim.  The vocabulary is the shipped one (rules/gov-2021/claims.yaml)."""
from __future__ import annotations

import re
from decimal import Decimal

import pytest

from linter.language.claims import parse_claims, readable_claims, sentence_spans
from linter.language.lexicon import Lexicon
from linter.language.quantities import extract, on_tokens
from linter.language.segmentation import LocalTokens


@pytest.fixture(scope="module")
def lexicon():
    from linter.engine.run import load_rules
    from linter.settings.config import Config

    rule = next(r for r in load_rules(Config()) if "vocabulary" in r.params)
    return Lexicon(rule.params["vocabulary"])


@pytest.fixture
def read(lexicon):
    def parse(text: str):
        local = LocalTokens(text)
        return parse_claims(text, extract(text, local.starts, local.ends), lexicon)
    return parse


def counts(claim_set) -> list[tuple[tuple[str, ...], Decimal]]:
    return [(c.measures, c.value) for c in claim_set.claims if c.kind == "count"]


def only(claim_set, kind: str = "count"):
    found = [c for c in claim_set.claims if c.kind == kind]
    assert len(found) == 1, found
    return found[0]


D = Decimal


# ── what a count counts ────────────────────────────────────────────────────────────────────────────────
@pytest.mark.parametrize("sentence,measures,value", [
    ("本年度新收政府信息公开申请44件。", ("new",), 44),
    ("2024年，全市共受理政府信息公开申请3119件。", ("received",), 3119),
    ("2023年度我局共收到依申请信息公开26件。", ("received",), 26),
    ("2013年全县共收到有关政府信息公开的申请7条。", ("received",), 7),
    ("上年度结转申请34件。", ("carried_in",), 34),
    ("全年办结政府信息公开申请45件。", ("done",), 45),
    ("全年结转下年度继续办理2件申请。", ("carried_over",), 2),
    ("政府信息公开行政复议351件。", ("review",), 351),
    ("本年度因政府信息公开被提起行政诉讼2件。", ("litigation",), 2),
    ("因政府信息公开未经复议直接起诉的行政诉讼1件。", ("direct_suits",), 1),
    ("复议后起诉的行政诉讼3件。", ("suits_after_review",), 3),
    ("不予处理3件。", ("noproc",), 3),
    ("无法提供13件。", ("unable",), 13),
    ("其他处理1件。", ("other_result",), 1),
    ("本年度制发行政规范性文件5件。", ("issued",), 5),
    ("本年度废止规范性文件3件。", ("repealed",), 3),
    ("集中公开现行有效行政规范性文件698件。", ("current",), 698),
    ("本年度新收政府信息公开申请二十三件。", ("new",), 23),
    ("新收政府信息公开申请1,234件。", ("new",), 1234),
])
def test_a_count_and_what_it_counts(read, sentence, measures, value):
    claim = only(read(sentence))
    assert (claim.measures, claim.value) == (measures, D(value))
    assert claim.scope == "year" and not claim.approximate


def test_the_finding_points_at_the_number(read):
    text = "本年度新收政府信息公开申请44件，上年结转2件。"
    claims = read(text).claims
    assert [text[c.at[0]:c.at[1]] for c in claims] == ["44件", "2件"]


def test_a_count_without_its_own_noun_takes_the_sentence_topic(read):
    claims = read("本年度新收政府信息公开申请44件，上年结转2件。").claims
    assert [(c.measures, c.topic) for c in claims] == [(("new",), "request"), (("carried_in",), "request")]


def test_a_measure_named_after_the_number(read):
    text = "答复3050件（含上年度结转申请34件，另有103件顺延到下年度答复），均在法定期限内予以答复。"
    assert counts(read(text)) == [(("done",), 3050), (("carried_in",), 34), (("carried_over",), 103)]


# ── compounds: two measures joined are their sum ───────────────────────────────────────────────────────
@pytest.mark.parametrize("sentence,measures,value", [
    ("予以公开和部分公开120件。", ("open", "partial"), 120),
    ("予以公开、部分公开共120件。", ("open", "partial"), 120),
    ("予以公开的申请和部分公开的申请共25件。", ("open", "partial"), 25),
    ("不予公开及无法提供的共8件。", ("deny", "unable"), 8),
    ("新收和上年结转申请共46件。", ("new", "carried_in"), 46),
    ("因政府信息公开引起的行政复议和行政诉讼案件共5件。", ("review", "litigation"), 5),
])
def test_a_compound_category_is_one_claim(read, sentence, measures, value):
    claim = only(read(sentence))
    assert (claim.measures, claim.value) == (measures, D(value))


def test_a_compound_is_not_read_as_its_last_category(read):
    """予以公开和部分公开120件 read as 部分公开 alone would compare 120 with 部分公开."""
    assert only(read("办理结果中，予以公开和部分公开120件。")).measures != ("partial",)


# ── per-category counts ────────────────────────────────────────────────────────────────────────────────
def test_answers_per_category_count_the_category_not_the_answers(read):
    assert counts(read("同意公开的答复15件，部分公开的答复3件。")) == [(("open",), 15), (("partial",), 3)]


def test_per_category_answer_counts_under_a_total_of_answers(read):
    claims = read("对依申请公开的答复总数3条，其中同意公开答复数2条，其它公开答复数1条。")
    assert counts(claims) == [(("done",), 3), (("open",), 2), ((), 1)]
    assert claims.claims[0].total


# ── stock and additions ────────────────────────────────────────────────────────────────────────────────
def test_a_stock_stated_before_the_years_additions(read):
    claims = read("集中清理并公布现行有效的规范性文件210件，本年度新制发的31件已同步更新。").claims
    stock, added = claims
    assert (stock.measures, stock.value, stock.topic) == (("current",), 210, "normative")
    assert (added.measures, added.value, added.topic) == (("issued",), 31, "normative")
    assert stock.addition is added


def test_a_stock_with_the_years_documents_updated(read):
    stock, added = read("集中公开现行有效行政规范性文件698件，动态更新本年度制发的规范性文件88件。").claims
    assert stock.addition is added and added.value == 88


def test_a_stock_at_the_years_end_is_this_years_stock(read):
    claim = only(read("截至2023年底，现行有效规范性文件35件。"))
    assert claim.measures == ("current",) and claim.scope == "cumulative"


# ── enumerations ───────────────────────────────────────────────────────────────────────────────────────
def test_a_classified_list_is_declared_complete(read):
    claims = read("本年度通过网站发布政府信息54篇，从内容分类看，机构职能25条，工作动态37条，人事信息1条，"
                  "财政预决算信息1条，政策解读1条。")
    [enum] = claims.enumerations
    assert enum.head.value == 54 and [p.value for p in enum.parts] == [25, 37, 1, 1, 1]
    assert enum.whole and enum.closed and enum.complete


def test_a_list_of_parts_ends_at_the_semicolon(read):
    claims = read("主动公开政府信息52条，其中卫生健康类12条，其他类40条；受理依申请公开2件。")
    [enum] = claims.enumerations
    assert [p.value for p in enum.parts] == [12, 40]
    assert enum.closed and enum.catch_all and not enum.whole
    assert claims.claims[-1].measures == ("received",) and claims.claims[-1] not in enum.parts


def test_a_category_named_other_is_not_a_catch_all(read):
    [enum] = read("在收到的46件申请中，予以公开20件，部分公开5件，不予公开2件，无法提供13件，不予处理3件，其他处理1件。").enumerations
    assert enum.head.value == 46 and len(enum.parts) == 6 and not enum.catch_all and not enum.complete


def test_a_semicolon_list_with_shares(read):
    claims = read("共收到政府信息公开申请20件，其中：予以公开15件，占75%；不予公开5件，占25%。")
    [enum] = claims.enumerations
    assert [(p.measures, p.value, p.share.value) for p in enum.parts] == [(("open",), 15, 75), (("deny",), 5, 25)]
    assert enum.separator == "；" and enum.closed


def test_a_list_in_brackets_with_a_catch_all(read):
    claims = read("共公布政府信息2599条，(其中机构职能类信息25条，政策、规范性文件类信息68条，其他应主动公开政府信息856条)"
                  "对于主动公开的政府信息，主要通过政府门户网站公开。")
    [enum] = claims.enumerations
    assert enum.head.value == 2599 and [p.value for p in enum.parts] == [25, 68, 856]
    assert enum.catch_all and enum.closed and enum.complete


def test_an_open_list_is_not_complete(read):
    [enum] = read("本年度发布政府信息65篇，从内容分类看，机构职能25条，工作动态37条等。").enumerations
    assert enum.open and not enum.complete


def test_a_list_cut_by_other_words_is_not_complete(read):
    [enum] = read("发布政府信息65篇，从内容分类看，机构职能25条，工作动态37条，另有部分信息正在整理。").enumerations
    assert [p.value for p in enum.parts] == [25, 37] and not enum.complete


def test_a_list_of_enumeration_commas(read):
    [enum] = read("共承办人大代表建议3件，办理结果为A类1件、B类1件。").enumerations
    assert enum.separator == "、" and [p.value for p in enum.parts] == [1, 1] and enum.complete


def test_an_enumeration_comma_list_that_goes_on_after_a_comma_is_not_complete(read):
    [enum] = read("共承办人大代表建议10件，办理结果为A类5件、B类3件，C类2件。").enumerations
    assert not enum.complete


def test_a_breakdown_in_the_next_sentence_takes_its_total_from_the_sentence_before(read):
    claims = read("共承办区人大代表建议2件。目前，已全部办理完成，办复率100%，办理结果为A类1件、D类1件。")
    [enum] = claims.enumerations
    assert enum.head.value == 2 and [p.value for p in enum.parts] == [1, 1]


def test_a_total_framed_by_zai_zhong(read):
    [enum] = read("在网站主动公开的1853条政府信息中，机构职能信息324条，占17.5%；政策文件类信息207条，占11.2%。").enumerations
    assert enum.head.value == 1853 and [(p.value, p.share.value) for p in enum.parts] == [(324, D("17.5")), (207, D("11.2"))]


def test_two_breakdowns_in_one_sentence(read):
    claims = read("政府信息公开行政复议351件，其中结果维持72件，结果纠正64件，其他结果178件，尚未审结37件；"
                  "政府信息公开行政诉讼46件，其中结果维持25件，结果纠正5件，其他结果9件，尚未审结7件。")
    review, lawsuits = claims.enumerations
    assert review.head.measures == ("review",) and len(review.parts) == 4
    assert all(p.parents == ("review",) for p in review.parts)
    assert lawsuits.head.measures == ("litigation",) and all(p.parents == ("litigation",) for p in lawsuits.parts)
    assert [p.measures for p in review.parts] == [("upheld",), ("corrected",), ("other_outcome",), ("pending",)]


def test_a_comparison_is_not_the_total_of_the_list_after_it(read):
    claims = read("共发布信息100条，同比增长20条，其中政策解读10条。")
    assert all(e.head is None or e.head.value != 100 for e in claims.enumerations)
    assert [c.value for c in claims.claims if c.kind == "count"] == [100, 10]


def test_counts_of_another_dimension_stay_in_the_list(read):
    [enum] = read("共收到申请10件，其中本年新收8件，上年结转2件，办结9件，结转下年度1件。").enumerations
    assert [p.measures for p in enum.parts] == [("new",), ("carried_in",), ("done",), ("carried_over",)]


def test_a_sub_breakdown_in_brackets_cuts_the_list(read):
    [enum] = read("今年共发布380条财政资金信息，其中专项资金152条，预决算公开197条（政府预决算32条、部门预决算公开165条）、"
                  "“三公”经费27条、债券发行4条。").enumerations
    assert [p.value for p in enum.parts] == [152, 197] and not enum.complete


def test_parts_by_publishing_channel_may_overlap(read):
    [enum] = read("本年度主动公开政府信息3126条，其中，通过政府网站公开3000条，通过政务新媒体公开2000条。").enumerations
    assert enum.overlapping


def test_a_total_from_the_sentence_before_is_distant(read):
    [enum] = read("本年度共收到政府信息公开申请46件。办理结果为予以公开20件，部分公开5件。").enumerations
    assert enum.head.value == 46 and enum.distant


def test_counts_of_different_units_do_not_add_up(read):
    [enum] = read("共发布信息100条，其中政策解读10条，访问量2000次。").enumerations
    assert [p.value for p in enum.parts] == [10] and not enum.complete


# ── shares and rates ───────────────────────────────────────────────────────────────────────────────────
def test_a_share_after_a_count_belongs_to_it(read):
    claim = only(read("本年度予以公开20件，占比43.5%。"))
    assert claim.measures == ("open",) and (claim.share.value, claim.share.places) == (D("43.5"), 1)


def test_a_share_in_brackets(read):
    claim = only(read("结果维持72件（占20.5%）。"))
    assert claim.share.value == D("20.5")


def test_a_share_of_a_category_without_a_count(read):
    claim = only(read("本年度予以公开的申请占比45.5%。"), "share")
    assert claim.measures == ("open",) and claim.value == D("45.5")


def test_a_rate_is_its_own_claim(read):
    claims = read("共承办区人大代表建议4件，已办结3件，办复率75%。").claims
    rate = only(read("共承办区人大代表建议4件，已办结3件，办复率75%。"), "rate")
    assert rate.value == 75 and rate.label == "办复率"
    assert [c.named for c in claims if c.kind == "count"] == [(), ("done",)]


# ── statements ─────────────────────────────────────────────────────────────────────────────────────────
@pytest.mark.parametrize("sentence,statement", [
    ("申请均已按期办理完毕。", ("all", ("done",))),
    ("所有申请均已按时办结。", ("all", ("done",))),
    ("全年收到政府信息公开申请20件，已全部办结。", ("all", ("done",))),
    ("本年度受理的政府信息公开申请均已答复。", ("all", ("done",))),
    # answered in time is not all done
    ("全市共受理政府信息公开申请3119件，均在法定期限内予以答复。", None),
    ("所有申请均在法定期限内办结。", None),
    ("区政府办受理政府信息公开申请17件，均已在法定期限内予以答复。", None),
    ("申请均按时答复。", None),
    # none: a count of zero
    ("2023年，我镇未收到政府信息公开申请。", ("none", ("received",))),
    ("本年度未收到有关政府信息公开行政复议申请。", ("none", ("review",))),
    ("本年度未发生因政府信息公开被申请行政复议、提起行政诉讼的情况。", ("none", ("review", "litigation"))),
    ("2023年度我镇未发行或废止规范性文件。", ("none", ("issued", "repealed"))),
    ("本年度没有发生政府信息公开行政诉讼。", ("none", ("litigation",))),
    # statements that state no count
    ("本年度未收取信息处理费。", None),
    ("本年度未发生责任追究情况。", None),
    ("未按时办结的申请及时督办。", None),
    ("无其他需要报告的事项。", None),
])
def test_what_a_statement_states(read, sentence, statement):
    found = [c for c in read(sentence).claims if c.kind in ("all", "none") and c.measures]
    assert [(c.kind, c.measures) for c in found] == ([statement] if statement else [])
    assert all(c.topic is not None and (c.kind == "all" or c.value == 0) for c in found)


def test_all_done_for_something_else_is_not_about_requests(read):
    claims = read("共承办人大代表建议30件，已全部办结。").claims
    statement = next(c for c in claims if c.kind == "all")
    assert statement.topic == "foreign" and statement.measures == ()


def test_all_done_without_a_word_of_whose_is_not_settled(read):
    claims = read("共承办区人大代表建议2件。目前，已全部办理完成，办复率100%。").claims
    statement = next(c for c in claims if c.kind == "all")
    assert statement.measures == () and statement.named == ("done",)


def test_all_upheld_covers_both_case_types(read):
    claims = read("因政府信息公开引起的行政复议和行政诉讼案件共5件，均维持原行政行为。").claims
    statement = next(c for c in claims if c.kind == "all")
    assert statement.measures == ("upheld",) and statement.parents == ("review", "litigation")


def test_all_concluded_covers_the_case_types_listed_before(read):
    claims = read("全区政府信息公开工作方面共有行政诉讼案件1件、行政复议案件2件，均已结案。").claims
    statement = next(c for c in claims if c.kind == "all")
    assert statement.measures == ("closed_cases",) and set(statement.parents) == {"review", "litigation"}


def test_all_said_right_after_counts_speaks_of_those(read):
    statement = only(read("针对申请人提出的44件申请，均依法予以答复。"), "all")
    assert [c.value for c in statement.quantifies] == [44]
    statement = only(read("本年度因政府信息公开被申请行政复议1件、被提起行政诉讼1件，均获维持。"), "all")
    assert [c.measures for c in statement.quantifies] == [("review",), ("litigation",)]


def test_a_second_all_speaks_of_the_counts_since_the_first(read):
    claims = read("本年度被申请行政复议2件，均获维持，被提起行政诉讼1件，均获维持。").claims
    first, second = [c for c in claims if c.kind == "all"]
    assert [c.measures for c in first.quantifies] == [("review",)]
    assert [c.measures for c in second.quantifies] == [("litigation",)]
    assert first.parents == ("review",) and second.parents == ("litigation",)


def test_an_all_right_after_another_speaks_of_what_that_one_spoke_of(read):
    claims = read("本年度被申请行政复议2件，均获维持，均已结案。").claims
    upheld, closed = [c for c in claims if c.kind == "all"]
    assert [c.value for c in upheld.quantifies] == [2] and [c.value for c in closed.quantifies] == [2]
    assert closed.parents == ("review",)


def test_a_sentence_of_thousands_of_clauses_gives_each_all_its_own_group(read):
    """A crawled page without 。 is one sentence: an "all" speaking of every count before it made the claims
    (and the checks reading them) grow with the square of the page."""
    unit = "本年度共收到政府信息公开申请44件，其中予以公开20件，部分公开3件，均已按时答复，复议2件，均获维持，"
    spoken_of = {}
    for n in (10, 70):  # 70 units: about 3 500 characters, one sentence still (LONGEST_SENTENCE)
        alls = [c for c in read("某县2023年 " + unit * n).claims if c.kind == "all"]
        assert len(alls) == n and all(len(c.quantifies) == 1 for c in alls)  # 复议2件，均获维持: its own count
        spoken_of[n] = sum(len(c.quantifies) for c in alls)
    assert spoken_of[70] == 7 * spoken_of[10]


def test_a_sentence_longer_than_any_real_one_is_read_in_pieces_at_clause_ends():
    """The longest sentences of the corpora are tables run into prose (about 760 characters); a page of one
    sentence is read in pieces of at most LONGEST_SENTENCE that end where a clause ends."""
    from linter.language.claims import LONGEST_SENTENCE

    unit = "本年度共收到政府信息公开申请44件，其中予以公开20件，部分公开3件，均已按时答复，复议2件，均获维持，"
    text = "某县2023年 " + unit * 300 + "完。" + "短句。"
    spans = sentence_spans(text)
    assert [text[a:b] for a, b in spans][-1] == "短句。" and "".join(text[a:b] for a, b in spans) == text
    long = spans[:-1]
    assert len(long) > 1 and all(b - a <= LONGEST_SENTENCE for a, b in long)
    assert all(text[b - 1] == "，" for a, b in long[:-1])
    assert sentence_spans(unit * 10 + "。") == [(0, len(unit) * 10 + 1)]  # a long real sentence stays whole


def test_all_that_names_its_subject_speaks_of_all_of_it(read):
    statement = only(read("上年结转2件，申请均已按期办理完毕。"), "all")
    assert statement.quantifies == []


def test_all_upheld_for_reviews(read):
    statement = only(read("本年度因政府信息公开被申请行政复议2件，均获维持。"), "all")
    assert statement.parents == ("review",)


# ── approximation and scope ────────────────────────────────────────────────────────────────────────────
@pytest.mark.parametrize("sentence", [
    "市政府网站主动公开各类政府信息5500余条。",
    "全年受理政府信息公开申请近百件。",
    "全年受理政府信息公开申请约30件。",
    "全年受理政府信息公开申请100多件。",
])
def test_approximate_counts(read, sentence):
    assert only(read(sentence)).approximate


def test_last_years_count(read):
    assert only(read("上年新收政府信息公开申请40件。")).scope == "previous"


def test_a_cumulative_word_earlier_in_the_sentence_covers_the_count(read):
    assert only(read("截至目前，全市共受理政府信息公开申请500件。")).scope == "cumulative"


def test_a_comparison_states_no_count(read):
    assert counts(read("新收政府信息公开申请较上年增加5件。")) == []
    assert counts(read("新收政府信息公开申请44件，较上年增加5件。")) == [(("new",), 44)]


# ── ambiguous phrasings that must yield no comparable claim ───────────────────────────────────────────
@pytest.mark.parametrize("sentence", [
    "全年受理群众诉求182件。",
    "全年受理网络问政182件。",
    "共承办人大代表建议30件，已办结28件。",
    "答复人大代表建议15件。",
    "办理政府信息公开申请20件。",
    "受理政府信息公开申请并答复15件。",
    "本年度清理、修改行政规范性文件5件。",
    "今年共发布380条财政资金信息，其中债券发行4条。",
    "全年新增公开市政府规章1件。",
    "不予公开信息数1658条。",
    "未办结的申请3件。",
    "本报告包括总体情况、因政府信息公开申请行政复议、提起行政诉讼的情况等六个部分。",
])
def test_no_comparable_claim(read, sentence):
    assert [c for c in read(sentence).claims if c.kind == "count" and c.measures] == []


def test_a_review_count_without_disclosure_in_the_sentence_is_not_qualified(read):
    claim = only(read("全县共办理行政复议案件30件。"))
    assert claim.measures == ("review",) and not claim.qualified


def test_sentences_end_at_full_stops_and_lines_not_semicolons():
    text = "甲1件；乙2件。丙3件\n丁4件"
    assert [text[a:b] for a, b in sentence_spans(text)] == ["甲1件；乙2件。", "丙3件\n", "丁4件"]


# ── what carries from one sentence to the next ─────────────────────────────────────────────────────────
def test_a_topic_such_as_deputies_suggestions_carries_to_the_next_sentence(read):
    claims = read("共承办人大代表建议30件。已办结28件。").claims
    assert claims[-1].named == ("done",) and claims[-1].topic == "foreign" and claims[-1].measures == ()


def test_items_of_information_do_not_carry_to_the_next_sentence(read):
    claims = read("主动公开政府信息100条。办理结果中，予以公开和部分公开25件。").claims
    assert claims[-1].measures == ("open", "partial") and claims[-1].topic == "request"


def test_a_part_counting_what_its_total_counts_is_a_narrower_body(read):
    claims = read("全县新收政府信息公开申请44件，其中县政府本级新收政府信息公开申请20件。").claims
    assert [c.narrower for c in claims] == [False, True]
    review = read("政府信息公开行政复议351件，其中结果维持72件。").claims
    assert not any(c.narrower for c in review)


# ── never a crash, never a hang ────────────────────────────────────────────────────────────────────────
def _pieces(lexicon) -> list[str]:
    """The vocabulary's words, numbers with units and shares, markers and every mark the lexer cuts at."""
    words = sorted(lexicon.classes)[:400]
    return words + ["12件", "3条", "近百件", "5500余条", "二十三件", "45.5%", "占", "其中", "分别为", "从内容分类看",
                    "办理结果为", "在", "中", "等", "，", "；", "：", "、", "（", "）", "。", "\n", "A类", "其他"]


def test_any_sequence_of_words_and_marks_parses(lexicon):
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from fuzzing import scaled

    @settings(max_examples=scaled(200))
    @given(st.lists(st.sampled_from(_pieces(lexicon)), max_size=60))
    def check(pieces):
        text = "".join(pieces)
        local = LocalTokens(text)
        claim_set = parse_claims(text, extract(text, local.starts, local.ends), lexicon)
        for c in claim_set.claims:
            assert 0 <= c.start <= c.at[0] <= c.at[1] <= len(text)
        for e in claim_set.enumerations:
            assert all(p.kind == "count" for p in e.parts)

    check()


def test_a_long_report_does_not_hang(read):
    import time

    paragraph = ("全市共受理政府信息公开申请3119件，答复3050件（含上年度结转申请34件，另有103件顺延到下年度答复），"
                 "所有申请均已办结。政府信息公开行政复议351件，其中结果维持72件，结果纠正64件，其他结果178件，"
                 "尚未审结37件；共承办人大代表建议2件。目前，已全部办理完成，办复率100%，办理结果为A类1件、D类1件。\n")
    started = time.monotonic()
    claim_set = read(paragraph * 1000)
    assert len(claim_set.claims) == 1000 * len(read(paragraph).claims)
    assert time.monotonic() - started < 60  # about 2 s: a bound against quadratic work, not a timing


def test_sentences_without_a_number_that_state_or_open_a_list(read, lexicon):
    """A sentence without a number but with a quantifier (未, 均 …) is read when it may state something (未收到…
    申请, 均已办结) or open a list at a clause (其中，…均…: a list with no parts); the cheap tests that skip the
    others (本机关均按要求开展工作) find these."""
    text = "本年度未收到政府信息公开申请。相关工作均已办结。其中，各项工作均按要求开展。本机关均按要求开展工作。"
    spans = sentence_spans(text)
    assert [lexicon.may_make_statement(text, a, b) for a, b in spans] == [True, True, False, False]
    assert [lexicon.may_open_with_marker(text, a) for a, _ in spans] == [False, False, True, False]
    claims = read(text)
    assert [(c.kind, c.measures, c.sentence) for c in claims.claims] == [("none", ("received",), 0), ("all", (), 1)]
    assert [(e.marker, e.parts, e.sentence) for e in claims.enumerations] == [("其中", [], 2)]


def test_claims_among_measures_in_text_order(read):
    claims = read("本年度新收政府信息公开申请44件，予以公开20件，部分公开10件，予以公开和部分公开共30件。")
    among = claims.among("count", frozenset({"new", "open", "partial"}))
    assert [(c.measures, c.value) for c in among] == [
        (("new",), Decimal(44)), (("open",), Decimal(20)), (("partial",), Decimal(10)),
        (("open", "partial"), Decimal(30))]
    assert [c.value for c in claims.among("count", frozenset({"open"}))] == [Decimal(20)]
    assert claims.among("none", frozenset({"new"})) == []


# ── the sentences the rules read ───────────────────────────────────────────────────────────────────────
def _rules_read_the_same(text: str, lexicon) -> set[int]:
    """The reading for the rules (`readable_claims`) against the full reading of `text`: the same lists, the
    same claims in every sentence it reads, and in the sentences it leaves out only counts no rule reads and no
    later sentence takes anything of — no measure, no topic carried on to a claim, no total a rate or the next
    sentence's list could take.  Both given the quantities found on token boundaries, and given those found
    without them (a Chinese numeral then checked in the sentences read only).  Returns the sentences the
    latter leaves out."""
    local = LocalTokens(text)
    quantities = extract(text, local.starts, local.ends)
    full = parse_claims(text, quantities, lexicon)
    for readable in (readable_claims(text, quantities, lexicon),
                     readable_claims(text, extract(text), lexicon, lambda q: on_tokens(text, q, local.starts, local.ends))):
        assert readable.sentences == full.sentences
        assert readable.enumerations == full.enumerations
        assert readable.claims == [c for c in full.claims if c.sentence in readable.by_sentence]
        assert readable.by_sentence.keys() <= full.by_sentence.keys()
        left_out = full.by_sentence.keys() - readable.by_sentence.keys()
        for si in left_out:
            for claim in full.by_sentence[si]:
                assert claim.kind in ("count", "share") and not claim.measures and not claim.named
                if claim.topic in lexicon.carried:  # no claim after it in its paragraph to take it
                    assert all(c.paragraph != claim.paragraph for c in full.by_sentence.get(si + 1, []))
                if claim.total:
                    assert not any(e.sentence == si + 1 for e in full.enumerations)
                    assert not any(c.kind == "rate" for c in full.in_sentences(si, si + 1))
    return left_out


def _report_texts() -> list:
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    return sorted((root / "fixtures" / "corpus").glob("*.txt")) + sorted((root / "ecosystem" / "corpus").rglob("*.txt"))


def test_the_rules_read_the_same_claims_of_every_report(lexicon):
    """Every corpus and crawled report, and each with its sentences in another order (a sentence then follows
    others than its own: a total or a topic before it, a list after it)."""
    import random

    texts = _report_texts()
    assert len(texts) > 50
    skipped = 0
    for path in texts:
        text = path.read_text(encoding="utf-8")
        skipped += len(_rules_read_the_same(text, lexicon))
        sentences = [text[a:b] for a, b in sentence_spans(text)]
        random.Random(path.name).shuffle(sentences)
        skipped += len(_rules_read_the_same("".join(sentences), lexicon))
    assert skipped > 100  # (the reading for the rules does leave sentences out)


def _telling_pieces(lexicon) -> list[str]:
    """Pieces for sentences near the edge of being read: the words that make a sentence read (measures, totals,
    rates, topics that carry on, markers, quantifiers), counts in a measure's unit and in others, brackets."""
    kinds = ("measure", "totals", "rates", "all", "none", "events", "shares", "topic", "manner")
    words = sorted(w for w, (cls, _) in lexicon.classes.items() if cls in kinds)
    return words[::3] + ["12件", "3条", "二十三件", "7个", "15次", "8人", "45.5%", "100%", "六个", "统一", "十分", "一条龙", "第三条", "其中", "分别为", "从内容分类看",
                         "在", "中", "按", "分", "含", "共", "建议", "办复率", "等", "，", "；", "、", "（", "）", "。",
                         "\n", "工作", "开展"]


def test_the_rules_read_the_same_claims_of_any_sequence_of_words(lexicon):
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from fuzzing import scaled

    @settings(max_examples=scaled(1500))
    @given(st.lists(st.sampled_from(_telling_pieces(lexicon)), max_size=40))
    def check(pieces):
        _rules_read_the_same("".join(pieces), lexicon)

    check()


def test_a_sentence_no_rule_reads_is_left_out(lexicon):
    text = ("报告包括总体情况、主动公开政府信息情况等六个部分。开展培训3次，参训120人。共承办人大代表建议30件。"
            "已办结28个。开展培训3次。本年度新收政府信息公开申请44件。")
    assert _rules_read_the_same(text, lexicon) == {0, 1}
    # a topic that carries on keeps the sentences after it read (已办结28个 takes 建议, and 开展培训3次 then takes it
    # from that count), and so does a total when the sentence after may open a list
    assert _rules_read_the_same("开展培训共3次。其中线上2次，线下1次。", lexicon) == set()
    assert _rules_read_the_same("开展培训共3次。线上2次，线下1次。", lexicon) == {0, 1}


# ── one search for what was a test at each clause mark ──────────────────────────────────────────────────
_CLAUSE_MARK_RE = re.compile("[，,；;：:。！？!?\n、（(）)]")


def _opens_after_a_mark(lexicon, text: str, a: int, b: int) -> bool:
    """`may_open_list` at the clause start after each clause mark of text[a:b], one by one."""
    return any(lexicon.may_open_list(text, m.end(), b) for m in _CLAUSE_MARK_RE.finditer(text, a, b))


def _marker_pieces(lexicon) -> list[str]:
    literals = [literal.replace("…", "内容分类") for found in lexicon.markers.values() for literal, _ in found]
    return literals + ["，", "；", "、", "（", "）", "：", "。", " ", "\n", "3件", "共", "信息", "看", "中", "分别"]


def test_a_list_may_open_after_a_mark_as_at_each_mark(lexicon):
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from fuzzing import scaled

    @settings(max_examples=scaled(2000))
    @given(st.lists(st.sampled_from(_marker_pieces(lexicon)), max_size=24), st.integers(0, 5), st.integers(0, 5))
    def check(pieces, cut_start, cut_end):
        text = "".join(pieces)
        a, b = min(cut_start, len(text)), max(min(cut_start, len(text)), len(text) - cut_end)
        assert lexicon.may_open_list_after_mark(text, a, b) == _opens_after_a_mark(lexicon, text, a, b)

    check()
    opened = 0
    for path in _report_texts():
        text = path.read_text(encoding="utf-8")
        for a, b in sentence_spans(text):
            found = lexicon.may_open_list_after_mark(text, a, b)
            assert found == _opens_after_a_mark(lexicon, text, a, b)
            opened += found
    assert opened > 100


# ── sentences found by one search ───────────────────────────────────────────────────────────────────────
def _sentences_end_by_end(text: str) -> list[tuple[int, int]]:
    """The sentences as found before, end by end: a span per end mark (。！？!? or a line end) that is not all
    blank, and the text's tail when it is not."""
    from linter.language.claims import _pieces

    spans, start = [], 0
    for i, ch in enumerate(text):
        if ch in "。！？!?\n":
            if text[start:i + 1].strip():
                spans += _pieces(text, start, i + 1)
            start = i + 1
    if text[start:].strip():
        spans += _pieces(text, start, len(text))
    return spans


def test_sentences_are_those_found_end_by_end():
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from fuzzing import scaled

    @settings(max_examples=scaled(3000))
    @given(st.lists(st.sampled_from(list("。！？!?\n \t\u3000\xa0，；、甲乙1") + ["共3件", "，" * 30]), max_size=40),
           st.integers(0, 3))
    def check(pieces, long):
        text = "".join(pieces) + "甲乙，" * (1000 * long)  # (pieces of a sentence longer than LONGEST_SENTENCE too)
        assert sentence_spans(text) == _sentences_end_by_end(text)

    check()
    for path in _report_texts():
        text = path.read_text(encoding="utf-8")
        assert sentence_spans(text) == _sentences_end_by_end(text)


def test_a_long_blank_run_is_read_once():
    import hostile

    spans, seconds, stretch = hostile.wall_clock(lambda: sentence_spans(" " * 400_000 + "\n" + "\u3000" * 400_000))
    assert spans == []
    assert seconds < 1.0 * stretch, (seconds, stretch)  # (about 0.1 s; minutes if each blank were read on)
