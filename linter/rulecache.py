"""A per-user cache of validated data read from YAML (rule sets, the section catalogue), so a cold
`check` skips YAML parsing and validation — and does not even import yaml.

Parsing and validating the built-in rules costs more than everything else a cold run does.  The validated
value is pickled into the per-user cache directory (`linter.cache`, mode 0700 — never the shared temp
directory, since unpickling trusts the file), keyed by a digest of: the Python version, every input file's
path, modification time and size, a caller's extra key (e.g. the check kinds known), and the same for the
linter's own code and grammars (a changed validator must revalidate).  A stale, damaged or unreadable
cache is ignored and rebuilt; older entries of the same name are removed.  Without a cache directory (or
with `REPORT_LINT_NO_RULE_CACHE` set) the value is built every time.
"""
from __future__ import annotations

import hashlib
import os
import pickle
import sys
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable

_PACKAGE = Path(__file__).resolve().parent
_FORMAT = 2


def _stat_line(path: Path) -> str:
    try:
        st = path.stat()
    except OSError:
        return f"{path}\0missing\n"
    return f"{path}\0{st.st_mtime_ns}\0{st.st_size}\n"


@lru_cache(maxsize=1)
def _code_stamp() -> str:
    """Paths, times and sizes of the linter's sources and grammars (once per process)."""
    from .resources import data_dir

    files = []
    for root, dirs, names in os.walk(_PACKAGE):
        dirs[:] = [d for d in dirs if d not in ("__pycache__", "_data")]
        files += [Path(root) / n for n in names if n.endswith(".py")]
    try:
        grammar = data_dir("grammar")
        files += [grammar / n for n in os.listdir(grammar)]
    except (OSError, FileNotFoundError):
        pass
    return "".join(_stat_line(p) for p in sorted(files))


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def cached(name: str, inputs: list[Path], build: Callable[[], Any], extra: str = "") -> Any:
    """`build()`, read from the cache entry `name` when nothing it depends on changed, else built and stored.

    `name` identifies the entry (one file per name: a new version replaces the old); `inputs` are the files
    `build` reads; `extra` anything else the result depends on."""
    from .cache import atomic_write, cache_dir

    if os.environ.get("REPORT_LINT_NO_RULE_CACHE"):
        return build()
    folder = cache_dir()
    if folder is None:
        return build()
    key = _digest(f"{_FORMAT}\0{sys.version}\0{extra}\n" + "".join(_stat_line(p) for p in inputs) + _code_stamp())
    path = folder / f"{name}-{key[:24]}.pickle"
    try:
        with path.open("rb") as fh:
            return pickle.loads(fh.read())
    except Exception:  # absent, stale format or damaged: rebuild, never fatal
        pass
    value = build()
    try:
        data = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    except Exception:
        return value
    if atomic_write(path, data):
        for stale in folder.glob(f"{name}-*.pickle"):  # older versions of the same entry
            if stale != path:
                try:
                    stale.unlink()
                except OSError:
                    pass
    return value


def cached_ruleset(directory: Path, files: list[Path], kinds: list[str], build: Callable[[], Any]) -> Any:
    """The validated rules of one of the shipped rule sets.  A user's own rule directory (`--rules DIR`) is
    small and validated every time, so the cache never fills with entries for passing directories."""
    from .resources import rules_dir

    resolved = directory.resolve()
    try:
        if not resolved.is_relative_to(rules_dir().resolve()):
            return build()
    except FileNotFoundError:
        return build()
    where = str(resolved)
    return cached(f"rules-{_digest(where)[:12]}", files, build, extra=f"{where}\0{','.join(sorted(kinds))}")
