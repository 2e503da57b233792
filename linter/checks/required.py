"""Required content: a set of keywords or patterns must appear in a scope.

params:
  any:  [text, …]    at least one of these must occur
  all:  [text, …]    every one of these must occur (the finding names the missing ones)
  regex: [pattern, …] at least one must match (run by `linter.safe_regex`: linear-time RE2, no look-around)
At least one of the three is needed.  When the scope itself is absent (say, section 六 is missing) the
rule stays silent: the structure rule reports the missing section.
"""
from __future__ import annotations

from typing import Iterator

from ..context import Context
from ..findings import Hit
from ..rules import Rule
from ..safe_regex import compile_pattern, pattern_problem


def validate(params: dict) -> list[str]:
    if not any(k in params for k in ("any", "all", "regex")):
        return ["params needs at least one of `any`, `all`, `regex`"]
    for key in ("any", "all", "regex"):
        value = params.get(key)
        if value is not None and (not isinstance(value, list) or not all(isinstance(v, str) and v for v in value)):
            return [f"params.{key} must be a list of non-empty texts"]
    for pattern in params.get("regex", []) or []:
        problem = pattern_problem(pattern)
        if problem:
            return [f"params.regex: pattern {pattern!r} refused: {problem}"]
    unknown = set(params) - {"any", "all", "regex"}
    if unknown:
        return [f"unknown parameter {sorted(unknown)[0]!r}"]
    return []


def check(rule: Rule, ctx: Context) -> Iterator[Hit]:
    scope = rule.scope
    if scope.startswith("section:") and ctx.section_for_scope(scope) is None:
        return
    text = ctx.scope_text(scope).text
    params = rule.params
    missing: list[str] = []
    if params.get("any") and not any(word in text for word in params["any"]):
        missing.append("、".join(params["any"]))
    if params.get("all"):
        missing += [word for word in params["all"] if word not in text]
    if params.get("regex") and not any(compile_pattern(p).search(text) for p in params["regex"]):
        missing.append("/".join(params["regex"]))
    if missing:
        start, end, section = ctx.scope_anchor(scope)
        yield Hit(start, end, {"missing": "、".join(missing)}, section=section)
