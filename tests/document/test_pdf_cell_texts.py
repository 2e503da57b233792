"""The shortcuts of PDFium's ruled pages against the general reading they stand for.

A cell of whole runs (text objects on one baseline), one a line, takes their text as it is
(`pdf_ruled._lines_text`) where `cell_text` would give the same; here both are asked of every cell of
real ruled pages and of random runs, and must agree wherever the shortcut answers.  The check for the
obsolete fill operator (a substring search) is compared with the pattern it replaced.
"""
from __future__ import annotations

import io
import random
import re

import pytest

import docgen
from conftest import CORPUS
from docgen import pdfium_draws_unembedded_cjk
from linter.document.readers import pdf_ruled, pdf_text, read_document
from linter.document.readers.pdf_text import Characters


def _tables_of_real_pages(data: bytes) -> list[tuple]:
    """(characters, tops, bottoms, grid) of every table PDFium's ruled pages of `data` hold."""
    import pdfplumber

    found = []
    original = pdf_ruled._Grid.texts

    def spy(grid, chars, tops, bottoms):
        found.append((chars, tops, bottoms, grid))
        return original(grid, chars, tops, bottoms)

    with pdf_text.open_document(data) as reader, pdfplumber.open(io.BytesIO(data)) as plumb:
        pdf_ruled._Grid.texts = spy
        try:
            for i, page in enumerate(plumb.pages):
                quick = reader.page_lines(i, page)
                if quick is not None and quick.edges is not None:
                    try:
                        pdf_ruled.lay_out(quick.chars, quick.edges)
                    except pdf_ruled.Unsuitable:
                        pass
        finally:
            pdf_ruled._Grid.texts = original
    return found


def test_the_cells_of_real_ruled_pages_read_as_cell_text_reads_them():
    if not pdfium_draws_unembedded_cjk():
        pytest.skip("without a stand-in for the unembedded CJK font PDFium leaves characters out: no ruled page is PDFium's")
    data = docgen.to_pdf(read_document((CORPUS / "2024-huaian-szf.md").read_bytes(), "2024-huaian-szf.md"))
    tables = _tables_of_real_pages(data)
    assert tables
    shortcut = whole = 0
    for chars, tops, bottoms, grid in tables:
        texts = grid.texts(chars, tops, bottoms)
        assert len(texts) == len(grid.cells)
        for members, text in zip(grid.members, texts):
            assert text == pdf_ruled.cell_text(pdf_ruled._places(chars, members, tops, bottoms))
            if members and all(at is None for _, at in members):
                whole += 1
                shortcut += pdf_ruled._lines_text(chars, [run for run, _ in members], tops, bottoms) is not None
    assert shortcut > 0.9 * whole > 0  # most cells are whole runs that read as they are


def _random_characters(rng: random.Random) -> tuple[Characters, list[float], list[float]]:
    """Runs of a few characters (CJK, Latin letters and digits, spaces) at random places: mostly left to
    right and close together, sometimes stepping back, leaving a gap, at odd tops or at no number."""
    codes, xs, rights, ys, runs, tops, bottoms = [], [], [], [], [], [], []
    top = rng.uniform(100, 110)
    for _ in range(rng.randint(1, 5)):
        start, x, size = len(codes), rng.uniform(50, 60), rng.choice([0.5, 7.0, 9.0, 10.5])
        for _ in range(rng.randint(1, 6)):
            codes.append(ord(rng.choice("统计数据abcXYZ0123456789 ")))
            step = rng.choice([0.0, size, size, size, -1.0, size + 0.25 * size + 0.01, size + 3.0])
            x += step
            xs.append(x)
            rights.append(x + size * rng.choice([1.0, 1.0, 0.5]))
            ys.append(0.0)
        runs.append((start, len(codes), 0.0, 0.0))
        tops.append(rng.choice([top, top, float("nan"), float("inf")]) if rng.random() < 0.1 else top)
        bottoms.append(tops[-1] + size)
        top += rng.choice([0.0, 1.5, 2.0, 2.5, 9.0, 12.0, -12.0])
    return Characters(codes, xs, rights, ys, runs), tops, bottoms


def test_whole_runs_read_as_cell_text_reads_their_characters():
    rng = random.Random(30)
    answered = declined = 0
    for _ in range(20000):
        chars, tops, bottoms = _random_characters(rng)
        runs = list(range(len(chars.runs)))
        text = pdf_ruled._lines_text(chars, runs, tops, bottoms)
        if text is None:
            declined += 1
            continue
        answered += 1
        assert text == pdf_ruled.cell_text(pdf_ruled._places(chars, [(run, None) for run in runs], tops, bottoms))
    assert answered > 1000 and declined > 1000


_OBSOLETE_FILL = re.compile(rb"(?:^|\s)F(?=\s|$)")  # the pattern the substring search replaced


def test_the_obsolete_fill_is_found_as_the_pattern_finds_it():
    rng = random.Random(7)
    alphabet = b"F \t\n\r\x0b\x0cFfa1/()"
    found = 0
    for _ in range(50000):
        content = bytes(rng.choice(alphabet) for _ in range(rng.randint(0, 9)))
        expected = bool(_OBSOLETE_FILL.search(content))
        assert pdf_text.fills_obsolete(content) == expected, content
        found += expected
    assert 1000 < found < 49000
    assert pdf_text.fills_obsolete(b"0 0 m 10 10 l F\nQ") and not pdf_text.fills_obsolete(b"BT /F1 9 Tf (F) Tj ET")


def test_glyph_widths_are_asked_once_for_the_pages_of_a_file(monkeypatch):
    """The widths PDFium gave for a font are kept while a page using it is open: a character is asked once
    for all the pages of a report (one font), and the pages read as a reader opened for each page reads them."""
    import pdfplumber

    if not pdfium_draws_unembedded_cjk():
        pytest.skip("without a stand-in for the unembedded CJK font PDFium leaves characters out: no page is PDFium's")
    asked: list[int] = []
    width = pdf_text._Font.width

    def counted(font, calls, code):
        asked.append(code)
        return width(font, calls, code)

    data = docgen.to_pdf(read_document((CORPUS / "2019-pingtan-gwh.txt").read_bytes(), "2019-pingtan-gwh.txt"))
    monkeypatch.setattr(pdf_text._Font, "width", counted)
    with pdfplumber.open(io.BytesIO(data)) as plumb:
        alone = []
        for i, page in enumerate(plumb.pages):
            with pdf_text.open_document(data) as reader:
                alone.append(reader.page_lines(i, page))
        asked_alone, asked[:] = len(asked), []
        with pdf_text.open_document(data) as reader:
            together = [reader.page_lines(i, page) for i, page in enumerate(plumb.pages)]
    assert len(alone) >= 3 and all(quick is not None and quick.edges is None for quick in alone)
    assert [q.lines for q in together] == [q.lines for q in alone]
    assert len(asked) == len(set(asked)) and len(asked) < asked_alone
