"""Configuration files: `.report-lint.yaml` or `[tool.report-lint]` in `pyproject.toml`.

The closest file upward from the linted file wins (as in ruff); `extend:` pulls in another file whose
settings the extending file overrides.  Every problem — an unknown key, a bad value, an unknown rule
id — is a `ConfigError` naming the file and line, which the CLI turns into exit code 2.

Layering: defaults, then the configuration file(s), then command-line options (`apply_cli`).
"""
from __future__ import annotations

import datetime as _dt
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from linter.settings.config import Config, known_prefixes
from linter.ruleset.rule import SEVERITIES
from linter.ruleset.schema import AGENCY_KINDS, AGENCY_LEVELS, MMDD_RE

YAML_NAMES = (".report-lint.yaml", ".report-lint.yml")
IGNORE_ENTRY_KEYS = ("rule", "section", "text", "reason", "files")


class ConfigError(Exception):
    """A configuration file is invalid: the message starts with `path:line:`."""


class UnknownRuleId(ConfigError):
    """A rule id given on the command line matches no loaded rule."""

    def __init__(self, rule: str, known=()) -> None:
        super().__init__(f"unknown rule id {rule}{did_you_mean(rule, known)}")
        self.rule = rule
        self.suggestion = did_you_mean(rule, known)


def did_you_mean(rule: str, known) -> str:
    """'; did you mean X?' for the known rule id closest to a mistyped one (nothing when none is close)."""
    import difflib

    by_upper = {k.upper(): k for k in known}
    close = difflib.get_close_matches(rule.upper(), sorted(by_upper), n=1, cutoff=0.6)
    return f"; did you mean {by_upper[close[0]]}?" if close else ""


TAG_PREFIX = "tag:"


def expand_tags(cfg: Config, rules) -> None:
    """`tag:NAME` in select, extend-select or ignore stands for every rule carrying that tag; an unknown tag
    is an unknown rule id."""
    by_tag: dict[str, list[str]] = {}
    for rule in rules:
        for tag in rule.tags:
            by_tag.setdefault(tag, []).append(rule.id)
    for name in ("select", "extend_select", "ignore"):
        ids: list[str] = []
        for entry in getattr(cfg, name):
            if not entry.startswith(TAG_PREFIX):
                ids.append(entry)
            elif entry[len(TAG_PREFIX):] in by_tag:
                ids += by_tag[entry[len(TAG_PREFIX):]]
            else:
                raise UnknownRuleId(entry, [TAG_PREFIX + t for t in by_tag])
        setattr(cfg, name, ids)


@dataclass
class IdRef:
    """A rule id (or prefix) written in a configuration file, kept to check it once rules are loaded."""

    rule: str
    path: str
    line: int


_WORD_RE = re.compile(r"[^\s,\[\]{}'\"=:#]+")


@dataclass
class _Source:
    """One configuration file: its settings and a way to find the line of a key or a value."""

    path: Path
    data: dict[str, Any]
    text: str
    key_lines: dict[str, int] = field(default_factory=dict)
    base_line: int = 1

    def line(self, key: str, value: str | None = None) -> int:
        """The line of `key`, or of `value` — the first line at or after the key's where it stands."""
        start = self.key_lines.get(key, self.base_line)
        if value is None:
            return start
        for number in self._value_lines().get(value, ()):
            if number >= start:
                return number
        return start

    def _value_lines(self) -> dict[str, list[int]]:
        """Each word of the file (a rule id, a glob, a key) and the lines it stands on, made once: looking
        up the line of every id a file lists stays linear in the file."""
        if "_words" not in self.__dict__:
            words: dict[str, list[int]] = {}
            for number, line in enumerate(self.text.splitlines()[max(self.base_line - 1, 0):], max(self.base_line, 1)):
                for word in _WORD_RE.findall(line):
                    lines = words.setdefault(word, [])
                    if not lines or lines[-1] != number:
                        lines.append(number)
            self.__dict__["_words"] = words
        return self.__dict__["_words"]

    def where(self, key: str, value: str | None = None) -> str:
        return f"{self.path}:{self.line(key, value)}"


# ── discovery ─────────────────────────────────────────────────────────────────────────

def find_config(start: Path) -> Path | None:
    """The closest configuration file in `start` (a file's directory) or above it."""
    try:
        here = start.resolve()
    except (OSError, RuntimeError):  # a symbolic link loop: the CLI reports it; look from where it stands
        here = Path(os.path.abspath(start))
    if here.is_file() or not here.exists():
        here = here.parent
    for directory in (here, *here.parents):
        for name in YAML_NAMES:
            if (directory / name).is_file():
                return directory / name
        pyproject = directory / "pyproject.toml"
        if pyproject.is_file() and _has_tool_section(pyproject):
            return pyproject
    return None


def _has_tool_section(path: Path) -> bool:
    try:
        return "[tool.report-lint" in path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return False


# ── reading ───────────────────────────────────────────────────────────────────────────

MAX_CONFIG_BYTES = 1 << 20  # a configuration file is a few dozen lines


def _read_source(path: Path) -> _Source:
    """A configuration file's text: a regular file of at most `MAX_CONFIG_BYTES` (a pipe or a device named
    as the configuration must not stall the run)."""
    from linter.document.readers import ReadError
    from linter.document.source import read_input

    try:
        data = read_input(path, MAX_CONFIG_BYTES)
        if len(data) > MAX_CONFIG_BYTES:
            raise ReadError(f"larger than {MAX_CONFIG_BYTES} bytes")
        text = data.decode("utf-8")
    except (ReadError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}:1: cannot read the configuration file: {exc}") from exc
    if path.name == "pyproject.toml":
        return _read_toml(path, text)
    return _read_yaml(path, text)


def _read_yaml(path: Path, text: str) -> _Source:
    import yaml

    from linter.ruleset.loading import line_loader

    try:
        data = yaml.load(text, Loader=line_loader())  # noqa: S506 - a SafeLoader subclass
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise ConfigError(f"{path}:{mark.line + 1 if mark else 1}: YAML syntax error: {getattr(exc, 'problem', exc)}") from exc
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise ConfigError(f"{path}:1: the configuration must be a mapping of settings")
    return _Source(path, data, text, dict(getattr(data, "key_lines", {})))


def _read_toml(path: Path, text: str) -> _Source:
    import tomllib

    try:
        doc = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        m = re.search(r"line (\d+)", str(exc))
        raise ConfigError(f"{path}:{m.group(1) if m else 1}: TOML syntax error: {exc}") from exc
    data = doc.get("tool", {}).get("report-lint", {})
    key_lines: dict[str, int] = {}
    base = 1
    table = None
    for i, line in enumerate(text.splitlines(), 1):
        header = re.match(r"^\s*\[\[?\s*([^\]]+?)\s*\]\]?", line)
        if header:
            table = header.group(1).replace('"', "")
            if table == "tool.report-lint" and base == 1:
                base = i
            if table.startswith("tool.report-lint."):
                key_lines.setdefault(table[len("tool.report-lint."):].split(".")[0], i)
            continue
        if table == "tool.report-lint":
            key = re.match(r"^\s*\"?([A-Za-z0-9_-]+)\"?\s*=", line)
            if key:
                key_lines.setdefault(key.group(1), i)
    return _Source(path, data, text, key_lines, base)


# ── validation and layering ───────────────────────────────────────────────────────────

def _ids(src: _Source, key: str, value: Any, refs: list[IdRef]) -> list[str]:
    if isinstance(value, str):
        value = [v.strip() for v in value.split(",") if v.strip()]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{src.where(key)}: `{key}` must be a list of rule ids or id prefixes")
    for rid in value:
        refs.append(IdRef(rid, str(src.path), src.line(key, rid)))
    return list(value)


def _choice(src: _Source, key: str, value: Any, allowed: tuple[str, ...]) -> str:
    if value not in allowed:
        raise ConfigError(f"{src.where(key)}: `{key}` must be one of {', '.join(allowed)}, not {value!r}")
    return value


def _apply_source(src: _Source, cfg: Config, refs: list[IdRef]) -> None:
    """Apply one file's settings on top of `cfg` (its base, when it extends one), key by key."""
    for key, value in src.data.items():
        setter = _SETTERS.get(key)
        if setter is None:
            raise ConfigError(f"{src.where(key)}: unknown key `{key}`; known keys: {', '.join(KEYS)}")
        setter(src, cfg, key, value, refs)


def _set_rulesets(src: _Source, cfg: Config, key: str, value: Any, refs: list[IdRef]) -> None:
    from linter.resources import rules_dir

    cfg.rulesets = _strings(src, key, value)
    for name in cfg.rulesets:
        if not (rules_dir() / name).is_dir():
            raise ConfigError(f"{src.where(key, name)}: unknown rule set {name!r}")


def _set_rule_dirs(src: _Source, cfg: Config, key: str, value: Any, refs: list[IdRef]) -> None:
    dirs = [str((src.path.parent / d).resolve()) for d in _strings(src, key, value)]
    for d in dirs:
        if not Path(d).is_dir():
            raise ConfigError(f"{src.where(key)}: rule directory {d} does not exist")
    cfg.rule_dirs = dirs


def _set_ids(src: _Source, cfg: Config, key: str, value: Any, refs: list[IdRef]) -> None:
    setattr(cfg, key.replace("-", "_"), _ids(src, key, value, refs))


def _set_per_file_ignores(src: _Source, cfg: Config, key: str, value: Any, refs: list[IdRef]) -> None:
    if not isinstance(value, dict):
        raise ConfigError(f"{src.where(key)}: `per-file-ignores` maps a glob to a list of rule ids")
    for glob, ids in value.items():
        cfg.per_file_ignores[str(glob)] = _ids(src, key, ids, refs)


def _set_severity(src: _Source, cfg: Config, key: str, value: Any, refs: list[IdRef]) -> None:
    if not isinstance(value, dict):
        raise ConfigError(f"{src.where(key)}: `severity` maps a rule id to error, warning or info")
    for rid, sev in value.items():
        refs.append(IdRef(str(rid), str(src.path), src.line(key, str(rid))))
        if sev not in SEVERITIES:
            raise ConfigError(f"{src.where(key, str(rid))}: severity of {rid} must be one of {', '.join(SEVERITIES)}")
        cfg.severity[str(rid)] = sev


def _choice_setter(attribute: str, allowed: tuple[str, ...]):
    def setter(src: _Source, cfg: Config, key: str, value: Any, refs: list[IdRef]) -> None:
        setattr(cfg, attribute, _choice(src, key, value, allowed))
    return setter


def _set_report_year(src: _Source, cfg: Config, key: str, value: Any, refs: list[IdRef]) -> None:
    if not isinstance(value, int) or isinstance(value, bool) or not 1990 <= value <= 2100:
        raise ConfigError(f"{src.where(key)}: `report-year` must be a year such as 2023")
    cfg.report_year = value


def _set_published(src: _Source, cfg: Config, key: str, value: Any, refs: list[IdRef]) -> None:
    cfg.published = _date(src, key, value)


def _set_max_bytes(src: _Source, cfg: Config, key: str, value: Any, refs: list[IdRef]) -> None:
    if not isinstance(value, int) or isinstance(value, bool) or value < 1:
        raise ConfigError(f"{src.where(key)}: `max-bytes` must be a positive number of bytes")
    cfg.max_bytes = value


def _set_deadlines(src: _Source, cfg: Config, key: str, value: Any, refs: list[IdRef]) -> None:
    if not isinstance(value, dict) or not all(isinstance(v, str) and MMDD_RE.match(v) for v in value.values()):
        raise ConfigError(f"{src.where(key)}: `deadlines` maps an agency key (government.county, department …) "
                          "to a date MM-DD")
    cfg.deadlines.update({str(k): v for k, v in value.items()})


def _set_exclude(src: _Source, cfg: Config, key: str, value: Any, refs: list[IdRef]) -> None:
    setattr(cfg, key.replace("-", "_"), _strings(src, key, value))


def _set_bool(attribute: str):
    def setter(src: _Source, cfg: Config, key: str, value: Any, refs: list[IdRef]) -> None:
        if not isinstance(value, bool):
            raise ConfigError(f"{src.where(key)}: `{key}` must be true or false")
        setattr(cfg, attribute, value)
    return setter


def _set_ignores(src: _Source, cfg: Config, key: str, value: Any, refs: list[IdRef]) -> None:
    cfg.ignores += _ignore_entries(src, value, refs)


def _skip(src: _Source, cfg: Config, key: str, value: Any, refs: list[IdRef]) -> None:
    """`extend` is followed before the settings are applied (see `_chain`)."""


_SETTERS = {
    "extend": _skip,
    "rulesets": _set_rulesets,
    "rule-dirs": _set_rule_dirs,
    "select": _set_ids,
    "extend-select": _set_ids,
    "ignore": _set_ids,
    "per-file-ignores": _set_per_file_ignores,
    "severity": _set_severity,
    "fail-level": _choice_setter("fail_level", SEVERITIES),
    "agency-kind": _choice_setter("agency_kind", AGENCY_KINDS),
    "agency-level": _choice_setter("agency_level", AGENCY_LEVELS),
    "lang": _choice_setter("lang", ("zh", "en")),
    "report-year": _set_report_year,
    "published": _set_published,
    "max-bytes": _set_max_bytes,
    "deadlines": _set_deadlines,
    "ocr": _set_bool("ocr"),
    "ignores": _set_ignores,
    "exclude": _set_exclude,
    "extend-exclude": _set_exclude,
    "respect-gitignore": _set_bool("respect_gitignore"),
}
KEYS = tuple(_SETTERS)


def _strings(src: _Source, key: str, value: Any) -> list[str]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{src.where(key)}: `{key}` must be a list of texts")
    return list(value)


def _date(src: _Source, key: str, value: Any) -> _dt.date:
    if isinstance(value, _dt.datetime):
        return value.date()
    if isinstance(value, _dt.date):
        return value
    try:
        return _dt.date.fromisoformat(str(value))
    except ValueError:
        raise ConfigError(f"{src.where(key)}: `{key}` must be a date YYYY-MM-DD, not {value!r}") from None


def _ignore_entries(src: _Source, value: Any, refs: list[IdRef]) -> list[dict]:
    """`ignores:` entries (for DOCX/PDF, where no comment can be written): rule + section + quoted text."""
    if not isinstance(value, list):
        raise ConfigError(f"{src.where('ignores')}: `ignores` must be a list of entries with rule, section and text")
    out = []
    for entry in value:
        line = getattr(entry, "line", 0) or src.line("ignores")
        where = f"{src.path}:{line}"
        if not isinstance(entry, dict):
            raise ConfigError(f"{where}: each `ignores` entry must be a mapping (rule, section, text, reason, files)")
        for k in entry:
            if k not in IGNORE_ENTRY_KEYS:
                raise ConfigError(f"{src.path}:{getattr(entry, 'key_lines', {}).get(k, line)}: unknown key `{k}` in an `ignores` entry; known keys: {', '.join(IGNORE_ENTRY_KEYS)}")
        if not isinstance(entry.get("rule"), str) or not isinstance(entry.get("text"), str) or not entry["text"].strip():
            raise ConfigError(f"{where}: an `ignores` entry needs `rule` (a rule id) and `text` (a quoted fragment of the text)")
        rule_line = getattr(entry, "key_lines", {}).get("rule") or src.line("ignores", entry["rule"])
        refs.append(IdRef(entry["rule"], str(src.path), rule_line))
        item = {k: (str(v) if k != "rule" else v) for k, v in entry.items()}
        item["origin"] = f"{src.path}:{line}"
        item["root"] = str(src.path.parent)
        out.append(item)
    return out


def _chain(path: Path) -> list[_Source]:
    """The file and the files it extends, base first."""
    chain: list[_Source] = []
    seen: set[Path] = set()
    current: Path | None = path.resolve()
    while current is not None:
        if current in seen:
            raise ConfigError(f"{current}:1: `extend` makes a cycle")
        seen.add(current)
        src = _read_source(current)
        chain.insert(0, src)
        ext = src.data.get("extend")
        if ext is None:
            current = None
        elif not isinstance(ext, str):
            raise ConfigError(f"{src.where('extend')}: `extend` must be the path of another configuration file")
        else:
            target = (current.parent / ext).resolve()
            if not target.is_file():
                raise ConfigError(f"{src.where('extend')}: the extended file {ext} does not exist")
            current = target
    return chain


def load_config(path: Path | None, lang: str | None = None) -> Config:
    """The configuration from `path` (and what it extends), or the defaults when `path` is None."""
    cfg = Config()
    refs: list[IdRef] = []
    if path is not None:
        chain = _chain(path)
        for src in chain:
            _apply_source(src, cfg, refs)
        cfg.root = str(path.resolve().parent)
        cfg.sources = [str(s.path) for s in reversed(chain)]
    if lang:
        cfg.lang = lang
    cfg.id_refs = refs  # type: ignore[attr-defined]
    return cfg


def config_for(start: Path, explicit: str | None = None, isolated: bool = False, lang: str | None = None) -> Config:
    """The configuration that applies to a file (or directory) at `start`."""
    if isolated:
        return load_config(None, lang)
    path = Path(explicit) if explicit else find_config(start)
    if explicit and not Path(explicit).is_file():
        raise ConfigError(f"{explicit}:1: configuration file does not exist")
    return load_config(path, lang)


def check_rule_ids(cfg: Config, known: set[str]) -> None:
    """Every rule id the configuration names must match a loaded rule (an id or an id prefix)."""
    prefixes = known_prefixes(known)
    for ref in getattr(cfg, "id_refs", []):
        if ref.rule not in prefixes and not ref.rule.startswith(TAG_PREFIX):
            raise ConfigError(f"{ref.path}:{ref.line}: unknown rule id {ref.rule}{did_you_mean(ref.rule, known)}")


def describe(cfg: Config) -> dict[str, Any]:
    """The effective configuration, as the keys a configuration file uses (for `report-lint config`)."""
    return {
        "sources": list(cfg.sources),
        "rulesets": list(cfg.rulesets),
        "rule-dirs": list(cfg.rule_dirs),
        "select": list(cfg.select),
        "extend-select": list(cfg.extend_select),
        "ignore": list(cfg.ignore),
        "per-file-ignores": {k: list(v) for k, v in cfg.per_file_ignores.items()},
        "severity": dict(cfg.severity),
        "fail-level": cfg.fail_level,
        "agency-kind": cfg.agency_kind,
        "agency-level": cfg.agency_level,
        "report-year": cfg.report_year,
        "published": cfg.published.isoformat() if cfg.published else None,
        "lang": cfg.lang,
        "max-bytes": cfg.max_bytes,
        "deadlines": dict(cfg.deadlines),
        "ocr": cfg.ocr,
        "exclude": list(cfg.exclude),
        "extend-exclude": list(cfg.extend_exclude),
        "respect-gitignore": cfg.respect_gitignore,
        "ignores": [{k: v for k, v in e.items() if k not in ("root",)} for e in cfg.ignores],
    }


@dataclass
class CliOptions:
    """What the command line says; set values override the configuration files."""

    select: list[str] = field(default_factory=list)
    extend_select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    rule_dirs: list[str] = field(default_factory=list)
    fail_level: str | None = None
    published: _dt.date | None = None
    agency_kind: str | None = None
    report_year: int | None = None
    max_bytes: int | None = None       # --max-bytes
    ocr: bool | None = None            # --ocr / --no-ocr
    exclude: list[str] | None = None   # --exclude: replaces `exclude`
    extend_exclude: list[str] = field(default_factory=list)  # --extend-exclude
    respect_gitignore: bool | None = None  # --respect-gitignore / --no-respect-gitignore


def apply_cli(cfg: Config, cli: CliOptions) -> Config:
    """Command-line options over the files: --select replaces, --extend-select/--ignore/--rules add (as in ruff)."""
    if cli.select:
        cfg.select = list(cli.select)
    cfg.extend_select = cfg.extend_select + list(cli.extend_select)
    cfg.ignore = cfg.ignore + list(cli.ignore)
    cfg.rule_dirs = cfg.rule_dirs + [str(d) for d in cli.rule_dirs]
    cfg.extend_exclude = cfg.extend_exclude + list(cli.extend_exclude)
    for name in ("fail_level", "published", "agency_kind", "report_year", "max_bytes", "ocr", "exclude",
                 "respect_gitignore"):
        value = getattr(cli, name)
        if value is not None:
            setattr(cfg, name, value)
    return cfg
