"""The engine's own rules about the input (`rules/input.yaml`): the file cannot be read, a page declares a
charset its bytes are not in, an invisible character stands inside a number.  They are rules like the others
for selecting, ignoring, severities, suppressions, examples and outputs, but they belong to no rule set: the
engine applies them to every file, so no rule file can turn the reading of a file on or off.  Their hits are
found by the `input` check kind (`linter/checks/input.py`), which the engine runs for every file
(`engine.run._input_findings`).
"""
from __future__ import annotations

from functools import lru_cache

from linter.ruleset.rule import Rule

UNREADABLE = "INPUT-UNREADABLE"
RULESET = "report-lint"  # what findings of these rules name as their rule set


@lru_cache(maxsize=1)
def input_rules() -> dict[str, Rule]:
    """The input rules by id, validated (and cached) like the rules of a shipped rule set."""
    from linter.checks import registry
    from linter.resources import rules_dir
    from linter.ruleset.loading import load_rule_file

    rules = load_rule_file(rules_dir() / "input.yaml", registry())
    for rule in rules:
        rule.ruleset = RULESET
    return {rule.id: rule for rule in rules}
