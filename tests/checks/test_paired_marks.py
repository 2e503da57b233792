"""The paired-marks rule visits only the marks, with the same findings as a walk over every character."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from linter.checks.substitution import _marks


def walk(s: str, opener: str, closer: str):
    return [(i, ch) for i, ch in enumerate(s) if ch == opener or ch == closer]


PAIRS = [("《", "》"), ("“", "”"), ('"', '"'), ("[", "]"), ("^", "\\"), ("-", "."), ("》", "《")]


@settings(max_examples=300, deadline=None)
@given(st.text(st.sampled_from(list("《》“”\"ab年.[]^\\-")), max_size=30),
       st.lists(st.sampled_from(PAIRS), min_size=1, max_size=4))
def test_marks_are_every_occurrence_in_order(s, pairs):
    """One search finds the marks of every pair (pairs sharing a mark included), each pair's as a walk does."""
    assert [[(i, s[i]) for i in marks] for marks in _marks(s, pairs)] == [walk(s, *pair) for pair in pairs]
