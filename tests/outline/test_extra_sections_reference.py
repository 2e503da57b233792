"""`evidence._mark_extra_sections` held to the item-by-item version it replaced, kept here as the reference:
the same outline (every item's kind, section, deviations and match) on every corpus and crawled report and on
random outlines of numbered headings, sections of the agency's own among them."""
from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from linter.document.readers.text import read
from linter.language.numerals import cn_to_int
from linter.outline import evidence
from linter.outline.parser import classify

ROOT = Path(__file__).resolve().parents[2]
REPORTS = sorted((ROOT / "tests" / "fixtures" / "corpus").glob("*.txt")) + sorted(
    (ROOT / "tests" / "ecosystem" / "corpus").rglob("*.txt"))


def _reference_mark_extra_sections(items) -> None:
    tops = [i for i, c in enumerate(items) if c.kind == "SECTION"]
    for a, b in zip(tops, tops[1:]):
        first = evidence._number(items[a].section) + 1
        run = [i for i in range(a + 1, b) if items[i].kind == "PARA" and items[i].numbered
               and (cn_to_int(items[i].numbered[0]) or 0) >= first]
        numbers = [cn_to_int(items[i].numbered[0]) for i in run]
        if run and numbers == list(range(first, first + len(run))) and evidence._number(items[b].section) == first + len(run):
            for i in run:
                evidence._make_extra(items[i])
    evidence._accept_shifted_ordinals(items)


def _outline_of(data: bytes, monkeypatch, reference: bool) -> list:
    with monkeypatch.context() as patch:
        if reference:
            patch.setattr(evidence, "_mark_extra_sections", _reference_mark_extra_sections)
        items, _ = classify(read(data, "report.txt"))
    return [(c.kind, c.block.span, c.section and (c.section.spec and c.section.spec.key, c.section.written_ordinal,
             c.section.title, tuple(c.section.deviations), c.section.match)) for c in items]


def _assert_as_before(data: bytes, monkeypatch) -> list:
    got = _outline_of(data, monkeypatch, reference=False)
    assert got == _outline_of(data, monkeypatch, reference=True)
    return got


def test_reports_outline_as_before(monkeypatch):
    extra = 0
    for path in REPORTS:
        got = _assert_as_before(path.read_bytes(), monkeypatch)
        extra += any(c[2] and "extra_section" in c[2][3] for c in got)
    assert extra  # (some report has a section of the agency's own)


TITLES = ["总体情况", "主动公开政府信息情况", "收到和处理政府信息公开申请情况", "政府信息公开行政复议、行政诉讼情况",
          "存在的主要问题及改进情况", "其他需要报告的事项", "信息处理费收取情况", "年度工作核心成效", "工作亮点"]
ORDINALS = "一二三四五六七八九"


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(ORDINALS), st.sampled_from(TITLES)), max_size=10))
def test_random_outlines_as_before(headings):
    lines = ["某县人民政府2023年政府信息公开工作年度报告", ""]
    for ordinal, title in headings:
        lines += [f"{ordinal}、{title}", "", "本年度工作情况如下。", ""]
    with pytest.MonkeyPatch.context() as monkeypatch:
        _assert_as_before("\n".join(lines).encode(), monkeypatch)
