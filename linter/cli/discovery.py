"""Which files a command reads: the paths named, and the report files found by walking directories.

As in ruff: a walk skips the excluded names (`exclude`/`extend-exclude` of the closest configuration, the
defaults first: `.git`, hidden directories, `.venv`, `node_modules`, `build` …) and what `.gitignore` files
ignore; a path named on the command line is read whatever its name, unless `--force-exclude` is given
(pre-commit names every changed file).  Whether a walked file is an annual report at all is decided later,
when it is read (`batch.run.lint_one`).
"""
from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path

GITIGNORE = ".gitignore"


@dataclass
class Found:
    """A file to lint, and whether it was found by walking a directory (then a file that is no annual
    report is skipped) rather than named."""

    path: Path
    walked: bool


@dataclass
class _Pattern:
    base: Path          # the directory of the .gitignore that holds it
    regex: re.Pattern
    negated: bool
    dir_only: bool


@dataclass
class GitIgnore:
    """The patterns of the .gitignore files met so far; the last matching pattern decides (as git)."""

    patterns: list[_Pattern] = field(default_factory=list)

    def read(self, directory: Path) -> None:
        try:
            text = (directory / GITIGNORE).read_text(encoding="utf-8", errors="replace")
        except OSError:
            return
        for line in text.splitlines():
            pattern = _parse_line(directory, line)
            if pattern is not None:
                self.patterns.append(pattern)

    def ignores(self, path: Path, is_dir: bool) -> bool:
        ignored = False
        for p in self.patterns:
            try:
                relative = path.relative_to(p.base).as_posix()
            except ValueError:
                continue
            if (is_dir or not p.dir_only) and p.regex.fullmatch(relative):
                ignored = not p.negated
        return ignored


def _parse_line(base: Path, line: str) -> _Pattern | None:
    """One line of a .gitignore as a pattern (None for a blank line or a comment)."""
    line = line.rstrip("\n\r")
    if not line.strip() or line.startswith("#"):
        return None
    line = line.rstrip(" ")
    negated = line.startswith("!")
    if negated:
        line = line[1:]
    if line.startswith("\\"):
        line = line[1:]
    dir_only = line.endswith("/")
    line = line.rstrip("/")
    anchored = "/" in line
    body = _glob_regex(line.lstrip("/"))
    regex = body if anchored else f"(?:.*/)?{body}"
    return _Pattern(base, re.compile(regex), negated, dir_only)


def _glob_regex(glob: str) -> str:
    """A gitignore glob as a regular expression over a relative path with `/` separators."""
    out, i = [], 0
    while i < len(glob):
        if glob.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
        elif glob.startswith("/**", i) and i + 3 == len(glob):
            out.append("/.*")
            i += 3
        elif glob[i] == "*":
            out.append(".*" if glob.startswith("**", i) else "[^/]*")
            i += 2 if glob.startswith("**", i) else 1
        elif glob[i] == "?":
            out.append("[^/]")
            i += 1
        elif glob[i] == "[" and "]" in glob[i + 1:]:
            end = glob.index("]", i + 1)
            out.append("[" + glob[i + 1:end].replace("!", "^", 1) + "]")
            i = end + 1
        else:
            out.append(re.escape(glob[i]))
            i += 1
    return "".join(out)


def _repository_top(start: Path) -> Path | None:
    for directory in (start, *start.parents):
        if (directory / ".git").exists():
            return directory
    return None


def gitignore_above(root: Path) -> GitIgnore:
    """The .gitignore files from the repository's top down to `root` (none above `root` outside a repository)."""
    ignore = GitIgnore()
    root = root.resolve()
    top = _repository_top(root)
    chain = [root] if top is None else [d for d in (root, *root.parents) if d == top or top in d.parents]
    for directory in reversed(chain):
        ignore.read(directory)
    return ignore


class Discovery:
    """Walks directories for report files, skipping what the configuration of each directory excludes.

    `config_of(path)` gives the `Config` that applies to a path (its closest configuration file)."""

    def __init__(self, config_of, extensions: tuple[str, ...]) -> None:
        self.config_of = config_of
        self.extensions = extensions

    def excluded(self, path: Path, is_dir: bool, ignore: GitIgnore | None = None) -> bool:
        cfg = self.config_of(path)
        if cfg.excludes(str(path), is_dir):
            return True
        return ignore is not None and cfg.respect_gitignore and ignore.ignores(path.resolve(), is_dir)

    def walk(self, root: Path) -> list[Path]:
        """Report files under `root`, sorted.  Symbolic links are not followed — as ripgrep does not by
        default: a link out of the tree would read files nobody gave us, a link to a directory can loop,
        and a link to a file inside the tree would only lint that file twice."""
        ignore = gitignore_above(root) if self.config_of(root).respect_gitignore else None
        found = []
        for folder, dirs, names in os.walk(root, followlinks=False):
            here = Path(folder)
            if ignore is not None and here.resolve() != root.resolve():
                ignore.read(here.resolve())
            dirs[:] = sorted(d for d in dirs if not self.excluded(here / d, True, ignore))
            for name in names:
                path = here / name
                if path.suffix.lower() in self.extensions and _regular(path) and not self.excluded(path, False, ignore):
                    found.append(path)
        return sorted(found)

    def force_excluded(self, path: Path) -> bool:
        """--force-exclude: is a named file excluded, by its own name or a directory it is in?  Only the
        directories below the project are looked at — the configuration's directory, else the working
        directory, else the repository's top — so a project inside a hidden folder is not excluded whole."""
        cfg = self.config_of(path)
        absolute = Path(os.path.abspath(path))
        base = Path(os.path.abspath(cfg.root or os.getcwd()))
        if base not in absolute.parents:  # elsewhere: below its repository's top, or every folder it is in
            base = _repository_top(absolute.parent) or Path(absolute.anchor)
        inside = [p for p in absolute.parents if p == base or base in p.parents]
        parts = [absolute, *(p for p in inside if p != base)]
        if any(cfg.excludes(str(part), part != absolute) for part in parts):
            return True
        top = _repository_top(absolute.parent)
        if top is None or not cfg.respect_gitignore:
            return False
        ignore = gitignore_above(absolute.parent)
        return any(ignore.ignores(p, p != absolute) for p in (absolute, *absolute.parents) if top in p.parents)


def _regular(path: Path) -> bool:
    """A regular file, not a symbolic link to one."""
    try:
        return stat.S_ISREG(os.lstat(path).st_mode)
    except OSError:
        return False
