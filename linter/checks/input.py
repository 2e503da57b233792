"""Findings about the input itself rather than about the report format: the file cannot be read, a page
declares a charset its bytes are not in, an invisible character stands inside a number.

Their rules live in `rules/input.yaml`, outside every rule set, and the engine applies them to every file
whatever rule set is chosen: no rule file can turn the reading of a file on or off.  An unreadable file never
reaches a check (the engine reports it when reading fails); the other two are found here, in the document.

Parameters: none (`ASPECTS` below, one aspect per rule).
"""
from __future__ import annotations

import html
import re
from typing import Iterator

from linter.checks.context import Context
from linter.checks.hits import Hit
from linter.document.model import INVISIBLE_CHARS, Document
from linter.ruleset.loading import Rule
from linter.ruleset.params import Fields

ASPECTS = {
    "unreadable": Fields(doc="the file holds no readable report (reported by the engine when reading fails)"),
    "charset_mismatch": Fields(doc="a web page whose <meta charset> names another encoding than its bytes are in"),
    "invisible_char": Fields(doc="an invisible character (zero-width space, soft hyphen, direction mark) inside a number"),
}

_INV = f"[{INVISIBLE_CHARS}]"
_DIGIT = "[0-9\uff10-\uff19]"
_SEP = "[,.\uff0c\uff0e]"
_ANY_INVISIBLE_RE = re.compile(_INV)
_INVISIBLE_IN_NUMBER_RE = re.compile(f"{_DIGIT}{_SEP}?({_INV}+){_SEP}?(?={_DIGIT})")
# The same written as HTML character references (&#8203; &zwnj; &shy; …).
_REF = r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z]{2,16});"
_REF_IN_NUMBER_RE = re.compile(f"{_DIGIT}{_SEP}?((?:{_REF})+){_SEP}?(?={_DIGIT})")
_NUMBER_TAIL_RE = re.compile(f"(?:{_DIGIT}|{_SEP}|{_INV}|{_REF}){{0,30}}")


def check(rule: Rule, ctx: Context) -> Iterator[Hit]:
    yield from input_hits(ctx.document, rule.aspect)


def input_hits(document: Document, aspect: str) -> Iterator[Hit]:
    """The hits of one aspect in a document that was read: what the reader noticed (`Document.notices`), or
    every invisible character inside a number of the source."""
    if aspect == "charset_mismatch":
        for notice in document.notices:
            if notice.code == "charset-mismatch":
                yield Hit(notice.start, notice.end, dict(notice.data))
    elif aspect == "invisible_char":
        if _ANY_INVISIBLE_RE.search(document.source) is not None:  # (a search for the characters alone is quicker
            for m in _INVISIBLE_IN_NUMBER_RE.finditer(document.source):  # than one for numbers: most have none)
                yield _invisible_hit(document.source, m, m.group(1))
        if document.format == "html" and "&" in document.source:
            for m in _REF_IN_NUMBER_RE.finditer(document.source):
                chars = html.unescape(m.group(1))
                if chars and all(ch in INVISIBLE_CHARS for ch in chars):
                    yield _invisible_hit(document.source, m, chars)


def _invisible_hit(source: str, m: re.Match, chars: str) -> Hit:
    """The invisible run inside a number, with the number as a reader sees it (for the message)."""
    start, end = m.start(1), m.end(1)
    left = start
    while left > max(0, start - 30) and (source[left - 1].isdigit() or source[left - 1] in ",.\uff0c\uff0e"):
        left -= 1
    right = _NUMBER_TAIL_RE.match(source, end).end()
    visible = "".join(ch for ch in html.unescape(source[left:right]) if ch not in INVISIBLE_CHARS)
    names = ", ".join(dict.fromkeys(f"U+{ord(ch):04X}" for ch in chars))
    return Hit(start, end, {"visible": visible, "chars": names})
