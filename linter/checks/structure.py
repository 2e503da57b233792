"""Structure checks: the six sections present, in order, numbered and titled as the national format
says; the title line; the closing block.

Each aspect is a sub-kind (`check: structure.order`): one rule each, with its own severity.
"""
from __future__ import annotations

import re
from typing import Iterator

from linter.document.catalogue import section_specs
from linter.checks.context import Context
from linter.ruleset.params import Field, Fields, Flag, texts
from linter.checks.hits import Hit
from linter.ruleset.loading import Rule

ASPECTS = {  # no parameters: each aspect is one rule
    "sections_present": Fields(doc="the six sections are present"),
    "order": Fields(doc="the sections are in the official order"),
    "ordinal_missing": Fields(doc="a section heading has its ordinal (一、…六、)"),
    "ordinal_mismatch": Fields(doc="a heading's ordinal is the section's own"),
    "title_standard": Fields(doc="a section's title is the official one"),
    "title_line": Fields(doc="the report has a title line naming agency and year"),
    "closing": Fields({
        "metadata_keys": Field(texts("metadata lines of a web page that carry its publication date (发布时间 …)")),
        "page_date": Field(Flag(doc="true: the rule is for a page without a signature that carries a publication "
                                    "date on such a line; false (default): for a report with neither"))},
        doc="the report ends with a closing block (agency and date)"),
    "closing_agency": Fields(doc="the closing block names the agency"),
    "heading_missing": Fields(doc="a section whose content is there (its table, its typical subheadings) has lost "
                                  "its heading line"),
    "extra_section": Fields(doc="a numbered section of the agency's own, outside the six of the national format"),
    "year_unknown": Fields(doc="the report year is read from the report (title, opening or page), not missing "
                               "or only inferred from the publication date"),
}





def check(rule: Rule, ctx: Context) -> Iterator[Hit]:
    aspect = _ASPECT[rule.aspect]
    yield from (aspect(rule, ctx) if rule.aspect == "closing" else aspect(ctx))


def _year_unknown(ctx: Context) -> Iterator[Hit]:
    """No year could be read: the rules that depend on it were skipped, and the finding names them; a year
    inferred from the publication date places the report in its regime, but no year is compared."""
    from linter.ruleset.conditions import applies, year_dependent

    origin = ctx.outline.origin
    if ctx.config.report_year or origin is None or (origin.year is not None and not origin.year_inferred):
        return
    start, end, section = ctx.scope_anchor("title")
    if origin.year is None:
        skipped = [r.id for r in ctx.rules if year_dependent(r) and not applies(r, ctx)]
        yield Hit(start, end, {"problem": "无法从标题、正文开头或网页信息读出报告年度",
                               "problem_en": "the report year cannot be read from the title, the opening or the page",
                               "skipped": "、".join(skipped) or "无", "skipped_en": ", ".join(skipped) or "none"},
                  section=section)
    else:
        yield Hit(start, end, {"problem": f"报告年度只能按网页发布日期推定为{origin.year}年",
                               "problem_en": f"the report year is only inferred from the publication date as "
                                             f"{origin.year}",
                               "skipped": "比较年度的检查", "skipped_en": "the checks that compare years"},
                  section=section)


def _sections_present(ctx: Context) -> Iterator[Hit]:
    outline = ctx.outline
    present = {s.spec.ordinal for s in outline.sections if s.spec}
    for spec in section_specs():
        if spec.ordinal in present:
            continue
        # Report where the section should have been: at the next section that is present.
        later = [s for s in outline.sections if s.spec and s.spec.number > spec.number]
        if later:
            start, end = later[0].heading_span()
        else:
            start, end, _ = ctx.scope_anchor("closing")
        yield Hit(start, end, {"ordinal": spec.ordinal, "title": spec.standard}, section=spec.ordinal)


def _order(ctx: Context) -> Iterator[Hit]:
    seen: dict[str, int] = {}
    highest = 0
    for sec in ctx.outline.sections:
        if not sec.spec:
            continue
        start, end = sec.heading_span()
        if sec.spec.ordinal in seen:
            yield Hit(start, end, {"ordinal": sec.spec.ordinal, "title": sec.title, "problem": "重复", "problem_en": "repeated"}, section=sec.ordinal)
        elif sec.spec.number < highest:
            yield Hit(start, end, {"ordinal": sec.spec.ordinal, "title": sec.title, "problem": "顺序错误", "problem_en": "out of order"}, section=sec.ordinal)
        seen[sec.spec.ordinal] = 1
        highest = max(highest, sec.spec.number)


def _ordinal_missing(ctx: Context) -> Iterator[Hit]:
    for sec in ctx.outline.sections:
        if "missing_ordinal" in sec.deviations:
            start, end = sec.heading_span()
            yield Hit(start, end, {"ordinal": sec.ordinal, "title": sec.title}, section=sec.ordinal)


def _ordinal_mismatch(ctx: Context) -> Iterator[Hit]:
    for sec in ctx.outline.sections:
        if "ordinal_mismatch" in sec.deviations:
            start, end = sec.heading_span()
            yield Hit(start, end, {"ordinal": sec.ordinal, "written": sec.written_ordinal, "title": sec.title}, section=sec.ordinal)


def _title_standard(ctx: Context) -> Iterator[Hit]:
    for sec in ctx.outline.sections:
        if "nonstandard_title" in sec.deviations and sec.spec:
            start, end = sec.heading_span()
            yield Hit(start, end, {"ordinal": sec.ordinal, "title": sec.title, "standard": sec.spec.standard},
                      section=sec.ordinal)


def _title_line(ctx: Context) -> Iterator[Hit]:
    title = ctx.outline.title
    if title is None:
        yield Hit(0, min(1, len(ctx.document.source)), {"missing": "标题", "missing_en": "the title"})
        return
    start, end = title.text.source_span()
    if not title.agency:
        yield Hit(start, end, {"missing": "发布机关名称", "missing_en": "the agency's name"})


def _closing(rule: Rule, ctx: Context) -> Iterator[Hit]:
    from linter.checks.date import page_date

    closing = ctx.outline.closing
    start, end, section = ctx.scope_anchor("closing")
    if closing is None or (closing.agency is None and closing.date is None):
        dated = page_date(ctx, rule.params.get("metadata_keys") or [])
        if bool(dated) != bool(rule.params.get("page_date")):
            return
        data = {"missing": "落款（机关名称和日期）", "missing_en": "the signature (agency and date)"}
        if dated is not None:
            data |= {"date": dated[0].isoformat(), "date_line": ctx.document.position(dated[1]).line}
        yield Hit(start, end, data, section=section)
    elif rule.params.get("page_date"):
        return
    elif closing.agency is None:
        s, e = closing.date.source_span()  # type: ignore[union-attr]
        yield Hit(s, e, {"missing": "落款机关名称", "missing_en": "the agency's name"}, section=section)
    elif closing.date is None:
        s, e = closing.agency.source_span()
        yield Hit(s, e, {"missing": "落款日期", "missing_en": "the date"}, section=section)


_PLACE_LEVEL_RE = re.compile(r"[\u4e00-\u9fff]{0,8}(?:实验区|开发区|新区|自治区|自治州|自治县|区|县|市|州|镇|乡|旗|盟)")


def _names_agree(a: str, b: str) -> bool:
    """One name is the other, shortened at an end (某县 某局) or by a place level left out in the middle
    (平潭市场监督管理局 for 平潭综合实验区市场监督管理局)."""
    a, b = re.sub(r"\s", "", a), re.sub(r"\s", "", b)
    if a in b or b in a:
        return True
    short, long_ = sorted((a, b), key=len)
    head = next((i for i, (x, y) in enumerate(zip(short, long_)) if x != y), len(short))
    tail = len(short) - head
    middle = long_[head:len(long_) - tail] if tail else long_[head:]
    return (head > 0 and long_.endswith(short[head:]) and bool(_PLACE_LEVEL_RE.fullmatch(middle)))


def _closing_agency(ctx: Context) -> Iterator[Hit]:
    closing = ctx.outline.closing
    title = ctx.outline.title
    if not closing or closing.agency is None or not title or not title.agency:
        return
    if not _names_agree(closing.agency.text, title.agency):
        s, e = closing.agency.source_span()
        yield Hit(s, e, {"closing": closing.agency.text, "title": title.agency})


def _heading_missing(ctx: Context) -> Iterator[Hit]:
    for sec in ctx.outline.sections:
        if "missing_heading" in sec.deviations and sec.spec:
            start, end = sec.heading_span()
            end = min(end, ctx.document.source.find("\n", start) % (len(ctx.document.source) + 1))   # its first line
            opening = ctx.document.source[start:end].strip()
            yield Hit(start, end, {"ordinal": sec.spec.ordinal, "title": sec.spec.standard, "opening": opening},
                      section=sec.spec.ordinal)


def _extra_section(ctx: Context) -> Iterator[Hit]:
    for sec in ctx.outline.sections:
        if "extra_section" in sec.deviations:
            start, end = sec.heading_span()
            yield Hit(start, end, {"written": sec.written_ordinal, "title": sec.title})


_ASPECT = {
    "sections_present": _sections_present,
    "order": _order,
    "ordinal_missing": _ordinal_missing,
    "ordinal_mismatch": _ordinal_mismatch,
    "title_standard": _title_standard,
    "title_line": _title_line,
    "closing": _closing,
    "closing_agency": _closing_agency,
    "year_unknown": _year_unknown,
    "heading_missing": _heading_missing,
    "extra_section": _extra_section,
}
