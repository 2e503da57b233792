"""Per-user caches: the directory, atomic writes into it, pickled values derived from YAML files, and
LALR parse tables.

Caches (jieba's dictionary, lark's parse tables, validated rule sets and the section catalogue) live in
`$REPORT_LINT_CACHE_DIR`, else `$XDG_CACHE_HOME/report-lint`, else `~/.cache/report-lint` — a directory only
the user can write, never a predictable name in the shared temp directory, which another local user could
plant a file at (unpickling trusts the file).  Files are written to a temporary name in the same directory
and renamed into place, so a reader never sees half a file.  A stale, damaged or unreadable entry is
rebuilt, never fatal.
"""
from __future__ import annotations

import os
import sys
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Callable

if TYPE_CHECKING:
    from pathlib import Path

# This module is imported first thing (`linter.compiled` finds its tables through it, before the patterns
# that pathlib, hashlib and pickle compile can be served from them): those are imported where used.


def cache_location() -> str:
    """Where the cache directory is, whether it exists or not."""
    base = os.environ.get("REPORT_LINT_CACHE_DIR")
    if base:
        return base
    xdg = os.environ.get("XDG_CACHE_HOME")
    return os.path.join(xdg, "report-lint") if xdg else os.path.join(os.path.expanduser("~"), ".cache", "report-lint")


def cache_dir() -> Path | None:
    """The cache directory (created with mode 0700), or None when none can be made."""
    from pathlib import Path

    path = Path(cache_location())
    try:
        path.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError:
        return None
    return path if os.access(path, os.W_OK | os.X_OK) else None


def atomic_write(path: Path, data: bytes) -> bool:
    """Write `data` to `path` atomically; False (and no file) when the directory is not writable."""
    import tempfile  # only when writing: a start-up that reads its caches does not pay for it

    try:
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError:
        return False
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
        return True
    except OSError:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        return False


# ── values derived from YAML files (rule sets, the section catalogue) ───────────────────────────────────
# Parsing and validating the built-in rules costs more than everything else a cold run does, so the
# validated value is pickled, keyed by a digest of the Python version, every input file's path, time and
# size, a caller's extra key, and the same for the linter's own code and grammars (a changed validator must
# revalidate).  Older entries of the same name and installation are removed.  `REPORT_LINT_NO_RULE_CACHE`
# turns it off.
_PACKAGE = os.path.dirname(os.path.realpath(__file__))
_FORMAT = 2


def _stat_line(path: Path | str) -> str:
    try:
        st = os.stat(path)
    except OSError:
        return f"{path}\0missing\n"
    return f"{path}\0{st.st_mtime_ns}\0{st.st_size}\n"


@lru_cache(maxsize=1)
def _code_stamp() -> str:
    """Paths, times and sizes of the linter's sources and grammars (once per process)."""
    from linter.resources import data_dir

    files = []
    for root, dirs, names in os.walk(_PACKAGE):
        dirs[:] = [d for d in dirs if d not in ("__pycache__", "_data")]
        files += [os.path.join(root, n) for n in names if n.endswith(".py")]
    try:
        grammar = str(data_dir("grammar"))
        files += [os.path.join(grammar, n) for n in os.listdir(grammar)]
    except (OSError, FileNotFoundError):
        pass
    return "".join(_stat_line(p) for p in sorted(files))


@lru_cache(maxsize=1)
def _installation() -> str:
    """A short name of this installation of the package: entries of two installations (two virtual
    environments, two checkouts) sharing the cache directory do not remove each other as stale."""
    return digest(_PACKAGE)[:8]


def digest(text: str) -> str:
    import hashlib

    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def cached(name: str, inputs: list[Path], build: Callable[[], Any], extra: str = "") -> Any:
    """`build()`, read from the cache entry `name` when nothing it depends on changed, else built and stored.

    `name` identifies the entry (one file per name: a new version replaces the old); `inputs` are the files
    `build` reads; `extra` anything else the result depends on."""
    import pickle

    if os.environ.get("REPORT_LINT_NO_RULE_CACHE"):
        return build()
    folder = cache_dir()
    if folder is None:
        return build()
    key = digest(f"{_FORMAT}\0{sys.version}\0{extra}\n" + "".join(_stat_line(p) for p in inputs) + _code_stamp())
    path = folder / f"{name}-{_installation()}-{key[:24]}.pickle"
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
        for stale in folder.glob(f"{name}-{_installation()}-*.pickle"):  # older versions of the same entry
            if stale != path:
                try:
                    stale.unlink()
                except OSError:
                    pass
    return value


# ── LALR parse tables ──────────────────────────────────────────────────────────────────────────────────
# Building a lark LALR parser analyses the grammar every time (tens of milliseconds); `Lark.save`/`Lark.load`
# of the built parser is a fraction of that.  Entries are named by a digest of lark's version and the grammar.

@lru_cache(maxsize=1)
def token_stream_lexer():
    """A lark lexer class for a grammar over tokens made beforehand (the outline's classified blocks, the
    claim parser's clauses): `parse()` is given the tokens and the lexer passes them through."""
    from lark.lexer import Lexer

    class TokenStreamLexer(Lexer):
        def __init__(self, lexer_conf):  # lark's interface
            pass

        def lex(self, data, parser_state=None):
            yield from data

    TokenStreamLexer.__qualname__ = "TokenStreamLexer"
    globals()["TokenStreamLexer"] = TokenStreamLexer  # picklable by reference for the parse-table cache
    return TokenStreamLexer


def lalr_parser(grammar_file: str, **options: Any):
    """A `Lark(grammar, parser="lalr", **options)` for `grammar/<grammar_file>`, from the cache when built before."""
    import hashlib
    import io

    import lark
    from lark import Lark

    from linter.resources import grammar_path

    grammar = grammar_path(grammar_file).read_text(encoding="utf-8")
    stem = grammar_file.rsplit(".", 1)[0]
    key = hashlib.sha256(f"{lark.__version__}\0{sorted(options.items())!r}\0{grammar}".encode()).hexdigest()[:16]
    directory = cache_dir()
    path = directory / f"{stem}-grammar-{key}.lark" if directory else None
    if path is not None and path.exists():
        try:
            with path.open("rb") as fh:
                return Lark.load(fh)
        except Exception:  # stale or damaged: rebuilt below
            pass
    parser = Lark(grammar, parser="lalr", **options)
    if path is not None:
        buf = io.BytesIO()
        try:
            parser.save(buf)
            atomic_write(path, buf.getvalue())
        except Exception:
            pass
    return parser
