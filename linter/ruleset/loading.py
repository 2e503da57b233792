"""Rule files: YAML data under `rules/<ruleset>/*.yaml`, validated on load.

A rule file holds `rules:` (a list); a rule set directory may hold `ruleset.yaml` with its name and
description.  Files are read with the safe loader only; every problem is reported as
`path:line: what is wrong` through `RuleError`, which the CLI turns into exit code 2.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any, Callable

from linter.ruleset.rule import (
    CATEGORIES, ID_RE, OPTIONAL_KEYS, REQUIRED_KEYS, SCOPES_FIXED, SEVERITIES, WHEN_KEYS, Rule, RuleError,
)

MAX_RULE_FILE_BYTES = 5 * 1024 * 1024
MAX_ALIASES = 1000  # anchors/aliases are fine for sharing a word list; thousands are an alias bomb


class _LineDict(dict):
    line = 0
    key_lines: dict[str, int] = {}


_LOADER: Any = None


def line_loader() -> Any:
    """The safe loader, recording the line of every mapping (for error messages).  Built on first use:
    a start-up that finds its rules in the cache never imports yaml."""
    global _LOADER
    if _LOADER is None:
        import yaml

        class _LineLoader(yaml.SafeLoader):
            """No Python tags (a rule file cannot import or run anything); alias bombs refused."""

            def compose_node(self, parent, index):  # PyYAML hook
                if self.check_event(yaml.AliasEvent):
                    self._aliases = getattr(self, "_aliases", 0) + 1
                    if self._aliases > MAX_ALIASES:
                        mark = self.peek_event().start_mark
                        raise yaml.composer.ComposerError(None, None, f"more than {MAX_ALIASES} aliases", mark)
                return super().compose_node(parent, index)

        def construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> dict:
            mapping = _LineDict(loader.construct_mapping(node, deep=True))
            mapping.line = node.start_mark.line + 1
            mapping.key_lines = {k.value: k.start_mark.line + 1 for k, _ in node.value if isinstance(k, yaml.ScalarNode)}
            return mapping

        _LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, construct_mapping)
        _LOADER = _LineLoader
    return _LOADER


def __getattr__(name: str) -> Any:
    if name == "_LineLoader":  # the loader under its former module-level name
        return line_loader()
    raise AttributeError(name)


def load_yaml(path: Path) -> Any:
    try:
        if path.stat().st_size > MAX_RULE_FILE_BYTES:
            raise RuleError(f"{path}:1: rule file larger than {MAX_RULE_FILE_BYTES} bytes")
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise RuleError(f"{path}:1: cannot read rule file: {exc}") from exc
    import yaml

    try:
        return yaml.load(text, Loader=line_loader())  # noqa: S506 - a SafeLoader subclass
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark else 1
        problem = getattr(exc, "problem", None) or str(exc)
        raise RuleError(f"{path}:{line}: YAML syntax error: {problem}") from exc


def load_ruleset(directory: Path, known_kinds: dict[str, Any]) -> list[Rule]:
    """Every rule in `directory` (recursively, sorted by path), validated.

    Rule files are untrusted (their patterns run on linear-time RE2, see linter/safe_regex.py) unless
    they are the rule sets shipped with the tool."""
    from linter.resources import rules_dir
    from linter.ruleset.patterns import trusted_patterns

    try:
        shipped = directory.resolve().is_relative_to(rules_dir().resolve())
    except OSError:
        shipped = False
    with trusted_patterns(shipped):
        return _load_ruleset(directory, known_kinds)


def _load_ruleset(directory: Path, known_kinds: dict[str, Any]) -> list[Rule]:
    if not directory.is_dir():
        raise RuleError(f"{directory}:1: rule directory does not exist")
    files = sorted(p for p in directory.rglob("*.yaml") if p.name != "ruleset.yaml")
    files += sorted(p for p in directory.rglob("*.yml"))
    return _cached_ruleset(directory, files, list(known_kinds), lambda: _load_files(directory, files, known_kinds))


def _load_files(directory: Path, files: list[Path], known_kinds: dict[str, Any]) -> list[Rule]:
    rules: list[Rule] = []
    seen: dict[str, str] = {}
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
        from linter.ruleset.patterns import pattern_problem

        problem = pattern_problem(when["agency_name"])
        if problem:
            raise RuleError(f"{key_line('when')}: rule {rid}: when.agency_name: pattern refused: {problem}")
    if "table_cell" in when:
        from linter.ruleset.conditions import validate_condition

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


def _cached_ruleset(directory: Path, files: list[Path], kinds: list[str], build: Callable[[], Any]) -> Any:
    """The validated rules of one of the shipped rule sets.  A user's own rule directory (`--rules DIR`) is
    small and validated every time, so the cache never fills with entries for passing directories."""
    from linter.cache import cached, digest
    from linter.resources import rules_dir

    resolved = directory.resolve()
    try:
        if not resolved.is_relative_to(rules_dir().resolve()):
            return build()
    except FileNotFoundError:
        return build()
    where = str(resolved)
    return cached(f"rules-{digest(where)[:12]}", files, build, extra=f"{where}\0{','.join(sorted(kinds))}")
