"""Prose checks on real reports: totals against their parts, wording, and the tokenizer underneath."""
from __future__ import annotations


import pytest
import yaml

from linter.settings.config import Config
from linter.engine.run import lint
from conftest import ROOT, line_column, mutated_report

CORPUS = ROOT / "tests" / "fixtures" / "corpus"
EXAMPLE = ROOT / "examples" / "2023-wendeng-zetou-town.txt"
EXPECTED = yaml.safe_load((ROOT / "tests" / "fixtures" / "prose_expected.yaml").read_text(encoding="utf-8"))


def prose_findings(data: bytes, name: str):
    cfg = Config()
    cfg.select = ["PROSE", "WORDING"]
    return lint(data, name, cfg).findings


def test_golden_example_report():
    found = prose_findings(EXAMPLE.read_bytes(), str(EXAMPLE))
    assert [(f.rule, f.severity, f.line, f.column) for f in found] == [
        ("PROSE-SUM-MISMATCH", "error", 9, 172),
        ("WORDING-KUOKUAN", "warning", 51, 37),
    ]
    mismatch = found[0]
    assert mismatch.data["total"] == "54篇" and mismatch.data["sum"] == "65"
    assert mismatch.data["parts"] == "25+37+1+1+1"
    source = EXAMPLE.read_text(encoding="utf-8")
    line = source.splitlines()[8]
    assert line[mismatch.column - 1:].startswith("54篇")
    assert source.splitlines()[50][found[1].column - 1:].startswith("扩宽")


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_corpus_prose_findings(name):
    path = CORPUS / name
    found = prose_findings(path.read_bytes(), str(path))
    assert [[f.rule, f.line, f.column] for f in found] == EXPECTED[name]


def test_no_error_level_prose_finding_on_corpus_except_the_known_one():
    errors = []
    for path in sorted(CORPUS.iterdir()):
        if path.suffix in (".txt", ".md", ".html"):
            errors += [(path.name, f.rule, f.line) for f in prose_findings(path.read_bytes(), str(path)) if f.severity == "error"]
    assert errors == [("2023-wendeng-zetou-town.txt", "PROSE-SUM-MISMATCH", 9)]


# ── mutations: change one number of a real breakdown, the right rule fires at the total ──────────────────
MUTATIONS = [
    # file, old text, new text, rule, the text the finding must point at
    ("2013-pingtan-xzf.txt", "不予公开信息数1658条", "不予公开信息数1758条", "PROSE-SUM-PARTS", "3618条"),
    ("2019-pingtan-gwh.txt", "其中专项资金152条", "其中专项资金252条", "PROSE-SUM-PARTS", "380条"),
    ("2023-shuyang-fgj.md", "政府网站信息185条", "政府网站信息195条", "PROSE-SUM-PARTS", "249条"),
    ("2024-huaian-szf.md", "其中结果维持 72 件", "其中结果维持 82 件", "PROSE-SUM-PARTS", "351件"),
    # the total (建议2件) is in the sentence before the breakdown: an excess is found, as a warning
    ("2023-wendeng-zetou-town.txt", "A类1件、D类1件", "A类1件、D类2件", "PROSE-SUM-PARTS", "2件"),
    ("2023-wendeng-zetou-town.txt", "已全部办理完成，办复率100%", "已全部办理完成，办复率50%", "PROSE-RATE", "办复率50%"),
]


@pytest.mark.parametrize("name,old,new,rule,anchor", MUTATIONS, ids=[f"{m[0]}:{m[3]}" for m in MUTATIONS])
def test_mutated_breakdown_fires_at_the_total(name, old, new, rule, anchor):
    source, mutated = mutated_report(name, old, new)
    before = {(f.rule, f.line, f.column) for f in prose_findings(source.encode(), name)}
    fired = [f for f in prose_findings(mutated.encode(), name) if (f.rule, f.line, f.column) not in before]
    assert [f.rule for f in fired] == [rule]
    at = mutated.index(new)
    if rule != "PROSE-RATE":
        at = mutated.rindex(anchor, 0, at)  # the stated total before the breakdown
    else:
        at = mutated.index(anchor)
    assert (fired[0].line, fired[0].column) == line_column(mutated, at)


def test_corrected_example_total_is_silent():
    source = EXAMPLE.read_text(encoding="utf-8").replace("动态政府信息54篇", "动态政府信息65篇")
    assert "PROSE-SUM-MISMATCH" not in {f.rule for f in prose_findings(source.encode(), "x.txt")}
