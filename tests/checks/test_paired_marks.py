"""The paired-marks rule visits only the marks, with the same findings as a walk over every character."""
from __future__ import annotations

from types import SimpleNamespace

from hypothesis import example, given, settings
from hypothesis import strategies as st

from linter.checks.substitution import _mark_places, _paired
from linter.document.model import Text


def walk(s: str, opener: str, closer: str):
    """Every character of `s` that is one of the marks (a mark of two characters is no character)."""
    return [(i, ch) for i, ch in enumerate(s) if ch in (opener, closer)]


def unclosed(s: str, opener: str, closer: str) -> list[tuple[int, str, str]]:
    """What a walk over every character reports, as the rule did before it looked at the marks alone: closing
    marks with none open, then opening marks never closed."""
    open_at, found = [], []
    for i, ch in walk(s, opener, closer):
        if ch == opener and (opener != closer or not open_at):
            open_at.append(i)
        elif open_at:
            open_at.pop()
        else:
            found.append((i, closer, opener))
    return found + [(i, opener, closer) for i in open_at]


PAIRS = [("《", "》"), ("“", "”"), ('"', '"'), ("[", "]"), ("^", "\\"), ("-", "."), ("》", "《"), ("《", "》》")]


def findings(s: str, pairs) -> list[tuple[int, str, str]]:
    rule = SimpleNamespace(scope="document", params={"pairs": [list(p) for p in pairs]})
    ctx = SimpleNamespace(scope_text=lambda scope: Text(s, list(range(len(s)))))
    return [(hit.start, hit.data["found"], hit.data["right"]) for hit in _paired(rule, ctx)]


@settings(max_examples=300, deadline=None)
@given(st.text(st.sampled_from(list("《》“”\"ab年.[]^\\-")), max_size=30), st.sampled_from(PAIRS))
def test_mark_places_are_every_occurrence_in_order(s, pair):
    assert [(i, s[i]) for i in _mark_places(s, pair[0])] == walk(s, pair[0], pair[0])
    assert list(_mark_places(s, "》》")) == []  # a mark of two characters is none


@settings(max_examples=500, deadline=None)
@given(st.text(st.sampled_from(list("《》《》“”\"ab")), max_size=40),
       st.lists(st.sampled_from(PAIRS), min_size=1, max_size=4))
@example("》《a《b》《《", [("《", "》")])
@example('"a"b"', [('"', '"'), ("《", "》")])
def test_findings_are_those_of_the_walk_over_every_character(s, pairs):
    """Pairs sharing a mark, a mark used as both halves, a half of two characters (never found) included."""
    expected = [hit for opener, closer in pairs for hit in unclosed(s, opener, closer)]
    assert findings(s, pairs) == expected
