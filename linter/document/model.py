"""The document model every reader produces and every check consumes.

A `Document` is an ordered list of blocks (paragraphs, tables, images).  Every piece of text is a
`Text`: a normalised string plus, for each character, its offset in the source, so findings are always
reported at source positions however much the text was normalised.
"""
from __future__ import annotations

import bisect
import re
from array import array
from dataclasses import dataclass, field
from itertools import accumulate, compress
from typing import Iterator, Union

# Characters around which whitespace carries no meaning in Chinese text (ideographs, CJK punctuation,
# full-width forms, curly quotes).  PDF extractions put spaces between them ("2023 年"); we drop those.
_WIDE = r"\u2018-\u201f\u2026\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef"
_WIDE_RE = re.compile(f"[{_WIDE}]")
_SPACE_CHARS = " \t\u00a0\u3000\u2002\u2003\u2009\x0b\x0c"
# Invisible format characters (zero-width space and joiners, soft hyphen, word joiner, byte-order mark,
# direction marks and overrides): a reader sees nothing there, so the text is read without them — "1\u200b23"
# is the 123 a reader sees, not "1 23" — and the engine reports where one stands inside a number.
INVISIBLE_CHARS = "\u00ad\u180e\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e" \
                  "\u2060\u2061\u2062\u2063\u2064\u2066\u2067\u2068\u2069\ufeff"
_INVISIBLE_RE = re.compile(f"[{INVISIBLE_CHARS}]")


def _fold_char(ch: str) -> str:
    """Full-width digits and Latin letters become ASCII; every kind of space becomes ' '; an invisible
    format character becomes nothing."""
    if ch in INVISIBLE_CHARS:
        return ""
    code = ord(ch)
    if 0xFF10 <= code <= 0xFF19 or 0xFF21 <= code <= 0xFF3A or 0xFF41 <= code <= 0xFF5A:
        return chr(code - 0xFEE0)
    if ch in _SPACE_CHARS:
        return " "
    return ch


OFFSET_TYPE = "I"  # unsigned 32-bit: a text of 4 G characters is far beyond any memory budget


def offset_array(values=()) -> "array | Runs | Joined":
    """Source offsets stored compactly: 4 bytes per character instead of a list's 36 (a pointer and an
    int object), which is most of a large document's memory (README: the resource budget); a long text's
    as `Runs` or `Joined`."""
    return values if type(values) in (array, Runs, Joined) else array(OFFSET_TYPE, values)


_bisect_right = bisect.bisect_right
RUNS_FROM = 1 << 8  # a text at least this long keeps its offsets as runs


class _Offsets:
    """What `Runs` and `Joined` share: they read like the `array` of offsets they stand for — length,
    index, slice (a short slice is an `array`), iteration."""

    __slots__ = ()
    n: int

    def __len__(self) -> int:
        return self.n

    def __getitem__(self, i):
        if type(i) is slice:
            start, stop, step = i.indices(self.n)
            if step != 1:
                return array(OFFSET_TYPE, list(self)[i])
            return self.section(start, stop)
        if i < 0:
            i += self.n
        if not 0 <= i < self.n:
            raise IndexError("offset index out of range")
        return self.at_index(i)


class Runs(_Offsets):
    """The source offsets of a long text as runs of consecutive offsets: run k starts at character `at[k]`,
    whose offset is `base[k]`, and each character after it within the run is one further on.  A report's
    text is a few runs per paragraph (a run ends only where normalising dropped a space or a line break), so
    a scope's text joined from a 20 MB page costs kilobytes of offsets instead of four bytes a character.
    """

    __slots__ = ("at", "base", "n")

    def __init__(self, at: array, base: array, n: int) -> None:
        self.at, self.base, self.n = at, base, n

    def __repr__(self) -> str:  # pragma: no cover - debugging aid
        return f"Runs({len(self.at)} runs, {self.n} offsets)"

    def __iter__(self):
        at, base, n = self.at, self.base, self.n
        for k in range(len(at)):
            end = at[k + 1] if k + 1 < len(at) else n
            yield from range(base[k], base[k] + end - at[k])

    def __getitem__(self, i):
        if type(i) is int and 0 <= i < self.n:  # the common case, without the generic path's calls
            at = self.at
            k = _bisect_right(at, i) - 1
            return self.base[k] + i - at[k]
        return _Offsets.__getitem__(self, i)

    def at_index(self, i: int) -> int:
        k = bisect.bisect_right(self.at, i) - 1
        return self.base[k] + i - self.at[k]

    def run_at(self, i: int) -> tuple[int, int, int]:
        """(lo, hi, shift): characters lo…hi-1, `i` among them, have the offsets index + shift."""
        at = self.at
        k = _bisect_right(at, i) - 1
        lo = at[k]
        return lo, at[k + 1] if k + 1 < len(at) else self.n, self.base[k] - lo

    def __reduce__(self):
        return Runs, (self.at, self.base, self.n)

    def section(self, start: int, stop: int) -> "array | Runs":
        """Offsets start…stop-1: an `array` when short, else runs."""
        if stop <= start:
            return array(OFFSET_TYPE)
        at, base = self.at, self.base
        first = bisect.bisect_right(at, start) - 1
        last = bisect.bisect_right(at, stop - 1) - 1
        if stop - start < RUNS_FROM:
            out = array(OFFSET_TYPE)
            for k in range(first, last + 1):
                a = max(at[k], start)
                b = min(at[k + 1], stop) if k + 1 < len(at) else stop
                out.extend(counting(base[k] + a - at[k], b - a))
            return out
        new_at = array(OFFSET_TYPE, [0])
        new_at.extend(x - start for x in at[first + 1:last + 1])
        new_base = array(OFFSET_TYPE, [base[first] + start - at[first]])
        new_base.extend(base[first + 1:last + 1])
        return Runs(new_at, new_base, stop - start)


class Joined(_Offsets):
    """The offsets of a long text joined from parts (a scope's paragraphs): the parts' own offsets, found
    through where each part starts, so a scope's text costs no offsets of its own.  After each part but the
    last stand `sep` characters at `seps[k]` (the separator's offset)."""

    __slots__ = ("pieces", "seps", "sep", "starts", "n")

    def __init__(self, pieces: list, seps: array | None = None, sep: int = 0, lengths: list[int] | None = None) -> None:
        """`lengths`, when given, are the pieces' lengths (a joined text's parts' strings are as long as their
        offsets): where each piece starts is then summed at C speed, without asking each piece its length."""
        if lengths is None:
            lengths = [len(piece) for piece in pieces]
        if not sep:  # no separators: empty pieces hold nothing
            pieces, seps = list(compress(pieces, lengths)), None
            lengths = list(filter(None, lengths))
        self.pieces, self.seps, self.sep = pieces, seps, sep
        # where each piece starts, and after the last one the length with a separator after the last piece
        self.starts = array(OFFSET_TYPE, accumulate([length + sep for length in lengths] if sep else lengths, initial=0))
        self.n = self.starts.pop() - sep if pieces else 0

    def __repr__(self) -> str:  # pragma: no cover - debugging aid
        return f"Joined({len(self.pieces)} pieces, {self.n} offsets)"

    def __iter__(self):
        last = len(self.pieces) - 1
        for k, piece in enumerate(self.pieces):
            yield from piece
            if self.sep and k < last:
                yield from (self.seps[k],) * self.sep

    def __reduce__(self):
        return Joined, (self.pieces, self.seps, self.sep)

    def __getitem__(self, i):
        if type(i) is int and 0 <= i < self.n:  # the common case, without the generic path's calls
            starts = self.starts
            k = _bisect_right(starts, i) - 1
            piece, j = self.pieces[k], i - starts[k]
            return piece[j] if j < len(piece) else self.seps[k]
        return _Offsets.__getitem__(self, i)

    def at_index(self, i: int) -> int:
        k = bisect.bisect_right(self.starts, i) - 1
        piece, j = self.pieces[k], i - self.starts[k]
        return piece[j] if j < len(piece) else self.seps[k]

    def run_at(self, i: int) -> tuple[int, int, int]:
        """(lo, hi, shift) as `Runs.run_at`: within the run of the part that holds `i`."""
        k = _bisect_right(self.starts, i) - 1
        start, piece = self.starts[k], self.pieces[k]
        j = i - start
        if j >= len(piece):
            return i, i + 1, self.seps[k] - i
        if type(piece) is array:
            return i, i + 1, piece[j] - i
        lo, hi, shift = piece.run_at(j)
        return lo + start, hi + start, shift - start

    def section(self, start: int, stop: int) -> "array | Joined":
        """Offsets start…stop-1: an `array` when short, else the pieces they come from."""
        if stop <= start:
            return array(OFFSET_TYPE)
        k = max(0, _bisect_right(self.starts, start) - 1)
        at, piece = self.starts[k], self.pieces[k]
        if stop - at <= len(piece):  # within one part (a sentence of a paragraph): that part's own section
            return piece[start - at:stop - at] if type(piece) is array else piece.section(start - at, stop - at)
        pieces = []
        while k < len(self.pieces) and self.starts[k] < stop:
            at, piece = self.starts[k], self.pieces[k]
            a, b = max(0, start - at), min(len(piece), stop - at)
            if a < b:
                pieces.append(piece if (a, b) == (0, len(piece)) else piece[a:b])
            if self.sep and k < len(self.pieces) - 1:  # the separator after the piece
                a, b = max(len(piece), start - at), min(len(piece) + self.sep, stop - at)
                if a < b:
                    pieces.append(array(OFFSET_TYPE, [self.seps[k]] * (b - a)))
            k += 1
        if stop - start >= RUNS_FROM:
            return Joined(pieces)
        out = array(OFFSET_TYPE)
        for piece in pieces:
            out.extend(piece)
        return out


class OffsetCursor:
    """The offsets of one text looked up one by one (`cursor(i)`), remembering the run of consecutive offsets
    the last one was in: reading the cells of a table row by row asks for offsets close to each other, which in
    a long text's `Runs` or `Joined` would each cost a search through its parts."""

    __slots__ = ("offsets", "lo", "hi", "shift")

    def __init__(self, offsets) -> None:
        self.offsets = offsets
        self.lo = self.hi = self.shift = 0

    def __call__(self, i: int) -> int:
        if self.lo <= i < self.hi:
            return i + self.shift
        offsets = self.offsets
        if type(offsets) is array or not 0 <= i < offsets.n:
            return offsets[i]
        self.lo, self.hi, self.shift = offsets.run_at(i)
        return i + self.shift


_LINES_CHUNK = 1 << 12
_EXACT_LINES = 1 << 14  # lines whose starts a `LineIndex` keeps one by one (64 KB)


class LineIndex:
    """Where the lines of a text start.  A text of up to `_EXACT_LINES` lines keeps every line's start (a
    search finds a line); a longer one keeps the number of line breaks before every 4096th character rather
    than one number per line: 20 million blank lines cost 20 KB, not 80 MB (README: the resource budget).  A
    line's number and start are then counted from the nearest of these marks, in C-speed steps."""

    __slots__ = ("source", "_before", "_starts", "lines", "_last")

    def __init__(self, source: str) -> None:
        self.source = source
        self._starts: array | None = None
        self._before = array(OFFSET_TYPE, [0])  # line breaks before character k * _LINES_CHUNK
        self._last = (0, 0)  # the last line asked for and its start: a parser asks line after line
        breaks = source.count("\n")
        self.lines = breaks + 1
        if breaks <= _EXACT_LINES:
            starts = self._starts = array(OFFSET_TYPE, [0])
            at = source.find("\n")
            while at >= 0:
                starts.append(at + 1)
                at = source.find("\n", at + 1)
            return
        total = 0
        for at in range(0, len(source), _LINES_CHUNK):
            total += source.count("\n", at, at + _LINES_CHUNK)
            self._before.append(total)

    def __len__(self) -> int:
        return self.lines

    def __getitem__(self, line: int) -> int:
        return self.start(line)

    def line_of(self, offset: int) -> int:
        """The (0-based) line holding `offset`."""
        offset = max(0, min(offset, len(self.source)))
        if self._starts is not None:
            return _bisect_right(self._starts, offset) - 1
        k = offset // _LINES_CHUNK
        return self._before[k] + self.source.count("\n", k * _LINES_CHUNK, offset)

    def locate(self, offset: int) -> tuple[int, int]:
        """(the 0-based line holding `offset`, where that line starts): `line_of` and `start` in one step."""
        if self._starts is not None:
            offset = max(0, min(offset, len(self.source)))
            line = _bisect_right(self._starts, offset) - 1
            return line, self._starts[line]
        line = self.line_of(offset)
        return line, self.start(line)

    def start(self, line: int) -> int:
        """Where the (0-based) line `line` starts."""
        if line < 0:
            line += self.lines
        if not 0 <= line < self.lines:
            raise IndexError(line)
        if self._starts is not None:
            return self._starts[line]
        last, at = self._last
        if not last <= line <= last + 64:  # not just after the last one asked for: from the mark before it
            k = max(0, bisect.bisect_left(self._before, line) - 1)
            last, at = self._before[k], k * _LINES_CHUNK
        find = self.source.index
        for _ in range(line - last):
            at = find("\n", at) + 1
        self._last = (line, at)
        return at


def line_starts(source: str) -> LineIndex:
    """The offset where each line of `source` starts (after every "\n"), as an index of its lines."""
    return LineIndex(source)


@dataclass(slots=True)  # slots: a 20 MB page makes a hundred thousand texts (headings, cells, slices)
class Text:
    """A normalised string; `offsets[i]` is the source offset of character i (an `array` of ints).  An empty
    text may carry `_anchor`, the source offset where it would have been (`anchor`)."""

    text: str
    offsets: array
    _anchor: int = field(default=0, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        self.offsets = offset_array(self.offsets)
        assert len(self.text) == len(self.offsets)

    def __getstate__(self) -> tuple:
        return self.text, self.offsets, getattr(self, "_anchor", 0)  # (a text made by `_new_text` has none)

    def __setstate__(self, state: tuple) -> None:
        self.text, self.offsets, self._anchor = state

    def __str__(self) -> str:  # pragma: no cover - debugging aid
        return self.text

    def __len__(self) -> int:
        return len(self.text)

    @classmethod
    def empty(cls, at: int = 0) -> "Text":
        t = cls("", [])
        t._anchor = at  # type: ignore[attr-defined]
        return t

    def anchor(self) -> int:
        """A source offset for an empty text (where it would have been)."""
        if self.offsets:
            return self.offsets[0]
        return getattr(self, "_anchor", 0)

    def slice(self, start: int, end: int | None = None) -> "Text":
        end = len(self.text) if end is None else end
        piece = _new_text(self.text[start:end], self.offsets[start:end])  # (an array's slice is an array)
        if not piece.offsets:
            piece._anchor = self.offsets[start] if start < len(self.offsets) else self.source_end()  # type: ignore[attr-defined]
        return piece

    def strip(self) -> "Text":
        s = self.text
        start = len(s) - len(s.lstrip())
        end = len(s.rstrip())
        if start >= end:
            return self.slice(0, 0)
        return self.slice(start, end)

    def source_span(self, start: int = 0, end: int | None = None) -> tuple[int, int]:
        """Source offsets [begin, end) covering characters start..end of this text."""
        end = len(self.text) if end is None else end
        if not self.offsets:
            a = self.anchor()
            return a, a
        start = min(max(start, 0), len(self.offsets) - 1)
        end = min(max(end, start + 1), len(self.offsets))
        return self.offsets[start], self.offsets[end - 1] + 1

    def source_end(self) -> int:
        return self.offsets[-1] + 1 if self.offsets else self.anchor()

    @staticmethod
    def join(parts: list["Text"], sep: str = "") -> "Text":
        """The parts one after the other, `sep` between each two (at the offset of the last character before it,
        or where the text before it would have been)."""
        texts = [p.text for p in parts]
        lengths = list(map(len, texts))
        if sum(lengths) + len(sep) * len(parts) >= RUNS_FROM:
            return Text._join_long(parts, sep, texts, lengths)
        offsets = array(OFFSET_TYPE)
        if sep:
            for i, part in enumerate(parts):
                if i:
                    offsets.extend([offsets[-1] if offsets else part.anchor()] * len(sep))
                offsets.extend(part.offsets)
        else:  # (a paragraph's lines: the parts' offsets one after the other)
            for part in parts:
                offsets.extend(part.offsets)
        return _new_text(sep.join(texts), offsets)

    @staticmethod
    def _join_long(parts: list["Text"], sep: str, texts: list[str], lengths: list[int]) -> "Text":
        """`join` of a long text: its offsets are those of its parts, not a copy (`Joined`)."""
        seps = array(OFFSET_TYPE)
        if sep:
            last = None
            for i, part in enumerate(parts):
                if i:
                    if last is None:
                        last = part.anchor()
                    seps.append(last)
                if lengths[i]:
                    last = _last_offset(part.offsets)
        return _new_text(sep.join(texts), Joined([p.offsets for p in parts], seps, len(sep), lengths))


def _last_offset(offsets) -> int:
    """The last of a text's offsets (there is one), read directly from an array's or runs' own fields."""
    if type(offsets) is Runs:
        return offsets.base[-1] + offsets.n - 1 - offsets.at[-1]
    return offsets[-1]


def _new_text(text: str, offsets: array) -> Text:
    """A `Text` of a string and the array of its offsets, made without `__post_init__`'s checks (slices of a
    text, which hold by construction: a report makes hundreds)."""
    piece = object.__new__(Text)
    piece.text, piece.offsets = text, offsets
    return piece


# The same folding as `_fold_char`, as one table for `str.translate`; newlines fold to spaces too (both are
# whitespace to `normalize`).  Every character maps to exactly one, so positions are kept.
_FOLD_TABLE = {code: code - 0xFEE0 for lo, hi in ((0xFF10, 0xFF19), (0xFF21, 0xFF3A), (0xFF41, 0xFF5A))
               for code in range(lo, hi + 1)}
_FOLD_TABLE.update({ord(ch): " " for ch in _SPACE_CHARS + "\n\r"})
_FOLDED_CHARS = "".join(re.escape(chr(code)) for code, to in _FOLD_TABLE.items() if to != chr(code))
# The characters the table changes: a text without them is its own folding (`str.translate` visits every character
# of a Chinese text through a dictionary, many times slower than this search).  Runs of them are folded one run at
# a time (`_fold`), so the rest of a long text is not visited character by character.
_FOLDED_RUN_RE = re.compile(f"[{_FOLDED_CHARS}]+")
# What `normalize` must look at more closely: a character to fold or an invisible one (one search for both; most
# lines have neither).
_SPECIAL_RE = re.compile(f"[{_FOLDED_CHARS}{INVISIBLE_CHARS}]")
# The gaps of a normalised text that lose characters: a run of spaces next to a CJK character (all of it), and
# one of two or more spaces elsewhere (all but its first, in the group `more`).  A single space between two other
# characters is kept as it is: no match.  (Every alternative starts with the space, which `re` looks for at C speed.)
_LOST_GAP_RE = re.compile(f" (?:(?<=[{_WIDE}] ) *| *+(?=[{_WIDE}])|(?P<more> +))")
_LONG_GAP_RE = re.compile(" (?P<more> +)")  # (when spaces next to CJK characters are kept)


def _fold(raw: str) -> str:
    """`raw` with full-width digits and letters made ASCII and every space character made ' ' (`_FOLD_TABLE`)."""
    return _FOLDED_RUN_RE.sub(lambda m: m.group().translate(_FOLD_TABLE), raw)


def normalize(raw: str, base: int = 0, drop_wide_spaces: bool = True) -> Text:
    """Fold widths and spaces of `raw` (which starts at source offset `base`) into a `Text`.

    Whitespace next to a CJK character is dropped ("2023 年" -> "2023年"); other runs of whitespace
    become one space (at the offset of the run's first character); newlines count as whitespace.
    Leading/trailing whitespace is removed.  Works gap by gap (the runs of spaces between words) rather than
    character by character: it is on the path of every line of every report.  Invisible format characters
    are dropped (`INVISIBLE_CHARS`).
    """
    if " " not in raw and _SPECIAL_RE.search(raw) is None:  # (most lines of Chinese text: nothing to fold or drop)
        return _new_text(raw, _consecutive(base, len(raw))) if raw else Text.empty(base)
    folded = raw
    if _SPECIAL_RE.search(raw):
        if _INVISIBLE_RE.search(raw):
            return _normalize_visible(raw, base, drop_wide_spaces)
        folded = _fold(raw)
    body = folded.strip(" ")
    if not body:
        return Text.empty(base)
    first = base + len(folded) - len(folded.lstrip(" "))  # the source offset of the body's first character
    # The kept characters come in pieces of consecutive offsets; a piece ends where a gap lost characters:
    # the whole gap (next to a CJK character) or all but its first space.
    pieces: list[str] = []
    starts = [0]  # where each piece starts in the body
    last = 0
    for gap in (_LOST_GAP_RE if drop_wide_spaces else _LONG_GAP_RE).finditer(body):
        a, b = gap.span("more")  # a gap between two other characters: one space kept, the rest lost
        if a < 0:
            a, b = gap.span()  # a gap next to a CJK character: lost whole
        pieces.append(body[last:a])
        starts.append(b)
        last = b
    if not pieces:  # nothing lost (one word, or words one space apart)
        return _new_text(body, _consecutive(first, len(body)))
    pieces.append(body[last:])
    text = "".join(pieces)
    if len(text) >= RUNS_FROM:
        at, runs_base, n = array(OFFSET_TYPE), array(OFFSET_TYPE), 0
        for start, piece in zip(starts, pieces):
            at.append(n)
            runs_base.append(first + start)
            n += len(piece)
        return _new_text(text, Runs(at, runs_base, n))
    offsets = array(OFFSET_TYPE)
    for start, piece in zip(starts, pieces):
        offsets.extend(counting(first + start, len(piece)))
    return _new_text(text, offsets)


def _consecutive(first: int, n: int) -> "array | Runs":
    """The offsets first, first + 1, … of `n` characters: one run when there are many."""
    if n >= RUNS_FROM:
        return Runs(array(OFFSET_TYPE, [0]), array(OFFSET_TYPE, [first]), n)
    return counting(first, n)


# 0, 1, 2, …: the offsets of consecutive characters are a slice of it, copied at C speed (an array made from a
# `range` converts every number, most of what reading a report cost).  Grown as texts further on need it, up to
# the start of a long report; offsets beyond that are counted out as before.
_COUNTING = array(OFFSET_TYPE)
_COUNTING_MAX = 1 << 17  # 512 KB


def counting(first: int, n: int) -> array:
    """The array first, first + 1, … (`n` numbers)."""
    end = first + n
    if end > len(_COUNTING):
        if end > _COUNTING_MAX:
            return array(OFFSET_TYPE, range(first, end))
        _COUNTING.extend(range(len(_COUNTING), min(_COUNTING_MAX, max(end, 2 * len(_COUNTING), 1 << 12))))
    return _COUNTING[first:end]


def _normalize_visible(raw: str, base: int, drop_wide_spaces: bool) -> Text:
    """`normalize` of `raw` without its invisible characters, offsets still those of `raw`."""
    kept = [i for i, ch in enumerate(raw) if ch not in INVISIBLE_CHARS]
    t = normalize("".join(raw[i] for i in kept), 0, drop_wide_spaces)
    out = Text(t.text, [base + kept[i] for i in t.offsets])
    if not out.offsets:
        out._anchor = base  # type: ignore[attr-defined]
    return out


@dataclass(slots=True)  # slots: a page of 300 000 lines is as many paragraphs (no dictionary each)
class Paragraph:
    """A paragraph of running text (or a heading line).  `heading` is a reader's hint: 0 = none."""

    text: Text
    heading: int = 0
    # "image-text" marks OCR residue that followed an image; it is text, but never prose or a table.
    # "metadata" marks a crawled page's header lines (发布时间: …, 原文链接: …) that are not the report's text.
    role: str = "text"

    kind = "paragraph"

    @property
    def span(self) -> tuple[int, int]:
        return self.text.source_span()


@dataclass
class Cell:
    text: Text
    row: int
    col: int
    # For expanded merged cells: the (row, col) of the cell that really holds the text.
    origin: tuple[int, int] | None = None
    # A cell read from a picture: the recogniser's confidence (0 = ink that could not be read, 1 = no ink
    # at all); None for text.
    confidence: float | None = None

    @property
    def value(self) -> str:
        return self.text.text


@dataclass
class Table:
    """A raw grid of cells as the reader found it (merged cells already expanded)."""

    rows: list[list[Cell]]
    source_kind: str = "grid"  # grid (markdown/html/docx/pdf), aligned (whitespace-aligned text) or image (OCR)
    image: "Image | None" = None  # the picture an `image` table was read from

    kind = "table"

    @property
    def span(self) -> tuple[int, int]:
        # a cell's text starts at its first offset and ends after its last (Text.source_span, source_end),
        # read directly: the span of a large table is asked for often
        offsets = [c.text.offsets for r in self.rows for c in r]
        starts = [o[0] for o in offsets if o]
        if not starts:
            return self._anchor, self._anchor
        return min(starts), max(o[-1] for o in offsets if o) + 1

    _anchor: int = 0

    def texts(self) -> list[list[str]]:
        return [[c.text.text for c in r] for r in self.rows]

    def merged_regions(self) -> list[tuple[int, int, int, int]]:
        """(row, col, last_row, last_col) of every merged cell of the expanded grid, for writers that
        merge them again (the DOCX output, the test documents)."""
        spans: dict[tuple[int, int], list[int]] = {}
        for row in self.rows:
            for cell in row:
                if cell.origin is not None:
                    r0, c0 = cell.origin
                    box = spans.setdefault((r0, c0), [r0, c0, r0, c0])
                    box[2] = max(box[2], cell.row)
                    box[3] = max(box[3], cell.col)
        return [(box[0], box[1], box[2], box[3]) for box in spans.values()]


@dataclass
class Image:
    """A picture standing in the text: `[image: x.jpg]`, `<img>`, a DOCX inline picture."""

    name: str
    text: Text  # the marker itself, for positions
    # The picture's bytes, while it waits to be read (OCR); dropped once read.
    data: bytes | None = field(default=None, repr=False)
    # The picture itself is in the file, or next to it (a DOCX or PDF picture, an HTML page's local file):
    # OCR could read it.  A text export's `[image: …]` marker only names a picture that is not there.
    embedded: bool = False
    # What reading it gave: "" (not tried), "table" (a table was read), "no-table" (no ruled grid),
    # "unavailable" (the OCR extra is not installed), "off" (--no-ocr), or "failed: reason".
    ocr: str = ""

    kind = "image"

    @property
    def span(self) -> tuple[int, int]:
        return self.text.source_span()


Block = Union[Paragraph, Table, Image]


@dataclass
class Link:
    """A hyperlink in the report: the text a reader sees (source positions kept) and the address it opens
    (an HTML `<a href>`, a DOCX hyperlink's relationship target, `#name` for a link within the document).
    A printed address whose link opens another one misleads the reader who copies it."""

    text: Text
    target: str


@dataclass(frozen=True)
class Position:
    line: int
    column: int
    page: int | None = None
    # Where a user finds the place in the original file when line:column is synthetic (DOCX, PDF):
    # {"paragraph": n} or {"table": t, "row": r, "cell": c} (DOCX), {"page": p, "line": n} (PDF).
    location: dict | None = field(default=None, compare=False, hash=False)


@dataclass
class Notice:
    """Something a reader noticed about the file itself that the user should be told (a page whose declared
    charset is not the one its bytes are in); the engine reports it as an `input` finding at [start, end)."""

    code: str
    start: int
    end: int
    data: dict = field(default_factory=dict)


@dataclass
class Document:
    """What a reader made of one file.

    `source` is the text positions refer to: the decoded file for txt/md/html; for DOCX and PDF a
    synthetic text with one line per paragraph (DOCX) or per text line (PDF), so that line numbers are
    paragraph numbers or page lines.  `page_starts` (PDF) lists the first line of every page.
    `regions` (DOCX) are sorted (start, end, location) source ranges naming the paragraph or table
    cell that a range of the synthetic source came from.
    """

    path: str
    format: str
    source: str
    blocks: list[Block]
    encoding: str = "utf-8"
    page_starts: list[int] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    regions: list[tuple[int, int, dict]] = field(default_factory=list)
    notices: list[Notice] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)  # HTML and DOCX: the hyperlinks of the report's text

    def __post_init__(self) -> None:
        self._line_index: LineIndex | None = None
        self._region_starts = [r[0] for r in self.regions]

    @property
    def _line_starts(self) -> LineIndex:
        """Where each line starts: built on first use, and not pickled (a view of a document shipped to
        another process would otherwise carry it)."""
        if self._line_index is None:
            self._line_index = line_starts(self.source)
        return self._line_index

    def __getstate__(self) -> dict:
        return {**self.__dict__, "_line_index": None}

    def line_column(self, offset: int) -> tuple[int, int]:
        """The (1-based) line and column of a source offset: `position` without the page and the location."""
        offset = max(0, min(offset, len(self.source)))
        index = self._line_index if self._line_index is not None else self._line_starts
        starts = index._starts
        if starts is not None:  # (every line's start kept: one search, asked for every place a finding names)
            line = _bisect_right(starts, offset) - 1
            return line + 1, offset - starts[line] + 1
        line_index, line_start = index.locate(offset)
        return line_index + 1, offset - line_start + 1

    def position(self, offset: int) -> Position:
        offset = max(0, min(offset, len(self.source)))
        line, column = self.line_column(offset)
        if not self.page_starts and not self.regions:  # (a text file: no page, no location)
            return Position(line, column)
        page = None
        location = None
        if self.page_starts:
            page = bisect.bisect_right(self.page_starts, line)
            if page:
                location = {"page": page, "line": line - self.page_starts[page - 1] + 1}
        if self.regions:
            i = bisect.bisect_right(self._region_starts, offset) - 1
            if i >= 0 and offset <= self.regions[i][1]:
                location = dict(self.regions[i][2])
        return Position(line, column, page, location)

    def line_text(self, line: int) -> str:
        start, end = self.line_span(line)
        return self.source[start:end]

    def line_span(self, line: int) -> tuple[int, int]:
        """Where the source line numbered `line` (1-based) starts and ends, its line break and trailing carriage
        returns left out; (0, 0) for a line that does not exist."""
        lines = self._line_starts
        if line < 1 or line > len(lines):
            return 0, 0
        start = lines.start(line - 1)
        end = self.source.find("\n", start)
        end = end if end >= 0 else len(self.source)
        while end > start and self.source[end - 1] == "\r":
            end -= 1
        return start, end

    def paragraphs(self) -> Iterator[Paragraph]:
        for b in self.blocks:
            if isinstance(b, Paragraph):
                yield b
