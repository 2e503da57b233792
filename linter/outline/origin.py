"""Who published a report and for which year (`Origin`), and where that was read: the title line where there
is one; else what the report says of itself in its opening (现公布…2022年政府信息公开工作年度报告, 本报告由某局
编制, 现发布《某委员会2025年…》); else a report name the page furniture repeats (a breadcrumb); the closing
signature for the agency; and, for the year only, the page's publication date (a report is published early in
the year after the one it covers), marked as inferred so that no check compares years with it.
"""
from __future__ import annotations

from itertools import islice

import re
from dataclasses import dataclass

from linter.document.model import Block, Paragraph
from linter.language.dates import parse_date
from linter.language.numerals import cn_to_int

_YEAR = r"(?:19|20)\d{2}|[〇零○一二三四五六七八九]{4}"
# A report naming itself: the year, then within a short span 公开 and 报告 (or 年报).
NAME_RE = re.compile(rf"({_YEAR})\s*年度?\s*(.{{0,30}}?)公开.{{0,12}}?(?:报告|年报)")
# What stands between a verb of publishing and the report it names: 特向社会公布 | 现将 | 本报告由…编制
_PUBLISH_VERB_RE = re.compile(r"(?:公布|发布|印发|编制|编写|形成|报送|现将|特将|《|“)")
_COMPILED_BY_RE = re.compile(r"(?:本报告|本年报|报告)\s*由\s*([\u4e00-\u9fff（）()]{3,40}?)\s*(?:负责)?(?:编制|编写|起草|制作)")
# How the name of a body that publishes a report ends (an office, a government, or the place it governs)
AGENCY_END_RE = re.compile(r"(政府|局|委员会|委|办公室|办|管委会|管理委员会|中心|院|厅|部|署|处|办事处|街道|镇|乡|公司|队|所|站|会"
                           r"|区|县|市|省|州|旗|盟|大学|学校|中学|小学|学院|银行|集团|馆|台|社)$")
_PUBLISHED_KEYS = ("发布时间", "发布日期", "发文日期")
# A report covering a year is published in the first half of the next: a later date tells nothing.
_LATEST_MONTH = 6


@dataclass(frozen=True)
class Origin:
    agency: str | None
    agency_source: str | None     # title | opening | furniture | closing
    year: int | None
    year_source: str | None       # title | opening | furniture | published (inferred)

    @property
    def year_inferred(self) -> bool:
        """The year was guessed from the publication date, not read: no check compares years with it."""
        return self.year_source == "published"


def report_origin(title, front: list[Block], preamble: list[Block], closing, furniture: list[Block]) -> Origin:
    """The report's agency and year, each from the first source that gives it."""
    agency = year = None
    agency_source = year_source = None
    if title is not None:
        if title.agency:
            agency, agency_source = title.agency, "title"
        if title.year:
            year, year_source = title.year, "title"
    opening = list(islice((b for b in preamble if isinstance(b, Paragraph) and b.role == "text"), 6))
    for source, blocks in (("opening", opening), ("furniture", furniture)):
        if year is not None and agency is not None:
            break
        for text in _texts(blocks):
            named_agency, named_year = named_report(text)
            if year is None and named_year is not None:
                year, year_source = named_year, source
            if agency is None and named_agency is not None:
                agency, agency_source = named_agency, source
    if agency is None and closing is not None and closing.agency is not None:
        agency, agency_source = closing.agency.text.strip(), "closing"
    if year is None:
        year = _year_from_publication(front + furniture)
        year_source = "published" if year is not None else None
    return Origin(agency, agency_source, year, year_source)


def named_report(text: str) -> tuple[str | None, int | None]:
    """(agency, year) of a report a sentence names: 特向社会公布某局2021年政府信息公开工作年度报告, 现发布《某委员会
    2025年…》, 我局编制了2019年度政府信息公开年度报告; 本报告由某局编制 names the agency alone."""
    m = NAME_RE.search(text)
    year = agency = None
    if m:
        raw = m.group(1)
        year = int(raw) if raw.isdigit() else cn_to_int(raw)
        before = text[:m.start()]
        verb = None
        for verb in _PUBLISH_VERB_RE.finditer(before):
            pass
        candidate = before[verb.end():] if verb else before
        candidate = re.split(r"[，。；：:、,\s]", candidate)[-1]
        if 2 < len(candidate) <= 40 and AGENCY_END_RE.search(candidate):
            agency = candidate
    compiled = _COMPILED_BY_RE.search(text)
    if agency is None and compiled and AGENCY_END_RE.search(compiled.group(1)):
        agency = compiled.group(1)
    return agency, year if year and 1990 <= year <= 2100 else None


def _texts(blocks: list[Block]) -> list[str]:
    return [b.text.text for b in blocks if isinstance(b, Paragraph)]


def _year_from_publication(blocks: list[Block]) -> int | None:
    for text in _texts(blocks):
        key = text.split(":", 1)[0].split("：", 1)[0].strip()
        if key in _PUBLISHED_KEYS or "时间" in key[-3:]:
            date = parse_date(text)
            if date is not None and date.month <= _LATEST_MONTH:
                return date.year - 1
    return None
