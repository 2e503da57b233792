"""The answer page's content: the findings grouped by section and severity, each with its message, basis,
fix and the places it links to; the report's text with the findings marked; the statistics tables; the
downloads.  Templates only lay it out (`templates/answer.html`)."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from linter.engine.findings import Finding
from linter.messages import localised
from linter.serve.checking import Checked
from linter.output.marked import marked_source
from linter.serve.tables import Grid, statistics_grids
from linter.serve.words import word

SEVERITIES = ("error", "warning", "info")
_ANCHOR = re.compile(r' id="(f\d+)"')   # the findings anchored in the marked text
SECTIONS = ("一", "二", "三", "四", "五", "六")


@dataclass
class Item:
    """One finding in the list."""

    id: str
    severity: str
    rule: str
    title: str
    message: str
    basis: str
    fix: str
    what: str
    line: int
    target: str | None         # the anchor of its mark in the report text
    cell: str | None           # the anchor of its cell in the statistics tables


@dataclass
class Group:
    label: str
    severities: list[tuple[str, str, list[Item]]] = field(default_factory=list)   # (severity, label, items)


@dataclass
class Answer:
    name: str
    agency: str
    year: str
    counts: dict[str, int]
    groups: list[Group]
    document: str               # HTML, escaped by the renderer
    grids: list[Grid]
    unreadable_tables: list[str]
    error: str | None
    token: str | None
    downloads: list[tuple[str, str]]   # (kind, label)


def answer(checked: Checked, name: str) -> Answer:
    result, lang = checked.result, checked.choices.lang
    findings = list(result.findings)
    ids = {id(f): f"f{i}" for i, f in enumerate(findings, 1)}
    document = "" if result.error or result.source is None else marked_source(result, findings, ids)
    anchored = set(_ANCHOR.findall(document))
    grids, cells = statistics_grids(result.extracted, findings, ids)
    places = _places(findings, ids, anchored)
    items = {id(f): _item(f, ids[id(f)], places, cells, checked, lang) for f in findings}
    counts = {s: sum(1 for f in findings if f.severity == s) for s in SEVERITIES}
    downloads = [(kind, word(f"dl_{kind}", lang)) for kind in ("reviewed", "fixed", "xlsx", "csv", "json")
                 if kind in checked.downloads]
    return Answer(name=name, agency=result.agency or "", year=str(result.year or ""), counts=counts,
                  groups=_groups(findings, items, lang), document=document, grids=grids,
                  unreadable_tables=sorted((result.extracted or {}).get("unreadable", [])),
                  error=None if result.error is None else localised(result.error, lang),
                  token=checked.token, downloads=downloads)


def _places(findings: list[Finding], ids: dict[int, str], anchored: set[str]) -> dict[str, str]:
    """finding id -> the anchor its link goes to: its own mark, or — where findings share a place and the
    text marks it once — the mark of the first finding there."""
    first: dict[tuple[int, int], str] = {}
    for f in findings:
        if ids[id(f)] in anchored:
            first.setdefault((f.start, f.end), ids[id(f)])
    return {ids[id(f)]: ids[id(f)] if ids[id(f)] in anchored else first.get((f.start, f.end)) for f in findings}


def _item(f: Finding, fid: str, places: dict[str, str | None], cells: dict[str, str], checked: Checked,
          lang: str) -> Item:
    from linter.engine.fixes import fixable_file, safe_fix

    rule = checked.rules.get(f.rule)
    title = rule.text(lang, "title") if rule is not None and getattr(rule, "title", "") else ""
    what = rule.text(lang, "description") if rule is not None else ""
    fix = ""
    if f.fix is not None:
        fix = word("fix_replace", lang, replacement=f.fix["replacement"])
        if safe_fix(f, checked.rules) and fixable_file(checked.result):
            fix += word("fix_safe", lang)
    return Item(id=fid, severity=f.severity, rule=f.rule, title=title, message=f.message, basis=f.basis, fix=fix,
                what=what, line=f.line, target=places[fid], cell=cells.get(fid))


def _groups(findings: list[Finding], items: dict[int, Item], lang: str) -> list[Group]:
    """By section — the title and whatever lies outside the six sections first, then 一 … 六 — and within
    a section by severity, each in the order of the text."""
    order = [None, *SECTIONS]
    order += sorted({f.section for f in findings} - set(order), key=lambda s: str(s))
    groups = []
    for section in order:
        here = [f for f in findings if f.section == section]
        if not here:
            continue
        label = word("section_none", lang) if section is None else word("section", lang, name=section)
        group = Group(label)
        for severity in SEVERITIES:
            chosen = [items[id(f)] for f in here if f.severity == severity]
            if chosen:
                group.severities.append((severity, word(severity, lang), chosen))
        groups.append(group)
    return groups
