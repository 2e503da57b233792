"""Readings of Chinese characters, without tones, to tell a typing slip from another word.

Reports are typed with pinyin input methods, and their one-character slips are mostly a character of the same
sound picked from the candidate list (现形 for 现行, 构稽 for 勾稽).  A substitution by a character that shares
no reading is far more often a different word (公布 for 公开), so the slip detectors only report a substitution
between characters that share a reading.

The readings are pypinyin's character table (`pinyin_dict.json`), read as data — the package's own modules
are never imported (they load a phrase table at import) — and kept as a compact table in the per-user cache.
Without pypinyin no two characters are homophones, so no such slip is reported.
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path


def package_file(package: str, name: str) -> Path | None:
    """A data file of an installed package (pypinyin's table of readings, jieba's dictionary), found without
    importing the package; None when the package or the file is missing."""
    import importlib.util

    try:
        spec = importlib.util.find_spec(package)
    except (ImportError, ValueError):
        return None
    locations = list(spec.submodule_search_locations or []) if spec else []
    path = Path(locations[0]) / name if locations else None
    return path if path is not None and path.is_file() else None


def _table_path() -> Path | None:
    return package_file("pypinyin", "pinyin_dict.json")


def table_path() -> Path | None:
    """pypinyin's table of readings (what the readings are built from), or None without pypinyin."""
    return _table_path()


def _toneless(reading: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", reading) if not unicodedata.combining(c))


_FIRST, _LAST = 0x3400, 0x9FFF  # the CJK ideographs reports are written in (Extension A and the Unified block)
_SOUNDS = 0xE000                 # a character's main reading is written as one private-use character


@dataclass(frozen=True)
class _Table:
    index: bytes                       # for each character from _FIRST to _LAST, its set of readings (two bytes)
    sets: tuple[tuple[str, ...], ...]  # the distinct sets of readings
    sounds: str                        # for every code point up to _LAST, its main reading (itself when none)


def _build(path: Path) -> _Table:
    """A compact table that unpickles in a fraction of a millisecond."""
    import json
    from array import array

    raw = json.loads(path.read_text(encoding="utf-8"))
    sets: dict[tuple[str, ...], int] = {(): 0}
    syllables: dict[str, int] = {}
    index = array("H", [0]) * (_LAST - _FIRST + 1)
    sounds = [chr(c) for c in range(_LAST + 1)]
    for code, written in raw.items():
        code = int(code)
        if _FIRST <= code <= _LAST:
            readings = [_toneless(r) for r in written.split(",") if r]
            index[code - _FIRST] = sets.setdefault(tuple(sorted(set(readings))), len(sets))
            if readings:
                sounds[code] = chr(_SOUNDS + syllables.setdefault(readings[0], len(syllables)))
    return _Table(index.tobytes(), tuple(sorted(sets, key=sets.__getitem__)), "".join(sounds))


@lru_cache(maxsize=1)
def _table() -> tuple[memoryview, tuple[tuple[str, ...], ...], str]:
    from linter.cache import cached

    path = _table_path()
    if path is None:
        return memoryview(b"").cast("H"), ((),), ""
    table = cached("pinyin", [path], lambda: _build(path))
    return memoryview(table.index).cast("H"), table.sets, table.sounds


def readings(ch: str) -> tuple[str, ...]:
    """The toneless readings of one character (several for 行: hang, heng, xing), or () when unknown."""
    index, sets, _ = _table()
    i = ord(ch) - _FIRST if len(ch) == 1 else -1
    return sets[index[i]] if 0 <= i < len(index) else ()


def homophones(a: str, b: str) -> bool:
    """Two different characters that share a reading (tones ignored)."""
    return a != b and bool(set(readings(a)) & set(readings(b)))


def sound_slip(written: str, right: str) -> bool:
    """Whether `written` for `right` is the input method's slip: a character of the same sound from the simplified
    set (GB 2312) — a traditional form (開 for 开) is the other script, not a slip, and a rare character is not
    what an input method offers first."""
    if not homophones(written, right):
        return False
    try:
        written.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return True


def sound_table() -> str:
    """The table `sound_key` translates with (what a key computed earlier was computed with)."""
    return _table()[2]


def sound_key(text: str) -> str:
    """`text` with each character replaced by its main reading (one character each, so offsets are kept): texts
    that differ only by characters of the same main reading have the same key (现形有效 and 现行有效)."""
    sounds = _table()[2]
    made = _codes
    return text.translate(made[1] if made is not None and made[0] is sounds else _translation(sounds, len(text)))


# `str.translate` makes a new string of each character it looks up in a table of characters, and none of a code
# point it looks up in a list of them: twice as fast, for a list that takes about as long to make as 10 000
# characters take to translate.  A process makes it once it has translated that many (a batch, the language
# server), not for one short report.
_CODES_AFTER = 10_000
_codes: tuple[str, list[int]] | None = None  # (the table of characters, the same as code points)
_translated = 0


def _translation(sounds: str, n: int) -> str | list[int]:
    """The table to translate n more characters with: `sounds`, or its code points once they are worth making."""
    global _codes, _translated
    _translated += n
    if _translated < _CODES_AFTER:
        return sounds
    import sys
    from array import array

    codes = array("I")  # (4 bytes to a code point, as UTF-32 writes them)
    codes.frombytes(sounds.encode(f"utf-32-{sys.byteorder[0]}e", "surrogatepass"))
    _codes = (sounds, codes.tolist())
    return _codes[1]
