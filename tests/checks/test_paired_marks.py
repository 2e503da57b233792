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


def unclosed(s: str, opener: str, closer: str) -> list[int]:
    """What the walk of the paired-marks rule reports: a closing mark with no open one, an opening one never
    closed."""
    open_at, out = [], []
    for i, ch in walk(s, opener, closer):
        if ch == opener and (opener != closer or not open_at):
            open_at.append(i)
        elif open_at:
            open_at.pop()
        else:
            out.append(i)
    return out + open_at


def depth(s: str, opener: str, closer: str) -> int:
    """How deep the marks nest at most."""
    level, deepest = 0, 0
    for _, ch in walk(s, opener, closer):
        level += 1 if ch == opener else -1
        deepest = max(deepest, level)
    return deepest


@settings(max_examples=500, deadline=None)
@given(st.text(st.sampled_from(list("《《》》（）“”ab")), max_size=40), st.sampled_from(PAIRS + [("（", "）")]))
def test_a_pair_found_balanced_has_nothing_to_report(s, pair):
    """The quick test of a pair (its marks alone, innermost pairs taken out) says "balanced" exactly where the
    walk reports nothing, up to the nesting it follows; a pair of one mark is always left to the walk."""
    from linter.checks.substitution import _NESTING, _balanced

    if _balanced(s, list(pair)):
        assert unclosed(s, *pair) == []
    elif pair[0] != pair[1] and not unclosed(s, *pair):
        assert depth(s, *pair) > _NESTING  # balanced, nested deeper than the quick test follows


def test_pairs_found_balanced_in_real_reports_are_so():
    from conftest import CORPUS, EXAMPLE, ROOT
    from linter.checks.substitution import _balanced

    crawled = sorted((ROOT / "tests" / "ecosystem" / "corpus").rglob("*.txt"))
    pairs = [("《", "》"), ("“", "”"), ("（", "）"), ("〔", "〕"), ("【", "】")]
    balanced = 0
    for path in [EXAMPLE, *sorted(CORPUS.glob("*.txt")), *crawled]:
        s = path.read_text(encoding="utf-8")
        for pair in pairs:
            found = _balanced(s, list(pair))
            balanced += found
            assert found == (unclosed(s, *pair) == [])
    assert balanced > 100
