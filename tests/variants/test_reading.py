"""Required statements recognised by their content, and reports read whatever the crawl did to them (issue 28),
over every report of the project's corpus and every modern report of the ecosystem corpus: a rewrite of
`reading_variants` that keeps the facts adds no warning or error (by rule and message: an inserted piece moves the
columns of what follows on a one-line page, so findings are counted by rule), and one that breaks them is found at
its line."""
from __future__ import annotations

from collections import Counter
from functools import lru_cache
from pathlib import Path

import pytest

import reading_variants as rv
import defect_variants  # noqa: F401 - registers the defect classes of issue 29 with reading_variants
from linter.engine.run import analyse, lint
from linter.settings.config import Config
from linter.tables import statistics_tables
from variant_tools import line_of, read

# a rewrite may remove what a finding was about, never add one; these may appear because the rewrite really
# takes something away that the report had (a title line)
ALLOWED = {"title-lost-named-in-opening": {"STRUCT-TITLE-LINE"}, "crawled-header-without-title": {"STRUCT-TITLE-LINE"}}


@lru_cache(maxsize=None)
def findings(path: Path, text: str | None = None) -> Counter:
    result = lint((read(path) if text is None else text).encode("utf-8"), path.name, Config())
    return Counter(f.rule for f in result.findings if f.severity in ("error", "warning"))


CASES = [(r, p, v) for r in rv.NEUTRAL for p in rv.REPORTS if (v := r.apply(read(p), p)) is not None]


def test_every_rewrite_applies_to_reports_of_both_corpora():
    names = {r.name for r in rv.NEUTRAL}
    assert {r.name for r, _, _ in CASES} == names
    in_ecosystem = {r.name for r, p, _ in CASES if p in rv.MODERN_ECOSYSTEM}
    assert in_ecosystem >= names - {"table-spaced-on-one-line", "title-lost-named-in-opening"}


@pytest.mark.parametrize("rewrite,path,variant", CASES, ids=[f"{r.name}-{p.parent.name}/{p.name}" for r, p, _ in CASES])
def test_a_rewrite_that_keeps_the_facts_adds_no_warning_or_error(rewrite, path, variant):
    added = findings(path, variant) - findings(path)
    added = {k: n for k, n in added.items() if k not in ALLOWED.get(rewrite.name, set())}
    assert added == {}, rewrite.variation


DEFECT_CASES = [(d, p, *made) for d in rv.DEFECTS for p in rv.REPORTS if (made := d.apply(read(p), p)) is not None]


def test_every_defect_applies_to_some_report():
    assert {d.name for d, *_ in DEFECT_CASES} == {d.name for d in rv.DEFECTS}


@pytest.mark.parametrize("defect,path,variant,where", DEFECT_CASES,
                         ids=[f"{d.name}-{p.parent.name}/{p.name}" for d, p, *_ in DEFECT_CASES])
def test_a_rewrite_that_breaks_the_facts_is_found_at_its_line(defect, path, variant, where):
    result = lint(variant.encode("utf-8"), path.name, Config())
    lines = [f.line for f in result.findings if f.rule == defect.rule]
    assert line_of(variant, where) in lines, f"{defect.name}: {defect.rule} not at its line: {lines}"
    if defect.rule == "T3-EMPTY":  # the table is there: blank cells, never rows or the table missing
        assert not {f.rule for f in result.findings} & {"TABLE-T3-SHAPE", "TABLE-T3-MISSING"}


# ── what the reading gives, beyond the findings ────────────────────────────────────────────────────────
def _outline(text: str, name: str):
    return analyse(text.encode("utf-8"), name, Config()).context.outline


@pytest.mark.parametrize("path,variant", [(p, v) for r, p, v in CASES if r.name == "signature-then-notes"],
                         ids=lambda x: x.name if isinstance(x, Path) else "")
def test_the_signature_is_found_past_the_notes_and_colophon_after_it(path, variant):
    before, after = _outline(read(path), path.name).closing, _outline(variant, path.name).closing
    assert before is not None and after is not None
    assert (after.agency.text, after.date.text) == (before.agency.text, before.date.text)


@pytest.mark.parametrize("path,variant", [(p, v) for r, p, v in CASES if r.name == "title-lost-named-in-opening"],
                         ids=lambda x: x.name if isinstance(x, Path) else "")
def test_a_report_without_its_title_line_is_named_by_its_opening(path, variant):
    before, after = _outline(read(path), path.name).origin, _outline(variant, path.name).origin
    assert (after.year, after.year_source) == (before.year, "opening")
    assert after.agency == before.agency


@pytest.mark.parametrize("path,variant", [(p, v) for r, p, v in CASES if r.name == "table-spaced-on-one-line"],
                         ids=lambda x: x.name if isinstance(x, Path) else "")
def test_a_table_run_into_one_line_with_spaces_is_read_whole(path, variant):
    def t3(text):
        return statistics_tables(analyse(text.encode("utf-8"), path.name, Config()).context).t3

    clean, flat = t3(read(path)), t3(variant)
    assert flat is not None and {k: c.value for k, c in flat.cells.items()} == {k: c.value for k, c in clean.cells.items()}


@pytest.mark.parametrize("path,variant", [(p, v) for r, p, v in CASES if r.name == "crawled-header-without-title"],
                         ids=lambda x: x.name if isinstance(x, Path) else "")
def test_a_crawled_header_without_its_title_stays_the_page_s(path, variant):
    outline = _outline(variant, path.name)
    header = [b for b in outline.front if getattr(b, "text", None) is not None and ":" in b.text.text[:6]]
    assert header and all(b.role == "metadata" for b in header)
    assert outline.origin.year == _outline(read(path), path.name).origin.year
