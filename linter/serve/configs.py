"""The configuration each upload is checked with: the built-in one (as `check --isolated`: an upload has no
folder whose configuration files could apply), or the server's `--config` file, with the server's `--rules`
and `--max-bytes`, and the page's choices — the agency kind, the rule set and the language of the messages.

Resolved and validated once per choice, so a bad configuration stops the server when it starts (exit code 2)
rather than failing every upload."""
from __future__ import annotations

import threading
from dataclasses import dataclass, replace
from pathlib import Path

from linter.serve.options import ServeOptions

AGENCY_KINDS = ("government", "department", "other")   # as `check --agency-kind`
LANGS = ("zh", "en")


@dataclass(frozen=True)
class Choices:
    """What the form chose; empty means: as the report (or the configuration) says."""

    agency_kind: str = ""
    ruleset: str = ""
    lang: str = "zh"

    @classmethod
    def from_form(cls, fields: dict[str, str], default_lang: str) -> "Choices":
        kind = fields.get("agency_kind", "")
        lang = fields.get("lang", "") or default_lang
        return cls(agency_kind=kind if kind in AGENCY_KINDS else "", ruleset=fields.get("ruleset", ""),
                   lang=lang if lang in LANGS else default_lang)


@dataclass(frozen=True)
class RuleSet:
    name: str
    title: str
    title_en: str


def builtin_rulesets() -> list[RuleSet]:
    """The rule sets shipped with the tool (a directory of `rules/` with a `ruleset.yaml`)."""
    import yaml

    from linter.resources import rules_dir

    found = []
    for folder in sorted(p for p in rules_dir().iterdir() if (p / "ruleset.yaml").is_file()):
        meta = yaml.safe_load((folder / "ruleset.yaml").read_text(encoding="utf-8")) or {}
        found.append(RuleSet(folder.name, str(meta.get("title", folder.name)), str(meta.get("title_en", folder.name))))
    return found


class UploadConfigs:
    """(Config, rules by id) per choice; `ConfigError`/`RuleError` when the server's configuration is bad."""

    def __init__(self, options: ServeOptions) -> None:
        self.options = options
        self.rulesets = builtin_rulesets()
        self._lock = threading.Lock()
        self._made: dict[Choices, tuple] = {}

    def validate(self) -> None:
        """Resolve the default choice now: a bad configuration or rule file is an error at start."""
        self.for_choices(Choices(lang=self.options.lang))

    def for_choices(self, choices: Choices) -> tuple:
        """(Config, {rule id: Rule}) for an upload with these choices (an unknown rule set is the default)."""
        with self._lock:
            if choices not in self._made:
                self._made[choices] = self._resolve(choices)
            return self._made[choices]

    def _resolve(self, choices: Choices) -> tuple:
        from linter.engine.inputs import input_rules
        from linter.engine.resolver import ConfigResolver
        from linter.engine.run import load_rules
        from linter.settings.files import CliOptions

        cli = CliOptions(rule_dirs=list(self.options.rules_dirs), agency_kind=choices.agency_kind or None,
                         max_bytes=self.options.max_bytes)
        explicit = self.options.config_file
        resolver = ConfigResolver(cli, explicit, isolated=explicit is None, lang=choices.lang)
        cfg, _ = resolver.for_path(Path(explicit or "."))
        if choices.ruleset in {r.name for r in self.rulesets} and cfg.rulesets != [choices.ruleset]:
            cfg = replace(cfg, rulesets=[choices.ruleset])
        rules = load_rules(cfg)
        return cfg, {**input_rules(), **{r.id: r for r in rules}}
