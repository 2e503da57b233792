"""The engine: (document bytes, path, configuration) -> findings.  A pure function, so it can run in a
process pool, an editor server or a test alike.

Rule sets are loaded and validated once per process (`load_rules`); each call reads the document,
parses its structure, runs every selected rule whose conditions hold, and returns findings at source
positions, sorted.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from linter.checks import registry
from linter.settings.config import Config
from linter.checks.context import Context
from linter.document.limits import LARGE_INPUT, LimitExceeded, release_large_blocks
from linter.checks.hits import Hit
from linter.engine.findings import FileResult, Finding
from linter.ruleset.rule import SEVERITY_RANK
from linter.document.limits import ReadLimits
from linter.document.model import Document
from linter.document.readers import ReadError, format_for, read_document, sniff_format
from linter.document.source import oversize_reason
from linter.engine.inputs import UNREADABLE, input_rules
from linter.engine.suppressions import Suppressor
from linter.resources import builtin_ruleset
from linter.ruleset.loading import Rule, load_ruleset
from linter.ruleset.conditions import applies
from linter.outline.parser import parse_outline
from linter.collector import collector_paused

_RULE_CACHE: dict[tuple, list[Rule]] = {}


_RULE_DIRS: dict[tuple, tuple[str, ...]] = {}


def _rule_dirs(config: Config) -> tuple[str, ...]:
    """The directories a configuration's rules come from (worked out once per process for each choice of rule
    sets: the engine asks for every report)."""
    asked = (config.builtin, tuple(config.rulesets), tuple(config.rule_dirs))
    dirs = _RULE_DIRS.get(asked)
    if dirs is None:
        paths = [builtin_ruleset(name) for name in config.rulesets] if config.builtin else []
        dirs = _RULE_DIRS[asked] = tuple(str(d) for d in paths + [Path(d) for d in config.rule_dirs])
    return dirs


def load_rules(config: Config) -> list[Rule]:
    """All rules of the configured rule sets and extra directories (cached per process)."""
    key = _rule_dirs(config)
    if key not in _RULE_CACHE:
        dirs = [Path(d) for d in key]
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


_SELECTED: dict[tuple, list[Rule]] = {}


def selected_rules(config: Config) -> list[Rule]:
    """The loaded rules that `select`/`extend-select`/`ignore` choose (worked out once per selection)."""
    rules = load_rules(config)
    key = (id(rules), tuple(config.select), tuple(config.extend_select), tuple(config.ignore))
    chosen = _SELECTED.get(key)
    if chosen is None or chosen[0] is not rules:
        chosen = _SELECTED[key] = (rules, [r for r in rules if config.selects(r.id)])
    return list(chosen[1])


@dataclass
class Analysis:
    """A document and what the engine made of it (for `parse`, `extract` and the editor)."""

    document: Document
    context: Context


def analyse(data: bytes, path: str, config: Config, fmt: str | None = None) -> Analysis:
    document = read(data, path, fmt, ReadLimits(config.max_bytes), ocr=config.ocr)
    outline = parse_outline(document)
    return Analysis(document, Context(document, outline, config))


def lint(data: bytes, path: str, config: Config, fmt: str | None = None, on_analysis=None) -> FileResult:
    """Lint one document.  Unreadable input becomes a result with `error` set, never an exception.
    `on_analysis(analysis)`, when given, sees the parsed document (the batch takes the report's identity).
    Input larger than `config.max_bytes` is refused before it is read, and an empty file is refused."""
    fmt = fmt or format_for(path) or sniff_format(data) or "txt"
    if len(data) > config.max_bytes:
        return oversized(path, fmt, config)
    if not data or data.isspace():  # (strip() would copy the whole file)
        return input_failure(path, fmt, "the file is empty", config)
    if len(data) >= LARGE_INPUT:
        release_large_blocks()
    # a small text file: read and checked in one pause of the collector (a text has no more characters than bytes)
    with collector_paused(fmt in _ACYCLIC_FORMATS and len(data) <= _CHECKED_WITHOUT_COLLECTOR):
        try:
            with collector_paused(fmt in _ACYCLIC_FORMATS):
                analysis = analyse(data, path, config, fmt)
        except ReadError as exc:
            return input_failure(path, fmt, str(exc), config)
        # The bytes are not needed once read: a caller that hands them over without keeping them (the batch's
        # worker) has them freed here, before the checks build their views (20 MB less for a 20 MB file).
        del data
        with collector_paused(len(analysis.document.source) <= _CHECKED_WITHOUT_COLLECTOR):
            result = _lint_analysis(analysis, path, config, on_analysis)
            del analysis  # (what only the report held is freed before the collector is back)
    return result


# Reading a text and parsing its outline make an object or three per line that all live as long as the document:
# the collector would only walk them again and again as they pile up (a fifth of the CPU time of a page of
# 300 000 short lines), and has nothing to free.
# The formats whose reader makes no reference cycles (the text reader): reading one, and parsing its outline,
# leave no garbage that only the cyclic collector could free.
_ACYCLIC_FORMATS = frozenset(("txt", "md"))
# The checks of a report of up to this many characters run with the cyclic collector paused.  Their views
# (sentences, claims, tables) live as long as the report: the collector would walk them again and again as they pile
# up — a fiftieth of a report's time — to free the few dozen cycles a report leaves (a parser's tokens), which it
# frees after the report as well.  A longer text is checked with the collector on: what its cycles hold stays bounded.
_CHECKED_WITHOUT_COLLECTOR = 1 << 18


READER_FAILURE = "the reader failed on this file"
OUT_OF_MEMORY = "reading the file needs more memory than the budget of one file allows"
MAX_FINDINGS_PER_RULE = 100  # per file; the rest are counted in one summary finding


def read(data: bytes, path: str, fmt: str | None = None, limits: ReadLimits | None = None,
         ocr: bool = False) -> Document:
    """`read_document`, with every failure of a reader turned into `ReadError`.

    Readers parse hostile formats with libraries (zip, XML, PDF) that raise many kinds of exception on
    damaged input; whatever they raise, the file is unreadable and the run goes on.
    """
    try:
        return read_document(data, path, fmt, limits, ocr=ocr)
    except ReadError:
        raise
    except LimitExceeded as exc:
        raise ReadError(str(exc), "limit") from exc
    except MemoryError as exc:
        raise ReadError(OUT_OF_MEMORY, "memory") from exc
    except (RecursionError, Exception) as exc:  # noqa: BLE001 - see the docstring
        raise ReadError(f"{READER_FAILURE} ({type(exc).__name__}: {str(exc)[:200]})", "reader") from exc


def _lint_analysis(analysis: Analysis, path: str, config: Config, on_analysis=None) -> FileResult:
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


_KINDS = registry()  # one per process: each kind imports its module once
_CHECKS: dict[str, Any] = {}  # kind → its module's `check`, looked up once per process


def _check_of(kind: str):
    """The `check` function of a kind (its module imported on first use)."""
    check = _CHECKS.get(kind)
    if check is None:
        check = _CHECKS[kind] = _KINDS[kind].check_function
    return check


def run_rules(analysis: Analysis, rules: list[Rule]) -> FileResult:
    ctx = analysis.context
    ctx.rules = rules
    document = analysis.document
    suppressor = Suppressor(document, ctx.config)
    findings: list[Finding] = []
    checks = _CHECKS
    for rule in rules:
        kind = rule.kind
        if kind == "input" or rule.when and not applies(rule, ctx):  # input rules: once, below, for every rule set
            continue
        hits = iter((checks.get(kind) or _check_of(kind))(rule, ctx))
        # Most rules find nothing in a report: their hits are only looked at, not handed on
        for first in hits:
            findings += capped_findings(rule, _then(first, hits), document, ctx, suppressor)
            break
    findings += _input_findings(analysis, suppressor)
    findings += _suppression_findings(analysis, rules, suppressor)
    findings.sort(key=Finding.sort_key)
    return FileResult(
        path=document.path, format=document.format, findings=findings, encoding=document.encoding,
        agency=ctx.outline.agency, year=ctx.year, source=document.source,
    )


def _then(first: Hit, rest):
    """`first`, then the rest of its iterator."""
    yield first
    yield from rest


def capped_findings(rule: Rule, hits, document: Document, ctx: Context, suppressor: Suppressor) -> list[Finding]:
    """The findings of one rule: suppressed ones dropped, at most `MAX_FINDINGS_PER_RULE` kept and the rest
    counted in one summary finding.  A hit past the cap is not made into a finding when only comments can
    suppress it, so a page that repeats a mistake a hundred thousand times costs no more than a hundred."""
    kept: list[Finding] = []
    omitted, first = 0, None
    for hit in hits:
        if len(kept) >= MAX_FINDINGS_PER_RULE and not suppressor.needs_findings:
            if not suppressor.silences(rule.id, hit.start):
                omitted, first = omitted + 1, first or hit
            continue
        finding = make_finding(rule, hit, document, ctx)
        if suppressor.suppresses(finding):
            continue
        if len(kept) < MAX_FINDINGS_PER_RULE:
            kept.append(finding)
        else:
            omitted, first = omitted + 1, first or hit
    if omitted:
        kept.append(_omitted_finding(rule, first, omitted, document, ctx))
    return kept


def _omitted_finding(rule: Rule, first: Hit, omitted: int, document: Document, ctx: Context) -> Finding:
    """One finding, at the first one not listed, that says how many more of this rule were not listed."""
    from linter.messages import msg

    finding = make_finding(rule, first, document, ctx)
    finding.message = msg("more_findings", ctx.config.lang, n=omitted, cap=MAX_FINDINGS_PER_RULE)
    finding.fix = None
    finding.data = {"omitted": omitted}
    return finding


def _input_findings(analysis: Analysis, suppressor: Suppressor) -> list[Finding]:
    """What the engine itself reports about the input (`linter/engine/inputs.py`), when selected."""
    ctx, document = analysis.context, analysis.document
    off = ctx.config.ignored_in(document.path)
    out: list[Finding] = []
    for rule in input_rules().values():
        if ctx.config.selects(rule.id) and not any(rule.id.startswith(p) for p in off):
            out += capped_findings(rule, _check_of(rule.kind)(rule, ctx), document, ctx, suppressor)
    return out


def _suppression_findings(analysis: Analysis, rules: list[Rule], suppressor: Suppressor) -> list[Finding]:
    """Findings for unused suppressions and suppressions naming unknown rule ids."""
    ctx = analysis.context
    if not suppressor.directives and not suppressor.entries:
        return []  # (nothing that could be unused or name an unknown rule)
    try:
        known = _rule_ids(load_rules(ctx.config))
    except Exception:  # noqa: BLE001 - rule loading errors are reported by the CLI before linting
        known = frozenset()
    known = known | {r.id for r in rules} | set(input_rules())
    # cross-year rules only run against last year's report: alone, their suppressions are not "unused"
    active = {r.id for r in rules if r.kind != "crossyear" or getattr(ctx, "previous", None) is not None}
    unused, unknown = suppressor.report(active, known)
    meta = {r.aspect: r for r in rules if r.kind == "suppression"}
    out = []
    for aspect, hits in (("unused", unused), ("unknown_rule", unknown)):
        rule = meta.get(aspect)
        if rule is not None:
            out += [make_finding(rule, hit, analysis.document, ctx) for hit in hits]
    return out


_RULE_IDS: dict[int, tuple[list[Rule], frozenset[str]]] = {}


def _rule_ids(rules: list[Rule]) -> frozenset[str]:
    """The ids of loaded rules (worked out once per loaded list, not per report)."""
    entry = _RULE_IDS.get(id(rules))
    if entry is None or entry[0] is not rules:
        entry = _RULE_IDS[id(rules)] = (rules, frozenset(r.id for r in rules))
    return entry[1]


class _Values(dict):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def render(template: str, data: dict[str, Any], lang: str) -> str:
    """Fill a message template; `{x}` takes data['x_en'] in English when there is one."""
    if lang != "en":
        if "_en" not in template:  # (no field of the template can name an English value: the data as it is)
            return template.format_map(_Values(data))
        return template.format_map(_Values({key: value for key, value in data.items() if not key.endswith("_en")}))
    from linter.checks.english import english_value
    from linter.messages import english_plurals

    values = _Values()
    for key, value in data.items():
        if not key.endswith("_en"):
            values[key] = data[f"{key}_en"] if f"{key}_en" in data else english_value(key, value)
    return english_plurals(template.format_map(values))


def make_finding(rule: Rule, hit: Hit, document: Document, ctx: Context) -> Finding:
    lang = ctx.config.lang
    start_pos = document.position(hit.start)
    end_line, end_column = document.line_column(max(hit.end, hit.start))
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
        line=start_pos.line, column=start_pos.column, end_line=end_line, end_column=end_column,
        section=section, basis=rule.basis, context=context_line(document, start_pos),
        page=start_pos.page, location=start_pos.location, table=hit.table, cell=hit.cell, fix=fix, data=hit.data,
        start=hit.start, end=hit.end, image=image, related=_related(document, hit.related) if hit.related else None,
    )


def _related(document: Document, related: list[tuple[int, int, str]]) -> list[dict[str, Any]] | None:
    """The other places a check named, as positions (JSON `related`, SARIF `relatedLocations`)."""
    out = []
    for start, end, note in related:
        line, column = document.line_column(start)
        end_line, end_column = document.line_column(max(end, start))
        out.append({"line": line, "column": column, "end_line": end_line, "end_column": end_column, "message": note})
    return out or None


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

    recovered = ctx.cached("recovered-tables", lambda: {t.title for t in statistics_tables(ctx) if RUN_TOGETHER in t.layout})
    return title in recovered


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
    page on one line): each finding would otherwise carry a copy of a megabyte line.  Only the window is copied
    out of the source."""
    first, end = document.line_span(pos.line)
    length = end - first
    if length <= CONTEXT_WIDTH:
        return document.source[first:end].strip()
    start = max(0, pos.column - 1 - CONTEXT_WIDTH // 3)
    window = document.source[first + start:first + min(start + CONTEXT_WIDTH, length)].strip()
    return ("…" if start else "") + window + ("…" if start + CONTEXT_WIDTH < length else "")


def _pos(document: Document, offset: int) -> dict[str, int]:
    line, column = document.line_column(offset)
    return {"line": line, "column": column}


def oversized(path: str, fmt: str, config: Config) -> FileResult:
    """The result for a file larger than `config.max_bytes` (refused before it is read)."""
    return input_failure(path, fmt, oversize_reason(config.max_bytes), config)


def input_failure(path: str, fmt: str, reason: str, config: Config) -> FileResult:
    """The result of a file that cannot be checked: one `INPUT-UNREADABLE` finding with the reason."""
    from linter.messages import localised

    rule = input_rules()[UNREADABLE]
    message = render(rule.text(config.lang, "message"), {"reason": localised(reason, config.lang)}, config.lang)
    finding = Finding(
        rule=UNREADABLE, category="input", severity="error", message=message,
        line=1, column=1, end_line=1, end_column=1, data={"reason": reason},
    )
    return FileResult(path=path, format=fmt, findings=[finding], error=reason)
