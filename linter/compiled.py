"""Compiled forms kept between runs: regular expressions, and the methods dataclasses generate.

A cold `check` compiled a few hundred regular expressions (module constants, rule patterns, vocabularies) —
most of the time in the compiler's optimiser for ranges of Chinese characters — and the source of some 330
methods (`__init__`, `__eq__` …) that `dataclasses` writes for the engine's 80-odd dataclasses: together
about 40% of the CPU of importing the engine and linting a first report.  Both results depend only on their
input and the Python version, so they are kept in the per-user cache directory, one table each, and a later
run takes them from there.

- Patterns: a wrapper stands in for `re._compiler.compile` (what `re` calls when its own per-process cache
  misses).  A pattern found in the table is built from its stored code with `_sre.compile`; any other is
  compiled as the standard library does, and what `_sre.compile` needs is computed the way the library
  computes it and checked against the library's own result (`Pattern.__eq__` compares the code) before it
  is recorded — a table never holds anything the library would not have made.  Served on CPython 3.11–3.13,
  whose compiler has this shape; elsewhere `re` is left as it is.
- Dataclass methods: `dataclasses` runs `exec` on the source it writes; the module's `exec` is given a
  function that looks the source up in the table of code objects (compiled exactly as `exec` compiles a
  string from that module) and runs the code.

`install()` loads both tables; `save()` writes what this process added (at exit, and by a worker when it ends).
`derived()` keeps other values computed from a key alone the same way (the texts a rule pattern's matches hold).
`REPORT_LINT_NO_RULE_CACHE=1` turns them off with the other caches.
"""
from __future__ import annotations

import marshal
import os
import re
import sys
import threading
from array import array

_VERSIONS = ((3, 11), (3, 12), (3, 13))
_MAX_ENTRIES = 4000     # past this, a save keeps only the entries this process used
_FORMAT = 1

_lock = threading.Lock()
_state: dict = {}


class _Table:
    """One table in the cache directory: the entries read at start, those added since, those used."""

    def __init__(self, name: str, version: str) -> None:
        from linter.cache import cache_location, digest

        key = digest(f"{_FORMAT}|{sys.version}|{sys.flags.optimize}|{version}")[:16]
        self.path = os.path.join(cache_location(), f"{name}-{key}.marshal")
        self.entries = self._read()
        self.added: dict = {}
        self.used: set = set()

    def _read(self) -> dict:
        try:
            with open(self.path, "rb") as fh:
                entries = marshal.loads(fh.read())
        except (OSError, ValueError, EOFError, TypeError):
            return {}
        return entries if isinstance(entries, dict) else {}

    def get(self, key):
        value = self.entries.get(key)
        if value is not None:
            self.used.add(key)
        return value

    def add(self, key, value) -> None:
        with _lock:
            self.added[key] = value

    def save(self) -> None:
        """Write the entries added (merged with what another process wrote meanwhile); nothing when none were."""
        from pathlib import Path

        from linter.cache import atomic_write, cache_dir

        with _lock:
            added, self.added = self.added, {}
        if not added or cache_dir() is None:  # (which makes the directory, as the other caches do)
            return
        entries = {**self._read(), **self.entries, **added}
        if len(entries) > _MAX_ENTRIES:
            keep = self.used | set(added)
            entries = {k: v for k, v in entries.items() if k in keep}
        self.entries = entries
        try:
            atomic_write(Path(self.path), marshal.dumps(entries))
        except ValueError:  # something unmarshallable: leave the table as it was
            pass


def install() -> bool:
    """Serve regular expressions and dataclass methods from the tables (once per process); False when the
    tables are off or this Python is not one they serve."""
    if _state:
        return bool(_state.get("tables"))
    _state["tables"] = []
    if os.environ.get("REPORT_LINT_NO_RULE_CACHE") or sys.version_info[:2] not in _VERSIONS:
        return False
    try:
        import _sre
        from re import _compiler, _parser
    except ImportError:
        return False
    if not all(hasattr(m, n) for m, n in ((_compiler, "compile"), (_compiler, "_code"), (_parser, "parse"),
                                          (_sre, "compile"), (_sre, "MAGIC"))):
        return False
    _state.update(patterns=_Table("regex", str(_sre.MAGIC)), original=_compiler.compile, sre=_sre,
                  compiler=_compiler, parser=_parser)
    _compiler.compile = _compile
    import dataclasses  # after: the patterns its imports compile (inspect, tokenize) come from the table
    from importlib.util import MAGIC_NUMBER

    _state.update(methods=_Table("dataclass-code", MAGIC_NUMBER.hex()), dataclasses=dataclasses)
    dataclasses.exec = _exec  # the module's global `exec`; builtins.exec stays as it is
    _state["tables"] = [_state["patterns"], _state["methods"]]
    import atexit

    atexit.register(save)
    return True


def uninstall() -> None:
    """Give `re` and `dataclasses` their own compiler back (`save` still writes what was added)."""
    if _state.get("tables"):
        _state["compiler"].compile = _state["original"]
        del _state["dataclasses"].exec
        _state["tables"] = []


def save() -> None:
    """Write what this process added to each table."""
    for table in (_state.get("patterns"), _state.get("methods"), *_state.get("derived", {}).values()):
        if table is not None:
            table.save()


def derived(name: str, version: str, key, compute):
    """`compute()`, kept for `key` in the table `name` between runs when the tables are installed: for a value
    that depends only on its key and on the code computing it (`version` names that code's revision), and that
    `marshal` can write (texts, numbers, tuples).  Without the tables, computed."""
    if not _state.get("tables"):
        return compute()
    tables = _state.setdefault("derived", {})
    table = tables.get(name)
    if table is None:
        table = tables[name] = _Table(name, version)
    value = table.get(key)
    if value is None:
        value = compute()
        table.add(key, value)
    return value


# ── regular expressions ──────────────────────────────────────────────────────────────────────────────
def _compile(p, flags=0):
    """`re._compiler.compile`, from the table when the pattern is in it."""
    if not isinstance(p, (str, bytes)) or flags & re.DEBUG:
        return _state["original"](p, flags)
    table = _state["patterns"]
    key = (p, int(flags))
    entry = table.get(key)
    if entry is not None:
        try:
            final_flags, code, groups, groupindex, indexgroup = entry
            return _state["sre"].compile(p, final_flags, array("I", code).tolist(), groups, groupindex, indexgroup)
        except Exception:  # a damaged entry: compiled afresh below, and replaced
            pass
    compiled = _state["original"](p, flags)
    entry = _pattern_entry(p, int(flags), compiled)
    if entry is not None:
        table.add(key, entry)
    return compiled


def _pattern_entry(p, flags: int, compiled):
    """What `_sre.compile` needs besides the pattern, computed as the standard library does (3.11–3.13) and
    checked against its own compilation; None when they differ."""
    try:
        parsed = _state["parser"].parse(p, flags)
        code = array("I", _state["compiler"]._code(parsed, flags))
        groupindex = dict(parsed.state.groupdict)
        indexgroup = [None] * parsed.state.groups
        for name, index in groupindex.items():
            indexgroup[index] = name
        entry = (flags | parsed.state.flags, code.tobytes(), parsed.state.groups - 1, groupindex, tuple(indexgroup))
        rebuilt = _state["sre"].compile(p, entry[0], code.tolist(), entry[2], groupindex, entry[4])
        return entry if rebuilt == compiled else None
    except Exception:
        return None


# ── dataclass methods ────────────────────────────────────────────────────────────────────────────────
def _exec(source, globals=None, locals=None, /):
    """`exec` for the `dataclasses` module: a string is compiled once per Python version and user.  It is
    compiled as `exec` would compile it there: file name "<string>", no future features (that module has
    none, and this one's must not leak in)."""
    if not isinstance(source, str):
        return exec(source, globals, locals)
    table = _state["methods"]
    code = table.get(source)
    if code is None:
        code = compile(source, "<string>", "exec", dont_inherit=True)
        table.add(source, code)
    return exec(code, globals, locals)
