"""The agency's own name written with a slip: a mention one or two character edits from the name in the title
(or, without one there, in the closing block) — 某某市市场监管理局 for 某某市市场监督管理局 — in the opening, the
closing block or a sentence that speaks of the agency itself (我局、本机关 …).

Which differences are slips, precision first: a character replaced by one that shares its sound (the input
method's slip), or one character added or dropped inside the name.  Not slips: a name cut or extended at either
end (县发展和改革局, 淮安市洪泽区人民政府 for 洪泽区人民政府 — other levels of the same name), a dropped or added
light character (发展改革局 for 发展和改革局), two dropped characters (市场监管局, the official short form), and
any name the report itself uses as the agency's (the title's and the closing block's).

Parameters: declared in `PARAMS` below (`report-lint rules --schema` prints them all).
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterator

from linter.checks.context import Context, sentences_holding
from linter.checks.hits import Hit
from linter.checks.lexicon import NUMERALS
from linter.document.model import Paragraph, Text
from linter.language.edits import Edit, alignment, described
from linter.ruleset.loading import Rule
from linter.ruleset.params import Field, Fields, Integer, Str, patterns
from linter.ruleset.patterns import compile_pattern

PARAMS = Fields({
    "contexts": Field(patterns("a sentence of the body matching one of these (我局, 本机关 …) is searched too")),
    "light": Field(Str(doc="characters whose addition or omission is other wording, not a slip")),
    "max_edits": Field(Integer(minimum=1, maximum=2, doc="the most character edits a slip may make (default 2)")),
    "min_length": Field(Integer(minimum=3, doc="the shortest agency name that is searched (default 5)")),
}, doc="the agency's own name, written with a slip")

_CJK_ONLY = re.compile(r"[\u4e00-\u9fff]+")


def check(rule: Rule, ctx: Context) -> Iterator[Hit]:
    reference = _reference(ctx)
    if reference is None:
        return
    name, where, where_en, span = reference
    p = rule.params
    if len(name) < p.get("min_length", 5) or not _CJK_ONLY.fullmatch(name):
        return
    light = set(p.get("light", ""))
    limit = p.get("max_edits", 2)
    seen: set[int] = set()
    data = {"right": name, "where": where, "where_en": where_en, "line": ctx.document.position(span[0]).line}
    for text, at, s in _places(ctx, p.get("contexts", []), _parts(name, limit)):
        for a, b, edits in _mentions(s, name, limit):
            found = s[a:b]
            start, end = text.source_span(at + a, at + b)
            if start in seen or not _slip(found, name, edits, {name}, light):
                continue
            seen.add(start)
            yield Hit(start, end, {"found": found, **data, **described(edits)},
                      related=[(*span, f"{where}中的机关名称“{name}”")])


def _reference(ctx: Context) -> tuple[str, str, str, tuple[int, int]] | None:
    """The agency's name as the report gives it — the title's, else the closing block's — with where it is."""
    title, closing = ctx.outline.title, ctx.outline.closing
    if title is not None and title.agency and title.agency_text is not None:
        return title.agency, "标题", "the title", title.agency_text.source_span()
    if closing is not None and closing.agency is not None and closing.agency.text.strip():
        return re.sub(r"\s", "", closing.agency.text), "落款", "the signature", closing.agency.source_span()
    return None


def _places(ctx: Context, contexts: list[str], parts: list[tuple[str, int]]) -> Iterator[tuple[Text, int, str]]:
    """The opening (the lines before the first section), the closing block's agency, and the sentences of the
    body that speak of the agency itself — of those, only the ones holding a part of the name (no mention can
    stand in the others): each as (the text it is part of, where it starts there, its string) — a sentence's own
    Text is not made (a slice of the offsets of a long body cost more than reading the sentence)."""
    outline = ctx.outline
    for block in list(outline.front) + list(outline.preamble):
        if isinstance(block, Paragraph) and block.role == "text":
            yield block.text, 0, block.text.text
    if outline.closing is not None and outline.closing.agency is not None:
        yield outline.closing.agency, 0, outline.closing.agency.text
    if contexts:
        wanted = [compile_pattern(c) for c in contexts]
        body = ctx.scope_text("body")
        for a, b in sentences_holding(body.text, [part for part, _ in parts]):
            sentence = body.text[a:b]
            if any(w.found_in(sentence) for w in wanted):
                yield body, a, sentence


def _parts(name: str, limit: int) -> list[tuple[str, int]]:
    """The name cut into `limit + 1` parts (with their offsets): `limit` edits leave one of them intact."""
    n = len(name)
    cuts = [round(k * n / (limit + 1)) for k in range(limit + 2)]
    return [(name[cuts[k]:cuts[k + 1]], cuts[k]) for k in range(limit + 1)]


def _mentions(s: str, name: str, limit: int) -> Iterator[tuple[int, int, list[Edit]]]:
    """Substrings of `s` within `limit` edits of `name` but not equal to it, found by the part of the name that
    the edits left intact."""
    tried: set[tuple[int, int]] = set()
    for part, offset in _parts(name, limit):
        i = s.find(part)
        while i >= 0:
            yield from _near(s, i - offset, name, limit, tried)
            i = s.find(part, i + 1)


def _near(s: str, at: int, name: str, limit: int, tried: set) -> Iterator[tuple[int, int, list[Edit]]]:
    n = len(name)
    if s.startswith(name, max(at, 0)) or name in s[max(0, at - limit):at + n + limit]:
        return
    # a name cut or extended at its ends is not a slip: the window begins and ends as the name does
    starts = [a for a in range(max(0, at - limit), at + limit + 1) if a < len(s) and _same(s[a], name[0])]
    for a in starts:
        for b in range(a + n - limit, min(a + n + limit, len(s)) + 1):
            if b <= a or (a, b) in tried or not _same(s[b - 1], name[-1]):
                continue
            tried.add((a, b))
            edits = alignment(s[a:b], name, limit)
            if edits:
                yield a, b, edits


@lru_cache(maxsize=1 << 14)
def _same(written: str, right: str) -> bool:
    """One character for another, or its homophone (kept per pair of characters, as the sound table is: every
    window of every mention asks about the name's first and last characters again)."""
    from linter.language.pinyin import homophones

    return written == right or homophones(written, right)


def _slip(found: str, name: str, edits: list[Edit], own: set[str], light: set) -> bool:
    from linter.language.pinyin import sound_slip
    from linter.language.segmentation import is_word

    if not _CJK_ONLY.fullmatch(found) or any(found in o or o in found for o in own):
        return False
    kinds = [e.kind for e in edits]
    if kinds.count("ins") > 1 or kinds.count("del") > 1:
        return False  # two characters dropped is a short form (市场监管局), two added another name
    for e in edits:
        if e.kind == "sub" and not sound_slip(e.written, e.right):
            return False
        if e.kind != "sub" and ((e.written or e.right) in light or (e.written or e.right) in NUMERALS):
            return False
        if e.kind == "ins" and e.at in (0, len(found) - 1):
            return False
        if e.kind == "del" and e.at in (0, len(name) - 1):
            return False
    return not is_word(found)
