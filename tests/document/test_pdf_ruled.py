"""Pages of ruled tables read from PDFium (`pdf_paths`, `pdf_ruled`) against pdfplumber's reading of them.

The fast path must give exactly the Document pdfplumber gives: for tables ruled the ways agencies' PDFs
rule them (reportlab's grid of line segments, a rectangle stroked per cell, Word's and WPS's borders of
thin filled rectangles, merged cells, a table continued on the next page under a repeated header, a page
of paragraphs around a table, LibreOffice's export of a DOCX), the Document read with PDFium's pages equals
the one pdfplumber reads, and a spy shows which pages PDFium read.  The pieces are compared one by one
too: the edges made of PDFium's paths with pdfplumber's `page.edges`, and the table finder with
pdfplumber's own functions on random edges.  A page whose tables are not certain is pdfplumber's, and the
bounds on what a page may draw hold as before.
"""
from __future__ import annotations

import io
import random
import shutil
import subprocess
from functools import lru_cache

import pytest

import docgen
from docgen import pdfium_draws_unembedded_cjk
from conftest import CORPUS
from linter.document.limits import LimitExceeded, ReadLimits
from linter.document.model import Table
from linter.document.readers import pdf, pdf_paths, pdf_ruled, pdf_text, read_document


@pytest.fixture
def read_by(monkeypatch):
    """Per page read: "text" or "ruled" when PDFium's reading was used, "pdfplumber" otherwise."""
    taken: list[str] = []
    quick, slow = pdf._quick_items, pdf._read_page

    def quick_spy(answer, page):
        items = quick(answer, page)
        if items is not None:
            taken.append("text" if answer.edges is None else "ruled")
        return items

    def slow_spy(page, pictures=False):
        taken.append("pdfplumber")
        return slow(page, pictures)

    monkeypatch.setattr(pdf, "_quick_items", quick_spy)
    monkeypatch.setattr(pdf, "_read_page", slow_spy)
    return taken


def _shape(doc) -> tuple:
    return doc.source, doc.page_starts, repr(doc.blocks)


def _both(data: bytes, read_by: list[str]) -> tuple:
    """The Document read as now and with pdfplumber only; `read_by` keeps the pages of the first read."""
    quick = pdf.read(data, "x.pdf", limits=ReadLimits())
    pages = list(read_by)
    slow = pdf.read(data, "x.pdf", limits=ReadLimits(), fast=False)
    read_by[:] = pages
    return quick, slow


# ── tables drawn on a canvas, ruled one way or another ──────────────────────────────────────────────
ROWS = [["信息内容", "本年新制作数量", "本年新公开数量", "对外公开总数量"],
        ["规章", "0", "0", "12"],
        ["行政规范性文件", "3", "3", "45"],
        ["行政许可", "1520", "", "2608"],
        ["行政处罚", "7件（含2024-01-15决定）", "", ""]]
SPANS = {(3, 1): (1, 2), (4, 1): (1, 3), (1, 0): (2, 1)}   # (row, column): (rows, columns) merged


def _canvas():
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    out = io.BytesIO()
    return out, canvas.Canvas(out)


def _draw_table(c, top: float, rows: list[list[str]], ruling: str, spans: dict | None = None,
                widths=(150.0, 110.0, 110.0, 110.0), height: float = 22.0) -> float:
    """Draw `rows` as a table whose top left corner is (60, top); `ruling`: "lines" (a segment per cell
    side), "rects" (a rectangle stroked per cell, `re`), "thin" (each side a filled rectangle half a
    point thick, as Word and WPS draw borders) or "grid" (a rule the width or height of the table per
    grid line, merged cells cut out).  Returns the y below the table."""
    spans = spans or {}
    lefts = [60.0]
    for w in widths:
        lefts.append(lefts[-1] + w)
    covered = {(r + dr, k + dk) for (r, k), (rs, cs) in spans.items() for dr in range(rs) for dk in range(cs)} - set(spans)
    c.setFont("STSong-Light", 9)
    c.setLineWidth(0.5)
    for r, row in enumerate(rows):
        y0 = top - r * height
        for k, text in enumerate(row):
            if (r, k) in covered:
                continue
            rs, cs = spans.get((r, k), (1, 1))
            x0, x1, y1 = lefts[k], lefts[k + cs], y0 - rs * height
            c.drawString(x0 + 4, (y0 + y1) / 2 - 3, text)
            if ruling == "lines":
                for ax, ay, bx, by in ((x0, y0, x1, y0), (x0, y1, x1, y1), (x0, y0, x0, y1), (x1, y0, x1, y1)):
                    c.line(ax, ay, bx, by)
            elif ruling == "rects":
                c.rect(x0, y1, x1 - x0, y0 - y1, stroke=1, fill=0)
            elif ruling == "thin":
                c.rect(x0, y0 - 0.25, x1 - x0, 0.5, stroke=0, fill=1)
                c.rect(x0, y1 - 0.25, x1 - x0, 0.5, stroke=0, fill=1)
                c.rect(x0 - 0.25, y1, 0.5, y0 - y1, stroke=0, fill=1)
                c.rect(x1 - 0.25, y1, 0.5, y0 - y1, stroke=0, fill=1)
    bottom = top - len(rows) * height
    if ruling == "grid":
        for r in range(len(rows) + 1):
            c.line(lefts[0], top - r * height, lefts[-1], top - r * height)
        for x in lefts:
            c.line(x, top, x, bottom)
    return bottom


def _ruled_pdf(ruling: str, spans: dict | None = None) -> bytes:
    out, c = _canvas()
    _draw_table(c, 760, ROWS, ruling, spans)
    c.save()
    return out.getvalue()


@pytest.mark.parametrize("ruling", ["lines", "rects", "thin"])
@pytest.mark.parametrize("merged", [False, True], ids=["plain", "merged"])
def test_a_table_ruled_so_reads_the_same_from_pdfium(ruling, merged, read_by):
    quick, slow = _both(_ruled_pdf(ruling, SPANS if merged else None), read_by)
    assert read_by == ["ruled"]
    assert _shape(quick) == _shape(slow)
    table = next(b for b in quick.blocks if isinstance(b, Table))
    assert [cell.text.text for cell in table.rows[0]] == ROWS[0]
    if merged:  # the merged cells' text in every slot they cover, marked as copies
        assert [cell.text.text for cell in table.rows[4]][1:] == ["7件（含2024-01-15决定）"] * 3
        assert table.rows[2][0].text.text == "规章" and table.rows[2][0].origin == (1, 0)


def test_a_page_of_paragraphs_around_a_table_reads_the_same_from_pdfium(read_by):
    out, c = _canvas()
    c.setFont("STSong-Light", 11)
    for i, line in enumerate(["一、总体情况", "本机关2024年主动公开政府信息1520条，其中规章0件、",
                              "规范性文件3件。具体情况见下表。"]):
        c.drawString(60 if i == 0 else 82 if i == 1 else 60, 790 - i * 16, line)
    bottom = _draw_table(c, 730, ROWS, "lines", SPANS)
    c.setFont("STSong-Light", 11)
    c.drawString(60, bottom - 30, "二、主动公开政府信息情况")
    c.drawString(82, bottom - 46, "本年度共受理政府信息公开申请45件。")
    c.drawCentredString(297, 30, "- 2 -")
    c.save()
    quick, slow = _both(out.getvalue(), read_by)
    assert read_by == ["ruled"]
    assert _shape(quick) == _shape(slow)
    assert "本年度共受理政府信息公开申请45件。" in quick.source and "| 规章 |" in quick.source


def test_a_table_continued_under_a_repeated_header_reads_the_same_from_pdfium(read_by):
    """reportlab's grid, 120 rows over three pages, the header row repeated on each: one table."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.platypus import Paragraph, SimpleDocTemplate, TableStyle
    from reportlab.platypus import Table as RLTable
    from reportlab.lib.styles import ParagraphStyle

    out, _ = _canvas()
    style = ParagraphStyle("cell", fontName="STSong-Light", fontSize=8, leading=10, wordWrap="CJK")
    rows = [[Paragraph(t, style) for t in ("序号", "事项名称", "办理结果", "数量")]]
    rows += [[Paragraph(t, style) for t in (str(i), f"第{i}项政府信息公开申请", "予以公开" if i % 3 else "部分公开", str(i * 7))]
             for i in range(1, 121)]
    table = RLTable(rows, colWidths=[50, 220, 120, 80], repeatRows=1)
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black)]))
    SimpleDocTemplate(out, pagesize=A4).build([table])
    quick, slow = _both(out.getvalue(), read_by)
    assert read_by == ["ruled"] * 3
    assert _shape(quick) == _shape(slow)
    first = next(b for b in quick.blocks if isinstance(b, Table))
    header = [cell.text.text for cell in first.rows[0]]
    assert header == ["序号", "事项名称", "办理结果", "数量"]
    assert len(first.rows) == 121 and [[c.text.text for c in row] for row in first.rows].count(header) == 1
    assert sum(isinstance(b, Table) for b in quick.blocks) == 1  # the pieces of all three pages are one table


@lru_cache(maxsize=None)
def corpus_pdf(name: str) -> bytes:
    return docgen.to_pdf(read_document((CORPUS / name).read_bytes(), name))


def test_the_corpus_tables_are_read_from_pdfium(read_by):
    quick, slow = _both(corpus_pdf("2024-huaian-szf.md"), read_by)
    assert _shape(quick) == _shape(slow)
    if pdfium_draws_unembedded_cjk():  # (without a stand-in font PDFium leaves some characters out: pdfplumber's pages)
        assert read_by.count("ruled") >= 3 and "pdfplumber" not in read_by


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_a_libreoffice_export_of_a_docx_reads_the_same(tmp_path, read_by):
    """LibreOffice's PDF of a DOCX report with its tables.  Its embedded fonts give a descent PDFium reads
    otherwise than pdfminer (`pdf_text`), so its pages are left to pdfplumber: read the same, by it."""
    doc = read_document((CORPUS / "2024-huaian-szf.md").read_bytes(), "x.md")
    (tmp_path / "report.docx").write_bytes(docgen.to_docx(doc))
    subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(tmp_path / "report.docx")],
                   check=True, capture_output=True, timeout=180)
    quick, slow = _both((tmp_path / "report.pdf").read_bytes(), read_by)
    assert _shape(quick) == _shape(slow)
    assert read_by and set(read_by) == {"pdfplumber"}
    assert sum(isinstance(b, Table) for b in quick.blocks) >= 3


# ── pages left to pdfplumber ────────────────────────────────────────────────────────────────────────
def _assert_read_the_same_by_pdfplumber(data: bytes, read_by: list[str]) -> None:
    quick, slow = _both(data, read_by)
    assert read_by == ["pdfplumber"]
    assert _shape(quick) == _shape(slow)


def test_a_border_as_long_as_the_shortest_edge_kept_is_left_to_pdfplumber(read_by):
    """A table whose cells are 1 pt wide in one column: an edge exactly as long as pdfplumber's shortest
    is decided by the last bits of its length, which PDFium's single precision does not keep."""
    out, c = _canvas()
    _draw_table(c, 760, [[row[0], "", *row[2:]] for row in ROWS], "lines", widths=(150.0, 1.0, 110.0, 110.0))
    c.save()
    with pytest.raises(pdf_ruled.Unsuitable):
        with pdf_text.open_document(out.getvalue()) as reader:
            import pdfplumber

            with pdfplumber.open(io.BytesIO(out.getvalue())) as plumb:
                quick = reader.page_lines(0, plumb.pages[0])
                pdf_ruled.lay_out(quick.chars, quick.edges)
    _assert_read_the_same_by_pdfplumber(out.getvalue(), read_by)


def test_a_page_filling_with_the_obsolete_operator_is_left_to_pdfplumber(read_by):
    """`F` (the obsolete fill): pdfminer leaves its path to the next painting operator, PDFium fills it."""
    out, c = _canvas()
    _draw_table(c, 760, ROWS, "lines")
    c._code.append("60 300 480 0.5 re F 60 200 m 540 200 l S")  # the rule is painted twice by pdfminer's count
    c.save()
    _assert_read_the_same_by_pdfplumber(out.getvalue(), read_by)


def test_a_page_drawing_too_many_shapes_is_refused_as_before(read_by):
    """A table and 31 000 short rules: pdfminer counts each rule, and so does the budget."""
    out, c = _canvas()
    _draw_table(c, 760, ROWS, "lines")
    path = c.beginPath()
    for i in range(31_000):
        x, y = 40 + (i % 500), 40 + (i // 500) * 5
        path.moveTo(x, y)
        path.lineTo(x + 0.5, y)
    c.drawPath(path)
    c.save()
    for fast in (True, False):
        with pytest.raises(LimitExceeded, match="page 1 of the PDF draws more than 30000 characters and shapes"):
            pdf.read(out.getvalue(), "x.pdf", limits=ReadLimits(), fast=fast)


# ── the pieces: edges, and the table finder ─────────────────────────────────────────────────────────
def _content_pdf(content: bytes) -> bytes:
    """One A4 page drawn by `content` (no text)."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
               b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream"]
    out = b"%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    return out + b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)


PATHS = {
    "line segments": b"0.5 w 100 700 m 400 700 l S 100 700 m 100 600 l S 100.5 650 m 399.5 650.2 l S",
    "rectangles stroked and filled": b"100 700 200 -50 re S 100 600 200 0.5 re f 320 600 0.5 90 re f",
    "a closed square, a triangle and a diagonal": b"100 500 m 200 500 l 200 400 l 100 400 l h S "
                                                  b"300 500 m 350 450 l 300 400 l h f 400 500 m 450 420 l S",
    "subpaths of one path, moves in a row, a lone move": b"100 300 m 300 300 l 50 50 m 100 250 m 100 350 l "
                                                          b"200 250 m 200 350 l 10 10 m S",
    "a closing line back to the start, then h": b"100 200 m 300 200 l 300 150 l 100 150 l 100 200 l h S",
    "a path started again after h": b"350 200 m 450 200 l 450 100 l h 500 100 l S",
    "Bezier curves": b"100 100 m 150 150 200 150 250 100 c 250 50 l 300 50 350 80 v 400 50 380 20 y h S",
    "under a matrix": b"q 0.75 0 0 0.75 20 30 cm 100 100 120 60 re S 100 130 m 220 130 l S Q",
    "clipped and ended with n": b"q 50 50 400 400 re W n 60 60 m 300 60 l S 60 60 m 60 300 l n Q",
}


def _plumber_edges(data: bytes) -> list[dict]:
    import pdfplumber

    with pdfplumber.open(io.BytesIO(data)) as plumb:
        return list(plumb.pages[0].edges)


def _pdfium_edges(data: bytes) -> list[dict]:
    import pypdfium2
    import pypdfium2.raw as raw

    document = pypdfium2.PdfDocument(data)
    try:
        page = document[0]
        _, _, paths = pdf_text._objects(raw, page.raw, 842.0, 595.0)
        shapes = [pdf_paths.shape(ops, pts) for path in paths for ops, pts in pdf_paths.subpaths(path)]
        return pdf_paths.edges(shapes, 842.0)
    finally:
        document.close()


@pytest.mark.parametrize("content", list(PATHS.values()), ids=list(PATHS))
def test_pdfium_paths_give_pdfplumbers_edges(content):
    """Every edge pdfplumber makes of the page's paths, in its order, with its orientation and box (to a
    thousandth of a point: PDFium keeps single precision)."""
    data = _content_pdf(content)
    # PDFium closes a subpath with one more line back to its start: where a subpath goes on after its
    # `h`, that makes an edge of no length more (pdfplumber drops it before looking for tables)
    expected, got = ([e for e in edges if e["width"] or e["height"]] for edges in (_plumber_edges(data), _pdfium_edges(data)))
    assert len(got) == len(expected)
    for mine, theirs in zip(got, expected):
        assert mine["orientation"] == theirs["orientation"]
        for key in ("x0", "x1", "top", "bottom", "width", "height"):
            assert abs(mine[key] - theirs[key]) < 1e-3, (key, mine, theirs)


def _plumber_tables(edges: list[dict]) -> list[list[tuple]]:
    from pdfplumber import table, utils

    kept = utils.filter_edges(edges, "v", min_length=1) + utils.filter_edges(edges, "h", min_length=1)
    merged = utils.filter_edges(table.merge_edges(kept, 3, 3, 3, 3), min_length=3)
    return table.cells_to_tables(table.intersections_to_cells(table.edges_to_intersections(merged, 3, 3)))


def _random_edges(rng: random.Random) -> list[dict]:
    """A ruled grid of random columns and rows, its rules drawn in pieces, a little off, some missing,
    some as thin rectangles or curves, with stray boxes around it."""
    def jitter() -> float:
        return rng.choice([0.0, 0.0, rng.uniform(-2.4, 2.4), rng.uniform(-6, 6)])

    shapes = []
    xs = sorted(rng.uniform(30, 560) for _ in range(rng.randint(2, 7)))
    ys = sorted(rng.uniform(30, 800) for _ in range(rng.randint(2, 9)))
    for y in ys:
        for a, b in zip(xs, xs[1:]):
            if rng.random() < 0.85:
                shapes.append(("line", [(a + jitter(), y + jitter() / 8), (b + jitter(), y)]))
    for x in xs:
        for a, b in zip(ys, ys[1:]):
            kind = rng.random()
            if kind < 0.7:
                shapes.append(("line", [(x, a + jitter()), (x, b + jitter())]))
            elif kind < 0.85:
                shapes.append(("rect", [(x, a), (x + rng.uniform(0.2, 4.5), b)]))
            elif kind < 0.9:
                shapes.append(("curve", [(x, a), (x, b), (x + rng.uniform(0.5, 9), b), (x, a)]))
    for _ in range(rng.randint(0, 5)):
        x, y = rng.uniform(0, 540), rng.uniform(0, 780)
        shapes.append(("rect", [(x, y), (x + rng.uniform(0, 60), y + rng.uniform(0, 60))]))
    rng.shuffle(shapes)
    return pdf_paths.edges(shapes, 841.89)


def test_the_table_finder_finds_pdfplumbers_tables():
    """On 2000 random rulings, the cells of each table, in pdfplumber's order, exactly (the same numbers
    in, the same arithmetic); the rulings with a decision within 0.01 pt of a tolerance (one in twenty
    here, where rules are drawn a little off on purpose) are refused."""
    rng = random.Random(30)
    refused = 0
    for _ in range(2000):
        edges = _random_edges(rng)
        expected = _plumber_tables([dict(e) for e in edges])
        try:
            got = pdf_ruled.find_tables(edges)
        except pdf_ruled.Unsuitable:
            refused += 1
            continue
        assert got == expected
    assert refused < 200
