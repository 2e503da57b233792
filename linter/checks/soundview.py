"""What the slip detectors (`near_miss`, `phrase_slip`) share of a report, made once per document: the text as
sound keys (`language.pinyin.sound_key`) and its windows of four Chinese characters as sounded, where both look
up the phrases they know by the sound of their first four characters.

A long text (a crawled page of megabytes) keeps nothing here: its sound key alone is tens of MB, and a rule that
needs its windows makes them a piece at a time, each piece translated on its own (`translated_windows`), so
that no more than a piece of it is ever held as sounds.
"""
from __future__ import annotations

import re
from itertools import chain
from typing import Iterable, Iterator

from linter.checks.context import Context

WINDOW = 4  # the characters of a window
_RUNS = re.compile(r"[\u4e00-\u9fff]{4,}")
_PIECE = 1 << 13  # the windows of a long text made at a time: a piece (its starts and keys) holds about 1 MB
_SPAN = 1 << 16   # … and spans at most about this many characters of text, so its sound key is small too
_KEPT = 200_000   # a text of up to this many characters keeps its windows for every rule that asks

Windows = Iterable[tuple[list[int], list[str]]]


def kept(text: str) -> bool:
    """Whether what is made of `text` here is kept for the other rules (a report), or made anew by each (a long
    text, whose sound key alone is tens of MB)."""
    return len(text) <= _KEPT


def scope_sounds(ctx: Context, scope: str) -> str:
    """The scope's text as sound keys, translated once per document (for each rule that asks, for a long text)."""
    from linter.language.pinyin import sound_key

    s = ctx.scope_text(scope).text
    return ctx.cached(f"sounds:{scope}", lambda: sound_key(s)) if kept(s) else sound_key(s)


def scope_windows(ctx: Context, scope: str) -> Windows:
    """The windows of the scope's text: made once per document for a report, as one piece; a piece at a time,
    anew for each rule that reads them, for a long text (`translated_windows`)."""
    s = ctx.scope_text(scope).text
    if not kept(s):
        return translated_windows(s)

    def made() -> list[tuple[list[int], list[str]]]:
        sounds = scope_sounds(ctx, scope)
        starts = list(chain.from_iterable(range(m.start(), m.end() - WINDOW + 1) for m in _RUNS.finditer(s)))
        return [(starts, [sounds[i:i + WINDOW] for i in starts])]

    return ctx.cached(f"sound-windows:{scope}", made)


def sound_windows(s: str, sounds: str) -> Iterator[tuple[list[int], list[str]]]:
    """(starts, sound keys) of the windows of four Chinese characters of `s` (`sounds`: its sound key), a piece
    at a time."""
    for _, starts in _pieces(s):
        yield starts, [sounds[i:i + WINDOW] for i in starts]


def translated_windows(s: str) -> Iterator[tuple[list[int], list[str]]]:
    """`sound_windows` of a long text without its sound key: each piece's stretch of text is translated on its
    own, and only one piece is held at a time."""
    from linter.language.pinyin import sound_key

    for lo, starts in _pieces(s):
        sounds = sound_key(s[lo:starts[-1] + WINDOW])
        yield starts, [sounds[i - lo:i - lo + WINDOW] for i in starts]


def _pieces(s: str) -> Iterator[tuple[int, list[int]]]:
    """The starts of the windows of four Chinese characters of the text, at most _PIECE at a time, each piece with
    where its stretch of text begins: a piece ends before a run of Chinese characters that begins _SPAN or more
    characters after it, and a longer run is cut into pieces of its own."""
    lo, starts = 0, []
    for m in _RUNS.finditer(s):
        a, end = m.start(), m.end() - WINDOW + 1  # the run's windows start at a … end - 1
        while a < end:
            if starts and (len(starts) >= _PIECE or a - lo >= _SPAN):
                yield lo, starts
                starts = []
            if not starts:
                lo = a
            b = min(end, a + _PIECE - len(starts))
            starts += range(a, b)
            a = b
    if starts:
        yield lo, starts
