"""Statements: what a clause says about a subject (the fee for processing information, say), read from its
content — a negation of the act, an amount, a dated fact — rather than matched against a list of sentences.

A clause that names the subject (outside a document title in 《》) is one of:

* `negated` — a negation word, a word of its own (jieba), governs the act or the subject: 未收取信息处理费,
  没有产生信息公开处理费, 无向申请人收取政府信息公开费用的情况, 零收费; or the subject is said to be nothing:
  信息处理费为0元, 信息处理费：无;
* `amount` — the subject or the act with an amount: 收取信息处理费300元, 信息处理费共计0.5万元;
* `affirmed` — the act and the subject said of a time (本年度收取信息处理费), not of a rule;
* `mention` — anything else: a regulation cited (严格执行《…信息处理费管理办法》), a rule stated
  (按照…规定的按件、按量收费标准, 依法收取信息处理费), a topic named.

The vocabulary (subject words, acts, negations, norms, exclusions) is data from the rule; the reading is here.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from typing import Callable, Iterator

from linter.language.sentences import Breaks, around, words_pattern
from linter.language.segmentation import BLOCK_CHARS, LocalTokens, Token, tokenize

_CLAUSE_RE = re.compile(r"[^，,。；;！？!?\n]+")
_TITLE_RE = re.compile(r"《[^《》]*》|〈[^〈〉]*〉|<[^<>]*>")
_AMOUNT_RE = re.compile(r"(?:\d[\d,]*(?:\.\d+)?|[零〇一二两三四五六七八九十百千万]+)\s*(?P<unit>万元|元)")
_YEAR_RE = re.compile(r"(?:19|20)\d{2}\s*年")
_BLOCK_RUN_RE = re.compile(f"{BLOCK_CHARS.pattern}+")
_ZERO_RE = re.compile(r"^\s*(?:为|是|[:：])?\s*(?:0(?:\.0+)?|零|无)\s*(?:万元|元)?\s*$")
# How far (characters, no punctuation) a negation may stand before what it negates: 无向申请人收取…费用
_NEGATION_REACH = 12


@dataclass(frozen=True)
class Vocabulary:
    subject: tuple[str, ...]      # the subject's words: 信息处理费, 处理费, 费用, 收费
    acts: tuple[str, ...]         # what is done to it: 收取, 收费, 计收, 产生, 发生
    negations: tuple[str, ...]    # words of their own that negate: 未, 没有, 无, 不, 零
    norms: tuple[str, ...]        # words of a rule, not a fact: 按照, 依据, 依法, 标准, 规定
    times: tuple[str, ...]        # words of a time the fact is said of: 本年度, 全年, 今年
    exclude: tuple[str, ...]      # other subjects holding the same words: 行政事业性收费, 经费

    @classmethod
    def of(cls, params: dict) -> "Vocabulary":
        return cls(*(tuple(params.get(name) or ()) for name in
                     ("subject", "acts", "negations", "norms", "times", "exclude")))


@dataclass(frozen=True)
class Statement:
    kind: str       # negated | amount | affirmed | mention
    start: int      # the clause (offsets in the text read)
    end: int

    @property
    def states(self) -> bool:
        """Does it say whether, or how much: anything but a mention."""
        return self.kind != "mention"


def read_statements(text: str, vocabulary: Vocabulary) -> list[Statement]:
    """Every clause of `text` that names the subject, read."""
    out = []
    for start, end in _naming_clauses(text, vocabulary.subject):
        clause = text[start:end]
        kind = _read_clause(clause, vocabulary, lambda: _sentence_of(text, start, end))
        if kind is not None:
            out.append(Statement(kind, start, end))
    return out


_CLAUSES = Breaks("，,。；;！？!?\n")  # what ends a clause of `_CLAUSE_RE`


def _naming_clauses(text: str, subject: tuple[str, ...]) -> Iterator[tuple[int, int]]:
    """(start, end) of the clauses of `text` (`_CLAUSE_RE`) that hold a subject word, in order: found around the
    places of the words, from one search for them all — most clauses of a report name no subject, and a look into
    each cost a step of Python per clause.  (A word holding a break could stand across clauses, and an empty one
    stands in all: those are looked for clause by clause.)"""
    words = words_pattern(subject, _CLAUSES)
    if words is None:
        yield from (m.span() for m in _CLAUSE_RE.finditer(text) if any(w in m.group() for w in subject))
        return
    lo = 0  # where the clause after the last one found starts at the earliest
    for m in words.finditer(text):
        if m.start() < lo:
            continue  # in the clause found last
        start, end = around(text, m.start(), m.end(), _CLAUSES, lo)
        yield start, end
        lo = end


_SENTENCES = Breaks("。！？\n")  # (a sentence here is without its end)


def _sentence_of(text: str, start: int, end: int) -> str:
    begin, stop = around(text, start, end, _SENTENCES)
    return text[begin:stop]


def _read_clause(clause: str, v: Vocabulary, sentence: Callable[[], str]) -> str | None:
    """The kind of statement a clause is (None: it does not name the subject); `sentence()` gives its sentence."""
    titled = any(_names(t, v) for t in _TITLE_RE.findall(clause))
    bare = _TITLE_RE.sub(lambda t: "　" * len(t.group()), clause)  # titles blanked, offsets kept
    excluded = [i for word in v.exclude for i in positions(bare, word)]
    for word in v.exclude:
        bare = bare.replace(word, "　" * len(word))
    if not _names(bare, v):
        return "mention" if titled else None
    if _negated(bare, v):
        return "negated"
    if any(_amount_of_subject(bare, m.start(), v, excluded) for m in _AMOUNT_RE.finditer(bare)):
        return "amount"
    if (_act_on_subject(bare, v) and not _has(bare, v.norms)
            and (_has(sentence(), v.times) or _YEAR_RE.search(sentence()))):
        return "affirmed"
    return "mention"


def _amount_of_subject(bare: str, at: int, v: Vocabulary, excluded: list[int]) -> bool:
    """Is the amount at `at` said of the subject: the nearest word before it is the subject or its act, not
    another subject (2023年行政事业性收费0万元 is not an information fee)?"""
    ours = [i for w in (*v.acts, *v.subject) for i in positions(bare[:at], w)]
    others = [i for i in excluded if i < at]
    return bool(ours) and max(ours) > max(others, default=-1)


def _act_on_subject(bare: str, v: Vocabulary) -> bool:
    """An act and the subject as two words near each other (收取信息处理费, 信息处理费收取), not one word naming
    a topic (收费方面)."""
    acts = [(i, i + len(w)) for w in v.acts for i in positions(bare, w)]
    subjects = [(i, i + len(w)) for w in v.subject for i in positions(bare, w)]
    return any((a_end <= s or s_end <= a) and min(abs(s - a_end), abs(a - s_end)) <= _NEGATION_REACH
               for a, a_end in acts for s, s_end in subjects)


def _names(text: str, v: Vocabulary) -> bool:
    return _has(text, v.subject)


def _has(text: str, words: tuple[str, ...]) -> bool:
    return any(w in text for w in words)


def _negated(bare: str, v: Vocabulary) -> bool:
    """A negation word of its own before the act or the subject (within reach), or the subject said to be
    nothing (信息处理费为0元, 处理费：无)."""
    targets = starts(bare, (*v.acts, *v.subject))
    # a negation token is a negation word where one is written: where none ends within reach before a target,
    # no token can, and the clause is not segmented
    near = targets and any(0 <= t - (i + len(w)) <= _NEGATION_REACH
                           for w in v.negations for i in positions(bare, w) for t in targets)
    for token in _negation_tokens(bare, v.negations) if near else ():
        if any(0 <= t - token.end <= _NEGATION_REACH and not re.search(r"\s", bare[token.end:t].replace("　", ""))
               for t in targets):
            return True
    for w in v.subject:
        for i in positions(bare, w):
            if _ZERO_RE.match(bare[i + len(w):]):
                return True
    return False


def _negation_tokens(bare: str, negations: tuple[str, ...]) -> list[Token]:
    """The tokens of `bare` that are negation words: only the blocks around a negation word's occurrences are
    segmented (`LocalTokens`), the clause is cut whole only for a negation word that is not a block's."""
    if not _in_blocks(negations):
        return [t for t in tokenize(bare) if t.text in negations]
    local = LocalTokens(bare)
    return [t for i in starts(bare, negations) for t in local.block_tokens(i) if t.start == i and t.text in negations]


@lru_cache(maxsize=16)
def _in_blocks(words: tuple[str, ...]) -> bool:
    """Whether every word is a run of block characters (asked of the rule's negation words, once per process)."""
    return all(_BLOCK_RUN_RE.fullmatch(w) for w in words)


def starts(text: str, words: tuple[str, ...]) -> list[int]:
    """Where one of `words` is written in `text`, in order, each place once: one search of the text for them all
    (a look-ahead, so that words starting inside one another are found too)."""
    return [m.start() for m in _starts_re(words).finditer(text)] if words else []


@lru_cache(maxsize=64)
def _starts_re(words: tuple[str, ...]) -> re.Pattern:
    return re.compile("(?=" + "|".join(map(re.escape, words)) + ")")


def positions(text: str, word: str) -> list[int]:
    """Where `word` is written in `text`, overlapping places included."""
    out, i = [], text.find(word)
    while i >= 0:
        out.append(i)
        i = text.find(word, i + 1)
    return out
