"""The variant suite's tools: every real report of the corpus, lint helpers, and the registry of
transformations that rewrite a report the way another agency would write the same thing.

A *neutral* transformation produces an ordinary variant of a correct report (a title written year first,
a space between a number and its unit, a closing block on one line …): it must add no error-level
finding.  An *injected defect* removes or breaks something: its finding must appear at its place.  Each
transformation names the class of real-world variation it stands for; it returns None where it does not
apply to a report, and the test runs on the reports it applies to (each transformation on at least one).
Transformations of a class of variation live in their own module `tests/variants/<name>_variants.py`, which
`test_neutral.py` imports.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from conftest import CORPUS
from linter.engine.run import lint
from linter.settings.config import Config

REPORTS = sorted(p for p in CORPUS.iterdir() if p.suffix in (".txt", ".md", ".html") and p.name != "SOURCES.md")


def read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def lint_text(text: str, name: str, **config):
    return lint(text.encode("utf-8"), name, Config(**config))


def error_rules(result) -> Counter:
    return Counter(f.rule for f in result.findings if f.severity == "error")


def line_of(text: str, needle: str, start: int = 0) -> int:
    """The 1-based line of the first occurrence of `needle` (at or after `start`)."""
    at = text.index(needle, start)
    return text.count("\n", 0, at) + 1


@dataclass(frozen=True)
class Transform:
    name: str
    variation: str  # the class of real-world variation it stands for
    apply: Callable[[str, Path], str | None]


NEUTRAL: list[Transform] = []


def neutral(name: str, variation: str):
    """Register a neutral transformation: (text, path) -> the rewritten text, or None where it does not apply."""
    def register(fn: Callable[[str, Path], str | None]) -> Callable[[str, Path], str | None]:
        NEUTRAL.append(Transform(name, variation, fn))
        return fn
    return register


def changed(old: str, new: str) -> str | None:
    return new if new != old else None


# ── neutral variations of the report's text ─────────────────────────────────────────────────────────────

@neutral("unit-spacing", "a space between a number and its unit (81 件, 2024 年), as PDF text extraction and "
                         "some typists write it")
def unit_spacing(text: str, path: Path) -> str | None:
    return changed(text, re.sub(r"(\d)(件|条|篇|项|次|个|年)", r"\1 \2", text))


@neutral("crlf", "Windows line endings")
def crlf(text: str, path: Path) -> str | None:
    return changed(text, text.replace("\r\n", "\n").replace("\n", "\r\n"))
