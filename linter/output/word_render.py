"""A report that was not written in Word (text, Markdown, HTML, PDF), rendered as a new Word document for the
DOCX output: its paragraphs (the title and the section and sub-item headings in Word's heading styles), its
tables as Word tables (merged cells merged again) and its pictures as `[image: …]` lines.

Each run keeps the source offsets of its characters (`RunPiece`), so comments can be anchored at findings.
"""
from __future__ import annotations

from typing import Any

from linter.document.model import Document, Image, Paragraph, Table, Text
from linter.document.readers.docx import LineAnchor, RunPiece
from linter.outline.parser import Outline

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
WORD_MAX_COLUMNS = 63  # Word opens no table wider than this
HEADING_MAX_CHARS = 40


class _Renderer:
    def __init__(self, outline: Outline) -> None:
        import docx  # python-docx, imported only when a Word document is written

        self.word = docx.Document()
        self.pieces: list[RunPiece] = []
        self.lines: list[LineAnchor] = []
        self.styles = heading_styles(outline)

    def paragraph(self, text: Text, style: str | None = None) -> None:
        self.text_into(self.word.add_paragraph(style=style), text)

    def text_into(self, p, text: Text) -> None:
        """Write `text` as one run of paragraph `p`, and remember where it came from."""
        start, end = text.source_span()
        self.lines.append(LineAnchor(start, end, p._p))
        if text.text:
            run = p.add_run(text.text)
            self.pieces.append(RunPiece(list(text.offsets), run._r.find(W + "t")))

    def table(self, table: Table) -> None:
        width = min(max(len(row) for row in table.rows), WORD_MAX_COLUMNS)
        grid = self.word.add_table(rows=len(table.rows), cols=width)
        grid.style = "Table Grid"
        for r0, c0, r1, c1 in table.merged_regions():
            if c1 < width:
                grid.cell(r0, c0).merge(grid.cell(r1, c1))
        cells = _grid_cells(grid._tbl)
        for r, row in enumerate(table.rows):
            for c, cell in enumerate(row[:width]):
                if cell.origin is None and (r, c) in cells:
                    self.text_into(cells[(r, c)], cell.text)


def render(document: Document, outline: Outline):
    """(python-docx document, run pieces, lines) of `document` written as Word."""
    renderer = _Renderer(outline)
    for block in document.blocks:
        if isinstance(block, Paragraph):
            renderer.paragraph(block.text, _style(block, renderer.styles))
        elif isinstance(block, Table) and block.rows and any(block.rows):
            renderer.table(block)
        elif isinstance(block, Image):
            renderer.paragraph(block.text)
    return renderer.word, renderer.pieces, renderer.lines


def heading_styles(outline: Outline) -> dict[int, str]:
    """Word styles by the source offset where a heading starts: the title, sections and sub-items."""
    styles: dict[int, str] = {}
    if outline.title is not None:
        styles[outline.title.text.source_span()[0]] = "Title"
    for section in outline.sections:
        if section.heading.text:  # a section whose heading is lost has none to style
            styles[section.heading.source_span()[0]] = "Heading 1"
        for sub in section.subitems:
            styles[sub.heading.span[0]] = "Heading 2"
    return styles


def _style(block: Paragraph, styles: dict[int, str]) -> str | None:
    """The outline's heading style, or the reader's heading hint (Markdown `#`, HTML `<h3>`), for a short
    paragraph: a sub-item heading that runs on into its text stays a body paragraph."""
    if len(block.text) > HEADING_MAX_CHARS:
        return None
    if block.span[0] in styles:
        return styles[block.span[0]]
    return f"Heading {min(block.heading, 9)}" if block.heading else None


def _grid_cells(tbl) -> dict[tuple[int, int], Any]:
    """The python-docx paragraph-holding cell at each (row, grid column) where a cell starts."""
    from docx.table import _Cell

    cells: dict[tuple[int, int], Any] = {}
    for r, tr in enumerate(tbl.tr_lst):
        col = 0
        for tc in tr.tc_lst:
            cells[(r, col)] = _Cell(tc, None).paragraphs[0]
            col += tc.grid_span
    return cells
