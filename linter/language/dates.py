"""Dates and years in report text: 2024年1月22日, 二〇二四年一月二十二日, 2024-01-22, 2024.1.22, 2024/1/22.

Everything works on normalised text (full-width digits already folded, spaces next to CJK dropped) and
returns character offsets into that text, so callers map them to source positions with
`Text.source_span`.  A month-day without a year ("至12月31日") takes its year from the date before it
in the same sentence, the way the 统计期限 sentence is usually written.
"""
from __future__ import annotations

import datetime as _dt
import re
from collections import Counter
from dataclasses import dataclass
from typing import Iterator

from linter.language.anchored import tried_near
from linter.language.numerals import cn_to_int
from linter.language.sentences import Breaks, around

_CN_DIGIT = "〇零○Ｏ一二三四五六七八九"
_CN_SMALL = "一二三四五六七八九十"

# Each pattern opens with a look-ahead for the characters a match can start with: `re` then gives up at once at
# every other position, where a look-behind alternative made it try the whole pattern.  (Over a text they are
# tried only where a match can start: `tried_near`.)
_FULL_RE = re.compile(
    rf"(?=[12{_CN_DIGIT}])"
    rf"(?:(?P<y>(?:19|20)\d{{2}})年(?P<m>\d{{1,2}})月(?P<d>\d{{1,2}})日"
    rf"|(?P<cy>[{_CN_DIGIT}]{{4}})年(?P<cm>[{_CN_SMALL}]{{1,3}})月(?P<cd>[{_CN_SMALL}]{{1,3}})日"
    rf"|(?<![\d.])(?P<ny>(?:19|20)\d{{2}})(?P<sep>[-./])(?P<nm>\d{{1,2}})(?P=sep)(?P<nd>\d{{1,2}})(?![\d]))"
)
_MONTH_DAY_RE = re.compile(rf"(?=[\d{_CN_SMALL}])(?:(?<![年\d])(?P<m>\d{{1,2}})月(?P<d>\d{{1,2}})日|(?<![年{_CN_SMALL}])(?P<cm>[{_CN_SMALL}]{{1,3}})月(?P<cd>[{_CN_SMALL}]{{1,3}})日)")
# A year is found by its 年 (a literal opening a pattern is searched for as a whole, the quickest search there is),
# then the four characters before it are looked at; an empty group says which kind of year they are.
_YEAR_RE = re.compile(rf"年(?:(?<=(?<!\d)(?:19|20)\d\d年)(?P<arabic>)|(?<=[{_CN_DIGIT}]{{4}}年)(?P<chinese>))")


# What every match of the patterns above holds a few characters after its start: the 年 (or the separator of
# 2024-01-22) after the four digits of a year; the 月 after the one to three of a month.
_YEAR_END_RE = re.compile(r"[年\-./]")
_MONTH_RE = re.compile("月")


@dataclass(frozen=True)
class FoundDate:
    """A date found in a text: `start`/`end` are offsets in that (normalised) text."""

    start: int
    end: int
    date: _dt.date
    year_written: bool = True  # False for "12月31日" completed from an earlier date


@dataclass(frozen=True)
class FoundYear:
    start: int
    end: int
    year: int


def _make(y: int | None, m: int | None, d: int | None) -> _dt.date | None:
    if y is None or m is None or d is None:
        return None
    try:
        return _dt.date(y, m, d)
    except ValueError:
        return None


def find_dates(text: str) -> list[FoundDate]:
    """Every complete date in `text`, plus month-days completed with the year of the date before them."""
    out: list[FoundDate] = []
    for m in tried_near(_FULL_RE, text, _YEAR_END_RE, (4,)):
        if m.group("y"):
            date = _make(int(m.group("y")), int(m.group("m")), int(m.group("d")))
        elif m.group("cy"):
            date = _make(cn_to_int(m.group("cy")), cn_to_int(m.group("cm")), cn_to_int(m.group("cd")))
        else:
            date = _make(int(m.group("ny")), int(m.group("nm")), int(m.group("nd")))
        if date is not None:
            out.append(FoundDate(m.start(), m.end(), date))
    full = list(out)  # in text order; walked once alongside the month-days
    i = 0
    prev: FoundDate | None = None
    for m in tried_near(_MONTH_DAY_RE, text, _MONTH_RE, (1, 2, 3)):
        while i < len(full) and full[i].end <= m.start():
            prev = full[i]
            i += 1
        if i < len(full) and full[i].start <= m.start() < full[i].end:
            continue  # part of a complete date
        if prev is None:
            continue
        # Only inside the same sentence: no 。；\n between the full date and this month-day.
        if re.search(r"[。；\n]", text[prev.end:m.start()]):
            continue
        month = int(m.group("m")) if m.group("m") else cn_to_int(m.group("cm"))
        day = int(m.group("d")) if m.group("d") else cn_to_int(m.group("cd"))
        date = _make(prev.date.year, month, day)
        if date is not None:
            out.append(FoundDate(m.start(), m.end(), date, year_written=False))
    out.sort(key=lambda f: f.start)
    return out


def parse_date(text: str) -> _dt.date | None:
    """The first complete date in a short text (a closing line, a metadata value), or None."""
    found = [f for f in find_dates(text) if f.year_written]
    return found[0].date if found else None


def find_years(text: str) -> list[FoundYear]:
    """Every "YYYY年" (Arabic or 二〇二三年) in `text`."""
    out = []
    for m in _YEAR_RE.finditer(text):
        start = m.start() - 4
        digits = text[start:m.start()]
        year = int(digits) if m.lastgroup == "arabic" else cn_to_int(digits)
        if year and 1900 <= year <= 2100:
            out.append(FoundYear(start, m.end(), year))
    return out


def dominant_year(text: str | list[FoundYear]) -> tuple[int | None, Counter]:
    """The most frequent "YYYY年" of a text (or of its `find_years`, already found) and the counts of all
    years (None when there is none)."""
    counts = Counter(y.year for y in (find_years(text) if isinstance(text, str) else text))
    if not counts:
        return None, counts
    (year, _), *_ = counts.most_common(1)
    return year, counts


@dataclass(frozen=True)
class Period:
    """A statistics period (统计期限) as the text states it: its first and last date (None for a frame whose
    dates were left blank, 自至), and where it stands."""

    start: int        # offsets in the searched text
    end: int
    first: FoundDate | None
    last: FoundDate | None
    yearless: bool = False  # 1月1日至12月31日 with no year written: the report's own year
    named_year: bool = False  # a year named as a whole (数据统计为2023年度), weaker than a range of dates

    @property
    def whole_year(self) -> int | None:
        """The year when the period is 1月1日–12月31日 of one year (for a yearless range: 0), else None."""
        if self.first is None or self.last is None:
            return None
        if self.yearless:
            a, b = self.first.date, self.last.date
            return 0 if (a.month, a.day, b.month, b.day) == (1, 1, 12, 31) else None
        a, b = self.first.date, self.last.date
        if a.year == b.year and (a.month, a.day) == (1, 1) and (b.month, b.day) == (12, 31):
            return a.year
        return None

    @property
    def annual(self) -> bool:
        """Does it look like a yearly period (a range starting 1月1日 or ending 12月31日), not a 截至 date?"""
        if self.first is None or self.last is None:
            return False
        return (self.first.date.month, self.first.date.day) == (1, 1) or (self.last.date.month, self.last.date.day) == (12, 31)


# What joins the two ends of a range: 至, 到, a dash or tilde, with 起 after the first end (自…起至…止).
_RANGE_LINK_RE = re.compile(r"^\s*起?\s*(?:至|到|—{1,2}|－|–|-|~|～)\s*$")
# A range of months: 2023年1-12月, 2023年1月至12月, 2023年1月—2023年12月 (no day after the second month).
_MONTH_RANGE_RE = re.compile(
    r"(?P<y>(?:19|20)\d{2})年(?P<m1>\d{1,2})月?\s*(?:起?\s*(?:至|到|—{1,2}|－|–|-|~|～))\s*"
    r"(?:(?P<y2>(?:19|20)\d{2})年)?(?P<m2>\d{1,2})月(?!\s*\d{1,2}日|份)")
# A year named as a whole in a sentence about the figures: 统计期限为2023年度, 数据为2023年全年.
_WHOLE_YEAR_RE = re.compile(r"(?P<y>(?:19|20)\d{2})\s*(?:年度|年全年|全年)")
_FIGURES_RE = re.compile(r"统计|数据")
# A range whose dates were left blank: 统计期限自至, 从到.
_BLANK_RANGE_RE = re.compile(r"(?:自|从)\s*(?:起)?\s*(?:至|到)\s*(?:止)?")
_CLAUSE_BREAKS = "。！？；，,\n"  # a clause is a run of other characters
_CLAUSES = Breaks(_CLAUSE_BREAKS)
_CLAUSE_RE = re.compile(f"[^{_CLAUSE_BREAKS}]+")
_YEARLESS_RANGE_RE = re.compile(
    r"(?=\d)(?<![年\d])(?P<m1>\d{1,2})月(?P<d1>\d{1,2})日\s*起?\s*(?:至|到|—{1,2}|－|–|-|~|～)\s*(?P<m2>\d{1,2})月(?P<d2>\d{1,2})日")
_LEAP = 2000  # the year a yearless range is read in (a leap year: 2月29日 is a day)


def find_periods(text: str) -> list[Period]:
    """Every period the text states, in order, read from what it says rather than the words around it:

    * a range of two dates joined by 至/到/a dash (自2023年1月1日起至2023年12月31日止, 2023年1月1日—12月31日,
      二〇二三年一月一日至十二月三十一日) whose ends fall on the first and last days of months — a statistics
      period, whole or not; a range of other days (9月15日至10月20日) is an event, not a period;
    * a range of months (2023年1-12月, 2023年1月至12月);
    * a year named as a whole (2023年度, 2023年全年) in a sentence about the figures (统计, 数据);
    * a range frame with its dates left blank (统计期限自至): a period statement with no dates.
    """
    found: list[Period] = []
    dates = find_dates(text)
    for a, b in zip(dates, dates[1:]):
        if _RANGE_LINK_RE.match(text[a.end:b.start]) and _month_aligned(a.date, b.date):
            found.append(Period(a.start, b.end, a, b))
    dated = [(d.start, d.end) for d in dates]
    for m in tried_near(_YEARLESS_RANGE_RE, text, _MONTH_RE, (1, 2)):
        if not any(a <= m.start() < b for a, b in dated):  # 本年度1月1日至12月31日: the report's year
            first = _make(_LEAP, int(m.group("m1")), int(m.group("d1")))
            last = _make(_LEAP, int(m.group("m2")), int(m.group("d2")))
            if first is not None and last is not None and _month_aligned(first, last):
                found.append(Period(m.start(), m.end(), FoundDate(m.start(), m.start(), first, False),
                                    FoundDate(m.end(), m.end(), last, False), yearless=True))
    for m in _MONTH_RANGE_RE.finditer(text):
        first, last = _month_range(m)
        if first is not None and last is not None:
            found.append(Period(m.start(), m.end(), FoundDate(m.start(), m.start(), first),
                                FoundDate(m.end(), m.end(), last)))
    for start, clause in _figures_clauses(text):
        for m in _WHOLE_YEAR_RE.finditer(clause):
            year, at = int(m.group("y")), start + m.start()
            found.append(Period(at, start + m.end(), FoundDate(at, at, _dt.date(year, 1, 1)),
                                FoundDate(at, at, _dt.date(year, 12, 31)), named_year=True))
        blank = _BLANK_RANGE_RE.search(clause)
        if blank and not find_dates(clause):
            found.append(Period(start + blank.start(), start + blank.end(), None, None))
    found.sort(key=lambda p: p.start)
    return found


def _figures_clauses(text: str) -> Iterator[tuple[int, str]]:
    """The clauses (runs of characters between `_CLAUSE_BREAKS`) about the figures, in order, with where they
    start: found around each place a word of the figures stands (a look into every clause cost more than the
    rest of the period's search)."""
    lo = 0  # where the clause after the last one found starts at the earliest
    for count, word in enumerate(_FIGURES_RE.finditer(text), 1):
        if count > 64 and count * 64 > word.start():  # the words everywhere: every clause is looked into
            yield from ((c.start(), c.group()) for c in _CLAUSE_RE.finditer(text, lo) if _FIGURES_RE.search(c.group()))
            return
        if word.start() < lo:
            continue  # in the clause found last
        start, end = around(text, word.start(), word.end(), _CLAUSES, lo)
        yield start, text[start:end]
        lo = end


def find_period(text: str) -> Period | None:
    """The statistics period of `text`: a range of dates or months the text states (a whole year first), else a
    year named as a whole, else a frame with its dates blank."""
    periods = find_periods(text)
    ranges = [p for p in periods if p.first is not None and not p.named_year]
    return (next((p for p in ranges if p.whole_year is not None), None) or (ranges[0] if ranges else None)
            or next((p for p in periods if p.named_year), None) or (periods[0] if periods else None))


def _month_aligned(a: _dt.date, b: _dt.date) -> bool:
    """A statistics period runs from the first day of a month to the last day of a month, forward in time."""
    return a.day == 1 and (b + _dt.timedelta(days=1)).day == 1 and a < b


def _month_range(m: re.Match) -> tuple[_dt.date | None, _dt.date | None]:
    year = int(m.group("y"))
    last_year = int(m.group("y2")) if m.group("y2") else year
    first = _make(year, int(m.group("m1")), 1)
    month = int(m.group("m2"))
    if first is None or not 1 <= month <= 12:
        return None, None
    last = _dt.date(last_year + month // 12, month % 12 + 1, 1) - _dt.timedelta(days=1)
    return (first, last) if first < last else (None, None)
