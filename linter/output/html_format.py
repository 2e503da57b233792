"""HTML: one self-contained page for people — an overview of every report (sortable, filterable by rule and
agency, a bar chart of findings per rule in inline SVG) and, per report, its text with each finding
highlighted in place, its tables with the failing cells coloured, and each finding's explanation and basis.

No network resources: styles, script and chart are inline.  Everything taken from a document is escaped,
so a report containing `<script>` stays text.  Report sections are spooled to a temporary file while
results stream in, and the page is assembled at the end; memory stays flat.
"""
from __future__ import annotations

import tempfile
from collections import Counter

from linter.engine.findings import FileResult, Finding
from linter.output.marked import MARK_CSS, SEVERITIES, esc, marked_source
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
td.n{text-align:right}
.filters{margin:8px 0}.filters select{margin-right:12px}
ol.findings li{margin-bottom:8px}.expl{color:#555;font-size:13px}.basis{color:#555;font-size:13px;font-style:italic}
svg text{font-size:12px}
""" + MARK_CSS

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
            parts.append(marked_source(result, findings, ids))
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
