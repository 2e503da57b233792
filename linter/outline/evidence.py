"""Decide the sections from content evidence — the tables, the typical subheadings, the position — not from
heading keywords alone (the evidence of each section is declared in `grammar/sections.yaml`).

Three ordinary ways agencies write their outline are read here, after each paragraph was classified:

* a sub-topic numbered like a section (一、主动公开 inside 总体情况, the body counting to six before the tables)
  shares a keyword with a section title: when the same section has a heading with better evidence (its table,
  its official title, its own ordinal), the weaker one is a sub-topic, not a second section;
* a numbered heading of the agency's own (五、信息处理费收取情况 between 四 and a 六、存在的主要问题…) continues
  the numbering of the sections around it: it is a section of its own, and what it holds is not 四's;
* a section whose heading line is lost while its content is there (（一）主要问题… after 表四 with no 五、 line)
  begins where that content begins: the heading is missing, the section is not.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

from linter.document.catalogue import SectionSpec, section_specs, table_section
from linter.document.model import Paragraph, Table, Text
from linter.language.numerals import cn_to_int
from linter.outline.model import Classified, Section, SubItem

_STRENGTH = {"standard": 3, "variant": 2, "keyword": 1}
_TABLE_EVIDENCE = 4
_MIN_CONTENT = 30   # characters of a section's own text before a lost heading can be found inside it
_NOT_CONTENT = re.compile(r"[\s\W_]+")
_GLUED_SUBITEM_RE = re.compile(r"[（(][一二三四五六七八九十]{1,2}[）)]([^，。；：]{2,20})")  # （一）主动公开多点发力


def resolve_sections(items: list[Classified]) -> list[Classified]:
    _demote_weak_headings(items)
    _place_by_ordinal(items)
    _mark_extra_sections(items)
    return _insert_lost_headings(items)


# ── what a section holds ──────────────────────────────────────────────────────────────────────────

def _end_of(items: list[Classified], start: int) -> int:
    """One past the last item of the section whose heading is at `start`."""
    for i in range(start + 1, len(items)):
        if items[i].kind in ("SECTION", "SIGNATURE", "DATE"):
            return i
    return len(items)


def _table_text(table: Table) -> str:
    return re.sub(r"\s", "", "".join(c.text.text for row in table.rows for c in row))


def _holds_table(items: list[Classified], start: int, end: int, spec: SectionSpec) -> bool:
    return any(isinstance(items[i].block, Table) and table_section(_table_text(items[i].block)) is spec
               for i in range(start, end))


def _score(items: list[Classified], at: int) -> int:
    sec = items[at].section
    assert sec is not None and sec.spec is not None
    evidence = _TABLE_EVIDENCE if _holds_table(items, at + 1, _end_of(items, at), sec.spec) else 0
    return evidence + _STRENGTH.get(sec.match, 0) + (sec.written_ordinal == sec.spec.ordinal)


# ── sub-topics numbered like sections ─────────────────────────────────────────────────────────────

def _demote(item: Classified) -> None:
    """A heading taken for a section is a sub-topic of the section it stands in."""
    sec = item.section
    assert sec is not None and isinstance(item.block, Paragraph)
    item.kind, item.section = "SUBITEM", None
    item.subitem = SubItem(sec.written_ordinal or "", sec.title, item.block)


def _demote_weak_headings(items: list[Classified]) -> None:
    by_spec: dict[str, list[int]] = {}
    for i, c in enumerate(items):
        if c.kind == "SECTION" and c.section is not None and c.section.spec is not None:
            by_spec.setdefault(c.section.spec.ordinal, []).append(i)
    for indices in by_spec.values():
        if len(indices) < 2:
            continue
        scores = {i: _score(items, i) for i in indices}
        best = max(scores.values())
        keeper_has_table = best >= _TABLE_EVIDENCE
        for i in indices:
            if scores[i] < best and (items[i].section.match == "keyword" or keeper_has_table):  # type: ignore[union-attr]
                _demote(items[i])
    _demote_out_of_order(items)


def _demote_out_of_order(items: list[Classified]) -> None:
    """A heading named by keywords only, numbered as another section and standing after a later section, is
    a sub-topic of the section it stands in (二、依申请公开工作有待加强 inside 五)."""
    highest = 0
    for item in items:
        sec = item.section if item.kind == "SECTION" else None
        if sec is None or sec.spec is None:
            continue
        if sec.spec.number < highest and sec.match == "keyword" and sec.written_ordinal != sec.spec.ordinal:
            _demote(item)
            continue
        highest = max(highest, sec.spec.number)


# ── a section under a title of the agency's own ───────────────────────────────────────────────────

def _place_by_ordinal(items: list[Classified]) -> None:
    """A numbered heading whose title names no section (一、年度工作核心成效) is the section of its ordinal when
    that section has no heading, the heading stands where the section belongs, and what follows it shows the
    section's content (its typical subheadings, its opening words, its table): the title is the agency's own."""
    # the numbered headings of no section, by ordinal: only they can become one (most paragraphs are none)
    numbered: dict[str, list[int]] = {}
    for i, item in enumerate(items):
        if item.kind == "PARA" and item.numbered:
            numbered.setdefault(item.numbered[0], []).append(i)
    if not numbered:
        return
    for spec in section_specs():
        candidates = numbered.get(spec.ordinal)
        if not candidates or any(c.kind == "SECTION" and c.section and c.section.spec is spec for c in items):
            continue
        _, start, end = _region(items, spec)
        for i in candidates:
            item = items[i]
            if start <= i < end and item.kind == "PARA" and (_shows(items, i, spec) or _in_sequence(items, i, spec)):
                _make_section(item, spec)
                break


def _shows(items: list[Classified], at: int, spec: SectionSpec) -> bool:
    """Does the content after the heading at `at` (to the next section heading) show the section?"""
    end = _end_of(items, at)
    if spec.table_words and _holds_table(items, at + 1, end, spec):
        return True
    if any(_opens(items[i], spec) for i in range(at + 1, end)):
        return True
    # on a crawled page the sub-items run on in the heading's paragraph and those after it
    texts = [c.block.text.text for c in items[at:end] if isinstance(c.block, Paragraph) and c.block.role == "text"]
    return any(any(w in title for w in spec.subheadings) for t in texts for title in _GLUED_SUBITEM_RE.findall(t)) \
        or any(w in texts[0] for w in spec.opening)


def _in_sequence(items: list[Classified], at: int, spec: SectionSpec) -> bool:
    """Is the heading at `at` numbered in sequence with the sections around it: the section before it (if any)
    is the one before `spec`, and it opens a run of numbered headings (sections of the agency's own may follow
    it) whose ordinals continue up to the next section heading's?"""
    sections = [i for i, c in enumerate(items) if c.kind == "SECTION" and c.section is not None]
    before = [i for i in sections if i < at]
    after = [i for i in sections if i > at]
    if not after or (before and _number(items[before[-1]].section) != spec.number - 1):  # type: ignore[arg-type]
        return False
    lo = before[-1] + 1 if before else 0
    run = [i for i in range(lo, after[0]) if items[i].kind == "PARA" and items[i].numbered]
    numbers = [cn_to_int(items[i].numbered[0]) for i in run]  # type: ignore[index]
    return (bool(run) and run[0] == at and numbers == list(range(spec.number, spec.number + len(run)))
            and _number(items[after[0]].section) == spec.number + len(run))  # type: ignore[arg-type]


def _make_section(item: Classified, spec: SectionSpec) -> None:
    assert item.numbered is not None and isinstance(item.block, Paragraph)
    written, title, heading = item.numbered
    body = item.block.text.slice(len(heading.text)).strip()
    item.kind = "SECTION"
    item.section = Section(spec, heading, title, written, deviations=["nonstandard_title"],
                           body=body if body.text else None, match="position")


# ── sections of the agency's own ──────────────────────────────────────────────────────────────────

def _number(sec: Section) -> int:
    written = cn_to_int(sec.written_ordinal) if sec.written_ordinal else None
    return written if written is not None else (sec.spec.number if sec.spec else 0)


def _mark_extra_sections(items: list[Classified]) -> None:
    """Numbered headings of no section between two sections, whose ordinals continue the numbering of the
    section before them up to the section after them, are sections of the agency's own."""
    tops = [i for i, c in enumerate(items) if c.kind == "SECTION"]
    # the numbered headings of no section, in order (few: most paragraphs are none), looked up between two sections
    numbered = [i for i, c in enumerate(items) if c.numbered and c.kind == "PARA"]
    if not numbered or len(tops) < 2:
        return  # no section of the agency's own: nor any ordinal it shifted (`_accept_shifted_ordinals`)
    made = False
    for a, b in zip(tops, tops[1:]):
        first = _number(items[a].section) + 1  # type: ignore[arg-type]
        run = [i for i in numbered[bisect_right(numbered, a):bisect_left(numbered, b)]
               if (cn_to_int(items[i].numbered[0]) or 0) >= first]  # type: ignore[index]
        numbers = [cn_to_int(items[i].numbered[0]) for i in run]  # type: ignore[index]
        if run and numbers == list(range(first, first + len(run))) and _number(items[b].section) == first + len(run):  # type: ignore[arg-type]
            for i in run:
                _make_extra(items[i])
            made = True
    if made:  # (a section of no spec is made here only: without one, no ordinal is shifted)
        _accept_shifted_ordinals(items)


def _accept_shifted_ordinals(items: list[Classified]) -> None:
    """After sections of the agency's own, the sections are numbered one higher for each: that shift is the
    extra section's doing, not a wrong ordinal of its own."""
    extra = 0
    for item in items:
        sec = item.section if item.kind == "SECTION" else None
        if sec is None:
            continue
        if sec.spec is None:
            extra += 1
        elif extra and "ordinal_mismatch" in sec.deviations and _number(sec) == sec.spec.number + extra:
            sec.deviations.remove("ordinal_mismatch")


def _make_extra(item: Classified) -> None:
    assert item.numbered is not None and isinstance(item.block, Paragraph)
    written, title, heading = item.numbered
    body = item.block.text.slice(len(heading.text)).strip()
    item.kind = "SECTION"
    item.section = Section(None, heading, title, written, deviations=["extra_section"],
                           body=body if body.text else None, match="extra")


# ── lost headings ─────────────────────────────────────────────────────────────────────────────────

def _insert_lost_headings(items: list[Classified]) -> list[Classified]:
    if not any(c.kind == "SECTION" for c in items):
        return items   # no outline to complete: a fragment, a picture of one table, a note
    present = {c.section.spec.ordinal for c in items if c.kind == "SECTION" and c.section and c.section.spec}
    for spec in section_specs():
        if spec.ordinal in present:
            continue
        at = _lost_heading_at(items, spec)
        if at is not None:
            items = items[:at] + [_implicit_section(spec, items[at])] + items[at:]
            present.add(spec.ordinal)
    return items


def _implicit_section(spec: SectionSpec, opening: Classified) -> Classified:
    anchor = opening.block.span[0]
    section = Section(spec, Text.empty(anchor), "", None, deviations=["missing_heading"], match="implicit",
                      evidence=opening.block)
    return Classified("SECTION", Paragraph(Text.empty(anchor), role="synthetic"), section=section)


def _region(items: list[Classified], spec: SectionSpec) -> tuple[int | None, int, int]:
    """(heading of the section before, first item, one past the last item) of where `spec` belongs."""
    end = next((i for i, c in enumerate(items) if c.kind in ("SIGNATURE", "DATE")), len(items))
    for i, c in enumerate(items[:end]):
        if c.kind == "SECTION" and c.section and c.section.spec and c.section.spec.number > spec.number:
            end = i
            break
    before = [i for i in range(end) if items[i].kind == "SECTION"]
    if before:
        return before[-1], before[-1] + 1, end
    body = next((i for i, c in enumerate(items) if c.kind not in ("FRONT", "TITLE", "NOISE")), end)
    return None, body, end


def _lost_heading_at(items: list[Classified], spec: SectionSpec) -> int | None:
    """Where the content of a section whose heading is missing begins, or None when nothing shows it."""
    prev, start, end = _region(items, spec)
    if spec.table_words:
        return next((i for i in range(start, end) if isinstance(items[i].block, Table)
                     and table_section(_table_text(items[i].block)) is spec), None)
    pictures = [i for i in range(start, end) if items[i].kind in ("TABLE", "IMAGE")]
    if pictures:
        start = pictures[-1] + 1
    # the section before keeps its own text: a lost heading is looked for only after 30 characters of it
    # (a table section's substance is its table)
    prev_spec = items[prev].section.spec if prev is not None else None  # type: ignore[union-attr]
    needs_content = prev is not None and not pictures and not (prev_spec and prev_spec.table_words)
    content = 0
    for i in range(start, end):
        item = items[i]
        if not needs_content or content >= _MIN_CONTENT:
            if _opens(item, spec):
                return i
        if isinstance(item.block, Paragraph) and item.block.role == "text":
            content += len(_NOT_CONTENT.sub("", item.block.text.text))
    return None


def _opens(item: Classified, spec: SectionSpec) -> bool:
    """Does this item show the section's content begins here (its typical subheading, its opening words)?"""
    if item.kind == "SUBITEM" and item.subitem is not None:
        return any(w in item.subitem.title for w in spec.subheadings)
    if item.kind == "PARA" and isinstance(item.block, Paragraph) and item.block.role == "text":
        return any(w in item.block.text.text for w in spec.opening)
    return False
