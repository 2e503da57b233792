"""Suppression checks: a suppression that silences nothing, or names a rule that does not exist.

These rules judge the other findings, so they cannot look at the report alone: the engine's
suppression pass (`linter/suppressions.py`, run at the end of `run_rules`) produces their hits.
`check()` therefore yields nothing; the rule's YAML still carries its messages, severity and examples.
"""
from __future__ import annotations

from typing import Iterator

from linter.checks.hits import Hit

KIND = "suppression"
ASPECTS = ("unused", "unknown_rule")


def validate(params: dict) -> list[str]:
    if params.get("aspect") not in ASPECTS:
        return [f"params.aspect must be one of {', '.join(ASPECTS)}"]
    return []


def check(rule, ctx) -> Iterator[Hit]:
    return iter(())
