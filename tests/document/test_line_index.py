"""Where lines start (`LineIndex`): a text of few lines keeps each line's start, a text of very many lines only
marks every 4096th character; both find the same line and column for every offset.  And the words of a crawled
line read from its end (`_words_from_end`) are its words, last first, however long they are."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

import linter.document.model as model
from linter.document.model import LineIndex
from linter.document.readers.text import _TOKEN_RE, _words_from_end

SOURCES = st.lists(st.sampled_from(["年", "ab", "\n", "\n\n", "\r\n", " ", "x" * 5000]), max_size=40).map("".join)


def _lines_by_hand(source: str) -> list[int]:
    return [0] + [i + 1 for i, ch in enumerate(source) if ch == "\n"]


@settings(max_examples=200, deadline=None)
@given(SOURCES, st.data())
def test_both_kinds_of_line_index_locate_every_offset_alike(source, data):
    exact = LineIndex(source)
    saved = model._EXACT_LINES
    model._EXACT_LINES = -1  # every text indexed by marks, as a text of very many lines is
    try:
        marked = LineIndex(source)
    finally:
        model._EXACT_LINES = saved
    starts = _lines_by_hand(source)
    assert len(exact) == len(marked) == len(starts)
    for offset in data.draw(st.lists(st.integers(-3, len(source) + 3), max_size=20)):
        clamped = max(0, min(offset, len(source)))
        line = max(i for i, s in enumerate(starts) if s <= clamped)
        assert exact.line_of(offset) == marked.line_of(offset) == line
        assert exact.locate(offset) == marked.locate(offset) == (line, starts[line])
    for line in range(len(starts)):
        assert exact[line] == marked[line] == starts[line]


def test_a_text_of_many_lines_is_indexed_by_marks_and_finds_its_lines():
    source = "一、\n" * (model._EXACT_LINES + 10)
    index = LineIndex(source)
    assert index._starts is None and len(index) == model._EXACT_LINES + 11
    assert index.locate(len(source) - 1) == (model._EXACT_LINES + 9, len(source) - 3)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["a", "报告", " ", "  ", "\t", "1", "0 0 ", "x" * 200, " " * 100]), max_size=60).map("".join))
def test_words_read_from_the_end_are_the_words_last_first(text):
    assert [m.span() for m in _words_from_end(text)] == [m.span() for m in _TOKEN_RE.finditer(text)][::-1]
