"""Forbidden or outdated wording: every match of a pattern in the scope is a finding.

Parameters: declared in `PARAMS` below (`report-lint rules --schema` prints them all).
"""
from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Iterator

from linter.checks.context import Context, per_rule
from linter.language.sentences import Breaks, around
from linter.ruleset.params import Field, Fields, MapOf, Number, Str, patterns, texts
from linter.checks.hits import Fix, Hit
from linter.ruleset.loading import Rule
from linter.ruleset.patterns import any_of, compile_pattern

def _numeric_groups(params: dict) -> list[str]:
    group = (params.get("numeric") or {}).get("group")
    if group is None:
        return []
    return [f"params.regex: pattern {p!r} lacks the named group {group!r}"
            for p in params["regex"] if group not in compile_pattern(p).groupindex]


PARAMS = Fields({
    "regex": Field(patterns("every match is a finding; named groups become message values; a group named "
                            "`at` is where the finding (and its fix) is, the rest of the match is context"),
                   required=True),
    "replacement": Field(Str(doc="the corrected text (\\g<name> takes a group), offered as a fix", empty=True)),
    "unless": Field(texts("a match whose sentence contains one of these is not reported")),
    "numeric": Field(Fields({
        "group": Field(Str(doc="the named group holding the number"), required=True),
        "unit_group": Field(Str(doc="the named group holding the unit")),
        "scale": Field(MapOf(Number(), doc="factor per unit ({元: 1, 万元: 10000}); a unit not listed is skipped")),
        "multiple_of": Field(Number(minimum=0, exclusive_minimum=True,
                                    doc="report when number × scale is not a multiple of this"), required=True),
    }, doc="report a match only when a number it captured fails a test")),
}, check=_numeric_groups)


_SENTENCES = Breaks("。！？；\n")  # (a sentence here is without its end)


def _sentence(text: str, start: int, end: int) -> str:
    begin, stop = around(text, start, end, _SENTENCES)
    return text[begin:stop]


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


def _may_match(rule: Rule, ctx: Context, text: str) -> bool:
    """Whether a pattern of the rule may match the scope's text: the patterns of all the pattern rules of the
    scope are looked for together, once per document (most reports hold none of them).  Which rules those are is
    worked out from the rules the rule first ran with (once per process: `context.per_rule`) — whatever runs
    beside it later, one pattern holding its own patterns says whether they may match."""
    patterns = per_rule("pattern-siblings", rule, lambda: _sibling_patterns(rule, ctx))
    union = any_of(patterns)
    if union is None:
        return True
    return ctx.cached(("pattern-any", rule.scope, patterns), lambda: union.found_in(text))


def _sibling_patterns(rule: Rule, ctx: Context) -> tuple[str, ...]:
    """The patterns of the pattern rules of the rule's scope among the rules of the report (its own alone when it
    is not among them: a rule run on its own)."""
    siblings = ctx.cached("pattern-rules", lambda: _by_scope(ctx.rules)).get(rule.scope, ())
    if not any(r is rule for r in siblings):
        siblings = [rule]
    return tuple(p for r in siblings for p in r.params["regex"])


def _by_scope(rules: list[Rule]) -> dict[str, list[Rule]]:
    """The pattern rules that run on the report, by scope."""
    by_scope: dict[str, list[Rule]] = {}
    for r in rules:
        if r.kind == "pattern":
            by_scope.setdefault(r.scope, []).append(r)
    return by_scope


def check(rule: Rule, ctx: Context) -> Iterator[Hit]:
    scope = rule.scope
    if scope.startswith("section:") and ctx.section_for_scope(scope) is None:
        return
    params = rule.params
    text = ctx.scope_text(scope)
    if not _may_match(rule, ctx, text.text):
        return
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
            at = "at" if "at" in m.re.groupindex and m.group("at") is not None else 0
            start, end = text.source_span(m.start(at), m.end(at))
            data = {**{k: v for k, v in m.groupdict().items() if v is not None}, "found": m.group(at)}
            fix = None
            if "replacement" in params:
                replacement = m.expand(params["replacement"])
                data["replacement"] = replacement
                fix = Fix(start, end, replacement)
            yield Hit(start, end, data, fix=fix)
