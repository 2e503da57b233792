"""HTML: one self-contained page for people — an overview of every report (sortable, filterable by rule and
agency, a bar chart of findings per rule in inline SVG) and, per report, its text with each finding
highlighted in place, its tables with the failing cells coloured, and each finding's explanation and basis.

No network resources: styles, script and chart are inline.  Everything taken from a document is escaped,
so a report containing `<script>` stays text.  Report sections are spooled to a temporary file while
results stream in, and the page is assembled at the end; memory stays flat.
"""
from __future__ import annotations

import html
import tempfile
from collections import Counter

from linter.engine.findings import FileResult, Finding

SEVERITIES = ("error", "warning", "info")
_LABELS = {
    "zh": {"title": "政府信息公开工作年度报告检查结果", "overview": "总览", "report": "报告", "agency": "机关",
           "year": "年度", "error": "错误", "warning": "警告", "info": "提示", "all_rules": "全部规则",
           "all_agencies": "全部机关", "chart": "各规则问题数", "findings": "问题", "text": "报告全文",
           "basis": "依据", "back": "返回总览", "none": "未发现问题", "unreadable": "无法读取", "rule": "规则",
           "where": "位置", "files": "文件"},
    "en": {"title": "Annual report check results", "overview": "Overview", "report": "Report", "agency": "Agency",
           "year": "Year", "error": "Errors", "warning": "Warnings", "info": "Infos", "all_rules": "All rules",
           "all_agencies": "All agencies", "chart": "Findings per rule", "findings": "Findings", "text": "Report text",
           "basis": "Basis", "back": "Back to overview", "none": "No findings", "unreadable": "Cannot read",
           "rule": "Rule", "where": "Where", "files": "files"},
}

_CSS = """
body{font-family:"Noto Sans CJK SC","Microsoft YaHei",sans-serif;margin:0;color:#222;background:#fafafa}
header{background:#2b4c7e;color:#fff;padding:12px 20px}header h1{font-size:20px;margin:0}
main{padding:16px 20px}section.report{display:none}section.report.shown{display:block}
#overview.hidden{display:none}
table.ov{border-collapse:collapse;background:#fff}table.ov th,table.ov td{border:1px solid #ccc;padding:4px 8px}
table.ov th{cursor:pointer;background:#eef}table.ov tr.hidden{display:none}
td.n{text-align:right}.c-error{color:#b00020;font-weight:bold}.c-warning{color:#a65e00}.c-info{color:#04607a}
.filters{margin:8px 0}.filters select{margin-right:12px}
.src{white-space:pre-wrap;background:#fff;border:1px solid #ddd;padding:12px;line-height:1.7}
mark{padding:0 1px;border-radius:2px}mark.s-error{background:#ffc9c9;outline:2px solid #e03131}
mark.s-warning{background:#ffe8a3}mark.s-info{background:#c5f0fa}mark.point:after{content:"▲";color:#e03131}
table.doc{border-collapse:collapse;margin:6px 0;background:#fff;font-size:13px}
table.doc td{border:1px solid #bbb;padding:2px 6px}
td.s-error{background:#ffc9c9}td.s-warning{background:#ffe8a3}td.s-info{background:#c5f0fa}
ol.findings li{margin-bottom:8px}.expl{color:#555;font-size:13px}.basis{color:#555;font-size:13px;font-style:italic}
svg text{font-size:12px}.tname{font-weight:bold;color:#2b4c7e;margin-top:6px}
"""

_JS = """
(function(){
function show(){var id=location.hash.slice(1);var reports=document.querySelectorAll('section.report');
var found=false;reports.forEach(function(s){var on=(s.id===id)||(id&&s.querySelector('[id="'+id+'"]'));
s.classList.toggle('shown',!!on);if(on)found=true;});
document.getElementById('overview').classList.toggle('hidden',found);
if(found){var t=document.getElementById(id);var m=t&&t.tagName==='SECTION'?t.querySelector('mark'):t;
if(m&&m.scrollIntoView)m.scrollIntoView({block:'center'});}}
window.addEventListener('hashchange',show);show();
var tb=document.querySelector('table.ov tbody');
document.querySelectorAll('table.ov th').forEach(function(th,i){th.addEventListener('click',function(){
var rows=Array.prototype.slice.call(tb.rows);var asc=th.dataset.dir!=='asc';th.dataset.dir=asc?'asc':'desc';
rows.sort(function(a,b){var x=a.cells[i].dataset.v||a.cells[i].textContent,y=b.cells[i].dataset.v||b.cells[i].textContent;
var nx=parseFloat(x),ny=parseFloat(y);var c=(!isNaN(nx)&&!isNaN(ny))?nx-ny:x.localeCompare(y);return asc?c:-c;});
rows.forEach(function(r){tb.appendChild(r);});});});
function filter(){var rule=document.getElementById('f-rule').value,ag=document.getElementById('f-agency').value;
Array.prototype.forEach.call(tb.rows,function(r){var ok=(!rule||(' '+r.dataset.rules+' ').indexOf(' '+rule+' ')>=0)&&
(!ag||r.dataset.agency===ag);r.classList.toggle('hidden',!ok);});}
document.getElementById('f-rule').addEventListener('change',filter);
document.getElementById('f-agency').addEventListener('change',filter);
})();
"""


def esc(value) -> str:
    return html.escape("" if value is None else str(value), quote=True)


class Writer:
    def __init__(self, out, rules, options) -> None:
        self.out, self.rules, self.options = out, rules or {}, options
        self.lang = options.lang if options.lang in _LABELS else "zh"
        self.t = _LABELS[self.lang]
        self.spool = tempfile.TemporaryFile(mode="w+", encoding="utf-8", prefix="report-lint-html-")
        self.rows: list[str] = []
        self.per_rule: Counter = Counter()
        self.agencies: set[str] = set()
        self.n = 0

    # ── per report ────────────────────────────────────────────────────────────────────────────────
    def add(self, result: FileResult) -> None:
        self.n += 1
        rid = f"r{self.n}"
        counts = Counter(f.severity for f in result.findings)
        rules_here = sorted({f.rule for f in result.findings})
        self.per_rule.update(f.rule for f in result.findings)
        agency = result.agency or ""
        if agency:
            self.agencies.add(agency)
        cells = "".join(f'<td class="n c-{s}" data-v="{counts.get(s, 0)}">{counts.get(s, 0)}</td>' for s in SEVERITIES)
        self.rows.append(
            f'<tr data-rules="{esc(" ".join(rules_here))}" data-agency="{esc(agency)}">'
            f'<td><a href="#{rid}">{esc(result.path)}</a></td><td>{esc(agency)}</td>'
            f'<td class="n">{esc(result.year or "")}</td>{cells}</tr>')
        self.spool.write(self._section(rid, result, counts))

    def _section(self, rid: str, result: FileResult, counts: Counter) -> str:
        t = self.t
        findings = sorted(result.findings, key=lambda f: (f.start, f.end, f.rule))
        ids = {id(f): f"{rid}-f{i}" for i, f in enumerate(findings, 1)}
        parts = [f'<section class="report" id="{rid}"><p><a href="#">{esc(t["back"])}</a></p>',
                 f'<h2>{esc(result.path)}</h2><p>{esc(result.agency or "")} {esc(result.year or "")} · '
                 + " · ".join(f'<span class="c-{s}">{esc(t[s])} {counts.get(s, 0)}</span>' for s in SEVERITIES) + "</p>"]
        parts.append(f'<h3>{esc(t["findings"])}</h3>')
        if findings:
            parts.append('<ol class="findings">')
            for f in findings:
                parts.append(self._finding_item(f, ids[id(f)]))
            parts.append("</ol>")
        else:
            parts.append(f"<p>{esc(t['none'])}</p>")
        if result.error:
            parts.append(f'<p class="c-error">{esc(t["unreadable"])}: {esc(result.error)}</p>')
        elif result.source is not None:
            parts.append(f'<h3>{esc(t["text"])}</h3>')
            parts.append(self._document(result, findings, ids))
        parts.append("</section>\n")
        return "".join(parts)

    def _finding_item(self, f: Finding, fid: str) -> str:
        rule = self.rules.get(f.rule)
        title = rule.text(self.lang, "title") if rule is not None and getattr(rule, "title", "") else ""
        expl = rule.text(self.lang, "description") if rule is not None else ""
        where = f"{f.line}:{f.column}" + (f" · 表{f.table}" if f.table else "")
        return (f'<li id="item-{fid}"><span class="c-{f.severity}">{esc(self.t[f.severity])}</span> '
                f'<code>{esc(f.rule)}</code> {esc(title)} — <a class="goto" href="#{fid}">{esc(where)}</a><br>'
                f'{esc(f.message)}<div class="expl">{esc(expl)}</div>'
                f'<div class="basis">{esc(self.t["basis"])}: {esc(f.basis)}</div></li>')

    def _document(self, result: FileResult, findings: list[Finding], ids: dict[int, str]) -> str:
        """The report's text with its findings marked, and its tables drawn as tables: one pass over the
        source in order (`_Sweep`), so the page is linear in the findings however many there are."""
        source = result.source or ""
        sweep = _Sweep(findings, ids)
        out = ['<div class="src">']
        pos = 0
        for table in result.tables or []:
            start, end = _line_start(source, table.start), _line_end(source, table.end)
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

    # ── the page ─────────────────────────────────────────────────────────────────────────────────
    def close(self) -> None:
        t = self.t
        w = self.out.write
        w(f'<!DOCTYPE html>\n<html lang="{"zh-CN" if self.lang == "zh" else "en"}"><head><meta charset="utf-8">'
          f'<meta name="viewport" content="width=device-width,initial-scale=1">'
          f'<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; style-src \'unsafe-inline\'; '
          f'script-src \'unsafe-inline\'; img-src data:">'
          f'<title>{esc(t["title"])}</title><style>{_CSS}</style></head><body>'
          f'<header><h1>{esc(t["title"])}</h1></header><main>')
        w(f'<div id="overview"><h2>{esc(t["overview"])} ({self.n} {esc(t["files"])})</h2>')
        w('<div class="filters"><select id="f-rule"><option value="">' + esc(t["all_rules"]) + "</option>"
          + "".join(f'<option value="{esc(r)}">{esc(r)} ({n})</option>' for r, n in sorted(self.per_rule.items()))
          + '</select><select id="f-agency"><option value="">' + esc(t["all_agencies"]) + "</option>"
          + "".join(f'<option value="{esc(a)}">{esc(a)}</option>' for a in sorted(self.agencies)) + "</select></div>")
        w(f'<table class="ov"><thead><tr><th>{esc(t["report"])}</th><th>{esc(t["agency"])}</th>'
          f'<th>{esc(t["year"])}</th>' + "".join(f"<th>{esc(t[s])}</th>" for s in SEVERITIES)
          + "</tr></thead><tbody>")
        for row in self.rows:
            w(row)
        w("</tbody></table>")
        w(f'<h3>{esc(t["chart"])}</h3>{self._chart()}</div>')
        self.spool.seek(0)
        while chunk := self.spool.read(1 << 16):
            w(chunk)
        self.spool.close()
        w(f"</main><script>{_JS}</script></body></html>\n")

    def _chart(self) -> str:
        items = sorted(self.per_rule.items(), key=lambda kv: (-kv[1], kv[0]))
        if not items:
            return f"<p>{esc(self.t['none'])}</p>"
        top = max(n for _, n in items)
        bar_h, label_w, width = 18, 220, 420
        height = bar_h * len(items) + 4
        out = [f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{label_w + width + 60}" height="{height}">']
        for i, (rule, n) in enumerate(items):
            y = i * bar_h + 2
            length = max(1, round(width * n / top))
            out.append(f'<text x="{label_w - 6}" y="{y + 13}" text-anchor="end">{esc(rule)}</text>'
                       f'<rect x="{label_w}" y="{y}" width="{length}" height="{bar_h - 4}" fill="#4a76b8"><title>{esc(rule)}: {n}</title></rect>'
                       f'<text x="{label_w + length + 4}" y="{y + 13}">{n}</text>')
        out.append("</svg>")
        return "".join(out)


def _line_start(source: str, offset: int) -> int:
    return source.rfind("\n", 0, offset) + 1


def _line_end(source: str, offset: int) -> int:
    nl = source.find("\n", offset)
    return len(source) if nl < 0 else nl + 1


_TITLE_RULES = 12  # rule ids named in a mark's tooltip


class _Sweep:
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
        local = _Sweep(inside, self.ids)
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
