"""Links that lead elsewhere than the report says, over every report of both corpora (`links_variants`): an
address of another year, a column of another kind of page, a hyperlink that shows one address and opens another
are found at their line and column; the look-alikes a correct report writes in the same places add no warning
or error at all."""
from __future__ import annotations

from collections import Counter
from functools import lru_cache
from pathlib import Path

import pytest

import links_variants as lv
from linter.document.readers import docx as docx_reader
from linter.engine.run import lint
from linter.settings.config import Config
from variant_tools import read

LINK_RULES = ("LINK-YEAR", "LINK-COLUMN-KIND", "LINK-TEXT-TARGET")


def _lint(data: bytes, name: str):
    return lint(data, name, Config())


@lru_cache(maxsize=None)
def _warnings(text: str, name: str) -> Counter:
    return Counter(f.rule for f in _lint(text.encode("utf-8"), name).findings if f.severity in ("error", "warning"))


def _position(text: str, offset: int) -> tuple[int, int]:
    line_start = text.rfind("\n", 0, offset) + 1
    return text.count("\n", 0, offset) + 1, offset - line_start + 1


def _ids(cases) -> list[str]:
    return [f"{c[0].name}-{c[1].parent.name}/{c[1].name}" for c in cases]


CASES = [(s, p, *made) for s in lv.SENTENCES for p in lv.REPORTS if (made := lv.sentence_variant(s, p)) is not None]
DEFECTS = [c for c in CASES if c[0].rule is not None]
LOOK_ALIKES = [c for c in CASES if c[0].rule is None]


def test_every_sentence_applies_to_every_report_whose_year_is_read():
    assert {s.name for s, *_ in CASES} == {s.name for s in lv.SENTENCES}
    applied = {p for _, p, *_ in CASES}
    assert applied >= {p for p in lv.REPORTS if lv.report_year(p) is not None}
    assert any(p in lv.ECOSYSTEM for p in applied) and any(p not in lv.ECOSYSTEM for p in applied)


@pytest.mark.parametrize("sentence,path,variant,written", DEFECTS, ids=_ids(DEFECTS))
def test_an_address_or_column_of_another_page_is_found_at_its_line_and_column(sentence, path, variant, written):
    found = [(f.line, f.column) for f in _lint(variant.encode("utf-8"), path.name).findings if f.rule == sentence.rule]
    at = variant.index(written) + written.index(sentence.after) + len(sentence.after)
    assert found == [_position(variant, at)], sentence.name


@pytest.mark.parametrize("sentence,path,variant,written", LOOK_ALIKES, ids=_ids(LOOK_ALIKES))
def test_a_look_alike_adds_no_warning_or_error(sentence, path, variant, written):
    added = _warnings(variant, path.name) - _warnings(read(path), path.name)
    assert added == {}, sentence.name


OWN = [(name, path, rule, variant, marks) for path in lv.REPORTS
       for name, rule, variant, marks in lv.own_sentence_rewrites(path)]


def test_the_reports_own_sentence_is_rewritten_in_reports_of_both_corpora():
    paths = {path for _, path, *_ in OWN}
    assert any(p in lv.ECOSYSTEM for p in paths) and any(p not in lv.ECOSYSTEM for p in paths)


@pytest.mark.parametrize("name,path,rule,variant,marks", OWN, ids=[f"{c[0]}-{c[1].name}" for c in OWN])
def test_the_reports_own_sentence_made_wrong_is_found_at_its_line_and_column(name, path, rule, variant, marks):
    assert not {f.rule for f in _lint(read(path).encode("utf-8"), path.name).findings} & set(LINK_RULES)
    found = [(f.line, f.column) for f in _lint(variant.encode("utf-8"), path.name).findings if f.rule == rule]
    at = variant.index(marks, lv._OWN_SENTENCE.search(read(path)).start())
    assert found == [_position(variant, at)], name


# ── hyperlinks ───────────────────────────────────────────────────────────────────────────────────────
LINKED = [p for p in lv.REPORTS if lv.report_year(p) is not None]


def _link_findings(result) -> list[tuple[str, int, int]]:
    return sorted((f.rule, f.line, f.column) for f in result.findings if f.rule in LINK_RULES)


@pytest.mark.parametrize("path", LINKED, ids=[f"{p.parent.name}/{p.name}" for p in LINKED])
def test_a_web_page_link_that_opens_another_address_is_found_at_its_text(path):
    page, links = lv.html_with_links(path)
    source = page.decode("utf-8")
    expected = sorted(("LINK-TEXT-TARGET", *_position(source, source.index(f">{shown}</a>") + 1))
                      for link, shown in links if link.defect)
    assert _link_findings(_lint(page, Path(path.name).with_suffix(".html").name)) == expected


@pytest.mark.parametrize("path", LINKED, ids=[f"{p.parent.name}/{p.name}" for p in LINKED])
def test_a_word_hyperlink_that_opens_another_address_is_found_at_its_text(path):
    data, links = lv.docx_with_links(path)
    name = Path(path.name).with_suffix(".docx").name
    document = docx_reader.read(data, name)
    shown_at = {shown: document.source.index(f"（{shown}）") + 1 for _, shown in links}
    assert {link.text.text: link.target for link in document.links} == {
        shown: link.target(lv.report_year(path), lv.host(read(path))) for link, shown in links}
    expected = []
    for link, shown in links:
        position = document.position(shown_at[shown])
        assert document.source[shown_at[shown]:].startswith(shown)
        if link.defect:
            expected.append(("LINK-TEXT-TARGET", position.line, position.column))
    assert _link_findings(_lint(data, name)) == sorted(expected)
