"""One helper (`language.sentences.around`) finds the sentence or clause around a place for the readers whose
breaks differ; each reader finds what its own look-around found before (the former code is kept here as the
reference), whatever the text."""
from __future__ import annotations

import re

from hypothesis import example, given, settings, strategies as st

from linter.checks import context, part_list, pattern, scope_level
from linter.document.catalogue import section_specs
from linter.language import dates, statements
from linter.language.sentences import Breaks, around

_BREAK_CHARS = list("。！？；，,\n")
_WORDS = ["栏目", "专栏", "统计", "数据", "总体情况", "主动公开", "收费", "年度", "甲", "乙", " ", "、"]
TEXTS = st.lists(st.sampled_from(_BREAK_CHARS + _WORDS), max_size=40).map("".join)


# ── the look-arounds as they were, each with its own breaks ───────────────────────────────────────────────────

def _old_sentence_around(s: str, at: int, lo: int) -> tuple[int, int]:  # context.sentences_holding
    start = max(s.rfind(c, lo, at) for c in "。！？；\n") + 1 or lo
    stop = re.compile("[。！？；\n]").search(s, at)
    end = len(s) if stop is None else stop.end() if stop.group() != "\n" else stop.start()
    return start, end


def _old_sentences_holding(s: str, words: tuple[str, ...]) -> list[tuple[int, int]]:
    pattern = re.compile("|".join(map(re.escape, sorted(words, key=len, reverse=True))))
    found, lo = [], 0
    for m in pattern.finditer(s):
        if m.start() < lo:
            continue
        found.append(_old_sentence_around(s, m.start(), lo))
        lo = found[-1][1]
    return found


def _old_naming_sentences(text: str) -> list[tuple[int, int]]:  # part_list._naming_sentences
    keywords = part_list._keywords_pattern(section_specs())
    out, end = [], 0
    for found in keywords.finditer(text):
        if found.start() < end:
            continue
        start = max(text.rfind(mark, end, found.start()) for mark in "。！？\n") + 1 or end
        sentence = re.compile("[^。！？\n]+").match(text, start)
        end = sentence.end()
        out.append(sentence.span())
    return out


def _old_figures_clauses(text: str) -> list[tuple[int, str]]:  # dates._figures_clauses
    out, lo = [], 0
    for word in re.finditer("统计|数据", text):
        if word.start() < lo:
            continue
        start = max(text.rfind(c, lo, word.start()) for c in "。！？；，,\n") + 1 or lo
        stop = re.compile("[。！？；，,\n]").search(text, word.end())
        end = len(text) if stop is None else stop.start()
        out.append((start, text[start:end]))
        lo = end
    return out


def _old_sentence_of(text: str, start: int, end: int) -> str:  # statements._sentence_of
    a = max(text.rfind(ch, 0, start) for ch in "。！？\n") + 1
    ends = [i for i in (text.find(ch, end) for ch in "。！？\n") if i >= 0]
    return text[a:min(ends) if ends else len(text)]


def _old_sentence_bare(text: str, start: int, end: int) -> str:  # pattern._sentence, scope_level.check
    left = max(text.rfind(c, 0, start) for c in "。！？；\n") + 1
    rights = [i for i in (text.find(c, end) for c in "。！？；\n") if i >= 0]
    return text[left:min(rights) if rights else len(text)]


# ── the readers now ──────────────────────────────────────────────────────────────────────────────────────────

@settings(max_examples=400, deadline=None)
@given(TEXTS, st.lists(st.sampled_from(["栏目", "专栏", "年度", "甲乙", "收费"]), min_size=1, max_size=3))
@example("专栏。\n栏目；栏目", ["栏目"])
def test_the_sentences_holding_a_word_are_those_found_before(text, words):
    assert context.sentences_holding(text, words) == _old_sentences_holding(text, tuple(words))


@settings(max_examples=400, deadline=None)
@given(TEXTS)
def test_the_sentences_naming_a_section_are_those_found_before(text):
    assert list(part_list._naming_sentences(text, section_specs())) == _old_naming_sentences(text)


@settings(max_examples=400, deadline=None)
@given(TEXTS)
@example("统计数据，统计。数据\n")
def test_the_clauses_about_the_figures_are_those_found_before(text):
    assert list(dates._figures_clauses(text)) == _old_figures_clauses(text)


@st.composite
def _spans(draw) -> tuple[str, int, int]:
    """A text and a span of it (start ≤ end)."""
    text = draw(TEXTS)
    start = draw(st.integers(0, len(text)))
    return text, start, draw(st.integers(start, len(text)))


@settings(max_examples=400, deadline=None)
@given(_spans())
def test_the_sentence_of_a_clause_is_the_one_found_before(span):
    assert statements._sentence_of(*span) == _old_sentence_of(*span)


@settings(max_examples=400, deadline=None)
@given(_spans())
def test_the_sentence_of_a_match_is_the_one_found_before(span):
    text, start, end = span
    assert pattern._sentence(text, start, end) == _old_sentence_bare(text, start, end)
    begin, stop = around(text, start, end, scope_level._SENTENCES)
    assert text[begin:stop] == _old_sentence_bare(text, start, end)


def test_a_kept_mark_ends_its_piece_and_a_newline_belongs_to_none():
    s = "甲乙。丙丁\n戊己；"
    both = Breaks("。\n；", kept="。；")
    assert [around(s, i, i, both) for i in (1, 3, 7)] == [(0, 3), (3, 5), (6, 9)]
    assert [around(s, i, i, Breaks("。\n")) for i in (1, 3, 7)] == [(0, 2), (3, 5), (6, 9)]
    assert around("甲乙丙", 2, 2, both, lo=1) == (1, 3)  # the look back stops at lo
