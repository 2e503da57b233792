"""The engine: (document bytes, path, configuration) -> findings.  A pure function, so it can run in a
process pool, an editor server or a test alike.

Rule sets are loaded and validated once per process (`load_rules`); each call reads the document,
parses its structure, runs every selected rule whose conditions hold, and returns findings at source
positions, sorted.
"""
from __future__ import annotations

import string
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from linter.checks import registry
from linter.settings.config import Config
from linter.checks.context import Context
from linter.document.limits import LimitExceeded
from linter.checks.hits import Hit
from linter.engine.findings import FileResult, Finding
from linter.ruleset.rule import SEVERITY_RANK
from linter.document.model import Document
from linter.document.readers import ReadError, format_for, read_document
from linter.resources import builtin_ruleset
from linter.ruleset.loading import Rule, load_ruleset
from linter.ruleset.conditions import applies
from linter.outline.parser import parse_outline

_RULE_CACHE: dict[tuple, list[Rule]] = {}


def load_rules(config: Config) -> list[Rule]:
    """All rules of the configured rule sets and extra directories (cached per process)."""
    dirs = [builtin_ruleset(name) for name in config.rulesets] if config.builtin else []
    dirs += [Path(d) for d in config.rule_dirs]
    key = tuple(str(d) for d in dirs)
    if key not in _RULE_CACHE:
        kinds = registry()
        rules: list[Rule] = []
        seen: dict[str, str] = {}
        from linter.ruleset.loading import RuleError

        for d in dirs:
            for rule in load_ruleset(d, kinds):
                if rule.id in seen:
                    raise RuleError(f"{rule.path}:{rule.line}: duplicate rule id {rule.id} (also in {seen[rule.id]})")
                seen[rule.id] = f"{rule.path}:{rule.line}"
                rules.append(rule)
        _RULE_CACHE[key] = rules
    return _RULE_CACHE[key]


def selected_rules(config: Config) -> list[Rule]:
    return [r for r in load_rules(config) if config.selects(r.id)]


@dataclass
class Analysis:
    """A document and what the engine made of it (for `parse`, `extract` and the editor)."""

    document: Document
    context: Context


def analyse(data: bytes, path: str, config: Config, fmt: str | None = None) -> Analysis:
    document = read(data, path, fmt, ocr=config.ocr)
    outline = parse_outline(document)
    return Analysis(document, Context(document, outline, config))


def lint(data: bytes, path: str, config: Config, fmt: str | None = None, on_analysis=None) -> FileResult:
    """Lint one document.  Unreadable input becomes a result with `error` set, never an exception.
    `on_analysis(analysis)`, when given, sees the parsed document (the batch takes the report's identity).
    Input larger than `config.max_bytes` is refused before it is read, and an empty file is refused."""
    fmt = fmt or format_for(path) or "txt"
    if len(data) > config.max_bytes:
        return oversized(path, fmt, config)
    if not data.strip():
        return _input_failure(path, fmt, "the file is empty", config)
    return _lint(data, path, config, fmt, on_analysis)


READER_FAILURE = "the reader failed on this file"


def read(data: bytes, path: str, fmt: str | None = None, ocr: bool = False) -> Document:
    """`read_document`, with every failure of a reader turned into `ReadError`.

    Readers parse hostile formats with libraries (zip, XML, PDF) that raise many kinds of exception on
    damaged input; whatever they raise, the file is unreadable and the run goes on.
    """
    try:
        return read_document(data, path, fmt, ocr=ocr)
    except ReadError:
        raise
    except LimitExceeded as exc:
        raise ReadError(str(exc), "limit") from exc
    except (MemoryError, RecursionError, Exception) as exc:  # noqa: BLE001 - see the docstring
        raise ReadError(f"{READER_FAILURE} ({type(exc).__name__}: {str(exc)[:200]})", "reader") from exc


def _lint(data: bytes, path: str, config: Config, fmt: str, on_analysis=None) -> FileResult:
    try:
        analysis = analyse(data, path, config, fmt)
    except ReadError as exc:
        return _input_failure(path, fmt, str(exc), config)
    if on_analysis is not None:
        on_analysis(analysis)
    rules = selected_rules(config)
    off = config.ignored_in(path)
    if off:
        rules = [r for r in rules if not any(r.id.startswith(p) for p in off)]
    if analysis.document.format == "image":
        rules = [r for r in rules if r.category in PICTURE_CATEGORIES]
    return run_rules(analysis, rules)


# A picture named on the command line is one table, not a report: only the table rules apply to it.
PICTURE_CATEGORIES = ("table", "arithmetic")


def run_rules(analysis: Analysis, rules: list[Rule]) -> FileResult:
    ctx = analysis.context
    ctx.rules = rules
    document = analysis.document
    findings: list[Finding] = []
    kinds = registry()
    for rule in rules:
        if not applies(rule, ctx):
            continue
        for hit in kinds[rule.kind].check(rule, ctx):
            findings.append(make_finding(rule, hit, document, ctx))
    findings = _apply_suppressions(findings, analysis, rules)
    findings.sort(key=Finding.sort_key)
    return FileResult(
        path=document.path, format=document.format, findings=findings, encoding=document.encoding,
        agency=ctx.outline.agency, year=ctx.year, source=document.source,
    )


def _apply_suppressions(findings: list[Finding], analysis: Analysis, rules: list[Rule]) -> list[Finding]:
    """Drop suppressed findings; add findings for unused suppressions and unknown rule ids."""
    from linter.engine.suppressions import apply

    ctx = analysis.context
    try:
        known = {r.id for r in load_rules(ctx.config)}
    except Exception:  # noqa: BLE001 - rule loading errors are reported by the CLI before linting
        known = set()
    known |= {r.id for r in rules}
    # cross-year rules only run against last year's report: alone, their suppressions are not "unused"
    active = {r.id for r in rules if r.kind != "crossyear" or getattr(ctx, "previous", None) is not None}
    result = apply(findings, analysis.document, ctx.config, active, known)
    meta = {r.aspect: r for r in rules if r.kind == "suppression"}
    out = result.kept
    for aspect, hits in (("unused", result.unused), ("unknown_rule", result.unknown)):
        rule = meta.get(aspect)
        if rule is not None:
            out += [make_finding(rule, hit, analysis.document, ctx) for hit in hits]
    return out


class _Values(dict):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def render(template: str, data: dict[str, Any], lang: str) -> str:
    """Fill a message template; `{x}` takes data['x_en'] in English when there is one."""
    values = _Values()
    for key, value in data.items():
        if key.endswith("_en"):
            continue
        values[key] = data.get(f"{key}_en", value) if lang == "en" else value
    return string.Formatter().vformat(template, (), values)


def make_finding(rule: Rule, hit: Hit, document: Document, ctx: Context) -> Finding:
    lang = ctx.config.lang
    start_pos = document.position(hit.start)
    end_pos = document.position(max(hit.end, hit.start))
    severity = ctx.config.severity.get(rule.id, rule.severity)
    message = render(rule.text(lang, "message"), hit.data, lang)
    image = None
    if hit.image is not None:
        image = picture_provenance(hit.image, document, lang)
        severity = severity if SEVERITY_RANK[severity] <= SEVERITY_RANK["warning"] else "warning"
        message = f"{message}{image['note']}"
    elif hit.table is not None and _recovered_table(ctx, hit.table):
        severity = severity if SEVERITY_RANK[severity] <= SEVERITY_RANK["warning"] else "warning"
        message = f"{message}{RECOVERED_NOTE['en' if lang == 'en' else 'zh']}"
    section = hit.section if hit.section is not None else ctx.section_of_offset(hit.start)
    fix = None
    if hit.fix is not None:
        fix = {"replacement": hit.fix.replacement, "start": _pos(document, hit.fix.start), "end": _pos(document, hit.fix.end)}
    return Finding(
        rule=rule.id, category=rule.category, severity=severity,
        message=message,
        line=start_pos.line, column=start_pos.column, end_line=end_pos.line, end_column=end_pos.column,
        section=section, basis=rule.basis, context=context_line(document, start_pos),
        page=start_pos.page, location=start_pos.location, table=hit.table, cell=hit.cell, fix=fix, data=hit.data,
        start=hit.start, end=hit.end, image=image,
    )


# The end of every finding on a table whose numbers were split out of digits a crawl ran together: the split
# was the only one the row's identity allows, but a blank cell the crawl dropped could mislead it, so such a
# finding is at most a warning.
RECOVERED_NOTE = {
    "zh": "（该表的数字是从连写在一起的数字串中拆分还原的，请对照原表核实）",
    "en": " (the table's numbers were recovered from digits run together in the text; check them against the original table)",
}


def _recovered_table(ctx: Context, title: str) -> bool:
    """Is the statistics table named `title` (表三 …) one recovered from run-together digits?"""
    from linter.tables import statistics_tables
    from linter.tables.recover import RUN_TOGETHER

    return any(t.title == title and RUN_TOGETHER in t.layout for t in statistics_tables(ctx))


def picture_provenance(picture, document: Document, lang: str) -> dict[str, Any]:
    """Where the picture a finding's numbers were read from is (its name, and paragraph, page or line),
    with the note the message ends with."""
    pos = document.position(picture.text.source_span()[0])
    where = {k: v for k, v in (pos.location or {}).items() if k in ("paragraph", "page")} or {"line": pos.line}
    place_zh = {"paragraph": "第{}段", "page": "第{}页", "line": "第{}行"}
    place_en = {"paragraph": "paragraph {}", "page": "page {}", "line": "line {}"}
    key, value = next(iter(where.items()))
    if lang == "en":
        note = f" (numbers read by OCR from the image {picture.name}, {place_en[key].format(value)}; check them against the image)"
    else:
        note = f"（数字由文字识别读自图片“{picture.name}”（{place_zh[key].format(value)}），请对照图片核实）"
    return {"name": picture.name, **where, "note": note}


CONTEXT_WIDTH = 240


def context_line(document: Document, pos) -> str:
    """The source line of a finding, cut to a window around it when the line is very long (a crawled
    page on one line): each finding would otherwise carry a copy of a megabyte line."""
    line = document.line_text(pos.line)
    if len(line) <= CONTEXT_WIDTH:
        return line.strip()
    start = max(0, pos.column - 1 - CONTEXT_WIDTH // 3)
    window = line[start:start + CONTEXT_WIDTH].strip()
    return ("…" if start else "") + window + ("…" if start + CONTEXT_WIDTH < len(line) else "")


def _pos(document: Document, offset: int) -> dict[str, int]:
    p = document.position(offset)
    return {"line": p.line, "column": p.column}


def oversized(path: str, fmt: str, config: Config) -> FileResult:
    """The result for a file larger than `config.max_bytes` (refused before it is read)."""
    return _input_failure(path, fmt, f"file is larger than the limit of {config.max_bytes} bytes", config)


def _input_failure(path: str, fmt: str, reason: str, config: Config) -> FileResult:
    message = {"zh": f"无法读取文件：{reason}", "en": f"cannot read the file: {reason}"}[config.lang if config.lang in ("zh", "en") else "zh"]
    finding = Finding(
        rule="INPUT-UNREADABLE", category="input", severity="error", message=message,
        line=1, column=1, end_line=1, end_column=1, data={"reason": reason},
    )
    return FileResult(path=path, format=fmt, findings=[finding], error=reason)
