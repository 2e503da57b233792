"""PDF pages read with PDFium: the same text lines as pdfplumber finds, in a fifth of the time, and on a
page whose paths could rule a table, the characters and path edges its tables are found from (`pdf_ruled`).

pdfminer parses content streams in Python (about 30 s per MB of page content), and pdfplumber turns every
character into a dict; PDFium (pypdfium2, which pdfplumber already depends on) parses them in C.  A page
that draws no path that could rule a table and no large picture holds nothing but text lines, and those
are rebuilt here from PDFium's characters with pdfminer's geometry (a character's box runs from its origin
over its advance, and from the font's descent up one font size) and grouped exactly as pdfplumber's
`extract_text_lines` groups them (lines by their tops 3 pt apart, words by gaps over 3 pt).  A page whose
paths could rule a table gives its characters and its paths as pdfplumber's edges (`pdf_paths`).

A page is read here only when nothing on it could make PDFium and pdfminer disagree; otherwise
`page_lines` answers None and the page is read by pdfplumber: a rotated page or one whose media box does
not start at 0, more content than `MAX_CONTENT`, forms, Type 3 or vertical fonts, rotated or mirrored
text, text PDFium left out or replaced (`ActualText`, a copy drawn over itself), characters without a
Unicode mapping, control characters, a hyphen ending a line that may be a soft hyphen (PDFium loses its
code point: one whose advance is a hyphen-minus's is read as "-"), right-to-left scripts, a glyph that
maps to several characters, a font whose descent pdfminer sees otherwise, a page without text, a path
that does not start with a move.
Any failure of PDFium's leaves the page to pdfplumber too.
"""
from __future__ import annotations

import ctypes
import operator
from bisect import bisect_right
import re
import threading
from dataclasses import dataclass
from itertools import compress, filterfalse, islice, repeat

from linter.document.readers import pdf_paths

MAX_CONTENT = 1 << 20       # bytes of page content PDFium may parse here: about 15 MB of its objects
TOLERANCE = 3.0             # pdfplumber's x and y tolerances (`extract_text_lines`' defaults)
_LOCK = threading.Lock()    # PDFium is not thread-safe
_LARGE_WIDTH, _LARGE_HEIGHT = 0.25, 0.04   # a picture this large may be kept (pdf.py keeps ≥ 0.3 and 0.05)
_EDGE = 0.9                 # pdfplumber's table finder drops edges shorter than 1 pt (a margin for rounding)
_SPACES = frozenset(c for c in range(0x3001) if chr(c).isspace())
_THOUSAND = ctypes.c_float(1000.0)   # the font size PDFium gives a glyph's width for: its width in units
_LIGATURES = {"ﬀ": "ff", "ﬃ": "ffi", "ﬄ": "ffl", "ﬁ": "fi", "ﬂ": "fl", "ﬆ": "st", "ﬅ": "st"}


@dataclass
class TextLine:
    """A line as `extract_text_lines` gives it: its text and the box of its characters (top-down y)."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float


@dataclass
class FastPage:
    lines: list[TextLine]
    drawn: int          # characters and shapes the page draws (for the reader's budget)
    # A page whose paths could rule a table: its characters and pdfplumber's edges of its paths (`lines`
    # is then empty: the lines outside its tables are found with them, `pdf_ruled.lay_out`).
    chars: "Characters | None" = None
    edges: list[dict] | None = None


class Unsuitable(Exception):
    """This page is read by pdfplumber."""


def open_document(data: bytes) -> "FastReader | None":
    """PDFium's view of the file, or None when pypdfium2 is missing or cannot open it."""
    try:
        import pypdfium2 as pdfium

        with _LOCK:
            return FastReader(pdfium.PdfDocument(data))
    except Exception:  # noqa: BLE001 - any failure leaves the file to pdfplumber
        return None


class FastReader:
    """PDFium's document, read a page at a time.  The glyph widths PDFium gave are kept from page to page
    (most pages use the fonts of the page before): a width is kept by the address of its font, which is
    the same font only while that font lives, so the page last read stays open until the next has been
    read (its fonts with it, and PDFium gives the next page the same font objects for the same fonts), and
    then only the widths of the fonts of the page held are kept."""

    def __init__(self, document) -> None:
        self.document = document
        self.pages = len(document)
        self._held = None   # the page last read, open
        self._widths: dict[int, dict[int, float]] = {}   # widths by code point, of the held page's fonts

    def close(self) -> None:
        with _LOCK:
            self._hold(None, {})
            self.document.close()

    def _hold(self, pdfium_page, fonts: dict[int, dict[int, float]]) -> None:
        """Keep `pdfium_page` open, and the widths of its fonts (`fonts`); close the page held before."""
        held, self._held, self._widths = self._held, pdfium_page, fonts
        if held is not None:
            held.close()

    def __enter__(self) -> "FastReader":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def page_lines(self, index: int, page) -> FastPage | None:
        """The text lines of page `index` (0-based; `page` is pdfplumber's), or None when it must be read
        by pdfplumber."""
        try:
            descents = _pdfminer_descents(page)
        except Exception:  # noqa: BLE001 - Unsuitable, or a damaged page, which pdfplumber reports
            return None
        with _LOCK:
            try:
                pdfium_page = self.document[index]
            except Exception:  # noqa: BLE001 - a page PDFium cannot load
                return None
            fonts: dict[int, tuple[float, dict[int, float]]] = {}   # this page's: filled by `_fonts`
            try:
                width, height = pdfium_page.get_size()
                if abs(width - float(page.width)) > 0.01 or abs(height - float(page.height)) > 0.01:
                    return None  # not the same page (a damaged page tree each reads its own way)
                return _read(pdfium_page, float(page.height), float(page.width), descents, self._widths, fonts)
            except Exception:  # noqa: BLE001 - Unsuitable, or PDFium failing on the page
                return None
            finally:
                self._hold(pdfium_page, {font: units for font, (_, units) in fonts.items()})


# The attribute of pdfplumber's PDF under which the reader keeps what the bomb check measured of its streams.
MEASURED_STREAMS = "report_lint_measured_streams"


# ── before PDFium: what pdfminer already knows of the page ─────────────────────────────────────────
def _pdfminer_descents(page) -> list[float]:
    """The descents (per 1000 units) pdfminer gives the fonts of the page; Unsuitable when the page is
    rotated or shifted, holds too much content, draws forms or uses fonts read differently."""
    from pdfminer.pdftypes import resolve1

    if page.rotation or tuple(page.mediabox[:2]) != (0, 0) or tuple(page.page_obj.mediabox[:2]) != (0, 0):
        raise Unsuitable("rotated or shifted page")
    if page.bbox != page.mediabox:
        raise Unsuitable("cropped")
    size = 0
    measured = getattr(page.pdf, MEASURED_STREAMS, None)
    for stream in page.page_obj.contents:
        size += _decoded_size(resolve1(stream), MAX_CONTENT - size, measured)
        if size > MAX_CONTENT:
            raise Unsuitable("too much content")
    resources = resolve1(page.page_obj.resources) or {}
    for spec in (resolve1(resolve1(resources.get("XObject")) or {}) or {}).values():
        spec = resolve1(spec)
        if _name(getattr(spec, "attrs", {}).get("Subtype")) != "Image":
            raise Unsuitable("a form")
    descents = []
    fonts = resolve1(resources.get("Font")) or {}
    for ref in fonts.values():
        spec = resolve1(ref)
        if not isinstance(spec, dict) or _name(spec.get("Subtype")) == "Type3":
            raise Unsuitable("a Type 3 font, or a font that is no dictionary")
        font = page.pdf.rsrcmgr.get_font(getattr(ref, "objid", None), spec)
        if font.is_vertical():
            raise Unsuitable("vertical writing")
        if not _whole_widths(font):
            raise Unsuitable("widths in fractions of a unit, which PDFium rounds")
        descents.append(font.get_descent() * 1000)
    return descents


def _whole_widths(font) -> bool:
    """Are the font's widths whole units?  PDFium keeps a width as an integer, so the characters after one
    of 773.93 units would drift from pdfminer's (reportlab writes such widths for TrueType fonts)."""
    known = getattr(font, "_whole_widths", None)
    if known is None:
        widths = list((font.widths or {}).values()) + [font.default_width or 0]
        known = all(isinstance(w, (int, float)) and float(w).is_integer() for w in widths)
        font._whole_widths = known  # pdfminer's font objects are cached per file: counted once
    return known


def _name(value) -> str:
    from pdfminer.pdftypes import resolve1

    value = resolve1(value)
    return str(getattr(value, "name", value or ""))


def _decoded_size(stream, budget: int, measured=None) -> int:
    """Bytes a content stream decodes to (counting stops past `budget`), as the bomb check measured it when it
    did (`measured`, `containers.MeasuredStreams`); Unsuitable for filters other than Flate and the ASCII
    encodings (one, around Flate data), ValueError for ASCII data pdfminer cannot decode."""
    from linter.document.readers.containers import expanded_size, unwrapped

    if getattr(stream, "data", None) is not None:  # decoded already
        return len(stream.data)
    data = getattr(stream, "rawdata", None)
    if data is None:
        raise Unsuitable("not a stream")
    names = [_name(f).encode() for f, _ in stream.get_filters()]
    known = measured.size(names, data) if measured is not None else None
    if known is not None:
        return known
    flate = bool(names) and names[-1] in _FLATE
    one = len(names) <= 1 and all(n in _ASCII + _FLATE for n in names)
    if not (one or len(names) == 2 and names[0] in _ASCII and flate):
        raise Unsuitable(f"filters {names}")
    data = unwrapped(names, data)
    return expanded_size(names, data, budget) if flate else len(data)


_ASCII = (b"ASCII85Decode", b"A85", b"ASCIIHexDecode", b"AHx")
_FLATE = (b"FlateDecode", b"Fl")


# ── PDFium ─────────────────────────────────────────────────────────────────────────────────────────
def _read(pdfium_page, height: float, width: float, descents: list[float], widths: dict[int, dict[int, float]],
          fonts: dict[int, tuple[float, dict[int, float]]]) -> FastPage:
    """The page read; `widths`: the glyph widths known of fonts that are alive, by their address; `fonts`:
    filled with the descent and widths of the page's fonts."""
    import pypdfium2.raw as raw

    page = pdfium_page.raw
    texts, drawn, paths = _objects(raw, page, height, width)
    textpage = pdfium_page.get_textpage()
    try:
        chars = _chars(raw, textpage.raw, height, descents, texts, widths, fonts)
    finally:
        textpage.close()
    drawn += len(chars.codes) + sum(sum(kind == pdf_paths.MOVE for kind, *_ in path) for path in paths)
    if _could_rule(paths):
        shapes = [pdf_paths.shape(ops, pts) for path in paths for ops, pts in pdf_paths.subpaths(path)]
        return FastPage(lines=[], drawn=drawn, chars=chars, edges=pdf_paths.edges(shapes, height))
    return FastPage(lines=lines_of(chars), drawn=drawn)


def lines_of(chars: "Characters") -> list[TextLine]:
    """The characters' lines: grouped a text object at a time (`_run_words`) where that gives the same,
    else a character at a time (`group_lines`)."""
    words = _run_words(chars)
    return group_lines(chars.tuples()) if words is None else _lines(words)


def _objects(raw, page, height: float, width: float) -> tuple[set[int], int, list[list[tuple]]]:
    """The page's text objects (their addresses), how many pictures and shadings it draws, and the segments
    of its paths (`pdf_paths.read_path`); Unsuitable when it draws a large picture or a form, or when a
    text object replaces its text (`ActualText`)."""
    texts: set[int] = set()
    others = 0
    paths = []
    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    calls = matrix = x = y = None
    # untyped (see `_Calls`): a page of a ruled table holds tens of thousands of objects
    get_object, get_type = _untyped(raw.FPDFPage_GetObject, ctypes.c_void_p), _untyped(raw.FPDFPageObj_GetType, ctypes.c_int)
    count_marks = _untyped(raw.FPDFPageObj_CountMarks, ctypes.c_int)
    pointer = ctypes.c_void_p(ctypes.cast(page, ctypes.c_void_p).value)
    # The objects' addresses and types asked by `map` (in C); a page of tables holds tens of thousands of
    # text objects, which need nothing more here than a look at their marks.
    addresses = list(map(get_object, repeat(pointer), range(raw.FPDFPage_CountObjects(page))))
    kinds = list(map(get_type, map(ctypes.c_void_p, addresses)))
    is_text = list(map(operator.eq, kinds, repeat(raw.FPDF_PAGEOBJ_TEXT)))
    texts.update(compress(addresses, is_text))
    for address in compress(addresses, map(count_marks, map(ctypes.c_void_p, compress(addresses, is_text)))):
        if _actual_text(raw, ctypes.cast(address, raw.FPDF_PAGEOBJECT)):
            raise Unsuitable("ActualText")
    for address, kind in compress(zip(addresses, kinds), map(operator.not_, is_text)):
        if kind == raw.FPDF_PAGEOBJ_PATH:
            if calls is None:
                calls, matrix, x, y = pdf_paths.PathCalls(raw, _untyped), raw.FS_MATRIX(), ctypes.c_float(), ctypes.c_float()
            paths.append(pdf_paths.read_path(calls, ctypes.c_void_p(address), matrix, x, y))
            continue
        obj = ctypes.cast(address, raw.FPDF_PAGEOBJECT)
        others += 1
        if kind == raw.FPDF_PAGEOBJ_IMAGE:
            if not raw.FPDFPageObj_GetBounds(obj, left, bottom, right, top):
                raise Unsuitable("a picture without bounds")
            if right.value - left.value >= _LARGE_WIDTH * width and top.value - bottom.value >= _LARGE_HEIGHT * height:
                raise Unsuitable("a large picture")
        elif kind != raw.FPDF_PAGEOBJ_SHADING:
            raise Unsuitable("a form")
    return texts, others, paths


def _could_rule(paths: list[list[tuple]]) -> bool:
    """Could the paths rule a table?  A table's cells need both horizontal and vertical edges of 1 pt or
    more: a page whose paths are all flatter, or all narrower, has none (and its lines are all its text)."""
    widest = tallest = 0.0
    for path in paths:
        w, h = pdf_paths.extent(path)
        widest, tallest = max(widest, w), max(tallest, h)
    return widest >= _EDGE and tallest >= _EDGE


def _actual_text(raw, obj) -> bool:
    for m in range(raw.FPDFPageObj_CountMarks(obj)):
        mark = raw.FPDFPageObj_GetMark(obj, m)
        if raw.FPDFPageObjMark_GetParamValueType(mark, b"ActualText") != raw.FPDF_OBJECT_UNKNOWN:
            return True
    return False


@dataclass
class Characters:
    """A page's characters in PDFium's order, as columns: code points, the x of their origins, their right
    edges, the y of their origins; and the runs of characters of one text object (start, end, and the
    `high` and `low` of its font: a character's top is `high - y`, its bottom `low - y`, top-down)."""

    codes: list[int]
    xs: list[float]
    rights: list[float]
    ys: list[float]
    runs: list[tuple[int, int, float, float]]

    def text(self) -> str:
        """All the characters as one string (a run's text is a slice of it)."""
        return "".join(map(chr, self.codes))

    def tuples(self) -> list[tuple]:
        """(text, x0, x1, top, bottom) of every character, pdfminer's geometry."""
        tops: list[float] = []
        bottoms: list[float] = []
        for start, end, high, low in self.runs:
            tops += [high - y for y in self.ys[start:end]]
            bottoms += [low - y for y in self.ys[start:end]]
        return list(zip(map(chr, self.codes), self.xs, self.rights, tops, bottoms))


def _chars(raw, textpage, height: float, descents: list[float], texts: set[int],
           widths: dict[int, dict[int, float]] | None = None,
           fonts: dict[int, tuple[float, dict[int, float]]] | None = None) -> Characters:
    """Every character PDFium found, in its order, with pdfminer's geometry.

    PDFium answers one character a call; the calls are looped over by `map` (in C), each writing the
    origin of its character into its own slot of an array, and the boxes are computed per text object,
    a column at a time: a Python loop over 300 000 characters would cost more than PDFium's work."""
    calls = _Calls(raw, {} if widths is None else widths, {} if fonts is None else fonts)
    page = ctypes.c_void_p(ctypes.cast(textpage, ctypes.c_void_p).value)
    count = raw.FPDFText_CountChars(textpage)
    codes = _codes(raw, textpage, count, calls, page)
    spaces = list(compress(range(count), map(_SPACES.__contains__, codes)))
    generated = set(compress(spaces, map(calls.generated, repeat(page), spaces)))  # the spaces and line ends PDFium added
    indexes = list(filterfalse(generated.__contains__, range(count))) if generated else range(count)
    if generated:
        codes = list(map(codes.__getitem__, indexes))
    if not codes:
        raise Unsuitable("no text: perhaps a scan, whose pictures pdfplumber renders")
    hyphens = _line_end_hyphens(calls, page, codes, indexes)
    if any(map(_refused, set(codes))) or 1 in map(calls.map_error, repeat(page), indexes):
        raise Unsuitable("a control or right-to-left character, or none mapped")
    xs, ys = _origins(calls, page, indexes)
    runs = _object_runs(calls, page, indexes, ys, _after(generated))
    places = list(zip(xs, ys))
    repeated = compress(range(1, len(places)), map(operator.eq, places, islice(places, 1, None)))
    if not {start for start, _, _ in runs}.issuperset(repeated):  # the same place twice in one text object
        raise Unsuitable("a glyph drawn as several characters")
    addresses = list(dict.fromkeys(address for _, _, address in runs))
    if set(addresses) != texts:
        raise Unsuitable("text PDFium left out, or a character of no text object on the page")
    fonts = dict(zip(addresses, _fonts(raw, calls, addresses, descents)))
    run_fonts = [fonts[address] for _, _, address in runs]
    boxes = [(start, end, height - font.high, height - font.low) for (start, end, _), font in zip(runs, run_fonts)]
    # The right edges a stretch of runs of one font at a time (a page's text objects mostly share one):
    # x + width × scale, in the same order of operations as a character at a time.
    rights: list[float] = []
    changes = compress(range(1, len(runs)), map(operator.is_not, run_fonts, islice(run_fonts, 1, None)))
    first = 0
    for last in (*changes, len(runs)):
        font, start, end = run_fonts[first], runs[first][0], runs[last - 1][1]
        stretch = codes[start:end]
        units = list(map(font.units.get, stretch))
        if None in units:  # characters the page's text objects of this font have not used before: asked once
            for code in set(compress(stretch, map(operator.is_, units, repeat(None)))):
                font.width(calls, code)
            units = list(map(font.units.get, stretch))
        rights += map(operator.add, xs[start:end], map(operator.mul, units, repeat(font.scale)))
        first = last
    starts = [r[0] for r in runs] if hyphens else []
    for k in hyphens:
        start, _, address = runs[bisect_right(starts, k) - 1]
        _check_hyphen(raw, textpage, indexes[k], address, fonts[address], calls)
    return Characters(codes, xs, rights, ys, boxes)


_HYPHEN_MARKS = frozenset((0xFFFE, 0x2))


def _line_end_hyphens(calls: "_Calls", page: ctypes.c_void_p, codes: list[int], indexes) -> list[int]:
    """Where PDFium marked a hyphen ending a line (U+FFFE in its text; its code point is lost): each is
    taken for a hyphen-minus here, to be confirmed by `_check_hyphen`."""
    if 0xFFFE not in codes and 0x2 not in codes:  # (searched in C: most pages have none)
        return []
    hyphens = list(compress(range(len(codes)), map(_HYPHEN_MARKS.__contains__, codes)))
    for k in hyphens:
        if calls.hyphen is None or not calls.hyphen(page, indexes[k]):
            raise Unsuitable("a character without a Unicode mapping")
        codes[k] = 0x2D
    return hyphens


def _check_hyphen(raw, textpage, index: int, address: int, font: "_Font", calls: "_Calls") -> None:
    """A hyphen PDFium marked at the end of a line is pdfminer's "-" when its advance is a hyphen-minus's
    and not a soft hyphen's, and nothing of its text object follows it (PDFium drops spaces after it)."""
    box = raw.FS_RECTF()
    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    bounds = _untyped(raw.FPDFPageObj_GetBounds, ctypes.c_int)
    if not raw.FPDFText_GetLooseCharBox(textpage, index, box) or not bounds(
            ctypes.c_void_p(address), *map(ctypes.byref, (left, bottom, right, top))):
        raise Unsuitable("a hyphen without a box")
    advance = box.right - box.left
    minus, soft = font.width(calls, 0x2D) * font.scale, font.width(calls, 0xAD) * font.scale
    if abs(advance - minus) > 0.01 or abs(advance - soft) <= 0.01 or right.value > box.right - 0.01:
        raise Unsuitable("a hyphen that may be a soft hyphen, or one followed by spaces")


def _refused(code: int) -> bool:
    """A control character (PDFium marks a hyphen ending a line so), a right-to-left one, or a non-character."""
    return code < 0x20 or code >= 0x0590 and (code < 0x0900 or 0xFB1D <= code <= 0xFEFF and _right_to_left(code)
                                              or code in (0xFFFE, 0xFFFF))


def _object_runs(calls: "_Calls", page: ctypes.c_void_p, indexes, ys: list[float],
                 cuts: list[int] = ()) -> list[tuple[int, int, int]]:
    """(start, end, text object) of the runs of characters of one text object, in order.

    PDFium lists the characters of a text object together (it reads the objects one by one), and a text
    object writes along one baseline: within a run of one y, the first and last character's objects are
    asked, and where they differ the run is bisected — a few calls a line instead of one a character.
    `cuts`: where a text object may start within a line (after a space or line end PDFium added, which it
    adds mostly between two objects): the pieces between them are tried first, so that a line of many
    objects (a row of a table) costs two calls an object, and pieces of one object are joined again."""
    object_at = calls.text_object
    runs: list[tuple[int, int, int]] = []
    n = len(ys)
    line_ends = [*compress(range(1, n), map(operator.ne, ys, islice(ys, 1, None))), n]
    ends = sorted({*line_ends, *(k for k in cuts if 0 < k < n)}) if cuts else line_ends
    new_lines = set(line_ends)
    start = 0
    for end in ends:
        while start < end:
            address = object_at(page, indexes[start])
            low, high = start, end  # the object of `low` is `address`; the first other one is at or before `high`
            if object_at(page, indexes[end - 1]) == address:
                low = end - 1
            while high - low > 1:
                middle = (low + high) // 2
                if object_at(page, indexes[middle]) == address:
                    low = middle
                else:
                    high = middle
            if runs and runs[-1][2] == address and start not in new_lines:  # (`start` is where the last run ended)
                runs[-1] = (runs[-1][0], high, address)
            else:
                runs.append((start, high, address))
            start = high
    return runs


def _after(generated: set[int]) -> list[int]:
    """Where the characters after each of the `generated` ones (indexes among all the page's characters)
    stand among the characters that are not generated."""
    return [g - before for before, g in enumerate(sorted(generated))]


def _origins(calls: "_Calls", page: ctypes.c_void_p, indexes) -> tuple[list[float], list[float]]:
    """The x and y of the characters' origins: each call writes into its own slots of two arrays."""
    n = len(indexes)
    xs, ys = (ctypes.c_double * n)(), (ctypes.c_double * n)()
    offsets = range(0, n * ctypes.sizeof(ctypes.c_double), ctypes.sizeof(ctypes.c_double))
    if 0 in map(calls.origin, repeat(page), indexes, map(ctypes.byref, repeat(xs), offsets),
                map(ctypes.byref, repeat(ys), offsets)):
        raise Unsuitable("no origin")
    return xs[:], ys[:]


def _right_to_left(code: int) -> bool:
    return 0xFB1D <= code <= 0xFDFF or 0xFE70 <= code <= 0xFEFF


_SURROGATE = re.compile(rb"[\xd8-\xdf]")   # the high byte of a UTF-16 surrogate


def _codes(raw, textpage, count: int, calls: "_Calls", page: ctypes.c_void_p) -> list[int]:
    """The page's characters as code points: its text in one call, or one call a character when that
    text does not line up with the characters (a character outside the BMP, a control character)."""
    buffer = ctypes.create_string_buffer((count + 1) * 2)
    written = raw.FPDFText_GetText(textpage, 0, count, ctypes.cast(buffer, ctypes.POINTER(ctypes.c_ushort)))
    units = buffer.raw[: max(written - 1, 0) * 2]
    if written - 1 == count and not _SURROGATE.search(units[1::2]):
        return list(memoryview(units).cast("H"))
    return [calls.unicode(page, i) for i in range(count)]


class _Calls:
    """PDFium's per-character functions without declared argument types: ctypes would convert every
    argument by its declared type at each call, which costs more than the call.  So the text page goes as
    one `c_void_p` made once, an index as a C int (ctypes' default for an int) and an out-pointer by
    `byref`; only the results are typed."""

    def __init__(self, raw, widths: dict[int, dict[int, float]], descents: dict[int, tuple[float, dict[int, float]]]) -> None:
        self.unicode = _untyped(raw.FPDFText_GetUnicode, ctypes.c_uint)
        self.generated = _untyped(raw.FPDFText_IsGenerated, ctypes.c_int)
        self.map_error = _untyped(raw.FPDFText_HasUnicodeMapError, ctypes.c_int)
        self.text_object = _untyped(raw.FPDFText_GetTextObject, ctypes.c_void_p)
        self.origin = _untyped(raw.FPDFText_GetCharOrigin, ctypes.c_int)
        self.glyph_width = _untyped(raw.FPDFFont_GetGlyphWidth, ctypes.c_int)
        self.matrix = _untyped(raw.FPDFPageObj_GetMatrix, ctypes.c_int)
        self.font_size = _untyped(raw.FPDFTextObj_GetFontSize, ctypes.c_int)
        self.font = _untyped(raw.FPDFTextObj_GetFont, ctypes.c_void_p)
        self.descent = _untyped(raw.FPDFFont_GetDescent, ctypes.c_int)
        hyphen = getattr(raw, "FPDFText_IsHyphen", None)   # PDFium 6xxx and later
        self.hyphen = None if hyphen is None else _untyped(hyphen, ctypes.c_int)
        self.found = ctypes.c_float()
        self.fonts: dict[tuple, _Font] = {}   # one page's fonts by (font, size, x scale, y scale)
        self.descents = descents   # each font of the page: its descent, and its widths so far
        self.widths = widths       # the widths known of live fonts (`FastReader`), by the font's address


def _untyped(function, restype):
    """The same C function, its arguments passed as they are given; made once per process (a page asks for
    a dozen of them).  A C function of the usual convention is called holding Python's lock, as
    `ctypes.pythonapi`'s are: releasing and taking it again around each call cost a tenth of a call, and a
    page makes thousands of calls of a few microseconds each (under `_LOCK`: no other thread calls PDFium)."""
    known = _UNTYPED.get((id(function), restype))
    if known is None:
        address = ctypes.cast(function, ctypes.c_void_p).value
        if type(function)._flags_ == _CDECL_FLAGS:
            untyped = ctypes.PYFUNCTYPE(restype)(address)
        else:
            untyped = type(function)(address)
            untyped.restype = restype
        known = _UNTYPED[(id(function), restype)] = (function, untyped)   # (the function kept: its id stays its own)
    return known[1]


_UNTYPED: dict[tuple, tuple] = {}   # (id of PDFium's function, result type): (that function, its untyped form)
_CDECL_FLAGS = ctypes.CFUNCTYPE(None)._flags_   # the flags of a function of a `ctypes.CDLL`


class _Font:
    """A text object's font as pdfminer places its characters: bottom (`low`) and top (`high`) of a
    character box above its origin, and its advances (`width × size × scale`), by code point; the widths
    (`units`) are shared by the text objects of one font."""

    def __init__(self, pointer, size: float, a: float, d: float, descent: float, units: dict[int, float]) -> None:
        self.pointer, self.scale, self.units = pointer, size * a / 1000.0, units
        self.low = descent * size * d
        self.high = self.low + size * d

    def width(self, calls: "_Calls", code: int) -> float:
        """The width of a character in units (a thousandth of the font size), asked of PDFium once."""
        width = self.units.get(code)
        if width is None:
            if not calls.glyph_width(self.pointer, code, _THOUSAND, ctypes.byref(calls.found)):
                raise Unsuitable("no glyph width")
            width = self.units[code] = calls.found.value
        return width


def _fonts(raw, calls: "_Calls", addresses: list[int], descents: list[float]) -> list[_Font]:
    """The fonts of the text objects at `addresses`, as pdfminer would size them.  A page of ruled tables
    holds tens of thousands of text objects: their matrices, sizes and fonts are asked by `map` (in C),
    each call writing into its own slot of an array, and a `_Font` is made once per font, size and scale."""
    n = len(addresses)
    objects = list(map(ctypes.c_void_p, addresses))
    matrices, sizes = (raw.FS_MATRIX * n)(), (ctypes.c_float * n)()
    step, float_step = ctypes.sizeof(raw.FS_MATRIX), ctypes.sizeof(ctypes.c_float)
    if 0 in map(calls.matrix, objects, map(ctypes.byref, repeat(matrices), range(0, n * step, step))) \
            or 0 in map(calls.font_size, objects, map(ctypes.byref, repeat(sizes), range(0, n * float_step, float_step))):
        raise Unsuitable("no matrix")
    if step != 6 * float_step:
        raise Unsuitable("a matrix of another layout")
    flat = ctypes.cast(matrices, ctypes.POINTER(ctypes.c_float * (6 * n))).contents[:]   # a, b, c, d, e, f each
    a, b, c, d = flat[0::6], flat[1::6], flat[2::6], flat[3::6]
    if any(b) or any(c) or any(map(operator.le, a, repeat(0.0))) or any(map(operator.le, d, repeat(0.0))):
        raise Unsuitable("rotated, skewed or mirrored text")
    pointers = list(map(calls.font, objects))
    if not all(pointers):
        raise Unsuitable("no font")
    known = calls.descents
    keys = list(zip(pointers, sizes[:], a, d))
    for key in dict.fromkeys(keys):  # text objects of one font, size and scale share their _Font
        if key not in calls.fonts:
            font = key[0]
            if font not in known:
                descent = ctypes.c_float()
                if not calls.descent(ctypes.c_void_p(font), _THOUSAND, ctypes.byref(descent)):
                    raise Unsuitable("no font")
                close = {x for x in descents if abs(x - descent.value) <= 1.0}
                if len(close) != 1:
                    raise Unsuitable("a descent pdfminer sees otherwise")
                known[font] = (close.pop() / 1000.0, calls.widths.get(font, {}))
            descent, units = known[font]
            calls.fonts[key] = _Font(ctypes.c_void_p(font), key[1], key[2], key[3], descent, units)
    return list(map(calls.fonts.__getitem__, keys))


# ── pdfplumber's grouping ──────────────────────────────────────────────────────────────────────────
def group_lines(chars: list[tuple]) -> list[TextLine]:
    """Characters (text, x0, x1, top, bottom) grouped into lines as pdfplumber's `extract_text_lines`
    groups upright characters with its default tolerances: lines of characters by their tops, each sorted
    left to right and cut into words at a space, a step back or a gap over 3 pt (or a top 3 pt off), then
    runs of words of one cluster of tops, the words joined by one space."""
    words: list[tuple] = []
    for cluster in _clusters(chars):
        cluster.sort(key=_left)
        pieces: list[str] = []
        for text, x0, x1, top, bottom in cluster:
            if text.isspace():
                if pieces:
                    words.append(("".join(pieces), left, right, high, low))
                    pieces = []
                continue
            if pieces and (x0 < last_x0 or x0 > last_x1 + TOLERANCE or abs(top - last_top) > TOLERANCE):
                words.append(("".join(pieces), left, right, high, low))
                pieces = []
            if not pieces:
                left, right, high, low = x0, x1, top, bottom
            else:  # the box of the word so far (comparisons: a character costs little here)
                if x0 < left:
                    left = x0
                if x1 > right:
                    right = x1
                if top < high:
                    high = top
                if bottom > low:
                    low = bottom
            pieces.append(_LIGATURES.get(text, text))
            last_x0, last_x1, last_top = x0, x1, top
        if pieces:
            words.append(("".join(pieces), left, right, high, low))
    return _lines(words)


def _lines(words: list[tuple]) -> list[TextLine]:
    """Words (text, x0, x1, top, bottom) in line order joined into lines."""
    lines = []
    for run in _runs(words):
        text = " ".join(w[0] for w in run).strip(" ")
        if text:
            lines.append(TextLine(text, min(w[1] for w in run), max(w[2] for w in run), min(w[3] for w in run),
                                  max(w[4] for w in run)))
    return lines


_LIGATURE = re.compile("[" + "".join(_LIGATURES) + "]")   # a page with one is grouped a character at a time
_SPACES_RE = re.compile(r"\s+")   # `\s` is what `str.isspace` finds


def _run_words(chars: Characters) -> list[tuple] | None:
    """The words `group_lines` makes of the characters, made a run of one text object at a time; None
    when the runs do not group as wholes (then `group_lines` groups the characters one by one).

    A run of one baseline whose characters go left to right is cut at its spaces into pieces; a piece
    whose characters follow each other without a gap over 3 pt is one piece of a word.  The pieces of a
    line are clustered by their tops as their characters would be; when they follow each other without
    overlapping, sorting the characters by x puts them piece after piece, and a word ends between two
    pieces where it would end between their characters: at a space, a gap over 3 pt or tops 3 pt apart."""
    pieces = []
    xs, rights, ys, codes = chars.xs, chars.rights, chars.ys, chars.codes
    for start, end, high, low in chars.runs:
        y, run_xs, run_rights = ys[start], xs[start:end], rights[start:end]
        text = "".join(map(chr, codes[start:end]))
        edges = high - y + run_xs[0] + sum(run_rights)  # NaN when one of them is (not a number sorts nowhere)
        if (ys[start:end].count(y) != end - start or edges != edges or _LIGATURE.search(text)
                or not all(map(operator.le, run_xs, islice(run_xs, 1, None)))):
            return None
        top, bottom, at = high - y, low - y, 0
        for space in (*_SPACES_RE.finditer(text), None):
            cut = len(text) if space is None else space.start()
            if cut > at:  # the characters from `at` to `cut`: a piece of a word
                piece_xs, piece_rights = run_xs[at:cut], run_rights[at:cut]
                if not all(map(operator.le, islice(piece_xs, 1, None), map(operator.add, piece_rights, repeat(TOLERANCE)))):
                    return None
                pieces.append((text[at:cut], piece_xs[0], piece_xs[-1], piece_rights[-1], max(piece_rights), top, bottom))
            if space is not None:  # spaces: a piece without text, which ends a word
                pieces.append((None, run_xs[cut], run_xs[space.end() - 1], 0.0, 0.0, top, bottom))
                at = space.end()
    index = _cluster_index(p[5] for p in pieces)
    clusters: dict[int, list[tuple]] = {}
    for piece in pieces:
        clusters.setdefault(index[piece[5]], []).append(piece)
    words: list[tuple] = []
    for k in sorted(clusters):
        word = previous = None
        for piece in sorted(clusters[k], key=_left):
            text, first_x, _, _, right, top, bottom = piece
            if previous is not None and first_x <= previous[2]:
                return None  # the characters of two pieces interleave or tie
            if text is None or word is None or first_x > previous[3] + TOLERANCE or abs(top - previous[5]) > TOLERANCE:
                if word is not None:
                    words.append(tuple(word))
                word = None if text is None else [text, first_x, right, top, bottom]
            else:
                word[0] += text
                word[2], word[3], word[4] = max(word[2], right), min(word[3], top), max(word[4], bottom)
            previous = piece
        if word is not None:
            words.append(tuple(word))
    return words


def _left(char: tuple) -> float:
    return char[1]


def _cluster_index(values) -> dict[float, int]:
    """pdfplumber's `make_cluster_dict`: sorted distinct values, a new cluster past `TOLERANCE` from the last."""
    index: dict[float, int] = {}
    n, last = -1, None
    for v in sorted(set(values)):
        if last is None or v > last + TOLERANCE:
            n += 1
        index[v] = n
        last = v
    return index


def _clusters(chars: list[tuple]) -> list[list[tuple]]:
    """Characters by line (pdfplumber's `cluster_objects` on `top`: stable within a cluster)."""
    index = _cluster_index(c[3] for c in chars)
    groups: dict[int, list[tuple]] = {}
    for c in chars:
        groups.setdefault(index[c[3]], []).append(c)
    return [groups[k] for k in sorted(groups)]


def _runs(words: list[tuple]) -> list[list[tuple]]:
    """Consecutive words of one cluster of tops (`cluster_objects(..., preserve_order=True)`)."""
    index = _cluster_index(w[3] for w in words)
    runs: list[list[tuple]] = []
    previous = None
    for w in words:
        k = index[w[3]]
        if runs and k == previous:
            runs[-1].append(w)
        else:
            runs.append([w])
        previous = k
    return runs


# ── what PDFium cannot tell of a page's paths ──────────────────────────────────────────────────────
# Whitespace (what `\s` finds in bytes) made spaces: `F` standing alone is then " F " in the content padded
# with a space on both sides, which a substring search finds (a pattern run over megabytes costs ten times more).
_SPACED = bytes.maketrans(b"\t\n\r\x0b\x0c", b"     ")


def fills_obsolete(content: bytes) -> bool:
    """Does decoded page content hold `F` standing alone (between whitespace or the ends)?"""
    return b" F " in b" " + content.translate(_SPACED) + b" "


def obsolete_fill(page) -> bool:
    """Does the page's content (pdfplumber's page) use `F`, the obsolete fill operator, or a filter not
    read here?  pdfminer does nothing on `F`, leaving its path to the next painting operator, where PDFium
    fills it: the page's shapes would not be pdfminer's.  (A string holding " F " counts too: that page is
    merely read by pdfplumber.)"""
    import zlib

    from pdfminer.pdftypes import resolve1

    from linter.document.readers.containers import ascii85_decoded

    try:
        for stream in page.page_obj.contents:
            stream = resolve1(stream)
            data = getattr(stream, "data", None)
            if data is None:
                data = getattr(stream, "rawdata", None) or b""
                for name in (_name(f) for f, _ in stream.get_filters()):
                    if name in ("ASCII85Decode", "A85"):
                        data = ascii85_decoded(data)
                    elif name in ("FlateDecode", "Fl"):
                        data = zlib.decompressobj().decompress(data, MAX_CONTENT + 1)
                    else:
                        return True
            if fills_obsolete(data):
                return True
    except Exception:  # noqa: BLE001 - content not read here is pdfplumber's to read (or report)
        return True
    return False
