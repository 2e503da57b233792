"""Human output in the style of ruff and rustc: `path:line:col: severity[rule] message`, the source line
with the span underlined, and the rule's legal basis.  What comes from the document (its path, the source
line, messages quoting it) passes through `escapes.terminal_safe`: no escape sequence reaches a terminal."""
from __future__ import annotations

import unicodedata

from linter.engine.findings import FileResult, Finding
from linter.messages import msg
from linter.output.escapes import terminal_safe
from linter.output.options import OutputOptions

_COLORS = {"error": "\x1b[31;1m", "warning": "\x1b[33;1m", "info": "\x1b[36;1m"}
_RESET = "\x1b[0m"


def _width(s: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in s)


_SPLIT_CACHE: dict[int, tuple[str, list[str]]] = {}


def _lines_of(source: str) -> list[str]:
    """`source` split into lines, once per file rather than once per finding."""
    cached = _SPLIT_CACHE.get(id(source))
    if cached is None or cached[0] is not source:
        _SPLIT_CACHE.clear()
        cached = (source, source.split("\n"))
        _SPLIT_CACHE[id(source)] = cached
    return cached[1]


def _source_lines(result: FileResult, finding: Finding) -> list[str]:
    if not result.source:
        return []
    lines = _lines_of(result.source)
    if not (1 <= finding.line <= len(lines)):
        return []
    line = lines[finding.line - 1].rstrip("\r")
    if len(line) > 200:  # very long lines (crawled pages): show a window around the finding
        start = max(0, finding.column - 40)
        shown = line[start:start + 120]
        prefix = "…" if start else ""
        col = finding.column - start + len(prefix)
        line = prefix + shown
    else:
        col = finding.column
    end_col = finding.end_column if finding.end_line == finding.line else len(line) + 1
    end_col = max(end_col, col + 1)
    if finding.end_line == finding.line and len(lines[finding.line - 1]) > 200:
        end_col = min(col + (finding.end_column - finding.column), len(line) + 1)
        end_col = max(end_col, col + 1)
    gutter = str(finding.line)
    pad = " " * len(gutter)
    line = terminal_safe(line)  # one stand-in per character: the underline stays in place
    marker = " " * _width(line[: col - 1]) + "^" * max(1, _width(line[col - 1:end_col - 1]))
    return [f"{pad} |", f"{gutter} | {line}", f"{pad} | {marker}"]


def _location(finding: Finding) -> str:
    """Where to look in a DOCX or PDF, whose line:column count lines of a synthetic text."""
    loc = finding.location or {}
    if "table" in loc:
        return f" (table {loc['table']}, row {loc['row']}, cell {loc['cell']})"
    if "paragraph" in loc:
        return f" (¶ {loc['paragraph']})"
    if "footnote" in loc or "endnote" in loc:
        return f" ({'footnote' if 'footnote' in loc else 'endnote'} {loc.get('footnote', loc.get('endnote'))})"
    if finding.page:
        return f" (p.{finding.page}, line {loc['line']})" if "line" in loc else f" (p.{finding.page})"
    return ""


def fixable(result: FileResult, finding: Finding, rules) -> bool:
    """Will `--fix` apply this finding's fix (ruff marks such findings `[*]`)?"""
    from linter.engine.fixes import fixable_file, safe_fix

    return bool(rules) and safe_fix(finding, rules) and fixable_file(result)


def format_finding(result: FileResult, finding: Finding, options: OutputOptions, rules=None) -> list[str]:
    sev = finding.severity
    label = f"{sev}[{finding.rule}]"
    if options.color:
        label = f"{_COLORS[sev]}{label}{_RESET}"
    where = f"{terminal_safe(result.path)}:{finding.line}:{finding.column}"
    where += _location(finding)
    mark = " [*]" if fixable(result, finding, rules) else ""
    out = [f"{where}: {label}{mark} {terminal_safe(finding.message)}"]
    if options.show_source:
        out += _source_lines(result, finding)
        pad = " " * len(str(finding.line))
        if finding.fix is not None:
            out.append(f"{pad} = {msg('fix_line', options.lang, replacement=terminal_safe(finding.fix['replacement']))}")
        if finding.basis:
            out.append(f"{pad} = {msg('basis', options.lang)}: {terminal_safe(finding.basis)}")
    return out


def summary_lines(counts: dict[str, int], files: int, fixable_count: int, lang: str) -> list[str]:
    """The closing lines: how many problems of each severity in how many files, and how many --fix fixes."""
    total = sum(counts.values())
    if not total:
        return [msg("clean", lang, files=files)]
    lines = [msg("summary", lang, total=total, errors=counts["error"], warnings=counts["warning"],
                 infos=counts["info"], files=files)]
    if fixable_count:
        lines.append(msg("fixable", lang, n=fixable_count))
    return lines


def render(results: list[FileResult], rules, options: OutputOptions) -> str:
    lines: list[str] = []
    counts = {"error": 0, "warning": 0, "info": 0}
    fixes = 0
    for result in results:
        for finding in result.findings:
            counts[finding.severity] += 1
            fixes += fixable(result, finding, rules)
            lines += format_finding(result, finding, options, rules)
            if options.show_source:
                lines.append("")
    if options.summary:
        lines += summary_lines(counts, len(results), fixes, options.lang)
    return "\n".join(lines) + ("\n" if lines else "")
