"""Where the shipped data lives: `rules/` and `grammar/`.

In a source checkout they sit beside the package; in an installed wheel they are packaged inside it as
`linter/_data/rules` and `linter/_data/grammar`.  Both are looked up here and nowhere else.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


@lru_cache(maxsize=None)
def data_dir(name: str) -> Path:
    """The directory `rules` or `grammar`, from the wheel or from the source checkout."""
    for candidate in (_PACKAGE / "_data" / name, _PACKAGE.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"report-lint data directory {name!r} is missing from the installation")


def grammar_path(filename: str) -> Path:
    return data_dir("grammar") / filename


def rules_dir() -> Path:
    return data_dir("rules")


def builtin_ruleset(name: str = "gov-2021") -> Path:
    return rules_dir() / name
