"""Rule files: YAML data under `rules/<ruleset>/*.yaml`, validated on load.

A rule file holds `rules:` (a list); a rule set directory may hold `ruleset.yaml` with its name and
description.  Files are read with the safe loader only; every problem is reported as
`path:line: what is wrong` through `RuleError`, which the CLI turns into exit code 2.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .findings import CATEGORIES, SEVERITIES

REQUIRED_KEYS = ("id", "category", "severity", "scope", "check", "message", "basis", "examples")
OPTIONAL_KEYS = (
    "params", "message_en", "description", "description_en", "fix", "when", "title", "title_en", "tags",
)
SCOPES_FIXED = ("document", "title", "preamble", "closing", "body", "tables")
WHEN_KEYS = ("agency_kind", "agency_level", "agency_name", "year_min", "year_max", "since", "table_cell")
ID_RE = r"^[A-Z][A-Z0-9]*(-[A-Z0-9]+)+$"


class RuleError(Exception):
    """A rule file is invalid: the message starts with `path:line:`."""


@dataclass
class Rule:
    id: str
    category: str
    severity: str
    scope: str
    check: str
    message: str
    basis: str
    examples: dict[str, list[Any]]
    params: dict[str, Any] = field(default_factory=dict)
    message_en: str = ""
    description: str = ""
    description_en: str = ""
    title: str = ""
    title_en: str = ""
    fix: str = "none"
    when: dict[str, Any] = field(default_factory=dict)
    path: str = ""
    line: int = 0
    ruleset: str = ""

    def text(self, lang: str, name: str) -> str:
        """A text field in the requested language, falling back to Chinese."""
        if lang == "en":
            value = getattr(self, f"{name}_en", "")
            if value:
                return value
        return getattr(self, name)


class _LineLoader(yaml.SafeLoader):
    """The safe loader, recording the line of every mapping (for error messages)."""


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> dict:
    mapping = _LineDict(loader.construct_mapping(node, deep=True))
    mapping.line = node.start_mark.line + 1
    mapping.key_lines = {k.value: k.start_mark.line + 1 for k, _ in node.value if isinstance(k, yaml.ScalarNode)}
    return mapping


class _LineDict(dict):
    line = 0
    key_lines: dict[str, int] = {}


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def load_yaml(path: Path) -> Any:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise RuleError(f"{path}:1: cannot read rule file: {exc}") from exc
    try:
        return yaml.load(text, Loader=_LineLoader)  # noqa: S506 - _LineLoader is a SafeLoader
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark else 1
        problem = getattr(exc, "problem", None) or str(exc)
        raise RuleError(f"{path}:{line}: YAML syntax error: {problem}") from exc


def load_ruleset(directory: Path, known_kinds: dict[str, Any]) -> list[Rule]:
    """Every rule in `directory` (recursively, sorted by path), validated."""
    if not directory.is_dir():
        raise RuleError(f"{directory}:1: rule directory does not exist")
    rules: list[Rule] = []
    seen: dict[str, str] = {}
    files = sorted(p for p in directory.rglob("*.yaml") if p.name != "ruleset.yaml")
    files += sorted(p for p in directory.rglob("*.yml"))
    for path in files:
        data = load_yaml(path)
        if data is None:
            continue
        if not isinstance(data, dict) or "rules" not in data:
            raise RuleError(f"{path}:{getattr(data, 'line', 1)}: a rule file must be a mapping with a `rules:` list")
        entries = data["rules"]
        if not isinstance(entries, list):
            raise RuleError(f"{path}:{data.key_lines.get('rules', 1)}: `rules` must be a list")
        for entry in entries:
            rule = _validate(entry, path, known_kinds)
            rule.ruleset = directory.name
            if rule.id in seen:
                raise RuleError(f"{path}:{rule.line}: duplicate rule id {rule.id} (first defined in {seen[rule.id]})")
            seen[rule.id] = f"{path}:{rule.line}"
            rules.append(rule)
    return rules


def _validate(entry: Any, path: Path, known_kinds: dict[str, Any]) -> Rule:
    import re

    line = getattr(entry, "line", 1)
    where = f"{path}:{line}"
    if not isinstance(entry, dict):
        raise RuleError(f"{where}: each rule must be a mapping")
    key_line = lambda key: f"{path}:{entry.key_lines.get(key, line)}"  # noqa: E731
    rid = entry.get("id", "?")
    for key in REQUIRED_KEYS:
        if key not in entry:
            raise RuleError(f"{where}: rule {rid}: missing required key `{key}`")
    for key in entry:
        if key not in REQUIRED_KEYS and key not in OPTIONAL_KEYS:
            raise RuleError(f"{key_line(key)}: rule {rid}: unknown key `{key}`")
    if not isinstance(rid, str) or not re.match(ID_RE, rid):
        raise RuleError(f"{key_line('id')}: rule id {rid!r} must look like ABC-DEF (upper case, dash separated)")
    if entry["category"] not in CATEGORIES:
        raise RuleError(f"{key_line('category')}: rule {rid}: unknown category {entry['category']!r}; one of {', '.join(CATEGORIES)}")
    if entry["severity"] not in SEVERITIES:
        raise RuleError(f"{key_line('severity')}: rule {rid}: unknown severity {entry['severity']!r}; one of {', '.join(SEVERITIES)}")
    scope = entry["scope"]
    if not isinstance(scope, str) or not (scope in SCOPES_FIXED or re.match(r"^section:[一二三四五六](/[一二三四五六七八九十]+)?$", scope)):
        raise RuleError(f"{key_line('scope')}: rule {rid}: unknown scope {scope!r}; one of {', '.join(SCOPES_FIXED)} or section:一 … section:六 (section:一/五 for a sub-item)")
    kind = entry["check"]
    if kind not in known_kinds:
        raise RuleError(f"{key_line('check')}: rule {rid}: unknown check kind {kind!r}; known kinds: {', '.join(sorted(known_kinds))}")
    params = entry.get("params") or {}
    if not isinstance(params, dict):
        raise RuleError(f"{key_line('params')}: rule {rid}: `params` must be a mapping")
    problems = known_kinds[kind].validate(params)
    if problems:
        raise RuleError(f"{key_line('params')}: rule {rid}: {problems[0]}")
    when = entry.get("when") or {}
    if not isinstance(when, dict) or any(k not in WHEN_KEYS for k in when):
        bad = [k for k in when if k not in WHEN_KEYS] if isinstance(when, dict) else ["(not a mapping)"]
        raise RuleError(f"{key_line('when')}: rule {rid}: unknown condition {bad[0]!r}; one of {', '.join(WHEN_KEYS)}")
    if isinstance(when.get("agency_name"), str):
        try:
            re.compile(when["agency_name"])
        except re.error as exc:
            raise RuleError(f"{key_line('when')}: rule {rid}: when.agency_name: invalid pattern: {exc}") from exc
    if "table_cell" in when:
        from .tables.conditions import validate_condition

        problems = validate_condition(when["table_cell"])
        if problems:
            raise RuleError(f"{key_line('when')}: rule {rid}: {problems[0]}")
    examples = entry["examples"]
    if not isinstance(examples, dict) or not examples.get("bad") or "good" not in examples:
        raise RuleError(f"{key_line('examples')}: rule {rid}: `examples` needs a non-empty `bad` list and a `good` list")
    for group in ("bad", "good"):
        items = examples.get(group) or []
        if not isinstance(items, list) or not all(isinstance(x, (str, dict)) for x in items):
            raise RuleError(f"{key_line('examples')}: rule {rid}: examples.{group} must be a list of texts")
    for key in ("message", "basis"):
        if not isinstance(entry[key], str) or not entry[key].strip():
            raise RuleError(f"{key_line(key)}: rule {rid}: `{key}` must be a non-empty text")
    return Rule(
        id=rid, category=entry["category"], severity=entry["severity"], scope=scope, check=kind,
        message=entry["message"], basis=entry["basis"], examples={"bad": list(examples["bad"]), "good": list(examples.get("good") or [])},
        params=dict(params), message_en=entry.get("message_en", ""), description=entry.get("description", ""),
        description_en=entry.get("description_en", ""), title=entry.get("title", ""), title_en=entry.get("title_en", ""),
        fix=entry.get("fix", "none"), when=dict(when), path=str(path), line=line,
    )
