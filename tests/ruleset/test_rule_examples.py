"""Every rule's own examples: each bad example fires its rule on its line (and, for a safe fix, gives its
fixed text), each good example does not.  The base reports the examples refer to are clean."""
from __future__ import annotations

import pytest

from linter.checks import registry
from linter.engine.examples import check_bad, run_example
from linter.engine.inputs import input_rules
from linter.engine.run import analyse, load_rules, run_rules
from linter.resources import rules_dir
from linter.ruleset.loading import load_ruleset
from linter.settings.config import Config

RULES = [rule for d in sorted(p for p in rules_dir().iterdir() if p.is_dir() and p.name != "dict")
         for rule in load_ruleset(d, registry())] + list(input_rules().values())
CASES = [(rule, group, i, ex) for rule in RULES for group in ("bad", "good")
         for i, ex in enumerate(rule.examples.get(group, []), 1)]
BASES = sorted((rules_dir() / "gov-2021" / "bases").glob("*.md"))


def test_every_rule_has_bad_and_good_examples():
    assert RULES
    for rule in RULES:
        assert rule.examples["bad"], rule.id
        assert rule.examples["good"], rule.id
        assert rule.basis and rule.description, rule.id


@pytest.mark.parametrize("rule,group,index,example", CASES, ids=[f"{r.id}-{g}{i}" for r, g, i, _ in CASES])
def test_rule_example(rule, group, index, example):
    if group == "bad":
        problem = check_bad(rule, example, Config(builtin=False))
        assert problem is None, f"{rule.id}: bad example {index} {problem}"
    else:
        fired = run_example(rule, example, Config(builtin=False))
        assert not fired, f"{rule.id}: good example {index} fired: {fired[0].message}"


@pytest.mark.parametrize("path", BASES, ids=[p.stem for p in BASES])
def test_base_reports_are_clean(path):
    """A base report gives no finding at all: an example that changes it shows exactly its change."""
    config = Config()
    analysis = analyse(path.read_bytes(), str(path), config)
    previous = path.with_name(path.stem.replace(str(analysis.context.year), str(analysis.context.year - 1)) + ".md")
    if previous.is_file():
        analysis.context.previous = analyse(previous.read_bytes(), str(previous), config).context
    findings = run_rules(analysis, load_rules(config)).findings
    assert [(f.rule, f.line) for f in findings] == []


def test_a_base_change_that_misses_its_target_is_reported():
    from linter.engine.examples import ExampleError, build

    rule = RULES[0]
    with pytest.raises(ExampleError, match="occurs 0 times"):
        build(rule, {"base": "county-2023", "replace": {"不在基础报告中的文字": "x"}})
    with pytest.raises(ExampleError, match="no base report"):
        build(rule, {"base": "no-such-base"})
    with pytest.raises(ExampleError, match="no cell t3.R99.T"):
        build(rule, {"base": "county-2023", "cells": {"t3.R99.T": 1}})


def test_base_changes_land_where_the_outline_and_tables_place_them():
    from linter.document.model import Image
    from linter.engine.examples import build
    from linter.tables import statistics_tables

    built = build(RULES[0], {"base": "county-2023",
                             "sections": {"一": "本年度新收政府信息公开申请12件。", "三": "表三如下。"},
                             "cells": {"t3.R1.T": 45}, "tables": {"t2": "[image: 表二.jpg]", "t4": "[image: 表四.jpg]"}})
    section_one = built.text.split("一、总体情况", 1)[1].split("二、主动公开政府信息情况", 1)[0]
    assert section_one.strip() == "本年度新收政府信息公开申请12件。"
    assert "\n[image: 表二.jpg]\n" in built.text and "\n[image: 表四.jpg]\n" in built.text
    ctx = analyse(built.text.encode("utf-8"), "x.md", Config(), "md").context
    tables = statistics_tables(ctx)
    assert tables.t2 is None and tables.t4 is None  # replaced by pictures, which are read as pictures
    assert sorted(b.name for b in ctx.document.blocks if isinstance(b, Image)) == ["表二.jpg", "表四.jpg"]
    assert tables.t3.cell("R1", "T").value == 45 and tables.t3.cell("R1", "NP").value == 40  # still a table
    assert "表三如下。" in ctx.outline.section("三").paragraphs()[0].text.text
    assert "| 行政许可 |" not in built.text  # what a change replaces is gone …
    assert "本年度未收取信息处理费。" in built.text  # … and what it does not change stays
