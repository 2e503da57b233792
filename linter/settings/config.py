"""The effective configuration of one run.

Built from defaults, then configuration files, then command-line options (the CLI layers them);
the engine only ever sees a finished `Config`.
"""
from __future__ import annotations

import datetime as _dt
import fnmatch
from pathlib import Path, PurePosixPath
from dataclasses import dataclass, field

# What a directory walk never enters (as ruff's defaults): a pattern without a slash matches a file or
# directory name anywhere, one ending in a slash only directories; `.*/` is every hidden directory.
DEFAULT_EXCLUDE = (".git", ".venv", "venv", "node_modules", "__pycache__", ".pytest_cache", "build", "dist", ".*/")


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
    exclude: list[str] = field(default_factory=lambda: list(DEFAULT_EXCLUDE))  # globs a directory walk skips
    extend_exclude: list[str] = field(default_factory=list)  # more globs, added to `exclude`
    respect_gitignore: bool = True    # a directory walk skips what .gitignore files ignore
    root: str | None = None           # directory of the closest configuration file (globs are relative to it)
    sources: list[str] = field(default_factory=list)  # the configuration files used, closest first

    def selects(self, rule_id: str) -> bool:
        """Is a rule selected by select/extend-select/ignore (ids or id prefixes)?  Each check looks the
        rule's own prefixes up in a set, so the cost does not grow with the number of ids configured."""
        own = id_prefixes(rule_id)
        chosen = not self._ids("select").isdisjoint(own) if self.select else True
        if self.extend_select and not self._ids("extend_select").isdisjoint(own):
            chosen = True
        if self.ignore and not self._ids("ignore").isdisjoint(own):
            chosen = False
        return chosen

    def _ids(self, name: str) -> frozenset[str]:
        """The ids of one of the id lists as a set, made once per list."""
        value = getattr(self, name)
        cache = self.__dict__.setdefault("_id_sets", {})
        key = (name, id(value), len(value))
        if key not in cache:
            cache[key] = frozenset(value)
        return cache[key]

    def ignored_in(self, path: str) -> list[str]:
        """Rule ids or prefixes that `per-file-ignores` turns off for `path`."""
        if not self.per_file_ignores:
            return []
        return [rid for glob, ids in self.per_file_ignores.items() if path_matches(path, glob, self.root) for rid in ids]


    def excludes(self, path: str, is_dir: bool = False) -> bool:
        """Is `path` excluded from a directory walk by `exclude`/`extend-exclude`?"""
        return any(exclude_matches(path, glob, self.root, is_dir) for glob in (*self.exclude, *self.extend_exclude))


def exclude_matches(path: str, glob: str, root: str | None, is_dir: bool) -> bool:
    """An exclude glob: `name` or `name/` (directories only) matches that name anywhere; a glob with a slash
    inside matches the path relative to the configuration's directory (or the working directory)."""
    dir_only = glob.endswith("/")
    glob = glob.rstrip("/")
    if dir_only and not is_dir or not glob:
        return False
    if "/" not in glob:
        return fnmatch.fnmatchcase(Path(path).name, glob)
    try:
        relative = Path(path).resolve().relative_to(Path(root or ".").resolve()).as_posix()
    except (ValueError, OSError, RuntimeError):
        return False
    return fnmatch.fnmatchcase(relative, glob.lstrip("/")) or PurePosixPath(relative).match(glob.lstrip("/"))


def path_matches(path: str, glob: str, root: str | None) -> bool:
    """Does `path` match a per-file glob (relative to the configuration's directory, or by name)?"""
    p = Path(path)
    candidates = [p.name, PurePosixPath(*p.parts).as_posix() if p.parts else path]
    if root:
        try:
            candidates.append(Path(path).resolve().relative_to(Path(root).resolve()).as_posix())
        except (ValueError, OSError, RuntimeError):  # elsewhere, or a symbolic link loop
            pass
    return any(fnmatch.fnmatch(c, glob) or PurePosixPath(c).match(glob) for c in candidates)


def id_prefixes(rule_id: str) -> set[str]:
    """Every prefix of a rule id (`STRUCT`, `STRUCT-`, … `STRUCT-ORDER`): an id or id prefix selects the
    rule exactly when it is one of them."""
    return {rule_id[:i] for i in range(1, len(rule_id) + 1)}


def known_prefixes(ids) -> set[str]:
    """Every prefix of every known rule id: `x in known_prefixes(ids)` says whether `x` names a rule or a
    family of rules, in constant time however many ids a configuration lists."""
    return {p for rule_id in ids for p in id_prefixes(rule_id)}
