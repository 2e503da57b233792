"""Parameter validation of the required, date, contact and pattern check kinds, through the parameters
each kind declares: a bad rule is reported with its file and line, never run."""
from __future__ import annotations

import pytest

from linter.checks import registry
from linter.ruleset.schema import rule_problems

required, date, contact, pattern = "required", "date", "contact", "pattern"


def param_problems(kind: str, params: dict) -> list[str]:
    """The problems of a rule of `kind` with `params` (an `aspect` key names the sub-kind)."""
    params = dict(params)
    aspect = params.pop("aspect", None)
    entry = {"id": "LOCAL-TEST", "category": "wording", "severity": "warning", "scope": "document",
             "check": f"{kind}.{aspect}" if aspect else kind, "params": params, "message": "m", "basis": "b",
             "examples": {"bad": ["x"], "good": []}}
    return [f"{p.where()}: {p.message}" for p in rule_problems(entry, registry())]


@pytest.mark.parametrize("module,params,problem", [
    (required, {}, "at least one"),
    (required, {"any": "信息处理费"}, "params.any"),
    (required, {"regex": ["("]}, "invalid pattern"),
    (required, {"groups": [{"label": "x"}]}, "needs at least one of `any`, `regex`"),
    (required, {"groups": [{"any": ["x"]}]}, "label"),
    (required, {"min_chars": 0}, "min_chars: must be an integer ≥ 1"),
    (required, {"any": ["x"], "only_if": {"words": ["y"]}}, "only_if"),
    (required, {"any": ["x"], "accept_in": "section:七"}, "scope"),
    (required, {"any": ["x"], "report_at": "everywhere"}, "scope"),
    (required, {"any": ["x"], "colour": "red"}, "unknown parameter"),
    (date, {"aspect": "moon"}, "aspect"),
    (date, {"aspect": "period_present"}, "finds"),
    (date, {"aspect": "publish_deadline", "deadlines": {"department": "13-01"}}, "MM-DD"),
    (date, {"aspect": "body_year", "min_count": 0}, "min_count"),
    (contact, {"items": []}, "non-empty"),
    (contact, {"items": [{"name": "phone", "label": "电话", "regex": ["[0-9"]}]}, "invalid pattern"),
    (contact, {"items": [{"name": "phone", "label": "电话", "regex": ["x"], "digits": [7]}]}, "digits"),
    (pattern, {"regex": []}, "non-empty"),
    (pattern, {"regex": ["(?P<amount>\\d+)元"], "numeric": {"group": "amount"}}, "multiple_of"),
    (pattern, {"regex": ["\\d+元"], "numeric": {"group": "amount", "multiple_of": 10}}, "named group"),
])
def test_bad_parameters_are_named(module, params, problem):
    problems = param_problems(module, params)
    assert problems and problem in problems[0]


def test_bad_pattern_in_a_user_rule_file_is_a_usage_error(run_cli, tmp_path):
    from conftest import EXAMPLE, FIXTURES

    text = (FIXTURES / "rules-custom" / "postcode.yaml").read_text(encoding="utf-8")
    (tmp_path / "postcode.yaml").write_text(text.replace("(?P<value>\\d{6})", "(?P<value>\\d{6}"), encoding="utf-8")
    code, _, err = run_cli("check", "--rules", tmp_path, EXAMPLE)
    assert code == 2
    assert f"{tmp_path / 'postcode.yaml'}:" in err and "invalid pattern" in err
