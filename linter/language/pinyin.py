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


def _build(path: Path) -> dict[str, tuple[str, ...]]:
    import json

    raw = json.loads(path.read_text(encoding="utf-8"))
    table = {}
    for code, readings in raw.items():
        table[chr(int(code))] = tuple(sorted({_toneless(r) for r in readings.split(",") if r}))
    return table


@lru_cache(maxsize=1)
def _readings() -> dict[str, tuple[str, ...]]:
    from linter.cache import cached

    path = _table_path()
    if path is None:
        return {}
    return cached("pinyin", [path], lambda: _build(path))


def readings(ch: str) -> tuple[str, ...]:
    """The toneless readings of one character (several for 行: hang, heng, xing), or () when unknown."""
    return _readings().get(ch, ())


def homophones(a: str, b: str) -> bool:
    """Two different characters that share a reading (tones ignored)."""
    return a != b and bool(set(readings(a)) & set(readings(b)))
