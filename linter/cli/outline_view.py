"""The section tree of a report, as text or JSON, for `report-lint parse`."""
from __future__ import annotations

from linter.engine.run import Analysis
from linter.document.model import Image, Paragraph, Table


def _line(analysis: Analysis, offset: int) -> int:
    return analysis.document.position(offset).line


def _block_json(analysis: Analysis, block) -> dict:
    start = block.span[0]
    out = {"kind": block.kind, "line": _line(analysis, start)}
    if isinstance(block, Paragraph):
        out["role"] = block.role
        out["text"] = block.text.text[:60]
    elif isinstance(block, Table):
        out["rows"] = len(block.rows)
        out["columns"] = max((len(r) for r in block.rows), default=0)
    elif isinstance(block, Image):
        out["name"] = block.name
    return out


def _origin_json(origin) -> dict | None:
    """The report's agency and year and the source of each (title, opening, furniture, closing, published)."""
    if origin is None:
        return None
    return {"agency": origin.agency, "agency_source": origin.agency_source,
            "year": origin.year, "year_source": origin.year_source}


def outline_json(analysis: Analysis) -> dict:
    outline = analysis.context.outline
    doc = analysis.document
    title = outline.title
    sections = []
    for sec in outline.sections:
        sections.append({
            "ordinal": sec.ordinal,
            "key": sec.key,
            "title": sec.title,
            "written_ordinal": sec.written_ordinal,
            "line": _line(analysis, sec.heading.source_span()[0]),
            "deviations": sec.deviations,
            "blocks": [_block_json(analysis, b) for b in sec.blocks],
            "subitems": [
                {"ordinal": s.ordinal, "title": s.title, "line": _line(analysis, s.heading.span[0]),
                 "blocks": [_block_json(analysis, b) for b in s.blocks]}
                for s in sec.subitems
            ],
        })
    closing = outline.closing
    return {
        "path": doc.path,
        "format": doc.format,
        "encoding": doc.encoding,
        "title": None if title is None else {
            "text": title.text.text, "agency": title.agency, "year": title.year,
            "line": _line(analysis, title.text.source_span()[0]),
        },
        "origin": _origin_json(outline.origin),
        "agency_kind": analysis.context.agency.kind,
        "agency_level": analysis.context.agency.level,
        "preamble": [_block_json(analysis, b) for b in outline.preamble],
        "sections": sections,
        "closing": None if closing is None else {
            "agency": closing.agency.text if closing.agency else None,
            "date": closing.date.text if closing.date else None,
            "line": _line(analysis, (closing.date or closing.agency).source_span()[0]),
        },
        "unplaced": [_block_json(analysis, b) for b in outline.unplaced],
    }


def outline_text(analysis: Analysis) -> str:
    data = outline_json(analysis)
    lines = [f"{data['path']} ({data['format']}, {data['encoding']})"]
    t = data["title"]
    if t:
        lines.append(f"  title  L{t['line']}: {t['agency'] or '?'} / {t['year'] or '?'}  [{data['agency_kind']}, {data['agency_level']}]")
    else:
        lines.append("  title  (none)")
    o = data["origin"]
    if o:
        lines.append(f"  origin: agency {o['agency'] or '?'} (from {o['agency_source'] or '-'}), "
                     f"year {o['year'] or '?'} (from {o['year_source'] or '-'})")
    lines.append(f"  preamble: {len(data['preamble'])} blocks")
    for s in data["sections"]:
        dev = f"  ({', '.join(s['deviations'])})" if s["deviations"] else ""
        written = s["written_ordinal"] or "-"
        lines.append(f"  {s['ordinal']} L{s['line']}: [{written}] {s['title']}{dev}")
        for b in s["blocks"]:
            if b["kind"] != "paragraph":
                lines.append(f"      {b['kind']} L{b['line']}" + (f" {b.get('name', '')}" if b["kind"] == "image" else f" {b.get('rows', '')}x{b.get('columns', '')}" if b["kind"] == "table" else ""))
        for sub in s["subitems"]:
            lines.append(f"    （{sub['ordinal']}） L{sub['line']}: {sub['title']}")
    c = data["closing"]
    lines.append(f"  closing L{c['line']}: {c['agency'] or '?'} / {c['date'] or '?'}" if c else "  closing (none)")
    if data["unplaced"]:
        lines.append(f"  unplaced: {len(data['unplaced'])} blocks")
    return "\n".join(lines)
