"""Build DOCX, PDF and HTML versions of a report from a `Document` read from a corpus file.

Used by the format tests (so no binary fixtures are committed): python-docx writes the DOCX, with
merged cells where the source table had them; reportlab writes the PDF with its built-in CJK CID font
STSong-Light (Adobe-GB1, referenced not embedded: no font file is needed, and text extraction maps
it back to Unicode), with ruled tables that may run over a page break.
"""
from __future__ import annotations

from functools import lru_cache

import html
import io

from linter.document.model import Document, Image, Paragraph, Table


def _origin_text(table: Table, r: int, c: int) -> str:
    cell = table.rows[r][c]
    return "" if cell.origin is not None else cell.text.text


def _pdf_text(table: Table, r: int, c: int) -> str:
    cell = table.rows[r][c]
    if cell.origin is None:
        return cell.text.text
    return cell.text.text if cell.origin[1] == c else ""


def to_docx(doc: Document, heading_styles: bool = True) -> bytes:
    import docx

    word = docx.Document()
    for block in doc.blocks:
        if isinstance(block, Paragraph):
            if block.heading and heading_styles:
                word.add_heading(block.text.text, level=min(block.heading, 9))
            else:
                word.add_paragraph(block.text.text)
        elif isinstance(block, Table):
            rows, cols = len(block.rows), max(len(r) for r in block.rows)
            t = word.add_table(rows=rows, cols=cols)
            t.style = "Table Grid"
            for r, row in enumerate(block.rows):
                for c, _ in enumerate(row):
                    text = _origin_text(block, r, c)
                    if text:
                        t.cell(r, c).text = text
            for r0, c0, r1, c1 in block.merged_regions():
                t.cell(r0, c0).merge(t.cell(r1, c1))
        elif isinstance(block, Image):
            word.add_paragraph(f"[image: {block.name}]")
    out = io.BytesIO()
    word.save(out)
    return out.getvalue()


def to_html(doc: Document, gbk: bool = False) -> bytes:
    parts = ["<html><head>", '<meta charset="gbk">' if gbk else '<meta charset="utf-8">', "</head><body>"]
    for block in doc.blocks:
        if isinstance(block, Paragraph):
            tag = f"h{block.heading}" if block.heading else "p"
            parts.append(f"<{tag}>{html.escape(block.text.text)}</{tag}>")
        elif isinstance(block, Table):
            parts.append('<table border="1">')
            merges = {(r0, c0): (r1 - r0 + 1, c1 - c0 + 1) for r0, c0, r1, c1 in block.merged_regions()}
            for r, row in enumerate(block.rows):
                parts.append("<tr>")
                for c, cell in enumerate(row):
                    if cell.origin is not None:
                        continue
                    rs, cs = merges.get((r, c), (1, 1))
                    attrs = (f' rowspan="{rs}"' if rs > 1 else "") + (f' colspan="{cs}"' if cs > 1 else "")
                    parts.append(f"<td{attrs}>{html.escape(cell.text.text)}</td>")
                parts.append("</tr>")
            parts.append("</table>")
        elif isinstance(block, Image):
            parts.append(f'<p><img src="{html.escape(block.name)}" width="600"></p>')
    parts.append("</body></html>")
    text = "\n".join(parts)
    return text.encode("gbk") if gbk else text.encode("utf-8")


def to_pdf(doc: Document, pagesize=None, spacer_before_table: float = 0) -> bytes:
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import Paragraph as RLParagraph
    from reportlab.platypus import SimpleDocTemplate, Spacer
    from reportlab.platypus import Table as RLTable
    from reportlab.platypus import TableStyle

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    body = ParagraphStyle("body", fontName="STSong-Light", fontSize=11, leading=16, wordWrap="CJK",
                          firstLineIndent=22, spaceAfter=4)
    head = ParagraphStyle("head", parent=body, fontSize=14, leading=20, firstLineIndent=0)
    cell_style = ParagraphStyle("cell", fontName="STSong-Light", fontSize=7, leading=9, wordWrap="CJK")
    story = []
    out = io.BytesIO()
    page = pagesize or A4
    template = SimpleDocTemplate(out, pagesize=page, leftMargin=40, rightMargin=40, topMargin=40, bottomMargin=40)
    width = page[0] - 80
    for block in doc.blocks:
        if isinstance(block, Paragraph):
            style = head if block.heading else body
            story.append(RLParagraph(html.escape(block.text.text), style))
        elif isinstance(block, Table):
            if spacer_before_table:
                story.append(Spacer(1, spacer_before_table))
            cols = max(len(r) for r in block.rows)
            # Row-spanning cells cannot break across pages in reportlab: a vertical merge is written as
            # the label repeated in each row (what an expanded grid holds anyway); colspans stay merged.
            data = [[RLParagraph(html.escape(_pdf_text(block, r, c)), cell_style) for c in range(len(row))]
                    + [""] * (cols - len(row)) for r, row in enumerate(block.rows)]
            first = min(width * 0.4, width / cols * 3) if cols > 3 else width / cols
            widths = [first] + [(width - first) / (cols - 1)] * (cols - 1) if cols > 1 else [width]
            t = RLTable(data, colWidths=widths)
            style = [("GRID", (0, 0), (-1, -1), 0.5, colors.black), ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]
            for r0, c0, r1, c1 in block.merged_regions():
                if c1 > c0:
                    for r in range(r0, r1 + 1):
                        style.append(("SPAN", (c0, r), (c1, r)))
            t.setStyle(TableStyle(style))
            story.append(t)
        elif isinstance(block, Image):
            story.append(RLParagraph(html.escape(f"[image: {block.name}]"), body))
    template.build(story)
    return out.getvalue()


@lru_cache(maxsize=None)
def pdfium_draws_unembedded_cjk() -> bool:
    """Whether PDFium here has a CJK font to stand in for the unembedded STSong-Light (a system font): without
    one it gives its characters boxes of no height, and the pages of the dense report are left to pdfplumber
    (they read the same either way)."""
    import pypdfium2
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    out = io.BytesIO()
    page = canvas.Canvas(out)
    page.setFont("STSong-Light", 12)
    page.drawString(72, 700, "政府信息公开")
    page.save()
    document = pypdfium2.PdfDocument(out.getvalue())
    try:
        _, bottom, _, top = document[0].get_textpage().get_charbox(0)
        return top - bottom > 1
    finally:
        document.close()
