"""Neutral rewrites of every real report add no error-level finding."""
from __future__ import annotations

import importlib
from pathlib import Path

import pytest

from variant_tools import NEUTRAL, REPORTS, error_rules, lint_text, read

# every module of transformations beside this one (tests/variants/*_variants.py) registers its own
for module in sorted(Path(__file__).parent.glob("*_variants.py")):
    importlib.import_module(module.stem)

# every (transformation, report) pair the transformation applies to
CASES = [(t, p, v) for t in NEUTRAL for p in REPORTS if (v := t.apply(read(p), p)) is not None]


def test_every_transformation_applies_to_some_report():
    assert {t.name for t, _, _ in CASES} == {t.name for t in NEUTRAL}


@pytest.mark.parametrize("transform,path,variant", CASES, ids=[f"{t.name}-{p.name}" for t, p, _ in CASES])
def test_a_neutral_variant_adds_no_error(transform, path, variant):
    text = read(path)
    before = error_rules(lint_text(text, path.name))
    after = error_rules(lint_text(variant, path.name))
    assert after - before == {}, f"{transform.variation}: new errors {dict(after - before)}"
