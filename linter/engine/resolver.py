"""The configuration and the rules of each linted file: its closest configuration file, then the command
line, with the rule sets it names loaded and every rule id it names checked against them."""
from __future__ import annotations

from pathlib import Path

from linter.settings.config import Config, known_prefixes

from linter.engine.inputs import input_rules
from linter.engine.run import load_rules
from linter.settings.files import (
    TAG_PREFIX, CliOptions, UnknownRuleId, apply_cli, check_rule_ids, config_for, expand_tags, find_config,
)


class ConfigResolver:
    """The configuration of each linted file: its closest configuration file, then the command line.

    Files under the same configuration file share one `Config` and its loaded, validated rules.
    Raises `ConfigError` (or `RuleError` for an invalid rule file); the CLI turns both into exit code 2.
    """

    def __init__(self, cli: CliOptions | None = None, explicit: str | None = None, isolated: bool = False,
                 lang: str | None = None) -> None:
        self.cli = cli or CliOptions()
        self.explicit, self.isolated, self.lang = explicit, isolated, lang
        self._by_source: dict[str | None, tuple] = {}

    def for_path(self, path: Path) -> tuple[Config, list]:
        source = None
        if not self.isolated:
            found = find_config(path)
            source = self.explicit or (str(found) if found else None)
        if source not in self._by_source:
            cfg = apply_cli(config_for(path, self.explicit, self.isolated, self.lang), self.cli)
            rules = load_rules(cfg)
            known = {r.id for r in rules} | set(input_rules())
            check_rule_ids(cfg, known)
            expand_tags(cfg, rules)
            prefixes = known_prefixes(known)
            for rid in self.cli.select + self.cli.extend_select + self.cli.ignore:
                if rid not in prefixes and not rid.startswith(TAG_PREFIX):
                    raise UnknownRuleId(rid, known)
            self._by_source[source] = (cfg, rules)
        return self._by_source[source]

    def rules_by_id(self) -> dict:
        """Every rule of the run by id, the engine's own `input` rules included (for the outputs)."""
        return {**input_rules(), **{r.id: r for _, rules in self._by_source.values() for r in rules}}
