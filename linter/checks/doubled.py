"""A sequence of two to four characters typed twice, wherever the word boundaries fall: 科研项目项目管理 is cut
科研项目 / 项目管理, so the token-based doubled-word rule (`substitution.repeated`) never sees two equal tokens.

Not reported: a doubled sequence that is two whole equal tokens (the token-based rule's), real reduplications (the
rule's `allow` list: 研究研究, 讨论讨论 …), sequences holding a numeral (一个一个, 十八十八), and a repeat broken by a
line break or a space in the source (two table cells, two lines of a layout).

Parameters: declared in `PARAMS` below (`report-lint rules --schema` prints them all).
"""
from __future__ import annotations

from typing import Iterator

from linter.checks.context import Context
from linter.checks.hits import Fix, Hit, contiguous
from linter.checks.lexicon import NUMERALS
from linter.checks.repeats import HAN, doubled, repeats
from linter.ruleset.loading import Rule
from linter.ruleset.params import Field, Fields, Integer, texts

PARAMS = Fields({
    "allow": Field(texts("doubled sequences that are real reduplications (研究研究)")),
    "min_length": Field(Integer(minimum=2, maximum=8, doc="the shortest repeated sequence (default 2)")),
    "max_length": Field(Integer(minimum=2, maximum=8, doc="the longest repeated sequence (default 4)")),
}, doc="a sequence of characters typed twice, across word boundaries")


def check(rule: Rule, ctx: Context) -> Iterator[Hit]:
    from linter.language.segmentation import local_tokens

    p = rule.params
    allow = set(p.get("allow", []))
    low, high = p.get("min_length", 2), p.get("max_length", 4)
    text = ctx.scope_text(rule.scope)
    s = text.text
    tokens = None
    # what ([\u4e00-\u9fff]{low,high})\1 finds, from the doubled places of the text found once per document
    for a, n in doubled(repeats(ctx, rule.scope), s, low, high, HAN):
        unit, b = s[a:a + n], a + 2 * n
        if unit * 2 in allow or NUMERALS.intersection(unit) or not contiguous(text, a, b):
            continue
        tokens = tokens or local_tokens(ctx, rule.scope)
        if _two_tokens(tokens, a, a + len(unit), b):
            continue
        start, end = text.source_span(a, b)
        fix = Fix(*text.source_span(a + len(unit), b), "") if rule.fix == "safe" else None
        yield Hit(start, end, {"found": unit * 2, "right": unit}, fix=fix)


def _two_tokens(tokens, a: int, middle: int, b: int) -> bool:
    """Whether the repeat is two whole tokens: then the token-based doubled-word rule reports it."""
    block = tokens.block_tokens(a)
    return any(t.start == a and t.end == middle for t in block) and any(t.start == middle and t.end == b for t in block)

