"""The engine's loop over the rules: what a check returns (a list, a tuple, a generator, nothing) becomes the same
findings, the cap counts every hit past it, and a message is filled the same in Chinese and in English."""
from __future__ import annotations

import pytest

from linter.checks.hits import Hit
from linter.engine import run
from linter.engine.run import MAX_FINDINGS_PER_RULE, lint, load_rules, render
from linter.settings.config import Config

EXAMPLE = "examples/2023-wendeng-zetou-town.txt"


@pytest.fixture()
def config() -> Config:
    config = Config()
    load_rules(config)
    return config


def _lint_with(check, config, monkeypatch) -> list:
    """The findings of the example when every check of the substitution kind is `check`."""
    from pathlib import Path

    run._check_of("substitution")
    monkeypatch.setitem(run._CHECKS, "substitution", check)
    data = (Path(__file__).parents[2] / EXAMPLE).read_bytes()
    return lint(data, EXAMPLE, config).findings


def _places(count: int) -> list[Hit]:
    return [Hit(10 + i, 11 + i) for i in range(count)]


@pytest.mark.parametrize("shape", [list, tuple, iter, lambda hits: (hit for hit in hits)])
def test_hits_as_any_iterable_become_the_same_findings(shape, config, monkeypatch):
    as_list = _lint_with(lambda rule, ctx: _places(3), config, monkeypatch)
    as_shape = _lint_with(lambda rule, ctx: shape(_places(3)), config, monkeypatch)
    substitution = [f for f in as_list if f.rule.startswith("WORDING-") and f.start in (10, 11, 12)]
    assert substitution  # (each substitution rule found the three places)
    assert [f.to_json() for f in as_shape] == [f.to_json() for f in as_list]


def test_a_check_that_finds_nothing_adds_no_finding(config, monkeypatch):
    with_none = _lint_with(lambda rule, ctx: iter(()), config, monkeypatch)
    kinds = {r.id: r.kind for r in load_rules(config)}
    assert with_none and not [f for f in with_none if kinds.get(f.rule) == "substitution"]


def test_hits_past_the_cap_are_counted_in_one_finding(config, monkeypatch):
    many = MAX_FINDINGS_PER_RULE + 7
    findings = _lint_with(lambda rule, ctx: (hit for hit in _places(many)), config, monkeypatch)
    one_rule = [f for f in findings if f.rule == "WORDING-KUOKUAN"]
    assert len(one_rule) == MAX_FINDINGS_PER_RULE + 1
    assert [f.data.get("omitted") for f in one_rule if "omitted" in f.data] == [7]


def test_a_chinese_message_never_takes_an_english_value():
    data = {"word": "既", "word_en": "ji", "n": 3}
    assert render("应为“{word}”，共{n}处", data, "zh") == "应为“既”，共3处"
    assert render("字段{word_en}", data, "zh") == "字段{word_en}"  # (an English value is not for Chinese)
    assert render("{missing}：{word}", data, "zh") == "{missing}：既"
    assert render("use {word}", data, "en") == "use ji"
