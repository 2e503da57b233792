"""Contact details: address, phone, e-mail and the web address of the electronic version.

Parameters: declared in `PARAMS` below (`report-lint rules --schema` prints them all).

A contact detail is recognised by its shape wherever the report gives it (the rule's patterns: a phone number
with or without its label, an address by its label or by a street number, an e-mail address by its @).  With
`require: any` the finding says that no way to reach the agency is given at all; with `all` it names every
missing item. `contacts(ctx, items)` returns what was found, for other checks.
"""
from __future__ import annotations

import re
from typing import Iterator

from linter.checks.context import Context, per_rule
from linter.ruleset.params import Choice, Field, Fields, Integer, ListOf, Str, patterns
from linter.checks.hits import Hit
from linter.ruleset.loading import Rule
from linter.ruleset.patterns import compile_pattern


PARAMS = Fields({
    "items": Field(ListOf(Fields({
        "name": Field(Str(doc="a key, also used in the finding's data"), required=True),
        "label": Field(Str(doc="names the missing item in the message"), required=True),
        "label_en": Field(Str(doc="the label in English")),
        "regex": Field(patterns("candidates; the named group `value` (or the whole match) is the value"), required=True),
        "digits": Field(ListOf(Integer(minimum=0), length=2,
                               doc="[min, max] digits the value must hold once separators are removed")),
    }), doc="what to look for, in order"), required=True),
    "require": Field(Choice(("all", "any"), doc="all: every item must be found (the finding names the missing "
                                                "ones); any: one of them is enough (the finding: none was found)")),
})


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


def contacts(ctx: Context, scope: str, items: list[dict],
             keys: tuple[str, ...] | None = None) -> dict[str, tuple[int, int, str]]:
    """Each item found in the scope: name -> (source start, source end, value).  `keys`: the items' `_item_key`s,
    where the caller keeps them."""
    text = ctx.scope_text(scope)
    out = {}
    for item, key in zip(items, keys or [_item_key(scope, item) for item in items]):
        # the rules share items (an address, a phone): each is looked for once per report
        found = ctx.cached(key, lambda: _find(text.text, item))
        if found:
            start, end = text.source_span(found[0], found[1])
            out[item["name"]] = (start, end, found[2])
    return out


def _item_key(scope: str, item: dict) -> str:
    """What names the search for an item in a scope: the same for the same item of every rule."""
    return f"contact:{scope}:{item['name']}:{item['regex']}:{item.get('digits')}"


def check(rule: Rule, ctx: Context) -> Iterator[Hit]:
    items = rule.params["items"]
    keys = per_rule("contact-keys", rule, lambda: tuple(_item_key(rule.scope, item) for item in items))
    found = contacts(ctx, rule.scope, items, keys)
    missing = [item for item in items if item["name"] not in found]
    if not missing or (rule.params.get("require") == "any" and len(missing) < len(items)):
        return
    start, end, section = ctx.scope_anchor("preamble" if rule.scope in ("body", "document") else rule.scope)
    yield Hit(start, end, {
        "missing": "、".join(i["label"] for i in missing),
        "missing_en": ", ".join(i.get("label_en") or i["label"] for i in missing),
        "names": [i["name"] for i in missing],
    }, section=section)
