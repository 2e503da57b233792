"""Prose totals against their parts: "发布信息54篇，从内容分类看，机构职能25条，工作动态37条…" must add up.

A *total* is an exact count whose clause names it as a total (a `total_before` word such as 共/累计/发布 in
the same clause).  Its *breakdown* begins at one of the rule's `markers` (其中, 从…看, 分别为 …) later in the
same sentence or at the start of the next, and runs over the list items (split at ，、；) up to the end of that
sentence or the bracket that opened it.  A *part* is the first count of the same unit family in an item,
with a label before it; items that compare (同比, 增长 …) or start a new total end the list.  Any approximate
number (2万余次, 近百件) in the total or a part keeps the rule silent, and so does a list whose first parts
already reach the total (what follows counts another dimension: "其中新收8件，上年结转2件，办结9件").

Each aspect is a sub-kind (`check: prose_sum.aspect`) with the parameters declared in `ASPECTS` below
(`report-lint rules --schema` prints them all).
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Iterator

from linter.checks.context import Context
from linter.ruleset.patterns import compile_pattern
from linter.ruleset.params import AnyOf, Choice, Field, Fields, ListOf, Pattern, texts
from linter.checks.hits import Hit
from linter.document.model import Text
from linter.language.quantities import Quantity, extract, percent_agrees
from linter.ruleset.loading import Rule

_CLAUSE_END = "，,、；;：:。！？\n（(）)"
_ITEM_SPLIT = "，,、；;"


_MARKERS = Field(ListOf(AnyOf((Pattern(), ListOf(Pattern()))),
                        doc="where a breakdown starts, anchored at a clause start (lists are flattened)"), required=True)
_FAMILIES = Field(ListOf(texts(), doc="units that count the same things: [[篇, 条, 件], [次], …]"), required=True)
_TOTAL_BEFORE = Field(Pattern(doc="a total's clause must match this before the number"), required=True)
_STOP = Field(Pattern(doc="an item matching this ends the list (comparisons, new totals)"))
ASPECTS = {
    "breakdown": Fields({
        "markers": _MARKERS, "families": _FAMILIES, "total_before": _TOTAL_BEFORE, "stop": _STOP,
        "mode": Field(Choice(("exact", "exceeds"), doc="exact: the parts must equal the total; exceeds: fire only "
                             "when they exceed it, or fall short although one part is a catch-all")),
        "catch_all": Field(Pattern(doc="a catch-all label (其他 …)")),
    }, doc="a total and its breakdown must add up"),
    "share": Fields({
        "markers": _MARKERS, "families": _FAMILIES, "total_before": _TOTAL_BEFORE, "stop": _STOP,
        "share": Field(Pattern(doc="\"占 p%\" after a part"), required=True),
    }, doc="a part's printed share must equal part ÷ total"),
    "rate": Fields({
        "families": _FAMILIES, "total_before": _TOTAL_BEFORE,
        "rate": Field(Pattern(doc="the rate's name (办复率 …)"), required=True),
        "done": Field(Pattern(doc="the done count's words (已办结 …)"), required=True),
        "all_done": Field(Pattern(doc="\"all done\" words (全部办结 …)"), required=True),
    }, doc="\"办复率100%\" must equal the done count ÷ the total"),
}


def _flat(items) -> list:
    """YAML anchors let a rule reuse marker lists: [[a, b], [c]] counts as [a, b, c]."""
    out = []
    for item in items:
        out.extend(_flat(item) if isinstance(item, list) else [item])
    return out


def _re(pattern: str):
    return compile_pattern(pattern)


@dataclass
class Breakdown:
    total: Quantity
    parts: list[Quantity]
    labels: list[str]
    shares: list[tuple[Quantity, Quantity]]  # (part, its printed share)
    marker: str


def _family(unit: str, families: list[list[str]]) -> int | None:
    for i, fam in enumerate(families):
        if unit in fam:
            return i
    return None


_MAX_CLAUSE = 400  # a clause is a few dozen characters; a page without punctuation must not make this quadratic


def _clause_start(text: str, at: int) -> int:
    i = at
    floor = max(0, at - _MAX_CLAUSE)
    while i > floor and text[i - 1] not in _CLAUSE_END:
        i -= 1
    return i


class _Index:
    """Quantities sorted by start, looked up by range in logarithmic time (a page can hold tens of
    thousands of them; scanning the whole list per total was quadratic)."""

    def __init__(self, quantities: list[Quantity]) -> None:
        self.items = sorted(quantities, key=lambda q: q.start)
        self.starts = [q.start for q in self.items]

    def starting_in(self, lo: int, hi: int) -> list[Quantity]:
        """The quantities whose start lies in [lo, hi)."""
        return self.items[bisect.bisect_left(self.starts, lo):bisect.bisect_left(self.starts, hi)]


_SENTENCE_END_RE = re.compile(r"[。！？\n]")
_MAX_SENTENCE = 2000  # a sentence longer than this is a page without full stops: look no further


def _sentence_end(text: str, at: int) -> int:
    limit = min(len(text), at + _MAX_SENTENCE)
    m = _SENTENCE_END_RE.search(text, at, limit)
    return m.end() if m else limit


def _paragraph_quantities(ctx: Context, scope: str) -> list[tuple[Text, list[Quantity]]]:
    """The scope's text with its quantities; the scope's shared tokens decide where Chinese numerals start."""
    def compute():
        from linter.language.segmentation import local_tokens

        text = ctx.scope_text(scope)
        local = local_tokens(ctx, scope)
        return [(text, extract(text.text, local.starts, local.ends))]

    return ctx.cached(f"quantities:{scope}", compute)


def find_breakdowns(text: str, quantities: list[Quantity], params: dict) -> list[Breakdown]:
    families = params["families"]
    total_before = _re(params["total_before"])
    stop = _re(params["stop"]) if params.get("stop") else None
    markers = [_re(m) for m in _flat(params["markers"])]
    share_re = _re(params["share"]) if params.get("share") else None
    found: list[Breakdown] = []
    used: set[int] = set()
    index = _Index(quantities)
    for total in quantities:
        fam = _family(total.unit, families)
        if fam is None or total.approximate or total.start in used:
            continue
        clause = text[_clause_start(text, total.start):total.start]
        if not total_before.search(clause):
            continue
        # the breakdown starts (at a clause start) in this sentence or the next one
        end_here = _sentence_end(text, total.end)
        search_end = _sentence_end(text, end_here) if end_here < len(text) else end_here
        marker_at = None
        for m_re in markers:
            for m in m_re.finditer(text, total.end, search_end):
                if m.start() == 0 or text[m.start() - 1] in _CLAUSE_END:
                    if marker_at is None or m.start() < marker_at[0]:
                        marker_at = (m.start(), m.end(), m.group())
                    break
        if marker_at is None:
            continue
        between = [q for q in index.starting_in(total.end, marker_at[0]) if _family(q.unit, families) == fam]
        if between:
            continue  # another count of the same kind stands between the total and the breakdown
        list_end = _sentence_end(text, marker_at[1])
        opened = text.rfind("（", total.end, marker_at[0] + 1), text.rfind("(", total.end, marker_at[0] + 1)
        if max(opened) >= 0:
            close = min([i for i in (text.find("）", marker_at[1]), text.find(")", marker_at[1])) if i >= 0] or [list_end])
            list_end = min(list_end, close)
        parts, labels, shares = _parts(text, marker_at[1], list_end, index, fam, families, stop, share_re, markers)
        if len(parts) < 2 or any(p.approximate for p in parts):
            continue
        used.add(total.start)
        found.append(Breakdown(total, parts, labels, shares, marker_at[2]))
    return found


def _parts(text, start, end, index: _Index, fam, families, stop, share_re, markers):
    parts: list[Quantity] = []
    labels: list[str] = []
    shares: list[tuple[Quantity, Quantity]] = []
    depth = 0
    item_start = start
    i = start
    items: list[tuple[int, int]] = []
    while i <= end:
        ch = text[i] if i < end else "，"
        if ch in "（(":
            depth += 1
        elif ch in "）)":
            depth = max(0, depth - 1)
        elif depth == 0 and (ch in _ITEM_SPLIT or i == end):
            if i > item_start:
                items.append((item_start, i))
            item_start = i + 1
        i += 1
    for n, (a, b) in enumerate(items):
        item = text[a:b]
        if stop is not None and stop.search(item):
            break
        if n + 1 < len(items) and any(m.match(text, items[n + 1][0]) for m in markers):
            break  # this item is a new total with a breakdown of its own
        inner = [q for q in index.starting_in(a, b) if q.end <= b and not _in_brackets(text, a, q.start)]
        counted = [q for q in inner if _family(q.unit, families) == fam]
        if not counted:
            pct = [q for q in inner if q.is_percent]
            if pct and parts and share_re and share_re.search(item):
                shares.append((parts[-1], pct[0]))
            continue
        part = counted[0]
        label = text[a:part.start].strip(" ：:")
        if not label:
            break
        parts.append(part)
        labels.append(label)
        pct = [q for q in inner if q.is_percent and q.start > part.end]
        if pct and share_re and share_re.search(text[part.end:b]):
            shares.append((part, pct[0]))
    return parts, labels, shares


def _in_brackets(text: str, a: int, at: int) -> bool:
    depth = 0
    for ch in text[a:at]:
        if ch in "（(":
            depth += 1
        elif ch in "）)":
            depth = max(0, depth - 1)
    return depth > 0


def _prefix_reaches(parts: list[Quantity], total: Decimal) -> bool:
    running = Decimal(0)
    for part in parts[:-1]:
        running += part.value
        if running == total:
            return True
    return False


def _fmt(value: Decimal) -> str:
    return format(value.normalize(), "f") if value == value.to_integral() else str(value)


def _span(text: Text, a: int, b: int) -> tuple[int, int]:
    return text.source_span(a, b)


def check(rule: Rule, ctx: Context) -> Iterator[Hit]:
    params = rule.params
    aspect = rule.aspect
    for text, quantities in _paragraph_quantities(ctx, rule.scope):
        if aspect == "rate":
            yield from _check_rates(text, quantities, params)
            continue
        for bd in find_breakdowns(text.text, quantities, params):
            total = bd.total.value
            parts_sum = sum((p.value for p in bd.parts), Decimal(0))
            if aspect == "share":
                for part, pct in bd.shares:
                    if not percent_agrees(pct.value, pct.places, part.value, total):
                        start, end = _span(text, pct.start, pct.end)
                        yield Hit(start, end, {
                            "percent": pct.raw, "part": _fmt(part.value), "total": _fmt(total) + bd.total.unit,
                            "computed": f"{part.value * 100 / total:.2f}%",
                        })
                continue
            if _prefix_reaches(bd.parts, total):
                continue  # the list reached its total; what follows counts another dimension (办结, 结转 …)
            catch_all = params.get("catch_all")
            if params.get("mode", "exact") == "exact":
                wrong = parts_sum != total
            else:
                wrong = parts_sum > total or (parts_sum < total and bool(catch_all) and any(_re(catch_all).search(lb) for lb in bd.labels))
            if not wrong:
                continue
            start, _ = _span(text, bd.total.start, bd.total.end)
            _, end = _span(text, bd.parts[-1].start, bd.parts[-1].end)
            parts_text = "+".join(_fmt(p.value) for p in bd.parts)
            yield Hit(start, end, {
                "total": _fmt(total) + bd.total.unit, "sum": _fmt(parts_sum), "parts": parts_text,
                "difference": _fmt(abs(parts_sum - total)),
            }, related=[(*_span(text, p.start, p.end), lb) for p, lb in zip(bd.parts, bd.labels)])


def _check_rates(text: Text, quantities: list[Quantity], params: dict) -> Iterator[Hit]:
    """"办复率100%": the rate must equal done ÷ total, where the same or the previous sentence gives both."""
    s = text.text
    families = params["families"]
    total_before = _re(params["total_before"])
    rate_re, done_re, all_done_re = _re(params["rate"]), _re(params["done"]), _re(params["all_done"])
    index = _Index(quantities)
    for m in rate_re.finditer(s):
        pct = next((q for q in index.starting_in(m.end() - 1, m.end() + 4) if q.is_percent), None)
        if pct is None or pct.approximate:
            continue
        # look back at most over the previous sentence
        sent_start = s.rfind("。", 0, m.start())
        window_start = s.rfind("。", 0, sent_start) + 1 if sent_start >= 0 else 0
        window = (window_start, _sentence_end(s, pct.end))
        totals = [q for q in index.starting_in(window[0], m.start()) if _family(q.unit, families) is not None
                  and not q.approximate and total_before.search(s[_clause_start(s, q.start):q.start])]
        if len(totals) != 1:
            continue  # no total, or several: ambiguous
        total = totals[0]
        done_value = None
        for dm in done_re.finditer(s, total.end, window[1]):
            q = next((q for q in index.starting_in(dm.end() - 1, dm.end() + 2) if q.unit == total.unit), None)
            if q is not None and not q.approximate:
                done_value = q.value
                break
        if done_value is None and all_done_re.search(s, total.end, window[1]):
            done_value = total.value
        if done_value is None or total.value == 0:
            continue
        if not percent_agrees(pct.value, pct.places, done_value, total.value):
            start, end = text.source_span(m.start(), pct.end)
            yield Hit(start, end, {
                "rate": s[m.start():pct.end], "done": _fmt(done_value), "total": _fmt(total.value) + total.unit,
                "computed": f"{done_value * 100 / total.value:.2f}%",
            })
