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
from functools import lru_cache
from pathlib import Path


def _table_path() -> Path | None:
    import importlib.util

    try:
        spec = importlib.util.find_spec("pypinyin")
    except (ImportError, ValueError):
        return None
    locations = list(spec.submodule_search_locations or []) if spec else []
    path = Path(locations[0]) / "pinyin_dict.json" if locations else None
    return path if path is not None and path.is_file() else None


def _toneless(reading: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", reading) if not unicodedata.combining(c))


_FIRST, _LAST = 0x3400, 0x9FFF  # the CJK ideographs reports are written in (Extension A and the Unified block)


def _build(path: Path) -> tuple[bytes, tuple[tuple[str, ...], ...]]:
    """(for each character from _FIRST to _LAST, the index of its readings as two bytes; the distinct sets of
    readings) — a compact table that unpickles in a fraction of a millisecond."""
    import json
    from array import array

    raw = json.loads(path.read_text(encoding="utf-8"))
    sets: dict[tuple[str, ...], int] = {(): 0}
    index = array("H", [0]) * (_LAST - _FIRST + 1)
    for code, readings in raw.items():
        code = int(code)
        if _FIRST <= code <= _LAST:
            key = tuple(sorted({_toneless(r) for r in readings.split(",") if r}))
            index[code - _FIRST] = sets.setdefault(key, len(sets))
    return index.tobytes(), tuple(sorted(sets, key=sets.__getitem__))


@lru_cache(maxsize=1)
def _table() -> tuple[memoryview, tuple[tuple[str, ...], ...]]:
    from linter.cache import cached

    path = _table_path()
    if path is None:
        return memoryview(b"").cast("H"), ((),)
    data, sets = cached("pinyin", [path], lambda: _build(path))
    return memoryview(data).cast("H"), sets


def readings(ch: str) -> tuple[str, ...]:
    """The toneless readings of one character (several for 行: hang, heng, xing), or () when unknown."""
    index, sets = _table()
    i = ord(ch) - _FIRST if len(ch) == 1 else -1
    return sets[index[i]] if 0 <= i < len(index) else ()


def homophones(a: str, b: str) -> bool:
    """Two different characters that share a reading (tones ignored)."""
    return a != b and bool(set(readings(a)) & set(readings(b)))
