"""The sentence or clause around a place of a text, found from the breaks next to it.

Checks read the few sentences (or clauses) that hold a word, not every sentence of a text: each is found by
looking back from the word to the break before it and on to the break after it.  What ends a piece differs
between readers — a sentence ends at 。！？ and a newline, and for some at ； too; a clause also ends at a comma
— and so does whether a mark belongs to the piece it ends (a full stop may, a newline never does): `Breaks`
says both, and `around` serves them all.
"""
from __future__ import annotations

import re
from functools import lru_cache


class Breaks:
    """Where a text is cut into pieces: the characters that end a piece (`marks`), and those of them that belong
    to the piece they end (`kept`: its last character) — the others belong to no piece."""

    __slots__ = ("marks", "kept", "pattern")

    def __init__(self, marks: str, kept: str = "") -> None:
        assert set(kept) <= set(marks), "a kept mark is a break"
        self.marks = marks
        self.kept = kept
        self.pattern = re.compile(f"[{re.escape(marks)}]")  # compiled once, with the breaks

    def __repr__(self) -> str:  # pragma: no cover - debugging aid
        return f"Breaks({self.marks!r}, kept={self.kept!r})"


def around(s: str, start: int, end: int, breaks: Breaks, lo: int = 0) -> tuple[int, int]:
    """(begin, stop) of the piece of `s` holding s[start:end]: from past the last break before `start` to the
    first break at or after `end`, that break included where it is kept.  The look back stops at `lo` (where the
    piece found before ended: places visited in order keep the work linear in the text)."""
    begin = max(s.rfind(mark, lo, start) for mark in breaks.marks) + 1 or lo
    stop = breaks.pattern.search(s, end)
    if stop is None:
        return begin, len(s)
    return begin, stop.end() if stop.group() in breaks.kept else stop.start()


@lru_cache(maxsize=64)
def words_pattern(words: tuple[str, ...], breaks: Breaks) -> re.Pattern | None:
    """The words as one pattern, longest first, compiled once per process; None where there are none, or one is
    empty or holds one of `breaks` (it could stand across two pieces: such words are looked for piece by piece).
    A piece holds a word where the pattern's leftmost matches find one: a match that hides another inside it
    stands in the same piece."""
    if not words or any(not w or breaks.pattern.search(w) for w in words):
        return None
    return re.compile("|".join(map(re.escape, sorted(words, key=len, reverse=True))))
