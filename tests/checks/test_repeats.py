"""The doubled places found once per document give each rule what its own backreference pattern finds."""
from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from linter.checks.repeats import HAN, _scan, doubled

# CJK characters of both ranges (U+3400… is outside HAN), a numeral, Latin and punctuation
ALPHABET = list("的了项目管理年月一㐀㐁a，")


def pattern_matches(s: str, unit: str, low: int, high: int) -> list[tuple[int, int]]:
    return [(m.start(), len(m.group(1))) for m in re.finditer(f"({unit}{{{low},{high}}})\\1", s)]


@settings(max_examples=400, deadline=None)
@given(st.text(st.sampled_from(ALPHABET), max_size=60), st.integers(1, 8), st.integers(1, 8))
def test_doubled_finds_what_the_pattern_finds(s, low, high):
    places = list(_scan(s))
    low, high = min(low, high), max(low, high)
    assert list(doubled(places, s, low, high)) == pattern_matches(s, "[\u3400-\u9fff]", low, high)
    assert list(doubled(places, s, low, high, HAN)) == pattern_matches(s, "[\u4e00-\u9fff]", low, high)
    chars = re.compile("[的了]")
    assert list(doubled(places, s, 1, 1, chars)) == pattern_matches(s, "[的了]", 1, 1)


def test_places_hold_every_length_that_repeats():
    s = "项目项目项目项目管理的的的"
    places = dict(_scan(s))
    assert places[0] == (4, 2)        # 项目项目|项目项目, and 项目|项目
    assert places[2] == places[4] == (2,)
    assert places[10] == places[11] == (1,)
    assert 6 not in places
    assert list(doubled(places.items(), s, 2, 8)) == [(0, 4)]
    assert list(doubled(places.items(), s, 2, 3)) == [(0, 2), (4, 2)]
    assert list(doubled(places.items(), s, 1, 1)) == [(10, 1)]
