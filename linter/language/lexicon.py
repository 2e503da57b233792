"""The claim vocabulary compiled for reading: which word of a sentence is a measure, a topic, a quantifier …

The vocabulary is data in the rule set (`vocabulary:` of the rules over claims, see rules/gov-2021/claims.yaml);
the check kinds validate it and hand it here as a plain mapping.  Words are literal: one alternation of every
word, longest first, finds them all in one pass over a text (a word holding another — 尚未审结 and 未, 上年结转
and 上年 — wins where both start).  Markers may hold one gap, `从…看`: up to forty characters of one clause.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from linter.language.quantities import COUNT_UNITS, PERCENT

# word classes of the vocabulary's flat lists
FLAT_CLASSES = ("all", "none", "already", "events", "totals", "conjunctions", "additive", "timeliness", "subjects",
                "channels", "shares", "rates", "noise", "open")
GAP = "…"
_GAP_RE = "[^，,；;：:。！？\\n、]{1,40}?"


@dataclass(frozen=True)
class Measure:
    """What a count may be a count of (本年新收申请, 予以公开 …), as the vocabulary declares it."""

    name: str
    category: bool          # a result or outcome (wins over a flow word in the same clause)
    topic: str | None
    needs_topic: bool
    needs: tuple[str, ...]
    unless: tuple[str, ...]
    weak: tuple[str, ...]
    excludes: tuple[str, ...]   # what "all …" of this measure says is zero
    parented: bool              # its cells depend on the case type (复议, 诉讼) it is an outcome of
    additions: str | None       # a stock that may be stated before this year's additions of that measure
    units: tuple[str, ...]      # the units it counts in
    data: dict = field(compare=False, default_factory=dict)


class Word(NamedTuple):
    """A word of the vocabulary found in a text (a tuple: a report holds hundreds of them)."""

    start: int
    end: int
    cls: str     # measure, topic, scope, or one of FLAT_CLASSES
    key: str     # the measure, topic or scope name; else the word itself
    text: str


class Lexicon:
    """The vocabulary, compiled: `words(text)` finds every word of it in a text."""

    def __init__(self, vocabulary: dict[str, Any]) -> None:
        self.vocabulary = vocabulary
        units = tuple(vocabulary.get("units", ()))
        self.measures = {name: _measure(name, spec, units) for name, spec in vocabulary.get("measures", {}).items()}
        self.topics: dict[str, dict] = dict(vocabulary.get("topics", {}))
        self.topic_rank = {name: i for i, name in enumerate(self.topics)}
        self.carried = frozenset(name for name, t in self.topics.items() if t.get("carries"))
        self.heads = frozenset(name for name, t in self.topics.items() if t.get("head"))
        self.classes: dict[str, tuple[str, str]] = {}
        for name, m in vocabulary.get("measures", {}).items():
            self._add(m.get("words", []), "measure", name)
        for name, t in self.topics.items():
            self._add(t.get("manner", []), "manner", name)
            self._add(t.get("words", []), "topic", name)
        for name, words in vocabulary.get("scopes", {}).items():
            self._add(words, "scope", name)
        for columns, words in vocabulary.get("applicants", {}).items():
            self._add(words, "applicant", columns)
        for cls in FLAT_CLASSES:
            self._add(vocabulary.get(cls, []), cls, None)
        self._word_re = _longest_first(self.classes)
        self._word_tails = {w: (cls, key, w) for w, (cls, key) in self.classes.items()}  # a `Word` past its span
        # the quantifiers alone: a sentence without a number needs its words only when it holds one of them
        self._statement_re = _longest_first({w for w, (cls, _) in self.classes.items() if cls in ("all", "none")})
        self.sentence_bound = not any(ch in word for word in self.classes for ch in "。！？!?\n")
        # what a statement needs (`linter.language.claims`): a negation right before an event or a measure (未收到),
        # or a quantifier before a measure that excludes something (均已办结)
        of = lambda *names: {w for w, (cls, _) in self.classes.items() if cls in names}  # noqa: E731
        self._negated_re = _longest_first({n + w for n in of("none") for w in of("events", "measure")})
        self._all_re = _longest_first(of("all"))
        self._excluding_re = _longest_first({w for w, (cls, key) in self.classes.items()
                                             if cls == "measure" and self.measures[key].excludes})
        markers = vocabulary.get("markers", {})
        self.markers = {kind: [_marker(m) for m in markers.get(kind, [])] for kind in ("subset", "whole")}
        self._markers_by_first = _by_first_character(self.markers)
        # the same markers, for asking whether a clause may open with one without knowing where the clause ends: a
        # marker with a gap must end where a clause may end (before a mark or the sentence's end); a gap's tail
        # that a count may end with (…件) could end the piece before a count too, and is not held to that
        loose = {kind: [(literal, _loose(literal, gap)) for literal, gap in found] for kind, found in self.markers.items()}
        self._openers_by_first = _by_first_character(loose)
        # the same question after every clause mark of a sentence at once: a mark, the spaces after it, then any
        # of those markers (one search instead of a test at each mark)
        openers = "|".join(gap.pattern if gap is not None else re.escape(literal)
                           for found in loose.values() for literal, gap in found)
        self._opener_after_mark_re = (re.compile(f"[{re.escape(_CLAUSE_MARKS)}] *+(?:{openers})")
                                      if any(loose.values()) else None)
        # what a clause opening with a marker starts with: the marker, or the words before its gap (从 of 从…看);
        # a marker opening with its gap may open any clause
        heads = {literal.split(GAP, 1)[0] for found in self.markers.values() for literal, _ in found}
        self._any_clause_opens = "" in heads
        self._marker_head_re = _longest_first(heads - {""})
        self.catch_all = tuple(vocabulary.get("catch_all", []))
        self.open = tuple(vocabulary.get("open", []))
        self._remainder_re = (re.compile(f"(?:{'|'.join(map(re.escape, self.open))})\\s*(?:{'|'.join(map(re.escape, self.catch_all))})")
                              if self.open and self.catch_all else None)
        # the case types an outcome belongs to (review, litigation) and the topics they count
        self.parent_names = frozenset(p for m in self.measures.values() for p in m.data.get("by_parent", {}))
        self.parent_topics = frozenset(self.measures[p].topic for p in self.parent_names if p in self.measures)
        self.families = [tuple(f) for f in vocabulary.get("families", [])]
        self.with_additions = frozenset(name for name, m in self.measures.items() if m.additions is not None)
        # the topic a measure names by itself (review → 行政复议's topic): a measure a topic names (topic_measure)
        self.topic_of_measure = {name: m.topic for name, m in self.measures.items()
                                 if self.topic_measure(m.topic or "") == name}
        # the words by what they let a rule read of a sentence holding them (`linter.language.claims`): a count's
        # measure, a rate, a total (a rate's base, or the total of a list in the sentence after), a topic that
        # carries on to the next sentence (named by a topic word, a manner or a measure that names its topic)
        carrying = {w for w, (cls, key) in self.classes.items()
                    if (cls in ("topic", "manner") and key in self.carried)
                    or (cls == "measure" and self.topic_of_measure.get(key) in self.carried)}
        self._telling = {"measure": _longest_first(of("measure")), "rate": _longest_first(of("rates")),
                         "total": _longest_first(of("totals")), "carried": _longest_first(carrying)}
        self.measure_units = frozenset(u for m in self.measures.values() for u in m.units)

    def _add(self, words, cls: str, key: str | None) -> None:
        for word in words:
            self.classes.setdefault(word, (cls, key if key is not None else word))

    def words(self, text: str, start: int = 0, end: int | None = None) -> list[Word]:
        """The words of text[start:end] (offsets into `text`)."""
        if self._word_re is None:
            return []
        tails, new = self._word_tails, tuple.__new__  # (a NamedTuple's own constructor is a Python function)
        return [new(Word, m.span() + tails[m[0]])
                for m in self._word_re.finditer(text, start, len(text) if end is None else end)]

    def may_state(self, text: str, start: int, end: int) -> bool:
        """Can text[start:end] hold a quantifier word (所有, 均, 未 …)?  False only when none is written there."""
        return self._statement_re is not None and self._statement_re.search(text, start, end) is not None

    def quantifiers(self, text: str):
        """The quantifier words (`may_state`'s) of a text, as matches."""
        return self._statement_re.finditer(text) if self._statement_re is not None else ()

    def may_make_statement(self, text: str, start: int, end: int) -> bool:
        """Can text[start:end] state that there were none (未收到…申请) or that all is done (均已办结)?  False only
        when neither a negation right before an event or a measure nor a quantifier before a measure that
        excludes something is written there."""
        if self._negated_re is not None and self._negated_re.search(text, start, end):
            return True
        quantifier = self._all_re.search(text, start, end) if self._all_re is not None else None
        return (quantifier is not None and self._excluding_re is not None
                and self._excluding_re.search(text, quantifier.end(), end) is not None)

    def holds(self, kind: str, text: str, start: int, end: int) -> bool:
        """Is a word of `kind` (measure, rate, total, carried: a word naming a topic that carries on) written in
        text[start:end]?  (A literal search: True wherever `words` would find one, and maybe elsewhere.)"""
        pattern = self._telling[kind]
        return pattern is not None and pattern.search(text, start, end) is not None

    def may_state_anywhere(self, text: str, start: int, end: int) -> bool:
        """Can a clause of text[start:end] make a statement?  Like `may_make_statement`, but a quantifier anywhere
        with a measure that excludes something anywhere is enough (not only after the first quantifier)."""
        if self._negated_re is not None and self._negated_re.search(text, start, end):
            return True
        return (self._all_re is not None and self._excluding_re is not None
                and self._all_re.search(text, start, end) is not None
                and self._excluding_re.search(text, start, end) is not None)

    def may_open_list(self, text: str, start: int, end: int) -> bool:
        """Can a clause, or the piece of one after a count, that starts at `start` in a sentence ending at `end`
        open with a marker (`marker_at`, whatever the clause's end)?  False only when no literal marker stands
        there and no marker with a gap ends where a clause may end."""
        lead = start
        while lead < end and text[lead] == " ":
            lead += 1
        by_first, anywhere = self._openers_by_first
        for _, literal, gap in by_first.get(text[lead:lead + 1] if lead < end else "", anywhere):
            if gap.match(text, lead, end) if gap is not None else text.startswith(literal, lead, end):
                return True
        return False

    def may_open_list_after_mark(self, text: str, start: int, end: int) -> bool:
        """Can a clause that starts after a clause mark of text[start:end] (，；、（ …) open with a marker?  As
        `may_open_list(text, mark + 1, end)` at each such mark."""
        pattern = self._opener_after_mark_re
        return pattern is not None and pattern.search(text, start, end) is not None

    def may_open_with_marker(self, text: str, start: int) -> bool:
        """Can a clause starting at `start` open with a marker (`marker_at`)?  False only when no marker's
        first words stand there (past the spaces `marker_at` skips)."""
        if self._any_clause_opens:
            return True
        while start < len(text) and text[start] == " ":
            start += 1
        return self._marker_head_re is not None and self._marker_head_re.match(text, start) is not None

    def remainder(self, label: str) -> bool:
        """Does a count's label make it what remains of a list (不予公开等其他3件: 等 then 其他)?"""
        return self._remainder_re is not None and self._remainder_re.search(label) is not None

    def family(self, unit: str) -> int | None:
        return next((i for i, fam in enumerate(self.families) if unit in fam), None)

    def topic_measure(self, topic: str) -> str | None:
        """The measure naming a topic names (复议 → review), or None."""
        return self.topics.get(topic, {}).get("measure")

    def topic_fits(self, measure: Measure, topic: str | None) -> bool:
        """May a count about `topic` be a count of `measure`?"""
        if measure.topic is None or topic is None:
            return True
        return topic == measure.topic or self.topics.get(topic, {}).get("parent") == measure.topic

    def marker_at(self, text: str, start: int, end: int) -> tuple[str, int, int] | None:
        """The marker a clause text[start:end] opens with: (kind, end of the marker, end of the clause it
        spans or -1 for a plain word), or None.  A marker with a gap must span the whole clause."""
        lead = start  # past the clause's leading spaces (read in place: most clauses open with no marker)
        while lead < end and text[lead] == " ":
            lead += 1
        by_first, anywhere = self._markers_by_first
        stripped_end = None
        for kind, literal, gap in by_first.get(text[lead:lead + 1] if lead < end else "", anywhere):
            if gap is not None:
                if stripped_end is None:
                    stripped_end = len(text[start:end].rstrip(" ")) + start
                m = gap.fullmatch(text, lead, stripped_end)
                if m:
                    return kind, m.end(), m.end()
            elif text.startswith(literal, lead, end):
                return kind, lead + len(literal), -1
        return None


def _measure(name: str, spec: dict, units: tuple[str, ...]) -> Measure:
    return Measure(
        name=name, category=spec.get("rank", "flow") == "category", topic=spec.get("topic"),
        needs_topic=bool(spec.get("needs_topic")), needs=tuple(spec.get("needs", ())),
        unless=tuple(spec.get("unless", ())), weak=tuple(spec.get("weak", ())),
        excludes=tuple(spec.get("all_excludes", ())), parented=bool(spec.get("by_parent")),
        additions=spec.get("additions"), units=tuple(spec.get("units", units)), data=spec,
    )


def _longest_first(words) -> "re.Pattern | None":
    """One pattern for all the words, the longest that matches winning: the words grouped by their first
    character (`结(?:转下年度继续办理|转到下年度办理|…)|复(?:…)`), which `re` searches several times faster than
    one alternation of them all; within a group the longer come first."""
    groups: dict[str, list[str]] = {}
    for word in sorted(words, key=lambda w: (-len(w), w)):  # ties by text: the same pattern in every process
        groups.setdefault(word[0], []).append(word[1:])
    if not groups:
        return None
    return re.compile("|".join(f"{re.escape(first)}(?:{'|'.join(re.escape(rest) for rest in rests)})"
                               for first, rests in groups.items()))


def _by_first_character(markers: dict[str, list[tuple[str, "re.Pattern | None"]]]) -> tuple[dict, tuple]:
    """The markers a clause starting with a character may open with, by that character, in the vocabulary's
    order (kind by kind); and those that may open any clause (a marker starting with its gap)."""
    entries = [(kind, literal, gap) for kind, found in markers.items() for literal, gap in found]
    anywhere = tuple(e for e in entries if e[1].startswith(GAP) or not e[1])
    firsts = {e[1][0] for e in entries if e[1]} - {GAP}
    return {c: tuple(e for e in entries if e in anywhere or e[1][0] == c) for c in firsts}, anywhere


# where a clause may end: before one of these marks (`linter.language.claims` cuts clauses there) or at its
# sentence's end; and the characters a count may end with (a unit's last, a percent sign)
_CLAUSE_MARKS = "，,；;：:。！？!?\n、（(）)"
_COUNT_ENDS = frozenset(unit[-1] for unit in COUNT_UNITS) | set(PERCENT)


def _loose(word: str, gap: "re.Pattern | None") -> "re.Pattern | None":
    """A marker with a gap as `may_open_list` looks for it: ending before a clause mark (past spaces) or at the
    end of the range searched — unless its last character may end a count."""
    if gap is None or word[-1] in _COUNT_ENDS:
        return gap
    return re.compile(gap.pattern + f"(?= *(?:[{re.escape(_CLAUSE_MARKS)}]|$))")


def _marker(word: str) -> tuple[str, "re.Pattern | None"]:
    if GAP not in word:
        return word, None
    head, tail = word.split(GAP, 1)
    return word, re.compile(re.escape(head) + _GAP_RE + re.escape(tail))
