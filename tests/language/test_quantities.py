"""The quantity pattern requires a unit (or a percent sign), so that the numbers of a report that have none
(years, dates, phone numbers, 一 of 统一) are not matches made and passed over one by one; it finds what the
pattern that reads every number finds (tests/language/test_nlp.py, `test_numbers_without_a_unit_hide_no_quantity`)
and, like it, reads a run of digits once however long."""
from __future__ import annotations

from linter.language.quantities import QUANTITY_RE, quantity_matches


def test_a_number_starts_where_its_run_would_be_read():
    """A Chinese number starts its run of digits — or is its second character when the first follows a digit,
    point or comma (3二十件: 十件) — and is read to the run's end."""
    assert [m.group() for m in QUANTITY_RE.finditer("3二十件，一二三件，统一十件，1,234条，12.5%，3,12件，二〇二一年")] == [
        "十件", "一二三件", "一十件", "1,234条", "12.5%"]


def test_a_long_run_of_digits_without_a_unit_is_read_once():
    """Entered at each character of a run and read to its end, a run of 180 000 digits would take minutes."""
    import hostile

    runs = ("一二三四五六七八九" * 20_000, "1234567890" * 18_000, "1,234" * 36_000, "5一" + "二" * 180_000)
    found, seconds, stretch = hostile.wall_clock(lambda: [QUANTITY_RE.search(run + "年") for run in runs])
    assert found == [None] * len(runs)
    assert seconds < 1.0 * stretch, (seconds, stretch)  # (about 10 ms each; minutes if each start were read on)


def _matches(found) -> list:
    return [(m.span(), m.groupdict()) for m in found]


def test_the_matches_found_from_the_units_are_the_pattern_s_own():
    """`quantity_matches` searches the pattern only over the run of number characters before each unit: it finds
    what a search of the whole text finds, on every report of the corpora and on any sequence of digits, Chinese
    digits, units, points, spaces and marks."""
    from pathlib import Path

    from hypothesis import given, settings
    from hypothesis import strategies as st

    from fuzzing import scaled

    tests = Path(__file__).resolve().parents[1]
    reports = sorted(tests.glob("fixtures/corpus/*.txt")) + sorted(tests.glob("ecosystem/corpus/**/*.txt"))
    assert len(reports) > 50
    for path in reports:
        text = path.read_text(encoding="utf-8")
        assert _matches(quantity_matches(text)) == _matches(QUANTITY_RE.finditer(text))
    text = "3万元，3万余件，2万人次，近百件，12 %，12  %，一二三件，第3件，1,234.5件"
    assert [m.group() for m in quantity_matches(text)] == [
        "3万元", "3万余件", "2万人次", "百件", "12 %", "一二三件", "3件", "1,234.5件"]

    pieces = list("0123456789０１一二两十百千万亿余多件条个人次元%％., ，\n\t年第近统") + ["人次", "万元", "左右", "1,234", " %"]

    @settings(max_examples=scaled(2000))
    @given(st.lists(st.sampled_from(pieces), max_size=30))
    def check(chosen):
        text = "".join(chosen)
        assert _matches(quantity_matches(text)) == _matches(QUANTITY_RE.finditer(text))

    check()


class _Counted:
    """A compiled pattern whose `match` and `search` count the characters they are given to read: the walk back
    of a run from its unit (`_RUN_BACK_RE.match` over the reversed text) and the window searched before it."""

    def __init__(self, pattern):
        self.pattern, self.read, self.calls = pattern, 0, 0

    def match(self, text, pos):
        m = self.pattern.match(text, pos)
        self.read += m.end() - pos if m else 0
        return m

    def search(self, text, pos, endpos):
        self.read += min(endpos, len(text)) - pos
        self.calls += 1
        return self.pattern.search(text, pos, endpos)


def test_runs_before_units_are_walked_back_once(monkeypatch):
    """Each run of number characters is walked back from its unit at most twice (from the 万 of a 万元, then
    from its 元) and searched over what was walked (and its unit): over a run of 180 000 characters before a unit, or 万 after 万 (a
    multiplier, and the first character of 万元), the characters walked and searched are counted — not timed,
    so the bound holds on any machine under any load — and grow with the text, not with its square.  (That one search reads its window once is `test_a_long_run_of_digits_without_a_unit_is_
    read_once`.)"""
    import linter.language.quantities as quantities

    for text in ("1" * 180_000 + "件", "万" * 180_000 + "元", "1 " * 90_000 + "%", "3万" * 90_000 + "元",
                 "一二三四五六七八九" * 20_000 + "件", "1件" * 90_000, "万元" * 90_000, "1万" * 90_000):
        walked = _Counted(quantities._RUN_BACK_RE)
        searched = _Counted(quantities.QUANTITY_RE)
        monkeypatch.setattr(quantities, "_RUN_BACK_RE", walked)
        monkeypatch.setattr(quantities, "QUANTITY_RE", searched)
        found = _matches(quantity_matches(text))
        monkeypatch.undo()
        assert found == _matches(QUANTITY_RE.finditer(text))
        assert walked.read <= 2 * len(text), (text[:4], walked.read)
        assert searched.read <= walked.read + searched.calls * quantities._LONGEST_UNIT, (text[:4], searched.read)
