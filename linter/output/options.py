"""Options shared by output formats."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass
class OutputOptions:
    lang: str = "zh"
    color: bool = False
    show_source: bool = True
    base_dir: str | None = None  # paths are shown relative to this directory
    fail_level: str = "error"    # findings at or above it fail (JUnit failures), unless a file's own says otherwise
    summary: bool = True         # the closing summary line of text output (--quiet: none)
