"""A long text's offsets (`Runs`, `Joined`) read exactly like the flat array of offsets they stand for: by
index, by slice, by run (`run_at`) and through a cursor (`OffsetCursor`)."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from linter.document.model import RUNS_FROM, Joined, OffsetCursor, Runs, Text, normalize

# Words and spaces, long enough that a part's offsets become runs (spaces next to 年 are dropped: a run ends)
WORDS = st.lists(st.sampled_from(["年", "12", "ab", "  ", " ", "报告" * 40, "0 0 0 ", "x" * 300]), max_size=12)


def _part(words: list[str], base: int) -> Text:
    return normalize("".join(words), base)


@st.composite
def joined_texts(draw):
    parts, base = [], 0
    for words in draw(st.lists(WORDS, min_size=1, max_size=5)):
        parts.append(_part(words, base))
        base += len("".join(words)) + draw(st.integers(1, 5))
    return Text.join(parts, sep=draw(st.sampled_from(["", "\n", "\n\n"])))


@settings(max_examples=300, deadline=None)
@given(joined_texts(), st.data())
def test_long_offsets_read_like_their_flat_array(text, data):
    flat = list(text.offsets)
    n = len(flat)
    assert len(text.offsets) == n == len(text.text)
    for i in data.draw(st.lists(st.integers(-n, n - 1), max_size=20)) if n else []:
        assert text.offsets[i] == flat[i]
    for _ in range(10):
        a = data.draw(st.integers(0, n))
        b = data.draw(st.integers(a, n))
        assert list(text.offsets[a:b]) == flat[a:b]
        assert list(text.slice(a, b).offsets) == flat[a:b]
    if type(text.offsets) in (Runs, Joined) and n:
        for i in data.draw(st.lists(st.integers(0, n - 1), max_size=20)):
            lo, hi, shift = text.offsets.run_at(i)
            assert lo <= i < hi <= n and all(flat[j] == j + shift for j in range(lo, hi))
    cursor = OffsetCursor(text.offsets)
    for i in data.draw(st.lists(st.integers(0, n - 1), max_size=30)) if n else []:
        assert cursor(i) == flat[i]


def test_a_long_paragraph_keeps_its_offsets_as_runs():
    text = Text.join([normalize("年 " * RUNS_FROM, 0), normalize("ab " * RUNS_FROM, 5000)], sep="\n")
    assert type(text.offsets) is Joined and type(text.offsets.pieces[0]) is Runs
    cursor = OffsetCursor(text.offsets)
    assert [cursor(i) for i in (0, 1, RUNS_FROM, RUNS_FROM + 1, RUNS_FROM + 2)] == [0, 2, 510, 5000, 5001]
