"""Forbidden or outdated wording: every match of a pattern in the scope is a finding.

params:
  regex: [pattern, …]   every match is a finding (Python `re`; named groups become message values)
  replacement: TEMPLATE  optional: the corrected text (`re` expansion, e.g. "〔\\g<year>〕"), offered as a fix
  unless: [text, …]      a match whose sentence contains one of these is not reported
  numeric:               optional: report a match only when a number it captured fails a test
    group: amount          the named group holding the number (Arabic digits, decimals allowed)
    unit_group: unit       optional named group holding the unit
    scale: {元: 1, 万元: 10000}   factor per unit (a unit not listed: the match is skipped)
    multiple_of: 10        report when number × scale is not a multiple of this
"""
from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Iterator

from linter.checks.context import Context
from linter.checks.hits import Fix, Hit
from linter.ruleset.loading import Rule
from linter.ruleset.patterns import compile_pattern, pattern_problem

_KEYS = {"regex", "replacement", "unless", "numeric"}


def validate(params: dict) -> list[str]:
    unknown = set(params) - _KEYS
    if unknown:
        return [f"unknown parameter {sorted(unknown)[0]!r}"]
    patterns = params.get("regex")
    if not isinstance(patterns, list) or not patterns or not all(isinstance(p, str) and p for p in patterns):
        return ["params.regex must be a non-empty list of patterns"]
    for p in patterns:
        problem = pattern_problem(p)
        if problem:
            return [f"params.regex: pattern {p!r} refused: {problem}"]
    if "replacement" in params and not isinstance(params["replacement"], str):
        return ["params.replacement must be a text"]
    unless = params.get("unless")
    if unless is not None and (not isinstance(unless, list) or not all(isinstance(u, str) and u for u in unless)):
        return ["params.unless must be a list of non-empty texts"]
    numeric = params.get("numeric")
    if numeric is not None:
        if not isinstance(numeric, dict) or not isinstance(numeric.get("group"), str):
            return ["params.numeric needs `group` (a named group of the pattern)"]
        if set(numeric) - {"group", "unit_group", "scale", "multiple_of"}:
            return ["params.numeric: unknown key"]
        if not isinstance(numeric.get("multiple_of"), (int, float)) or numeric["multiple_of"] <= 0:
            return ["params.numeric.multiple_of must be a positive number"]
        scale = numeric.get("scale", {})
        if not isinstance(scale, dict) or not all(isinstance(v, (int, float)) for v in scale.values()):
            return ["params.numeric.scale must map units to numbers"]
        for p in patterns:
            if numeric["group"] not in compile_pattern(p).groupindex:
                return [f"params.regex: pattern {p!r} lacks the named group {numeric['group']!r}"]
    return []


def _sentence(text: str, start: int, end: int) -> str:
    left = max(text.rfind(c, 0, start) for c in "。！？；\n") + 1
    rights = [i for i in (text.find(c, end) for c in "。！？；\n") if i >= 0]
    return text[left:min(rights) if rights else len(text)]


def _numeric_fails(m: re.Match, spec: dict) -> bool:
    raw = (m.group(spec["group"]) or "").replace(",", "")
    try:
        value = Decimal(raw)
    except InvalidOperation:
        return False
    if spec.get("unit_group"):
        unit = m.group(spec["unit_group"]) or ""
        scale = spec.get("scale", {})
        if unit not in scale:
            return False
        value *= Decimal(str(scale[unit]))
    return value % Decimal(str(spec["multiple_of"])) != 0


def check(rule: Rule, ctx: Context) -> Iterator[Hit]:
    scope = rule.scope
    if scope.startswith("section:") and ctx.section_for_scope(scope) is None:
        return
    params = rule.params
    text = ctx.scope_text(scope)
    unless = params.get("unless") or []
    seen: set[tuple[int, int]] = set()
    for pattern in params["regex"]:
        for m in compile_pattern(pattern).finditer(text.text):
            if (m.start(), m.end()) in seen or m.end() == m.start():
                continue
            seen.add((m.start(), m.end()))
            if unless and any(u in _sentence(text.text, m.start(), m.end()) for u in unless):
                continue
            if params.get("numeric") and not _numeric_fails(m, params["numeric"]):
                continue
            start, end = text.source_span(m.start(), m.end())
            data = {"found": m.group(), **{k: v for k, v in m.groupdict().items() if v is not None}}
            fix = None
            if "replacement" in params:
                replacement = m.expand(params["replacement"])
                data["replacement"] = replacement
                fix = Fix(start, end, replacement)
            yield Hit(start, end, data, fix=fix)
