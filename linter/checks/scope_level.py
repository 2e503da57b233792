"""Work of another level or another place spoken of as the agency's own: a district's report that will 做好全市政府信息
公开工作, a city's that strengthens 对全省政务公开工作的统筹, a district's that pushes 清江浦区政务公开工作 where its own
name belongs — text lifted from a report of another level or place.

The agency's reach comes from its name (`linter.language.places`; the configured level wins).  A scope (全省) or
a place of the agency's own unit (清江浦区 for 洪泽区) is reported only where it owns the domain's work as the
sentence's object: `全省…公开工作` ending its clause, or `对全省…公开工作的统筹`.  Silent: a quotation (《…全省…》,
“…”), a sentence that follows or names a superior (按照全省部署, 省政府办公厅要求: `defer`, `superiors`), the
superior's work as a thing the agency joins (全省政务公开工作会议, …考核中).

Parameters: declared in `PARAMS` below.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterator

from linter.checks.context import Context
from linter.checks.hits import Hit
from linter.language.places import Reach, reach_of
from linter.language.sentences import Breaks, around
from linter.ruleset.loading import Rule
from linter.ruleset.params import Field, Fields, Integer, MapOf, texts

PARAMS = Fields({
    "units": Field(MapOf(Integer(minimum=0, maximum=9), doc="place units and their rank, widest first "
                                                            "(省: 1 … 镇: 4)"), required=True),
    "scopes": Field(MapOf(Integer(minimum=0, maximum=9), doc="scope words and the rank they reach (全省: 1)"),
                    required=True),
    "zones": Field(texts("a place named so is a zone within a province, its level not said (开发区, 实验区)")),
    "municipalities": Field(texts("cities of province rank (北京市 …)")),
    "national": Field(texts("names of national bodies open with these (国务院, 国家)")),
    "domain": Field(texts("words of the report's own work (政务公开, 政府信息公开 …): the phrase must hold one"),
                    required=True),
    "head": Field(texts("the noun that ends the phrase of work (工作)"), required=True),
    "defer": Field(texts("words of following or joining a superior (按照, 根据, 参加 …): the sentence is silent")),
    "superiors": Field(texts("a superior named ({unit}政府, {unit}委, 上级 …; {unit} is the scope's unit): "
                             "the sentence is silent")),
}, doc="work of another level or place spoken of as the agency's own")

_CLAUSE_END = "，。；！？：\n"
_SENTENCES = Breaks("。！？；\n")  # (a sentence here is without its end)
_PHRASE_LIMIT = 14   # characters between the scope and the head of the phrase


def check(rule: Rule, ctx: Context) -> Iterator[Hit]:
    p = rule.params
    reach = _reach(ctx, p)
    if reach is None:
        return
    domain, heads = tuple(p["domain"]), tuple(p["head"])
    phrase = _phrase_pattern(heads)
    text = ctx.scope_text(rule.scope)
    s = text.text
    agency = re.sub(r"\s", "", ctx.outline.agency or "")
    for a, b, found, unit in _candidates(ctx, rule.scope, s, reach, p):
        m = phrase.match(s, b)
        if m is None or not any(d in m.group() for d in domain) or not _owned(s, a, m.end()):
            continue
        sa, sb = around(s, a, m.end(), _SENTENCES)
        if _quoted(s[sa:a]) or _deferring(s[sa:a], s[b:sb], s[sa:sb], unit, p):
            continue
        start, end = text.source_span(a, m.end())
        yield Hit(start, end, {"found": s[a:m.end()], "scope": found, "agency": agency})


@lru_cache(maxsize=8)
def _phrase_pattern(heads: tuple[str, ...]) -> re.Pattern:
    """The phrase of work after a scope: up to `_PHRASE_LIMIT` Chinese characters, then a head (compiled once per
    process)."""
    return re.compile(rf"[\u4e00-\u9fff]{{0,{_PHRASE_LIMIT}}}?(?:{'|'.join(map(re.escape, heads))})")


def _reach(ctx: Context, p: dict) -> Reach | None:
    ranks = p["units"]
    reach = reach_of(ctx.outline.agency, ranks, tuple(p.get("zones", ())), tuple(p.get("municipalities", ())),
                     tuple(p.get("national", ())))
    configured = {"province": 1, "city": 2, "county": 3, "township": 4}.get(ctx.config.agency_level or "")
    if configured is not None:
        return Reach(configured, reach.own_units if reach else frozenset(), reach.places if reach else ())
    return reach


def _candidates(ctx: Context, scope: str, s: str, reach: Reach, p: dict) -> Iterator[tuple[int, int, str, str]]:
    """Scopes above the agency's reach, and places of its own unit that are not its own: (start, end, the
    scope or place, its unit)."""
    for word, rank in p["scopes"].items():
        unit = word[1:]
        if rank < reach.rank and unit not in reach.own_units:
            for at in _occurrences(s, word):
                yield at, at + len(word), word, unit
    if reach.places:
        yield from _other_places(ctx, scope, s, reach, tuple(p.get("zones", ())))


def _occurrences(s: str, word: str) -> Iterator[int]:
    """Where `word` stands in `s`, as `re.finditer(re.escape(word), s)` finds it (one place after another, none
    overlapping the one before), by `str.find` (not a pattern escaped and looked up at every call)."""
    if not word:
        yield from (m.start() for m in re.finditer("", s))
        return
    at = s.find(word)
    while at >= 0:
        yield at
        at = s.find(word, at + len(word))


def _other_places(ctx: Context, scope: str, s: str, reach: Reach, zones: tuple[str, ...]) -> Iterator[tuple[int, int, str, str]]:
    """清江浦区 in a report of 洪泽区: a place of the agency's own unit whose name shares no character with its own
    places (实验区 for 平潭综合实验区 is its own, shortened)."""
    from linter.language.segmentation import local_tokens

    unit = reach.places[-1].unit
    own_chars = set("".join(place.name for place in reach.places))
    short_zones = tuple(z for z in zones if len(z) <= len(unit) + 2)
    tokens = None
    for u in _after_two_chinese(s, unit):
        # the name holds at least the two characters before the unit: when one of them is the agency's own, or
        # they end in a zone (实验区), the place is silent whatever the segmentation — no block is cut for it
        if s[u - 2] in own_chars or s[u - 1] in own_chars or (s[u - 2:u] + unit).endswith(short_zones):
            continue
        if not _word_may_end_at(s, u):
            continue  # the character before the unit is a token of its own: no name of 2–4 characters there
        tokens = tokens or local_tokens(ctx, scope)
        token = next((t for t in tokens.block_tokens(u - 1) if t.start <= u - 1 < t.end), None)
        if token is None:
            continue
        name = s[token.start:u]
        full = name + unit
        if not 2 <= len(name) <= 4 or own_chars & set(name) or full.endswith(zones):
            continue
        yield token.start, u + len(unit), full, unit


def _after_two_chinese(s: str, unit: str) -> Iterator[int]:
    """Where `unit` stands after two Chinese characters, as `finditer` of (?<=[\u4e00-\u9fff]{2})unit finds
    them: each place of the unit found by a search, then the two characters before it looked at (a pattern
    opening with a look-behind is tried at every place of the text)."""
    at = s.find(unit, 2)
    while at >= 0:
        if "\u4e00" <= s[at - 2] <= "\u9fff" and "\u4e00" <= s[at - 1] <= "\u9fff":
            yield at
            at = s.find(unit, at + len(unit))
        else:
            at = s.find(unit, at + 1)


def _word_may_end_at(s: str, u: int) -> bool:
    """Can the token holding s[u - 1] start two to four characters before u?  It holds two Chinese characters
    then, and jieba makes such a token only of a dictionary word: one must start there, inside the block of
    s[u - 1], and reach u (asked of the dictionary, not of a segmentation of the block)."""
    from linter.language.segmentation import BLOCK_CHARS, word_ends

    a = u - 1  # the block's start matters only within the four characters before u: walk no further back
    while a > max(0, u - 4) and BLOCK_CHARS.match(s, a - 1):
        a -= 1
    b = _block_run().match(s, u - 1).end()
    for x in range(a, u - 1):
        ends = word_ends(s, x)
        if ends is None or any(u <= y <= b for y in ends):
            return True
    return False


@lru_cache(maxsize=1)
def _block_run() -> re.Pattern:
    """A run of `BLOCK_CHARS` (the rest of a block, matched in one call rather than a character at a time)."""
    from linter.language.segmentation import BLOCK_CHARS

    return re.compile(f"(?:{BLOCK_CHARS.pattern})*")


def _owned(s: str, a: int, end: int) -> bool:
    """Is the phrase of work the sentence's object: it ends its clause, or is the 对…的 object of an action?"""
    if end >= len(s) or s[end] in _CLAUSE_END:
        return True
    if s[end] != "的":
        return False
    clause_start = max(s.rfind(c, 0, a) for c in _CLAUSE_END) + 1
    after = re.match(rf"的[\u4e00-\u9fff]{{1,4}}(?:[{_CLAUSE_END}]|$)", s[end:])
    return "对" in s[clause_start:a] and after is not None


def _quoted(before: str) -> bool:
    """Is the sentence, up to the scope, inside a title (《…》) or quotation marks?"""
    return before.count("《") > before.count("》") or before.count("“") > before.count("”")


def _deferring(before: str, after: str, sentence: str, unit: str, p: dict) -> bool:
    """Does the sentence follow or join a superior (按照…, 参加…), or name one (省政府, 上级) outside the scope word?"""
    if any(word in sentence for word in p.get("defer", ())):
        return True
    rest = before + "|" + after
    return any(pattern.replace("{unit}", unit) in rest for pattern in p.get("superiors", ()))
