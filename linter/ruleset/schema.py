"""What a rule file may say, declared once: the keys of a rule, its `when:` conditions and its examples —
together with the parameters each check kind declares (`checks/*`: `PARAMS` or `ASPECTS`).

`rule_problems()` validates one rule entry against the declarations; `json_schema()` renders the same
declarations as JSON Schema (draft 2020-12) for editors and for `report-lint rules --schema`.
"""
from __future__ import annotations

import re
from typing import Any, Mapping

from linter.ruleset.params import (
    AnyOf, Checked, Choice, Date, Field, Fields, Flag, Integer, ListOf, MapOf, Number, Pattern, Problem, Str, texts,
)
from linter.ruleset.rule import CATEGORIES, ID_RE, SCOPES_FIXED, SEVERITIES

SCOPE_RE = re.compile(r"^(section:[一二三四五六](/[一二三四五六七八九十]+)?)$")
CELL_RE = re.compile(r"^(t2|t3|t4)\.([A-Za-z_][A-Za-z0-9_]*)\.([A-Za-z_][A-Za-z0-9_]*)$")
MMDD_RE = re.compile(r"^(0?[1-9]|1[0-2])-(0?[1-9]|[12]\d|3[01])$")  # a deadline: month-day
AGENCY_KINDS = ("government", "department", "institution", "other")
AGENCY_LEVELS = ("province", "city", "county", "township")
_OPERATORS = ("gt", "ge", "lt", "le", "eq", "ne")


def _id_problem(value: str) -> str | None:
    return None if re.match(ID_RE, value) else f"rule id {value!r} must look like ABC-DEF (upper case, dash separated)"


def _scope_problem(value: str) -> str | None:
    if value in SCOPES_FIXED or SCOPE_RE.match(value):
        return None
    return (f"unknown scope {value!r}; one of {', '.join(SCOPES_FIXED)} or section:一 … section:六 "
            "(section:一/五 for a sub-item)")


def _cell_problem(value: str) -> str | None:
    return None if CELL_RE.match(value) else "when.table_cell needs `cell: t3.ROW.COL` (table t2, t3 or t4)"


def _one_operator(condition: dict) -> list[str]:
    if not any(op in condition for op in (*_OPERATORS, "blank")):
        return [f"when.table_cell: operators are {', '.join(_OPERATORS)} or blank"]
    return []


_CELL_CONDITION = Fields({
    "cell": Field(Checked(Str(), _cell_problem, doc="a statistics-table cell, e.g. t3.R22.T",
                          json={"pattern": CELL_RE.pattern}), required=True),
    **{op: Field(Number()) for op in _OPERATORS},
    "blank": Field(Flag()),
}, check=_one_operator)


def _one_or_many(spec) -> AnyOf:
    return AnyOf((spec, ListOf(spec)))


_YEAR = Integer(minimum=1990, maximum=2100)
WHEN = Fields({
    "agency_kind": Field(_one_or_many(Choice(AGENCY_KINDS))),
    "agency_level": Field(_one_or_many(Choice(AGENCY_LEVELS))),
    "agency_name": Field(Pattern(doc="a pattern the agency's name must match")),
    "year_min": Field(_YEAR), "year_max": Field(_YEAR),
    "since": Field(Integer(minimum=1990, maximum=2100,
                           doc="the rule belongs to the regime of that year: skipped only for reports known to be older")),
    "table_cell": Field(_one_or_many(_CELL_CONDITION)),
}, doc="conditions that must all hold for the rule to run")


def _example_source(example: dict) -> list[str]:
    if ("text" in example) == ("base" in example):
        return ["an example gives either `text` (a whole small report) or `base` (a shipped base report and changes)"]
    if "text" in example and any(k in example for k in _CHANGES):
        return ["changes (replace, cells, tables) apply to a `base`, not to a `text`"]
    return []


_CHANGES = {
    "sections": Field(MapOf(Str(empty=True), key=Choice(tuple("一二三四五六")),
                            doc="a section's running text replaced (its heading and tables stay): {一: 本年度……}")),
    "replace": Field(MapOf(Str(empty=True), doc="old → new; each old text occurs exactly once in the base")),
    "replace_all": Field(MapOf(Str(empty=True), doc="old → new, every occurrence")),
    "cells": Field(MapOf(AnyOf((Str(empty=True), Number())), key=Checked(Str(), _cell_problem),
                         doc="statistics-table cells to rewrite: {t3.R1.T: 12}")),
    "tables": Field(MapOf(Str(empty=True), key=Choice(("t2", "t3", "t4")),
                          doc="a statistics table replaced by this text (an image line, a table of another shape)")),
}
_SOURCE = {
    "text": Field(Str(doc="a whole small report")),
    "base": Field(Str(doc="the name of a base report shipped with the rule set (bases/NAME.md)")),
    **_CHANGES,
    "format": Field(Choice(("txt", "md", "html"), doc="how the text is read (default: md for a base, else txt)")),
    "encoding": Field(Choice(("utf-8", "gb18030", "gbk", "big5"),
                             doc="the encoding the text's bytes are written in (default utf-8), for the input rules")),
    "config": Field(Fields({
        "agency_kind": Field(Choice(AGENCY_KINDS)), "agency_level": Field(Choice(AGENCY_LEVELS)),
        "report_year": Field(_YEAR), "published": Field(Date()),
        "deadlines": Field(MapOf(Str(), doc="agency key → MM-DD")),
    }, doc="configuration the example is linted with")),
}
_PREVIOUS = AnyOf((Str(), Fields(dict(_SOURCE), check=_example_source)),
                  doc="last year's report, for cross-year rules")
EXAMPLE = AnyOf((
    Str(doc="a whole small report, linted as plain text"),
    Fields({
        **_SOURCE,
        "previous": Field(_PREVIOUS),
        "line": Field(Integer(minimum=1, doc="the line of the (first) finding the rule must give")),
        "fixed": Field(Str(empty=True, doc="that line after the rule's safe fixes")),
    }, check=_example_source),
))
EXAMPLES = Fields({
    "bad": Field(ListOf(EXAMPLE, doc="reports the rule must fire on"), required=True),
    "good": Field(ListOf(EXAMPLE, min_items=0, doc="reports the rule must stay silent on"), required=True),
})

RULE = Fields({
    "id": Field(Checked(Str(), _id_problem, doc="stable id: upper case, dash separated", json={"pattern": ID_RE}),
                required=True),
    "title": Field(Str(doc="one line: what is wrong")),
    "title_en": Field(Str()),
    "category": Field(Choice(CATEGORIES), required=True),
    "severity": Field(Choice(SEVERITIES), required=True),
    "scope": Field(Checked(Str(), _scope_problem, doc="the part of the report the rule looks at", json={
        "pattern": "^(" + "|".join(SCOPES_FIXED) + r"|section:[一二三四五六](/[一二三四五六七八九十]+)?)$"}), required=True),
    "check": Field(Str(doc="the check kind, or kind.aspect"), required=True),
    "params": Field(Fields(doc="the check kind's parameters")),  # checked against the kind's declaration
    "when": Field(WHEN),
    "message": Field(Str(doc="the finding's message; {name} takes a value of the finding"), required=True),
    "message_en": Field(Str()),
    "description": Field(Str(doc="what the rule checks and why (规则说明)")),
    "description_en": Field(Str()),
    "basis": Field(Str(doc="the public document the rule rests on (依据): law, notice, standard"), required=True),
    "fix": Field(Choice(("none", "safe"), doc="whether the rule's replacement is a safe fix")),
    "tags": Field(texts()),
    "examples": Field(EXAMPLES, required=True),
})


def split_check(check: str) -> tuple[str, str | None]:
    kind, _, aspect = check.partition(".")
    return kind, aspect or None


def rule_problems(entry: Any, kinds: Mapping[str, Any]) -> list[Problem]:
    """Everything wrong with one rule entry; the kind's parameters are checked once the rest is sound."""
    if not isinstance(entry, dict):
        return [Problem((), "each rule must be a mapping")]
    rest = {k: v for k, v in entry.items() if k != "params"}
    found = RULE.problems(rest, ())
    if found:
        return found
    kind_name, aspect = split_check(entry["check"])
    kind = kinds.get(kind_name)
    if kind is None:
        return [Problem(("check",), f"unknown check kind {entry['check']!r}; known kinds: {', '.join(sorted(kinds))}")]
    spec = kind.params(aspect)
    if spec is None:
        if aspect is None:
            names = ", ".join(f"{kind_name}.{a}" for a in kind.aspects)
            return [Problem(("check",), f"check kind {kind_name!r} needs an aspect: one of {names}")]
        return [Problem(("check",), f"unknown aspect {aspect!r} of check kind {kind_name}; "
                                    f"aspects: {', '.join(kind.aspects) or 'none'}")]
    return spec.problems(entry.get("params") or {}, ("params",))


def json_schema(kinds: Mapping[str, Any]) -> dict:
    """JSON Schema of a rule file, with each check kind's parameters chosen by `check`."""
    rule = RULE.schema()
    checks = []
    branches = []
    for name in sorted(kinds):
        kind = kinds[name]
        variants = [(f"{name}.{a}", kind.params(a)) for a in kind.aspects] or [(name, kind.params())]
        for check, spec in variants:
            checks.append(check)
            branches.append({"if": {"properties": {"check": {"const": check}}, "required": ["check"]},
                             "then": {"properties": {"params": spec.schema()}}})
    rule["properties"]["check"] = {"enum": checks, "description": "the check kind, or kind.aspect"}
    rule["properties"]["params"] = {"type": "object"}
    rule["allOf"] = branches
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://report-lint/rule-file.schema.json",
        "title": "report-lint rule file",
        "description": "A rule file: `rules:`, a list of rules; other top-level keys may hold YAML anchors that rules share.",
        "type": "object",
        "required": ["rules"],
        "properties": {"rules": {"type": "array", "items": rule}},
    }
