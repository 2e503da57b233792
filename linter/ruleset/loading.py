"""Rule files: YAML data under `rules/<ruleset>/*.yaml`, validated on load.

A rule file holds `rules:` (a list); a rule set directory may hold `ruleset.yaml` with its name and
description, and `bases/` with the base reports its examples name.  Files are read with YAML's safe
loader only (no tags that construct objects), with a bound on what aliases may expand to; every problem
is reported as `path:line: what is wrong` through `RuleError`, which the CLI turns into exit code 2.
Each rule is checked against the declarations of `ruleset.schema` and of its check kind, and every
pattern in it is compiled by the linear-time compiler — the shipped rule sets exactly like a user's.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any, Callable, Mapping

from linter.ruleset.params import Problem
from linter.ruleset.rule import Rule, RuleError, fold_prose
from linter.ruleset.schema import rule_problems, split_check

MAX_RULE_FILE_BYTES = 5 * 1024 * 1024
# Anchors and aliases share a word list between rules; a file whose aliases would expand to more nodes
# than this is an alias bomb ("billion laughs"), refused before anything is built from it.
MAX_EXPANDED_NODES = 200_000


class _LineDict(dict):
    line = 0
    key_lines: dict[str, int] = {}


class _LineList(list):
    line = 0
    item_lines: list[int] = []


_LOADER: Any = None


def line_loader() -> Any:
    """The safe loader, recording the line of every mapping, key and list item (for error messages).
    Built on first use: a start-up that finds its rules in the cache never imports yaml."""
    global _LOADER
    if _LOADER is None:
        import yaml

        class _LineLoader(yaml.SafeLoader):
            """No Python tags (a rule file cannot import or run anything); alias bombs refused."""

            def compose_document(self):  # PyYAML hook
                node = super().compose_document()
                _refuse_alias_bomb(node)
                return node

        def construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> dict:
            mapping = _LineDict(loader.construct_mapping(node, deep=True))
            mapping.line = node.start_mark.line + 1
            mapping.key_lines = {k.value: k.start_mark.line + 1 for k, _ in node.value if isinstance(k, yaml.ScalarNode)}
            return mapping

        def construct_sequence(loader: _LineLoader, node: yaml.SequenceNode) -> list:
            items = _LineList(loader.construct_sequence(node, deep=True))
            items.line = node.start_mark.line + 1
            items.item_lines = [child.start_mark.line + 1 for child in node.value]
            return items

        _LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, construct_mapping)
        _LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, construct_sequence)
        _LOADER = _LineLoader
    return _LOADER


def _refuse_alias_bomb(root) -> None:
    """Count the nodes the document would have with every alias expanded (each distinct node once, with
    memory), and refuse it when they exceed `MAX_EXPANDED_NODES`."""
    import yaml

    if root is None:
        return
    sizes: dict[int, int] = {}
    stack: list[tuple[Any, bool]] = [(root, False)]
    while stack:
        node, children_done = stack.pop()
        if id(node) in sizes:
            continue
        kids = [c for pair in node.value for c in pair] if isinstance(node, yaml.MappingNode) else (
            list(node.value) if isinstance(node, yaml.SequenceNode) else [])
        if children_done or not kids:
            sizes[id(node)] = 1 + sum(sizes[id(k)] for k in kids)
            if sizes[id(node)] > MAX_EXPANDED_NODES:
                raise yaml.composer.ComposerError(
                    None, None, f"aliases expand to more than {MAX_EXPANDED_NODES} values (an alias bomb)",
                    node.start_mark)
            continue
        stack.append((node, True))
        stack.extend((k, False) for k in kids if id(k) not in sizes)


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


def load_ruleset(directory: Path, known_kinds: Mapping[str, Any]) -> list[Rule]:
    """Every rule in `directory` (recursively, sorted by path), validated."""
    if not directory.is_dir():
        raise RuleError(f"{directory}:1: rule directory does not exist")
    files = sorted(p for p in directory.rglob("*.yaml") if p.name != "ruleset.yaml")
    files += sorted(p for p in directory.rglob("*.yml"))
    return _cached_ruleset(directory, files, list(known_kinds), lambda: _load_files(directory, files, known_kinds))


def load_rule_file(path: Path, known_kinds: Mapping[str, Any]) -> list[Rule]:
    """The rules of one rule file (the engine's input rules), validated; cached when it ships with the linter."""
    if not path.is_file():
        raise RuleError(f"{path}:1: rule file does not exist")
    return _cached_ruleset(path, [path], list(known_kinds), lambda: _load_files(path.parent, [path], known_kinds))


def _load_files(directory: Path, files: list[Path], known_kinds: Mapping[str, Any]) -> list[Rule]:
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
            rule = validated_rule(entry, path, known_kinds)
            rule.ruleset = directory.name
            rule.ruleset_dir = str(directory)
            if rule.id in seen:
                raise RuleError(f"{path}:{rule.line}: duplicate rule id {rule.id} (first defined in {seen[rule.id]})")
            seen[rule.id] = f"{path}:{rule.line}"
            rules.append(rule)
    return rules


def _older_spelling(entry: Any, kinds: Mapping[str, Any]) -> Any:
    """`check: structure` with `params: {aspect: order}` is the older spelling of `check: structure.order`."""
    if not isinstance(entry, dict) or not isinstance(entry.get("check"), str) or "." in entry["check"]:
        return entry
    params = entry.get("params")
    kind = kinds.get(entry["check"])
    if kind is None or not isinstance(params, dict) or "aspect" not in params or not kind.aspects:
        return entry
    out = _LineDict(entry)
    out.line, out.key_lines = getattr(entry, "line", 1), getattr(entry, "key_lines", {})
    rest = _LineDict({k: v for k, v in params.items() if k != "aspect"})
    rest.line, rest.key_lines = getattr(params, "line", 1), getattr(params, "key_lines", {})
    out["check"] = f"{entry['check']}.{params['aspect']}"
    out["params"] = rest
    return out


def validated_rule(entry: Any, path: Path, known_kinds: Mapping[str, Any]) -> Rule:
    """The rule an entry of a rule file describes, or `RuleError` naming the file, line and problem."""
    entry = _older_spelling(entry, known_kinds)
    line = getattr(entry, "line", 1)
    problems = rule_problems(entry, known_kinds)
    if problems:
        rid = entry.get("id", "?") if isinstance(entry, dict) else "?"
        problem = problems[0]
        raise RuleError(f"{path}:{line_of(entry, problem.path)}: rule {rid}: {_describe(problem)}")
    params = entry.get("params") or {}
    return Rule(
        id=entry["id"], category=entry["category"], severity=entry["severity"], scope=entry["scope"],
        check=entry["check"], message=fold_prose(entry["message"]), basis=fold_prose(entry["basis"]),
        examples={"bad": list(entry["examples"]["bad"]), "good": list(entry["examples"].get("good") or [])},
        params=dict(params), message_en=entry.get("message_en", ""),
        description=fold_prose(entry.get("description", "")),
        description_en=entry.get("description_en", ""), title=fold_prose(entry.get("title", "")),
        title_en=entry.get("title_en", ""), fix=entry.get("fix", "none"), when=dict(entry.get("when") or {}),
        tags=list(entry.get("tags") or []), path=str(path), line=line,
    )


def _describe(problem: Problem) -> str:
    where = problem.where()
    return f"{where}: {problem.message}" if where else problem.message


def line_of(node: Any, path: tuple) -> int:
    """The line of the value at `path` inside a loaded rule entry: the line of the deepest key or item."""
    line = getattr(node, "line", 1)
    for part in path:
        if isinstance(node, _LineDict) and part in node:
            line = node.key_lines.get(part, line)
        elif isinstance(node, _LineList) and isinstance(part, int) and part < len(node):
            line = node.item_lines[part]
        else:
            break
        node = node[part]
    return line


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


__all__ = ["RuleError", "Rule", "load_ruleset", "load_rule_file", "load_yaml", "line_loader", "validated_rule", "split_check"]
