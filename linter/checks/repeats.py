"""Characters and sequences written twice (的的, 年年, 项目项目): found once per document for every rule that
reports them — the doubled characters and words of `substitution.repeated`, `doubled`, `orphan_repeat` and the
doubled characters of `near_miss` — instead of one scan of the text by each rule's own pattern.

One scan finds every place where a sequence of one to `LONGEST` Chinese characters is followed by itself, with
the lengths that repeat there (the longest by the scan, the shorter ones compared); each rule then takes from
these places what its own pattern `([chars]{low,high})\\1` would have found, in the same order (`doubled`).  A
long text (a crawled page of megabytes) keeps nothing: each rule that asks scans it anew.
"""
from __future__ import annotations

import re
from typing import Iterable, Iterator

from linter.checks.context import Context
from linter.checks.soundview import kept

LONGEST = 8  # the longest sequence a rule may ask about (`doubled`'s max_length)
HAN = re.compile(r"[\u4e00-\u9fff]+")  # a sequence of the common Chinese characters (the rules' `unit`)
_SCAN = re.compile(rf"(?=([\u3400-\u9fff]{{1,{LONGEST}}})\1)")

Places = Iterable[tuple[int, tuple[int, ...]]]


def repeats(ctx: Context, scope: str) -> Places:
    """(start, lengths) of every place of the scope's text where a sequence of Chinese characters (U+3400–U+9FFF)
    of each of `lengths` (longest first) is written twice in a row; places in order, overlapping ones included."""
    s = ctx.scope_text(scope).text
    if not kept(s):
        return _scan(s)
    return ctx.cached(f"repeats:{scope}", lambda: list(_scan(s)))


def _scan(s: str) -> Iterator[tuple[int, tuple[int, ...]]]:
    for m in _SCAN.finditer(s):
        at, longest = m.start(), len(m.group(1))
        yield at, (longest, *[n for n in range(longest - 1, 0, -1) if s[at:at + n] == s[at + n:at + 2 * n]])


def doubled(places: Places, s: str, low: int, high: int, unit: re.Pattern | None = None) -> Iterator[tuple[int, int]]:
    """(start, length of the sequence) of what `re.finditer` of `([…]{low,high})\\1` finds in `s`, the sequence's
    characters being those `unit` matches a run of (all of U+3400–U+9FFF without it): at each place the longest
    length that fits, and the next match searched from the end of this one, as the pattern's finditer does."""
    resume = 0
    for at, lengths in places:
        if at < resume:
            continue
        for n in lengths:
            if low <= n <= high and (unit is None or unit.fullmatch(s, at, at + n)):
                yield at, n
                resume = at + 2 * n
                break
