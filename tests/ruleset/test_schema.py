"""Rule files against the declared parameters: the JSON Schema `report-lint rules --schema` publishes
accepts every shipped rule file, and the validator refuses a wrong parameter type, an unsafe pattern or
an alias bomb with the file and line."""
from __future__ import annotations

import json

import jsonschema
import hostile
import pytest
import yaml

from linter.checks import registry
from linter.resources import rules_dir
from linter.ruleset.loading import load_ruleset
from linter.ruleset.rule import RuleError

RULE = """rules:
  - id: LOCAL-TEST
    category: disclosure
    severity: warning
    scope: document
    check: {check}
    params:
{params}
    message: 测试
    basis: 《中华人民共和国政府信息公开条例》第五十条
    examples: {{bad: ["x"], good: ["y"]}}
"""


def write_rule(tmp_path, check: str, params: str) -> None:
    (tmp_path / "local.yaml").write_text(RULE.format(check=check, params=params), encoding="utf-8")


@pytest.fixture(scope="module")
def schema(run_cli):
    code, out, _ = run_cli("rules", "--schema")
    assert code == 0
    data = json.loads(out)
    jsonschema.Draft202012Validator.check_schema(data)
    return data


SHIPPED = sorted(p for p in (rules_dir() / "gov-2021").glob("*.yaml") if p.name != "ruleset.yaml")


@pytest.mark.parametrize("path", SHIPPED, ids=[p.name for p in SHIPPED])
def test_every_shipped_rule_file_validates_against_the_published_schema(schema, path):
    data = json.loads(json.dumps(yaml.safe_load(path.read_text(encoding="utf-8")), default=str))
    errors = sorted(jsonschema.Draft202012Validator(schema).iter_errors(data), key=lambda e: list(e.path))
    assert errors == [], [f"{list(e.path)}: {e.message}" for e in errors[:3]]


def test_the_schema_lists_every_kind_and_sub_kind(schema):
    checks = schema["properties"]["rules"]["items"]["properties"]["check"]["enum"]
    assert "required" in checks and "structure.order" in checks and "table_cells.filled" in checks
    assert "structure" not in checks  # a kind with aspects is named by its sub-kinds


@pytest.mark.parametrize("check,params,problem", [
    ("required", "      min_chars: '5'", "params.min_chars: must be an integer"),
    ("required", "      any: 信息处理费", "params.any: must be a list"),
    ("table_cells.filled", "      table: t5", "params.table: must be one of t2, t3, t4"),
    ("contact", "      items:\n        - {name: phone, label: 电话, regex: ['\\d+', '(?<!\\d)\\d{11}']}",
     "look-around"),
])
def test_the_schema_and_the_validator_refuse_the_same_mistakes(schema, tmp_path, check, params, problem):
    write_rule(tmp_path, check, params)
    data = yaml.safe_load((tmp_path / "local.yaml").read_text(encoding="utf-8"))
    if "look-around" not in problem:  # JSON Schema cannot tell a safe pattern from an unsafe one
        assert list(jsonschema.Draft202012Validator(schema).iter_errors(data))
    with pytest.raises(RuleError) as caught:
        load_ruleset(tmp_path, registry())
    message = str(caught.value)
    assert message.startswith(f"{tmp_path / 'local.yaml'}:") and problem in message


def test_the_line_is_the_line_of_the_offending_value(tmp_path):
    write_rule(tmp_path, "contact", "      items:\n        - name: phone\n          label: 电话\n          regex:\n"
                                    "            - '\\d+'\n            - '(\\d)\\1'")
    with pytest.raises(RuleError, match=r"local\.yaml:13: rule LOCAL-TEST: params\.items\[0\]\.regex\[1\]: .*backreferences"):
        load_ruleset(tmp_path, registry())


def test_an_unknown_aspect_names_the_aspects(tmp_path):
    write_rule(tmp_path, "structure.moon", "      {}")
    with pytest.raises(RuleError, match=r"local\.yaml:6: .*unknown aspect 'moon' of check kind structure; aspects: sections_present"):
        load_ruleset(tmp_path, registry())


def test_the_older_spelling_with_params_aspect_is_read(tmp_path):
    write_rule(tmp_path, "date", "      aspect: body_year\n      min_count: 3")
    (rule,) = load_ruleset(tmp_path, registry())
    assert rule.check == "date.body_year" and rule.kind == "date" and rule.aspect == "body_year"
    assert rule.params == {"min_count": 3}


def test_an_alias_bomb_is_refused_quickly_with_its_line(tmp_path):
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, 9)]
    (tmp_path / "bomb.yaml").write_text("\n".join(lines) + "\nrules: *a8\n", encoding="utf-8")
    assert (tmp_path / "bomb.yaml").stat().st_size < 1000
    def load():
        with pytest.raises(RuleError, match=r"bomb\.yaml:\d+: YAML syntax error: aliases expand to more than"):
            load_ruleset(tmp_path, registry())

    _, seconds, stretch = hostile.wall_clock(load)
    assert seconds < 5 * stretch, (seconds, stretch)


def test_shared_anchors_within_the_bound_are_fine(tmp_path):
    (tmp_path / "shared.yaml").write_text(
        "words: &words [信息处理费, 处理费]\n" + RULE.format(check="required", params="      any: *words"),
        encoding="utf-8")
    (rule,) = load_ruleset(tmp_path, registry())
    assert rule.params["any"] == ["信息处理费", "处理费"]
