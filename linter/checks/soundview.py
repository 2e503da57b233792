"""What the slip detectors (`near_miss`, `phrase_slip`) share of a report, made once per document: the text as
sound keys (`language.pinyin.sound_key`) and its windows of four Chinese characters as sounded, where both look
up the phrases they know by the sound of their first four characters.

A long text (a crawled page of megabytes) keeps nothing here: its sound key alone is tens of MB, and a rule that
needs its windows makes them a piece at a time.
"""
from __future__ import annotations

import re
from itertools import chain, islice
from typing import Iterable, Iterator

from linter.checks.context import Context

WINDOW = 4  # the characters of a window
_RUNS = re.compile(r"[\u4e00-\u9fff]{4,}")
_PIECE = 1 << 16  # the windows read at a time
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
    """`sound_windows` of the scope's text: made once per document for a report, anew for a long text."""
    s = ctx.scope_text(scope).text
    if not kept(s):
        return sound_windows(s, scope_sounds(ctx, scope))
    return ctx.cached(f"sound-windows:{scope}", lambda: list(sound_windows(s, scope_sounds(ctx, scope))))


def sound_windows(s: str, sounds: str) -> Iterator[tuple[list[int], list[str]]]:
    """(starts, sound keys) of the windows of four Chinese characters of `s` (`sounds`: its sound key), a piece
    at a time."""
    for starts in _window_starts(s):
        yield starts, [sounds[i:i + WINDOW] for i in starts]


def _window_starts(s: str) -> Iterator[list[int]]:
    """The starts of the windows of four Chinese characters of the text, _PIECE at a time."""
    starts = chain.from_iterable(range(m.start(), m.end() - WINDOW + 1) for m in _RUNS.finditer(s))
    while piece := list(islice(starts, _PIECE)):
        yield piece
