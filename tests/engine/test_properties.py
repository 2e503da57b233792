"""Property tests: whatever text comes in, the pipeline returns findings at positions inside the source
and never raises.  Example counts are fixed by the `ci` hypothesis profile (tests/fuzzing.py); run
`HYPOTHESIS_PROFILE=long python -m pytest tests/engine/test_properties.py` for the long run (docs/fuzzing.md).
"""
from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from fuzzing import (
    CORPUS_TEXTS, any_unicode, assembled_report, assert_positions_inside, chinese, heading, pipe_table,
    scaled, shuffled_report, truncated_report,
)
from linter.settings.config import Config
from linter.engine.run import lint
from linter.document.model import Paragraph, Table
from linter.document.readers import ReadError, read_document
from linter.outline.parser import parse_outline
from test_normalize import reference

CONFIG = Config()
CONFIG_EN = Config(lang="en", report_year=2023)
formats = st.sampled_from(["report.txt", "report.md"])


def _lint_text(text: str, path: str, config: Config = CONFIG):
    result = lint(text.encode("utf-8"), path, config)
    assert result.error == (None if text.encode("utf-8").strip() else "the file is empty")
    assert_positions_inside(result, text)
    return result


@settings(max_examples=scaled(80))
@given(any_unicode, formats)
def test_lint_never_raises_on_random_unicode(text, path):
    data = text.encode("utf-8", "surrogatepass")
    result = lint(data, path, CONFIG)
    assert_positions_inside(result)


@settings(max_examples=scaled(80))
@given(chinese, formats)
def test_lint_never_raises_on_random_chinese(text, path):
    _lint_text(text, path)


@settings(max_examples=scaled(60))
@given(st.lists(st.one_of(heading(), chinese), max_size=20), formats)
def test_lint_on_headings_with_random_ordinals(parts, path):
    _lint_text("\n".join(parts), path, CONFIG_EN)


@settings(max_examples=scaled(60))
@given(st.lists(st.one_of(pipe_table(), heading()), min_size=1, max_size=6), formats)
def test_lint_on_tables_with_random_cells(parts, path):
    _lint_text("\n\n".join(parts), path)


@settings(max_examples=scaled(40))
@given(assembled_report(), formats)
def test_lint_on_assembled_pieces_of_real_reports(text, path):
    _lint_text(text, path)


@settings(max_examples=scaled(30))
@given(shuffled_report(), formats)
def test_lint_on_reports_with_shuffled_or_duplicated_sections(text, path):
    _lint_text(text, path)


@settings(max_examples=scaled(30))
@given(truncated_report())
def test_lint_on_reports_truncated_at_a_random_byte(case):
    name, data = case
    result = lint(data, name, CONFIG)
    # Cutting inside a multi-byte character may make the file undecodable: then one input finding.
    assert_positions_inside(result)


# ── the structure parser alone ────────────────────────────────────────────────────────────────────


def _block_ids(report) -> list[int]:
    ids = [id(b) for b in report.front + report.preamble + report.unplaced]
    for sec in report.sections:
        ids.append(id(sec.heading))
        ids += [id(b) for b in sec.blocks if b is not None]
        for sub in sec.subitems:
            ids += [id(sub.heading)] + [id(b) for b in sub.blocks]
    return ids


def _parse(text: str, path: str):
    try:
        doc = read_document(text.encode("utf-8", "surrogatepass"), path)
    except ReadError:
        return None, None
    return doc, parse_outline(doc)


@settings(max_examples=scaled(80))
@given(st.one_of(any_unicode, chinese, assembled_report(), shuffled_report()), formats)
def test_parse_report_never_raises_and_keeps_spans_inside(text, path):
    doc, report = _parse(text, path)
    if doc is None:
        return
    n = len(doc.source)
    for sec in report.sections:
        a, b = sec.heading.source_span()
        assert 0 <= a <= b <= n
        assert sec.ordinal
    for block in report.front + report.preamble + report.unplaced:
        a, b = block.span
        assert 0 <= a <= b <= n
    if report.title is not None:
        a, b = report.title.text.source_span()
        assert 0 <= a <= b <= n
    # no block is placed twice
    ids = _block_ids(report)
    assert len(ids) == len(set(ids))


@settings(max_examples=scaled(40))
@given(shuffled_report())
def test_shuffled_sections_are_still_parsed_into_sections(text):
    """Reordering or repeating whole sections never makes the grammar give up (everything unplaced)."""
    doc, report = _parse(text, "r.txt")
    standard_heading = re.search(r"^\s*[一二三四五六]、(总体情况|主动公开政府信息情况)\s*$", text, re.M)
    if standard_heading:
        assert report.sections, "a standard section heading was not parsed as a section"
        assert len(report.unplaced) < len(doc.blocks)


def test_corpus_texts_are_available():
    assert len(CORPUS_TEXTS) >= 10


# ── readers: every character of a block maps into the source ─────────────────────────────────────


@settings(max_examples=scaled(60))
@given(st.one_of(chinese, assembled_report()), formats)
def test_reader_offsets_point_at_the_source(text, path):
    doc = read_document(text.encode("utf-8"), path)
    for block in doc.blocks:
        pieces = [block.text] if isinstance(block, Paragraph) else (
            [c.text for r in block.rows for c in r] if isinstance(block, Table) else [block.text])
        for piece in pieces:
            assert list(piece.offsets) == sorted(piece.offsets)
            for ch, off in zip(piece.text, piece.offsets):
                assert 0 <= off < len(doc.source)
                if ch not in " ":  # a folded space may stand for any kind of whitespace
                    src = doc.source[off]
                    assert ch == src or ord(src) - 0xFEE0 == ord(ch), (ch, src)


# ── the run-based normaliser equals the original character-by-character one ──────────────────────
# (the oracle is the definition in tests/document/test_normalize.py)

spaced = st.text(alphabet=st.sampled_from(list(" \t\n\r\u3000\u00a0\u200b\ufeff\x0b\x0cab1２Ａｚ年，。：（"
                                                 "\u2018\u201c\u2026中文")), max_size=60)


@settings(max_examples=scaled(200))
@given(st.one_of(spaced, any_unicode), st.integers(0, 1000), st.booleans())
def test_normalize_matches_the_reference_implementation(raw, base, drop):
    from linter.document.model import normalize

    t = normalize(raw, base, drop)
    assert (t.text, list(t.offsets)) == reference(raw, base, drop)


@settings(max_examples=scaled(30))
@given(shuffled_report(), st.lists(st.integers(-5, 20000), min_size=1, max_size=20))
def test_section_of_offset_matches_a_linear_scan(text, offsets):
    from linter.engine.run import analyse

    ctx = analyse(text.encode("utf-8"), "r.txt", CONFIG).context
    for offset in offsets:
        expected = None
        for sec in ctx.outline.sections:
            if sec.heading.source_span()[0] <= offset:
                expected = sec.ordinal
        assert ctx.section_of_offset(offset) == expected
