"""The paired-marks rule visits only the marks, with the same findings as a walk over every character."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from linter.checks.substitution import _NESTING, _balanced, _marks


def walk(s: str, opener: str, closer: str):
    return [(i, ch) for i, ch in enumerate(s) if ch == opener or ch == closer]


PAIRS = [("《", "》"), ("“", "”"), ('"', '"'), ("[", "]"), ("^", "\\"), ("-", "."), ("》", "《")]


@settings(max_examples=300, deadline=None)
@given(st.text(st.sampled_from(list("《》“”\"ab年.[]^\\-")), max_size=30),
       st.lists(st.sampled_from(PAIRS), min_size=1, max_size=4))
def test_marks_are_every_occurrence_in_order(s, pairs):
    """One search finds the marks of every pair (pairs sharing a mark included), each pair's as a walk does."""
    assert [[(i, s[i]) for i in marks] for marks in _marks(s, pairs)] == [walk(s, *pair) for pair in pairs]


def unclosed(s: str, opener: str, closer: str) -> list[int]:
    """The marks the walk of `_paired` reports: closing marks with none open, opening marks never closed."""
    open_at, found = [], []
    for i, ch in walk(s, opener, closer):
        if ch == opener and (opener != closer or not open_at):
            open_at.append(i)
        elif open_at:
            open_at.pop()
        else:
            found.append(i)
    return found + open_at


@settings(max_examples=500, deadline=None)
@given(st.text(st.sampled_from(list("《》《》“”\"ab")), max_size=40), st.sampled_from(PAIRS))
def test_balanced_is_what_the_walk_finds_nothing_in(s, pair):
    """A pair told balanced without the walk is one the walk reports nothing of, and one it cannot tell is walked."""
    if _balanced(s, pair):
        assert unclosed(s, *pair) == []
    elif unclosed(s, *pair) == []:
        assert depth(s, *pair) > _NESTING  # only marks nested deeper than it looks are left to the walk


def depth(s: str, opener: str, closer: str) -> int:
    level = deepest = 0
    for _, ch in walk(s, opener, closer):
        level += 1 if ch == opener else -1
        deepest = max(deepest, level)
    return deepest


def test_deep_nesting_is_walked():
    s = "《" * (_NESTING + 1) + "》" * (_NESTING + 1)
    assert not _balanced(s, ("《", "》")) and unclosed(s, "《", "》") == []
    assert _balanced("《a《b》》“c”《》", ("《", "》")) and not _balanced("》《", ("《", "》"))
