"""Render a statistics table as a picture, the way reports paste them: ruled cells, merged headers and row
labels, a CJK font, then JPEG compression, a slight rotation and blur (a screenshot or a scanned printout).

Used by the OCR tests (no screenshots are committed).  The font is Noto Sans SC, from the Python package
`pylopdf-fonts-zh-cn` that the `test` extra installs: no system font is needed, and every machine draws the
same pictures.  `cjk_font()` fails with a clear message when the package is missing.
"""
from __future__ import annotations

import io
import re
from dataclasses import dataclass
from pathlib import Path

from linter.document.model import Table

FONT_PACKAGE = "pylopdf-fonts-zh-cn"   # Noto Sans SC (SIL Open Font License), a data-only wheel


def cjk_font() -> Path:
    """The CJK font file the test images are drawn with: the one the test extra installs, never a system font
    (a machine's fonts differ, and the pictures, and so what OCR reads, would differ with them)."""
    try:
        from pylopdf_fonts_zh_cn import sans_path
    except ImportError:
        raise RuntimeError(f"the CJK font for the test pictures is missing: pip install '.[test]' "
                           f"(it brings {FONT_PACKAGE})") from None
    path = Path(sans_path())
    if not path.is_file():
        raise RuntimeError(f"the font file {path} of {FONT_PACKAGE} is missing: reinstall it")
    return path


@dataclass
class Box:
    """One drawn cell of the visual grid: rows r0..r1 and columns c0..c1 (inclusive)."""

    r0: int
    c0: int
    r1: int
    c1: int
    text: str


def visual_grid(table: Table, merge_blank_right: bool = False) -> tuple[list[Box], int, int, int]:
    """The boxes a printed table has for a Markdown table of the corpus: header paths ("法人或其他组织-商业
    企业") become stacked header rows, label paths ("三、… / （三）不予公开 / 1.…") stacked label columns,
    equal neighbours merged.  Returns (boxes, rows, columns, label columns)."""
    texts = table.texts()
    data_from = _first_data_row(texts)
    header = texts[:data_from] if data_from else []
    body = texts[data_from:]
    label_paths = [[p.strip() for p in re.split(r"\s*/\s*", row[0])] if row else [""] for row in body]
    depth_r = max((len(p) for p in label_paths), default=1)
    head_paths = [[[p.strip() for p in cell.split("-")] for cell in row[1:]] for row in header]
    depth_h = max((len(p) for row in head_paths for p in row), default=1) if header else 0
    width = max(len(r) for r in texts) - 1
    boxes: list[Box] = []
    if header:
        corner = " ".join(dict.fromkeys(row[0] for row in header if row and row[0]))
        boxes.append(Box(0, 0, depth_h - 1, depth_r - 1, corner))
        for j in range(width):
            path = head_paths[-1][j] if j < len(head_paths[-1]) else [""]
            boxes += _path_boxes(path, depth_h, depth_r + j, head_paths[-1], j, transpose=True)
    for i, path in enumerate(label_paths):
        boxes += _path_boxes(path, depth_r, depth_h + i, label_paths, i, transpose=False)
        row = body[i]
        j = 1
        while j < len(row):
            k = j
            if merge_blank_right:
                while k + 1 < len(row) and not row[k + 1]:
                    k += 1
            boxes.append(Box(depth_h + i, depth_r + j - 1, depth_h + i, depth_r + k - 1, row[j]))
            j = k + 1
    return _dedupe(boxes), depth_h + len(body), depth_r + width, depth_r


def _first_data_row(texts: list[list[str]]) -> int:
    """1 when the first row is the only header (表三, 表四), else 0 (表二 repeats its headers inside)."""
    digits = [any(c[:1].isdigit() for c in row[1:]) for row in texts]
    return 1 if len(texts) > 1 and not digits[0] and digits[1] else 0


def _path_boxes(path, depth, line, siblings, index, transpose: bool) -> list[Box]:
    """Boxes of one label path: level k spans as far as its neighbours share the path up to k; the last
    level extends to the full depth."""
    out = []
    for level, text in enumerate(path):
        if index > 0 and siblings[index - 1][:level + 1] == path[:level + 1] and level < len(path) - 1:
            continue  # drawn by the first row of the run
        end = index
        while end + 1 < len(siblings) and siblings[end + 1][:level + 1] == path[:level + 1] and level < len(path) - 1:
            end += 1
        last = depth - 1 if level == len(path) - 1 else level
        span = end - index
        if transpose:
            out.append(Box(level, line, last, line + span, text))
        else:
            out.append(Box(line, level, line + span, last, text))
    return out


def _dedupe(boxes: list[Box]) -> list[Box]:
    seen, out = set(), []
    for b in boxes:
        key = (b.r0, b.c0)
        if key not in seen:
            seen.add(key)
            out.append(b)
    return out


def render(table: Table, scale: float = 1.0, merge_blank_right: bool = False):
    """A clean RGB picture of the table (PIL image)."""
    from PIL import Image, ImageDraw, ImageFont

    boxes, rows, cols, label_cols = visual_grid(table, merge_blank_right)
    size = round(15 * scale)
    font = ImageFont.truetype(str(cjk_font()), size)
    label_w = [round((260 if c == label_cols - 1 else 110) * scale) for c in range(label_cols)]
    data_w = round(max(70, 1000 / max(cols - label_cols, 1)) * scale)
    widths = label_w + [data_w] * (cols - label_cols)
    line_h = round(size * 1.35)
    lines = {id(b): _wrap(b.text, sum(widths[b.c0:b.c1 + 1]) - 8, font) for b in boxes}
    heights = [line_h + 10] * rows
    for b in boxes:
        need = len(lines[id(b)]) * line_h + 10
        have = sum(heights[b.r0:b.r1 + 1])
        if need > have:
            heights[b.r1] += need - have
    xs = [20]
    for w in widths:
        xs.append(xs[-1] + w)
    ys = [20]
    for h in heights:
        ys.append(ys[-1] + h)
    img = Image.new("RGB", (xs[-1] + 20, ys[-1] + 20), "white")
    draw = ImageDraw.Draw(img)
    stroke = max(1, round(scale))
    for b in boxes:
        x0, y0, x1, y1 = xs[b.c0], ys[b.r0], xs[b.c1 + 1], ys[b.r1 + 1]
        draw.rectangle((x0, y0, x1, y1), outline="black", width=stroke)
        text_lines = lines[id(b)]
        top = (y0 + y1) / 2 - len(text_lines) * line_h / 2
        for k, text in enumerate(text_lines):
            w = draw.textlength(text, font=font)
            draw.text(((x0 + x1) / 2 - w / 2, top + k * line_h + (line_h - size) / 2), text, fill="black", font=font)
    return img


def _wrap(text: str, width: float, font) -> list[str]:
    out, line = [], ""
    for ch in text:
        if line and font.getlength(line + ch) > width:
            out.append(line)
            line = ""
        line += ch
    return out + [line] if line else out or [""]


def degrade(img, angle: float = 0.6, blur: float = 0.6, quality: int = 55) -> bytes:
    """JPEG bytes of a picture slightly rotated, blurred and compressed."""
    from PIL import ImageFilter

    rotated = img.rotate(angle, resample=3, expand=True, fillcolor="white")
    blurred = rotated.filter(ImageFilter.GaussianBlur(blur))
    out = io.BytesIO()
    blurred.save(out, "JPEG", quality=quality)
    return out.getvalue()


def picture_report_docx(doc, pictures: dict[int, bytes]) -> bytes:
    """The report as DOCX with each table whose id is in `pictures` pasted as that picture."""
    import docx
    from docx.shared import Inches

    from linter.document.model import Paragraph

    word = docx.Document()
    for block in doc.blocks:
        if isinstance(block, Paragraph):
            word.add_paragraph(block.text.text)
        elif id(block) in pictures:
            word.add_picture(io.BytesIO(pictures[id(block)]), width=Inches(6.2))
    out = io.BytesIO()
    word.save(out)
    return out.getvalue()


def picture_report_pdf(doc, pictures: dict[int, bytes]) -> bytes:
    """The report as PDF (reportlab, built-in CJK font) with the same pictures in place of the tables."""
    import html as _html

    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import Image as RLImage
    from reportlab.platypus import Paragraph as RLParagraph
    from reportlab.platypus import SimpleDocTemplate

    from linter.document.model import Paragraph

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    body = ParagraphStyle("body", fontName="STSong-Light", fontSize=11, leading=16, wordWrap="CJK", spaceAfter=4)
    out = io.BytesIO()
    template = SimpleDocTemplate(out, pagesize=A4, leftMargin=40, rightMargin=40, topMargin=40, bottomMargin=40)
    width = A4[0] - 80
    story = []
    for block in doc.blocks:
        if isinstance(block, Paragraph):
            story.append(RLParagraph(_html.escape(block.text.text), body))
        elif id(block) in pictures:
            from PIL import Image as PILImage

            data = pictures[id(block)]
            with PILImage.open(io.BytesIO(data)) as im:
                w, h = im.size
            scale = min(width / w, (A4[1] - 100) / h)
            story.append(RLImage(io.BytesIO(data), width=w * scale, height=h * scale))
    template.build(story)
    return out.getvalue()


def change_cell(table: Table, row: int, col: int, value: str) -> Table:
    """A copy of the table with one cell's text replaced (a misprinted number)."""
    from linter.document.model import Cell, Text

    rows = [[Cell(Text(value, [0] * len(value)) if (r, c) == (row, col) else cell.text, r, c, cell.origin)
             for c, cell in enumerate(line)] for r, line in enumerate(table.rows)]
    return Table(rows=rows, source_kind=table.source_kind)
