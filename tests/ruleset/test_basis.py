"""Who must say what: only a statutory requirement — the 条例 or the national format (国办公开办函〔2021〕30号; the
2019 trial format for 2019 reports) — can be an error, and a rule whose basis is custom says so and is at most a
warning.  Checked over every shipped rule."""
from __future__ import annotations

import pytest

from linter.engine.run import load_rules
from linter.settings.config import Config

RULES = load_rules(Config())
STATUTE = ("《中华人民共和国政府信息公开条例》", "国办公开办函〔2021〕30号", "国办公开办函〔2019〕60号")
CUSTOM = "通行做法（非法定要求）"


@pytest.mark.parametrize("rule", [r for r in RULES if r.severity == "error"], ids=lambda r: r.id)
def test_an_error_rests_on_the_statute(rule):
    assert any(law in rule.basis for law in STATUTE), rule.basis
    assert CUSTOM not in rule.basis


@pytest.mark.parametrize("rule", [r for r in RULES if CUSTOM in r.basis], ids=lambda r: r.id)
def test_a_customary_expectation_is_at_most_a_warning_and_says_so_first(rule):
    assert rule.severity in ("warning", "info")
    assert rule.basis.startswith(CUSTOM)


def test_the_customary_expectations_of_the_issue_say_so():
    """The statistics period, contact details, e-mail, the signature block, the title's form, 人大代表建议 and
    政协委员提案, last year's problems: custom, not statute."""
    customary = {r.id for r in RULES if r.basis.startswith(CUSTOM)}
    assert {"DISC-PERIOD", "DISC-CONTACT", "DISC-CONTACT-ONLINE", "STRUCT-CLOSING", "STRUCT-CLOSING-WEB",
            "STRUCT-TITLE-LINE", "DISC-NPC-CPPCC", "DISC-NPC-CPPCC-BOTH", "DISC-SEC5-RECTIFY"} <= customary
