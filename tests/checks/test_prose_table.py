"""Prose against the statistics tables (TX-*) on real reports: corpus findings as data, and mutations that
make one prose count disagree with 表三/表四."""
from __future__ import annotations


import pytest
import yaml

from linter.settings.config import Config
from linter.engine.run import lint
from conftest import ROOT, line_column, mutated_report

CORPUS = ROOT / "tests" / "fixtures" / "corpus"
EXAMPLE = ROOT / "examples" / "2023-wendeng-zetou-town.txt"
EXPECTED = yaml.safe_load((ROOT / "tests" / "fixtures" / "prose_table_expected.yaml").read_text(encoding="utf-8"))


def tx_findings(data: bytes, name: str):
    cfg = Config()
    cfg.select = ["TX"]
    return lint(data, name, cfg).findings


def test_example_report_has_no_table_so_no_tx_finding():
    assert tx_findings(EXAMPLE.read_bytes(), str(EXAMPLE)) == []


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_corpus_tx_findings(name):
    path = CORPUS / name
    assert [[f.rule, f.severity, f.line, f.column] for f in tx_findings(path.read_bytes(), str(path))] == EXPECTED[name]


# file, old, new, rule, the number the finding must point at
MUTATIONS = [
    ("2024-huaian-szf.md", "受理政府信息公开申请 3119 件", "受理政府信息公开申请 3120 件", "TX-RECEIVED", "3120"),
    ("2024-huaian-szf.md", "答复 3050 件", "答复 3049 件", "TX-DONE", "3049"),
    ("2024-huaian-szf.md", "上年度结转申请 34 件", "上年度结转申请 35 件", "TX-CARRYIN", "35"),
    ("2024-huaian-szf.md", "另有 103 件顺延到下年度答复", "另有 104 件顺延到下年度答复", "TX-CARRYOUT", "104"),
    ("2024-huaian-szf.md", "政府信息公开行政复议 351件", "政府信息公开行政复议 350件", "TX-RV", "350"),
    ("2024-huaian-szf.md", "政府信息公开行政诉讼 46 件", "政府信息公开行政诉讼 45 件", "TX-LIT", "45"),
    ("2022-pingtan-gwh.md", "制发的规范性文件88件", "制发的规范性文件87件", "TX-T2", "87"),
    ("2022-pingtan-gwh.md", "现行有效行政规范性文件698件", "现行有效行政规范性文件699件", "TX-T2-CURRENT", "699"),
    ("2024-huaian-szf.txt", "复 3050 件（含", "复 3049 件（含", "TX-DONE", "3049"),
    ("2024-huaian-szf.txt", "申请 3119 件，答", "申请 3118 件，答", "TX-RECEIVED", "3118"),
]


@pytest.mark.parametrize("name,old,new,rule,number", MUTATIONS, ids=[f"{m[0]}:{m[3]}" for m in MUTATIONS])
def test_prose_count_disagreeing_with_the_table_fires_at_the_number(name, old, new, rule, number):
    source, mutated = mutated_report(name, old, new)
    before = {(f.rule, f.line, f.column) for f in tx_findings(source.encode(), name)}
    fired = [f for f in tx_findings(mutated.encode(), name) if (f.rule, f.line, f.column) not in before]
    assert [f.rule for f in fired] == [rule]
    at = mutated.index(new) + new.index(number)
    assert (fired[0].line, fired[0].column) == line_column(mutated, at)


def test_received_including_carry_over_is_silent():
    """共收到 N 件 may count new plus carried-in requests: 3119 + 34 is accepted as well as 3119."""
    source = (CORPUS / "2024-huaian-szf.md").read_text(encoding="utf-8")
    mutated = source.replace("受理政府信息公开申请 3119 件", "受理政府信息公开申请 3153 件")
    assert not [f for f in tx_findings(mutated.encode(), "x.md") if f.rule == "TX-RECEIVED"]


CONTRADICTIONS = [
    ("2024-huaian-hongzequ-qzf.md", "区政府办代表区政府受理政府信息公开申请 17 件", "区政府未收到政府信息公开申请",
     "TX-NONE-REQUEST", "未收到政府信息公开申请"),
    ("2024-huaian-szf.md", "均在法定期限内予以答复。", "所有申请均已按时办结。", "TX-NONE-CARRYOUT", "所有申请均已按时办结"),
]


@pytest.mark.parametrize("name,old,new,rule,claim", CONTRADICTIONS, ids=[c[3] for c in CONTRADICTIONS])
def test_statement_contradicting_the_table_fires_at_the_statement(name, old, new, rule, claim):
    _, mutated = mutated_report(name, old, new)
    fired = [f for f in tx_findings(mutated.encode(), name) if f.rule == rule]
    assert len(fired) == 1
    assert (fired[0].line, fired[0].column) == line_column(mutated, mutated.index(claim))
