"""A pattern tried only before its anchors finds what `finditer` finds, on the report texts the date reader
searches."""
import re

from linter.language.anchored import tried_near
from linter.language.dates import _FULL_RE, _MONTH_DAY_RE, _MONTH_RE, _YEAR_END_RE, find_dates

TEXTS = [
    "本报告统计期限自2023年1月1日起至12月31日止，二〇二三年一月一日至十二月三十一日；发布于2024-01-22。",
    "2023年1月1日2023年2月1日、3月1日至4月30日，1-2月、12月31日。2019.3.5和2019/3/5，20231月1日",
    "一是加强领导；二是完善制度。三是三是（一）（二）（三）第一，第二、①②③（1）（2）十二是",
]


def _spans(matches):
    return [(m.span(), m.groupdict()) for m in matches]


def test_the_date_patterns_find_what_finditer_finds():
    for text in TEXTS:
        assert _spans(tried_near(_FULL_RE, text, _YEAR_END_RE, (4,))) == _spans(_FULL_RE.finditer(text))
        assert _spans(tried_near(_MONTH_DAY_RE, text, _MONTH_RE, (1, 2, 3))) == _spans(_MONTH_DAY_RE.finditer(text))


def test_dates_in_a_period_sentence():
    found = find_dates(TEXTS[0])
    assert [(f.date.isoformat(), f.year_written) for f in found] == [
        ("2023-01-01", True), ("2023-12-31", False), ("2023-01-01", True), ("2023-12-31", False), ("2024-01-22", True)]


def test_a_match_holding_the_next_anchor_hides_it_as_in_finditer():
    pattern, anchor = re.compile("a.b"), re.compile("b")
    for text in ("axbxbab", "axbbyb", "abbab", "aabb", "axbayb"):
        assert [m.span() for m in tried_near(pattern, text, anchor, (2,))] == [m.span() for m in pattern.finditer(text)]
    assert [m.span() for m in tried_near(pattern, "axbayb", anchor, (2,))] == [(0, 3), (3, 6)]


def test_dense_anchors_hand_over_to_finditer_with_the_same_matches():
    text = "（一）加强（二）完善，（三）" * 200 + "月1日，12月31日" * 100
    paren = re.compile(r"[\s，。、（(](?P<n>[（(][一二三四五六七八九十]{1,3}[）)])")  # an ordinal after a lead
    assert _spans(tried_near(paren, text, re.compile("[（(]"), (1,))) == _spans(paren.finditer(text))
    assert _spans(tried_near(_MONTH_DAY_RE, text, _MONTH_RE, (1, 2, 3))) == _spans(_MONTH_DAY_RE.finditer(text))
