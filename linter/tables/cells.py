"""Typed table cells: a number (exact `Decimal`) or *blank*, with the source span it came from.

Blank ("", "/", "-", "—", "无") is kept apart from 0: a report that leaves a cell blank has not said
the count is zero, and a check over a blank cell must report the blank, not an arithmetic error.
Numbers may be Arabic, full-width (already folded by the reader), Chinese (二十三, 一百零五) or use
thousands separators (3,119); a trailing unit (件/个/元/万元) is kept in `unit`.  A note in brackets after the
number (`13（其中修订5件）`, `40（含自然失效12件）`) is kept in `note`; the number is the cell's value.
"""
from __future__ import annotations

import re
from array import array
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Callable

from linter.document.model import OffsetCursor, Text
from linter.language.numerals import cn_to_int

BLANK_MARKS = frozenset({"", "/", "／", "\\", "-", "－", "—", "——", "–", "无", "空", "×"})
_NUMBER_RE = re.compile(r"^([-+]?)(\d{1,3}(?:[,，]\d{3})+|\d+)(\.\d+)?(件|个|项|条|元|万元)?$")
_NOTE_RE = re.compile(r"^(.+?)[（(]([^（）()]{1,40})[）)]$")
_CN_RE = re.compile(r"^([〇零○一二两三四五六七八九十百千万]+)(件|个|项|条)?$")


@dataclass(slots=True)  # slots: a report's tables make a few hundred cells
class TypedCell:
    """One recognised cell: `value` is None when blank or unreadable (`status` says which)."""

    value: Decimal | None
    raw: str
    start: int
    end: int
    status: str = "number"      # number | blank | invalid | unread (a picture's cell OCR could not read)
    unit: str = ""
    signed: bool = False        # written with an explicit + or - sign
    row: str = ""               # row key (R1…, regulations…, RV…)
    col: str = ""               # column key (NP…, issued…, M…)
    row_label: str = ""         # the label as written in the report
    col_label: str = ""
    # text | image (read by OCR) | derived (an unread cell the identities fix) | recovered (split out of a run of
    # digits a crawl wrote together, linter.tables.recover)
    source: str = "text"
    confidence: float | None = None  # OCR confidence of a cell read from a picture
    note: str = ""              # a note written in brackets after the number (其中修订5件)

    @property
    def blank(self) -> bool:
        return self.status == "blank"

    @property
    def is_integer(self) -> bool:
        return self.value is not None and self.value == self.value.to_integral_value()


def parse_cell(text: Text) -> TypedCell:
    offsets = text.offsets
    start, end = (offsets[0], offsets[-1] + 1) if offsets else text.source_span()
    return _typed(text.text.strip(), start, end)


OffsetLookup = Callable[[int], int]


def offset_lookup(offsets) -> OffsetLookup:
    """How a text's offsets are looked up one by one: a short text's array by its own indexing (no call made in
    Python), a long text's runs through a cursor that remembers the run it is in (`OffsetCursor`)."""
    return offsets.__getitem__ if type(offsets) is array else OffsetCursor(offsets)


def parse_spans(text: Text, spans: list[tuple[int, int]], offset_at: OffsetLookup | None = None) -> list[TypedCell]:
    """`parse_cell(text.slice(a, b))` of each non-empty span, without making the slices; `offset_at` is the
    text's `offset_lookup`, when the caller reads several rows of it."""
    at = offset_at or offset_lookup(text.offsets)
    s = text.text
    return [span_cell(s, a, b, at) for a, b in spans]


# The value of each count 0…999 written plainly, made once per process: most cells are such counts.
_COUNTS = {str(n): Decimal(n) for n in range(1000)}
DIGITS = {str(n): _COUNTS[str(n)] for n in range(10)}   # a digit alone: most cells of a recovered row


def span_cell(s: str, a: int, b: int, at: OffsetLookup, row: str = "", col: str = "", row_label: str = "",
              col_label: str = "", source: str = "text") -> TypedCell:
    """The cell `parse_spans` types from s[a:b], `at` the offsets' cursor; made with its keys, labels and source
    when they are given (a row's cells placed as they are typed: `TableModel.put_spans`)."""
    raw = s[a:b].strip()
    start = at(a)
    end = start + 1 if b - a == 1 else at(b - 1) + 1   # (a digit split out of a run is one character)
    if raw.isdigit() and raw.isascii():  # most cells: a count written plainly (as in `_typed`)
        value = _COUNTS.get(raw)
        return TypedCell(Decimal(raw) if value is None else value, raw, start, end, "number", "", False,
                         row, col, row_label, col_label, source)
    typed = _typed(raw, start, end)
    typed.row, typed.col, typed.row_label, typed.col_label, typed.source = row, col, row_label, col_label, source
    return typed


def _typed(raw: str, start: int, end: int) -> TypedCell:
    squashed = raw.replace(" ", "")
    if squashed.isdigit() and squashed.isascii():  # most cells: a count written plainly
        return TypedCell(Decimal(squashed), raw, start, end)
    if squashed in BLANK_MARKS:
        return TypedCell(None, raw, start, end, "blank")
    noted = _NOTE_RE.match(squashed)
    if noted:
        typed = _parse_number(noted.group(1), raw, start, end)
        if typed.status == "number":
            typed.note = noted.group(2)
            return typed
    return _parse_number(squashed, raw, start, end)


def _parse_number(squashed: str, raw: str, start: int, end: int) -> TypedCell:
    m = _NUMBER_RE.match(squashed)
    if m:
        digits = m.group(2).replace(",", "").replace("，", "") + (m.group(3) or "")
        try:
            value = Decimal(digits)
        except InvalidOperation:  # pragma: no cover - the regex admits only valid numbers
            return TypedCell(None, raw, start, end, "invalid")
        if m.group(1) == "-":
            value = -value
        return TypedCell(value, raw, start, end, "number", unit=m.group(4) or "", signed=bool(m.group(1)))
    m = _CN_RE.match(squashed)
    if m:
        n = cn_to_int(m.group(1))
        if n is not None:
            return TypedCell(Decimal(n), raw, start, end, "number", unit=m.group(2) or "")
    return TypedCell(None, raw, start, end, "invalid")


# Characters OCR reads for digits; folded only in cells where a number belongs.
DIGIT_LOOKALIKES = str.maketrans({"o": "0", "O": "0", "〇": "0", "○": "0", "D": "0", "l": "1", "I": "1", "|": "1"})
# Below this OCR confidence a cell is unread.  Calibrated on the rendered corpus tables
# (tests/document/test_ocr_tables.py): every misread cell scored lower.
MIN_CONFIDENCE = 0.5


def parse_read_cell(text: Text, confidence: float) -> TypedCell:
    """A numeric cell read from a picture: a number, blank (no ink at all), or *unread* — nothing read,
    too little confidence, or text that is not a number — never a guessed 0."""
    raw = text.text.strip()
    start, end = text.source_span()
    if not raw:
        status = "blank" if confidence >= 1.0 else "unread"
        return TypedCell(None, raw, start, end, status, source="image", confidence=confidence)
    folded = raw.replace(" ", "").translate(DIGIT_LOOKALIKES)
    typed = parse_cell(Text(folded, [start] * len(folded)))
    typed.raw, typed.start, typed.end = raw, start, end
    typed.source, typed.confidence = "image", confidence
    if confidence < MIN_CONFIDENCE or typed.status == "invalid":
        typed.value, typed.status = None, "unread"
    return typed
