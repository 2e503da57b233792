"""The quantity pattern requires a unit (or a percent sign), so that the numbers of a report that have none
(years, dates, phone numbers, 一 of 统一) are not matches made and passed over one by one; it finds what the
pattern that reads every number finds (tests/language/test_nlp.py, `test_numbers_without_a_unit_hide_no_quantity`)
and, like it, reads a run of digits once however long."""
from __future__ import annotations

import time

from linter.language.quantities import QUANTITY_RE


def test_a_number_starts_where_its_run_would_be_read():
    """A Chinese number starts its run of digits — or is its second character when the first follows a digit,
    point or comma (3二十件: 十件) — and is read to the run's end."""
    assert [m.group() for m in QUANTITY_RE.finditer("3二十件，一二三件，统一十件，1,234条，12.5%，3,12件，二〇二一年")] == [
        "十件", "一二三件", "一十件", "1,234条", "12.5%"]


def test_a_long_run_of_digits_without_a_unit_is_read_once():
    """Entered at each character of a run and read to its end, a run of 180 000 digits would take minutes."""
    for run in ("一二三四五六七八九" * 20_000, "1234567890" * 18_000, "1,234" * 36_000, "5一" + "二" * 180_000):
        started = time.process_time()
        assert QUANTITY_RE.search(run + "年") is None
        assert time.process_time() - started < 1.0
