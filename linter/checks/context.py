"""What a check sees: the parsed report, the configuration, and shared, lazily computed views of it.

Scopes (`document`, `title`, `preamble`, `opening` (the preamble and the start of 一), `narrative` (the preamble
and the prose sections — not 二, 三, 四, whose tables repeat their labels every year), `closing`, `body`,
`section:三`, `section:一/五`) are resolved here
so that a check only ever looks at the part of the report its rule names.  Expensive views
(tokens, table models) are computed once per document and shared by all rules.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Iterator

from linter.settings.agency import AgencyInfo, classify_agency
from linter.settings.config import Config
from linter.document.model import Document, Paragraph, Text
from linter.language.sentences import Breaks, around, words_pattern
from linter.outline.parser import Outline, Section


OPENING_CHARS = 400  # how far into section 一 a report may still be stating what it covers
_MISSING = object()  # no view under a key (a view may be None)


@dataclass
class Context:
    document: Document
    outline: Outline
    config: Config
    _cache: dict[Any, Any] = field(default_factory=dict)
    previous: "Context | None" = None  # last year's report of the same agency (cross-year checks only)
    rules: list = field(default_factory=list)  # the rules that run on this report (set by the engine)

    # ── shared lazy views ───────────────────────────────────────────────────────────
    def cached(self, key: Any, compute: Callable[[], Any]) -> Any:
        value = self._cache.get(key, _MISSING)  # (one look-up where the view is there, two where it is not)
        if value is _MISSING:
            value = self._cache[key] = compute()
        return value

    @property
    def year(self) -> int | None:
        """The report year: configured, read from the report, or inferred from its publication date."""
        return self.config.report_year or self.outline.year

    @property
    def stated_year(self) -> int | None:
        """The report year as configured or read from the report itself — never one inferred from the
        publication date: what the checks that compare years compare with."""
        if self.config.report_year:
            return self.config.report_year
        origin = self.outline.origin
        return None if origin is not None and origin.year_inferred else self.outline.year

    @property
    def agency(self) -> AgencyInfo:
        if "agency" in self._cache:
            return self._cache["agency"]
        return self.cached("agency", lambda: classify_agency(self.outline.agency, self.config))

    # ── scopes ─────────────────────────────────────────────────────────────────────
    def section_for_scope(self, scope: str) -> Section | None:
        if not scope.startswith("section:"):
            return None
        # (asked by every rule of a section's scope; each answer is a walk over the sections)
        return self.cached(("section-of", scope), lambda: self.outline.section(scope.split(":", 1)[1].split("/")[0]))

    def scope_paragraphs(self, scope: str) -> list[Paragraph]:
        """The running-text paragraphs a scope covers (OCR residue and page furniture excluded)."""
        r = self.outline
        if scope == "document":
            blocks = list(r.front) + r.body_blocks() + self._closing_blocks() + list(r.unplaced)
        elif scope == "body":
            blocks = r.body_blocks()
        elif scope == "preamble":
            blocks = list(r.preamble)
        elif scope == "opening":
            return self._opening()
        elif scope == "narrative":
            blocks = list(r.preamble) + [b for sec in r.sections if sec.spec is None or not sec.spec.table_words
                                         for b in sec.all_blocks()]
        elif scope == "title":
            return [Paragraph(r.title.text)] if r.title else []
        elif scope == "closing":
            blocks = self._closing_blocks()
        elif scope.startswith("section:"):
            target = scope.split(":", 1)[1]
            sec = self.section_for_scope(scope)
            if sec is None:
                return []
            if "/" in target:
                sub_ordinal = target.split("/", 1)[1]
                sub = next((s for s in sec.subitems if s.ordinal == sub_ordinal), None)
                if sub is None:
                    return []
                blocks = [sub.heading, *sub.blocks]
            else:
                blocks = [Paragraph(sec.heading), *sec.all_blocks()] if sec.heading.text else sec.all_blocks()
        else:
            blocks = []
        return [b for b in blocks if isinstance(b, Paragraph) and b.role == "text"]

    def _opening(self) -> list[Paragraph]:
        """The preamble and the start of section 一 (its first OPENING_CHARS characters): where a report
        states what it covers before it reports."""
        out = [b for b in self.outline.preamble if isinstance(b, Paragraph) and b.role == "text"]
        first = self.outline.section("一")
        budget = OPENING_CHARS
        for b in first.all_blocks() if first is not None else []:
            if budget <= 0:
                break
            if isinstance(b, Paragraph) and b.role == "text":
                out.append(Paragraph(b.text.slice(0, min(budget, len(b.text.text)))))
                budget -= len(b.text.text)
        return out

    def _closing_blocks(self) -> list[Paragraph]:
        c = self.outline.closing
        if not c:
            return []
        return [Paragraph(t) for t in (c.agency, c.date) if t is not None]

    def scope_text(self, scope: str) -> Text:
        """The scope's paragraphs joined with newlines, offsets kept.  Scopes of the same paragraphs (a page
        without a title or a signature: `document` and `body`) share one text — on a 20 MB page each copy
        is tens of MB."""
        key = "text:" + scope
        if key in self._cache:
            return self._cache[key]

        def compute() -> Text:
            texts = [p.text for p in self.scope_paragraphs(scope)]
            # the texts are kept with the joined text, so the ids in the key stay theirs
            return self.cached(("joined", *map(id, texts)), lambda: (texts, Text.join(texts, sep="\n")))[1]

        return self.cached(key, compute)

    def scope_anchor(self, scope: str) -> tuple[int, int, str | None]:
        """Where to report that something is missing from a scope: its heading, or the report's start."""
        sec = self.section_for_scope(scope)
        if sec is not None:
            start, end = sec.heading_span()
            return start, end, sec.ordinal
        if scope in ("preamble", "opening") and self.outline.preamble:
            first = next((p for p in self.outline.preamble if isinstance(p, Paragraph) and p.role == "text"), None)
            if first is not None:
                start, end = first.text.source_span()
                return start, end, None
        if scope == "closing" and self.outline.sections:
            last = self.outline.sections[-1]
            start, end = last.heading_span()
            return start, end, last.ordinal
        if self.outline.title is not None:
            start, end = self.outline.title.text.source_span()
            return start, end, None
        return 0, min(1, len(self.document.source)), None

    def section_of_offset(self, offset: int) -> str | None:
        """The ordinal of the section that contains a source offset (None for preamble/title).

        A binary search over the section starts (called for every finding and table: a linear scan
        made documents with thousands of sections quadratic)."""
        starts, ordinals, in_order = self.cached("section_starts", self._section_starts)
        if in_order:
            i = bisect.bisect_right(starts, offset)
            return ordinals[i - 1] if i else None
        current = None  # sections out of source order (not produced by the parser): the plain scan
        for start, ordinal in zip(starts, ordinals):
            if start <= offset:
                current = ordinal
        return current

    def _section_starts(self) -> tuple[list[int], list[str], bool]:
        """Where each section starts, its ordinal, and whether the starts are in source order."""
        sections = self.outline.sections
        starts = [sec.heading.source_span()[0] for sec in sections]
        return starts, [sec.ordinal for sec in sections], starts == sorted(starts)


_PER_RULE: dict[tuple[str, int], tuple[Any, Any]] = {}
_PER_RULE_BOUND = 4096  # entries (a process that loads rule sets anew drops the older ones)


def per_rule(name: str, rule: Any, compute: Callable[[], Any]) -> Any:
    """What `compute` works out for `rule` from the rules it first ran with (the other rules of its kind and
    scope, say), kept per process under the rule's identity — looked up in one step for every report, where a
    look at the report's list of rules (a new list each time) cost a pass over it.  For what stays true of the
    rule whatever rules run beside it: the rule is kept with the result, so its id stays its own."""
    key = (name, id(rule))
    found = _PER_RULE.get(key)
    if found is None:
        if len(_PER_RULE) >= _PER_RULE_BOUND:
            _PER_RULE.clear()
        found = _PER_RULE[key] = (rule, compute())
    return found[1]


_SENTENCE_RE = re.compile(r"[^。！？；\n]*[。！？；]?")


def sentence_spans(s: str) -> list[tuple[int, int]]:
    """(start, end) of the sentences of `s` (ending with 。！？； or a newline)."""
    return [m.span() for m in _SENTENCE_RE.finditer(s) if m.group().strip()]


SENTENCES = Breaks("。！？；\n", kept="。！？；")  # where `sentence_spans` cuts: after the four marks, before a newline
_END = float("inf")  # beyond any sentence's end: a bisection finds the last sentence starting at or before a place


# Where the words stand closer than this on average (characters; after the first few), finding the sentence around
# each costs more than cutting the text into its sentences (a page repeating one sentence all along).
_DENSE_GAP = 64
_DENSE_AFTER = 64


def sentences_holding(s: str, words: Iterable[str]) -> list[tuple[int, int]]:
    """The sentences of `s` (as `sentence_spans` cuts them) that hold one of `words`, in order (all of them
    without words): one search of the text for the words, the sentence around each place found by the breaks
    next to it — the text is not cut into all its sentences (the link and agency checks read a few).

    The places are visited in order and each look back stops at the sentence before, so the work stays linear
    in the text.  A word holding a break (or only blanks) could stand across sentences as `sentence_spans` cuts
    them: such words are looked up in the cut sentences instead."""
    words = tuple(words)
    if not words or not all(words):
        return sentence_spans(s)  # (an empty word stands in every sentence)
    pattern = _words_pattern(words)
    if pattern is None:
        return _holding_cut(s, sorted({(at, len(w)) for w in words for at in occurrences(s, w)}))
    found: list[tuple[int, int]] = []
    lo = 0  # where the sentence after the last one found starts at the earliest
    for count, m in enumerate(pattern.finditer(s), 1):
        at = m.start()
        if count > _DENSE_AFTER and count * _DENSE_GAP > at:  # words everywhere: the cut is quicker (see below)
            return _holding_cut(s, ((m.start(), m.end() - m.start()) for m in pattern.finditer(s)))
        if at < lo:
            continue  # in the sentence found last
        found.append(around(s, at, m.end(), SENTENCES, lo))
        lo = found[-1][1]
    return found


def _words_pattern(words: tuple[str, ...]) -> re.Pattern | None:
    """`words_pattern` for the sentences `sentence_spans` cuts, which a word of blanks alone never stands in."""
    return None if any(not w.strip() for w in words) else words_pattern(words, SENTENCES)


def _holding_cut(s: str, places: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """`sentences_holding` by a bisection over all the sentences of `s`, for words that may cross a break or
    stand everywhere: the sentences holding one of the `places` (start, length)."""
    spans = sentence_spans(s)
    held: set[int] = set()
    for at, length in places:
        k = bisect.bisect_right(spans, (at, _END)) - 1
        if k >= 0 and at + length <= spans[k][1]:
            held.add(k)
    return [spans[k] for k in sorted(held)]


def occurrences(s: str, word: str, start: int = 0, end: int | None = None) -> Iterator[int]:
    """Every place `word` stands in s[start:end], overlapping ones too."""
    end = len(s) if end is None else end
    at = s.find(word, start, end)
    while at >= 0:
        yield at
        at = s.find(word, at + 1, end)
