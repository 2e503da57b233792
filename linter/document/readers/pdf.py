"""PDF reader (pdfplumber on pdfminer.six): the form most agencies publish.

Per page, ruled tables are found from their drawn lines (`find_tables`, the "lines" strategy); the text
outside them is read as lines, top to bottom.  Lines become paragraphs by geometry: a line continues
the paragraph above when that one ran to the right margin and this one is not indented and does not
start with an ordinal ("二、", "（三）").  Page numbers ("- 3 -", "第3页") are page furniture, and a
paragraph continues across them and across the page break.  A table that ends a page and one that
starts the next with the same columns are one table (a repeated header row is dropped).  Merged
cells are expanded from the cells' geometry.

Positions: `Document.source` is synthetic — one line per text line of the PDF, one line per table row
written as `| cell | cell |` — and `page_starts` holds the first line of every page, so a finding
carries its page and the line on that page.

A page is read with PDFium instead (`pdf_text`) when PDFium can give what pdfplumber would: a page of
text only, its lines (five times faster); a page whose paths could rule a table, its characters and the
edges of its paths, from which `pdf_ruled` finds pdfplumber's tables and the lines outside them.  Every
other page (a large picture, a form, a path or table decided within a rounding of a tolerance, …), and
every page when PDFium cannot be loaded or cannot open the file, is read with pdfplumber.

A PDF without a text layer (a scan) is refused with one clear reason: OCR it first.
"""
from __future__ import annotations

import io
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from itertools import chain
from operator import itemgetter

from linter.document.limits import MAX_PAGE_OBJECTS, MAX_TABLE_ROWS, LimitExceeded, ReadLimits
from linter.document.model import Block, Document, Image, Paragraph, Table, Text, normalize
from linter.document.readers import ReadError, pdf_ruled
from linter.document.readers.containers import check_pdf
from linter.document.readers.pdf_cmaps import load_unicode_maps_lazily
from linter.document.readers.pdf_decoders import decode_ascii85_faster, decode_lzw_faster
from linter.document.readers.pdf_refs import follow_reference_chains
from linter.document.readers.synthetic import SourceBuilder, expand_grid
from linter.collector import collector_paused

_ORDINAL_RE = re.compile(r"^\s*(?:[一二三四五六七八九十]{1,3}\s*[、.．]|[（(][一二三四五六七八九十]{1,3}[）)]|\d{1,2}\s*[.．、](?!\d))")
_PAGE_NUMBER_RE = re.compile(r"^\s*[-－—]\s*\d{1,3}\s*[-－—]\s*$|^\s*第\s*\d+\s*页(\s*共\s*\d+\s*页)?\s*$|^\s*\d{1,3}\s*$")
_NO_TEXT = "no text layer; OCR it first (PDF 没有文字层，是扫描件：请先进行文字识别)"


@dataclass
class _Line:
    text: str
    x0: float
    x1: float
    top: float
    size: float
    start: int = 0          # offset in the synthetic source
    furniture: bool = False
    page_height: float = 0.0


@dataclass
class _PdfTable:
    """A ruled table as cell boxes with their text; gridded (merged cells found) only when complete,
    after its continuation on the next page has been appended.  A table continued over many pages is asked
    for its columns, header and bottom once per page: they are read from indexes kept as its cells grow
    (`extend`), not from all its cells again (which made a long table's reading grow with its square)."""

    cells: list[tuple[float, float, float, float, str]]   # x0, top, x1, bottom, text
    top: float
    page_breaks: list[float] = field(default_factory=list)  # y where a continuation page begins
    _tops: list[float] = field(default_factory=list, repr=False, compare=False)    # the cells' tops, sorted
    _order: list[int] = field(default_factory=list, repr=False, compare=False)     # their cells, top by top
    _sides: set[float] = field(default_factory=set, repr=False, compare=False)     # every x0 and x1
    _bottom: float = field(default=float("-inf"), repr=False, compare=False)
    _indexed: int = field(default=0, repr=False, compare=False)                    # cells indexed so far

    @property
    def texts(self) -> list[str]:
        return [c[4] for c in self.cells]

    @property
    def columns(self) -> list[float]:
        self._index()
        return _cluster(list(self._sides))  # (a value met again never starts a cluster: the distinct ones do)

    @property
    def bottom(self) -> float:
        self._index()
        return self._bottom

    def header(self, k: int) -> list[list[str]]:
        """The texts of the first `k` rows (tops clustered 2 pt apart), each row's cells left to right."""
        self._index()
        tops, cells = self._tops, self.cells
        rows: list[float] = []
        for v in tops:
            if not rows or v - rows[-1] > 2.0:
                if len(rows) == k:
                    break
                rows.append(v)
        out = []
        for y in rows:  # the cells within 2 pt of the row's top, found among those near it
            near = self._order[bisect_left(tops, y - 3): bisect_right(tops, y + 3)]
            row = sorted((i for i in near if abs(cells[i][1] - y) <= 2), key=lambda i: (cells[i][0], i))
            out.append([cells[i][4] for i in row])
        return out

    def extend(self, cells: list[tuple[float, float, float, float, str]]) -> None:
        self._index()
        self.cells += cells
        self._index()

    def _index(self) -> None:
        """Index the cells added since the last call: the tops stay sorted (with the cells' order among equal
        tops), by appending when the new ones all come at or below the last (a continuation's do), else anew."""
        start, cells = self._indexed, self.cells
        if start == len(cells):
            return
        new = sorted((c[1], i) for i, c in enumerate(cells[start:], start))
        if self._tops and new[0][0] < self._tops[-1]:
            new = sorted((c[1], i) for i, c in enumerate(cells))
            self._tops, self._order = [], []
        self._tops += [t for t, _ in new]
        self._order += [i for _, i in new]
        added = cells[start:]
        self._sides.update(map(itemgetter(0), added), map(itemgetter(2), added))
        # (the bottom so far first: `max` then keeps it against a NaN, as `>` would)
        self._bottom = max(chain([self._bottom], map(itemgetter(3), added)))
        self._indexed = len(cells)


def read(data: bytes, path: str, fmt: str = "pdf", limits: ReadLimits | None = None,
         pictures: bool = False, fast: bool = True) -> Document:
    """The document of a PDF; with `fast`, its text-only pages are read with PDFium (`pdf_text`)."""
    measured = check_pdf(data, limits)
    import pdfplumber  # imported only when a PDF is read

    from linter.document.readers.pdf_text import MEASURED_STREAMS

    follow_reference_chains()
    decode_lzw_faster()
    decode_ascii85_faster()
    load_unicode_maps_lazily()

    try:
        pdf = pdfplumber.open(io.BytesIO(data))
    except Exception as exc:  # pdfminer raises many kinds on damaged or encrypted files
        raise ReadError(_open_reason(exc), "format") from exc
    setattr(pdf, MEASURED_STREAMS, measured)  # the fast reader weighs a page's content by them (`pdf_text`)
    reader = None
    try:
        budget = _Budget((limits or ReadLimits()).items)
        reader = _fast_reader(data, pdf) if fast else None
        pages = [_read_page_once(page, pictures, budget, reader) for page in pdf.pages]
    except (ReadError, LimitExceeded):
        raise
    except Exception as exc:
        reason = ENCRYPTED if _is_encryption_error(exc) else f"damaged PDF file: {type(exc).__name__}: {exc}"
        raise ReadError(reason, "format") from exc
    finally:
        if reader is not None:
            reader.close()
        _close(pdf)
    chars = sum(len(l.text.strip()) for items in pages for kind, l in items if kind == "line")
    chars += sum(len(t) for items in pages for kind, tb in items if kind == "table" for t in tb.texts)
    if chars == 0:
        raise ReadError(_NO_TEXT, "no-text")
    raw = " ".join(l.text for items in pages for kind, l in items if kind == "line")
    if raw.count("(cid:") * 6 > max(len(raw), 1) * 0.5:
        raise ReadError("the PDF's text layer cannot be decoded (fonts without a Unicode map); OCR it first", "no-text")
    return _assemble(pages, path, fmt)


def _close(pdf) -> None:
    """pdfplumber's `close` walks the page tree again: on a tree that failed to read it raises again, and
    would hide the reason the read failed (the read has ended either way)."""
    try:
        pdf.close()
    except Exception:  # noqa: BLE001 - the same damage the read has already reported
        pass


ENCRYPTED = "the PDF is encrypted (password protected); save an unprotected copy first (PDF 已加密，请先另存为未加密的副本)"


def _open_reason(exc: BaseException) -> str:
    """Why pdfplumber could not open the file; an encrypted PDF says so (pdfplumber wraps pdfminer's
    password error in its own exception, so the causes and arguments are searched too)."""
    if _is_encryption_error(exc):
        return ENCRYPTED
    return f"not a readable PDF file: {type(exc).__name__}: {exc}"


def _is_encryption_error(exc: BaseException | None) -> bool:
    """Is `exc`, or an exception it was raised from or wraps, a PDF password or encryption error?  A flat
    walk over a few links (an exception chain can loop, and this may run where the stack is deep)."""
    todo, seen = [exc], set()
    while todo and len(seen) < 12:
        current = todo.pop()
        if current is None or id(current) in seen:
            continue
        seen.add(id(current))
        if any(word in type(current).__name__ for word in ("Password", "Encrypt", "Decrypt")):
            return True
        todo += [current.__cause__, current.__context__]
        todo += [a for a in getattr(current, "args", ())[:3] if isinstance(a, BaseException)]
    return False


def _fast_reader(data: bytes, pdf):
    """PDFium's reader of the file's text-only pages, or None (no pypdfium2, a file it cannot open, or one
    whose pages it counts otherwise than pdfminer)."""
    from linter.document.readers import pdf_text

    reader = pdf_text.open_document(data)
    if reader is not None and reader.pages != len(pdf.pages):
        reader.close()
        return None
    return reader


def _read_page_once(page, pictures: bool = False, budget: "_Budget | None" = None, fast=None) -> list[tuple[str, object]]:
    """One page, its layout objects released afterwards: pdfplumber keeps every page's characters cached
    otherwise, and a long PDF would hold all of them at once.  A page is read by `fast` (PDFium) when it is
    given, can read the page and the page stays well inside the budget; every other page, and one near a
    bound (counted exactly, to stop where it always stopped), by pdfplumber."""
    budget = budget or _Budget(ReadLimits().items)
    try:
        # PDFium's reading of a page makes tens of thousands of tuples, lists and numbers, which set off
        # collections that walk the whole file's objects (pdfminer's) again and again and free nothing: what
        # the page leaves is freed as its reading ends, and a cycle it makes waits only until the next page.
        with collector_paused(fast is not None):
            items = _fast_items(page, budget, fast)
        if items is not None:
            return items
        _lay_out(page, budget)
        return _read_page(page, pictures)
    finally:
        page.close()


def _fast_items(page, budget: "_Budget", fast) -> list[tuple[str, object]] | None:
    """The page's items as PDFium reads them (`_quick_items`), or None when it is pdfplumber's to read."""
    quick = fast.page_lines(page.page_number - 1, page) if fast is not None else None
    if quick is not None and quick.drawn <= 0.9 * MAX_PAGE_OBJECTS and budget.left - quick.drawn >= 0.1 * MAX_PAGE_OBJECTS:
        items = _quick_items(quick, page)
        if items is not None:
            budget.left -= quick.drawn
            return items
    return None


def _quick_items(quick, page) -> list[tuple[str, object]] | None:
    """The items of a page PDFium read: its text lines, and on a page with paths that could rule a table,
    the tables pdfplumber would find there (`pdf_ruled`); None when that is not certain."""
    if quick.edges is None:
        return _line_items([(l.text, l.x0, l.x1, l.top, l.bottom) for l in quick.lines], page, [])
    from linter.document.readers import pdf_text

    if pdf_text.obsolete_fill(page):
        return None
    try:
        lines, tables = pdf_ruled.lay_out(quick.chars, quick.edges)
    except pdf_ruled.Unsuitable:
        return None
    items = [(min(c[1] for c in cells), "table", _table(cells, texts)) for cells, texts in tables]
    return _line_items([(l.text, l.x0, l.x1, l.top, l.bottom) for l in lines], page, items)


class _Budget:
    """How many more characters and shapes the pages of one file may draw (`ReadLimits.items` in all, and
    `MAX_PAGE_OBJECTS` on one page): each costs about 2 KB while its page is read, and a few hundred KB of
    compressed content can draw millions of them."""

    def __init__(self, left: int) -> None:
        self.total, self.left = left, left


def _lay_out(page, budget: _Budget) -> None:
    """Lay the page out as pdfplumber does (its `layout`), counting what the page draws: past the budget
    the interpretation stops at once with `LimitExceeded`, before the objects fill the memory."""
    from pdfminer.pdfinterp import PDFPageInterpreter
    from pdfplumber.page import PDFPageAggregatorWithMarkedContent

    number = page.page_number

    class Counting(PDFPageAggregatorWithMarkedContent):
        drawn = 0

        def tag_cur_item(self) -> None:  # called by pdfplumber's device after each character, shape, picture
            super().tag_cur_item()
            self.drawn += 1
            budget.left -= 1
            if self.drawn > MAX_PAGE_OBJECTS:
                raise LimitExceeded(f"page {number} of the PDF draws more than {MAX_PAGE_OBJECTS} characters and "
                                    f"shapes (a report's page draws a few thousand)")
            if budget.left < 0:
                raise LimitExceeded(f"the PDF draws more than {budget.total} characters and shapes "
                                    f"(limit for this size limit)")

    device = Counting(page.pdf.rsrcmgr, pageno=number, laparams=page.pdf.laparams)
    PDFPageInterpreter(page.pdf.rsrcmgr, device).process_page(page.page_obj)
    page._layout = device.get_result()  # pdfplumber's cache of the layout (`Page.layout`), flushed by close()


# ── one page ────────────────────────────────────────────────────────────────────────────────────
def _read_page(page, pictures: bool = False) -> list[tuple[str, object]]:
    """The page's text lines, ruled tables and large pictures, top to bottom.  With `pictures`, each
    picture carries its pixels (rendered at its own resolution), and a page with no text at all is one
    picture (a scanned page)."""
    tables = [t for t in page.find_tables() if pdf_ruled.kept(t.cells)]
    boxes = [t.bbox for t in tables]

    def outside(obj) -> bool:
        if obj.get("object_type") != "char":
            return True
        cx, cy = (obj["x0"] + obj["x1"]) / 2, (obj["top"] + obj["bottom"]) / 2
        return not any(b[0] <= cx <= b[2] and b[1] <= cy <= b[3] for b in boxes)

    lines = [(l["text"], l["x0"], l["x1"], l["top"], l["bottom"]) for l in page.filter(outside).extract_text_lines(return_chars=False)]
    items: list[tuple[float, str, object]] = []
    for image in page.images:
        # A picture as wide as a table: keep it, so "表三 is a picture" can be reported.
        if image["x1"] - image["x0"] >= 0.3 * float(page.width) and image["bottom"] - image["top"] >= 0.05 * float(page.height):
            data = _render(page, image) if pictures else None
            items.append((image["top"], "image", _Picture(image.get("name") or "image", data)))
    if pictures and not page.chars and not items and page.images:  # a scan cut into strips
        items.append((0.0, "image", _Picture(f"page {page.page_number}", _render(page, None))))
    chars = [(c["text"], c["x0"], c["x1"], c["top"], c["bottom"], c["size"]) for c in page.chars if not outside(c)]
    for t in tables:
        items.append((t.bbox[1], "table", _grid(t.cells, chars)))
    return _line_items(lines, page, items)


def _line_items(lines: list[tuple[str, float, float, float, float]], page,
                items: list[tuple[float, str, object]]) -> list[tuple[str, object]]:
    """The page's text lines (text, x0, x1, top, bottom) among its other items, top to bottom."""
    items = [(top, "line", _Line(text, x0, x1, top, bottom - top, page_height=float(page.height)))
             for text, x0, x1, top, bottom in lines if text.strip()] + items
    items.sort(key=lambda it: (it[0], it[1] == "line"))
    return [(kind, obj) for _, kind, obj in items]


@dataclass
class _Picture:
    name: str
    data: bytes | None = None


def _render(page, image: dict | None) -> bytes | None:
    """The picture's own bytes when it is a JPEG (the pixels as published), else PNG bytes of its area of
    the page (or of the whole page) rendered at its own resolution (150–300 dpi); None when neither works."""
    jpeg = _jpeg(image) if image is not None else None
    if jpeg is not None:
        return jpeg
    bbox = (page.bbox if image is None else
            (max(image["x0"], page.bbox[0]), max(image["top"], page.bbox[1]), min(image["x1"], page.bbox[2]), min(image["bottom"], page.bbox[3])))
    dpi = 200.0
    if image is not None and image.get("srcsize") and image["x1"] > image["x0"]:
        dpi = image["srcsize"][0] / ((image["x1"] - image["x0"]) / 72.0)
    dpi = max(150.0, min(300.0, dpi))
    try:
        picture = page.crop(bbox).to_image(resolution=dpi).original
        out = io.BytesIO()
        picture.save(out, "PNG")
        return out.getvalue()
    except Exception:  # noqa: BLE001 - a picture that cannot be rendered is reported as not read
        return None


def _jpeg(image: dict) -> bytes | None:
    """The JPEG file of an image XObject stored as one (DCTDecode last, after ASCII85 or the like, which
    pdfminer undoes, leaving the JPEG as it was)."""
    try:
        stream = image["stream"]
        filters = [str(getattr(f, "name", f)) for f, _ in stream.get_filters()]
        if filters and filters[-1] == "DCTDecode" and "JPXDecode" not in filters:
            data = stream.get_data()
            return data if data[:2] == b"\xff\xd8" else None
    except Exception:  # noqa: BLE001 - fall back to rendering
        return None
    return None


def _cluster(values: list[float], tolerance: float = 2.0) -> list[float]:
    out: list[float] = []
    for v in sorted(values):
        if not out or v - out[-1] > tolerance:
            out.append(v)
    return out


def _index(bounds: list[float], v: float) -> int:
    """The index of the bound nearest to `v` (the first of two as near): `bounds` are sorted."""
    i = bisect_left(bounds, v)
    if i == 0:
        return 0
    if i == len(bounds) or abs(bounds[i - 1] - v) <= abs(bounds[i] - v):
        return i - 1
    return i


def _grid(cells: list[tuple[float, float, float, float]], chars: list[tuple]) -> _PdfTable:
    """The table's cells with the characters (text, x0, x1, top, bottom, size) whose centre is inside each,
    sides included, in the page's order.  The centres are put in bands between the cells' sides (one on a
    side in the bands on both sides), each band sorted by y: a cell looks at the bands it spans only."""
    sides = sorted({c[0] for c in cells} | {c[2] for c in cells})
    bands: list[list[tuple[float, int]]] = [[] for _ in sides]
    for i, ch in enumerate(chars):
        cx, cy = (ch[1] + ch[2]) / 2, (ch[3] + ch[4]) / 2
        if cx != cx or cy != cy:  # a NaN centre is in no cell
            continue
        k = bisect_right(sides, cx) - 1
        if 0 <= k < len(sides) - 1 or (k == len(sides) - 1 and cx == sides[k]):
            bands[k].append((cy, i))
            if cx == sides[k] and k > 0:
                bands[k - 1].append((cy, i))
    for band in bands:
        band.sort()
    keys = [[cy for cy, _ in band] for band in bands]
    members = []
    for x0, top, x1, bottom in cells:
        inside: set[int] = set()
        for k in range(bisect_left(sides, x0), bisect_left(sides, x1)):
            inside.update(i for _, i in bands[k][bisect_left(keys[k], top): bisect_right(keys[k], bottom)])
        members.append([chars[i] for i in sorted(inside)])
    return _table(cells, [pdf_ruled.cell_text(m) for m in members])


def _table(cells: list[tuple[float, float, float, float]], texts: list[str]) -> _PdfTable:
    """A table of the cells, each with its text."""
    return _PdfTable(cells=[(*cell, text) for cell, text in zip(cells, texts)], top=min(c[1] for c in cells))


def _rows(table: _PdfTable) -> list[tuple[int, list[tuple[str, int, int]]]]:
    """(pages into the table, row) pairs, each row a list of (text, rowspan, colspan) from the cells'
    boxes: a box spanning several grid columns or rows is a merged cell."""
    xs = table.columns
    ys = _cluster([c[1] for c in table.cells] + [c[3] for c in table.cells])
    # The cell starting in each grid row, by its column (a later cell starting at the same slot replaces it).
    origins: list[dict[int, tuple[str, int, int]]] = [{} for _ in ys[1:]]
    row_of: dict[float, int] = {}  # the cells share a few tops and bottoms, lefts and rights: each looked up once
    column_of: dict[float, int] = {}
    for x0, top, x1, bottom, text in table.cells:
        r0, r1, c0, c1 = (row_of.get(top), row_of.get(bottom), column_of.get(x0), column_of.get(x1))
        if r0 is None:
            r0 = row_of[top] = _index(ys, top)
        if r1 is None:
            r1 = row_of[bottom] = _index(ys, bottom)
        if c0 is None:
            c0 = column_of[x0] = _index(xs, x0)
        if c1 is None:
            c1 = column_of[x1] = _index(xs, x1)
        if r1 > r0 and c1 > c0:
            origins[r0][c0] = (text, r1 - r0, c1 - c0)
    # A row is as many pages into the table as there are page breaks at or above it (2 pt of rounding):
    # counted by bisection, a table continued over hundreds of pages has as many breaks as pages.
    breaks = sorted(b - 2 for b in table.page_breaks)
    if any(v != v for v in breaks + ys):  # NaN is at or above nothing, and sorts nowhere
        breaks = []
    rows = [[starting[c] for c in sorted(starting)] for starting in origins]
    return [(bisect_right(breaks, ys[r]) if breaks else sum(1 for b in table.page_breaks if ys[r] >= b - 2), row)
            for r, row in enumerate(rows)]


# ── the document ────────────────────────────────────────────────────────────────────────────────
def _mark_running_lines(pages: list[list[tuple[str, object]]]) -> None:
    """Running headers and footers: the same line (digits aside) near the top or bottom edge of at least
    half the pages (and of two or more) is page furniture, not report text."""
    if len(pages) < 2:
        return
    seen: dict[tuple[str, int], set[int]] = {}
    for page_no, page in enumerate(pages):
        for kind, line in page:
            if kind == "line" and line.page_height and not (0.08 < line.top / line.page_height < 0.92):
                key = (re.sub(r"\d+", "#", line.text.strip()), round(line.top / 4))
                seen.setdefault(key, set()).add(page_no)
    running = {key for key, on in seen.items() if len(on) >= max(2, len(pages) // 2)}
    for page in pages:
        for kind, line in page:
            if kind == "line" and (re.sub(r"\d+", "#", line.text.strip()), round(line.top / 4)) in running:
                line.furniture = True


def _assemble(pages: list[list[tuple[str, object]]], path: str, fmt: str) -> Document:
    _mark_running_lines(pages)
    items = _merge_split_tables(pages)
    out = SourceBuilder()
    page_starts: list[int] = []
    blocks: list[Block] = []
    text_lines = [obj for _, kind, obj in items if kind == "line" and not obj.furniture]
    right = max((l.x1 for l in text_lines), default=0)
    left = min((l.x0 for l in text_lines), default=0)
    para: list[_Line] = []

    def flush() -> None:
        nonlocal para
        if para:
            text = _join_lines([normalize(l.text, l.start) for l in para])
            if text.text:
                blocks.append(Paragraph(text))
        para = []

    def to_page(page_no: int) -> None:
        while len(page_starts) <= page_no:
            page_starts.append(out.lines + 1)

    for page_no, kind, obj in items:
        to_page(page_no)
        if kind == "table":
            flush()
            blocks.append(_write_table(obj, out, lambda k, p=page_no: to_page(p + k)))
            continue
        if kind == "image":
            flush()
            marker = f"[image: {obj.name}]"
            start = out.add(marker)
            blocks.append(Image(name=obj.name, text=Text(marker, list(range(start, start + len(marker)))), data=obj.data,
                                embedded=True))
            continue
        line = obj
        line.start = out.add(line.text)
        if line.furniture or _PAGE_NUMBER_RE.match(line.text):
            blocks.append(Paragraph(normalize(line.text, line.start), role="furniture"))
            continue
        if para and not _continues(para[-1], line, left, right):
            flush()
        para.append(line)
    flush()
    while len(page_starts) < len(pages):
        page_starts.append(out.lines + 1)
    return Document(path=path, format=fmt, source=out.text, blocks=blocks, page_starts=page_starts)


def _join_lines(parts: list[Text]) -> Text:
    """Wrapped lines joined: no space, except between two Latin words or numbers."""
    out: list[Text] = []
    for part in parts:
        if out and out[-1].text and part.text and out[-1].text[-1].isascii() and out[-1].text[-1].isalnum() \
                and part.text[0].isascii() and part.text[0].isalnum():
            out[-1] = Text.join([out[-1], part], sep=" ")
        else:
            out.append(part)
    return Text.join(out)


def _continues(prev: _Line, line: _Line, left: float, right: float) -> bool:
    size = max(prev.size, line.size, 1.0)
    if prev.x1 < right - 2 * size:
        # The line above stopped short: its paragraph ended — unless the first word of this line
        # (a number, a URL) was too long to fit there.
        word = re.match(r"[^\u3400-\u9fff\s]+", line.text)
        per_char = (line.x1 - line.x0) / max(len(line.text), 1)
        if not word or prev.x1 + per_char * len(word.group()) < right - size:
            return False
    if line.x0 > left + 0.8 * size:         # an indented first line starts a paragraph
        return False
    if abs(prev.size - line.size) > 1.5:    # a change of font size: heading vs body
        return False
    return not _ORDINAL_RE.match(line.text)


def _merge_split_tables(pages) -> list[tuple[int, str, object]]:
    """Page-ordered items, with a table continued on the next page merged into the one it continues."""
    items: list[tuple[int, str, object]] = []
    last = None  # the last item so far that is not page furniture
    for page_no, page in enumerate(pages):
        content = [(k, o) for k, o in page if not _is_furniture(k, o)]
        first = content[0] if content else None
        merged_into = None
        if (first and first[0] == "table" and last and last[1] == "table" and last[0] == page_no - 1
                and _same_columns(last[2], first[1])):
            merged_into = last[2]
        for kind, obj in page:
            if first is not None and obj is first[1] and merged_into is not None:
                _append_rows(merged_into, obj)
                last = (page_no, "table", merged_into)  # a table may go on over the next page too
                continue
            items.append((page_no, kind, obj))
            if not _is_furniture(kind, obj):
                last = items[-1]
    return items


def _is_furniture(kind: str, obj) -> bool:
    return kind == "line" and bool(obj.furniture or _PAGE_NUMBER_RE.match(obj.text))


def _same_columns(a: _PdfTable, b: _PdfTable) -> bool:
    """Does `b` continue `a`: same outer edges, and every column edge of `b` one of `a`'s (a merged
    row on either side hides some edges)?"""
    ca, cb = a.columns, b.columns
    if abs(ca[0] - cb[0]) > 3 or abs(ca[-1] - cb[-1]) > 3:
        return False
    return all(any(abs(x - y) <= 3 for y in ca) for x in cb) or all(any(abs(x - y) <= 3 for y in cb) for x in ca)


def _append_rows(into: _PdfTable, more: _PdfTable) -> None:
    cells = more.cells
    for k in (3, 2, 1):  # a header repeated at the top of the continuation
        if len(_cluster([c[1] for c in cells])) > k and more.header(k) == into.header(k):
            cut = _cluster([c[1] for c in cells])[k]
            cells = [c for c in cells if c[1] >= cut - 2]
            break
    if not cells:
        return
    bottom = into.bottom
    shift = bottom - min(c[1] for c in cells)
    into.page_breaks.append(bottom)
    into.extend([(x0, top + shift, x1, bot + shift, text) for x0, top, x1, bot, text in cells])


def _write_table(table: _PdfTable, out: SourceBuilder, new_page) -> Table:
    rows = []
    anchor = None
    for pages_in, row in _rows(table):
        new_page(pages_in)
        line = "|"
        starts = []
        for text, _, _ in row:
            line += " "
            starts.append(len(line))
            line += text + " |"
        base = out.add(line)
        anchor = base if anchor is None else anchor
        if len(rows) == MAX_TABLE_ROWS:  # a row past those the grid keeps (`expand_grid`): in the source only
            continue
        cells = []
        for (text, rowspan, colspan), at in zip(row, starts):
            t = normalize(text, base + at)
            if not t.offsets:
                t._anchor = base + at  # type: ignore[attr-defined]
            cells.append((t, rowspan, colspan))
        rows.append(cells)
    return expand_grid(rows, anchor=anchor or 0)
