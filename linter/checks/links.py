"""Links that lead elsewhere than the report says: a printed address that names another year's page, the
sentence saying where the report is found naming a column of another kind of page, a hyperlink whose shown
address is not the one it opens.  Each is a reader sent to the wrong page — usually an address or a sentence
copied from an earlier report, or a link edited without its text.

Aspects (one rule each):

* `links.year` — a printed address (the rule's `address` patterns; group `path` is what follows the host) that
  is the report's own — its sentence says where the report is found (a mention of the report, `report`, then a
  verb, `verbs`: 查阅, 下载 …), or a segment of its path names the column of annual reports (`report_segments`:
  zfxxgknb, 2021ndbg, nb2021) — is cut into path segments, and a segment that names a year (`year_segments`: a
  column `2021ndbg`, a folder `/2021/`, a publication month `202302/`, a page's publication date
  `t20230220_80629.htm`) is compared with the report year.  The report year and the `after` years following it
  (a report is published the year after) are its own; a publication date in the report year itself only from
  the month `published_from` on (a page published in January of the report year is last year's report).
  Another year is reported, unless the sentence names that year itself or says it speaks of an earlier year
  (`earlier_words`: 上一年度 …).  Addresses of other pages (a guide published years ago, a topic opened in
  2021) may carry any year and are left alone.
* `links.column` — in a sentence that names the report (`report`) and then, before the verb that says where it
  is found (`verbs`: 查阅, 下载 …, within `REACH` characters), a column (`column` patterns, group `name`): the
  column's name, without its column word (`column_words`: 栏目, 专栏 …) and what runs on before it unquoted
  (`name_after`: 门户网站的 …), is read by the noun it ends with.  A name that ends with the noun
  of another kind of page (`other_nouns`: 指南 → 政府信息公开指南 …) and holds no noun of the annual reports
  (`report_nouns`) is reported; a name of neither kind (政府信息公开专栏, a site's whole disclosure column) says
  nothing and is left alone.
* `links.target` — every hyperlink of the document (HTML `<a href>`, DOCX hyperlinks) whose shown text is
  itself an address (the `address` patterns over the whole text) and opens another one.  Addresses are
  compared as a reader would: scheme, `www.`, letter case, percent-escapes, a trailing slash and a folder's
  index page (`index_pages`) make no difference; a shown address cut short with an ellipsis is compared as a
  prefix, and a site shown by its host alone (www.x.gov.cn) stands for any page of it; a target relative to the
  page compares its path only; a target of another kind (`mailto:`, `#…`) is left alone.

The report year is the year the report states (`Context.stated_year`), never one inferred from a publication
date; without it `links.year` says nothing.

Parameters: declared in `ASPECTS` below (`report-lint rules --schema` prints them all).
"""
from __future__ import annotations

import bisect
import re
from typing import Iterator
from urllib.parse import unquote

from linter.checks.context import Context, occurrences, sentences_holding
from linter.checks.hits import Hit
from linter.document.model import Text
from linter.ruleset.loading import Rule
from linter.ruleset.params import Field, Fields, Integer, MapOf, Str, patterns, texts
from linter.ruleset.patterns import compile_pattern

_ADDRESS = Field(patterns("a printed web address; the named group `path` is what follows the host",
                          groups=("path",)), required=True)
_REPORT = Field(patterns("how a sentence names the report or its electronic version"), required=True)
_VERBS = Field(texts("the verbs after it that say where the report is found (查阅, 下载 …)"), required=True)

ASPECTS = {
    "year": Fields({
        "address": _ADDRESS,
        "report": _REPORT,
        "verbs": _VERBS,
        "report_segments": Field(patterns("a path segment that names the column of annual reports (zfxxgknb, "
                                          "2021ndbg …), matched against the whole segment"), required=True),
        "year_segments": Field(patterns("a path segment that names a year (group `year`; group `month` when it is "
                                        "a publication date), matched against the whole segment",
                                        groups=("year",)), required=True),
        "after": Field(Integer(minimum=0, doc="years after the report year that are its own (default 1: the "
                                              "year the report is published in)")),
        "published_from": Field(Integer(minimum=1, maximum=12, doc="a page published in the report year itself "
                                                                   "is its own from this month on (default 12)")),
        "earlier_words": Field(texts("words by which a sentence says it speaks of an earlier year (上一年度 …): "
                                     "an address of an earlier year in it is meant")),
    }, doc="the address of the report, or of a column of reports, names a year other than the report's"),
    "column": Fields({
        "report": _REPORT,
        "verbs": _VERBS,
        "column": Field(patterns("a column the sentence names; group `name` is its name", groups=("name",)),
                        required=True),
        "column_words": Field(texts("words that say a name is a column's (栏目, 专栏 …): dropped from a name's end; "
                                    "a sentence without any of them names no column and is not read")),
        "name_after": Field(texts("a name starts after the last of these (的, 网站 …): a name written without "
                                  "quotes runs on from the words before it")),
        "report_nouns": Field(texts("nouns of the annual reports' own column (年报, 年度报告 …)"), required=True),
        "other_nouns": Field(MapOf(Str(), doc="a noun a column's name ends with → the kind of page it names "
                                              "(指南: 政府信息公开指南)"), required=True),
        "other_nouns_en": Field(MapOf(Str(), doc="the kinds of page in English, by the same nouns")),
    }, doc="the sentence saying where the report is found names a column of another kind of page"),
    "target": Fields({
        "address": _ADDRESS,
        "index_pages": Field(texts("file names a server opens for a folder (index.html …): an address ending "
                                   "with one is the folder's")),
    }, doc="a hyperlink shows one address and opens another"),
}

_TRAILING = ".,;:!?'\""   # ASCII punctuation that ends a sentence, not an address
_BREAK_RE = re.compile(r"[。！？；\n]")
REACH = 200  # how far a sentence that says where the report is found reaches (a longer one is run-together text)
_SEGMENT_SPLIT = re.compile(r"[/?&=#]")
_ELLIPSIS = re.compile(r"(?:…+|\.{3,})$")


def check(rule: Rule, ctx: Context) -> Iterator[Hit]:
    if rule.aspect == "year":
        return _years(rule, ctx)
    if rule.aspect == "column":
        return _columns(rule, ctx)
    return _targets(rule, ctx)


# ── printed addresses ─────────────────────────────────────────────────────────────────────────────
def addresses(text: str, address_patterns: list[str]) -> list[tuple[int, int, str]]:
    """(start, end, path) of every printed address in `text`, the earlier pattern winning where two overlap;
    ASCII punctuation that closes a sentence is not part of an address."""
    found: list[tuple[int, int, str]] = []
    for pattern in address_patterns:
        taken = sorted(found)  # an earlier pattern's addresses, in order: a new one must not overlap them
        starts = [s for s, _, _ in taken]
        for m in compile_pattern(pattern).finditer(text):
            start, end = m.start(), m.end()
            while end > start and text[end - 1] in _TRAILING:
                end -= 1
            i = bisect.bisect_left(starts, end)
            if end <= start or (i and taken[i - 1][1] > start):
                continue
            path_start = m.start("path") if m.group("path") else end
            found.append((start, end, text[path_start:end] if path_start < end else ""))
    return sorted(found)


class _Sentences:
    """The bounds of the sentence around any place of a text, found by bisection over its sentence breaks (a
    report repeated on one line holds thousands of addresses), and never more than `REACH` characters either
    side of the place."""

    def __init__(self, text: str) -> None:
        self.breaks = [m.start() for m in _BREAK_RE.finditer(text)]
        self.length = len(text)

    def around(self, start: int, end: int) -> tuple[int, int]:
        i = bisect.bisect_left(self.breaks, start)
        begin = self.breaks[i - 1] + 1 if i else 0
        j = bisect.bisect_left(self.breaks, end)
        stop = self.breaks[j] if j < len(self.breaks) else self.length
        return max(begin, start - REACH), min(stop, end + REACH)


def _years(rule: Rule, ctx: Context) -> Iterator[Hit]:
    year = ctx.stated_year
    if year is None:
        return
    p = rule.params
    report = [compile_pattern(s) for s in p["report"]]
    report_segments = [compile_pattern(s) for s in p["report_segments"]]
    year_segments = [compile_pattern(s) for s in p["year_segments"]]
    text = ctx.scope_text(rule.scope)
    bounds = None  # the sentence breaks are found once an address needs them (most reports print none that do)
    for start, end, path in addresses(text.text, p["address"]):
        segments = [s for s in _SEGMENT_SPLIT.split(path) if s]
        other = _other_year(segments, year_segments, year, p.get("after", 1), p.get("published_from", 12))
        if other is None:
            continue
        segment, seen, month = other
        bounds = bounds or _Sentences(text.text)
        begin, stop = bounds.around(start, end)
        sentence = text.text[begin:start] + " " + text.text[end:stop]
        if not (any(_whole(s, report_segments) for s in segments) or _clause(sentence, report, p["verbs"])):
            continue  # not an address of the report or of a column of reports
        if f"{seen}年" in sentence or (seen < year and any(w in sentence for w in p.get("earlier_words", ()))):
            continue  # the sentence says which year it means
        at, to = text.source_span(start, end)
        yield Hit(at, to, {"address": text.text[start:end], "segment": segment,
                           "when": f"{seen}年{month}月发布" if month else f"{seen}年",
                           "when_en": f"published in {seen}-{month:02d}" if month else f"of {seen}",
                           "report_year": str(year), "published_year": str(year + 1)})


def _other_year(segments: list[str], year_segments, year: int, after: int,
                published_from: int) -> tuple[str, int, int | None] | None:
    """The first path segment that names a year (and month) not the report's own: (segment, year, month)."""
    for segment in segments:
        m = _whole(segment, year_segments)
        if m is None:
            continue
        seen = int(m.group("year"))
        month = int(m.group("month")) if "month" in m.re.groupindex and m.group("month") else None
        if not _own(seen, month, year, after, published_from):
            return segment, seen, month
    return None


def _own(seen: int, month: int | None, year: int, after: int, published_from: int) -> bool:
    """A year (and month) of the report's own pages: the report year to `after` years later; a page's
    publication date in the report year itself only from the month `published_from` on."""
    if seen == year and month is not None:
        return month >= published_from
    return year <= seen <= year + after


def _whole(segment: str, segment_patterns):
    """The match of the first pattern that matches the whole segment, or None."""
    for pattern in segment_patterns:
        m = pattern.match(segment)
        if m and m.end() == len(segment):
            return m
    return None


def _clause(sentence: str, report, verbs, column=()) -> tuple[int, int, list[tuple[int, int, str]]] | None:
    """Where a sentence says where the report is found: (the end of its first mention of the report, the start of
    the first verb after it, within `REACH` characters, that is not inside a column's name; the columns named in
    between, as (start, end, name)), or None."""
    mention = min((m for m in (pattern.search(sentence) for pattern in report) if m), key=lambda m: m.start(),
                  default=None)
    if mention is None:
        return None
    start, reach = mention.end(), min(len(sentence), mention.end() + REACH)
    named: list[tuple[int, int, str]] = []
    for pattern in column:
        for m in pattern.finditer(sentence, start, reach):
            if not any(s < m.end() and m.start() < e for s, e, _ in named):
                named.append((*m.span("name"), m.group("name")))
    verb_at = min((i for verb in verbs for i in occurrences(sentence, verb, start, reach)
                   if not any(s <= i < e for s, e, _ in named)), default=None)
    return None if verb_at is None else (start, verb_at, sorted(c for c in named if c[1] <= verb_at))


# ── the column the report is said to be in ────────────────────────────────────────────────────────
def _columns(rule: Rule, ctx: Context) -> Iterator[Hit]:
    p = rule.params
    report = [compile_pattern(s) for s in p["report"]]
    column = [compile_pattern(s) for s in p["column"]]
    nouns = {**{n: None for n in p["report_nouns"]}, **p["other_nouns"]}
    words = p.get("column_words", ())
    text = ctx.scope_text(rule.scope)
    for a, b in sentences_holding(text.text, words):
        clause = _clause(text.text[a:b], report, p["verbs"], column)
        for start, end, name in clause[2] if clause else ():
            name, start = _name_proper(name, start, p.get("column_words", ()), p.get("name_after", ()))
            end = start + len(name)
            noun = max((n for n in nouns if name.endswith(n)), key=len, default=None)
            if noun is None or nouns[noun] is None or any(n in name for n in p["report_nouns"]):
                continue
            at, stop = text.slice(a, b).source_span(start, end)  # (the sentence's text, made only for a finding)
            kind = nouns[noun]
            yield Hit(at, stop, {"column": name, "noun": noun, "kind": kind,
                                 "kind_en": p.get("other_nouns_en", {}).get(noun, kind)})


def _name_proper(name: str, start: int, column_words, name_after) -> tuple[str, int]:
    """A column's name without the column word at its end and the words before it, and where it starts."""
    for word in sorted(column_words, key=len, reverse=True):
        if name.endswith(word) and len(name) > len(word):
            name = name[:-len(word)]
            break
    cut = max((name.rfind(w) + len(w) for w in name_after if name.rfind(w) >= 0), default=0)
    if cut < len(name):
        name, start = name[cut:], start + cut
    return name, start


# ── a link's shown address against its target ────────────────────────────────────────────────────
def _targets(rule: Rule, ctx: Context) -> Iterator[Hit]:
    p = rule.params
    index_pages = tuple(page.lower() for page in p.get("index_pages", ()))
    for link in ctx.document.links:
        shown = _shown_address(link.text, p["address"])
        if shown is None:
            continue
        if not _same_address(shown, link.target, index_pages):
            at, stop = link.text.strip().source_span()
            yield Hit(at, stop, {"shown": shown, "target": link.target})


def _shown_address(text: Text, address_patterns: list[str]) -> str | None:
    """The link's text when it is itself an address (an ellipsis that cuts it short kept), else None."""
    shown = text.text.strip().strip("（）()<>《》“”\"'[]【】")
    body = _ELLIPSIS.sub("", shown)
    found = addresses(body, address_patterns)
    return shown if len(found) == 1 and found[0][:2] == (0, len(body)) else None


def _same_address(shown: str, target: str, index_pages: tuple[str, ...]) -> bool:
    """Whether the address a link shows is the one it opens, as a reader would count it; True when the
    target is of another kind (mail, a place in the page) or relative to the page, which the text cannot name."""
    goal = _parts(target, index_pages)
    if goal is None:
        return True
    cut = _ELLIPSIS.search(shown) is not None
    seen = _parts(_ELLIPSIS.sub("", shown), index_pages, cut, printed=True)
    if seen[1] in ("", "/") and not cut:  # the site shown by its host alone stands for any page of it
        return goal[0] is None or goal[0] == seen[0]
    if goal[0] is None:  # a path from the site's root: the paths alone are compared
        seen, goal = (None, seen[1]), (None, goal[1])
    seen_text, goal_text = f"{seen[0] or ''}{seen[1]}", f"{goal[0] or ''}{goal[1]}"
    return goal_text.startswith(seen_text) if cut else goal_text == seen_text


def _parts(address: str, index_pages: tuple[str, ...], cut: bool = False,
           printed: bool = False) -> tuple[str | None, str] | None:
    """(host, path) of an address as compared: the host in lower case without `www.` and a default port (None
    for a path from the site's root), the path unescaped and in lower case, without a fragment, a trailing
    slash or an index page (as written when the address is `cut` short).  A `printed` address without a scheme
    starts with its host; a link's target without one is relative: None, as for a target that names no page
    (mail, a place in the page)."""
    a = unquote(address.strip())
    scheme = re.match(r"(?i)(?:https?:)?//", a)
    if scheme:
        host, slash, path = a[scheme.end():].partition("/")
    elif printed:
        host, slash, path = a.partition("/")
    elif a.startswith("/"):
        host, slash, path = None, "/", a[1:]
    else:
        return None
    if host is not None:
        host = re.sub(r":(?:80|443)$", "", host.lower())
        host = host[4:] if host.startswith("www.") else host
    path = slash + path.split("#", 1)[0].lower()
    if cut:
        return host, path
    head, _, last = path.rpartition("/")
    if last in index_pages:
        path = head
    return host, path.rstrip("/")
