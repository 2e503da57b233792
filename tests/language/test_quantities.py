"""The quantity pattern requires a unit (or a percent sign), so that the numbers of a report that have none
(years, dates, phone numbers, 一 of 统一) are not matches made and passed over one by one.  It must find exactly
the quantities of the pattern that reads every number, unit or not, and keeps those with one: the same
spans and the same groups — on every corpus and crawled report, and on any string of digits, units,
multipliers, hedges, marks and other characters."""
from __future__ import annotations

import re
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from fuzzing import scaled
from linter.language.quantities import PERCENT, QUANTITY_RE, _CN_DIGITS, _UNIT_RE, extract

# every number, with or without a unit: a run of digits is read through in one match
EVERY_NUMBER_RE = re.compile(
    rf"(?P<num>[\d{_CN_DIGITS}](?<![\d.,].)(?:(?<=\d)\d*(?:,\d{{3}})*(?:\.\d+)?|(?<=[{_CN_DIGITS}])[{_CN_DIGITS}]*))"
    rf"(?P<mult>万|亿)?(?P<approx>余|多)?"
    rf"(?:(?P<unit>{_UNIT_RE})|\s?(?P<pct>[{PERCENT}]))?"
)


def _with_units(pattern: re.Pattern, text: str) -> list:
    return [(m.span(), m.groupdict()) for m in pattern.finditer(text) if m.group("unit") or m.group("pct")]


def _same_quantities(text: str) -> None:
    assert _with_units(QUANTITY_RE, text) == _with_units(EVERY_NUMBER_RE, text)


def _report_texts() -> list[Path]:
    root = Path(__file__).resolve().parents[1]
    return sorted((root / "fixtures" / "corpus").glob("*.txt")) + sorted((root / "ecosystem" / "corpus").rglob("*.txt"))


def test_every_report_has_the_same_quantities():
    texts = _report_texts()
    assert len(texts) > 50
    found = 0
    for path in texts:
        text = path.read_text(encoding="utf-8")
        _same_quantities(text)
        found += len(extract(text))
    assert found > 1000


_PIECES = (list("0123456789０１２３" + _CN_DIGITS + "万亿余多.,，%％ \n第近约年月日统分龙")
           + ["件", "条", "人次", "万元", "元", "个", "篇", "次", "多件", "余人", "左右", "1,234", "3.5", "二十三"])


@settings(max_examples=scaled(3000))
@given(st.lists(st.sampled_from(_PIECES), max_size=30))
def test_any_string_has_the_same_quantities(pieces):
    _same_quantities("".join(pieces))


def test_a_number_is_read_where_its_run_would_be_read():
    assert _with_units(QUANTITY_RE, "3二十件")[0][1]["num"] == "十"  # the run's first follows a digit
    assert [m.group() for m in QUANTITY_RE.finditer("二〇二一年受理二十三件，1,234条，12.5%，3,12件")] == [
        "二十三件", "1,234条", "12.5%"]


def test_a_long_run_of_digits_is_read_once():
    """A run of digits with no unit after it, however long, is read through once (a Chinese one entered at
    each of its characters and read to its end would take minutes)."""
    import time

    for run in ("一二三四五六七八九" * 20_000, "1234567890" * 20_000, "1,234" * 40_000):
        started = time.process_time()
        assert QUANTITY_RE.search(run + "年") is None
        assert time.process_time() - started < 1.0
