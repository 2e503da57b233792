"""Plain-text and Markdown reader.

Paragraphs are runs of lines; Markdown pipe tables become tables; `[image: x.jpg]` becomes an image
block.  Three shapes of real text exports need care:

* PDF extractions wrap a paragraph over several lines: a line that fills the page width and does not
  end a sentence is joined to the next one.
* Crawled web pages put a whole report on one line: a long line is split before inline headings
  ("… 一、总体情况 …", "（一）…").
* Text that follows an image marker and is mostly not Chinese is OCR residue of the picture: it is kept
  (role ``image-text``) but is neither prose nor a table.
"""
from __future__ import annotations

import re
from array import array
from dataclasses import dataclass
from typing import Iterator, Sequence

from linter.document.encoding import DecodeError, decode
from linter.document.furniture import PAGE_NUMBER_RE as _PAGE_NUMBER_RE, furniture_run, is_furniture
from linter.document.limits import MAX_TABLE_COLUMNS, MAX_TABLE_ROWS, LimitExceeded, ReadLimits
from linter.document.model import OFFSET_TYPE, Block, Cell, Document, Image, Paragraph, Table, Text, normalize
from linter.document.readers import ReadError

_IMAGE_RE = re.compile(r"^\s*(?:\[image:\s*([^\]\n]*)\]|!\[[^\]\n]*\]\(([^)\n]*)\))")
_MD_HEADING_RE = re.compile(r"^\s{0,3}(#{1,6})\s+")
# A plain-text export of a Markdown page keeps its heading markers, sometimes without the space.
_TXT_HEADING_RE = re.compile(r"^\s*(#{1,6})\s*(?=[^#\s])")
_PIPE_RE = re.compile(r"^\s*\|.*\|\s*$")
_SEPARATOR_RE = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")
_ORDINAL_START_RE = re.compile(r"^\s*(?:[一二三四五六七八九十]{1,3}\s*[、.．]|[（(][一二三四五六七八九十]{1,3}[）)]|\d{1,2}\s*[.．、])")
_SENTENCE_END = "。！？；!?;"
# Where a crawled one-line page breaks before an ordinal: the whitespace (and the `#` marks) before it, as
# `(?<!\s)\s+(?:#{1,6}\s*)?(?=ORDINAL)` would find them (`_inline_break_at`): an ordinal after a space or a `#`.
# The patterns start with the ordinal's own character, which `re` looks for at C speed (what precedes it is
# looked behind at from there); one that starts with whitespace or a look-behind is tried at every character.
_BREAK_ORDINAL_RE = re.compile(r"[一二三四五六七八九十（(](?<=[\s#].)(?:(?<=[一二三四五六七八九十])(?=[一二三四五六七八九十]?\s*[、．])"
                               r"|(?<=[（(])(?=[一二三四五六七八九十]{1,2}[）)]))")
_MAX_HEADING_MARKS = 6  # the `#` of a Markdown heading a text export kept
# A section heading glued to what precedes it: the digits of a table a crawl ran together
# ("0000000四、政府信息公开行政复议…"), or the end of a sentence (`_glued_heading_at`).
_HEADING_ORDINAL_RE = re.compile(r"[一二三四五六七八九十](?<=[\d。；）)#].)(?=\s*[、．.])")
_GLUED_AFTER_RE = re.compile(r"[\d。；）)]")
# An ordinal a section heading can open with: 、 ． or . after it (spaces between).  `_HEADING_ORDINAL_RE`,
# `_TITLED_ORDINAL_RE`, `_NUMBERED_TITLE_RE` and `_ORDINAL_AFTER_SENTENCE_RE` all match only at (or, the last, just
# before) such an ordinal: a one-line page is searched once for these (`_ordinal_marks`), and each pattern is
# tried only there, instead of each searching the whole page.
_ORDINAL_MARK_RE = re.compile(r"[一二三四五六七八九十](?=\s*[、．.])")
_GLUED_TITLE_RE = re.compile(r"[一二三四五六七八九十]\s*[、．.]\s*([^，。；,;：:]{2,30})")
_LONG_LINE = 300
_CN_ORDINALS = "一二三四五六七八九十"
# The pieces a crawled page ends with (signature, date, notes) are short; a copy-to line (GB/T 9704 版记:
# 抄送) may end with a full stop.
_TAIL_PIECE = 60
_COPY_TO = "抄送"
_MAX_AGENCY = 40
_TAIL_DATE_RE = re.compile(r"(?:(?:19|20)\d{2}|[〇零○0一二三四五六七八九]{4})\s*年\s*[\d一二三四五六七八九十]{1,3}\s*月"
                           r"|(?:19|20)\d{2}[-./]\d{1,2}[-./]\d{1,2}")
# A section title without its ordinal is read as a heading on a crawled one-line page only when it is this
# long (总体情况, 概述 and 其他事项 are everyday words) and stands after one of these (or a space).
_BARE_TITLE_MIN = 8
_BARE_TITLE_BEFORE = "。；！？：0123456789"
# …or after the last cell of the table before it, a number with its unit ("…394432.52元收到和处理…")
_NUMBER_BEFORE_RE = re.compile(r"\d(?:元|万元|件|条|个|项|次|%|％)$")
_BARE_TITLE_RE = _NUMBERED_TITLE_RE = None  # built lazily from the section catalogue
_BARE_TITLED_SECTIONS: frozenset[str] = frozenset()  # the sections with a title `_BARE_TITLE_RE` finds (with it)
_TITLED_ORDINAL_RE = None  # built lazily from the section catalogue
_CJK_RE = re.compile(r"[\u3400-\u9fff]")
_COMMENT_LINE_RE = re.compile(r"^\s*<!--.*-->\s*$")
# The first character (after spaces) of a line that `_COMMENT_LINE_RE`, `_PIPE_RE`, `_IMAGE_RE`, `_PAGE_NUMBER_RE`
# or a heading marker (`_MD_HEADING_RE`, `_TXT_HEADING_RE`) can match: a line without one is none of them.
_SPECIAL_START_RE = re.compile(r"\s*[<|\[!#\-－—–·•第共\d]")


@dataclass(slots=True)
class _Line:
    text: str
    start: int  # source offset of the first character
    furniture: bool = False  # page furniture the reader found by its place (a crawled page's opening run)

    @property
    def blank(self) -> bool:
        return not self.text.strip()


def read(data: bytes, path: str, fmt: str = "txt", limits: ReadLimits | None = None,
         pictures: bool = False) -> Document:
    """A text or Markdown file; its `[image: …]` markers name no file to read (`pictures` is unused)."""
    try:
        source, encoding = decode(data)
    except DecodeError as exc:
        raise ReadError(_decode_message(str(exc)), "encoding") from exc
    blocks = parse_text(source, markdown=(fmt == "md"), max_lines=(limits or ReadLimits()).items)
    return Document(path=path, format=fmt, source=source, blocks=blocks, encoding=encoding)


def _decode_message(reason: str) -> str:
    if reason == "binary":
        return "not a text file (binary content)"
    if reason == "mixed":
        return "mixed or unknown encoding (the text decodes only as mojibake)"
    if reason == "undecodable":
        return "cannot decode the file as UTF-8, UTF-16 or GB18030/GBK"
    return f"cannot decode the file: {reason}"


_LINE_RE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n|$)")
_SPACE_RUN_RE = re.compile(r"\s*")  # one character class repeated: no backtracking stack, whatever its length


# A text with no more line breaks than this (and no carriage return) is split at once (`_split_newlines`): the
# list of its lines costs 8 bytes a line, 8 MB at most, while 20 million blank lines would cost 160 MB.
_SPLIT_AT_ONCE = 1 << 20


def split_lines(source: str, max_lines: int | None = None) -> list[_Line]:
    """The lines of `source`; a run of blank lines is one blank line (it only ever breaks a paragraph, and
    millions of them must not become millions of objects).  More than `max_lines` other lines is
    `LimitExceeded` (`ReadLimits.items`)."""
    if "\r" not in source and source.count("\n") <= _SPLIT_AT_ONCE:
        return _split_newlines(source, max_lines)
    lines: list[_Line] = []
    pos, end, count = 0, len(source), 0
    while pos < end:
        blank_end = _blank_run_end(source, pos)
        if blank_end > pos:
            lines.append(_Line("", pos))
            pos = blank_end
            continue
        m = _LINE_RE.match(source, pos)
        lines.append(_Line(m.group().rstrip("\r\n"), pos))
        count += 1
        if max_lines is not None and count > max_lines:
            raise LimitExceeded(f"the text has more than {max_lines} lines (limit for this size limit)")
        pos = m.end()
    return lines


def _split_newlines(source: str, max_lines: int | None) -> list[_Line]:
    """`split_lines` of a text whose lines end with "\\n" only, split by `str.split` at C speed rather than a
    match per line: the same lines (a line of whitespace before a line break is blank, and a run of them one
    blank line; whitespace after the last line break is a line of its own)."""
    lines: list[_Line] = []
    append = lines.append
    pos = count = 0
    blank = False  # the line before was blank (a run of blank lines is one)
    segments = source.split("\n")
    last = segments.pop()  # what follows the last line break: "" when the text ends with one
    for segment in segments:
        if not segment or segment.isspace():  # (`str.isspace` is `\\s`, character for character)
            if not blank:
                append(_Line("", pos))
                blank = True
        else:
            append(_Line(segment, pos))
            blank = False
            count += 1
        pos += len(segment) + 1
    if last:
        append(_Line(last, pos))
        count += 1
    if max_lines is not None and count > max_lines:
        raise LimitExceeded(f"the text has more than {max_lines} lines (limit for this size limit)")
    return lines


def _blank_run_end(source: str, pos: int) -> int:
    """The end of the blank lines starting at `pos` (after the last line break of the whitespace there);
    `pos` itself when the line at `pos` holds text."""
    spaces = _SPACE_RUN_RE.match(source, pos).end()
    if spaces == pos:
        return pos
    last = max(source.rfind("\n", pos, spaces), source.rfind("\r", pos, spaces))
    return last + 1 if last >= 0 else pos


def parse_text(source: str, markdown: bool = False, max_lines: int | None = None) -> list[Block]:
    """Blocks of `source`; positions are offsets into `source`."""
    lines = split_lines(source, max_lines)
    lines = _split_long_lines(lines, max_lines, _glued_candidates(source, lines))
    return _Blocks(lines, markdown).run()


def _glued_candidates(source: str, lines: list[_Line]) -> list[int]:
    """Where `_HEADING_ORDINAL_RE` matches `source` inside its lines shorter than `_LONG_LINE`, in order: the
    places `_split_long_lines` looks for a glued heading in a short line (a long one is searched on its own).
    Each run of short lines is searched, not the long lines between them (most of a crawled page); the pattern's
    look-ahead (spaces, then 、．.) reads on past a run's end up to the first character that is not a space, as it
    would in a search of the whole source."""
    out: list[int] = []
    start = None  # where the run of short lines read so far starts
    for line in (*lines, None):
        if line is not None and len(line.text) < _LONG_LINE:
            start = line.start if start is None else start
            continue
        if start is not None:
            end = line.start if line is not None else len(source)  # (the lines cover the source, in order)
            reach = min(len(source), _SPACE_RUN_RE.match(source, end).end() + 1)
            out += [m.start() for m in _HEADING_ORDINAL_RE.finditer(source, start, reach) if m.start() < end]
            start = None
    return out


class _Pieces:
    """The lines of a text as one-line pages are cut into pieces, counted as they come: more than `max_lines`
    of them with text, among more than 2 × max_lines + 1 in all (the pieces of one-line pages count as lines,
    a paragraph break between each two), is `LimitExceeded` as soon as it is so — a page of hundreds of
    thousands of headings (`一、` repeated) would be as many paragraphs and sections, and is refused before
    all its pieces are made."""

    def __init__(self, max_lines: int | None) -> None:
        self.lines: list[_Line] = []
        self.texts = 0
        self.max_lines = max_lines
        self._most_texts = max_lines if max_lines is not None else float("inf")
        self._most_lines = 2 * max_lines + 1 if max_lines is not None else float("inf")

    def add(self, line: _Line) -> None:
        self.lines.append(line)
        if line.text:
            self.texts += 1
        if self.texts > self._most_texts and len(self.lines) > self._most_lines:  # (both only grow)
            raise LimitExceeded(f"the text has more than {self.max_lines} lines (limit for this size limit)")


class _Blocks:
    """Lines to blocks, one kind of line at a time: blank and comment lines end a paragraph; aligned and
    pipe tables, picture markers and headings are blocks of their own; the other lines join paragraphs."""

    def __init__(self, lines: list[_Line], markdown: bool) -> None:
        self.lines, self.markdown = lines, markdown
        self.wrap_width = _wrap_width(lines) if not markdown else 0
        self.regions, self.tails = _aligned_regions(lines)
        self.blocks: list[Block] = []
        self.para: list[_Line] = []
        self.held: list[_Line] = []  # page numbers inside a paragraph, emitted after it
        self.in_image_residue = False  # the OCR noise a text export leaves after a picture
        self.continuing = markdown or bool(self.wrap_width)  # else no line continues the one before (`_continues`)

    def run(self) -> list[Block]:
        i = 0
        while i < len(self.lines):
            i = self.take(i)
        self.flush()
        return self.blocks

    def take(self, i: int) -> int:
        """Take the line at `i` (and what belongs with it); the index of the next line to take."""
        line = self.lines[i]
        text = line.text
        if not text or text.isspace():  # (`_Line.blank`)
            self.flush()
            return i + 1
        # Comment, pipe-table, picture, page-number and heading lines all open with one of a few characters
        # (after spaces): a line that does not is none of them, without trying each pattern.
        special = _SPECIAL_START_RE.match(text) is not None
        if special and _COMMENT_LINE_RE.match(text):
            # A comment line (`<!-- report-lint: ignore … -->`, engine/suppressions.py) is not prose.
            self.flush()
            return i + 1
        if i in self.regions and not self.in_image_residue:
            self.flush()
            self.blocks.append(_aligned_table(self.lines, i, self.regions[i], self.tails))
            return self.regions[i]
        if special and _PIPE_RE.match(text):
            return self.pipe_table(i)
        image = _IMAGE_RE.match(text) if special else None
        if image:
            self.picture(line, image)
            return i + 1
        if special and self.para and not self.markdown and _PAGE_NUMBER_RE.match(text):
            self.held.append(line)  # a page number between two halves of a paragraph: keep it open
            return i + 1
        if self.in_image_residue and _cjk_share(text) >= 0.5:
            self.in_image_residue = False
        if self.para and not (self.continuing and _continues(self.para[-1], line, self.markdown, self.wrap_width)):
            self.flush()
        if special and _heading_marker(text, self.markdown):
            self.flush()
            self.para = [line]
            self.flush()
            return i + 1
        self.para.append(line)
        return i + 1

    def pipe_table(self, i: int) -> int:
        self.flush()
        j = i
        while j < len(self.lines) and _PIPE_RE.match(self.lines[j].text) and j - i < MAX_TABLE_ROWS:
            j += 1  # a longer run of pipe rows continues as the next table (linter/document/limits.py)
        self.blocks.append(_pipe_table(self.lines[i:j]))
        self.in_image_residue = False
        return j

    def picture(self, line: _Line, image: re.Match) -> None:
        self.flush()
        name = (image.group(1) or image.group(2) or "").strip()
        marker = normalize(line.text[image.start():image.end()], line.start + image.start())
        self.blocks.append(Image(name=name, text=marker))
        rest = line.text[image.end():]
        self.in_image_residue = True
        if rest.strip():
            self.para = [_Line(rest, line.start + image.end())]
            self.flush()

    def flush(self) -> None:
        """The paragraph collected so far becomes a block (with the page numbers held inside it)."""
        para = self.para
        if para:
            first = para[0]
            if len(para) == 1:  # (most paragraphs: one line)
                text = normalize(first.text, first.start)
            else:
                text = Text.join([normalize(line.text, line.start) for line in para], sep="")
            if text.text:
                heading = 0
                m = _heading_marker(first.text, self.markdown) if _SPECIAL_START_RE.match(first.text) else None
                if m:
                    heading = len(m.group(1))
                    text = text.slice(len(m.group(1))).strip()
                role = "image-text" if self.in_image_residue else "text"
                if role == "text" and ((first.furniture or is_furniture(text.text)) if len(para) == 1
                                       else all(line.furniture for line in para)):
                    role = "furniture"
                self.blocks.append(Paragraph(text, heading, role))
            self.para = []
        if self.held:
            for line in self.held:
                self.blocks.append(Paragraph(normalize(line.text, line.start), role="furniture"))
            self.held = []


def _heading_marker(text: str, markdown: bool) -> re.Match | None:
    """The `#` marker opening a heading line (Markdown, or a text export that kept the markers)."""
    return (_MD_HEADING_RE if markdown else _TXT_HEADING_RE).match(text)


def _continues(prev: _Line, line: _Line, markdown: bool, wrap_width: int) -> bool:
    """Does `line` continue the paragraph that `prev` ends?"""
    if markdown:
        return not _ORDINAL_START_RE.match(line.text)
    if not wrap_width:
        return False
    body = prev.text.rstrip()
    if not body or body[-1] in _SENTENCE_END:
        return False
    indent = len(prev.text) - len(prev.text.lstrip())
    if _display_width(prev.text.strip()) + min(indent, 8) < 0.85 * wrap_width:
        return False
    if len(line.text) - len(line.text.lstrip()) > 2:
        return False
    if _ORDINAL_START_RE.match(line.text) or _PAGE_NUMBER_RE.match(line.text):
        return False
    return True


def _wrap_width(lines: list[_Line]) -> int:
    """The width at which a PDF extraction wrapped its lines, or 0 if lines were not wrapped."""
    widths = []
    texts = [text for text in (line.text.rstrip() for line in lines) if text]
    # The width found is the 90th percentile of the widths counted, and none when it is wider than _MAX_WRAP: once
    # this many lines wider than that are counted, it is — however many of the others are counted.  The longest
    # lines are looked at first (a crawled page's few long pieces settle it without a look at the rest).
    enough_wide = len(texts) - int(len(texts) * 0.9)
    wide = 0
    long_first = [t for t in texts if len(t) > _MAX_WRAP * 1.05] + [t for t in texts if len(t) <= _MAX_WRAP * 1.05]
    for text in long_first:  # the display width of each line of text that is mostly Chinese, without a gap of 3 spaces
        spaces = 0
        if _SPACE_RE.search(text) is not None:  # (most lines of Chinese text have none)
            spaces = len(text) - len("".join(text.split()))  # (`str.split` splits where `\s` matches)
            if spaces >= 3 and _GAP_RE.search(text.lstrip()):
                continue
        if _cjk_count(text) / (len(text) - spaces) > 0.5:
            # A line longer than the widest wrap near it is wider (every character is a column at least): its
            # own width would not change the width found, and is not counted.  (The widths are sorted below: the
            # order they are counted in is no matter.)
            width = _display_width(text) if len(text) <= _MAX_WRAP * 1.05 else len(text)
            widths.append(width)
            if width > _MAX_WRAP:
                wide += 1
                if wide >= enough_wide:
                    return 0
    widths.sort()
    if len(widths) < 8:
        return 0
    top = widths[int(len(widths) * 0.9)]
    near = sum(1 for w in widths if 0.85 * top <= w <= top * 1.05)
    # Wrapped text: many lines end near the same width, and that width is moderate.
    if top > _MAX_WRAP or near < len(widths) * 0.3:
        return 0
    return top


_MAX_WRAP = 160
# The high bytes of the UTF-16 code units of the CJK ideographs U+3400–U+9FFF (whole blocks of 256), and the others
_NOT_CJK_HIGH_BYTES = bytes(b for b in range(256) if not 0x34 <= b <= 0x9F)


def _cjk_count(s: str) -> int:
    """How many characters of `s` are CJK ideographs (U+3400–U+9FFF): counted by the high bytes of its UTF-16
    code units, at C speed (a regular expression visits the characters one by one, several times slower).  A
    character beyond U+FFFF is two surrogate units (D800–DFFF), never counted."""
    return len(s.encode("utf-16-be", "surrogatepass")[::2].translate(None, _NOT_CJK_HIGH_BYTES))


# Counted by deleting runs of the other characters (a run at a time, not a string object per character found,
# nor a list of the runs: a 20 MB line may alternate millions of times)
_NOT_WIDE_RUN_RE = re.compile(r"[^\u3400-\u9fff\uff00-\uffef\u3000-\u303f]+")
_NOT_SPACE_RUN_RE = re.compile(r"\S+")
_GAP_RE = re.compile(r"\s{3}")  # in a stripped line: a gap of 3 spaces between two words
_SPACE_RE = re.compile(r"\s")  # a line without any needs no count of its spaces


def _display_width(s: str) -> int:
    """Columns `s` takes in a monospaced font: CJK and full-width characters count two."""
    return len(s) + len(_NOT_WIDE_RUN_RE.sub("", s))


def _cjk_share(s: str) -> float:
    visible = len(s) - len(_NOT_SPACE_RUN_RE.sub("", s))
    if not visible:
        return 0.0
    return _cjk_count(s) / visible


def _split_long_lines(lines: list[_Line], max_lines: int | None = None, glued_at: list[int] | None = None) -> list[_Line]:
    """Split crawled one-line pages before inline headings ("… 二、主动公开…"), after the page furniture they
    open with and before the short pieces they end with (signature, date, notes), and any line before a
    section heading glued to the digits or the sentence before it.  Too many pieces are `LimitExceeded`
    (`_Pieces`).

    `glued_at`, when given, holds (in order) every source offset where `_HEADING_ORDINAL_RE` matches the whole
    source: a short line holds a glued heading only where the source matches there (the pattern looks at most
    across a line break), so only those lines are looked at."""
    out = _Pieces(max_lines)
    candidates = iter(glued_at if glued_at is not None else ())
    next_candidate = next(candidates, None) if glued_at is not None else -1
    for line in lines:
        if len(line.text) < _LONG_LINE:
            if next_candidate is not None:
                end = line.start + len(line.text)
                while next_candidate is not None and 0 <= next_candidate < line.start:
                    next_candidate = next(candidates, None)
                if next_candidate is not None and next_candidate < end:  # (-1: no candidates given, every line)
                    glued = _glued_headings(line.text)
                    if glued:
                        _append_pieces(out, line, glued)
                        continue
            out.add(line)  # (most lines: kept as they are)
            continue
        text_start, names = furniture_run(line.text)
        last = 0
        for a, b in names:  # a report name the furniture repeats: a line of its own, a title candidate
            for piece in (_Line(line.text[last:a], line.start + last, furniture=True), _Line("", line.start + a),
                          _Line(line.text[a:b], line.start + a), _Line("", line.start + b)):
                out.add(piece)
            last = b
        if text_start > last:
            out.add(_Line(line.text[last:text_start], line.start + last, furniture=True))
            out.add(_Line("", line.start + text_start))
        body = _Line(line.text[text_start:], line.start + text_start)
        _append_pieces(out, body, [*_inline_breaks(body.text), *_tail_breaks(body.text)])
    return out.lines


def _append_pieces(out: _Pieces, line: _Line, breaks: list) -> None:
    """`line` cut at `breaks` (matches or `_Break`s, in order, not overlapping), a paragraph break at each."""
    last = 0
    for m in sorted(breaks, key=lambda m: m.start()):
        if m.start() < last:
            continue
        out.add(_Line(line.text[last:m.start()], line.start + last))
        out.add(_Line("", line.start + m.start()))  # a paragraph break
        last = m.end()
    out.add(_Line(line.text[last:], line.start + last))


def _tail_breaks(text: str) -> list[_Break]:
    """The short pieces a crawled one-line page ends with, each a line of its own: the signature (agency,
    date) and what may follow it — a note in brackets, a copy-to and printing colophon (抄送：… 某办公室
    2023年1月9日印发), page furniture (附件下载).  Pieces are the space-separated runs at the end, read backwards
    while each is one of these; an agency glued to the last sentence (…处理费。某某局) is cut off it.  A page
    whose tail holds no date is left as it is."""
    breaks: list[_Break] = []  # from the end backwards (turned round at the end: a page of notes is all tail)
    kinds: list[str] = []
    for m in _words_from_end(text):
        kind = _tail_kind(m.group(), kinds[-1] if kinds else None)
        if kind is None:
            glued = _glued_signature(m.group(), kinds[-1] if kinds else None)
            if glued:
                breaks.append(_Break(m.start() + glued))
                kinds.append("agency")
            break
        copy_to = m.group().find(_COPY_TO)
        if copy_to > 0:  # 2022年1月7日抄送：… — the date is the signature's, the rest the colophon
            breaks.append(_Break(m.start() + copy_to))
        breaks.append(_Break(m.start()))
        kinds.append(kind)
    return breaks[::-1] if "date" in kinds else []


def _tail_kind(chunk: str, after: str | None) -> str | None:
    """What a piece at the end of a crawled page is: furniture, note, copy-to, date, agency (only before a
    date), or None: the report's text."""
    if is_furniture(chunk):
        return "furniture"
    if len(chunk) > _TAIL_PIECE:
        return None
    if chunk[0] in "（(" and chunk[-1] in "）)":
        return "note"
    if chunk.startswith(_COPY_TO):
        return "copy-to"
    if _TAIL_DATE_RE.search(chunk):
        return "date"
    if after == "date" and _is_agency_piece(chunk):
        return "agency"
    return None


def _is_agency_piece(chunk: str) -> bool:
    return len(chunk) <= _MAX_AGENCY and _CJK_RE.search(chunk) is not None and not re.search(r"[\d。，；！？,;:：]", chunk)


def _glued_signature(chunk: str, after: str | None) -> int:
    """Where an agency glued to the end of the last sentence starts (…处理费。某某局 before a date), or 0."""
    if after != "date":
        return 0
    cut = max(chunk.rfind(ch) for ch in "。！？")
    return cut + 1 if 0 <= cut < len(chunk) - 1 and _is_agency_piece(chunk[cut + 1:]) else 0


def _ordinal_marks(text: str) -> array:
    """Where `_ORDINAL_MARK_RE` matches in `text`, in order (4 bytes each: a page of nothing but 一、 has millions)."""
    return array(OFFSET_TYPE, (m.start() for m in _ORDINAL_MARK_RE.finditer(text)))


def _inline_breaks(text: str) -> list[_Break]:
    """Places to break a crawled one-line page: whitespace before an ordinal, a section title, or a
    section heading glued to what precedes it."""
    # an ordinal right after a number is a row label of a table the page ran into one line ("…3 8 二、上年结转
    # …", "…0 0 0 （三） 不予 公开 1.属于国家秘密 0 0 …"), not a heading: the table stays one paragraph (a section
    # heading glued to a table's digits is found below, by its title)
    spaced = (_inline_break_at(text, m.start()) for m in _BREAK_ORDINAL_RE.finditer(text))
    found = {m.start(): m for m in spaced if m is not None
             and (not (m.start() > 0 and text[m.start() - 1].isdigit()) or _names_a_section(text, m.end()))}
    marks = _ordinal_marks(text)
    titled = [*_title_breaks(text, marks), *_glued_headings(text, marks)]
    for m in [*titled, *_bare_titles(text, marks), *_ordinals_before_sections(text, titled, marks)]:
        if m.start() > 0:
            found.setdefault(m.start(), m)
    ordered, last_end = [], 0
    for start in sorted(found):
        if start >= last_end:
            ordered.append(found[start])
            last_end = found[start].end()
    return ordered


@dataclass(frozen=True)
class _Break:
    """A place to break a line: the characters `at`…`until` (whitespace, heading marks) give way to a paragraph
    break; `until` None is a break between two characters (before and after a bare title)."""

    at: int
    until: int | None = None

    def start(self) -> int:
        return self.at

    def end(self) -> int:
        return self.at if self.until is None else self.until


def _space_start(text: str, at: int) -> int:
    """Where the whitespace before `at` starts (`at` itself when there is none)."""
    start, width = at, 16
    while start > 0:
        chunk = text[max(0, start - width):start]
        kept = len(chunk.rstrip())
        start -= len(chunk) - kept
        if kept:
            break
        width *= 2  # (a long run of spaces: read in ever longer chunks)
    return start


def _inline_break_at(text: str, ordinal: int) -> _Break | None:
    """The whitespace that breaks a one-line page before the ordinal at `ordinal`, with the `#` marks of a
    heading between (at most 6, spaces after them): what `(?<!\\s)\\s+(?:#{1,6}\\s*)?` before the ordinal would
    match, looking from the start of the page."""
    spaces = _space_start(text, ordinal)
    if spaces > 0 and text[spaces - 1] == "#":
        chunk = text[max(0, spaces - _MAX_HEADING_MARKS - 1):spaces]
        marks = spaces - (len(chunk) - len(chunk.rstrip("#")))
        before = _space_start(text, marks)
        if spaces - marks <= _MAX_HEADING_MARKS and before < marks:
            return _Break(before, ordinal)
    return _Break(spaces, ordinal) if spaces < ordinal else None


def _title_breaks(text: str, marks: Sequence[int] | None = None) -> list[_Break]:
    """Before each ordinal that opens a section title of the catalogue: the whitespace before it, and the
    place just before the ordinal — what `\\s*(?=ORDINAL、TITLE)` finds, match after match.  `marks`: the text's
    `_ordinal_marks`, when the caller has them."""
    global _TITLED_ORDINAL_RE
    if _TITLED_ORDINAL_RE is None:
        from linter.document.catalogue import all_titles

        titles = "|".join(re.escape(t) for t in all_titles())
        _TITLED_ORDINAL_RE = re.compile(rf"[一二三四五六七八九十](?=\s*[、．.]\s*(?:{titles}))")
    breaks = []
    for m in _matches_at(_TITLED_ORDINAL_RE, text, marks, 0):
        spaces = _space_start(text, m.start())
        if spaces < m.start():
            breaks.append(_Break(spaces, m.start()))
        breaks.append(_Break(m.start(), m.start()))
    return breaks


def _bare_titles(text: str, marks: Sequence[int] | None = None) -> list[_Break]:
    """Section titles whose ordinal a crawled page lost ("… 0 0 存在的主要问题及改进情况 2022年，…"): a full
    title of the catalogue, long enough not to be everyday prose, standing after a sentence end, a number (with
    its unit) or a space, where the page has no heading with an ordinal for it.  Broken before and after, the
    title becomes a line of its own, as it is in the page itself (the outline then reports the lost ordinal)."""
    global _BARE_TITLE_RE, _NUMBERED_TITLE_RE, _BARE_TITLED_SECTIONS
    from linter.document.catalogue import section_of_title

    section_of = section_of_title()
    if _BARE_TITLE_RE is None:
        long_titles = _long_titles()
        titles = "|".join(re.escape(t) for t in long_titles)  # longest first
        _BARE_TITLE_RE = re.compile(f"(?:{titles})")
        _NUMBERED_TITLE_RE = re.compile(rf"[一二三四五六七八九十]\s*[、．.]\s*({titles})")
        _BARE_TITLED_SECTIONS = frozenset(section_of[t] for t in long_titles)
    # the sections the page heads with an ordinal, under any of their titles
    done = {section_of[m.group(1)] for m in _matches_at(_NUMBERED_TITLE_RE, text, marks, 0)}
    if not _may_hold_bare_title(text, _BARE_TITLED_SECTIONS - done):
        return []
    breaks: list[_Break] = []
    for m in _BARE_TITLE_RE.finditer(text):
        section, start = section_of[m.group()], m.start()
        if section in done:
            continue
        if start == 0 or text[start - 1] in _BARE_TITLE_BEFORE or text[start - 1].isspace() \
                or _NUMBER_BEFORE_RE.search(text, max(0, start - 8), start):
            breaks += [_Break(start), _Break(m.end())]
            done.add(section)  # the first such title only
    return breaks


# {sections: the pattern of their titles that `_BARE_TITLE_RE` finds}, made once per process for each set asked
_BARE_TITLES_OF: dict[frozenset[str], re.Pattern] = {}


def _may_hold_bare_title(text: str, sections: frozenset[str]) -> bool:
    """Can `_bare_titles` find a title in `text`, where only `sections` are not yet headed?  Only a title of
    one of them can be broken out, and it stands in the text wherever `_BARE_TITLE_RE` would find it: a text
    where no title of those sections stands at all needs no walk through every title of the others (most
    pages head all sections but 一 with their long titles, and 一's long titles are rare)."""
    if not sections:
        return False
    pattern = _BARE_TITLES_OF.get(sections)
    if pattern is None:
        from linter.document.catalogue import section_of_title

        section_of = section_of_title()
        titles = [t for t in _long_titles() if section_of[t] in sections]
        pattern = _BARE_TITLES_OF[sections] = re.compile("|".join(re.escape(t) for t in titles))
    return pattern.search(text) is not None


def _long_titles() -> list[str]:
    """The catalogue's titles long enough not to be everyday prose (`_BARE_TITLE_MIN`), longest first: those a
    page may write without their ordinal."""
    from linter.document.catalogue import all_titles

    return [t for t in all_titles() if len(t) >= _BARE_TITLE_MIN]


_ORDINAL_AT_RE = re.compile(r"\s*#*\s*([一二三四五六七八九十])")
_ORDINAL_AFTER_SENTENCE_RE = re.compile(r"[。；！？）)]([一二三四五六七八九十])\s*[、．]")  # (the ordinal: group 1)


def _ordinals_before_sections(text: str, titled: list, marks: Sequence[int] | None = None) -> list[_Break]:
    """A top-level ordinal glued to the sentence (or bracket) before it (…163.com。一、年度工作核心成效…) that the page's next
    section heading continues (二、主动公开政府信息情况 later on): a heading under a title of the agency's own."""
    heads = {}
    for m in titled:
        at = m.end() if text[m.start():m.end()].strip() == "" else m.start()
        ordinal = _ORDINAL_AT_RE.match(text, at)  # at `at`, not in a copy of the rest: one copy per heading was quadratic
        if ordinal:
            heads.setdefault(ordinal.group(1), at)
    breaks = []
    for m in _matches_at(_ORDINAL_AFTER_SENTENCE_RE, text, marks, 1):
        number = _CN_ORDINALS.find(m.group(1))
        follower = heads.get(_CN_ORDINALS[number + 1]) if 0 <= number < len(_CN_ORDINALS) - 1 else None
        if m.group(1) not in heads and follower is not None and follower > m.start(1):
            breaks.append(_Break(m.start(1)))
    return breaks


def _names_a_section(text: str, at: int) -> bool:
    """Does the ordinal at `at` head a section title (四、政府信息公开行政复议…), not a table's row label?"""
    from linter.document.catalogue import named_section

    title = _GLUED_TITLE_RE.match(text, at)
    return title is not None and named_section(title.group(1)) is not None


def _matches_at(pattern: re.Pattern, text: str, marks: Sequence[int] | None, before: int) -> Iterator[re.Match]:
    """What `pattern.finditer(text)` finds, for a pattern whose every match starts `before` characters before one
    of the text's `_ordinal_marks`: tried only there, each match past the one before it — unless the marks are
    so many (a page of nothing but 一、) that the search itself costs less."""
    if marks is None:
        marks = _ordinal_marks(text)
    if len(marks) * _DENSE_MARKS > len(text):
        yield from pattern.finditer(text)
        return
    end = 0
    for at in marks:
        if at - before >= end:
            m = pattern.match(text, at - before)
            if m is not None:
                yield m
                end = m.end()


_DENSE_MARKS = 32  # an ordinal mark every this many characters, or more often: each pattern searches the text


def _glued_headings(text: str, marks: Sequence[int] | None = None) -> list[_Break]:
    """Section headings glued to the digits or the sentence before them (their `#` marks included): the title
    that follows the ordinal must name a section by its keywords (grammar/sections.yaml)."""
    from linter.document.catalogue import named_section

    out = []
    for m in _matches_at(_HEADING_ORDINAL_RE, text, marks, 0):
        glued = _glued_heading_at(text, m.start())
        if glued is None:
            continue
        title = _GLUED_TITLE_RE.match(text, glued.end())
        if title and named_section(title.group(1)) is not None:
            out.append(glued)
    return out


def _glued_heading_at(text: str, ordinal: int) -> _Break | None:
    """The `#` marks (at most 6, maybe none) between the ordinal at `ordinal` (found by `_HEADING_ORDINAL_RE`)
    and the digit or sentence end before them: what `(?<=[\\d。；）)])#{0,6}` before the ordinal matches."""
    if text[ordinal - 1] != "#":  # (a digit or a sentence end, the pattern saw)
        return _Break(ordinal, ordinal)
    chunk = text[max(0, ordinal - _MAX_HEADING_MARKS - 1):ordinal]
    marks = ordinal - (len(chunk) - len(chunk.rstrip("#")))
    if ordinal - marks > _MAX_HEADING_MARKS or marks == 0 or not _GLUED_AFTER_RE.match(text, marks - 1):
        return None
    return _Break(marks, ordinal)


# ── whitespace-aligned and flattened text tables ─────────────────────────────────────────────────
# A PDF text export or an aligned plain-text table writes a table row as a label followed by its numbers
# ("规章      0     0     0"); labels wrap over several lines and header cells are split vertically.
# The reader only finds the region and splits each line into cells; which row a label belongs to is
# decided by the table models (`linter.tables`), which know the labels.

# a number, a blank mark, or a number with a note in brackets (13（其中修订5件）)
_NUM_TOKEN_RE = re.compile(r"^(?:[-+]?\d{1,3}(?:,\d{3})+(?:\.\d+)?|[-+]?\d+(?:\.\d+)?(?:[（(][^（）()\s]{1,40}[）)])?|/|／|—|－|-|无)$")
_TOKEN_RE = re.compile(r"\S+")
_PROSE_PUNCT_RE = re.compile(r"[。！？；]")
_DIGIT_RE = re.compile(r"\d")
_FRAGMENT_WIDTH = 52
_NUMBER_RUN_RE = re.compile(r"(?:\d+\s+){3,}\d+\s*[\u4e00-\u9fff（(]")  # 3 0 0 0 二、上年结转… inside a label


def numeric_tail(text: str) -> tuple[int, list[re.Match]]:
    """(where the label ends, the numeric tokens at the end of a line); no tokens when it is not a data line."""
    last = _last_token(text)
    if last is not None and not _NUM_TOKEN_RE.match(last):
        return len(text), []  # most lines: prose, whose last word is no number (found without reading the line)
    tail: list[re.Match] = []
    for tok in _words_from_end(text):
        if not _NUM_TOKEN_RE.match(tok.group()):
            break
        tail.insert(0, tok)
    if not tail or not any(_DIGIT_RE.search(t.group()) for t in tail):
        return len(text), []
    label_end = tail[0].start()
    label = text[:label_end]
    body = label.strip()
    # (the cheap tests first: a crawled page's table run into one line ends with numbers after a label of
    # hundreds of characters, too wide for a label whatever the searches below would find in it)
    if body and ((len(tail) == 1 and len(label) - len(label.rstrip()) < 2)
                 or len(body) > 2 * _FRAGMENT_WIDTH or _display_width(body) > 2 * _FRAGMENT_WIDTH):
        return len(text), []  # one number right after its label, or a label too wide for a table's
    if _PROSE_PUNCT_RE.search(label) or _NUMBER_RUN_RE.search(label):
        return len(text), []  # prose, or several rows of a table a page ran into one line
    return label_end, tail


_LAST_TOKEN_WINDOW = 64


def _words_from_end(text: str) -> Iterator[re.Match]:
    """The whitespace-separated words of `text` (matches of `_TOKEN_RE`), last first: read a window at a time
    from the end, each twice as long as the one before, so that a caller that stops after a few words has not
    read the whole of a long line."""
    end, width = len(text), _LAST_TOKEN_WINDOW
    while end > 0:
        start = max(0, end - width)
        words = list(_TOKEN_RE.finditer(text, start, end))
        end = start
        if start > 0 and words and words[0].start() == start and not text[start - 1].isspace():
            end = words.pop(0).end()  # a word the window cuts: read whole with the next window
        yield from reversed(words)
        width *= 2


def _last_token(text: str) -> str | None:
    """The last whitespace-separated word of `text`, read from its end; None when there is none or it is longer
    than the end read."""
    start = max(0, len(text) - _LAST_TOKEN_WINDOW)
    words = text[start:].split()
    if not words:
        return None
    if len(words) == 1 and start > 0 and not text[start - 1].isspace() and not text[start].isspace():
        return None  # (the word may go on before the end read)
    return words[-1]


def _is_fragment(line: _Line) -> bool:
    """A short non-prose line that can be part of a table: a header cell, a wrapped label."""
    text = line.text.strip()
    if not text or _PROSE_PUNCT_RE.search(text) or _is_section_heading(text) or _TXT_HEADING_RE.match(text):
        return False
    return _display_width(text) <= _FRAGMENT_WIDTH or bool(re.search(r"\S\s{2,}\S", text))


_SECTION_HEADING_RE = None


def _is_section_heading(text: str) -> bool:
    global _SECTION_HEADING_RE
    if _SECTION_HEADING_RE is None:
        from linter.document.catalogue import all_titles

        titles = "|".join(re.escape(t) for t in all_titles())
        _SECTION_HEADING_RE = re.compile(rf"^\s*[一二三四五六]\s*[、．.]\s*(?:{titles})")
    return bool(_SECTION_HEADING_RE.match(text))


# The last characters a number token can have (`_NUM_TOKEN_RE`), besides a digit
_NUMBER_ENDS = frozenset(")）/／—－-无")


def _may_end_number(text: str) -> bool:
    """Can the last word of `text` be a number token (`_NUM_TOKEN_RE`)?  Its last character tells."""
    end = text.rstrip()[-1:]
    return end.isdecimal() or end in _NUMBER_ENDS  # (`\\d` is `str.isdecimal`, character for character)


def _next_true(flags: list[bool], i: int) -> int:
    """The first index from `i` on whose flag is true, or `len(flags)`: found at C speed."""
    try:
        return flags.index(True, i)
    except ValueError:
        return len(flags)


def _aligned_regions(lines: list[_Line]) -> tuple[dict[int, int], dict[int, tuple[int, list[re.Match]]]]:
    """({first line: end line} of every whitespace-aligned table (data lines plus their header lines),
    {line: its `numeric_tail`} of the lines whose tail was read, for `_aligned_table`)."""
    n = len(lines)
    # the number of numbers each data line ends with (0: not a data line), read once; a line whose last character
    # (before spaces) cannot end a number token (`_NUM_TOKEN_RE`) is no data line, and most lines are prose
    tails = [0] * n
    read: dict[int, tuple[int, list[re.Match]]] = {}
    for k in [k for k, l in enumerate(lines) if _may_end_number(l.text)]:
        text = lines[k].text
        if not (_PIPE_RE.match(text) or _IMAGE_RE.match(text) or _PAGE_NUMBER_RE.match(text)):
            read[k] = found = numeric_tail(text)
            tails[k] = len(found[1])
    data = [tail > 0 for tail in tails]
    regions: dict[int, int] = {}
    i = 0
    while i < n:
        if not data[i]:
            i = _next_true(data, i)
            continue
        start = i
        while start > 0 and (lines[start - 1].blank or _is_fragment(lines[start - 1])) and not _IMAGE_RE.match(lines[start - 1].text):
            start -= 1
        while start < i and lines[start].blank:
            start += 1
        end, last_data, count, widest = i, i, 0, 0
        while end < n:
            l = lines[end]
            if data[end]:
                last_data, count = end, count + 1
                widest = max(widest, tails[end])
            elif not (l.blank or _is_fragment(l) or _PAGE_NUMBER_RE.match(l.text)) or _IMAGE_RE.match(l.text):
                break
            end += 1
        # keep a wrapped label that ends right after the last row ("形，不计其他情形）")
        stop = last_data + 1
        if stop < n and not lines[stop].blank and _is_fragment(lines[stop]) and not data[stop]:
            stop += 1
        if count >= 2 or widest >= 3:
            regions[start] = stop
            i = stop
        else:
            i = last_data + 1
    return regions, read


def _aligned_table(lines: list[_Line], start: int, end: int, tails: dict[int, tuple[int, list[re.Match]]]) -> Table:
    """Lines `start`…`end`-1 as a table, one row per non-blank line: label cells (split on runs of 2+ spaces),
    then one cell per number.  `tails`: the lines' `numeric_tail`s already read (`_aligned_regions`)."""
    rows: list[list[Cell]] = []
    for k in range(start, end):
        line = lines[k]
        if line.blank or _PAGE_NUMBER_RE.match(line.text):
            continue
        found = tails.get(k)
        label_end, tail = found if found is not None else numeric_tail(line.text)
        cells: list[Cell] = []
        label = line.text[:label_end]
        for m in re.finditer(r"\S+(?:\s?\S+)*", label):
            cells.append(Cell(normalize(m.group(), line.start + m.start()), len(rows), len(cells)))
        if tail and not cells:
            cells.append(Cell(Text.empty(line.start), len(rows), 0))
        for tok in tail:
            cells.append(Cell(normalize(tok.group(), line.start + tok.start()), len(rows), len(cells)))
        rows.append(cells)
    table = Table(rows=rows, source_kind="aligned")
    table._anchor = lines[start].start
    return table


def _pipe_table(lines: list[_Line]) -> Table:
    rows: list[list[Cell]] = []
    for line in lines:
        if _SEPARATOR_RE.match(line.text):
            continue
        raw = line.text
        first = raw.index("|")
        last = raw.rindex("|")
        cells: list[Cell] = []
        pos = first + 1
        for part in _split_pipes(raw[first + 1:last])[:MAX_TABLE_COLUMNS]:
            cells.append(Cell(normalize(part, line.start + pos), len(rows), len(cells)))
            pos += len(part) + 1
        rows.append(cells)
    table = Table(rows=rows, source_kind="grid")
    table._anchor = lines[0].start
    return table


def _split_pipes(s: str) -> list[str]:
    """Split a pipe-table row on unescaped '|'."""
    if "\\|" not in s:
        return s.split("|")  # no escaped pipe: the walk below would give the same, a character at a time
    parts: list[str] = []
    buf = []
    i = 0
    while i < len(s):
        if s[i] == "\\" and i + 1 < len(s) and s[i + 1] == "|":
            buf.append(" |")  # keep length: two source chars
            i += 2
            continue
        if s[i] == "|":
            parts.append("".join(buf))
            buf = []
        else:
            buf.append(s[i])
        i += 1
    parts.append("".join(buf))
    return parts
