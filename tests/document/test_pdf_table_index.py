"""A ruled PDF table's columns, header rows and bottom (`pdf._PdfTable`), read from indexes kept as a table
continued page after page grows, are what the plain definitions over all its cells give: columns the sides
clustered 2 pt apart, a header row the cells within 2 pt of one of the first clustered tops left to right (in
their order where sides tie), the bottom the lowest side.  On random tables grown by random continuations, some
of whose cells come above the last top (the index is then made anew)."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from fuzzing import scaled
from linter.document.readers.pdf import _cluster, _PdfTable

_COORD = st.one_of(st.integers(0, 40).map(float), st.floats(0, 40, allow_nan=False, allow_infinity=False))
_CELL = st.tuples(_COORD, _COORD, _COORD, _COORD, st.text("ab", max_size=2)).map(
    lambda c: (c[0], c[1], c[0] + c[2], c[1] + c[3], c[4]))


def _plain_header(cells, k):
    rows = _cluster([c[1] for c in cells])[:k]
    return [[c[4] for c in sorted(cells, key=lambda c: c[0]) if abs(c[1] - y) <= 2] for y in rows]


@settings(max_examples=scaled(300), deadline=None)
@given(st.lists(_CELL, min_size=1, max_size=12), st.lists(st.tuples(st.lists(_CELL, min_size=1, max_size=8),
                                                                    st.floats(-20, 60)), max_size=4))
def test_the_indexes_of_a_growing_table_give_the_plain_answers(first, continuations):
    table = _PdfTable(cells=list(first), top=first[0][1])
    cells = list(first)
    for more, shift in continuations:
        for k in (1, 2, 3):
            assert table.header(k) == _plain_header(cells, k)
        assert table.columns == _cluster([c[0] for c in cells] + [c[2] for c in cells])
        assert table.bottom == max(c[3] for c in cells)
        moved = [(x0, top + shift, x1, bottom + shift, text) for x0, top, x1, bottom, text in more]
        table.extend(moved)
        cells += moved
    for k in (1, 2, 3):
        assert table.header(k) == _plain_header(cells, k)
    assert table.columns == _cluster([c[0] for c in cells] + [c[2] for c in cells])
    assert table.bottom == max(c[3] for c in cells)
