"""Every rule's own examples: each bad example fires its rule, each good example does not."""
from __future__ import annotations

import pytest

from linter.checks import registry
from linter.settings.config import Config
from linter.resources import rules_dir
from linter.ruleset.loading import load_ruleset
from linter.engine.examples import run_example

RULES = [rule for d in sorted(p for p in rules_dir().iterdir() if p.is_dir() and p.name != "dict")
         for rule in load_ruleset(d, registry())]
CASES = [(rule, group, i, ex) for rule in RULES for group in ("bad", "good")
         for i, ex in enumerate(rule.examples.get(group, []), 1)]


def test_every_rule_has_bad_and_good_examples():
    assert RULES
    for rule in RULES:
        assert rule.examples["bad"], rule.id
        assert rule.examples["good"], rule.id
        assert rule.basis and rule.description, rule.id


@pytest.mark.parametrize("rule,group,index,example", CASES, ids=[f"{r.id}-{g}{i}" for r, g, i, _ in CASES])
def test_rule_example(rule, group, index, example):
    fired = run_example(rule, example, Config(builtin=False))
    if group == "bad":
        assert fired, f"{rule.id}: bad example {index} did not fire"
    else:
        assert not fired, f"{rule.id}: good example {index} fired: {fired[0].message}"
