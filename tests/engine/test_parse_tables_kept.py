"""What the grammars and the segmenter's dictionary make is kept between runs: the LALR tables the outline and
the claim parser run (`linter.lalr.table`), the parsed identities of the table rules
(`tables.identity.parse_identity`) and jieba's prefix dictionary (`language.segmentation`).  A run that finds
them imports no part of lark or jieba; what they hold is what lark and jieba make now."""
from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from conftest import ROOT

from linter.tables.identity import FORMAT_IDENTITIES, _from_plain, _parse, _to_plain, parse_identity

EXAMPLE = ROOT / "examples" / "2023-wendeng-zetou-town.txt"

# A first lint in a fresh process, as the worker of a cold `check` runs it: which lark modules it imported, and
# its findings.
PROBE = f"""
import json, sys
from linter import compiled
compiled.install()
from linter.settings.config import Config
from linter.engine.run import lint, load_rules
config = Config(); load_rules(config)
path = {str(EXAMPLE)!r}
result = lint(open(path, "rb").read(), path, config)
compiled.save()
print(json.dumps({{"lark": sorted(m for m in sys.modules if m.split(".")[0] in ("lark", "jieba")),
                  "findings": [[f.rule, f.line, f.message] for f in result.findings]}}))
"""


def _probe(cache: str) -> dict:
    env = dict(os.environ, PYTHONPATH=str(ROOT), REPORT_LINT_CACHE_DIR=cache)
    env.pop("REPORT_LINT_NO_RULE_CACHE", None)
    run = subprocess.run([sys.executable, "-c", PROBE], env=env, capture_output=True, text=True, check=True)
    return json.loads(run.stdout)


def test_a_run_with_its_caches_imports_no_part_of_lark_or_jieba_and_finds_the_same(tmp_path):
    first = _probe(str(tmp_path))
    assert {m.split(".")[0] for m in first["lark"]} == {"lark", "jieba"}, "the first run builds what is kept"
    again = _probe(str(tmp_path))
    assert again["lark"] == []
    assert again["findings"] == first["findings"] and again["findings"]


def _shipped_identities() -> list[str]:
    import yaml

    found = [e for expressions in FORMAT_IDENTITIES.values() for e in expressions]
    for path in sorted((ROOT / "rules").rglob("*.yaml")):
        for rule in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("rules", []) or []:
            if isinstance(rule, dict) and rule.get("check") == "identity":
                found.append(rule["params"]["identity"])
    return found


def test_every_shipped_identity_is_kept_as_it_is_parsed():
    expressions = _shipped_identities()
    assert len(expressions) >= 10
    for expression in expressions:
        parsed = _parse(expression)
        assert _from_plain(_to_plain(parsed)) == parsed, expression
        assert parse_identity(expression) == parsed, expression


@pytest.mark.parametrize("expression", [
    "t3[R1, T] >= 0.5 + t3[R2, T] for c in [NP, BE]",
    "t4[b, T] == 0 for b in blocks if t4[b, M] + t4[b, C] != 0",
    "t2[R1, c] - t2[R2, c] <= 12.50 for c in fields",
])
def test_numbers_lists_and_conditions_survive_being_kept(expression):
    parsed = _parse(expression)
    assert _from_plain(_to_plain(parsed)) == parsed


@pytest.mark.parametrize("expression", ["t3[R1, T] ==", "t9[R1, T] == 0", "t3[R1, c] == 0 for c in nowhere"])
def test_an_invalid_identity_is_refused_every_time(expression):
    from linter.tables.identity import IdentityError

    for _ in range(2):
        with pytest.raises(IdentityError):
            parse_identity.__wrapped__(expression)
