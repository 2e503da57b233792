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

from linter.language.numerals import cn_to_int

_CN_DIGIT = "〇零○Ｏ一二三四五六七八九"
_CN_SMALL = "一二三四五六七八九十"

_FULL_RE = re.compile(
    rf"(?P<y>(?:19|20)\d{{2}})年(?P<m>\d{{1,2}})月(?P<d>\d{{1,2}})日"
    rf"|(?P<cy>[{_CN_DIGIT}]{{4}})年(?P<cm>[{_CN_SMALL}]{{1,3}})月(?P<cd>[{_CN_SMALL}]{{1,3}})日"
    rf"|(?<![\d.])(?P<ny>(?:19|20)\d{{2}})(?P<sep>[-./])(?P<nm>\d{{1,2}})(?P=sep)(?P<nd>\d{{1,2}})(?![\d])"
)
_MONTH_DAY_RE = re.compile(rf"(?<![年\d])(?P<m>\d{{1,2}})月(?P<d>\d{{1,2}})日|(?<![年{_CN_SMALL}])(?P<cm>[{_CN_SMALL}]{{1,3}})月(?P<cd>[{_CN_SMALL}]{{1,3}})日")
_YEAR_RE = re.compile(rf"(?<![\d])(?P<y>(?:19|20)\d{{2}})年|(?P<cy>[{_CN_DIGIT}]{{4}})年")


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
    for m in _FULL_RE.finditer(text):
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
    for m in _MONTH_DAY_RE.finditer(text):
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
        year = int(m.group("y")) if m.group("y") else cn_to_int(m.group("cy"))
        if year and 1900 <= year <= 2100:
            out.append(FoundYear(m.start(), m.end(), year))
    return out


def dominant_year(text: str) -> tuple[int | None, Counter]:
    """The most frequent "YYYY年" of a text and the counts of all years (None when there is none)."""
    counts = Counter(y.year for y in find_years(text))
    if not counts:
        return None, counts
    (year, _), *_ = counts.most_common(1)
    return year, counts


@dataclass(frozen=True)
class Period:
    """A statistics period (统计期限): the sentence, and its first and last date when both were found."""

    start: int        # offsets of the sentence in the searched text
    end: int
    first: FoundDate | None
    last: FoundDate | None

    @property
    def whole_year(self) -> int | None:
        """The year when the period is 1月1日–12月31日 of one year, else None."""
        if self.first is None or self.last is None:
            return None
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


def find_period(text: str, keywords: list[str]) -> Period | None:
    """The sentence of `text` that names the statistics period (one of `keywords`), with its dates: the
    first one that gives a whole year, else the first one that names a period at all."""
    candidates = []
    for m in re.finditer(r"[^。！？；\n]+", text):
        sentence = m.group()
        at = min((sentence.find(k) for k in keywords if k in sentence), default=-1)
        if at < 0:
            continue
        dates = find_dates(sentence[at:])
        first = last = None
        if dates:
            shift = m.start() + at
            first = _shifted(dates[0], shift)
            last = _shifted(dates[-1], shift) if len(dates) > 1 else None
        period = Period(m.start(), m.end(), first, last)
        if period.whole_year is not None:
            return period
        candidates.append(period)
    return candidates[0] if candidates else None


def _shifted(d: FoundDate, by: int) -> FoundDate:
    return FoundDate(d.start + by, d.end + by, d.date, d.year_written)
