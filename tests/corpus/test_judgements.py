"""Every error and warning on every real report is judged: the findings the shipped rules give on the
corpus are exactly the judged ones (tests/fixtures/judgements.yaml), none of them false."""
from __future__ import annotations

from collections import Counter

import pytest
import yaml

from conftest import CORPUS, FIXTURES
from linter.engine.run import lint
from linter.settings.config import Config

JUDGEMENTS = yaml.safe_load((FIXTURES / "judgements.yaml").read_text(encoding="utf-8"))
REPORTS = sorted(p for p in CORPUS.iterdir() if p.suffix in (".txt", ".md", ".html") and p.name != "SOURCES.md")


def judged_findings(path) -> Counter:
    result = lint(path.read_bytes(), str(path), Config())
    return Counter((f.rule, f.line) for f in result.findings if f.severity in ("error", "warning"))


def test_judgements_name_real_reports_of_the_corpus():
    assert set(JUDGEMENTS) <= {p.name for p in REPORTS}


@pytest.mark.parametrize("path", REPORTS, ids=[p.name for p in REPORTS])
def test_errors_and_warnings_are_exactly_the_judged_ones(path):
    entries = JUDGEMENTS.get(path.name) or []
    assert all(verdict in ("defect", "accepted") for _, _, verdict, _ in entries), "a false finding is fixed, not judged"
    assert all(why.strip() for *_, why in entries)
    expected = Counter((rule, line) for rule, line, _, _ in entries)
    assert judged_findings(path) == expected
