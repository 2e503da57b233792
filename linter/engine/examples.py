"""Run every rule's own examples: each `bad` example must fire the rule, each `good` one must not.

An example is a text (a small report, linted as plain text) or a mapping with `text` and optionally
`format` (txt/md/html), `config` (agency_kind, agency_level, report_year, published) and `previous` (last
year's report, for cross-year rules).  Only the rule
under test runs, so an example proves exactly that rule.
"""
from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field, replace
from typing import Any

from linter.settings.config import Config
from linter.engine.run import analyse, run_rules
from linter.ruleset.loading import Rule


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


def example_config(base: Config, example: Any) -> Config:
    cfg = replace(base, select=[], ignore=[], extend_select=[])
    if isinstance(example, dict):
        for key, value in (example.get("config") or {}).items():
            if key == "published" and isinstance(value, str):
                value = _dt.date.fromisoformat(value)
            setattr(cfg, key, value)
    return cfg


def run_example(rule: Rule, example: Any, base: Config):
    """Findings of `rule` alone on one example."""
    text = example["text"] if isinstance(example, dict) else example
    fmt = example.get("format", "txt") if isinstance(example, dict) else "txt"
    cfg = example_config(base, example)
    analysis = analyse(text.encode("utf-8"), f"example.{fmt}", cfg, fmt)
    if isinstance(example, dict) and example.get("previous"):  # cross-year rules: last year's report
        analysis.context.previous = analyse(example["previous"].encode("utf-8"), f"previous.{fmt}", cfg, fmt).context
    return [f for f in run_rules(analysis, [rule]).findings if f.rule == rule.id]


def test_rule(rule: Rule, base: Config | None = None) -> RuleTestResult:
    base = base or Config()
    result = RuleTestResult(rule)
    for i, example in enumerate(rule.examples.get("bad", []), 1):
        if not run_example(rule, example, base):
            result.failures.append(ExampleFailure("bad", i, "did not fire"))
    for i, example in enumerate(rule.examples.get("good", []), 1):
        fired = run_example(rule, example, base)
        if fired:
            result.failures.append(ExampleFailure("good", i, fired[0].message))
    return result
