"""PDFium's reading of text-only PDF pages (`linter/document/readers/pdf_text.py`) against pdfplumber's.

The fast path must not change what a user sees: for every corpus report drawn as a PDF (`docgen.to_pdf`,
reportlab) and for a long text-dense report with running headers and footers, the Document read with
PDFium's pages equals the one pdfplumber reads (source lines, paragraphs, tables, pages), and
`report-lint check --format json` prints the same findings.  The grouping of characters into lines is
also compared with pdfplumber's own on characters placed at its tolerances.  Bounds and refusals stay
those of the pdfplumber path.
"""
from __future__ import annotations

import io
import json
from functools import lru_cache

import pytest
from click.testing import CliRunner

import docgen
from docgen import pdfium_draws_unembedded_cjk
from conftest import CORPUS
from linter.cli.main import main
from linter.document.limits import LimitExceeded, ReadLimits
from linter.document.model import Paragraph
from linter.document.readers import pdf, pdf_ruled, pdf_text, read_document

REPORTS = sorted(p.name for p in CORPUS.iterdir() if p.suffix in (".txt", ".md", ".html"))


@pytest.fixture
def fast_pages(monkeypatch):
    """Per page read with PDFium at hand: was it read from PDFium (True) or left to pdfplumber (False)?"""
    taken: list[bool] = []
    original = pdf_text.FastReader.page_lines

    def spy(self, index, page):
        answer = original(self, index, page)
        taken.append(answer is not None)
        return answer

    monkeypatch.setattr(pdf_text.FastReader, "page_lines", spy)
    quick = pdf._quick_items

    def ruled_spy(answer, page):
        items = quick(answer, page)
        taken[-1] = items is not None  # a ruled page whose tables are not certain goes to pdfplumber
        return items

    monkeypatch.setattr(pdf, "_quick_items", ruled_spy)
    return taken


@lru_cache(maxsize=None)
def corpus_pdf(name: str) -> bytes:
    return docgen.to_pdf(read_document((CORPUS / name).read_bytes(), name))


def _shape(doc) -> tuple:
    """Everything a Document tells the checks, in a comparable form."""
    return doc.source, doc.page_starts, repr(doc.blocks)


def _both(data: bytes) -> tuple:
    return pdf.read(data, "x.pdf", limits=ReadLimits()), pdf.read(data, "x.pdf", limits=ReadLimits(), fast=False)


def _check_json(path, monkeypatch, fast: bool) -> dict:
    with monkeypatch.context() as m:
        if not fast:
            m.setattr(pdf_text, "open_document", lambda data: None)
        result = CliRunner().invoke(main, ["check", "--format", "json", "--lang", "en", str(path)])
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.output)


def _text_only(data: bytes) -> list[bool]:
    """Per page: does it draw characters and nothing else (pdfplumber's view)?"""
    import pdfplumber

    with pdfplumber.open(io.BytesIO(data)) as plumb:
        return [bool(page.chars) and not (page.lines or page.rects or page.curves or page.images) for page in plumb.pages]


@pytest.mark.parametrize("name", REPORTS)
def test_corpus_report_as_pdf_reads_the_same_with_pdfium(name, fast_pages):
    quick, slow = _both(corpus_pdf(name))
    assert _shape(quick) == _shape(slow)
    if pdfium_draws_unembedded_cjk():  # (without a stand-in font PDFium leaves some characters out: pdfplumber's pages)
        assert fast_pages == [True] * len(quick.page_starts)  # pages of text and pages of ruled tables alike


def test_the_corpus_has_pages_of_both_kinds():
    pages = [kind for name in REPORTS for kind in _text_only(corpus_pdf(name))]
    assert pages.count(True) >= 10 and pages.count(False) >= 10


def test_table_pages_are_read_with_their_tables_from_pdfium():
    """The statistics tables are ruled by paths: their pages come with PDFium's characters and the edges
    of its paths, and the tables found there have pdfplumber's cells."""
    import pdfplumber

    data = corpus_pdf("2024-huaian-szf.md")
    with pdf_text.open_document(data) as reader, pdfplumber.open(io.BytesIO(data)) as plumb:
        with_tables = [i for i, page in enumerate(plumb.pages) if page.find_tables()]
        assert with_tables
        for i in with_tables:
            quick = reader.page_lines(i, plumb.pages[i])
            if quick is None and not pdfium_draws_unembedded_cjk():
                continue  # without a stand-in font PDFium leaves characters out, and the page is pdfplumber's
            assert quick.edges and not quick.lines
            _, tables = pdf_ruled.lay_out(quick.chars, quick.edges)
            expected = [t.cells for t in plumb.pages[i].find_tables()]
            assert [len(cells) for cells, _ in tables] == [len(cells) for cells in expected]
            assert all(abs(a - b) < 1e-3 for (cells, _), other in zip(tables, expected)
                       for cell, their in zip(cells, other) for a, b in zip(cell, their))


@pytest.mark.parametrize("name", ["2024-huaian-szf.md", "2019-pingtan-gwh.txt", "2023-shuyang-fgj.html"])
def test_check_json_is_the_same_with_pdfium(name, tmp_path, monkeypatch, fast_pages):
    path = tmp_path / f"{name}.pdf"
    path.write_bytes(corpus_pdf(name))
    quick, slow = _check_json(path, monkeypatch, True), _check_json(path, monkeypatch, False)
    assert quick["files"][0]["error"] is None and quick["files"][0]["findings"]
    assert quick == slow


# ── a long text-dense report ────────────────────────────────────────────────────────────────────────
@lru_cache(maxsize=None)
def dense_pdf(characters: int = 40_000) -> bytes:
    """A report of `characters` characters of prose (the paragraphs of a corpus report over and over,
    headings at a larger size, wrapped lines, Latin words and numbers), each page with a running header,
    a running footer and a page number: reportlab, STSong-Light."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import Paragraph as RLParagraph
    from reportlab.platypus import SimpleDocTemplate

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    body = ParagraphStyle("body", fontName="STSong-Light", fontSize=11, leading=16, wordWrap="CJK", firstLineIndent=22)
    head = ParagraphStyle("head", parent=body, fontSize=14, leading=20, firstLineIndent=0)
    doc = read_document((CORPUS / "2024-huaian-szf.md").read_bytes(), "x.md")
    paragraphs = [b for b in doc.blocks if isinstance(b, Paragraph)]
    story, written = [], 0
    while written < characters:
        for b in paragraphs:
            story.append(RLParagraph(b.text.text.replace("&", "&amp;").replace("<", "&lt;"), head if b.heading else body))
            written += len(b.text.text)
    story.append(RLParagraph("The report is published at https://www.example.gov.cn/xxgk/2024/report-12345.html "
                             "on 2024-01-15 (version 2.0).", body))

    from PIL import Image as PILImage
    from reportlab.lib.utils import ImageReader

    logo = io.BytesIO()
    PILImage.new("RGB", (40, 40), "red").save(logo, format="PNG")

    def furniture(canvas, template):
        """The header's right part drawn before its left, its pieces 2.5 and 3.5 pt apart (one word, then
        two), a rule under it and a small emblem beside it (neither can rule a table), a footnote mark
        raised by 4 pt in the footer, and the page number."""
        y = A4[1] - 25
        logo.seek(0)
        canvas.drawImage(ImageReader(logo), 14, y - 4, 20, 20)
        canvas.setLineWidth(1)
        canvas.line(40, y - 5, A4[0] - 40, y - 5)
        canvas.setFont("STSong-Light", 9)
        canvas.drawRightString(A4[0] - 40, y, "第一部分")
        x = 40
        for piece, gap in (("淮安市人民政府办公室", 2.5), ("2024年", 3.5), ("政府信息公开工作年度报告", 0)):
            canvas.drawString(x, y, piece)
            x += canvas.stringWidth(piece, "STSong-Light", 9) + gap
        canvas.drawCentredString(A4[0] / 2, 20, f"- {template.page} -")
        canvas.drawString(60, 34, "注")
        text = canvas.beginText(69, 34)
        text.setFont("STSong-Light", 6)
        text.setRise(4)
        text.textOut("1")
        text.setRise(0)
        text.setFont("STSong-Light", 9)
        text.textOut("：数据截至12月31日")
        canvas.drawText(text)
        canvas.drawString(text.getX() + 5, 34, "（单位：件）")  # a second word on the raised mark's line

    out = io.BytesIO()
    SimpleDocTemplate(out, pagesize=A4).build(story, onFirstPage=furniture, onLaterPages=furniture)
    return out.getvalue()


def test_long_text_dense_report_reads_the_same_with_pdfium(fast_pages):
    quick, slow = _both(dense_pdf())
    assert len(quick.page_starts) >= 10
    assert fast_pages  # every page is text only: PDFium's, where it has a font for the text
    assert all(fast_pages) if pdfium_draws_unembedded_cjk() else not any(fast_pages)
    assert _shape(quick) == _shape(slow)
    furniture = [b.text.text for b in quick.blocks if isinstance(b, Paragraph) and b.role == "furniture"]
    header = "淮安市人民政府办公室2024年 政府信息公开工作年度报告 第一部分"  # as the PDF's text lines are
    assert quick.source.split("\n").count(header) == len(quick.page_starts)
    assert furniture.count(header.replace(" ", "")) == len(quick.page_starts)
    assert furniture.count("注1：数据截至12月31日（单位：件）") == len(quick.page_starts)
    assert "- 3 -" in furniture


def test_long_text_dense_report_checks_the_same_with_pdfium(tmp_path, monkeypatch):
    path = tmp_path / "dense.pdf"
    path.write_bytes(dense_pdf())
    assert _check_json(path, monkeypatch, True) == _check_json(path, monkeypatch, False)


def _lines_differ(data: bytes) -> list[str]:
    """Every page PDFium reads: its text lines against those of pdfplumber's `extract_text_lines`."""
    import pdfplumber

    differences = []
    with pdf_text.open_document(data) as reader, pdfplumber.open(io.BytesIO(data)) as plumb:
        for i, page in enumerate(plumb.pages):
            quick = reader.page_lines(i, page)
            if quick is None:
                continue
            lines = quick.lines if quick.edges is None else pdf_ruled.lay_out(quick.chars, quick.edges)[0]
            got = [(l.text, l.x0, l.x1, l.top, l.bottom) for l in lines]
            boxes = [t.bbox for t in page.find_tables() if pdf_ruled.kept(t.cells)]

            def outside(obj, boxes=boxes) -> bool:
                cx, cy = (obj["x0"] + obj["x1"]) / 2, (obj["top"] + obj["bottom"]) / 2
                return obj["object_type"] != "char" or not any(b[0] <= cx <= b[2] and b[1] <= cy <= b[3] for b in boxes)

            expected = [(l["text"], l["x0"], l["x1"], l["top"], l["bottom"])
                        for l in page.filter(outside).extract_text_lines(return_chars=False)]
            if [g[0] for g in got] != [e[0] for e in expected] or any(
                    abs(a - b) > 1e-3 for g, e in zip(got, expected) for a, b in zip(g[1:], e[1:])):
                differences.append(f"page {i + 1}")
    return differences


def test_every_line_pdfium_reads_is_pdfplumbers_line():
    """Text, left, right, top and bottom of each line (to a thousandth of a point: PDFium computes in
    single precision), on the corpus PDFs and the long report; on a page of ruled tables, each line
    outside its tables."""
    for data in [corpus_pdf(name) for name in REPORTS] + [dense_pdf()]:
        assert _lines_differ(data) == []


# ── pdfplumber's grouping, character by character ───────────────────────────────────────────────────
def _chars(spec: list[tuple[str, float, float, float]]) -> list[dict]:
    """pdfplumber-like characters from (text, x0, top, width), 10 pt high."""
    return [{"text": t, "x0": x, "x1": x + w, "top": top, "bottom": top + 10, "doctop": top, "upright": True,
             "height": 10, "width": w, "size": 10} for t, x, top, w in spec]


EDGES = {
    "gaps at the tolerance": [("甲", 10, 100, 10), ("乙", 23, 100, 10), ("丙", 36.01, 100, 10), ("丁", 50, 100, 10)],
    "tops chained within 3 pt": [("一", 10, 100, 10), ("二", 20, 102.5, 10), ("三", 30, 105, 10), ("四", 40, 107.6, 10),
                                ("五", 50, 110.2, 10)],
    "a word's top 3 pt from the next": [("a", 10, 100, 5), ("b", 15, 103.01, 5), ("c", 20, 100, 5)],
    "characters out of order and overlapping": [("后", 50, 100, 10), ("前", 10, 100, 10), ("中", 30, 100, 10),
                                                ("叠", 12, 100, 10), ("同", 10, 100, 10)],
    "spaces and ligatures": [("ﬁ", 10, 100, 6), ("x", 16, 100, 5), (" ", 21, 100, 3), ("\u3000", 24, 100, 10),
                             ("y", 40, 100, 5), ("ﬀ", 45, 100, 6)],
    "two columns and blank lines": [("左", 10, 100, 10), ("右", 300, 100.5, 10), (" ", 10, 120, 3),
                                   ("下", 10, 140, 10), ("下", 20, 139, 10)],
}


@pytest.mark.parametrize("case", sorted(EDGES))
def test_lines_are_grouped_as_pdfplumber_groups_them(case):
    from pdfplumber.utils.text import chars_to_textmap

    chars = _chars(EDGES[case])
    expected = [(l["text"], l["x0"], l["x1"], l["top"], l["bottom"])
                for l in chars_to_textmap(chars).extract_text_lines(return_chars=False)]
    got = [(l.text, l.x0, l.x1, l.top, l.bottom)
           for l in pdf_text.group_lines([(c["text"], c["x0"], c["x1"], c["top"], c["bottom"]) for c in chars])]
    assert got == expected


# ── the grouping a text object at a time ────────────────────────────────────────────────────────────
def _text_objects(runs: list[tuple[str, float, float, list[float]]]) -> pdf_text.Characters:
    """Characters of text objects given as (text, x of the first origin, baseline y, advances): 10 pt high,
    the origin 2 pt above the bottom, a page 800 pt high."""
    codes, xs, rights, ys, boxes = [], [], [], [], []
    for text, x, y, advances in runs:
        boxes.append((len(codes), len(codes) + len(text), 800 - 8.0, 800 + 2.0))
        for char, advance in zip(text, advances):
            codes.append(ord(char))
            xs.append(x)
            rights.append(x + advance)
            ys.append(y)
            x += advance
    return pdf_text.Characters(codes, xs, rights, ys, boxes)


RUNS = {
    "a line in three text objects": [("一二三", 10, 700, [10] * 3), ("四", 40, 700, [10]), ("五六", 50, 700, [10] * 2)],
    "a gap over 3 pt between objects": [("一二", 10, 700, [10] * 2), ("三", 33.01, 700, [10]), ("四", 46, 700, [10])],
    "spaces inside and at the ends": [(" 甲 乙", 10, 700, [3, 10, 3, 10]), ("丙 ", 36, 700, [10, 3]),
                                      ("\u3000丁", 49, 700, [10, 10])],
    "baselines 3 pt apart and more": [("上", 10, 700, [10]), ("中", 20, 697.5, [10]), ("下", 30, 694, [10]),
                                      ("再", 40, 697, [10])],
    "objects drawn right to left": [("后", 50, 700, [10]), ("前", 10, 700, [10]), ("中", 30, 700, [10])],
    "two lines, two columns": [("左上", 10, 700, [10, 10]), ("右上", 300, 700.5, [10, 10]), ("左下", 10, 680, [10, 10])],
    "gaps and steps back inside an object": [("甲乙丙", 10, 700, [20, -15, 10])],
    "objects that overlap": [("一二", 10, 700, [10, 10]), ("三", 15, 700, [10])],
    "a ligature": [("ﬁx", 10, 700, [6, 5])],
}


@pytest.mark.parametrize("case", sorted(RUNS))
def test_text_objects_grouped_whole_give_the_lines_of_their_characters(case):
    chars = _text_objects(RUNS[case])
    words = pdf_text._run_words(chars)
    expected = pdf_text.group_lines(chars.tuples())
    if case in ("gaps and steps back inside an object", "objects that overlap", "a ligature"):
        assert words is None  # grouped a character at a time
    else:
        assert words is not None and pdf_text._lines(words) == expected


# ── bounds and refusals ─────────────────────────────────────────────────────────────────────────────
def _crowded_page(characters: int) -> bytes:
    from reportlab.pdfgen import canvas

    out = io.BytesIO()
    c = canvas.Canvas(out)
    c.setFont("Courier", 2)
    per_line = 200
    for row in range(characters // per_line + 1):
        c.drawString(5, 830 - row * 2.2 % 820, "x" * min(per_line, characters - row * per_line))
    c.save()
    return out.getvalue()


def test_a_page_drawing_too_many_characters_is_refused_as_before():
    data = _crowded_page(31_000)
    for fast in (True, False):
        with pytest.raises(LimitExceeded, match="page 1 of the PDF draws more than 30000 characters and shapes"):
            pdf.read(data, "x.pdf", limits=ReadLimits(), fast=fast)


def test_the_file_budget_counts_pdfium_pages_too(fast_pages):
    limits = ReadLimits(max_bytes=256 * 1024)  # 10 000 characters and shapes in all
    messages = []
    for fast in (True, False):
        with pytest.raises(LimitExceeded) as raised:
            pdf.read(dense_pdf(), "x.pdf", limits=limits, fast=fast)
        messages.append(str(raised.value))
    assert messages[0] == messages[1] == "the PDF draws more than 10000 characters and shapes (limit for this size limit)"
    assert any(fast_pages) == pdfium_draws_unembedded_cjk()


def test_pdfium_that_cannot_open_the_file_leaves_it_to_pdfplumber():
    assert pdf_text.open_document(b"%PDF-1.4 nothing else") is None


@pytest.mark.parametrize("font", ["Helvetica", "Vera"])
def test_a_page_whose_text_pdfium_would_place_otherwise_is_pdfplumbers(font, fast_pages):
    """Helvetica: pdfminer takes the descent of one of the 14 standard fonts from its own metrics, PDFium
    from its substitute.  Vera (TrueType, embedded by reportlab): widths in fractions of a unit, which
    PDFium rounds, so its characters drift from pdfminer's along a line."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    if font == "Vera":
        pdfmetrics.registerFont(TTFont("Vera", "Vera.ttf"))
    out = io.BytesIO()
    c = canvas.Canvas(out)
    c.setFont(font, 11)
    c.drawString(50, 800, "Annual report on government information disclosure 2024")
    c.save()
    quick, slow = _both(out.getvalue())
    assert fast_pages == [False]
    assert _shape(quick) == _shape(slow)
