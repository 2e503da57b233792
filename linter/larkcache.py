"""LALR parsers whose parse tables are cached per user, so a cold start does not rebuild them.

Building a lark LALR parser analyses the grammar every time (tens of milliseconds); `Lark.save`/`Lark.load`
of the built parser is a fraction of that.  The tables go to the per-user cache directory
(`linter.cache`), named by a digest of lark's version and the grammar text; a damaged or unreadable
entry is rebuilt, never fatal.  Used for the outline grammar (with its block lexer) and the identity grammar.
"""
from __future__ import annotations

from typing import Any


def lalr_parser(grammar_file: str, **options: Any):
    """A `Lark(grammar, parser="lalr", **options)` for `grammar/<grammar_file>`, from the cache when built before."""
    import hashlib
    import io

    import lark
    from lark import Lark

    from .cache import atomic_write, cache_dir
    from .resources import grammar_path

    grammar = grammar_path(grammar_file).read_text(encoding="utf-8")
    stem = grammar_file.rsplit(".", 1)[0]
    digest = hashlib.sha256(f"{lark.__version__}\0{sorted(options.items())!r}\0{grammar}".encode()).hexdigest()[:16]
    directory = cache_dir()
    path = directory / f"{stem}-grammar-{digest}.lark" if directory else None
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
