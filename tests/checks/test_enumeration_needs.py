"""The enumeration check looks into a paragraph only for the styles whose first two characters stand in it, found
in one walk over their places: the same styles as a search for each style's two characters."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import CORPUS, EXAMPLE, ROOT
from linter.checks.enumeration import _NEEDS, _styles_needed


def each_searched(s: str) -> set[str]:
    return {name for name, needs in _NEEDS.items() if needs.search(s) is not None}


@settings(max_examples=500, deadline=None)
@given(st.text(st.sampled_from(list("一二十第是（()1２.．、①⑳，a ")), max_size=80))
def test_the_walk_finds_the_styles_a_search_for_each_finds(s):
    assert _styles_needed(s) == each_searched(s)


def test_many_places_leave_the_rest_to_each_styles_search():
    s = "1.2.3." * 40 + "第一是（二）（3）①"
    assert _styles_needed(s) == each_searched(s) == set(_NEEDS)
    assert _styles_needed("第一是") == {"di", "shi"}  # places that overlap


def test_the_styles_of_the_paragraphs_of_real_reports():
    crawled = sorted((ROOT / "tests" / "ecosystem" / "corpus").rglob("*.txt"))
    seen = 0
    for path in [EXAMPLE, *sorted(CORPUS.glob("*.txt")), *crawled]:
        for paragraph in path.read_text(encoding="utf-8").split("\n"):
            assert _styles_needed(paragraph) == each_searched(paragraph)
            seen += bool(_styles_needed(paragraph))
    assert seen > 300
