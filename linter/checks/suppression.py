"""Suppression checks: a suppression that silences nothing, or names a rule that does not exist.

These rules judge the other findings, so they cannot look at the report alone: the engine's
suppression pass (`engine/suppressions.py`, run at the end of `engine.run.run_rules`) produces their hits.
`check()` therefore yields nothing; the rule's YAML still carries its messages, severity and examples.
"""
from __future__ import annotations

from typing import Iterator

from linter.ruleset.params import Fields
from linter.checks.hits import Hit

ASPECTS = {
    "unused": Fields(doc="a suppression that silences nothing"),
    "unknown_rule": Fields(doc="a suppression that names no known rule"),
}





def check(rule, ctx) -> Iterator[Hit]:
    return iter(())
