"""A per-user cache of validated rule sets, so a cold `check` skips YAML parsing and validation.

Parsing and validating the built-in YAML rules costs more than everything else a cold run does.  The
validated `Rule` list is pickled into the per-user cache directory (`linter.cache`, mode 0700 — never
the shared temp directory, since unpickling trusts the file), keyed by a digest of: the Python version,
every rule file's path, modification time and size, the check kinds known, and the same for the
linter's own code and grammars (a changed validator must revalidate).  Any stale, damaged or
unreadable cache is ignored and rebuilt; without a cache directory, rules are validated every time.
"""
from __future__ import annotations

import hashlib
import os
import pickle
import sys
from pathlib import Path
from typing import Any, Callable

_PACKAGE = Path(__file__).resolve().parent
_FORMAT = 1


def _stat_line(path: Path) -> str:
    try:
        st = path.stat()
    except OSError:
        return f"{path}\0missing\n"
    return f"{path}\0{st.st_mtime_ns}\0{st.st_size}\n"


def _code_files() -> list[Path]:
    """The linter's sources and grammars: a change to any of them may change what validation gives."""
    from .resources import data_dir

    files = []
    for root, _dirs, names in os.walk(_PACKAGE):
        if "__pycache__" in root or os.sep + "_data" + os.sep in root + os.sep:
            continue
        files += [Path(root) / n for n in names if n.endswith(".py")]
    try:
        grammar = data_dir("grammar")
        files += [grammar / n for n in os.listdir(grammar)]
    except (OSError, FileNotFoundError):
        pass
    return sorted(files)


def ruleset_key(directory: Path, files: list[Path], kinds: list[str]) -> str:
    digest = hashlib.sha256()
    digest.update(f"{_FORMAT}\0{sys.version}\0{directory.resolve()}\0{','.join(sorted(kinds))}\n".encode())
    for path in list(files) + _code_files():
        digest.update(_stat_line(path).encode("utf-8", "surrogatepass"))
    return digest.hexdigest()[:24]


def cached(directory: Path, files: list[Path], kinds: list[str], build: Callable[[], Any]) -> Any:
    """`build()` (the validated rules), read from the cache when the key matches, else built and stored."""
    from .cache import atomic_write, cache_dir

    if os.environ.get("REPORT_LINT_NO_RULE_CACHE"):
        return build()
    folder = cache_dir()
    if folder is None:
        return build()
    prefix = f"rules-{hashlib.sha256(str(directory.resolve()).encode('utf-8', 'surrogatepass')).hexdigest()[:12]}-"
    path = folder / f"{prefix}{ruleset_key(directory, files, kinds)}.pickle"
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
        for stale in folder.glob(f"{prefix}*.pickle"):  # older versions of the same rule directory
            if stale != path:
                try:
                    stale.unlink()
                except OSError:
                    pass
    return value
