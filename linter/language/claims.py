"""Claims: what a report's prose states about its numbers, read sentence by sentence.

A sentence is cut into clauses at its punctuation; each clause is read with the claim vocabulary (data in
the rule set, compiled by `linter.language.lexicon`) and becomes one token: a count (`新收政府信息公开申请44件`),
a share (`占比45.5%`), a marker (`其中`, `分别为`, `从内容分类看`), a statement (`均获维持`, `未收到政府信息公开
申请`) or other words.  `grammar/claims.lark` parses the tokens of a sentence into enumerations — a total, its
marker and the list of counts that follows, bounded by the separator that runs through it — and every count
becomes a `Claim`:

* measure — what is counted (new requests, a result category of 表三, an outcome of 表四, a stock of 表二 …);
  two measures joined by 和/及/、 are one compound claim (予以公开和部分公开120件 is 予以公开 + 部分公开);
* value and unit, approximation (余/近/约: never checked exactly), share with its printed precision;
* topic (disclosure requests, reviews, lawsuits, normative documents, or something else such as 人大建议),
  scope (this year, cumulative, last year) and subject (全市, 本级 …);
* for statements, the quantifier: `all` (所有/全部/均 … 维持, 办结) or `none` (未收到 …, a count of 0);
* the span in the text, so that a finding points at the number.

The parser knows nothing of tables: the checks compare claims with them (`linter.checks.prose_table`) and
with each other (`linter.checks.prose_sum`).  Precision first: a clause whose words do not settle what it
counts yields a count with no measure, which only the arithmetic of its own enumeration uses.

The rules read `readable_claims`: the same claims, but for the sentences of which no rule could read anything
(counts that no word could settle, in no list, no rate, no total another sentence could take: `_silent`) —
about half the sentences with a number in a report (培训3次, 共六个部分) — which are not read at all.
`parse_claims` reads every sentence (`report-lint parse --claims`).
"""
from __future__ import annotations

import bisect
import operator
import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Callable, NamedTuple

from linter.language.lexicon import Lexicon, Measure, Word
from linter.language.quantities import Quantity

SEPARATORS = {"，": "COMMA", ",": "COMMA", "；": "SEMI", ";": "SEMI", "：": "COLON", ":": "COLON", "、": "ENUM",
              "（": "LPAR", "(": "LPAR", "）": "RPAR", ")": "RPAR"}
SENTENCE_ENDS = "。！？!?\n"
# A sentence, found whole by one search (`sentence_spans`): from a sentence's start (the text's, or past an end),
# the characters up to and with a mark that ends it (。！？!?), or — up to a line end (kept) or the text's end —
# characters that are not all blank (a blank line is no sentence).  A run is read from its start only: anywhere
# else the look-behind fails at once.
_ENDS, _HARD_ENDS = re.escape(SENTENCE_ENDS), re.escape(SENTENCE_ENDS.replace("\n", ""))
_SENTENCE_RE = re.compile(rf"(?:(?<=[{_ENDS}])|\A)(?:[^{_ENDS}]*+[{_HARD_ENDS}]|[^\S\n]*+[^{_ENDS}]++\n?)")
# where a clause may end: the characters `_cut` stops at (found by a search rather than a loop over every character)
_CLAUSE_MARK_RE = re.compile(f"[{re.escape(SENTENCE_ENDS + ''.join(SEPARATORS))}]")
COUNTS = ("HEAD", "COUNT", "STOP")
# the marks that always end a clause (a comma or colon between digits does not, nor a bracket of an aside, and
# clauses joined by 、 may be read as one)
_HARD_MARK_RE = re.compile("[，；;：。！？!?\n]")
# What may stand between the two measures of a compound besides its conjunction (予以公开的申请和部分公开的申请)
_COMPOUND_FILLER = set("的类之 ") | {"案件", "申请", "信息", "件"}


@dataclass
class Share:
    """A printed share: `占比43.5%` (value 43.5, one decimal place)."""

    value: Decimal
    places: int
    start: int
    end: int
    raw: str


@dataclass(slots=True)  # slots: a 20 MB page states hundreds of thousands
class Claim:
    """One thing the prose states.  Offsets are into the text given to `parse_claims`."""

    kind: str                       # count | share | rate | all | none
    measures: tuple[str, ...]       # () when the words do not settle what is counted; 2+ for a compound
    value: Decimal | None           # the count, the percent, 0 for `none`, None for `all`
    unit: str
    start: int                      # the clause
    end: int
    at: tuple[int, int]             # what a finding points at: the number, or the statement's words
    sentence: int
    paragraph: int
    approximate: bool = False
    topic: str | None = None
    scope: str = "year"             # year | cumulative | previous
    subject: str | None = None
    applicant: str | None = None    # the applicants it counts, as 表三 columns (NP, BE+RI+SO+LS+OT …); None: all
    channel: str | None = None      # the publishing channel its words name (网站, 公众号 …); None: all
    total: bool = False             # its words call it a total (共, 合计 …)
    qualified: bool = True          # the sentence holds the words its measure needs (信息公开)
    parents: tuple[str, ...] = ()   # for an outcome (结果维持 …): the case types it belongs to (review …)
    share: Share | None = None
    places: int = 0
    label: str = ""                 # the words before the number
    addition: "Claim | None" = None  # a stock stated before this year's additions: the additions
    narrower: bool = False          # a part of a total of its own measure (其中本级新收20件): a narrower body
    quantifies: list["Claim"] = field(default_factory=list)  # "all …" after counts (44件申请，均已答复): those
    named: tuple[str, ...] = ()     # the measures its words name, before the topic settles which hold
    explicit_topic: str | None = field(default=None, repr=False)
    manner_topic: str | None = field(default=None, repr=False)  # 依申请 (公开…): a topic named as a manner
    explicit_topics: frozenset = field(default=frozenset(), repr=False)
    own_parents: tuple[str, ...] = field(default=(), repr=False)


@dataclass
class Enumeration:
    """A total and the list of parts that breaks it down (`共发布信息54篇，从内容分类看，A 25条，B 37条…`)."""

    head: Claim | None
    parts: list[Claim]
    marker: str
    whole: bool          # the marker says the parts are all of the total (分别为, 从…看 …)
    open: bool           # 等 after the last part
    closed: bool         # the list runs to the end of its sentence or bracket (a comma list: or to ；)
    catch_all: bool      # a part is a catch-all (其他 …)
    separator: str       # ， ； or 、
    sentence: int
    distant: bool = False      # the total is the sentence before's (…建议2件。…办理结果为A类1件、D类1件)
    overlapping: bool = False  # parts by publishing channel (网站, 新媒体 …): one item may be counted on several

    @property
    def complete(self) -> bool:
        """Declared to cover its total: by its marker or a catch-all part, run to its end, not open."""
        return (self.whole or self.catch_all) and self.closed and not self.open


@dataclass
class ClaimSet:
    claims: list[Claim]
    enumerations: list[Enumeration]
    sentences: list[tuple[int, int]]
    by_sentence: dict[int, list[Claim]] = field(default_factory=dict)
    _by_measures: dict | None = field(default=None, repr=False, compare=False)

    def in_sentences(self, first: int, last: int) -> list[Claim]:
        """The claims of sentences first … last, in order."""
        return [c for i in range(first, last + 1) for c in self.by_sentence.get(i, [])]

    def among(self, kind: str, measures: frozenset) -> list[Claim]:
        """The claims of a kind whose measures (one or more) are all among `measures`, in text order.  The
        claims are indexed once by kind and measures: each of the rules over claims asks for its own."""
        if self._by_measures is None:
            self._by_measures = {}
            for i, claim in enumerate(self.claims):
                if claim.measures:
                    self._by_measures.setdefault((claim.kind, frozenset(claim.measures)), []).append((i, claim))
        found = sorted(entry for (k, named), entries in self._by_measures.items() if k == kind and named <= measures
                       for entry in entries)
        return [claim for _, claim in found]


_KEPT_SENTENCES = 16  # the words of this many sentences are kept (questions are about the sentence being read)
_SETS: dict[frozenset, frozenset] = {}  # the sets of topics met so far (a few dozen), each kept once


@dataclass(slots=True)  # slots: a sentence of a crawled page makes thousands
class _Token:
    kind: str
    start: int
    end: int
    claim: Claim | None = None
    marker: str = ""


def parse_claims(text: str, quantities: list[Quantity], lexicon: Lexicon) -> ClaimSet:
    """Every claim and enumeration of `text`, given its quantities (`linter.language.quantities.extract`)."""
    return _Reader(text, quantities, lexicon).run()


def readable_claims(text: str, quantities: list[Quantity], lexicon: Lexicon,
                    stands: Callable[[Quantity], bool] | None = None) -> ClaimSet:
    """The claims and enumerations of `text` that a rule over claims may read: those of `parse_claims`, but for
    the sentences nothing of which a rule or a later sentence could take (`_Reader._silent`), which are not read.
    `quantities` may be found without token boundaries (`extract(text)`, which segments nothing) when `stands`
    tells which of them stand on them (`linter.language.quantities.on_tokens`): it is asked only of the
    quantities of the sentences read."""
    return _Reader(text, quantities, lexicon, readable=True, stands=stands).run()


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Sentences end with 。！？ or a line end (；keeps a sentence going: it bounds lists, not sentences).  A
    "sentence" longer than `LONGEST_SENTENCE` (a crawled page without 。) is read in pieces that end at a clause's
    end (，；、 or a space), so that what one sentence holds while it is read stays bounded."""
    spans = list(map(_SPAN, _SENTENCE_RE.finditer(text)))  # (spans and lengths made in C: a sentence is rarely long)
    if max(map(operator.sub, map(_END, spans), map(_START, spans)), default=0) <= LONGEST_SENTENCE:
        return spans
    pieces: list[tuple[int, int]] = []
    for a, b in spans:
        if b - a > LONGEST_SENTENCE:
            pieces += _pieces(text, a, b)
        else:
            pieces.append((a, b))
    return pieces


_SPAN, _START, _END = re.Match.span, operator.itemgetter(0), operator.itemgetter(1)
_START_OF = operator.attrgetter("start")  # (a quantity's or a claim's start, read in C)


LONGEST_SENTENCE = 4000  # characters: five times the longest sentence of the corpus (a table run into prose)
_CLAUSE_END_RE = re.compile(r"[，,；;、\s]")


def _pieces(text: str, a: int, b: int) -> list[tuple[int, int]]:
    if b - a <= LONGEST_SENTENCE:
        return [(a, b)]
    pieces = []
    while b - a > LONGEST_SENTENCE:
        window = text[a + LONGEST_SENTENCE // 2: a + LONGEST_SENTENCE]
        ends = [m.end() for m in _CLAUSE_END_RE.finditer(window)]
        cut = a + LONGEST_SENTENCE // 2 + ends[-1] if ends else a + LONGEST_SENTENCE
        pieces.append((a, cut))
        a = cut
    return pieces + [(a, b)]


class _Reader:
    """Reads one text: sentence by sentence, clause by clause, then what the sentences settle together."""

    def __init__(self, text: str, quantities: list[Quantity], lexicon: Lexicon, readable: bool = False,
                 stands: Callable[[Quantity], bool] | None = None) -> None:
        self.text = text
        self.readable = readable
        self._stands = stands  # (None: every quantity given stands)
        self.lexicon = lexicon
        self.quantities = sorted(quantities, key=_START_OF)
        self._q_starts = list(map(_START_OF, self.quantities))
        self.claims: list[Claim] = []
        self.by_sentence: dict[int, list[Claim]] = {}
        self._extra: list[Claim] = []   # rates met while reading a sentence's clauses
        self.enumerations: list[Enumeration] = []
        self.sentences = sentence_spans(text)
        # A sentence's words are found when a question is first asked about it: no word of the vocabulary holds a
        # sentence end, so they are the words a search of the whole text would find there (most sentences hold
        # no number and are never read).  A vocabulary whose words may cross a sentence end is searched whole.
        self._s_starts = list(map(_START, self.sentences))
        self._words: dict[int, tuple[list[Word], list[int]]] = {}
        if not lexicon.sentence_bound:
            words = lexicon.words(text)
            self._words[-1] = (words, [w.start for w in words])
        # the sentence being read: its span, its quantities and (once asked for) its words — nearly every word
        # lookup is within it, and is answered from these without finding the sentence first
        self._span = (0, -1)
        self._sentence_quantities: list[Quantity] = []
        self._current_words: tuple[list[Word], list[int]] | None = None

    # ── lookups ─────────────────────────────────────────────────────────────────────────────────────
    def quantities_in(self, a: int, b: int) -> list[Quantity]:
        lo = bisect.bisect_left(self._q_starts, a)
        hi = bisect.bisect_left(self._q_starts, b)
        return [q for q in self.quantities[lo:hi] if q.end <= b]

    def _standing(self, quantities: list[Quantity]) -> list[Quantity]:
        return quantities if self._stands is None else [q for q in quantities if self._stands(q)]

    def words_in(self, a: int, b: int) -> list[Word]:
        """The words within text[a:b] (a range inside one sentence)."""
        sa, sb = self._span
        if sa <= a and b <= sb:
            if self._current_words is None:
                self._current_words = self._words.get(-1) or self._sentence_words(self._si)
            words, starts = self._current_words
        else:
            words, starts = self._words.get(-1) or self._sentence_words(bisect.bisect_right(self._s_starts, a) - 1)
        lo = bisect.bisect_left(starts, a)
        hi = bisect.bisect_left(starts, b)
        return [w for w in words[lo:hi] if w.end <= b]

    def _sentence_words(self, si: int) -> tuple[list[Word], list[int]]:
        found = self._words.get(si)
        if found is None:
            if si < 0:
                found = ([], [])
            else:
                a, b = self.sentences[si]
                words = self.lexicon.words(self.text, a, b)
                found = (words, [w.start for w in words])
            if len(self._words) >= _KEPT_SENTENCES:  # the sentences read last only: a 20 MB page has 100 000
                del self._words[next(iter(self._words))]
            self._words[si] = found
        return found

    # ── the whole text ──────────────────────────────────────────────────────────────────────────────
    def run(self) -> ClaimSet:
        paragraph, last = 0, 0
        for si in self._candidates():
            a, b = self.sentences[si]
            paragraph += self.text.count("\n", last, a)
            last = a
            self._span, self._si, self._current_words = (a, b), si, None
            self._sentence_quantities = self.quantities_in(a, b)
            self._sentence(si, a, b, paragraph)
        self._span = (0, -1)
        self._heads_from_previous_sentence()
        return ClaimSet(self.claims, self.enumerations, self.sentences, self.by_sentence)

    def _candidates(self) -> list[int]:
        """The sentences that may hold a claim, in order: those holding a number, and those a quantifier word
        (所有, 未 …) of a statement overlaps — found by one search of the whole text instead of a test of every
        sentence (most sentences of a report hold neither and are passed over at once)."""
        starts, found = self._s_starts, {bisect.bisect_right(self._s_starts, q.start) - 1 for q in self.quantities}
        for m in self.lexicon.quantifiers(self.text):
            found.update(range(bisect.bisect_right(starts, m.start()) - 1, bisect.bisect_right(starts, m.end() - 1)))
        return sorted(si for si in found if si >= 0)

    def _sentence(self, si: int, a: int, b: int, paragraph: int) -> None:
        if self.readable:  # (the silent test first: it finds no sentence's words; and it is as true of fewer
            if self._silent(si, a, b, paragraph):  # quantities, those that stand on token boundaries)
                return
            self._sentence_quantities = self._standing(self._sentence_quantities)
        if not self._sentence_quantities and not self._may_state_or_list(a, b):
            return
        self._paragraph, self._sentence_text = paragraph, self.text[a:b]
        # The sentence's words and quantities are found once; each clause takes its share of them (by two
        # binary searches) and hands it down to its pieces, which filter that share instead of searching again.
        words, starts = self._read_sentence_words()
        quantities = self._sentence_quantities
        q_starts = list(map(_START_OF, quantities))
        tokens: list[_Token] = []
        items = _cut(self.text, a, b)
        if "、" in self._sentence_text:  # (the mark of ENUM: without it there is nothing to merge)
            items = _merged(items, quantities, q_starts)
        for item in items:
            if isinstance(item, _Token):
                tokens.append(item)
                continue
            ca, cb = item
            lo = bisect.bisect_left(starts, ca)
            clause_words = [w for w in words[lo:bisect.bisect_left(starts, cb, lo)] if w.end <= cb]
            lo = bisect.bisect_left(q_starts, ca)
            clause_quantities = [q for q in quantities[lo:bisect.bisect_left(q_starts, cb, lo)] if q.end <= cb]
            tokens += self._segment(ca, cb, clause_words, clause_quantities)
        # the passes over the tokens, each only when the kind of token it acts on is there
        kinds = {t.kind for t in tokens}
        if "SHARE" in kinds:
            tokens = _attach_shares(tokens)
        if "LPAR" in kinds:
            tokens = _bracket_breakdowns(tokens)
            kinds = {t.kind for t in tokens}
        listed = "SUBSET" in kinds or "WHOLE" in kinds
        if listed:
            _mark_heads(tokens)
        claims = [t.claim for t in tokens if t.claim is not None] + self._take_extra()  # (rates met in its clauses)
        enumerations = self._enumerations(tokens, si) if listed else []
        if claims:  # (a sentence without a claim has nothing to settle: its lists have neither total nor part)
            self._settle(claims, enumerations)
        self.by_sentence[si] = claims
        self.claims += claims
        self.enumerations += enumerations

    def _read_sentence_words(self) -> tuple[list[Word], list[int]]:
        """The words of the sentence being read (and their starts): `words_in` of its whole span."""
        if self._current_words is None:
            whole = self._words.get(-1)
            if whole is None:
                self._current_words = self._sentence_words(self._si)
            else:  # a vocabulary whose words may cross a sentence end: the text's words within the sentence
                words = self.words_in(*self._span)
                self._current_words = (words, [w.start for w in words])
        return self._current_words

    def _may_state_or_list(self, a: int, b: int) -> bool:
        """Is a sentence without a number read?  When its words hold a quantifier (所有, 未 …) — but first two
        cheap tests that it may hold what such a sentence may yield, else its words are not even found: a
        statement (未收到…申请, 均已办结) or a marker opening one of its clauses (a list with no parts)."""
        lex, text = self.lexicon, self.text
        if not lex.may_state(text, a, b):
            return False
        if not lex.may_make_statement(text, a, b) and not lex.may_open_with_marker(text, a) and not any(
                lex.may_open_with_marker(text, m.end()) for m in _CLAUSE_MARK_RE.finditer(text, a, b)):
            return False
        return any(w.cls in ("all", "none") for w in self.words_in(a, b))

    def _silent(self, si: int, a: int, b: int, paragraph: int) -> bool:
        """Can no rule read anything of the sentence text[a:b], nor any later sentence take anything of it?  Its
        counts would be settled on no measure, stand in no list, be no rate nor a rate's base nor the total of a
        list of the sentence after, and carry no topic on — so when (each a literal search of the text):
        no measure word near a count in a measure's unit or a percent (`_measured`); no statement (未收到…,
        均已…); no rate; no word of a topic that carries on, and no such topic carried on from the sentence
        before; no list (`_may_list`); and a total word only when the sentence after holds no rate and may open
        no list.  (Property-tested against the full reading: tests/language/test_claims.py.)"""
        lex, text = self.lexicon, self.text
        quantities = self._sentence_quantities
        if self._measured(a, b, quantities):  # (first: what most sentences that are read are read for)
            return False
        if lex.holds("rate", text, a, b) or lex.may_state_anywhere(text, a, b) or self._carries(si, a, b, paragraph):
            return False
        counts = [q for q in quantities if q.unit != "%"]
        if self._may_list(a, b, counts):
            return False
        if counts and si + 1 < len(self.sentences) and lex.holds("total", text, a, b):
            na, nb = self.sentences[si + 1]
            after = [q for q in self.quantities_in(na, nb) if q.unit != "%"]
            return not (lex.holds("rate", text, na, nb) or self._may_list(na, nb, after))
        return True

    def _carries(self, si: int, a: int, b: int, paragraph: int) -> bool:
        """May the sentence text[a:b] carry a topic on to a claim of the next sentence (共承办建议30件。已办结28件。)?
        When it names a topic that carries on, or takes one from the sentence before, and the next sentence, in
        the same paragraph, holds a number or a quantifier (else it has no claim to take it)."""
        lex, text = self.lexicon, self.text
        last = self.claims[-1] if self.claims else None
        if not (lex.holds("carried", text, a, b) or (last is not None and last.sentence == si - 1
                                                       and last.paragraph == paragraph and last.topic in lex.carried)):
            return False
        if si + 1 >= len(self.sentences):
            return False
        na, nb = self.sentences[si + 1]
        return "\n" not in text[b - 1:na] and (bool(self.quantities_in(na, nb)) or lex.may_state(text, na, nb))

    def _measured(self, a: int, b: int, quantities: list[Quantity]) -> bool:
        """May a count of the sentence text[a:b] (or a share) be settled on a measure: a measure word in the clause
        of a count in a measure's unit or of a percent?  The clause, loosely: as far as the marks that always end
        one (，；：。…; a 、 or a bracket may not), which no word of a clause crosses.  Each clause is searched once
        (a crawled page's sentence may hold thousands of counts)."""
        lex, text = self.lexicon, self.text
        if not lex.holds("measure", text, a, b):
            return False
        marks = [m.start() for m in _HARD_MARK_RE.finditer(text, a, b)]
        searched = -1  # where the clauses searched so far end (the quantities are in text order)
        for q in quantities:
            if q.end <= searched or not (q.unit == "%" or q.unit in lex.measure_units):
                continue
            k = bisect.bisect_left(marks, q.start)
            start = marks[k - 1] + 1 if k else a
            k = bisect.bisect_left(marks, q.end, k)
            searched = marks[k] if k < len(marks) else b
            if lex.holds("measure", text, start, searched):
                return True
        return False

    def _may_list(self, a: int, b: int, counts: list[Quantity]) -> bool:
        """May the sentence text[a:b] (with these counts) hold a list: a marker where a clause or the piece after
        a count may open (`Lexicon.may_open_list`), or a bracket among two counts or more (a breakdown:
        审批事项130项（许可73项…）)?"""
        lex, text = self.lexicon, self.text
        if len(counts) >= 2 and ("（" in text[a:b] or "(" in text[a:b]):
            return True
        if lex.may_open_list(text, a, b) or any(lex.may_open_list(text, q.end, b) for q in counts):
            return True
        return lex.may_open_list_after_mark(text, a, b)

    # ── one clause ──────────────────────────────────────────────────────────────────────────────────
    def _segment(self, a: int, b: int, words: list[Word], quantities: list[Quantity]) -> list[_Token]:
        """The tokens of a clause text[a:b], given its words and quantities (`words_in`, `quantities_in`)."""
        counts = [q for q in quantities if q.unit != "%"]
        if not counts:
            return self._countless(a, b, words, quantities)
        q_starts = list(map(_START_OF, quantities))
        tokens: list[_Token] = []
        starts = [a] + [q.end for q in counts[:-1]]
        ends = [q.end for q in counts[:-1]] + [b]
        k = 0  # the pieces follow one another: one walk over the clause's words gives each piece its own
        for i, (q, pa, pb) in enumerate(zip(counts, starts, ends)):
            if i:
                tokens.append(_Token("COMMA", pa, pa))
            j = k
            while j < len(words) and words[j].start < pb:
                j += 1
            piece_words = [w for w in words[k:j] if w.end <= pb]
            k = j
            tokens += self._count_piece(q, pa, pb, piece_words, quantities, q_starts)
        return tokens

    def _count_piece(self, q: Quantity, a: int, b: int, words: list[Word], quantities: list[Quantity],
                     q_starts: list[int]) -> list[_Token]:
        """The tokens of the piece text[a:b] of a clause around its count `q`, given the piece's words (those
        starting and ending within it) and the clause's quantities."""
        tokens: list[_Token] = []
        marker = self.lexicon.marker_at(self.text, a, b)
        frame = marker is not None and marker[2] == b
        label_start = a
        if marker is not None and not frame and marker[1] <= q.start:
            tokens.append(_Token(_MARKER_TOKEN[marker[0]], a, marker[1], marker=self.text[a:marker[1]]))
            label_start = marker[1]
        qs, qe = q.start, q.end
        # the words before the number (words_in(label_start, q.start)) and after it (words_in(q.end, b))
        label_words, trailing, comparison = [], [], False
        for w in words:
            if w.start >= qe:
                trailing.append(w)
            elif label_start <= w.start and w.end <= qs:
                label_words.append(w)
            else:
                continue
            if w.cls == "scope" and w.key == "comparison":
                comparison = True
        if comparison:
            return tokens + [_Token("WORDS", a, b)]
        words = label_words + trailing
        claim = self._count_claim(q, label_start, b, label_words, trailing, words)
        stop = self._ends_a_list(label_start, label_words) and not frame
        tokens.append(_Token("STOP" if stop else "COUNT", label_start, b, claim=claim))
        if frame:
            tokens[-1].kind = "HEAD"
            tokens.append(_Token(_MARKER_TOKEN[marker[0]], b, b, marker=self.text[a:b]))
        lo = bisect.bisect_left(q_starts, qe)
        percents = [p for p in quantities[lo:bisect.bisect_left(q_starts, b, lo)] if p.unit == "%" and p.end <= b]
        if percents:
            self._percents(claim, percents, trailing)
        if self.lexicon.open and self.text[q.end:b].lstrip(" ").startswith(self.lexicon.open):
            tokens.append(_Token("OPEN", q.end, b))
        return tokens

    def _ends_a_list(self, label_start: int, label: list[Word]) -> bool:
        """另有3件… adds to what was listed; 合计8件 sums it up: neither is one more part."""
        if any(w.cls == "totals" for w in label):
            return True
        return bool(label) and label[0].cls == "additive" and not self.text[label_start:label[0].start].strip()

    def _percents(self, claim: Claim, percents: list[Quantity], trailing: list[Word]) -> None:
        """A share printed after a count in its own clause (予以公开20件占比43.5%) belongs to it; a rate
        (办复率100%) is a claim of its own.  `trailing`: the words after the count (in order, so that those
        before a percent are a prefix of them)."""
        ends = [w.end for w in trailing]
        for pct in percents:
            before = trailing[:bisect.bisect_right(ends, pct.start)]
            if any(w.cls == "rates" for w in before):
                self._pending_rate(pct, before)
            elif claim.share is None and any(w.cls == "shares" for w in before):
                claim.share = Share(pct.value, pct.places, pct.start, pct.end, pct.raw)

    def _pending_rate(self, pct: Quantity, before: list[Word]) -> None:
        rate = next(w for w in reversed(before) if w.cls == "rates")
        self._extra.append(Claim("rate", (), pct.value, "%", rate.start, pct.end, (rate.start, pct.end),
                                 self._si, self._paragraph, approximate=pct.approximate, places=pct.places,
                                 label=rate.text))

    def _countless(self, a: int, b: int, words: list[Word], quantities: list[Quantity]) -> list[_Token]:
        marker = self.lexicon.marker_at(self.text, a, b)
        if marker is not None:
            out = [_Token(_MARKER_TOKEN[marker[0]], a, marker[1], marker=self.text[a:marker[1]])]
            if self.text[marker[1]:b].strip(" "):
                out.append(_Token("WORDS", marker[1], b))
            return out
        if not words and not quantities:
            return [_Token("WORDS", a, b)]
        percents = [q for q in quantities if q.unit == "%"]
        if percents:
            return self._percent_clause(a, b, percents[0], words)
        statement = self._statement(a, b, words)
        if statement is not None:
            return [_Token("STATE", a, b, claim=statement)]
        return [_Token("WORDS", a, b)]

    def _percent_clause(self, a: int, b: int, pct: Quantity, words: list[Word]) -> list[_Token]:
        before = [w for w in words if w.end <= pct.start]
        if any(w.cls == "rates" for w in before):
            self._pending_rate(pct, before)
            return [_Token("WORDS", a, b)]
        if not any(w.cls == "shares" for w in before):
            return [_Token("WORDS", a, b)]
        measures = self._measures([w for w in before if w.cls != "shares"], [], words)
        claim = Claim("share", measures, pct.value, "%", a, b, (pct.start, pct.end), self._si, self._paragraph,
                      approximate=pct.approximate, places=pct.places, label=self.text[a:pct.start])
        claim.share = Share(pct.value, pct.places, pct.start, pct.end, pct.raw)
        self._describe(claim, words)
        return [_Token("SHARE", a, b, claim=claim)]

    # ── what a count counts ──────────────────────────────────────────────────────────────────────────
    def _count_claim(self, q: Quantity, a: int, b: int, label: list[Word], trailing: list[Word],
                     words: list[Word]) -> Claim:
        measures = self._measures(label, trailing, words, q.unit)
        label_text = self.text[a:q.start]
        claim = Claim("count", measures, q.value, q.unit, a, b, (q.num_start, q.end), self._si, self._paragraph,
                      approximate=q.approximate, label=label_text)
        if label_text.strip(" ：:").startswith(self.lexicon.catch_all or ("\0",)) and not any(
                self.lexicon.measures[m].category for m in measures):
            claim.measures = ()  # 其它公开答复数1条: a catch-all of its list, not the total of answers
        if self.lexicon.remainder(label_text):
            claim.measures = ()  # 不予公开等其他3件: what remains of the list, not the category it names
        scope = nearest = None  # the label's first scope, and its last topic (the noun nearest the number)
        for w in label:
            cls = w.cls
            if cls == "totals":
                claim.total = True
            elif cls == "scope":
                if scope is None and w.key != "comparison":
                    scope = w.key
            elif cls == "topic":
                nearest = w
        claim.scope = scope if scope is not None else "year"
        self._describe(claim, words, nearest)
        return claim

    def _describe(self, claim: Claim, words: list[Word], nearest: Word | None = None) -> None:
        """Topic, parents and subject named in the clause itself.  The most specific topic named wins, unless
        the noun the count stands on (`nearest`: the last topic word before a count's number) is a topic that
        heads what it counts (依申请公开信息数317条 counts 信息)."""
        lex = self.lexicon
        topics, measures, applicants = [], [], set()
        manner = subject = channel = None
        for w in words:  # the clause's words by class, in one pass
            cls = w.cls
            if cls == "topic":
                topics.append(w.key)
            elif cls == "measure":
                measures.append(w.key)
            elif cls == "manner":
                manner = w.key if manner is None else manner
            elif cls == "subjects":
                subject = w.text if subject is None else subject
            elif cls == "channels":
                channel = w.text if channel is None else channel
            elif cls == "applicant":
                applicants.add(w.key)
        claim.explicit_topics = self._topics_named(topics, measures)
        claim.explicit_topic = min(claim.explicit_topics, key=lex.topic_rank.get, default=None)  # the most specific
        if (nearest is not None and nearest.key in lex.heads
                and not _HEAD_FILLER_RE.sub("", self.text[nearest.end:claim.at[0]])):
            claim.explicit_topic = nearest.key  # the noun the number stands on: …信息数317条, …政府信息4条
        claim.manner_topic = manner
        parents = [key for key in measures if key in lex.parent_names]
        parents += [m for key in topics if (m := lex.topic_measure(key))]
        claim.own_parents = tuple(dict.fromkeys(parents))
        claim.subject = subject
        claim.channel = channel
        claim.applicant = applicants.pop() if len(applicants) == 1 else None  # 公民、法人或者其他组织: all of them

    def _topics_named(self, topics: list[str], measures: list[str]) -> frozenset:
        """The topics a clause names: by topic words, or by a measure that names its topic (行政复议)."""
        lex = self.lexicon
        found = set(topics)
        found.update(lex.topic_of_measure[key] for key in measures if key in lex.topic_of_measure)
        named = frozenset(t for t in found if t in lex.topic_rank)
        return _SETS.setdefault(named, named)  # one object per set: a long text makes hundreds of thousands

    def _measures(self, label: list[Word], trailing: list[Word], clause: list[Word], unit: str | None = None) -> tuple[str, ...]:
        """The measure(s) of a count: from the words before its number, else after it; a category wins
        over a flow word; the word nearest the number, with the words joined to it by 和/及/、."""
        def usable(w: Word) -> bool:
            m = self.lexicon.measures[w.key]
            return not self._unless(m, clause) and (unit is None or unit in m.units)

        side, found = "label", [w for w in label if w.cls == "measure" and usable(w)]
        if not found:
            side, found = "trailing", [w for w in trailing if w.cls == "measure" and usable(w)]
        if any(self.lexicon.measures[w.key].category for w in found):
            found = [w for w in found if self.lexicon.measures[w.key].category]
        if len(found) > 1:  # 属于已主动公开答复数1件: 主动公开 names no information here, 答复 is the measure
            named = [w for w in found if not self._topic_unnamed(self.lexicon.measures[w.key], clause)]
            found = named or found
        if not found:
            return ()
        nearest = found[-1] if side == "label" else found[0]
        if self._negated(nearest, clause):
            return ()
        group = [nearest]
        rest = found[:found.index(nearest)]
        for w in reversed(rest):
            if not self._joined(w, group[0], clause):
                break
            group.insert(0, w)
        names = tuple(dict.fromkeys(w.key for w in group))
        if any(w.key not in names for w in found):
            return ()  # 受理申请并答复15件: two measures and no word that joins them — not settled
        return names

    def _topic_unnamed(self, measure: Measure, clause: list[Word]) -> bool:
        """Does a measure that needs its topic named (主动公开: of information) find no word of it in the clause?"""
        return measure.needs_topic and measure.topic is not None and not any(
            w.cls == "topic" and w.key is not None and self.lexicon.topic_fits(measure, w.key) for w in clause)

    def _unless(self, measure: Measure, clause: list[Word]) -> bool:
        if not measure.unless:
            return False
        a = min(w.start for w in clause) if clause else 0
        b = max(w.end for w in clause) if clause else 0
        return any(u in self.text[a:b] for u in measure.unless) or any(w.text in measure.unless for w in clause)

    def _negated(self, word: Word, clause: list[Word]) -> bool:
        return any(w.cls == "none" and w.end == word.start for w in clause)

    def _joined(self, first: Word, second: Word, clause: list[Word]) -> bool:
        """Are two measure words one compound: only a conjunction (and fillers) between them?"""
        between = self.text[first.end:second.start]
        inner = [w for w in clause if first.end <= w.start and w.end <= second.start]
        if not any(w.cls == "conjunctions" for w in inner):
            return False
        rest = between
        for w in sorted(inner, key=lambda w: -len(w.text)):
            if w.cls in ("conjunctions", "topic"):
                rest = rest.replace(w.text, "", 1)
        for filler in sorted(_COMPOUND_FILLER, key=len, reverse=True):
            rest = rest.replace(filler, "")
        return rest == ""

    # ── statements: 均获维持, 均已办结, 未收到…申请 ────────────────────────────────────────────────────────
    def _statement(self, a: int, b: int, words: list[Word]) -> Claim | None:
        none = next((w for w in words if w.cls == "none"), None)
        if none is not None:
            after = next((w for w in words if w.start == none.end), None)
            if after is not None and after.cls in ("events", "measure"):
                return self._none_statement(a, b, none, words)
        quantifier = next((w for w in words if w.cls == "all"), None)
        if quantifier is not None:
            return self._all_statement(a, b, quantifier, words)
        return None

    def _none_statement(self, a: int, b: int, none: Word, words: list[Word]) -> Claim | None:
        after = [w for w in words if w.start >= none.end]
        measures = [w.key for w in after if w.cls == "measure"]
        measures += [m for w in after if w.cls == "topic" and (m := self.lexicon.topic_measure(w.key))]
        measures = [m for m in dict.fromkeys(measures) if m in self.lexicon.measures
                    and not self._unless(self.lexicon.measures[m], words)]
        cases = [m for m in measures if self.lexicon.measures[m].topic in self.lexicon.parent_topics]
        measures = cases or measures  # 未收到…行政复议申请: no review, not no request
        if not measures:
            return None
        last = max((w for w in after if w.cls in ("measure", "topic")), key=lambda w: w.end, default=none)
        claim = Claim("none", tuple(measures), Decimal(0), "", a, b, (none.start, last.end), self._si,
                      self._paragraph, label=self.text[a:b])
        self._describe(claim, words)
        return claim

    def _all_statement(self, a: int, b: int, quantifier: Word, words: list[Word]) -> Claim | None:
        after = [w for w in words if w.start >= quantifier.end and w.cls == "measure"
                 and self.lexicon.measures[w.key].excludes]
        if not after:
            return None
        measure = self.lexicon.measures[after[0].key]
        verbs = [w.text for w in after if w.key == measure.name]
        if any(w.cls == "timeliness" for w in words) and (
                all(v in measure.weak for v in verbs) or not any(w.cls == "already" for w in words)):
            return None  # 均在法定期限内予以答复, 均在法定期限内办结: in time, not "all done"
        claim = Claim("all", (measure.name,), None, "", a, b, (quantifier.start, after[-1].end), self._si,
                      self._paragraph, label=self.text[a:b])
        self._describe(claim, words)
        return claim

    # ── enumerations ────────────────────────────────────────────────────────────────────────────────
    def _enumerations(self, tokens: list[_Token], si: int) -> list[Enumeration]:
        return [self._enumeration(shape, tokens, si) for shape in _enumeration_nodes(tuple(t.kind for t in tokens))]

    def _enumeration(self, shape: "_Shape", tokens: list[_Token], si: int) -> Enumeration:
        head = tokens[shape.head].claim if shape.head is not None else None
        marker_tok = tokens[shape.marker]
        parts: list[Claim] = []
        separator, is_open, closed = "", False, True
        if shape.body is not None:
            indexes = shape.items
            parts = [tokens[i].claim for i in indexes if tokens[i].kind == "COUNT"]
            is_open = any(tokens[i].kind == "OPEN" for i in indexes)
            separator = {"comma_list": "，", "semicolon_list": "；", "enum_list": "、"}[shape.body]
            closed = _closed(tokens, max(indexes) + 1, separator)
        parts, cut = self._same_family(head, parts)
        channels = sum(1 for p in parts if any(w.cls == "channels" for w in self.words_in(p.start, p.at[0])))
        return Enumeration(head, parts, marker_tok.marker, marker_tok.kind == "WHOLE", is_open, closed and not cut,
                           any(self._catch_all(p) for p in parts), separator, si, overlapping=channels >= 2)

    def _catch_all(self, part: Claim) -> bool:
        """其他应主动公开政府信息856条 covers whatever the list left out; 其他处理1件 is a category of its own."""
        return part.label.strip(" ：:").startswith(self.lexicon.catch_all) and not part.measures

    def _same_family(self, head: Claim | None, parts: list[Claim]) -> tuple[list[Claim], bool]:
        """The parts up to the first that counts other things than the total (件 and 次 do not add up)."""
        family = self.lexicon.family((head or (parts[0] if parts else None)).unit) if (head or parts) else None
        for i, part in enumerate(parts):
            if self.lexicon.family(part.unit) != family:
                return parts[:i], True
        return parts, False

    def _heads_from_previous_sentence(self) -> None:
        """A breakdown whose total is not before its marker in its own sentence (…建议2件。目前，…，办理结果为
        A类1件、D类1件) takes the last total of the same kind of the sentence before, when no count of that
        kind stands between them."""
        for enum in self.enumerations:
            if enum.head is not None or not enum.parts:
                continue
            first = enum.parts[0]
            family = self.lexicon.family(first.unit)
            before = [c for c in self.by_sentence.get(enum.sentence - 1, [])
                      if c.kind == "count" and self.lexicon.family(c.unit) == family]
            if not before or not before[-1].total:
                continue
            between = [q for q in self._standing(self.quantities_in(before[-1].at[1], first.start))
                       if q.unit != "%" and self.lexicon.family(q.unit) == family]
            if not between:  # another count of the kind (同比增长20条) stands between: not its total
                enum.head, enum.distant = before[-1], True

    # ── what the words of a sentence settle together ─────────────────────────────────────────────────
    def _settle(self, claims: list[Claim], enumerations: list[Enumeration]) -> None:
        claims.sort(key=_START_OF)
        # the first cumulative word of the sentence and the first topic that carries on, in one walk
        since = covering = None
        carried = self.lexicon.carried
        for w in self._read_sentence_words()[0]:
            if since is None and w.cls == "scope" and w.key == "cumulative":
                since = w.end
            elif covering is None and w.cls == "topic" and w.key in carried:
                covering = w.key
            else:
                continue
            if since is not None and covering is not None:
                break
        self._carry_scope(claims, since)
        heads = {id(p): e.head for e in enumerations for p in e.parts if e.head is not None}
        headless = any(e.head is None for e in enumerations)
        prior = self._prior_topic() if headless else None
        if prior is not None:  # …工作动态和政务信息。其中主动公开253份、依申请公开及不予公开409份: the whole is named before
            heads.update({id(p): _Whole(prior) for e in enumerations for p in e.parts if e.head is None})
        previous: list[Claim] = []
        # An "all …" speaks of the claims since the "all …" before it (复议2件，均获维持，诉讼1件，均胜诉), or — when
        # none came between — of those that one spoke of (受理44件，均已答复，均未收费); a third in a row speaks of
        # nothing stated (所有…均…).  So a sentence of thousands of clauses (a crawled page without 。) costs each
        # "all" its own group, not everything before it.
        since, reusable, last_topic, last_parented = 0, [], None, None
        for claim in claims:
            group = previous[since:] if claim.kind == "all" else []  # (a copy only for an "all": a table run
            window = group or reusable                                 # into prose holds hundreds of counts)
            self._settle_topic(claim, last_topic, covering, heads.get(id(claim)), not previous)
            self._settle_parents(claim, window, last_parented, heads.get(id(claim)))
            claim.qualified = all(any(n in self._sentence_text for n in self.lexicon.measures[m].needs)
                                  for m in claim.measures if self.lexicon.measures[m].needs)
            if claim.subject is None and previous:
                claim.subject = previous[-1].subject
            previous.append(claim)
            if claim.topic is not None:
                last_topic = claim.topic
            if any(m in self.lexicon.parent_names for m in claim.measures):
                last_parented = claim
            if claim.kind == "all":
                claim.quantifies = self._quantified(claim, window)
                since, reusable = len(previous), group
        self._link_additions(claims)
        _mark_narrower(enumerations)
        for enum in enumerations:
            self._unsettle_mixed(enum)

    def _unsettle_mixed(self, enum: Enumeration) -> None:
        """A list of parts that names a flow (答复, 办结) beside a category of that flow (予以公开) counts by a
        classification of its own (属于已主动公开答复数1条，同意公开答复数1条): the flow part is a kind the vocabulary
        does not know, and the categories beside it may be narrower than the table's — no part is compared."""
        measures = self.lexicon.measures
        flows = [p for p in enum.parts if p.measures and not any(measures[m].category for m in p.measures)]
        categories = [p for p in enum.parts if p.measures and all(measures[m].category for m in p.measures)]
        if any(measures[f.measures[0]].topic is not None and measures[f.measures[0]].topic == measures[c.measures[0]].topic
               for f in flows for c in categories):
            for part in enum.parts:
                part.measures = ()

    def _quantified(self, statement: Claim, previous: list[Claim]) -> list[Claim]:
        """The counts "all …" speaks of when it names nothing itself (复议2件，均获维持; 44件申请，均依法予以答复):
        those before it in its sentence about the same thing — the case types an outcome belongs to, else its
        topic.  `所有申请均已办结` names its subject: all of it."""
        if statement.explicit_topics:
            return []
        counts = [c for c in previous if c.kind == "count" and not c.approximate]
        if statement.parents:
            return [c for c in counts if c.measures and set(c.measures) <= set(statement.parents)]
        return [c for c in counts if c.topic == statement.topic and statement.topic is not None]

    def _carry_scope(self, claims: list[Claim], since: int | None) -> None:
        """截至目前，全市共受理申请500件: a cumulative word earlier in the sentence covers what follows it.
        `since`: where the first cumulative word of the sentence ends (the claims that start from there on
        follow one)."""
        if since is None:
            return
        for claim in claims:
            if claim.scope == "year" and since <= claim.start:
                claim.scope = "cumulative"

    def _take_extra(self) -> list[Claim]:
        extra, self._extra = self._extra, []
        return extra

    def _settle_topic(self, claim: Claim, last_topic: str | None, covering: str | None,
                      whole: Claim | None = None, first: bool = True) -> None:
        """The topic the clause names, else — for a part of a list — the topic of the whole it is a part of,
        else the one the sentence spoke of (or the sentence before, for a topic that carries on, such as 人大建议),
        else such a topic when the sentence names it anywhere, else the measure's own.  A part naming another
        topic than its whole (政府信息共510条，其中…依申请公开信息数317条) is not settled: its words name a kind of the
        whole, not what it counts."""
        claim.named = claim.measures
        if (whole is not None and whole.topic is not None and claim.measures
                and claim.explicit_topic is not None and not self._related(claim.explicit_topic, whole.topic)):
            claim.topic, claim.measures = whole.topic, ()
            return
        in_sentence = last_topic  # the last topic a claim before it in the sentence settled on
        if whole is not None and whole.topic is not None:
            in_sentence = whole.topic
        before = None
        if first and self.claims and self.claims[-1].paragraph == claim.paragraph \
                and self.claims[-1].sentence == claim.sentence - 1 and self.claims[-1].topic in self.lexicon.carried:
            before = self.claims[-1].topic  # 共承办人大代表建议30件。已办结28件。
        # a manner (依申请) names the object of a flow (受理依申请公开45件: requests); a category of disclosure
        # (依申请公开及不予公开373份) is said of whatever the sentence counts
        manner = claim.manner_topic if claim.measures and not self.lexicon.measures[claim.measures[0]].category else None
        said = claim.explicit_topic or manner or in_sentence or claim.manner_topic  # what the sentence itself says
        if said is not None:
            claim.topic = said
        elif before is not None:
            claim.topic = before
        elif covering is not None:
            claim.topic = covering
        elif claim.measures and claim.kind not in ("all", "none"):  # a statement names what it is about
            claim.topic = self.lexicon.measures[claim.measures[0]].topic
        fits = []
        for name in claim.measures:
            m = self.lexicon.measures[name]
            topic = said if m.needs_topic else claim.topic
            if (m.needs_topic or claim.kind in ("all", "none")) and topic is None and m.topic is not None:
                continue  # 受理15件 with no word of what, 均已办结 with no word of whose
            if (self.lexicon.topic_fits(m, topic) or m.topic in claim.explicit_topics
                    or (m.parented and claim.topic in self.lexicon.parent_topics)):
                fits.append(name)
        claim.measures = tuple(fits) if len(fits) == len(claim.measures) else ()

    def _prior_topic(self) -> str | None:
        """The last topic the sentence before names (in the same paragraph): what a list opened without a total
        (其中 at the start of a sentence) breaks down."""
        if self._si == 0:
            return None
        a, b = self.sentences[self._si - 1]
        if "\n" in self.text[b:self.sentences[self._si][0]]:
            return None
        return next((w.key for w in reversed(self.words_in(a, b)) if w.cls == "topic"), None)

    def _related(self, a: str, b: str) -> bool:
        """The same topic, or one the other's kind (规范性文件 and 文件)."""
        parent = lambda t: self.lexicon.topics.get(t, {}).get("parent")  # noqa: E731
        return a == b or parent(a) == b or parent(b) == a

    def _settle_parents(self, claim: Claim, window: list[Claim], before: Claim | None, head: Claim | None) -> None:
        """The case types a claim's outcome belongs to: its own, its list's head's, for "all …" those of the claims
        it speaks of (`window`), else those of the last claim before it that names one (`before`)."""
        if not any(self.lexicon.measures[m].parented for m in claim.measures):
            return
        names = self.lexicon.parent_names
        if claim.own_parents:
            claim.parents = claim.own_parents
        elif head is not None and any(m in names for m in head.measures):
            claim.parents = tuple(m for m in head.measures if m in names)
        elif claim.kind == "all":
            claim.parents = tuple(dict.fromkeys(m for c in window for m in c.measures if m in names))
        else:
            claim.parents = tuple(m for m in before.measures if m in names) if before else ()

    def _link_additions(self, claims: list[Claim]) -> None:
        """现行有效的规范性文件210件，本年度新制发的31件已同步更新: a stock stated before the year's additions."""
        adding = self.lexicon.with_additions
        if not any(len(c.measures) == 1 and c.measures[0] in adding for c in claims):
            return
        later: dict[tuple, list[int]] = {}  # (measures, topic) of an exact count → where such counts stand
        for i, c in enumerate(claims):
            if c.kind == "count" and not c.approximate:
                later.setdefault((c.measures, c.topic), []).append(i)
        for i, claim in enumerate(claims):
            if claim.kind != "count" or len(claim.measures) != 1:
                continue
            added = self.lexicon.measures[claim.measures[0]].additions
            if added is None:
                continue
            places = later.get(((added,), claim.topic), ())
            k = bisect.bisect_right(places, i)  # the first such count after it
            claim.addition = claims[places[k]] if k < len(places) else None


_MARKER_TOKEN = {"subset": "SUBSET", "whole": "WHOLE"}


@dataclass
class _Whole:
    """The whole a headless list breaks down, known only by its topic (named in the sentence before)."""

    topic: str | None
    measures: tuple[str, ...] = ()
# What may stand between a noun and the number it heads: 信息数317条, 政府信息共4条, 信息（文件）411份
_HEAD_FILLER_RE = re.compile(r"[数类共计合总量的为有：:\s]|（[^（）]*）|\([^()]*\)")


def _mark_narrower(enumerations: list[Enumeration]) -> None:
    """全县新收申请44件，其中县政府本级新收20件: a part counting what its total counts is a narrower body's."""
    for enum in enumerations:
        if enum.head is None or not enum.head.measures:
            continue
        for part in enum.parts:
            part.narrower = part.measures == enum.head.measures


def _closed(tokens: list[_Token], after: int, separator: str) -> bool:
    """Does a list end where lists end — its sentence, a bracket, or (a comma list) a semicolon?  A list of
    、 ends at a comma too, unless a count follows it (A类5件、B类3件，C类2件: the list goes on otherwise)."""
    if after >= len(tokens):
        return True
    kind = tokens[after].kind
    if kind == "RPAR":
        return True
    if separator == "、" and kind in ("COMMA", "SEMI"):
        return after + 1 >= len(tokens) or tokens[after + 1].kind not in COUNTS
    return separator == "，" and kind == "SEMI"


def _cut(text: str, a: int, b: int) -> list:
    """A sentence as clauses (a, b) and punctuation tokens, in order."""
    out: list = []
    start = a
    for m in _CLAUSE_MARK_RE.finditer(text, a, b):
        i = m.start()
        ch = text[i]
        if ch in SENTENCE_ENDS:
            if i > start:
                out.append((start, i))
            start = i + 1
            continue
        kind = SEPARATORS.get(ch)
        if kind is None or (ch in ",:" and 0 < i < len(text) - 1 and text[i - 1].isdigit() and text[i + 1].isdigit()):
            continue
        if kind in ("LPAR", "RPAR") and _aside(text, i, b):
            continue  # 共制作政府信息（文件）617份: a bracketed word without a number is part of its clause
        if i > start and text[start:i].strip():
            out.append((start, i))
        out.append(_Token(kind, i, i + 1))
        start = i + 1
    if b > start and text[start:b].strip():
        out.append((start, b))
    return out


_ASIDE_RE = re.compile(r"[（(][^（）()0-9０-９%％，,；;。]{1,10}[）)]")


def _aside(text: str, i: int, end: int) -> bool:
    """Is the bracket at `i` one of a short aside without a number or a clause mark ((文件), （区）)?"""
    if text[i] in "（(":
        m = _ASIDE_RE.match(text, i, end)
        return m is not None
    # an aside is at most 12 characters long: looking further back (to the text's start when it has no
    # bracket) made a long text quadratic
    low = max(0, i - 11)
    opening = max(text.rfind("（", low, i), text.rfind("(", low, i))
    return opening >= 0 and _ASIDE_RE.fullmatch(text, opening, i + 1) is not None


def _merged(items: list, quantities: list[Quantity], q_starts: list[int]) -> list:
    """Clauses without a count joined by 、 to the next clause are one clause: 予以公开、部分公开共120件,
    未发生…行政复议、提起行政诉讼的情况.  (`quantities`: the sentence's, in order, with their starts.)"""
    def countless(a: int, b: int) -> bool:
        lo = bisect.bisect_left(q_starts, a)
        return not any(q.unit != "%" and q.end <= b for q in quantities[lo:bisect.bisect_left(q_starts, b, lo)])

    out: list = []
    i, n = 0, len(items)
    while i < n:
        item = items[i]
        while (i + 2 < n and isinstance(item, tuple) and isinstance(items[i + 1], _Token)
               and items[i + 1].kind == "ENUM" and isinstance(items[i + 2], tuple) and countless(*item)):
            item = (item[0], items[i + 2][1])
            i += 2
        out.append(item)
        i += 1
    return out


def _attach_shares(tokens: list[_Token]) -> list[_Token]:
    """A share clause right after a count (，占50% or （占50%）) is that count's share, not a token of its own."""
    out: list[_Token] = []
    bracket = False  # the share was opened by a bracket: its closing bracket goes too
    for tok in tokens:
        if tok.kind == "SHARE":
            target = _share_target(out)
            if target is not None and target.claim.share is None:
                target.claim.share = tok.claim.share
                bracket = out[-1].kind == "LPAR"
                while out[-1] is not target:
                    out.pop()
                continue
        if bracket and tok.kind == "RPAR":
            bracket = False
            continue
        bracket = False
        out.append(tok)
    return out


def _share_target(out: list[_Token]) -> _Token | None:
    if out and out[-1].kind in COUNTS:
        return out[-1]
    if len(out) >= 2 and out[-1].kind in ("COMMA", "LPAR") and out[-2].kind in COUNTS:
        return out[-2]
    return None


def _bracket_breakdowns(tokens: list[_Token]) -> list[_Token]:
    """Counts in brackets right after a count break it down (回应申请2条（属于已主动公开1条，同意公开1条）): the
    bracket opens a breakdown as 其中 would."""
    out: list[_Token] = []
    listing = False  # a breakdown is already open: a bracket inside its list breaks down one part, not a new total
    for i, tok in enumerate(tokens):
        out.append(tok)
        listing = listing or tok.kind in ("SUBSET", "WHOLE")
        if (not listing and tok.kind == "LPAR" and i >= 1 and tokens[i - 1].kind in ("COUNT", "STOP")
                and i + 1 < len(tokens) and tokens[i + 1].kind == "COUNT"):
            out.append(_Token("SUBSET", tok.end, tok.end, marker="（"))
    return out


def _mark_heads(tokens: list[_Token]) -> None:
    """A count followed (past a comma, colon or bracket) by a marker is the total of a breakdown."""
    for i, tok in enumerate(tokens):
        if tok.kind not in ("COUNT", "STOP"):
            continue
        j = i + 1
        while j < len(tokens) and tokens[j].kind in ("COMMA", "COLON", "LPAR"):
            j += 1
        if j < len(tokens) and tokens[j].kind in ("SUBSET", "WHOLE"):
            tok.kind = "HEAD"


class _Shape(NamedTuple):
    """An enumeration of a sentence, by the indexes of its tokens: what `_enumeration` reads of its parse tree."""

    head: int | None          # the HEAD token, if any
    marker: int               # the marker's token (SUBSET or WHOLE)
    body: str | None          # comma_list, semicolon_list or enum_list; None: no list
    items: tuple[int, ...]    # the list's tokens (its counts, separators and OPEN)


_PARSES: dict[tuple[str, ...], list] = {}
_MAX_PARSES = 4096


def _enumeration_nodes(kinds: tuple[str, ...]) -> list["_Shape"]:
    """The enumerations of the parse of a sentence's tokens, given by their kinds, in text order: parsed once per
    sequence of kinds — reports state their lists in a few shapes, sentence after sentence — and never changed
    by the reader."""
    nodes = _PARSES.get(kinds)
    if nodes is None:
        nodes = _parse_shapes(kinds)
        if len(_PARSES) >= _MAX_PARSES:
            _PARSES.clear()
        _PARSES[kinds] = nodes
    return nodes


def _parse_shapes(kinds: tuple[str, ...]) -> list["_Shape"]:
    """The enumerations of the LALR parse of `grammar/claims.lark` (`linter.lalr.parse`), each read off as it is
    reduced.  Only the rules an enumeration is made of are built: the sentence's own rules hold every token of it,
    and building their values, a list grown item by item, was most of a parse's work.  A sequence lark rejects
    has no enumeration.  The tokens before the first that may open an enumeration (a total or a marker) are each
    an item of the sentence's own: the parse starts after them (it goes on as it would after any item) and the
    enumerations' token indexes are moved past them."""
    from linter import lalr

    skip = min([kinds.index(k) for k in _OPENERS if k in kinds], default=len(kinds))
    if not _ITEMS.issuperset(kinds[:skip]):
        skip = 0  # (a kind the grammar does not know: the parse rejects it where it stands)
    rest = kinds[skip:] if skip else kinds
    found: list[_Shape] = []

    def reduced(name: str, children: list) -> None:
        if name == "enumeration":
            found.append(_shape(children, rest))

    if lalr.parse(lalr.table("claims.lark", read_from="enumeration"), rest, reduced) is None:
        return []
    return [_moved(shape, skip) for shape in found] if skip else found


# the kinds that may open an enumeration, and those that are items of a sentence of their own only
_OPENERS = ("HEAD", "SUBSET", "WHOLE")
_ITEMS = frozenset(("COUNT", "STOP", "SHARE", "STATE", "OPEN", "WORDS", "COMMA", "SEMI", "COLON", "ENUM", "LPAR",
                    "RPAR"))


def _moved(shape: "_Shape", by: int) -> "_Shape":
    """An enumeration read from a stream that started `by` tokens later."""
    return _Shape(shape.head + by if shape.head is not None else None, shape.marker + by, shape.body,
                  tuple(i + by for i in shape.items))


def _shape(children: list, kinds: tuple[str, ...]) -> "_Shape":
    head = next((c for c in children if isinstance(c, int) and kinds[c] == "HEAD"), None)
    marker = next(c[1][0] for c in children if isinstance(c, tuple) and c[0] == "marker")
    body = next((c for c in children if isinstance(c, tuple) and c[0].endswith("_list")), None)
    return _Shape(head, marker, body[0] if body else None, tuple(body[1]) if body else ())
