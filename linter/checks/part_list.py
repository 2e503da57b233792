"""Two titles run together in the list of the report's parts (本报告包括总体情况、…、存在的主要问题及改进情况其他需要
报告的事项等六个部分): the separator between two parts was lost, and the list reads as one part.

A sentence is a list of parts when it names at least `min_parts` sections of the national format by their keywords
(`grammar/sections.yaml`, as headings are named).  A joint is a title end (情况, 事项 … the catalogue's `title_ends`)
followed straight by more title, with no separator and no conjunction: it is reported when the text before it
names one section alone and the text after it names the next section alone — 改进情况其他需要报告的事项 (五 then
六).  A conjunction inside a title (存在的主要问题及改进情况) is no joint; a title that runs on into a word that is
no title (政府信息公开情况统计表) names no next section.

Parameters: declared in `PARAMS` below.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterator

from linter.checks.context import Context
from linter.checks.hits import Hit
from linter.document.catalogue import SectionSpec, section_specs, title_ends
from linter.language.sentences import Breaks, around
from linter.ruleset.loading import Rule
from linter.ruleset.params import Field, Fields, Integer

PARAMS = Fields({
    "min_parts": Field(Integer(minimum=2, doc="a sentence naming this many sections is a list of the parts "
                                              "(default 3)")),
}, doc="two titles run together in the list of the report's parts")

_PIECE_RE = re.compile(r"[^、，,；;：:。！？\n]+")
_SENTENCE_ENDS = "。！？\n"
_SENTENCES = Breaks(_SENTENCE_ENDS)  # (a sentence here is without its end)
_SENTENCE_RE = re.compile(f"[^{_SENTENCE_ENDS}]+")
_CONJUNCTIONS = ("以及", "和", "及", "与", "并")


def check(rule: Rule, ctx: Context) -> Iterator[Hit]:
    specs = section_specs()
    ends = _title_ends_pattern(title_ends())
    least = rule.params.get("min_parts", 3)
    text = ctx.scope_text(rule.scope)
    for begin, stop in _naming_sentences(text.text, specs):
        sentence = text.text[begin:stop]
        if len({spec.number for spec in specs if spec.named_by(sentence)}) < least:
            continue
        for piece in _PIECE_RE.finditer(sentence):
            offset = begin + piece.start()
            for a, joint, b, first, second in _joints(piece.group(), ends, specs):
                start, end = text.source_span(offset + a, offset + b)
                yield Hit(start, end, {"found": piece.group()[a:b], "first": first.standard,
                                       "second": second.standard, "at": piece.group()[a:joint]})


def _naming_sentences(text: str, specs: tuple[SectionSpec, ...]) -> Iterator[tuple[int, int]]:
    """(begin, stop) of the sentences (runs of characters between `_SENTENCES`' breaks, as `_SENTENCE_RE` finds
    them) that hold a keyword of some section: only they can name one, and a text of 300 000 short lines would
    otherwise ask every section of every line."""
    keywords = _catalogue_keywords(specs)
    if keywords is None:  # a group of no keywords names its section everywhere
        yield from (m.span() for m in _SENTENCE_RE.finditer(text))
        return
    end = 0  # where the last sentence given ended: the text before it is not searched again
    for found in keywords.finditer(text):  # a keyword holds no sentence end, so it lies inside one sentence
        if found.start() < end:
            continue
        span = around(text, found.start(), found.end(), _SENTENCES, end)
        end = span[1]
        yield span


_KEYWORDS: tuple = (None, None)  # (the catalogue's specs, their `_keywords_pattern`), as last asked


def _catalogue_keywords(specs: tuple[SectionSpec, ...]) -> re.Pattern | None:
    """`_keywords_pattern` of the specs, kept beside them and found by their identity: the catalogue's are the same
    tuple all along, which `lru_cache` hashed spec by spec at every report."""
    global _KEYWORDS
    kept, pattern = _KEYWORDS
    if kept is not specs:
        pattern = _keywords_pattern(specs)
        _KEYWORDS = (specs, pattern)
    return pattern


@lru_cache(maxsize=4)
def _keywords_pattern(specs: tuple[SectionSpec, ...]) -> re.Pattern | None:
    """Any keyword of any section, compiled once per process; None when a section has a group of none or a
    keyword holds a sentence end (then every sentence is asked)."""
    words = {word for spec in specs for group in spec.keywords for word in group}
    if any(not group for spec in specs for group in spec.keywords) or not words \
            or any(mark in word for word in words for mark in _SENTENCE_ENDS):
        return None
    return re.compile("|".join(map(re.escape, sorted(words, key=lambda word: (-len(word), word)))))


@lru_cache(maxsize=4)
def _title_ends_pattern(ends: tuple[str, ...]) -> re.Pattern:
    """Where a title ends (the longest title end first), compiled once per process for the catalogue's words."""
    return re.compile("|".join(sorted(map(re.escape, ends), key=len, reverse=True)))


def _joints(piece: str, ends: re.Pattern, specs: tuple[SectionSpec, ...]):
    """(start, joint, end, section before, section after) of each place two titles meet in a piece of a list."""
    marks = [m.end() for m in ends.finditer(piece)]
    for i, joint in enumerate(marks):
        after = piece[joint:]
        if not after or after.startswith(_CONJUNCTIONS) or not re.match(r"[\u4e00-\u9fff]", after):
            continue
        before = _named_alone(piece, [0] + marks[:i], joint, specs, from_left=True)
        following = _named_alone(piece, [joint], marks[i + 1] if i + 1 < len(marks) else len(piece), specs)
        if before is None or following is None or following[0].number != before[0].number + 1:
            continue
        yield before[1], joint, following[2], before[0], following[0]


def _named_alone(piece: str, starts: list[int], end: int, specs: tuple[SectionSpec, ...], from_left: bool = False):
    """The one section the text from one of `starts` to `end` names (the widest such text), with its span."""
    for start in starts:
        lead = next((c for c in _CONJUNCTIONS if piece.startswith(c, start)), "")
        segment = piece[start + len(lead):end]
        named = [spec for spec in specs if spec.named_by(segment)]
        if len(named) == 1:
            return named[0], start + len(lead), end
        if not from_left:
            break
    return None
