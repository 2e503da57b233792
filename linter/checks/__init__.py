"""Check kinds: one module per kind, registered here by name (the `check:` field of a rule).

A kind module declares its parameters as data — `PARAMS` (a `ruleset.params.Fields`), or, for a kind
whose rules each look at one aspect, `ASPECTS` mapping each aspect to its parameters, named in rule
files as sub-kinds (`check: structure.order`) — and exposes `check(rule, ctx) -> Iterable[Hit]`.
Modules are imported only when a rule of their kind is validated or run.  Adding a kind is one module
plus one line below.
"""
from __future__ import annotations

import importlib
from types import ModuleType

KINDS: dict[str, str] = {
    "structure": "linter.checks.structure",
    "required": "linter.checks.required",
    "statement": "linter.checks.statement",
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
    "near_miss": "linter.checks.near_miss",
    "phrase_slip": "linter.checks.phrase_slip",
    "agency_name": "linter.checks.agency_name",
    "enumeration": "linter.checks.enumeration",
    "doubled": "linter.checks.doubled",
    "orphan_repeat": "linter.checks.orphan_repeat",
    "year_reference": "linter.checks.year_reference",
    "links": "linter.checks.links",
    "scope_level": "linter.checks.scope_level",
    "part_list": "linter.checks.part_list",
    "input": "linter.checks.input",
}


class Kind:
    """One check kind, its module imported on first use."""

    def __init__(self, name: str, module: str) -> None:
        self.name = name
        self._name = module
        self._module: ModuleType | None = None

    def _load(self) -> ModuleType:
        if self._module is None:
            self._module = importlib.import_module(self._name)
        return self._module

    @property
    def aspects(self) -> tuple[str, ...]:
        """The sub-kinds (`structure.order` …), or () for a kind with one set of parameters."""
        return tuple(getattr(self._load(), "ASPECTS", {}))

    def params(self, aspect: str | None = None):
        """The declared parameters of the kind (of one aspect), or None for an unknown aspect."""
        module = self._load()
        if hasattr(module, "ASPECTS"):
            return module.ASPECTS.get(aspect) if aspect else None
        return module.PARAMS if aspect is None else None

    def check(self, rule, ctx):
        return self._load().check(rule, ctx)

    @property
    def check_function(self):
        """The module's own `check`, for a caller that calls it for every rule of every report."""
        return self._load().check


def registry() -> dict[str, Kind]:
    return {name: Kind(name, module) for name, module in KINDS.items()}
