"""Shortcuts of a ruled page's reading (`pdf_ruled`), each held to the general reading it stands for (kept
here as it was) on random input and on the ruled pages of the corpus reports drawn as PDFs.

A cell holding one run of one character takes that character as its text (`_Grid.texts`): the reading of
every cell as before — `_lines_text`, else `cell_text` of its characters — gives the same.
"""
from __future__ import annotations

import math
import random

import pytest

import docgen
from conftest import CORPUS
from docgen import pdfium_draws_unembedded_cjk
from linter.document.readers import pdf_ruled, read_document
from linter.document.readers.pdf_text import Characters
from test_pdf_cell_texts import _tables_of_real_pages


def _texts_as_before(grid, chars, tops, bottoms) -> list[str]:
    """`_Grid.texts` as it was: every cell of whole runs through `_lines_text`."""
    out, text = [], chars.text()
    for i, members in enumerate(grid.members):
        found = None
        if members and i not in grid.split:
            found = pdf_ruled._lines_text(chars, [run for run, _ in members], tops, bottoms, text)
        out.append(pdf_ruled.cell_text(pdf_ruled._places(chars, members, tops, bottoms)) if found is None else found)
    return out


def _random_cells(rng: random.Random):
    """Runs of one character or a few, mostly one, with tops that are sometimes no number or infinite, put
    in cells at random: one run a cell, several, some characters of a run, or none."""
    codes, xs, rights, ys, runs, tops, bottoms = [], [], [], [], [], [], []
    for _ in range(rng.randint(1, 12)):
        start, x = len(codes), rng.uniform(50, 400)
        for _ in range(rng.choice([1, 1, 1, 2, 4])):
            codes.append(ord(rng.choice("统计数据ab0123456789 -")))
            x += rng.choice([0.0, 9.0, 9.0, 14.0, -1.0])
            xs.append(x)
            rights.append(x + 9.0)
            ys.append(0.0)
        runs.append((start, len(codes), 0.0, 0.0))
        tops.append(rng.choice([math.nan, math.inf, -math.inf]) if rng.random() < 0.1 else rng.uniform(100, 140))
        bottoms.append(tops[-1] + 9.0)
    chars = Characters(codes, xs, rights, ys, runs)
    cells = [(0.0, 0.0, 1.0, 1.0)] * rng.randint(1, 8)
    grid = pdf_ruled._Grid.__new__(pdf_ruled._Grid)
    grid.cells, grid.members, grid.split = cells, [[] for _ in cells], set()
    for i in range(len(cells)):
        for _ in range(rng.choice([0, 1, 1, 1, 2, 3])):
            run = rng.randrange(len(runs))
            if rng.random() < 0.15:
                grid.members[i].append((run, rng.randrange(runs[run][1] - runs[run][0])))
                grid.split.add(i)
            else:
                grid.members[i].append((run, None))
    return grid, chars, tops, bottoms


def _lone_characters(grid, chars) -> int:
    return sum(len(m) == 1 and m[0][1] is None and chars.runs[m[0][0]][1] - chars.runs[m[0][0]][0] == 1
               for m in grid.members)


def test_the_texts_of_random_cells_are_read_as_before():
    rng = random.Random(3032)
    lone = 0
    for _ in range(20000):
        grid, chars, tops, bottoms = _random_cells(rng)
        assert grid.texts(chars, tops, bottoms) == _texts_as_before(grid, chars, tops, bottoms)
        lone += _lone_characters(grid, chars)
    assert lone > 10000


def test_the_texts_of_the_corpus_ruled_pages_are_read_as_before():
    if not pdfium_draws_unembedded_cjk():
        pytest.skip("without a stand-in for the unembedded CJK font PDFium reads no ruled page")
    lone = 0
    for path in sorted(CORPUS.glob("*.md")):
        data = docgen.to_pdf(read_document(path.read_bytes(), path.name))
        for chars, tops, bottoms, grid in _tables_of_real_pages(data):
            assert grid.texts(chars, tops, bottoms) == _texts_as_before(grid, chars, tops, bottoms)
            lone += _lone_characters(grid, chars)
    assert lone > 100
