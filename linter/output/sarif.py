"""SARIF 2.1.0, as GitHub code scanning accepts it.

`tool.driver.rules` describes every rule that ran (short and full descriptions, help text rendered by
`ruledocs`, default level); results carry a stable `ruleId`, a region in code points, a relative URI
under `%SRCROOT%` (never an absolute machine path), and `partialFingerprints` from `baseline.py`, which
do not depend on line numbers, so an alert survives edits above it.
"""
from __future__ import annotations

import json
from urllib.parse import quote

from linter import __version__
from linter.engine.baseline import fingerprints
from linter.engine.findings import FileResult
from linter.output.options import OutputOptions
from linter.output.paths import shown_path

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}
FINGERPRINT_KEY = "reportLint/v1"


def _descriptor(rule, lang: str) -> dict:
    from linter.ruleset.docs import explain_rule, rule_markdown

    title = rule.text(lang, "title") or rule.text(lang, "message").split("：")[0]
    full = (rule.text(lang, "description") or title).strip()
    help_text = explain_rule(rule, lang)
    return {
        "id": rule.id,
        "name": "".join(part.capitalize() for part in rule.id.split("-")),
        "shortDescription": {"text": title},
        "fullDescription": {"text": full},
        "help": {"text": help_text, "markdown": rule_markdown(rule, lang)},
        "defaultConfiguration": {"level": LEVELS[rule.severity]},
        "properties": {"category": rule.category,
                       "tags": list(dict.fromkeys([rule.category, rule.ruleset or "report-lint", *rule.tags]))},
    }


def _input_descriptor(lang: str) -> dict:
    text = "无法读取文件" if lang != "en" else "The file cannot be read"
    return {"id": "INPUT-UNREADABLE", "name": "InputUnreadable", "shortDescription": {"text": text},
            "fullDescription": {"text": text}, "help": {"text": text},
            "defaultConfiguration": {"level": "error"}, "properties": {"category": "input", "tags": ["input"]}}


def _related_locations(uri: str, related: list[dict]) -> list[dict]:
    """The finding's other places (the parts of a total, the cells of an identity), in the same file."""
    out = []
    for i, place in enumerate(related):
        region = {"startLine": max(1, place["line"]), "startColumn": max(1, place["column"]),
                  "endLine": max(1, place["end_line"]), "endColumn": max(1, place["end_column"])}
        location = {"id": i, "physicalLocation": {"artifactLocation": {"uri": uri, "uriBaseId": "%SRCROOT%"},
                                                  "region": region}}
        if place.get("message"):
            location["message"] = {"text": place["message"]}
        out.append(location)
    return out


def document(results: list[FileResult], rules: dict, options: OutputOptions) -> dict:
    used = sorted({f.rule for r in results for f in r.findings} | set(rules))
    descriptors = []
    index: dict[str, int] = {}
    for rid in used:
        if rid in rules:
            descriptors.append(_descriptor(rules[rid], options.lang))
        elif rid == "INPUT-UNREADABLE":
            descriptors.append(_input_descriptor(options.lang))
        else:
            continue
        index[rid] = len(descriptors) - 1
    out_results = []
    for r in results:
        uri = quote(shown_path(r.path, options.base_dir, force_relative=True), safe="/")
        for f, fp in zip(r.findings, fingerprints(r)):
            region = {"startLine": max(1, f.line), "startColumn": max(1, f.column),
                      "endLine": max(1, f.end_line or f.line), "endColumn": max(1, f.end_column or f.column)}
            if region["endLine"] == region["startLine"] and region["endColumn"] < region["startColumn"]:
                region["endColumn"] = region["startColumn"]
            result = {
                "ruleId": f.rule,
                "level": LEVELS[f.severity],
                "message": {"text": f.message},
                "locations": [{"physicalLocation": {
                    "artifactLocation": {"uri": uri, "uriBaseId": "%SRCROOT%"},
                    "region": region,
                }}],
                "partialFingerprints": {FINGERPRINT_KEY: fp},
                "properties": {"category": f.category, **({"section": f.section} if f.section else {})},
            }
            if f.related:
                result["relatedLocations"] = _related_locations(uri, f.related)
            if f.rule in index:
                result["ruleIndex"] = index[f.rule]
            out_results.append(result)
    run = {
        "tool": {"driver": {"name": "report-lint", "version": __version__, "semanticVersion": __version__,
                            "rules": descriptors}},
        "columnKind": "unicodeCodePoints",
        "results": out_results,
    }
    return {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}


def render(results: list[FileResult], rules, options: OutputOptions) -> str:
    return json.dumps(document(results, rules, options), ensure_ascii=False, indent=2) + "\n"
