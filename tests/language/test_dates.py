"""Dates, years and the statistics period in Chinese report text."""
from __future__ import annotations

import datetime as _dt

import pytest

from linter.language.dates import dominant_year, find_dates, find_period, find_years, parse_date
from linter.document.model import normalize



@pytest.mark.parametrize("text,expected", [
    ("2024年1月22日", _dt.date(2024, 1, 22)),
    ("二〇二四年一月二十二日", _dt.date(2024, 1, 22)),
    ("二〇二三年十二月三十一日", _dt.date(2023, 12, 31)),
    ("2024-01-22", _dt.date(2024, 1, 22)),
    ("2024.1.22", _dt.date(2024, 1, 22)),
    ("2024/1/5", _dt.date(2024, 1, 5)),
    ("发布时间: 2023-02-20 15:07", _dt.date(2023, 2, 20)),
    ("２０２４年１月２２日", _dt.date(2024, 1, 22)),   # full-width digits, once normalised
    ("2024 年 1 月 22 日", _dt.date(2024, 1, 22)),     # PDF spacing, once normalised
])
def test_parse_date_forms(text, expected):
    assert parse_date(normalize(text).text) == expected


@pytest.mark.parametrize("text", ["2024年2月30日", "2024年13月1日", "1.2.3", "第2024号", "2024年"])
def test_not_a_date(text):
    assert parse_date(text) is None


def test_month_day_takes_the_year_of_the_sentence():
    found = find_dates("统计期限从2023年1月1日到12月31日止。12月5日另计")
    assert [f.date for f in found] == [_dt.date(2023, 1, 1), _dt.date(2023, 12, 31)]
    assert [f.year_written for f in found] == [True, False]


@pytest.mark.parametrize("text,year", [
    ("报告中所列数据统计期限从2023年1月1日到12月31日止。", 2023),
    ("本报告所列数据的统计期限自2019年1月1日起至2019年12月31日止。", 2019),
    ("本报告中所列数据统计时限为2022年1月1日至2022年12月31日。", 2022),
    (normalize("报告所列统计期限自 2024 年 1 月 1 日至 2024 年 12 月 31 日。").text, 2024),
])
def test_period_whole_year(text, year):
    period = find_period(text)
    assert period is not None and period.whole_year == year


@pytest.mark.parametrize("text", [
    "本报告所列数据的统计期限自至。",
    "统计期限自2023年1月1日至2023年11月30日。",
    "统计期限自2022年1月1日至2023年12月31日。",
    "数据时间段为2019年9月1日至2019年12月31日。",
])
def test_period_not_a_whole_year(text):
    period = find_period(text)
    assert period is not None and period.whole_year is None


@pytest.mark.parametrize("text,year", [
    ("本报告的统计数据时间段为2020年1月1日至2020年12月31日。", 2020),   # whatever noun frames it
    ("统计时限从2011年1月1日起至2011年12月31日止。", 2011),
    ("二〇二三年一月一日至十二月三十一日的数据。", 2023),
    ("本报告所列数据为2023年1-12月的数据。", 2023),                     # a range of months
    ("本报告数据统计为2023年度。", 2023),                                 # a whole year, in a sentence about the data
    ("2023.1.1-2023.12.31", 2023),
])
def test_a_period_is_read_from_its_dates_not_its_words(text, year):
    assert find_period(text).whole_year == year


def test_a_range_without_a_year_is_the_report_year():
    period = find_period("本年度（1月1日至12月31日），我县坚持以公开为常态。")
    assert period.yearless and period.whole_year == 0


@pytest.mark.parametrize("text", [
    "本报告由县政府办公室编制。",
    "2023年9月15日至10月20日开展了专项检查。",          # an event, not a period: its ends are not month ends
    "我局于2023年度开展培训3次。",                       # a year named, but not of the figures
])
def test_no_period(text):
    assert find_period(text) is None


def test_years_and_dominant_year():
    text = "2023年，我县……2023年共收到申请。二〇二三年……2024年将继续。"
    assert [y.year for y in find_years(text)] == [2023, 2023, 2023, 2024]
    year, counts = dominant_year(text)
    assert year == 2023 and counts[2024] == 1
    assert dominant_year("没有年份")[0] is None


def test_a_whole_year_period_is_preferred_over_an_earlier_cut_off_date():
    text = "数据统计时间截至2024年1月5日。本报告统计期限自2023年1月1日至12月31日。"
    period = find_period(text)
    assert period.whole_year == 2023


def test_a_cut_off_date_is_not_an_annual_period():
    assert find_period("数据统计时间截至2024年1月5日。") is None  # one date is no range
