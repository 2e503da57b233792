"""Dates and years: the statistics period (统计期限), the report year, the publication date and its deadline.

Each aspect is a sub-kind (`check: date.aspect`) with the parameters declared in `ASPECTS` below
(`report-lint rules --schema` prints them all).

The publication date is, in this order: the configured one (--published), the date of the closing block,
or a metadata line of a crawled page before the text (params.metadata_keys, e.g. 发布时间).
"""
from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass
from typing import Iterator

from linter.checks.context import Context
from linter.language.dates import dominant_year, find_period, find_years, parse_date
from linter.ruleset.params import Checked, Choice, Field, Fields, Integer, MapOf, Str, texts
from linter.ruleset.schema import MMDD_RE
from linter.checks.hits import Hit
from linter.document.model import Text
from linter.ruleset.loading import Rule



def _mmdd_problem(value: str) -> str | None:
    return None if MMDD_RE.match(value) else f"{value!r} is not MM-DD"


_METADATA = Field(texts("metadata lines of a crawled page that carry the publication date (发布时间 …)"))
ASPECTS = {
    "period_present": Fields({"finds": Field(Choice(("missing", "partial"),
                                                    doc="missing: no period (or its dates blank); partial: a period "
                                                        "that is not a whole year"), required=True)},
                             doc="the scope states a period (a range of dates, of months, or a whole year) "
                                 "covering 1月1日–12月31日 of one year"),
    "period_year": Fields({}, doc="the period's year equals the report year"),
    "body_year": Fields({"min_count": Field(Integer(minimum=1, doc="the dominant year must occur at least this often"),
                                            required=True)},
                        doc="the most frequent \"YYYY年\" of the body equals the report year"),
    "publish_deadline": Fields({
        "deadlines": Field(MapOf(Checked(Str(), _mmdd_problem, doc="MM-DD of the year after the report year"),
                                 doc="agency key (kind.level or kind) → deadline"), required=True),
        "metadata_keys": _METADATA,
    }, doc="the publication date is not later than the deadline of the agency's kind"),
    "publish_early": Fields({"metadata_keys": _METADATA}, doc="the publication date is after the report year"),
}


def check(rule: Rule, ctx: Context) -> Iterator[Hit]:
    yield from _ASPECT[rule.aspect](rule, ctx)


# ── the statistics period ────────────────────────────────────────────────────────────────────────


def _period(rule: Rule, ctx: Context):
    text = ctx.scope_text(rule.scope)
    return text, ctx.cached(f"period:{rule.scope}", lambda: find_period(text.text))


def _period_present(rule: Rule, ctx: Context) -> Iterator[Hit]:
    text, period = _period(rule, ctx)
    if rule.params["finds"] == "partial":
        if period is not None and period.first is not None and period.whole_year is None:
            start, end = text.source_span(period.start, period.end)
            yield Hit(start, end, {"period": text.text[period.start:period.end]})
        return
    if period is None:
        start, end, section = ctx.scope_anchor(rule.scope)
        yield Hit(start, end, {"problem": "缺少统计期限说明", "problem_en": "there is no statistics period"}, section=section)
        return
    if period.first is None:
        start, end = text.source_span(period.start, period.end)
        yield Hit(start, end, {"problem": "统计期限的起止日期空缺", "problem_en": "the period's dates are blank"})


def _period_year(rule: Rule, ctx: Context) -> Iterator[Hit]:
    report_year = ctx.stated_year
    if report_year is None:
        return
    text, period = _period(rule, ctx)
    if period is None or not period.annual or period.yearless:
        return  # no period, a 截至 date or no year written: nothing to compare (DISC-PERIOD reports the rest)
    years = {period.first.date.year, period.last.date.year}
    if years != {report_year}:
        start, end = text.source_span(period.first.start, period.last.end)
        yield Hit(start, end, {"period_year": "、".join(str(y) for y in sorted(years)), "report_year": report_year})


def _body_year(rule: Rule, ctx: Context) -> Iterator[Hit]:
    report_year = ctx.stated_year
    if report_year is None:
        return
    years = find_years(_sections_string(ctx))
    year, counts = dominant_year(years)
    if year is None or year == report_year:
        return
    if counts[year] < rule.params["min_count"] or counts[year] <= counts.get(report_year, 0):
        return
    first = next(y for y in years if y.year == year)
    start, end = _sections_text(ctx).source_span(first.start, first.end)
    yield Hit(start, end, {"body_year": year, "count": counts[year], "report_year": report_year,
                           "report_year_count": counts.get(report_year, 0)})


def _sections_text(ctx: Context) -> Text:
    """The running text of the six sections (the preamble's period sentence is checked on its own), with its
    offsets: made only where a finding needs a place in the source."""
    return ctx.cached("date:sections_text", lambda: Text.join(_sections_paragraphs(ctx), sep="\n"))


def _sections_string(ctx: Context) -> str:
    """The string of `_sections_text`, joined without the offsets (the years are read from it)."""
    return "\n".join(text.text for text in _sections_paragraphs(ctx))


def _sections_paragraphs(ctx: Context) -> list[Text]:
    return [p.text for sec in ctx.outline.sections for p in sec.paragraphs()]


# ── the publication date ─────────────────────────────────────────────────────────────────────────


@dataclass
class Published:
    date: _dt.date
    start: int
    end: int
    source: str       # config | closing | metadata
    source_en: str


def published(ctx: Context, metadata_keys: list[str]) -> Published | None:
    """The publication date of the report and where it was found (None when there is none); found once per
    document for the rules that ask (the deadline and the early publication)."""
    return ctx.cached(("published", *metadata_keys), lambda: _published(ctx, metadata_keys))


def _published(ctx: Context, metadata_keys: list[str]) -> Published | None:
    if ctx.config.published is not None:
        start, end, _ = ctx.scope_anchor("title")
        return Published(ctx.config.published, start, end, "配置的发布日期", "the configured publication date")
    closing = ctx.outline.closing
    if closing is not None and closing.date is not None:
        date = parse_date(closing.date.text)
        if date is not None:
            start, end = closing.date.source_span()
            return Published(date, start, end, "落款日期", "the date of the signature")
    found = page_date(ctx, metadata_keys)
    if found is not None:
        date, start, end = found
        return Published(date, start, end, "页面发布时间", "the page's publication time")
    return None


def page_date(ctx: Context, metadata_keys: list[str]) -> tuple[_dt.date, int, int] | None:
    """The publication date a web page carries on a metadata line (发布时间: 2024-01-20 …) before the text:
    (date, source start, source end), or None; looked for once per document for the rules that ask."""
    if not metadata_keys:
        return None
    return ctx.cached(("page-date", *metadata_keys), lambda: _page_date(ctx, metadata_keys))


def _page_date(ctx: Context, metadata_keys: list[str]) -> tuple[_dt.date, int, int] | None:
    key_re = re.compile(rf"^(?:{'|'.join(re.escape(k) for k in metadata_keys)})\s*[:：]\s*(.+)$")
    for block in ctx.document.blocks[:15]:
        text = getattr(block, "text", None)
        if text is None or not hasattr(text, "text"):
            continue
        m = key_re.match(text.text)
        if m:
            date = parse_date(m.group(1))
            if date is not None:
                start, end = text.source_span(m.start(1), m.end(1))
                return date, start, end
    return None


def agency_keys(ctx: Context) -> list[str]:
    """The keys that name the agency's kind in a deadline table, most specific first."""
    info = ctx.agency
    return [f"{info.kind}.{info.level}", info.kind]


def _deadline(rule: Rule, ctx: Context) -> tuple[str, str] | None:
    table = rule.params["deadlines"]
    for key in agency_keys(ctx):
        if key in table:
            return key, ctx.config.deadlines.get(key, table[key])
    return None


def _publish_deadline(rule: Rule, ctx: Context) -> Iterator[Hit]:
    year = ctx.stated_year
    found = _deadline(rule, ctx)
    if year is None or found is None:
        return
    key, mmdd = found
    pub = published(ctx, rule.params.get("metadata_keys") or [])
    if pub is None:
        return
    month, day = (int(x) for x in mmdd.split("-"))
    deadline = _dt.date(year + 1, month, day)
    if pub.date > deadline:
        yield Hit(pub.start, pub.end, {
            "published": pub.date.isoformat(), "deadline": deadline.isoformat(), "agency_key": key,
            "source": pub.source, "source_en": pub.source_en, "days": (pub.date - deadline).days,
        })


def _publish_early(rule: Rule, ctx: Context) -> Iterator[Hit]:
    year = ctx.stated_year
    if year is None:
        return
    pub = published(ctx, rule.params.get("metadata_keys") or [])
    if pub is None:
        return
    if pub.date <= _dt.date(year, 12, 31):
        yield Hit(pub.start, pub.end, {"published": pub.date.isoformat(), "report_year": year,
                                       "source": pub.source, "source_en": pub.source_en})


_ASPECT = {
    "period_present": _period_present,
    "period_year": _period_year,
    "body_year": _body_year,
    "publish_deadline": _publish_deadline,
    "publish_early": _publish_early,
}
