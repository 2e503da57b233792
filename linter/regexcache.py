"""Compiled regular expressions kept between runs.

A cold `check` compiles a few hundred regular expressions (module constants, rule patterns, vocabularies):
tens of milliseconds, most of it in the compiler's character-class optimiser for ranges of Chinese
characters.  What the compiler makes of a pattern — the code `_sre.compile` takes — depends only on the
pattern, its flags and the Python version, so it is kept in the per-user cache directory and a later run
builds each pattern from it in microseconds.

`install()` puts a wrapper in place of `re._compiler.compile` (what `re` calls when its own per-process cache
misses): a pattern found in the table is built from its stored code; any other is compiled as the standard
library does, and its code is compared with the library's own compilation (`Pattern.__eq__` compares the
code) before it is recorded, so a table never holds anything the library would not have made.  `save()`
writes what this process added.  Only the CPython versions whose compiler has the expected shape are served;
elsewhere, or when anything is amiss, `re` is left as it is.
"""
from __future__ import annotations

import marshal
import os
import re
import sys
import threading
from array import array

_VERSIONS = ((3, 11), (3, 12), (3, 13))
_MAX_ENTRIES = 4000     # past this, a save keeps only the patterns this process used
_FORMAT = 1

_lock = threading.Lock()
_state: dict = {}


def install() -> bool:
    """Serve `re` from the table of compiled patterns (once per process); False when it cannot be."""
    if _state:
        return _state.get("installed", False)
    _state["installed"] = False
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
    path = _table_path(_sre.MAGIC)
    _state.update(path=path, table=_read(path), added={}, used=set(), original=_compiler.compile,
                  sre=_sre, compiler=_compiler, parser=_parser)
    _compiler.compile = _compile
    _state["installed"] = True
    import atexit

    atexit.register(save)
    return True


def _table_path(magic: int):
    from linter.cache import cache_dir, digest

    directory = cache_dir()
    if directory is None:
        return None
    return directory / f"regex-{digest(f'{_FORMAT}|{sys.version}|{magic}')[:16]}.marshal"


def _read(path) -> dict:
    if path is None:
        return {}
    try:
        table = marshal.loads(path.read_bytes())
    except (OSError, ValueError, EOFError, TypeError):
        return {}
    return table if isinstance(table, dict) else {}


def _compile(p, flags=0):
    """`re._compiler.compile`, from the table when the pattern is in it."""
    if not isinstance(p, (str, bytes)) or flags & re.DEBUG:
        return _state["original"](p, flags)
    key = (p, int(flags))
    entry = _state["table"].get(key)
    if entry is not None:
        try:
            final_flags, code, groups, groupindex, indexgroup = entry
            compiled = _state["sre"].compile(p, final_flags, array("I", code).tolist(), groups, groupindex, indexgroup)
            _state["used"].add(key)
            return compiled
        except Exception:  # a damaged entry: compiled afresh below, and replaced
            pass
    compiled = _state["original"](p, flags)
    entry = _entry(p, int(flags), compiled)
    if entry is not None:
        with _lock:
            _state["added"][key] = entry
    return compiled


def _entry(p, flags: int, compiled):
    """What `_sre.compile` needs besides the pattern, exactly as the standard library computes it (3.11–3.13),
    checked against the library's own compilation; None when they differ."""
    try:
        parsed = _state["parser"].parse(p, flags)
        code = array("I", _state["compiler"]._code(parsed, flags))
        groupindex = dict(parsed.state.groupdict)
        indexgroup = [None] * parsed.state.groups
        for name, index in groupindex.items():
            indexgroup[index] = name
        entry = (flags | parsed.state.flags, code.tobytes(), parsed.state.groups - 1, groupindex, tuple(indexgroup))
        rebuilt = _state["sre"].compile(p, entry[0], code.tolist(), entry[2], groupindex, entry[4])
        if rebuilt != compiled:
            return None
        return entry
    except Exception:
        return None


def save() -> None:
    """Write the patterns this process compiled afresh into the table (merged with what another process
    wrote meanwhile); nothing when there are none."""
    from linter.cache import atomic_write

    with _lock:
        added = dict(_state.get("added") or {})
        _state["added"] = {}
    path = _state.get("path")
    if not added or path is None:
        return
    table = {**_read(path), **_state["table"], **added}
    if len(table) > _MAX_ENTRIES:
        keep = _state["used"] | set(added)
        table = {k: v for k, v in table.items() if k in keep}
    _state["table"] = table
    try:
        atomic_write(path, marshal.dumps(table))
    except ValueError:  # something unmarshallable: leave the table as it was
        pass


def uninstall() -> None:
    """Give `re` its own compiler back (the table stays loaded; `save` still writes what was added)."""
    if _state.get("installed"):
        _state["compiler"].compile = _state["original"]
        _state["installed"] = False
