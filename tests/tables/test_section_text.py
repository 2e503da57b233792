"""The text a table is recovered from (`recover.section_text`) holds each character of its section once.

A heading that runs on into its first paragraph (「三、主动公开政府信息情况第二十条第（一）项…」, as crawled one-line
pages and some text exports write it) gives the outline a section whose run-on body is also its first block: read
both, the section's table was read twice, and rows past the end of the real table were taken from the copy (two
crawled reports got a 表二 "unreadable" that the copy made)."""
from __future__ import annotations

from pathlib import Path

import pytest

from linter.engine.run import analyse
from linter.settings.config import Config
from linter.tables.recover import section_text

ROOT = Path(__file__).resolve().parents[2]
REPORTS = sorted(p for p in (ROOT / "tests" / "fixtures" / "corpus").iterdir() if p.suffix in (".txt", ".md", ".html"))
REPORTS += sorted((ROOT / "tests" / "ecosystem" / "corpus").rglob("*.txt"))


def _offsets(text) -> list[int]:
    """The source offsets of the text's characters, but for the line breaks the join puts between its parts."""
    return [text.offsets[i] for i, ch in enumerate(text.text) if ch != "\n"]


@pytest.mark.parametrize("path", REPORTS, ids=lambda p: p.name)
def test_a_sections_text_reads_each_character_once(path):
    context = analyse(path.read_bytes(), str(path), Config()).context
    for ordinal in "一二三四五六":
        text = section_text(context, ordinal)
        if text is None:
            continue
        offsets = [o for o in _offsets(text) if o is not None and o >= 0]
        assert len(offsets) == len(set(offsets)), f"section {ordinal} reads some of its characters twice"


def test_the_run_on_body_of_a_heading_is_read_with_it():
    """A heading whose body runs on in its paragraph: the body is in the section's text, once."""
    text = ("某县人民政府2023年政府信息公开工作年度报告\n一、总体情况\n本年度主动公开信息。\n"
            "二、主动公开政府信息情况第二十条第（一）项信息内容本年制发件数本年废止件数现行有效件数规章0 0 0\n"
            "三、收到和处理政府信息公开申请情况\n本年新收申请5件。\n")
    context = analyse(text.encode(), "report.txt", Config()).context
    section = section_text(context, "二")
    assert section is not None and section.text.count("规章0 0 0") == 1, section.text
