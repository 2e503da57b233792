"""The disclosure, date and citation rules on every real report: exactly the findings judged right by
reading each report (tests/fixtures/expected_disclosure_findings.yaml), and never a false error."""
from __future__ import annotations

import pytest
import yaml

from conftest import CORPUS, FIXTURES

from linter.settings.config import Config
from linter.engine.run import lint
from linter.document.readers import format_for

OURS = ("DISC-", "DATE-", "CITE-")
EXPECTED = yaml.safe_load((FIXTURES / "expected_disclosure_findings.yaml").read_text(encoding="utf-8"))
REPORTS = sorted(p for p in CORPUS.iterdir() if p.suffix in (".txt", ".md", ".html") and p.name != "SOURCES.md")


def _ours(path):
    result = lint(path.read_bytes(), str(path), Config())
    return [f for f in result.findings if f.rule.startswith(OURS)]


def test_every_report_has_expectations():
    textual = {p.name for p in REPORTS if format_for(p.name) in ("txt", "md")}
    assert textual == set(EXPECTED), "add the new report to expected_disclosure_findings.yaml"


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_corpus_findings_are_exactly_the_judged_ones(name):
    found = sorted((f.rule, f.line) for f in _ours(CORPUS / name))
    assert found == sorted((rule, line) for rule, line, _why in EXPECTED[name])


@pytest.mark.parametrize("path", REPORTS, ids=[p.name for p in REPORTS])
def test_no_error_from_these_rules_on_any_real_report(path):
    """Every corpus report, whatever reader handles it (the HTML twin of a Markdown report included)."""
    assert [(f.rule, f.line) for f in _ours(path) if f.severity == "error"] == []


def test_html_twin_finds_nothing_its_markdown_twin_does_not():
    html = {f.rule for f in _ours(CORPUS / "2023-shuyang-fgj.html")}
    md = {f.rule for f in _ours(CORPUS / "2023-shuyang-fgj.md")}
    assert html <= md
