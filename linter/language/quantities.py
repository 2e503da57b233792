"""Quantities in prose: a number, its unit, and the words it counts ("发布动态政府信息54篇", "A类1件", "办复率100%").

Numbers may be Arabic (full-width digits are folded by the reader), Chinese (两件, 二十三条, 一百零五件, 近百件)
and carry 万/亿 multipliers.  Numbers with a hedge — 2万余次, 42.4万余次, 近百件, 约30条, 100多件 — are
`approximate`, and no exact check may use them.  Offsets are into the string given, like tokens.
"""
from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from operator import attrgetter
from typing import Callable, NamedTuple

from linter.language.numerals import cn_to_int

# Counting units (longest first so 人次 wins over 人) and the percent signs.
COUNT_UNITS = ("人次", "万元", "余件", "篇", "条", "件", "项", "份", "则", "个", "次", "人", "家", "户", "期",
               "场", "批", "宗", "起", "例", "元", "名", "封", "张", "部", "本")
COUNT_UNITS = tuple(u for u in COUNT_UNITS if u != "余件")
PERCENT = "%％"
_PREFIX_APPROX = ("将近", "大约", "超过", "近", "约", "逾", "超")
_SUFFIX_APPROX = ("余", "多")

_ARABIC = r"\d+(?:,\d{3})*(?:\.\d+)?"
_CN_DIGITS = "零〇一二两三四五六七八九十百千"
_ARABIC_RE = re.compile(_ARABIC)
_CN = rf"[{_CN_DIGITS}]+"
# the units longest first (人次 wins over 人), the one-character ones as one class: a class is tested at once,
# where an alternation of twenty-five characters is tried branch by branch after every number
_UNIT_RE = "|".join([re.escape(u) for u in sorted((u for u in COUNT_UNITS if len(u) > 1), key=len, reverse=True)]
                    + [f"[{''.join(u for u in COUNT_UNITS if len(u) == 1)}]"])
# The pattern opens with the number's first character, a class that `re` scans for in C, skipping every other
# position at once (a pattern opening with the optional prefix, or a look-ahead, is entered at each character:
# the scan was most of the extraction's time).  So the number's two forms share that first character and each
# goes on only after its own kind (an Arabic number after a digit, a Chinese one after a Chinese digit); the
# look-behind past that character is the number's (no digit, point or comma before it); and the prefix before
# the number (近, 将近 …) is read by `_prefix`.  The unit is required: most numbers of a report have none (the
# digits of 2021年12月31日, 一 of 统一), and each would otherwise be a match made and passed over in Python.
# A number is read whole, as one atomic group (a shorter one would leave a digit where a unit must stand), and
# starts where a number of its run would start if every run were read through: an Arabic number after no
# digit, point or comma; a Chinese one after no Chinese digit either — or second in its run when the run's
# first character follows a digit, point or comma (3二十件: 十件).  So the pattern is entered once at each digit
# and reads each run of digits once, however long.  (Property-tested against the pattern that reads every
# number, unit or not: tests/language/test_quantities.py.)
QUANTITY_RE = re.compile(
    rf"(?P<num>[\d{_CN_DIGITS}](?<![\d.,].)(?>(?<=\d)\d*(?:,\d{{3}})*(?:\.\d+)?"
    rf"|(?<=[{_CN_DIGITS}])(?:(?<![{_CN_DIGITS}].)|(?<=[\d.,][{_CN_DIGITS}].))[{_CN_DIGITS}]*))"
    rf"(?P<mult>万|亿)?(?P<approx>余|多)?"
    rf"(?:(?P<unit>{_UNIT_RE})|\s?(?P<pct>[{PERCENT}]))"
)
# Where to look for QUANTITY_RE: a quantity ends with its unit (or percent sign), right after the characters of
# its number — digits, Chinese digits, a comma or point, 万/亿, 余/多, or the space before a percent sign (`_RUN`).
# The text is searched for a unit's first character after such a character (`_UNIT_AFTER_NUMBER_RE`: a unit
# character is entered by the search a third as often as a digit — most digits, of years, dates and table rows,
# end no quantity), and QUANTITY_RE is matched only from the start of the run of number characters before it,
# found by matching the reversed text (`_RUN_BACK_RE`).  A 万 is looked at only before 元 (万元): as a multiplier
# it is inside a run, and every 万 of a run would walk the run back again.
_RUN = rf"[\d{_CN_DIGITS},.万亿余多\s]"
_UNIT_AFTER_NUMBER_RE = re.compile(
    rf"[{''.join(sorted({u[0] for u in COUNT_UNITS}))}{PERCENT}](?<={_RUN}.)(?:(?<!万)|(?=元))")
_RUN_BACK_RE = re.compile(rf"{_RUN}*+")
_LONGEST_UNIT = max(map(len, COUNT_UNITS))
_PREFIXES_BY_LENGTH = sorted({len(p) for p in _PREFIX_APPROX}, reverse=True)
_PREFIX_ENDS = frozenset(p[-1] for p in _PREFIX_APPROX)  # a hedge ends with one of these, right before its number
_SUFFIX_HEDGES = ("左右", "以上", "上下")  # after a count's unit


def _prefix(text: str, start: int) -> str:
    """The hedge right before a number at `start` (将近, 约 …; the longest), or ""."""
    for n in _PREFIXES_BY_LENGTH:
        if start >= n and text[start - n:start] in _PREFIX_APPROX:
            return text[start - n:start]
    return ""


PERCENT_WORDS_RE = re.compile(r"百分之(?P<num>[零〇一二两三四五六七八九十百点]+)")


class Quantity(NamedTuple):
    """One number with its unit.  `start`/`end` cover number and unit; `num_start`/`num_end` the number.
    (A tuple: a report holds a hundred of them, and a frozen dataclass is slow to make.)"""

    value: Decimal
    unit: str            # 篇, 条, 件, …, or "%" for percentages
    start: int
    end: int
    num_start: int
    num_end: int
    approximate: bool
    raw: str
    places: int          # decimal places as printed (for percentages: the printed precision)

    @property
    def is_percent(self) -> bool:
        return self.unit == "%"


def _value(num: str, mult: str | None, arabic: bool | None = None) -> tuple[Decimal, int] | None:
    """The number's value and decimal places (`arabic`: whether it is written in digits, when known)."""
    if arabic if arabic is not None else _ARABIC_RE.fullmatch(num):
        try:
            value = Decimal(num.replace(",", ""))
        except InvalidOperation:
            return None
        places = len(num.split(".", 1)[1]) if "." in num else 0
    else:
        n = cn_to_int(num)
        if n is None:
            return None
        value, places = Decimal(n), 0
    if mult == "万":
        value *= 10_000
    elif mult == "亿":
        value *= 100_000_000
    return value, places


def extract(text: str, token_starts: set[int] | None = None, token_ends: set[int] | None = None,
            bounds: Callable[[], tuple[set[int], set[int]]] | None = None) -> list[Quantity]:
    """Every quantity in `text`.

    With token boundaries given (or `bounds`, called only when a Chinese numeral is met, so a report
    without one never pays for segmentation), a Chinese numeral must start a token and its unit end one, so
    that 统一, 一条龙 and 十分 are not read as numbers.  A numeral preceded by 第 is an ordinal, not a count.
    """
    out: list[Quantity] = []
    make = tuple.__new__  # (a NamedTuple's own constructor is a Python function)
    for m in quantity_matches(text):
        num, mult, hedge, unit, pct = m.group("num", "mult", "approx", "unit", "pct")
        ns, ne = m.span("num")
        if ns > 0 and text[ns - 1] == "第":
            continue
        if pct:
            unit = "%"
        chinese = not num[0].isdigit()
        end = m.end()
        if chinese:
            if pct:
                continue
            if bounds is not None and token_starts is None:
                token_starts, token_ends = bounds()
            if not _on_tokens(text, ns, end, token_starts, token_ends):
                continue
        parsed = _value(num, mult, not chinese)  # (the pattern reads digits as `_ARABIC`)
        if parsed is None:
            continue
        value, places = parsed
        pre = _prefix(text, ns) if ns > 0 and text[ns - 1] in _PREFIX_ENDS else ""
        # "2万余次": 余 after the multiplier; "100多件": 多 after the number
        approximate = bool(pre or hedge) or (not pct and text.startswith(_SUFFIX_HEDGES, end))
        start = ns - len(pre)
        out.append(make(Quantity, (value, unit, start, end, ns, ne, approximate, text[start:end], places)))
    found = len(out)
    for m in PERCENT_WORDS_RE.finditer(text):
        raw = m.group("num")
        whole, _, frac = raw.partition("点")
        n = cn_to_int(whole)
        if n is None:
            continue
        digits = "".join(str(cn_to_int(c)) for c in frac if cn_to_int(c) is not None)
        value = Decimal(f"{n}.{digits}") if digits else Decimal(n)
        out.append(Quantity(value, "%", m.start(), m.end(), m.start("num"), m.end("num"), False, m.group(), len(digits)))
    if len(out) > found:  # (the quantities of `quantity_matches` are in text order: percents in words go among them)
        out.sort(key=_START)
    return out


_START = attrgetter("start")


def quantity_matches(text: str) -> list[re.Match]:
    """The matches of QUANTITY_RE in `text`, as `QUANTITY_RE.finditer(text)` finds them, each found by a search of
    the run of number characters before a unit (see `_UNIT_AFTER_NUMBER_RE`).  A match holds no unit character
    but its own at its end, so it is the one match of the run before it, and runs follow one another."""
    found: list[re.Match] = []
    reversed_text = None
    size, done = len(text), 0  # (done: where the last match ends; a run cannot start before it)
    search = QUANTITY_RE.search
    for unit in _UNIT_AFTER_NUMBER_RE.finditer(text):
        at = unit.start()
        if at < done:
            continue  # the 元 of a 万元 already read
        if reversed_text is None:
            reversed_text = text[::-1]
        run_start = size - _RUN_BACK_RE.match(reversed_text, size - at).end()
        m = search(text, max(run_start, done), at + _LONGEST_UNIT)
        if m is not None:
            found.append(m)
            done = m.end()
    return found


def on_tokens(text: str, q: Quantity, token_starts, token_ends) -> bool:
    """Would `extract`, given token boundaries, find `q` (found without them)?  A Chinese numeral must start a
    token and its unit end one; an Arabic number and a percent stand wherever they are."""
    if q.unit == "%" or text[q.num_start].isdigit():
        return True
    return _on_tokens(text, q.num_start, q.end, token_starts, token_ends)


def _on_tokens(text: str, start: int, end: int, token_starts, token_ends) -> bool:
    if token_starts is not None and start not in token_starts:
        return False
    return token_ends is None or end in token_ends or (end < len(text) and not _is_cjk(text[end]))


def _is_cjk(ch: str) -> bool:
    return "\u3400" <= ch <= "\u9fff"


def percent_agrees(printed: Decimal, places: int, part: Decimal, whole: Decimal) -> bool:
    """Does `printed`% (with `places` decimals) state part/whole, rounded or truncated to that precision?"""
    if whole == 0:
        return False
    true = part * 100 / whole
    step = Decimal(1).scaleb(-places)
    return abs(true - printed) < step
