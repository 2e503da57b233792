"""Enumerations that skip or repeat an ordinal: 一是…三是 with no 二是, 一是…二是…二是, （一）（三）, 1. 2. 2.

The items of one list are written with one style of ordinal, in a paragraph or in consecutive paragraphs of a
section.  Each style is followed on its own through the section; an ordinal 1 starts a new list, and an item of a
higher level ((一) above 1. above (1) above ①) starts the lower levels afresh.  An ordinal counts only where an
item begins — at the start of a paragraph or after punctuation — so 统一是, 第一时间, 第（一）项 and 1.5万 are no
items.  Reported, at the wrong ordinal: an ordinal that skips one or more (一是 then 三是) and one that repeats
the one before (二是 then 二是).  A list that does not start at 1 is not reported: it may continue one the
section began in a form this check does not read.

Parameters: declared in `PARAMS` below (`report-lint rules --schema` prints them all).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Iterator

from linter.checks.context import Context
from linter.checks.hits import Hit
from linter.document.model import Paragraph, Text
from linter.language.numerals import cn_to_int
from linter.ruleset.loading import Rule
from linter.ruleset.params import Choice, Field, Fields, ListOf

# An item begins a paragraph or follows punctuation; the character before is matched (a look-behind tried at
# every position made this the slowest check).  Each style's pattern is kept in two parts: its ordinal at the
# paragraph's start, and its ordinal after a lead character — the latter opens with a set of characters, which
# `re` scans for without trying the pattern at every position (an alternation with ^ first defeats that).
_ITEM_LEAD = r"[\s，。；：:、！？（(“”‘’\"]"
_PAREN_LEAD = r"[\s，。；：:、！？“”‘’\"）)]"
# an Arabic ordinal after a space counts only when no number stands before the space: the cells of a crawled
# table run together ("属于国家秘密 0 0 0 2.其他法律…") and only some of their ordinals would be read.  (Its
# lead is a punctuation mark, or a space after something not a number or space, then any more spaces.)
_ARABIC_LEAD = r"[，。；：:、！？（(“”‘’\"\s](?:(?<=[，。；：:、！？（(“”‘’\"])|(?<=[^\d\s]\s))\s*"
_CN_DIGIT = "[一二三四五六七八九十]"
_CN = _CN_DIGIT + "{1,3}"


@dataclass(frozen=True)
class Style:
    name: str
    body: str             # the ordinal, its number in group `n`
    lead: str             # what may stand before it, besides the paragraph's start
    level: int            # nesting: an item of a lower level number resets the styles of higher numbers
    written: str          # how the n-th ordinal is written, for messages ({n})
    from_first: str | None = None  # the body with the lead looked back at from its first character (below)
    at_start: re.Pattern = field(init=False, repr=False, compare=False)
    after_lead: re.Pattern = field(init=False, repr=False, compare=False)
    from_first_re: re.Pattern | None = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "at_start", re.compile(self.body))
        object.__setattr__(self, "after_lead", re.compile(self.lead + self.body))
        object.__setattr__(self, "from_first_re", re.compile(self.from_first) if self.from_first else None)

    def finditer(self, s: str) -> Iterator[re.Match]:
        """The matches of `(?:^|lead)body` in `s`, as `finditer` of that pattern finds them: an ordinal at the
        start first (^ is tried first there), then ordinals after a lead from where it ended.  A style with
        `from_first` finds those by its body's first character, the lead looked back at from there (a pattern
        opening with a set of characters is searched for by that set, where one opening with the lead, a frequent
        character, is tried at every place): a match of it at q is the match of `lead + body` at q - 1, which
        must not start before the end of the match before."""
        first = self.at_start.match(s)
        if first is not None:
            yield first
        pos = 0 if first is None else first.end()
        if self.from_first_re is None:
            yield from self.after_lead.finditer(s, pos)
            return
        m = self.from_first_re.search(s, pos + 1)
        while m is not None:
            m = self.after_lead.match(s, m.start() - 1)  # (the match itself, as finditer gives it)
            yield m
            m = self.from_first_re.search(s, m.end() + 1)

    def value(self, m: re.Match) -> int | None:
        raw = m.group("n")
        if len(raw) == 1 and "①" <= raw <= "⑳":  # before isdigit(): '①'.isdigit() is true, int('①') fails
            return ord(raw) - ord("①") + 1
        if raw.isdigit():
            return int(raw)
        return cn_to_int(raw)


# (`from_first`: the body, its first character matched before the look-behind at the lead and that character.
# The Arabic ordinal's lead runs over any spaces: it is searched for as it is.)
STYLES = {
    "shi": Style("shi", rf"(?P<n>{_CN})是", _ITEM_LEAD, 9, "{cn}是",
                 rf"(?P<n>{_CN_DIGIT}(?<={_ITEM_LEAD}{_CN_DIGIT}){_CN_DIGIT}{{0,2}})是"),
    "di": Style("di", rf"第(?P<n>{_CN})[，、：:]", _ITEM_LEAD, 9, "第{cn}",
                rf"第(?<={_ITEM_LEAD}第)(?P<n>{_CN})[，、：:]"),
    "paren_cn": Style("paren_cn", rf"[（(](?P<n>{_CN})[）)]", _PAREN_LEAD, 1, "（{cn}）",
                      rf"[（(](?<={_PAREN_LEAD}[（(])(?P<n>{_CN})[）)]"),
    "arabic": Style("arabic", r"(?P<n>\d{1,2})[.．、](?=[\u4e00-\u9fff])", _ARABIC_LEAD, 2, "{n}."),
    "paren_arabic": Style("paren_arabic", r"[（(](?P<n>\d{1,2})[）)]", _PAREN_LEAD, 3, "（{n}）",
                          rf"[（(](?<={_PAREN_LEAD}[（(])(?P<n>\d{{1,2}})[）)]"),
    "circled": Style("circled", r"(?P<n>[①-⑳])", _ITEM_LEAD, 4, "{circled}", rf"(?P<n>[①-⑳](?<={_ITEM_LEAD}[①-⑳]))"),
}

PARAMS = Fields({
    "styles": Field(ListOf(Choice(tuple(STYLES)), doc="the ordinal styles followed (default: all)")),
}, doc="an enumeration that skips or repeats an ordinal")


@dataclass
class _Item:
    style: Style
    value: int
    text: Text
    start: int
    end: int


def check(rule: Rule, ctx: Context) -> Iterator[Hit]:
    styles = [STYLES[name] for name in rule.params.get("styles", list(STYLES))]
    tables = _inline_tables(ctx)
    near: dict[int, bool] = {}  # a paragraph (its id) -> whether a table overlaps it (most paragraphs: none)
    for ordinal, texts in _sections(ctx):
        last: dict[str, _Item] = {}
        for item in _items(texts, styles):
            if tables and _near_table(item.text, tables, near) and _in_table(item, tables):
                continue  # a row label of a table the page ran into its text (（一）予以公开 … （四）无法提供)
            for other in list(last):
                if STYLES[other].level > item.style.level and item.style.level < 9:
                    del last[other]  # a higher-level item starts the lists under it afresh
            previous = last.get(item.style.name)
            if previous is not None and _heading_between(previous, item):
                last.clear()  # 七、下一步工作思路 between them: the lists under it start afresh
                previous = None
            last[item.style.name] = item
            if previous is None or item.value == 1 or item.value == previous.value + 1:
                continue
            if item.value == previous.value or (item.value > previous.value + 1 and not _glued(previous, item)):
                yield _hit(item, previous, ordinal)


def _near_table(text: Text, tables: list[tuple[int, int]], near: dict[int, bool]) -> bool:
    """Whether a table overlaps the paragraph's source: only then can one of its items stand in one."""
    found = near.get(id(text))
    if found is None:
        a, b = text.source_span()
        found = near[id(text)] = any(x < b and a < y for x, y in tables)
    return found


def _in_table(item: _Item, tables: list[tuple[int, int]]) -> bool:
    at = item.text.source_span(item.start, item.start + 1)[0]
    return any(a <= at < b for a, b in tables)


def _inline_tables(ctx: Context) -> list[tuple[int, int]]:
    """The source spans of the statistics tables recovered from running text (a crawled page's one line)."""
    from linter.tables import statistics_tables

    return [(m.start, m.end) for m in statistics_tables(ctx) if "inline" in m.layout]


def _sections(ctx: Context) -> Iterator[tuple[str | None, list[Text]]]:
    outline = ctx.outline
    yield None, [b.text for b in outline.preamble if isinstance(b, Paragraph) and b.role == "text"]
    for sec in outline.sections:
        texts = [sec.heading] + [p.text for p in sec.paragraphs()]
        yield sec.ordinal, texts


# Whether a paragraph holds an ordinal's two characters for any style, in one search (most hold none): a set of
# their first characters, then their second one seen from behind — the set opening the pattern lets `re` scan for
# it.  A paragraph that holds some is searched for each style found by its first character at once (that search
# costs no more than one for the two characters); the Arabic one, which is not, only where its body's digit
# and mark stand before a Chinese character (a figure such as 1.5 is no ordinal).
_ANY_NEEDED = re.compile(f"[{_CN_DIGIT[1:-1]}第（(\\d①-⑳]"
                         f"(?:(?<={_CN_DIGIT})是|(?<=第){_CN_DIGIT}|(?<=[（(])[{_CN_DIGIT[1:-1]}\\d]|(?<=\\d)[.．、]|(?<=[①-⑳]))")
_ARABIC_NEEDS = re.compile(r"\d[.．、](?=[\u4e00-\u9fff])")  # (its body's digit, mark and what follows)


def _items(texts: list[Text], styles: list[Style]) -> Iterator[_Item]:
    for text in texts:
        first = _ANY_NEEDED.search(text.text)
        if first is None:
            continue
        found = []
        for style in styles:
            if style.from_first_re is None and _ARABIC_NEEDS.search(text.text, first.start()) is None:
                continue  # (no Arabic ordinal's two characters stand after the first of any style's)
            for m in style.finditer(text.text):
                value = style.value(m)
                if value is not None:
                    found.append(_Item(style, value, text, m.start("n") - _lead(style, m), m.end()))
        yield from sorted(found, key=lambda item: item.start)


_TOP_HEADING_RE = re.compile(r"(?:^|[\s。；！？])[一二三四五六七八九十]{1,2}\s*、")


def _heading_between(previous: _Item, item: _Item) -> bool:
    """Does a top-level heading (七、…) stand between two items of the same paragraph?"""
    return previous.text is item.text and bool(_TOP_HEADING_RE.search(item.text.text, previous.end, item.start))


def _glued(previous: _Item, item: _Item) -> bool:
    """Are the ordinals a jump seems to skip there, glued to the text before them (…参加上级培训3.建章立制): not
    skipped — only their punctuation is missing."""
    if previous.text is item.text:
        between = item.text.text[previous.end:item.start]
    else:  # the list runs over two paragraphs (a PDF extraction breaks them at its lines)
        between = previous.text.text[previous.end:] + item.text.text[:item.start]
    return bool(between) and all(_written(item.style, v) in between
                                 for v in range(previous.value + 1, item.value))


def _lead(style: Style, m: re.Match) -> int:
    """How many characters of the ordinal stand before its number (（ of （二）, 第 of 第二)."""
    return 1 if style.name in ("di", "paren_cn", "paren_arabic") else 0


def _hit(item: _Item, previous: _Item, ordinal: str | None) -> Hit:
    start, end = item.text.source_span(item.start, item.end)
    found = item.text.text[item.start:item.end]
    before = previous.text.text[previous.start:previous.end]
    if item.value == previous.value:
        data = {"problem": f"与前一项“{before}”重复", "problem_en": f"repeats the item before ({before})"}
    else:
        missing = "、".join(_written(item.style, v) for v in range(previous.value + 1, item.value))
        data = {"problem": f"跳过了“{missing}”（前一项是“{before}”）",
                "problem_en": f"skips {missing} (the item before is {before})"}
    return Hit(start, end, {"found": found, **data}, section=ordinal)


def _written(style: Style, n: int) -> str:
    return style.written.format(cn=_cn(n), n=n, circled=chr(ord("①") + n - 1) if 1 <= n <= 20 else str(n))


def _cn(n: int) -> str:
    """1…99 in Chinese numerals (一, 十, 十二, 二十三)."""
    digits = "〇一二三四五六七八九"
    tens, ones = divmod(n, 10)
    if not tens:
        return digits[ones]
    return ("" if tens == 1 else digits[tens]) + "十" + (digits[ones] if ones else "")
