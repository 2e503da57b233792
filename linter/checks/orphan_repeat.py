"""A character written twice where the language has no word for it: the first of the two stands alone in the
word segmentation (jieba finds no word that holds it) and the pair is no word either — 2022年年累计, 12月月底,
外外包装.  A classifier or time unit doubled means "every" (件件有回音, 月月查) and is a slip only after a number.  Words that hold the character twice (的的确确, 不了了之, 天天, 看看) and pairs split between two words
(工作作风, 目的的同时) are never reported, nor numerals, nor a repeat broken by a space or a line (two table cells).

Parameters: declared in `PARAMS` below.
"""
from __future__ import annotations

from typing import Iterator

from linter.checks.context import Context
from linter.checks.hits import Hit, contiguous
from linter.checks.lexicon import NUMERALS
from linter.checks.repeats import HAN, doubled, repeats
from linter.ruleset.loading import Rule
from linter.ruleset.params import Field, Fields, texts

PARAMS = Fields({
    "skip": Field(texts("characters another rule reports doubled (the function words of WORDING-DOUBLED-CHAR)")),
    "allow": Field(texts("words that may follow the same character written before them (2022年 年底: 年底)")),
    "classifiers": Field(texts("classifiers and time units, which reduplicate to mean 'every' (件件有回音, 月月查): "
                               "doubled, they are a slip only right after a number (12月月底)")),
}, doc="a character written twice where segmentation finds no word for it")


def check(rule: Rule, ctx: Context) -> Iterator[Hit]:
    from linter.language.segmentation import local_tokens

    skip = set("".join(rule.params.get("skip", [])))
    allow = tuple(rule.params.get("allow", []))
    classifiers = set("".join(rule.params.get("classifiers", [])))
    text = ctx.scope_text(rule.scope)
    s = text.text
    local = None
    for a, _ in doubled(repeats(ctx, rule.scope), s, 1, 1, HAN):  # what ([\u4e00-\u9fff])\1 finds
        char = s[a]
        if char in skip or char in NUMERALS or not contiguous(text, a, a + 2):
            continue
        if s.startswith(allow, a + 1) if allow else False:
            continue
        if char in classifiers and not (a > 0 and (s[a - 1].isdigit() or s[a - 1] in NUMERALS)):
            continue  # 件件有回音, 月月查: every one of them
        local = local or local_tokens(ctx, rule.scope)
        first = next((t for t in local.block_tokens(a) if t.start <= a < t.end), None)
        if first is None or (first.start, first.end) != (a, a + 1):
            continue  # the first character belongs to a word (目的的, 工作作风, 的的确确)
        start, end = text.source_span(a, a + 2)
        yield Hit(start, end, {"found": char * 2, "right": char})
