"""The effective configuration of one run.

Built from defaults, then configuration files, then command-line options (the CLI layers them);
the engine only ever sees a finished `Config`.
"""
from __future__ import annotations

import datetime as _dt
import fnmatch
from pathlib import Path, PurePosixPath
from dataclasses import dataclass, field


@dataclass
class Config:
    rulesets: list[str] = field(default_factory=lambda: ["gov-2021"])
    rule_dirs: list[str] = field(default_factory=list)      # extra rule directories (--rules)
    select: list[str] = field(default_factory=list)         # rule ids or id prefixes; empty = all
    extend_select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    severity: dict[str, str] = field(default_factory=dict)  # rule id -> severity override
    fail_level: str = "error"
    lang: str = "zh"
    agency_kind: str | None = None    # government | department | institution | other
    agency_level: str | None = None   # province | city | county | township
    report_year: int | None = None
    published: _dt.date | None = None
    deadlines: dict[str, str] = field(default_factory=dict)  # agency kind/level -> "MM-DD"
    max_bytes: int = 20 * 1024 * 1024  # larger input is refused unread (check --max-bytes)
    ocr: bool = True                  # read tables pasted as pictures, when the OCR extra is installed (--no-ocr)
    builtin: bool = True              # load the built-in rule sets
    dup_share: float | None = None    # XY-DUP threshold override (share of last year's text, 0–1)
    # From configuration files (settings/files.py):
    per_file_ignores: dict[str, list[str]] = field(default_factory=dict)  # glob -> rule ids or prefixes
    ignores: list[dict] = field(default_factory=list)  # DOCX/PDF suppressions: rule, section, text, reason, files
    root: str | None = None           # directory of the closest configuration file (globs are relative to it)
    sources: list[str] = field(default_factory=list)  # the configuration files used, closest first

    def selects(self, rule_id: str) -> bool:
        """Is a rule selected by select/extend-select/ignore (ids or id prefixes)?"""
        def matches(patterns: list[str]) -> bool:
            return any(rule_id.startswith(p) for p in patterns)

        chosen = matches(self.select) if self.select else True
        if self.extend_select and matches(self.extend_select):
            chosen = True
        if self.ignore and matches(self.ignore):
            chosen = False
        return chosen

    def ignored_in(self, path: str) -> list[str]:
        """Rule ids or prefixes that `per-file-ignores` turns off for `path`."""
        if not self.per_file_ignores:
            return []
        return [rid for glob, ids in self.per_file_ignores.items() if path_matches(path, glob, self.root) for rid in ids]


def path_matches(path: str, glob: str, root: str | None) -> bool:
    """Does `path` match a per-file glob (relative to the configuration's directory, or by name)?"""
    p = Path(path)
    candidates = [p.name, PurePosixPath(*p.parts).as_posix() if p.parts else path]
    if root:
        try:
            candidates.append(Path(path).resolve().relative_to(Path(root).resolve()).as_posix())
        except ValueError:
            pass
    return any(fnmatch.fnmatch(c, glob) or PurePosixPath(c).match(glob) for c in candidates)
