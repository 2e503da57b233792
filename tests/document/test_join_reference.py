"""`Text.join` (and the `Joined` offsets of a long join) held to the part-by-part join it replaced, kept here as
the reference: the same string, the same offsets read one by one, the same anchor, and for a long text the same
pieces, separator offsets and piece starts — on the paragraphs of every corpus and crawled report, joined as the
checks join them, and on random and hostile parts."""
from __future__ import annotations

from array import array
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from linter.document.model import OFFSET_TYPE, RUNS_FROM, Joined, Paragraph, Text, normalize
from linter.document.readers.text import read

ROOT = Path(__file__).resolve().parents[2]
REPORTS = sorted((ROOT / "tests" / "fixtures" / "corpus").glob("*.txt")) + sorted(
    (ROOT / "tests" / "ecosystem" / "corpus").rglob("*.txt"))


def _reference_starts(pieces: list, sep: int) -> tuple[list, list[int], int]:
    """The pieces kept, where each starts and the length, as `Joined.__init__` counted them one piece at a time."""
    if not sep:
        pieces = [p for p in pieces if len(p)]
    starts, n = [], 0
    for piece in pieces:
        starts.append(n)
        n += len(piece) + sep
    return pieces, starts, (n - sep if pieces else 0)


def _reference_join(parts: list[Text], sep: str = "") -> tuple[str, list[int], int, tuple | None]:
    """(string, offsets, anchor, (pieces, seps, starts, n) of a long join or None): the join part by part."""
    if sum(len(p.text) for p in parts) + len(sep) * len(parts) >= RUNS_FROM:
        seps = array(OFFSET_TYPE)
        last = None
        for i, part in enumerate(parts):
            if i and sep:
                last = part.anchor() if last is None else last
                seps.append(last)
            if part.offsets:
                last = part.offsets[-1]
        text = sep.join(p.text for p in parts)
        pieces, starts, n = _reference_starts([p.offsets for p in parts], len(sep))
        flat = [o for k, piece in enumerate(pieces) for o in [*piece, *([seps[k]] * len(sep) if sep and k < len(pieces) - 1 else [])]]
        return text, flat, (flat[0] if flat else 0), ([list(p) for p in pieces], list(seps) if sep else None, starts, n)
    text: list[str] = []
    offsets = array(OFFSET_TYPE)
    for i, part in enumerate(parts):
        if i and sep:
            at = offsets[-1] if offsets else part.anchor()
            text.append(sep)
            offsets.extend([at] * len(sep))
        text.append(part.text)
        offsets.extend(part.offsets)
    joined = Text("".join(text), offsets)
    return joined.text, list(joined.offsets), joined.anchor(), None


def _assert_joins_as_before(parts: list[Text], sep: str) -> None:
    expected_text, expected_offsets, expected_anchor, expected_joined = _reference_join(parts, sep)
    got = Text.join(parts, sep)
    assert got.text == expected_text
    assert list(got.offsets) == expected_offsets
    assert len(got.offsets) == len(got.text)
    assert got.anchor() == expected_anchor
    if expected_joined is None:
        assert type(got.offsets) is array
        return
    assert type(got.offsets) is Joined
    pieces, seps, starts, n = expected_joined
    assert [list(p) for p in got.offsets.pieces] == pieces
    assert (list(got.offsets.seps) if got.offsets.seps is not None else None) == seps
    assert list(got.offsets.starts) == starts and got.offsets.n == n
    again = Joined(got.offsets.pieces, got.offsets.seps, got.offsets.sep)  # as unpickled: lengths counted
    assert list(again.starts) == starts and again.n == n


@pytest.mark.parametrize("path", REPORTS, ids=lambda p: p.name)
def test_the_paragraphs_of_a_report_join_as_before(path):
    doc = read(path.read_bytes(), str(path))
    texts = [b.text for b in doc.blocks if isinstance(b, Paragraph)]
    for sep in ("", "\n", "\n\n"):
        _assert_joins_as_before(texts, sep)
        for k in range(0, len(texts), 3):  # short runs of paragraphs, as a section's are
            _assert_joins_as_before(texts[k:k + 3], sep)
        _assert_joins_as_before([t.slice(0, 0) for t in texts[:40]], sep)  # empty parts: anchors only


PIECES = st.sampled_from(["", " ", "年", "12", "a b", "  年 ", "报告" * 70, "x y " * 80, "\u200b1\u200b2", "０１"])


@st.composite
def parts(draw):
    out, base = [], draw(st.integers(0, 50))
    for raw in draw(st.lists(st.lists(PIECES, max_size=6).map("".join), max_size=8)):
        text = normalize(raw, base)
        if draw(st.booleans()) and len(text.text) > 2:
            a = draw(st.integers(0, len(text.text)))
            text = text.slice(a, draw(st.integers(a, len(text.text))))  # a piece of a text, an empty one anchored
        out.append(text)
        base += len(raw) + draw(st.integers(0, 3))
    return out


@settings(max_examples=400, deadline=None)
@given(parts(), st.sampled_from(["", "\n", "\n\n", "。"]))
def test_random_parts_join_as_before(texts, sep):
    _assert_joins_as_before(texts, sep)


def test_hostile_parts_join_as_before():
    many_empty = [Text.empty(at) for at in range(0, 3 * RUNS_FROM, 3)]
    long_runs = [normalize("年 " * RUNS_FROM, 0), normalize("ab  " * RUNS_FROM, 10_000), Text.empty(20_000)]
    for texts in (many_empty, long_runs, long_runs[::-1], [Text.join(long_runs, "\n"), long_runs[0]]):
        for sep in ("", "\n", "\n\n"):
            _assert_joins_as_before(texts, sep)
