"""A pattern tried only where its matches can start: a few places before each of the characters they hold.

A pattern whose every match holds a certain character (an anchor: 年, 月, 是, an opening bracket) a fixed
number of characters after its start need not be tried at every place of a text, as `finditer` tries it: a
search for the anchor (a literal or a set of characters, the quickest search there is) finds the few places
a match can start, and the pattern is tried there, in order, each past the match before — the matches
`finditer` finds, found in a fraction of the time when the pattern opens with a look-around or a frequent
character.
"""
from __future__ import annotations

import re
from heapq import heappop, heappush
from itertools import chain
from typing import Iterator


# Where anchors stand closer than this on average (characters; after the first few), trying the pattern at each
# costs more than its own scan of the text, which takes over from the last match (a page of 是是是…).
DENSE_GAP = 32
DENSE_AFTER = 32


def tried_near(pattern: re.Pattern, text: str, anchor: re.Pattern, reach: tuple[int, ...],
               pos: int = 0) -> Iterator[re.Match]:
    """The matches of `pattern.finditer(text, pos)`, for a pattern whose every match holds an `anchor` at one
    of the distances `reach` from its start.  The places wait in a heap until no later anchor can give one
    before them (a few at a time, however long the text).  Where the anchors are dense, `finditer` goes on
    from the last match: what it finds there is what the places would have given."""
    far = max(reach)
    waiting: list[int] = []
    end, tried, anchors = pos, -1, 0
    for found in chain(anchor.finditer(text, max(0, pos)), (None,)):
        anchors += 1
        if anchors > DENSE_AFTER and anchors * DENSE_GAP > (len(text) if found is None else found.start()) - pos:
            yield from pattern.finditer(text, max(end, 0))  # anchors everywhere: the pattern's own scan is quicker
            return
        final = len(text) if found is None else found.start() - far  # no later anchor gives a place before it
        while waiting and waiting[0] <= final:
            start = heappop(waiting)
            if start < end or start == tried:
                continue
            tried = start
            m = pattern.match(text, start)
            if m is not None:
                yield m
                end = m.end()
        if found is not None:
            for back in reach:
                heappush(waiting, found.start() - back)
