"""A report's text with its findings marked at their places and its tables drawn as tables — what the HTML
report (`html_format.py`) and the web page (`linter/serve/`) show of one report.

One pass over the source in order (`Sweep`): text pieces and table cells ask which findings cover them, so
each finding enters and leaves the active set once and the page is linear in the findings; each finding is
anchored once (`id` = its id in `ids`), where its link lands.  Everything taken from the document is escaped.
"""
from __future__ import annotations

import html

from linter.engine.findings import FileResult, Finding

SEVERITIES = ("error", "warning", "info")

# the colours of marks and table cells by severity, and the text and tables they stand in
MARK_CSS = """
.src{white-space:pre-wrap;background:#fff;border:1px solid #ddd;padding:12px;line-height:1.7}
mark{padding:0 1px;border-radius:2px}mark.s-error{background:#ffc9c9;outline:2px solid #e03131}
mark.s-warning{background:#ffe8a3}mark.s-info{background:#c5f0fa}mark.point:after{content:"▲";color:#e03131}
table.doc{border-collapse:collapse;margin:6px 0;background:#fff;font-size:13px}
table.doc td{border:1px solid #bbb;padding:2px 6px}
td.s-error{background:#ffc9c9}td.s-warning{background:#ffe8a3}td.s-info{background:#c5f0fa}
.c-error{color:#b00020;font-weight:bold}.c-warning{color:#a65e00}.c-info{color:#04607a}
.tname{font-weight:bold;color:#2b4c7e;margin-top:6px}
"""


def esc(value) -> str:
    return html.escape("" if value is None else str(value), quote=True)


def marked_source(result: FileResult, findings: list[Finding], ids: dict[int, str]) -> str:
    """The report's text with its findings marked, and its tables (`result.tables`) drawn as tables; `ids`
    maps id(finding) to the anchor id of its mark."""
    source = result.source or ""
    sweep = Sweep(findings, ids)
    out = ['<div class="src">']
    pos = 0
    for table in result.tables or []:
        start, end = line_start(source, table.start), line_end(source, table.end)
        if start < pos:
            continue
        out.append(sweep.text(source, pos, start))
        if table.name:
            out.append(f'<div class="tname">{esc(table.name)}</div>')
        out.append(sweep.table(table))
        pos = end
    out.append(sweep.text(source, pos, len(source)))
    out.append("</div>")
    return "".join(out)


def line_start(source: str, offset: int) -> int:
    return source.rfind("\n", 0, offset) + 1


def line_end(source: str, offset: int) -> int:
    nl = source.find("\n", offset)
    return len(source) if nl < 0 else nl + 1


_TITLE_RULES = 12  # rule ids named in a mark's tooltip


class Sweep:
    """Findings met in source order: text pieces and table cells ask which findings cover them, in
    increasing source order, so each finding enters and leaves the active set once (no scan of every
    finding per piece or per cell, which made the page quadratic)."""

    def __init__(self, findings: list[Finding], ids: dict[int, str]) -> None:
        self.pending = sorted(findings, key=lambda f: (f.start, f.end))
        self.next = 0
        self.active: dict[int, Finding] = {}
        self.ids = ids
        self.anchored: set[int] = set()

    def over(self, lo: int, hi: int) -> list[Finding]:
        """The findings overlapping [lo, hi) (a zero-width one when it lies inside); `lo` never decreases."""
        while self.next < len(self.pending) and self.pending[self.next].start < hi:
            f = self.pending[self.next]
            self.active[id(f)] = f
            self.next += 1
        for key in [k for k, f in self.active.items() if _gone(f, lo)]:
            del self.active[key]
        return [f for f in self.active.values() if _overlaps(f, lo, hi)]

    def text(self, source: str, lo: int, hi: int) -> str:
        """source[lo:hi] escaped, with every finding inside wrapped in <mark> (overlaps split into pieces)."""
        if hi <= lo:
            return ""
        inside = self.over(lo, hi)
        cuts = sorted({lo, hi} | {x for f in inside for x in (f.start, f.end) if lo <= x <= hi})
        local = Sweep(inside, self.ids)
        local.anchored = self.anchored
        out: list[str] = []
        for a, b in zip(cuts, cuts[1:]):
            covering = local.over(a, b)
            out += [self._point(f) for f in covering if f.start == f.end == a and id(f) not in self.anchored]
            spans = [f for f in covering if f.start < b and f.end > a]
            piece = esc(source[a:b])
            if spans:
                worst, attr = self._mark_for(spans)
                piece = f'<mark class="s-{worst.severity}"{attr} title="{_title(spans)}">{piece}</mark>'
            out.append(piece)
        out += [self._point(f) for f in inside if f.start == f.end == hi and id(f) not in self.anchored]
        return "".join(out)

    def table(self, table) -> str:
        """The table as a grid; a cell holding a finding is coloured and marked (cells asked in source order)."""
        placed = sorted((cell[1], r, c) for r, row in enumerate(table.rows) for c, cell in enumerate(row)
                        if cell is not None and cell[1] >= 0)
        hits: dict[tuple[int, int], list[Finding]] = {}
        for start, r, c in placed:
            end = table.rows[r][c][2]
            found = self.over(start, end)
            if found:
                hits[(r, c)] = found
        out = ['<table class="doc">']
        for r, row in enumerate(table.rows):
            out.append("<tr>")
            for c, cell in enumerate(row):
                if cell is None:
                    out.append('<td class="merged"></td>')
                elif (r, c) not in hits:
                    out.append(f"<td>{esc(cell[0])}</td>")
                else:
                    found = hits[(r, c)]
                    worst, attr = self._mark_for(found)
                    out.append(f'<td class="s-{worst.severity}" title="{_title(found)}">'
                               f'<mark class="s-{worst.severity}"{attr}>{esc(cell[0])}</mark></td>')
            out.append("</tr>")
        out.append("</table>")
        return "".join(out)

    def _point(self, f: Finding) -> str:
        self.anchored.add(id(f))
        return f'<mark class="s-{f.severity} point" id="{self.ids[id(f)]}" title="{esc(f.rule)}"></mark>'

    def _mark_for(self, hits: list[Finding]) -> tuple[Finding, str]:
        """The most severe of the findings covering a piece, and the id attribute that anchors the first of
        them not anchored yet (so each finding's link lands on one place)."""
        worst = min(hits, key=lambda f: SEVERITIES.index(f.severity))
        first = next((f for f in hits if id(f) not in self.anchored), None)
        if first is None:
            return worst, ""
        self.anchored.add(id(first))
        return worst, f' id="{self.ids[id(first)]}"'


def _gone(f: Finding, lo: int) -> bool:
    """Can `f` overlap nothing at or after `lo`?"""
    return f.start < lo if f.start == f.end else f.end <= lo


def _overlaps(f: Finding, lo: int, hi: int) -> bool:
    return (f.start < hi and f.end > lo) or (f.start == f.end and lo <= f.start < hi)


def _title(found: list[Finding]) -> str:
    rules = list(dict.fromkeys(f.rule for f in found))
    more = " …" if len(rules) > _TITLE_RULES else ""
    return esc(" ".join(rules[:_TITLE_RULES]) + more)
