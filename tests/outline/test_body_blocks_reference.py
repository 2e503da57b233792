"""`Outline.body_blocks` held to what it was: the preamble, then each section's `all_blocks`, in order — the
same blocks (the same objects) on every corpus and crawled report."""
from __future__ import annotations

from pathlib import Path

import pytest

from linter.document.readers.text import read
from linter.outline.parser import parse_outline

ROOT = Path(__file__).resolve().parents[2]
REPORTS = sorted((ROOT / "tests" / "fixtures" / "corpus").glob("*.txt")) + sorted(
    (ROOT / "tests" / "ecosystem" / "corpus").rglob("*.txt"))


def _reference_body_blocks(outline) -> list:
    out = list(outline.preamble)
    for section in outline.sections:
        out.extend(section.all_blocks())
    return out


@pytest.mark.parametrize("path", REPORTS, ids=lambda p: p.name)
def test_body_blocks_as_before(path):
    outline = parse_outline(read(path.read_bytes(), str(path)))
    expected = _reference_body_blocks(outline)
    got = outline.body_blocks()
    assert len(got) == len(expected) and all(a is b for a, b in zip(got, expected))
    assert got is not outline.body_blocks()  # a new list each time: callers add to it
