"""The paired-marks rule visits only the marks of the pairs it cannot tell closed without, with the same findings as a
walk over every character."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from types import SimpleNamespace

from linter.checks.substitution import _balanced, _marks, _paired
from linter.document.model import Text


def walk(s: str, opener: str, closer: str):
    return [(i, ch) for i, ch in enumerate(s) if ch == opener or ch == closer]


PAIRS = [("《", "》"), ("“", "”"), ('"', '"'), ("[", "]"), ("^", "\\"), ("-", "."), ("》", "《")]


@settings(max_examples=300, deadline=None)
@given(st.text(st.sampled_from(list("《》“”\"ab年.[]^\\-")), max_size=30),
       st.lists(st.sampled_from(PAIRS), min_size=1, max_size=4))
def test_marks_are_every_occurrence_in_order(s, pairs):
    """One search finds the marks of every pair (pairs sharing a mark included), each pair's as a walk does."""
    assert [[(i, s[i]) for i in marks] for marks in _marks(s, pairs)] == [walk(s, *pair) for pair in pairs]


def _walk_hits(s: str, pairs) -> list[tuple[int, str, str]]:
    """The findings of the paired-marks rule as a walk over every mark of every pair gives them."""
    out = []
    for opener, closer in pairs:
        open_at: list[int] = []
        for i, ch in walk(s, opener, closer):
            if ch == opener and (opener != closer or not open_at):
                open_at.append(i)
            elif open_at:
                open_at.pop()
            else:
                out.append((i, closer, opener))
        out += [(i, opener, closer) for i in open_at]
    return out


def _rule_hits(s: str, pairs) -> list[tuple[int, str, str]]:
    rule = SimpleNamespace(params={"pairs": [list(p) for p in pairs]}, scope="document")
    ctx = SimpleNamespace(scope_text=lambda scope: Text(s, list(range(len(s)))))
    return [(h.start, h.data["found"], h.data["right"]) for h in _paired(rule, ctx)]


NESTED = st.recursive(st.sampled_from(["", "a", "年"]),
                      lambda inner: st.tuples(st.sampled_from(PAIRS), inner, inner).map(
                          lambda t: t[0][0] + t[1] + t[0][1] + t[2]), max_leaves=12)


@settings(max_examples=400, deadline=None)
@given(st.one_of(st.text(st.sampled_from(list("《》“”\"ab年.[]^\\-")), max_size=30), NESTED,
                 st.lists(NESTED, max_size=3).map("".join).map(lambda s: s + "》" if len(s) % 3 == 0 else s)),
       st.lists(st.sampled_from(PAIRS), min_size=1, max_size=4))
def test_the_rule_finds_what_a_walk_over_every_mark_finds(s, pairs):
    """Pairs whose marks all close are told without the walk (nested marks, deeper than the few levels taken out
    without it, included); the others are walked."""
    assert _rule_hits(s, pairs) == _walk_hits(s, pairs)


def test_a_pair_is_balanced_when_its_marks_close_in_order_however_deep():
    assert _balanced("《《》》“”", "《", "》") and _balanced("", "《", "》")
    assert not _balanced("》《", "《", "》") and not _balanced("《《》", "《", "》")
    deep = "（" * 9 + "）" * 9
    assert not _balanced(deep, "（", "）")  # deeper than the levels taken out: walked
    assert _rule_hits(deep, [("（", "）")]) == [] and _rule_hits(deep + "）", [("（", "）")]) == [(18, "）", "（")]
