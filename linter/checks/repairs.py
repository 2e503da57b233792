"""How the segmenter reads a stretch of text before and after a one-character repair: the evidence the slip
detectors ask for before they report a slip that no fixed phrase of the domain explains.

A slip usually leaves an *orphan*: a character the segmenter reads as a word of its own because it no longer
forms one with its neighbours.  In 信息开发布 the stray 开 takes 发 into 开发 and leaves 布 alone
(信息/开发/布); in 为民办实施 the same-sounding 施 leaves 办 alone (为民/办/实施).  The repair takes the orphan
back into a word (信息/发布, 为民/办实事) and leaves no new one.  Text that is merely other wording reads as
well before as after: 信息已发布 (信息/已/发布) has no orphan but the inserted adverb.
"""
from __future__ import annotations

from dataclasses import dataclass

from linter.language.segmentation import BLOCK_RUN, LocalTokens, block_ends, tokenize

Span = tuple[int, int]


@dataclass(frozen=True)
class Repair:
    """The character at `at` replaced by `right`, or removed when `right` is ""."""

    at: int
    right: str


@dataclass(frozen=True)
class Reading:
    """The tokens of the block of text around a repair, before and after it, as offsets into the text (after a
    removal, the removed character is in no token and the others keep their offsets)."""

    text: str
    repair: Repair
    before: tuple[Span, ...]
    after: tuple[Span, ...]

    def orphans(self, lo: int, hi: int, after: bool = False) -> set[int]:
        """The characters of [lo, hi) that stand as one-character tokens, the repaired one left out."""
        return {a for a, b in (self.after if after else self.before)
                if b - a == 1 and lo <= a < hi and a != self.repair.at}

    def token(self, i: int, after: bool = False) -> Span | None:
        return next(((a, b) for a, b in (self.after if after else self.before) if a <= i < b), None)

    def mends(self, lo: int, hi: int, free: str = "") -> bool:
        """Whether the repair mends the reading of the window [lo, hi): an orphan of it (other than the repaired
        character, and other than the `free` characters, which stand alone in any text — unless the repaired
        character stood alone too: 真/对 → 针对) is taken into a word, and no character of the window is left
        alone that was not before."""
        before, after = self.orphans(lo, hi), self.orphans(lo, hi, after=True)
        if self.repair.right and self.token(self.repair.at) == (self.repair.at, self.repair.at + 1):
            free = ""
        return any(self.text[i] not in free for i in before - after) and after <= before

    def rereads(self, lo: int, hi: int) -> bool:
        """Whether the repair changes how the words around the repaired one are read inside the window [lo, hi)
        (为/民办/实施 → 为民/办实事: the boundary 民|办 moves), leaving no character alone that was not before."""
        def inner(tokens) -> set[int]:
            return {a for a, _ in tokens if lo < a < hi}
        return (inner(self.before) != inner(self.after)
                and self.orphans(lo, hi, after=True) <= self.orphans(lo, hi))

    def aligned(self, lo: int, hi: int, after: bool = False) -> bool:
        """Whether [lo, hi) starts and ends at token boundaries."""
        tokens = self.after if after else self.before
        return any(a == lo for a, _ in tokens) and any(b == hi for _, b in tokens)


def read_repaired(local: LocalTokens, repair: Repair) -> Reading:
    """The segmentation of the block holding the repaired character, before and after the repair."""
    tokens = local.block_tokens(repair.at)
    a, b = tokens[0].start, tokens[-1].end
    s = local.text
    block = s[a:repair.at] + repair.right + s[repair.at + 1:b]
    removed = not repair.right

    def back(i: int) -> int:  # an offset in the repaired block -> the offset in the text
        i += a
        return i + 1 if removed and i >= repair.at else i

    after = tuple((back(start), back(end - 1) + 1) for start, end in _spans(block))
    return Reading(s, repair, tuple((t.start, t.end) for t in tokens), after)


def _spans(block: str) -> list[tuple[int, int]]:
    """The tokens of the repaired block as (start, end): a block still one run of the characters jieba cuts
    together (nearly always) is cut as one, with no `Token` made; else as `tokenize` reads any text."""
    if BLOCK_RUN.fullmatch(block):
        ends = block_ends(block)
        return list(zip([0, *ends[:-1]], ends))
    return [(t.start, t.end) for t in tokenize(block)]
