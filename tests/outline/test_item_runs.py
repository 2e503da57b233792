"""The parser reads a run of items (paragraphs, tables, pictures, page furniture) as one token: every block of
a run still lands where it stands, in its order — in the preamble, a section, a sub-item, after the closing."""
from __future__ import annotations

from linter.document.readers.text import parse_text
from linter.document.model import Document
from linter.outline.parser import parse_outline


def _outline(source: str):
    document = Document(path="x.txt", format="txt", source=source, blocks=parse_text(source))
    return parse_outline(document)


def test_runs_of_paragraphs_keep_every_block_in_its_place_and_order():
    preamble = [f"根据条例规定编制本报告第{i}段。" for i in range(50)]
    section = [f"本年度主动公开政府信息第{i}条。" for i in range(300)]
    sub = [f"依申请公开办理情况第{i}项。" for i in range(200)]
    source = "\n\n".join(["某县人民政府2023年政府信息公开工作年度报告", *preamble, "一、总体情况", *section,
                          "（一）主动公开", *sub, "某县人民政府", "2024年1月20日", "（此件主动公开）"]) + "\n"
    outline = _outline(source)
    assert [p.text.text for p in outline.preamble] == preamble
    first = outline.section("一")
    assert [b.text.text for b in first.blocks] == section
    assert [s.ordinal for s in first.subitems] == ["一"]
    assert [b.text.text for b in first.subitems[0].blocks] == sub
    assert outline.closing is not None and outline.closing.date.text == "2024年1月20日"
    assert outline.closing.agency.text == "某县人民政府"


def test_a_page_of_many_short_paragraphs_is_outlined_whole():
    lines = ["一、"] * 20_000
    outline = _outline("\n".join(lines) + "\n")
    assert len(outline.preamble) + len(outline.unplaced) == 20_000
