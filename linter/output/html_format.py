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
from pathlib import Path

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
        source = result.source or ""
        tables = _tables(result)
        out = ['<div class="src">']
        pos = 0
        anchored: set = set()
        for table, (start, end), name in tables:
            start, end = _line_start(source, start), _line_end(source, end)
            if start < pos:
                continue
            out.append(_highlight(source, pos, start, findings, ids, anchored))
            if name:
                out.append(f'<div class="tname">{esc(name)}</div>')
            out.append(_table_html(table, findings, ids, anchored))
            pos = end
        out.append(_highlight(source, pos, len(source), findings, ids, anchored))
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


def _tables(result: FileResult):
    """The document's tables with their source spans and, for the statistics tables, their name (表二/三/四);
    re-read from the file, none when it cannot be."""
    from linter.settings.config import Config
    from linter.engine.run import analyse

    try:
        analysis = analyse(Path(result.path).read_bytes(), result.path, Config(), result.format)
    except Exception:  # noqa: BLE001 — the page still shows the text
        return []
    document = analysis.document
    if document.source != result.source:
        return []
    names: dict[int, str] = {}
    try:
        from linter.tables import statistics_tables

        for model in statistics_tables(analysis.context):
            if model.raw is not None:
                names[id(model.raw)] = model.title
    except Exception:  # noqa: BLE001 — without table models the grids are still shown
        pass
    spans = []
    for block in document.blocks:
        if getattr(block, "kind", None) == "table" and block.rows:
            start, end = block.span
            if end > start:
                spans.append((block, (start, end), names.get(id(block))))
    spans.sort(key=lambda item: item[1])
    return spans


def _line_start(source: str, offset: int) -> int:
    return source.rfind("\n", 0, offset) + 1


def _line_end(source: str, offset: int) -> int:
    nl = source.find("\n", offset)
    return len(source) if nl < 0 else nl + 1


def _covering(findings: list[Finding], start: int, end: int) -> list[Finding]:
    return [f for f in findings if (f.start < end and f.end > start) or (f.start == f.end and start <= f.start < end)]


def _highlight(source: str, lo: int, hi: int, findings: list[Finding], ids: dict[int, str], anchored: set) -> str:
    """source[lo:hi] escaped, with every finding inside wrapped in <mark> (overlaps split into pieces)."""
    inside = [f for f in findings if lo <= f.start < hi or (f.start < lo < f.end)]
    cuts = {lo, hi}
    for f in inside:
        cuts.update(x for x in (f.start, f.end) if lo <= x <= hi)
    cuts = sorted(cuts)
    out: list[str] = []
    for a, b in zip(cuts, cuts[1:]):
        for f in inside:
            if f.start == f.end == a and id(f) not in anchored:
                anchored.add(id(f))
                out.append(f'<mark class="s-{f.severity} point" id="{ids[id(f)]}" title="{esc(f.rule)}"></mark>')
        covering = [f for f in inside if f.start < b and f.end > a]
        piece = esc(source[a:b])
        if not covering:
            out.append(piece)
            continue
        worst, attr = _mark_for(covering, ids, anchored)
        out.append(f'<mark class="s-{worst.severity}"{attr} title="{esc(" ".join(f.rule for f in covering))}">'
                   f"{piece}</mark>")
    for f in inside:
        if id(f) not in anchored and f.start == f.end == hi:
            anchored.add(id(f))
            out.append(f'<mark class="s-{f.severity} point" id="{ids[id(f)]}" title="{esc(f.rule)}"></mark>')
    return "".join(out)


def _mark_for(hits: list[Finding], ids: dict[int, str], anchored: set) -> tuple[Finding, str]:
    """The most severe of the findings covering a piece, and the id attribute that anchors the first of them
    not anchored yet (so each finding's link lands on one place)."""
    worst = min(hits, key=lambda f: SEVERITIES.index(f.severity))
    first = next((f for f in hits if id(f) not in anchored), None)
    if first is None:
        return worst, ""
    anchored.add(id(first))
    return worst, f' id="{ids[id(first)]}"'


def _table_html(table, findings: list[Finding], ids: dict[int, str], anchored: set) -> str:
    out = ['<table class="doc">']
    for row in table.rows:
        out.append("<tr>")
        for cell in row:
            if cell.origin is not None and cell.origin != (cell.row, cell.col):
                out.append('<td class="merged"></td>')
                continue
            if cell.text.offsets:
                start, end = cell.text.source_span()
                hits = _covering(findings, start, end)
            else:
                hits = []
            if not hits:
                out.append(f"<td>{esc(cell.text.text)}</td>")
                continue
            worst, attr = _mark_for(hits, ids, anchored)
            out.append(f'<td class="s-{worst.severity}" title="{esc(" ".join(f.rule for f in hits))}">'
                       f'<mark class="s-{worst.severity}"{attr}>{esc(cell.text.text)}</mark></td>')
        out.append("</tr>")
    out.append("</table>")
    return "".join(out)

