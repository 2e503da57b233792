"""Where the text reader breaks a crawled one-line page: the scans that start at an ordinal's own character
find exactly what the patterns that define them (written below as they read) find with `finditer`."""
from __future__ import annotations

import re

from hypothesis import example, given, settings
from hypothesis import strategies as st

from linter.document.catalogue import all_titles
from linter.document.readers import text as reader

ORDINALS = "一二三四五六七八九十"
# The definitions: whitespace (and heading marks) before an ordinal; the whitespace and the place before an
# ordinal that opens a section title; a heading glued to the digits or the sentence before it; an ordinal
# glued to the end of a sentence.
INLINE_BREAK = re.compile(rf"(?<!\s)\s+(?:#{{1,6}}\s*)?(?=(?:[{ORDINALS}]{{1,2}}\s*[、．]|[（(][{ORDINALS}]{{1,2}}[）)]))")
TITLE_BREAK = re.compile(rf"\s*(?=[{ORDINALS}]\s*[、．.]\s*(?:{'|'.join(re.escape(t) for t in all_titles())}))")
GLUED_HEADING = re.compile(rf"(?<=[\d。；）)])#{{0,6}}(?=[{ORDINALS}]\s*[、．.])")
ORDINAL_AFTER_SENTENCE = re.compile(rf"(?<=[。；！？）)])([{ORDINALS}])\s*[、．]")

PIECES = [" ", "  ", "\u3000", "\t", "\n", "#", "###", "#######", "一", "二", "十", "、", "．", ".", "（", "(",
          "）", ")", "1", "0", "。", "；", "x", "年", "主动公开政府信息情况", "存在的主要问题及改进情况"]
PAGES = st.lists(st.sampled_from(PIECES), max_size=40).map("".join)


def _spans(breaks) -> list[tuple[int, int]]:
    return [(b.start(), b.end()) for b in breaks]


@settings(max_examples=1500, deadline=None)
@given(PAGES)
@example("a ####### 一、b ###### 二、c #\u3000十一、（三）d")
@example("1##二、x ##三、 \n 四．主动公开政府信息情况。五、存在的主要问题及改进情况")
def test_break_scans_find_what_their_patterns_find(page):
    spaced = [reader._inline_break_at(page, m.start()) for m in reader._BREAK_ORDINAL_RE.finditer(page)]
    assert _spans(b for b in spaced if b is not None) == [m.span() for m in INLINE_BREAK.finditer(page)]
    assert _spans(reader._title_breaks(page)) == [m.span() for m in TITLE_BREAK.finditer(page)]
    glued = [reader._glued_heading_at(page, m.start()) for m in reader._HEADING_ORDINAL_RE.finditer(page)]
    assert _spans(b for b in glued if b is not None) == [m.span() for m in GLUED_HEADING.finditer(page)]
    assert [(m.start(1), m.end()) for m in reader._ORDINAL_AFTER_SENTENCE_RE.finditer(page)] \
        == [m.span() for m in ORDINAL_AFTER_SENTENCE.finditer(page)]


HEADING_PATTERNS = {  # (pattern, how many characters before an ordinal mark its matches start)
    "titled ordinal": lambda: (reader._TITLED_ORDINAL_RE, 0),
    "glued heading": lambda: (reader._HEADING_ORDINAL_RE, 0),
    "numbered title": lambda: (reader._NUMBERED_TITLE_RE, 0),
    "ordinal after a sentence": lambda: (reader._ORDINAL_AFTER_SENTENCE_RE, 1),
}


@settings(max_examples=1500, deadline=None)
@given(PAGES)
@example("三、主动公开政府信息情况一、二、。一、总体情况")
@example("。二 、 x；三．存在的主要问题及改进情况四.一、")
def test_heading_patterns_tried_at_the_ordinal_marks_find_what_they_find_searching(page):
    reader._bare_titles("")  # (the numbered-title pattern is built on first use)
    marks = reader._ordinal_marks(page)
    for name, made in HEADING_PATTERNS.items():
        pattern, before = made()
        expected = [m.span() for m in pattern.finditer(page)]
        assert [m.span() for m in reader._matches_at(pattern, page, marks, before)] == expected, name
        assert [m.span() for m in reader._matches_at(pattern, page, None, before)] == expected, name


def test_a_page_dense_with_ordinal_marks_is_searched_and_finds_the_same(monkeypatch):
    page = "一、总体情况。" + "一、" * 500 + "。二、主动公开政府信息情况"
    assert len(reader._ordinal_marks(page)) * reader._DENSE_MARKS > len(page)  # (the search, not the marks)
    for name, made in HEADING_PATTERNS.items():
        pattern, before = made()
        searched = [m.span() for m in reader._matches_at(pattern, page, None, before)]
        monkeypatch.setattr(reader, "_DENSE_MARKS", 0)  # every mark tried
        assert [m.span() for m in reader._matches_at(pattern, page, None, before)] == searched, name
        monkeypatch.undo()
    assert [m.span() for m in reader._matches_at(reader._TITLED_ORDINAL_RE, page, None, 0)] \
        == [(0, 1), (page.rindex("二"), page.rindex("二") + 1)]


def test_a_long_run_of_spaces_before_an_ordinal_is_one_break():
    page = "前言。" + " " * 100_000 + "## 二、主动公开政府信息情况"
    start = len("前言。")
    breaks = [reader._inline_break_at(page, m.start()) for m in reader._BREAK_ORDINAL_RE.finditer(page)]
    assert _spans(b for b in breaks if b) == [(start, start + 100_003)] == [m.span() for m in INLINE_BREAK.finditer(page)]
    assert _spans(reader._title_breaks(page)) == [(start + 100_002, start + 100_003), (start + 100_003, start + 100_003)]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from([" ", "\u3000", "\t", "12", "0", "/", "x" * 70, "年" * 30, "3,119"]), max_size=30).map("".join))
def test_the_last_word_read_from_the_end_is_the_lines_last_word(line):
    last = reader._last_token(line)
    assert last is None or last == line.split()[-1]
    if line.split() and len(line.split()[-1]) < 32:
        assert last == line.split()[-1]


def test_the_pieces_a_page_ends_with_are_broken_in_the_order_written():
    page = "正文。 （一） （二） 2022年1月7日抄送：市政府办公室"
    starts = [page.index(piece) for piece in ("（一）", "（二）", "2022年", "抄送")]
    assert [b.start() for b in reader._tail_breaks(page)] == starts
    notes = "正文。" + " （一）" * 100_000 + " 2023年1月9日"  # a page that is all tail: read in one pass
    breaks = [b.start() for b in reader._tail_breaks(notes)]
    assert len(breaks) == 100_001 and breaks == sorted(breaks) and notes[breaks[-1]:] == "2023年1月9日"


# A line of the page long enough to be searched on its own (`_split_long_lines`), with or without an ordinal
LONG = "字" * reader._LONG_LINE
LINE_PIECES = [*PIECES, "\r\n", LONG, LONG + "3一、", "、" + LONG]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(LINE_PIECES), max_size=30).map("".join))
@example("1一\n" + "  、" + LONG)
@example(LONG + "\n3一 \n 、")
def test_glued_candidates_are_the_whole_source_search_within_short_lines(source):
    """The glued headings looked for run of short lines by run of short lines are those a search of the whole
    source finds in those lines — its look-ahead reading on across line breaks into a long line as it would."""
    lines = reader.split_lines(source)
    short = [(line.start, line.start + len(line.text)) for line in lines if len(line.text) < reader._LONG_LINE]
    whole = [m.start() for m in reader._HEADING_ORDINAL_RE.finditer(source)]
    found = reader._glued_candidates(source, lines)
    assert found == sorted(found)
    assert [c for c in found if any(a <= c < b for a, b in short)] == [c for c in whole if any(a <= c < b for a, b in short)]
