"""Check kinds: one module per kind, registered here by name (the `check:` field of a rule).

A kind module exposes `KIND` (its name), `validate(params) -> list[str]` (problems with a rule's
parameters, empty when fine) and `check(rule, ctx) -> Iterable[Hit]`.  Adding a kind is one module plus
one line below.
"""
from __future__ import annotations

import importlib
from types import ModuleType

KINDS: dict[str, str] = {
    "structure": "linter.checks.structure",
    "required": "linter.checks.required",
    "crossyear": "linter.checks.crossyear",
    "prose_sum": "linter.checks.prose_sum",
    "substitution": "linter.checks.substitution",
    "prose_table": "linter.checks.prose_table",
    "date": "linter.checks.date",
    "contact": "linter.checks.contact",
    "pattern": "linter.checks.pattern",
    "suppression": "linter.checks.suppression",
    "identity": "linter.checks.identity",
    "table_presence": "linter.checks.table_presence",
    "table_cells": "linter.checks.table_cells",
}


class _LazyKind:
    """Import a kind's module only when a rule of that kind is validated or run."""

    def __init__(self, module: str) -> None:
        self._name = module
        self._module: ModuleType | None = None

    def _load(self) -> ModuleType:
        if self._module is None:
            self._module = importlib.import_module(self._name)
        return self._module

    def validate(self, params: dict) -> list[str]:
        return self._load().validate(params)

    def check(self, rule, ctx):
        return self._load().check(rule, ctx)


def registry() -> dict[str, _LazyKind]:
    return {name: _LazyKind(module) for name, module in KINDS.items()}
