"""Run every rule's own examples: each `bad` example must fire the rule (on its `line`, with its `fixed`
text once fixed), each `good` one must not.

An example is a text (a small report, linted as plain text) or a mapping (declared in
`ruleset.schema.EXAMPLE`): `text`, or `base` — a base report shipped with the rule set in `bases/NAME.md`
— and the changes it makes: `sections` (a section's text, tables kept, replaced: `一: 本年度新收申请12件。`),
`cells` (a statistics-table cell rewritten: `t3.R1.T: 12`), `tables` (a whole table replaced by a text),
`replace` (each old text occurs exactly once) and `replace_all`.  It may
set `format`, `encoding` (the bytes the text is written in, for the input rules of `rules/input.yaml`,
which are linted as a whole file), `config` and `previous` (last year's report, for cross-year rules).  Only the rule under test
runs, so an example proves exactly that rule.
"""
from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

from linter.engine.run import analyse, run_rules
from linter.ruleset.rule import Rule
from linter.settings.config import Config


class ExampleError(ValueError):
    """An example that cannot be built (an unknown base, a text to replace that is not there)."""


@dataclass
class ExampleFailure:
    group: str   # bad | good
    index: int   # 1-based
    detail: str


@dataclass
class RuleTestResult:
    rule: Rule
    failures: list[ExampleFailure] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return not self.failures


@dataclass
class Built:
    """An example made concrete: the text to lint and how."""

    text: str
    format: str
    previous: "Built | None" = None
    encoding: str = "utf-8"   # the bytes the text is linted as (the input rules look at them)


def base_path(rule: Rule, name: str) -> Path:
    """`bases/NAME.md` of the rule's own rule set, else of the shipped rule set."""
    from linter.resources import builtin_ruleset

    for directory in (Path(rule.ruleset_dir) if rule.ruleset_dir else None, builtin_ruleset()):
        if directory is not None and (directory / "bases" / f"{name}.md").is_file():
            return directory / "bases" / f"{name}.md"
    raise ExampleError(f"no base report {name!r} (bases/{name}.md)")


@lru_cache(maxsize=16)
def _read_base(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def build(rule: Rule, example: Any) -> Built:
    """The text an example stands for, its changes to a base report applied."""
    if isinstance(example, str):
        return Built(example, "txt")
    previous = example.get("previous")
    prev = build(rule, previous) if previous is not None else None
    if "text" in example:
        return Built(example["text"], example.get("format", "txt"), prev, example.get("encoding", "utf-8"))
    fmt = example.get("format", "md")
    text = _read_base(base_path(rule, example["base"]))
    text = _replace_parts(text, fmt, example.get("sections") or {}, example.get("cells") or {},
                          example.get("tables") or {})
    for old, new in (example.get("replace") or {}).items():
        count = text.count(old)
        if count != 1:
            raise ExampleError(f"replace: {old!r} occurs {count} times in base {example['base']!r}, not once")
        text = text.replace(old, new)
    for old, new in (example.get("replace_all") or {}).items():
        if old not in text:
            raise ExampleError(f"replace_all: {old!r} does not occur in base {example['base']!r}")
        text = text.replace(old, new)
    return Built(text, fmt, prev)


def _replace_parts(text: str, fmt: str, sections: dict, cells: dict, tables: dict) -> str:
    """Rewrite sections' text, then statistics-table cells and whole tables, where the outline and the
    table models place them."""
    if sections:
        ctx = _analysed(text, fmt)
        text = _apply([e for ordinal, body in sections.items() for e in _section_edits(ctx, text, str(ordinal), body)], text)
    if not (cells or tables):
        return text
    from linter.tables import statistics_tables

    found = statistics_tables(_analysed(text, fmt))
    edits: list[tuple[int, int, str]] = []
    for key, value in cells.items():
        name, row, col = key.split(".")
        table = found.get(name)
        cell = table.cell(row, col) if table is not None else None
        if cell is None:
            raise ExampleError(f"cells: the base has no cell {key}")
        edits.append((cell.start, cell.end, str(value)))
    for name, value in tables.items():
        table = found.get(name)
        if table is None:
            raise ExampleError(f"tables: the base has no table {name}")
        span = table.raw.span if table.raw is not None else (table.start, table.end)
        edits.append((*_whole_lines(text, *span), value))
    return _apply(edits, text)


def _whole_lines(text: str, start: int, end: int) -> tuple[int, int]:
    """A span widened to the lines it touches (a table's cells do not reach its border marks)."""
    line_end = text.find("\n", end)
    return text.rfind("\n", 0, start) + 1, len(text) if line_end < 0 else line_end


def _analysed(text: str, fmt: str):
    return analyse(text.encode("utf-8"), f"base.{fmt}", Config(), fmt).context


def _apply(edits: list[tuple[int, int, str]], text: str) -> str:
    """Make the edits (start, end, new text), which must not overlap, from the end backwards."""
    edits = sorted(edits, reverse=True)
    for (start, end, _), (next_start, _, _) in zip(edits[1:], edits):
        if end > next_start:
            raise ExampleError("two changes of the example overlap")
    for start, end, value in edits:
        text = text[:start] + value + text[end:]
    return text


def _section_edits(ctx, text: str, ordinal: str, body: str) -> list[tuple[int, int, str]]:
    """Replace the running text of a section (its sub-items included) by `body`; its tables stay."""
    from linter.document.model import Table

    section = ctx.outline.section(ordinal)
    if section is None:
        raise ExampleError(f"sections: the base has no section {ordinal}")
    start = section.heading.source_span()[1]
    later = [s.heading.source_span()[0] for s in ctx.outline.sections if s.heading.source_span()[0] > start]
    closing = ctx.outline.closing
    if closing is not None and closing.agency is not None:
        later.append(closing.agency.source_span()[0])
    end = min(later, default=len(text))
    kept = [text[slice(*_whole_lines(text, *b.span))] for b in section.all_blocks() if isinstance(b, Table)]
    return [(start, end, "\n\n" + "\n\n".join([body.strip("\n"), *kept]) + "\n\n")]


def example_config(base: Config, example: Any) -> Config:
    cfg = replace(base, select=[], ignore=[], extend_select=[])
    if isinstance(example, dict):
        for key, value in (example.get("config") or {}).items():
            if key == "published" and isinstance(value, str):
                value = _dt.date.fromisoformat(value)
            setattr(cfg, key, value)
    return cfg


def run_example(rule: Rule, example: Any, base: Config):
    """Findings of `rule` alone on one example (with the text it was linted on)."""
    built = build(rule, example)
    cfg = example_config(base, example)
    if rule.kind == "input":  # the engine applies the input rules while reading: lint the bytes as a file
        from linter.engine.run import lint

        cfg.select = [rule.id]
        data = built.text.encode(built.encoding)
        return [f for f in lint(data, f"example.{built.format}", cfg, built.format).findings if f.rule == rule.id]
    analysis = analyse(built.text.encode("utf-8"), f"example.{built.format}", cfg, built.format)
    if built.previous is not None:  # cross-year rules: last year's report
        prev = built.previous
        analysis.context.previous = analyse(prev.text.encode("utf-8"), f"previous.{prev.format}", cfg, prev.format).context
    return [f for f in run_rules(analysis, [rule]).findings if f.rule == rule.id]


def check_bad(rule: Rule, example: Any, base: Config) -> str | None:
    """Why a bad example fails its test (it does not fire, fires on another line, is fixed otherwise)."""
    findings = run_example(rule, example, base)
    if not findings:
        return "did not fire"
    if not isinstance(example, dict):
        return None
    if "line" in example and findings[0].line != example["line"]:
        return f"fired on line {findings[0].line}, not {example['line']}"
    if "fixed" in example:
        fixed = fixed_line(rule, build(rule, example).text, findings)
        if fixed != example["fixed"]:
            return f"fixed line is {fixed!r}, not {example['fixed']!r}"
    return None


def fixed_line(rule: Rule, text: str, findings) -> str:
    """The line of the first finding once the rule's safe fixes are applied."""
    from linter.engine.findings import FileResult
    from linter.engine.fixes import apply_fixes, safe_fixes

    fixes = safe_fixes(FileResult(path="example.md", format="md", findings=findings, source=text), {rule.id: rule})
    return apply_fixes(text, fixes).split("\n")[findings[0].line - 1]


def test_rule(rule: Rule, base: Config | None = None) -> RuleTestResult:
    base = base or Config()
    result = RuleTestResult(rule)
    for i, example in enumerate(rule.examples.get("bad", []), 1):
        problem = _safely(check_bad, rule, example, base)
        if problem:
            result.failures.append(ExampleFailure("bad", i, problem))
    for i, example in enumerate(rule.examples.get("good", []), 1):
        try:
            fired = run_example(rule, example, base)
        except ExampleError as exc:
            result.failures.append(ExampleFailure("good", i, str(exc)))
            continue
        if fired:
            result.failures.append(ExampleFailure("good", i, fired[0].message))
    return result


def _safely(fn, *args) -> str | None:
    try:
        return fn(*args)
    except ExampleError as exc:
        return str(exc)
