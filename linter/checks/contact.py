"""Contact details: address, phone, e-mail and the web address of the electronic version.

params:
  items:                      what to look for, in order; every item listed must be found
    - name: phone             a key (also used in the finding's data)
      label: 电话              names the missing item in the message (label_en in English)
      label_en: phone
      regex: [pattern, …]     candidates; the first named group `value` (or the whole match) is the value
      digits: [7, 13]         optional: the value must hold this many digits once separators are removed
                              (a landline with area code, a mobile number, a 12345-style hotline)
The finding names every missing item; `contacts(ctx, items)` returns what was found, for other checks.
"""
from __future__ import annotations

import re
from typing import Iterator

from linter.checks.context import Context
from linter.checks.hits import Hit
from linter.ruleset.loading import Rule
from linter.ruleset.patterns import compile_pattern, pattern_problem


def validate(params: dict) -> list[str]:
    if set(params) - {"items"}:
        return [f"unknown parameter {sorted(set(params) - {'items'})[0]!r}"]
    items = params.get("items")
    if not isinstance(items, list) or not items:
        return ["params.items must be a non-empty list"]
    for i, item in enumerate(items):
        if not isinstance(item, dict) or not isinstance(item.get("name"), str) or not isinstance(item.get("label"), str):
            return [f"params.items[{i}] needs `name` and `label`"]
        extra = set(item) - {"name", "label", "label_en", "regex", "digits"}
        if extra:
            return [f"params.items[{i}]: unknown key {sorted(extra)[0]!r}"]
        patterns = item.get("regex")
        if not isinstance(patterns, list) or not patterns:
            return [f"params.items[{i}].regex must be a non-empty list"]
        for p in patterns:
            problem = pattern_problem(p)
            if problem:
                return [f"params.items[{i}].regex: pattern {p!r} refused: {problem}"]
        digits = item.get("digits")
        if digits is not None and (not isinstance(digits, list) or len(digits) != 2 or not all(isinstance(d, int) for d in digits)):
            return [f"params.items[{i}].digits must be [min, max]"]
    return []


def _find(text: str, item: dict) -> tuple[int, int, str] | None:
    for pattern in item["regex"]:
        for m in compile_pattern(pattern).finditer(text):
            group = "value" if "value" in m.re.groupindex and m.group("value") else 0
            value = m.group(group)
            if item.get("digits"):
                low, high = item["digits"]
                if not low <= len(re.sub(r"\D", "", value)) <= high:
                    continue
            return m.start(group), m.end(group), value
    return None


def contacts(ctx: Context, scope: str, items: list[dict]) -> dict[str, tuple[int, int, str]]:
    """Each item found in the scope: name -> (source start, source end, value)."""
    text = ctx.scope_text(scope)
    out = {}
    for item in items:
        found = _find(text.text, item)
        if found:
            start, end = text.source_span(found[0], found[1])
            out[item["name"]] = (start, end, found[2])
    return out


def check(rule: Rule, ctx: Context) -> Iterator[Hit]:
    items = rule.params["items"]
    found = contacts(ctx, rule.scope, items)
    missing = [item for item in items if item["name"] not in found]
    if not missing:
        return
    start, end, section = ctx.scope_anchor("preamble" if rule.scope in ("body", "document") else rule.scope)
    yield Hit(start, end, {
        "missing": "、".join(i["label"] for i in missing),
        "missing_en": ", ".join(i.get("label_en") or i["label"] for i in missing),
        "names": [i["name"] for i in missing],
    }, section=section)
